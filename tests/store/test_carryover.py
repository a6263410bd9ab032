"""« Suite donnée aux conclusions précédentes »: the rule alone, then over a chain of four real
meetings — one action opened, carried twice and closed; one abandoned; one still open."""

from datetime import datetime

import pytest

from comite.store import MembershipInput
from comite.store.carryover import UNDATED, Dated, Facts, carried
from comite.store.conclusions import ConclusionInput
from comite.store.errors import Refused, ValidationError
from comite.store.minutes_models import ConclusionKind, ConclusionStatus
from tests.store.meeting_setup import first_topic, held, poll

TIMELINE = [Dated(1, "2027-01-10"), Dated(2, "2027-02-10"), Dated(3, "2027-03-10"),
            Dated(4, UNDATED)]


def test_an_open_conclusion_counts_every_later_meeting():
    facts = [Facts(10, opened_in=1, open=True, closed_in=None, closed_at=None)]
    assert [carried(TIMELINE, facts, m) for m in (1, 2, 3, 4)] == [
        [], [(10, 1)], [(10, 2)], [(10, 3)]]


def test_a_closed_conclusion_shows_up_to_the_meeting_that_closed_it():
    facts = [Facts(10, opened_in=1, open=False, closed_in=3, closed_at="2027-03-10T19:00")]
    assert [carried(TIMELINE, facts, m) for m in (2, 3, 4)] == [[(10, 1)], [(10, 2)], []]


def test_closed_between_meetings_it_leaves_the_next_agenda():
    facts = [Facts(10, opened_in=1, open=False, closed_in=None, closed_at="2027-02-20T09:00")]
    assert [carried(TIMELINE, facts, m) for m in (2, 3, 4)] == [[(10, 1)], [], []]


def test_the_timeline_is_read_in_date_order_whatever_the_ids():
    shuffled = [Dated(7, "2027-03-10"), Dated(3, "2027-01-10"), Dated(5, "2027-02-10")]
    facts = [Facts(10, opened_in=3, open=True, closed_in=None, closed_at=None)]
    assert carried(shuffled, facts, 7) == [(10, 2)]
    assert carried(shuffled, facts, 3) == []  # never before, nor at, its own meeting
    assert carried(shuffled, facts, 99) == []  # a meeting not on the timeline (cancelled)


@pytest.fixture
def chain(store, committee, members):
    """Three meetings held a month apart and a fourth being polled."""
    meetings = [held(store, committee.id, datetime(2027, month, 12, 18, 0), f"Comité {month}")
                for month in (1, 2, 3)]
    next_one, _slots = poll(store, committee.id, datetime(2027, 4, 13, 18, 0), title="Comité 4")
    return [*meetings, next_one]


def test_a_chain_of_four_meetings(store, chain, members):
    first, second, third, fourth = chain
    conclusions = store.conclusions
    action = conclusions.add(first_topic(store, first.id), ConclusionInput(
        "Relire le livret d’accueil", owner_id=members.president.person_id, due_on="15/02/2027"))
    dropped = conclusions.add(first_topic(store, first.id), ConclusionInput(
        "Organiser une visite de la pharmacie", due_on="01/03/2027"))
    conclusions.add(first_topic(store, second.id), ConclusionInput(
        "Mettre à jour le site internet", owner_id=members.member.person_id))

    def shown(meeting):
        return {c.conclusion.text: (c.times, c.conclusion.status) for c in conclusions.carried(meeting.id)}

    assert shown(first) == {}
    assert shown(second) == {"Relire le livret d’accueil": (1, ConclusionStatus.OPEN),
                             "Organiser une visite de la pharmacie": (1, ConclusionStatus.OPEN)}
    conclusions.close(dropped.id, ConclusionStatus.ABANDONED, "La pharmacie déménage.",
                      in_meeting_id=second.id)
    conclusions.close(action.id, ConclusionStatus.DONE, "Livret relu et réimprimé.",
                      in_meeting_id=third.id)
    assert shown(second)["Organiser une visite de la pharmacie"] == (1, ConclusionStatus.ABANDONED)
    assert shown(third) == {"Relire le livret d’accueil": (2, ConclusionStatus.DONE),
                            "Mettre à jour le site internet": (1, ConclusionStatus.OPEN)}
    assert shown(fourth) == {"Mettre à jour le site internet": (2, ConclusionStatus.OPEN)}
    carried_one = conclusions.carried(third.id)[0]
    assert carried_one.label == "reportée ×2"
    assert (carried_one.conclusion.meeting_title, carried_one.conclusion.owner_name,
            carried_one.conclusion.closed_reason) == ("Comité 1", "Louise Martin",
                                                      "Livret relu et réimprimé.")


def test_reassigning_and_redating_from_a_later_meeting_changes_the_conclusion(store, chain, members):
    first, second, *_rest = chain
    action = store.conclusions.add(first_topic(store, first.id), ConclusionInput(
        "Relire le livret d’accueil", owner_id=members.president.person_id))
    store.minutes.adopt(first.id, in_meeting_id=second.id)
    store.minutes.sign(first.id, [("Louise Martin", "Présidente")])
    # A follow-up is not an edit of the signed minutes: no confirmation, signatures kept.
    moved = store.conclusions.follow_up(action.id, None, "30/06/2027", in_meeting_id=second.id)
    assert (moved.owner_name, moved.due_on.isoformat()) == ("le comité", "2027-06-30")
    assert store.minutes.state(first.id).locked
    with pytest.raises(ValidationError):
        store.conclusions.follow_up(action.id, None, "31/02/2027", in_meeting_id=second.id)


def test_closing_needs_a_word_why_and_a_meeting_of_the_same_committee(store, chain, structure,
                                                                     members):
    first, second, *_rest = chain
    action = store.conclusions.add(first_topic(store, first.id), ConclusionInput("Écrire au maire"))
    with pytest.raises(ValidationError, match="pourquoi"):
        store.conclusions.close(action.id, ConclusionStatus.DONE, "  ")
    other = store.committees.create(structure.id, "Groupe affiche", "groupe_travail")
    store.memberships.add(other.id, members.member.person_id, MembershipInput())
    elsewhere = held(store, other.id, datetime(2027, 2, 1, 10, 0))
    with pytest.raises(Refused, match="comité"):
        store.conclusions.close(action.id, ConclusionStatus.DONE, "Fait", in_meeting_id=elsewhere.id)
    assert store.conclusions.get(action.id).status is ConclusionStatus.OPEN
    store.conclusions.close(action.id, ConclusionStatus.DONE, "Lettre envoyée", in_meeting_id=second.id)
    with pytest.raises(Refused, match="déjà close"):
        store.conclusions.close(action.id, ConclusionStatus.ABANDONED, "Non")
    assert store.conclusions.reopen(action.id).status is ConclusionStatus.OPEN


def test_a_decision_without_due_date_is_not_carried(store, chain):
    first, second, *_rest = chain
    store.conclusions.add(first_topic(store, first.id), ConclusionInput(
        "Le comité adopte son règlement intérieur", kind=ConclusionKind.DECISION))
    dated = store.conclusions.add(first_topic(store, first.id), ConclusionInput(
        "Le comité ouvrira une permanence", kind=ConclusionKind.DECISION, due_on="01/06/2027"))
    assert [c.conclusion.id for c in store.conclusions.carried(second.id)] == [dated.id]


def test_once_adopted_a_conclusion_is_closed_never_deleted(store, chain):
    first, second, *_rest = chain
    draft_one = store.conclusions.add(first_topic(store, first.id), ConclusionInput("Brouillon"))
    assert store.conclusions.removal_refusal(draft_one.id) is None
    store.conclusions.remove(draft_one.id)
    kept = store.conclusions.add(first_topic(store, first.id), ConclusionInput("Affiche"))
    store.minutes.adopt(first.id, in_meeting_id=second.id)
    with pytest.raises(Refused, match="Fermez-la") as caught:
        store.conclusions.remove(kept.id)
    assert store.conclusions.removal_refusal(kept.id) == caught.value.message, "asked first"
    assert store.conclusions.get(kept.id).text == "Affiche"


def test_conclusions_are_taken_in_a_held_meeting_only(store, chain):
    fourth = chain[3]
    with pytest.raises(Refused, match="séance"):
        store.conclusions.add(first_topic(store, fourth.id), ConclusionInput("Trop tôt"))
    assert store.conclusions.for_meeting(fourth.id) == []


def test_open_conclusions_by_owner_overdue_first(store, chain, members):
    first = chain[0]
    topic = first_topic(store, first.id)
    add = store.conclusions.add
    add(topic, ConclusionInput("Plus tard", owner_id=members.member.person_id, due_on="01/12/2027"))
    add(topic, ConclusionInput("En retard", owner_id=members.member.person_id, due_on="01/02/2027"))
    add(topic, ConclusionInput("Sans date", owner_id=members.president.person_id))
    add(topic, ConclusionInput("Pour tous", due_on="01/11/2027"))
    today = datetime(2027, 3, 1).date()
    groups = store.conclusions.open_by_owner(today)
    assert [owner for owner, _items in groups] == ["Paul Petit", "le comité", "Louise Martin"]
    assert [c.text for c in groups[0][1]] == ["En retard", "Plus tard"]
    assert groups[0][1][0].overdue(today) and not groups[0][1][1].overdue(today)
