"""A commission des usagers as the law sets it (R. 1112-81 to R. 1112-88 CSP): the category of
each seat, the présidence, the RU's ARS mandates, the quarterly rhythm — refused where a seat
breaks a rule, said where the commission lacks something."""

from datetime import date, datetime

import pytest

from comite.store import MembershipInput
from comite.store.cdu_composition import cdu_gaps
from comite.store.committee_models import CduSeat, CommitteeKind, Function, Seat
from comite.store.errors import ValidationError
from tests.store.meeting_setup import held, poll

TODAY = date(2027, 2, 10)
LEGAL, DOCTOR, OTHER, RU = (CduSeat.LEGAL_REPRESENTATIVE, CduSeat.MEDIATOR_DOCTOR,
                            CduSeat.MEDIATOR_OTHER, CduSeat.USER_REPRESENTATIVE)


@pytest.fixture
def cdu(store, structure):
    return store.committees.create(structure.id, "CDU", CommitteeKind.CDU)


@pytest.fixture
def seat(store, add_person):
    names = iter(f"Membre{n}" for n in range(100))

    def add(committee_id, category=None, *, function=Function.MEMBER, titular=None,
            start=date(2026, 1, 1), end=date(2028, 12, 31), **more):
        person = add_person(next(names), "Anne")
        return store.memberships.add(committee_id, person.id, MembershipInput(
            seat=Seat.SUBSTITUTE if titular else Seat.TITULAR, function=function,
            substitute_for=titular, cdu_seat=category, mandate_start=start, mandate_end=end,
            **more))

    return add


@pytest.fixture
def complete(store, cdu, seat):
    """Every seat the law requires, presided by a RU, vice-presided by the director."""
    director = seat(cdu.id, LEGAL, function=Function.VICE_PRESIDENT,
                    elected_on=date(2025, 6, 1))
    for category in (DOCTOR, OTHER):
        seat(cdu.id, titular=seat(cdu.id, category).id)
    president = seat(cdu.id, RU, function=Function.PRESIDENT, elected_on=date(2025, 6, 1),
                     act_reference="Arrêté ARS 2025-12")
    seat(cdu.id, titular=president.id, act_reference="Arrêté ARS 2025-12")
    other = seat(cdu.id, RU, act_reference="Arrêté ARS 2025-12")
    seat(cdu.id, titular=other.id, act_reference="Arrêté ARS 2025-12")
    return director, president, other


def texts(store, cdu, today=TODAY):
    return [gap.text for gap in store.committees.cdu_gaps(cdu.id, today)]


def test_a_complete_commission_has_nothing_to_say(store, cdu, complete):
    assert texts(store, cdu) == []


def test_a_suppleant_sits_in_the_category_of_the_titular(store, cdu, complete):
    _director, president, _other = complete
    substitute = next(m for m in store.memberships.of_committee(cdu.id)
                      if m.substitute_for == president.id)
    assert substitute.cdu_seat is RU
    with pytest.raises(ValidationError) as refused:
        store.memberships.update(substitute.id, MembershipInput(
            seat=Seat.SUBSTITUTE, substitute_for=president.id, cdu_seat=DOCTOR))
    assert "catégorie de son ou sa titulaire" in refused.value.errors["cdu_seat"]


def test_missing_seats_and_lapsed_mandates_are_said(store, cdu, seat):
    seat(cdu.id, DOCTOR)
    seat(cdu.id, RU, end=date(2027, 1, 31), act_reference="A")
    seat(cdu.id, None)
    said = texts(store, cdu)
    assert any("représentant(e) légal(e)" in text for text in said)
    assert "Médiateur(rice) non médecin : 0 titulaire sur 1." in said
    assert any("(médiateur(rice) médecin) n’a pas de suppléant(e)" in text for text in said)
    assert any(text.startswith("Représentant(e) des usagers désigné(e) par l’ARS : 0 titulaire")
               for text in said)
    assert any(text.startswith("Mandat échu le 31/01/2027") for text in said)
    assert any(text.startswith("Siège sans catégorie") for text in said)
    assert any("Pas de président(e)" in text for text in said)


def test_categories_belong_to_a_cdu_only(store, committee, seat):
    with pytest.raises(ValidationError) as refused:
        seat(committee.id, RU)
    assert "commission des usagers" in refused.value.errors["cdu_seat"]


def test_one_presidency_at_a_time_in_every_committee(store, committee, seat):
    seat(committee.id, function=Function.PRESIDENT)
    with pytest.raises(ValidationError) as refused:
        seat(committee.id, function=Function.PRESIDENT)
    assert "déjà président(e)" in refused.value.errors["function"]


def test_the_presidency_goes_to_categories_one_to_three_each_from_another(store, cdu, seat):
    with pytest.raises(ValidationError) as refused:
        seat(cdu.id, CduSeat.CME, function=Function.PRESIDENT)
    assert "R. 1112-81-1" in refused.value.errors["function"]
    seat(cdu.id, DOCTOR, function=Function.PRESIDENT, elected_on=date(2025, 6, 1))
    with pytest.raises(ValidationError) as refused:
        seat(cdu.id, OTHER, function=Function.VICE_PRESIDENT)  # médiateurs: one category
    assert "deux catégories différentes" in refused.value.errors["function"]
    seat(cdu.id, RU, function=Function.VICE_PRESIDENT, act_reference="A")


def test_an_election_date_only_for_a_presidency(store, cdu, seat):
    with pytest.raises(ValidationError) as refused:
        seat(cdu.id, RU, elected_on=date(2025, 6, 1))
    assert "présidence" in refused.value.errors["elected_on"]


def test_the_presidency_is_elected_for_three_years(store, cdu, complete):
    assert not any("échu" in text for text in texts(store, cdu, today=date(2028, 3, 1)))
    soon = store.committees.cdu_gaps(cdu.id, date(2028, 3, 1))
    assert any(gap.reminder and "prévoyez l’élection" in gap.text for gap in soon)
    late = texts(store, cdu, today=date(2028, 6, 2))
    assert any("mandat de trois ans échu le 01/06/2028" in text for text in late)


def test_a_ru_is_designated_for_three_years_and_the_ars_is_asked_ahead(store, cdu, seat):
    with pytest.raises(ValidationError) as refused:
        seat(cdu.id, RU, start=date(2024, 1, 1), end=date(2027, 6, 30))
    assert "trois ans" in refused.value.errors["mandate_end"]
    ru = seat(cdu.id, RU, start=date(2024, 4, 1), end=date(2027, 3, 31),
              act_reference="Arrêté ARS n° 2024-117", act_date=date(2024, 3, 20))
    assert (ru.act_reference, ru.act_date) == ("Arrêté ARS n° 2024-117", date(2024, 3, 20))
    reminders = [g for g in store.committees.cdu_gaps(cdu.id, TODAY) if g.reminder]
    assert any("finit le 31/03/2027 (dans 49 jours)" in g.text and "ARS" in g.text
               for g in reminders)
    seat(cdu.id, RU)
    assert any("Arrêté de l’ARS non noté" in text for text in texts(store, cdu))


def test_quarters_held_and_planned_and_the_dashboard_alert(store, cdu, complete):
    assert store.committees.cdu_alerts(TODAY)[0][1][0].text.startswith(
        "Aucune réunion tenue ni prévue ce trimestre (1er trimestre 2027)")
    held(store, cdu.id, datetime(2027, 1, 12, 14, 0))
    poll(store, cdu.id, datetime(2027, 5, 4, 14, 0), datetime(2027, 5, 11, 14, 0))
    quarters = store.committees.quarters(cdu.id, 2027, TODAY)
    assert [(q.name, q.held, q.planned, q.current) for q in quarters] == [
        ("1er trimestre 2027", 1, 0, True), ("2e trimestre 2027", 0, 1, False),
        ("3e trimestre 2027", 0, 0, False), ("4e trimestre 2027", 0, 0, False)]
    assert store.committees.cdu_alerts(TODAY) == []


def test_the_example_cdu_is_complete_and_regular(tmp_path):
    from comite.store import open_store
    from comite.store.demo import fill_small

    store = open_store(tmp_path / "exemple.sqlite")
    try:
        today = date(2027, 3, 15)
        fill_small(store, today)
        cdu = next(s.committee for s in store.committees.all() if s.committee.kind is CommitteeKind.CDU)
        gaps = store.committees.cdu_gaps(cdu.id, today)
        assert [g.text for g in gaps if not g.reminder] == []
        assert any("ARS" in g.text for g in gaps if g.reminder), "a RU's mandate ends soon"
        assert store.committees.quarters(cdu.id, today.year, today)[0].planned == 1
    finally:
        store.close()


def test_pure_gaps_need_no_base():
    assert cdu_gaps([], TODAY)[0].text.startswith("Pas de représentant(e) légal(e)")
