"""The demo data: a small realistic example and a benchmark-sized fill."""

from datetime import timedelta

import pytest

from comite.store import Refused, open_store
from comite.store import validation as check
from comite.store.committee_models import CommitteeKind, Seat
from comite.store.demo import fill_large, fill_small


def _emails(store) -> list[str]:
    return [row[0] for row in store.db.connection().execute(
        "SELECT email FROM people WHERE email != ''")]


@pytest.fixture
def small(store, today):
    summary = fill_small(store, today)
    return store, summary


def test_fill_small_counts(small):
    store, summary = small
    assert 35 <= summary.people <= 45
    assert summary.people == store.people.count()
    assert summary.structures == store.structures.count() == 2
    assert summary.committees == store.committees.count() >= 2
    assert summary.memberships > 10
    assert store.integrity() == []


def test_fill_small_has_a_cdu_with_titulars_and_their_substitutes(small):
    store, _summary = small
    (cdu,) = [s for s in store.committees.all() if s.committee.kind is CommitteeKind.CDU]
    assert cdu.titulars >= 2
    assert cdu.substitutes >= 2
    members = {m.id: m for m in store.memberships.of_committee(cdu.committee.id)}
    substitutes = [m for m in members.values() if m.seat is Seat.SUBSTITUTE]
    assert substitutes
    for substitute in substitutes:
        titular = members[substitute.substitute_for]  # a titulaire of the same committee
        assert titular.seat is Seat.TITULAR
        assert substitute.substitute_for_name == titular.person_name


def test_fill_small_has_mandates_ending_within_90_days(small, today):
    store, _summary = small
    ending = store.memberships.ending_within(90, today)
    assert len(ending) >= 2
    assert all(0 <= e.days_left <= 90 for e in ending)
    assert {e.membership.committee_name for e in ending} >= {"Commission des usagers (CDU)"}


def test_fill_small_follows_today(store, today):
    later = today + timedelta(days=400)
    fill_small(store, later)
    assert store.memberships.ending_within(90, later)
    assert not store.memberships.ending_within(90, today)


def test_fill_small_people_pass_validation(small):
    store, _summary = small
    for row in store.db.connection().execute("SELECT email, phone FROM people"):
        assert check.email("email", row["email"]) == row["email"]
        assert check.phone("phone", row["phone"]) == row["phone"]


def test_fill_small_refuses_a_non_empty_store(small, today):
    store, summary = small
    with pytest.raises(Refused) as caught:
        fill_small(store, today)
    assert "déjà des données" in caught.value.message
    assert store.people.count() == summary.people
    with pytest.raises(Refused):
        fill_large(store, today, people=10, structures=1)
    assert store.structures.count() == 2


def test_fill_small_is_reproducible(tmp_path, today):
    def names(path):
        opened = open_store(path)
        try:
            fill_small(opened, today, seed=3)
            return [row.full_name for row in opened.people.page(limit=100).rows]
        finally:
            opened.close()

    assert names(tmp_path / "a.sqlite") == names(tmp_path / "b.sqlite")


def test_fill_large_gives_the_counts_asked(store, today):
    summary = fill_large(store, today, people=2000, structures=20)
    assert (summary.people, summary.structures, summary.committees) == (2000, 20, 20)
    assert store.people.count() == 2000
    assert store.structures.count() == 20
    assert store.committees.count() == 20
    assert summary.memberships == 200
    conn = store.db.connection()
    assert conn.execute("SELECT count(*) FROM person_roles").fetchone()[0] == 2000
    assert store.integrity() == []
    # the search index was filled by the triggers
    assert store.people.page("nguyen").total == conn.execute(
        "SELECT count(*) FROM people WHERE last_name = 'Nguyen'").fetchone()[0] > 0


def test_fill_large_emails_and_phones_are_valid(store, today):
    fill_large(store, today, people=300, structures=3)
    for row in store.db.connection().execute("SELECT email, phone FROM people"):
        assert check.email("email", row["email"]) == row["email"]
        assert check.phone("phone", row["phone"]) == row["phone"]


@pytest.mark.parametrize("fill", ["small", "large"])
def test_every_demo_email_is_in_example_org(store, today, fill):
    if fill == "small":
        fill_small(store, today)
    else:
        fill_large(store, today, people=500, structures=5)
    emails = _emails(store)
    assert emails
    assert all(email.endswith("@example.org") for email in emails), [
        e for e in emails if not e.endswith("@example.org")]
