"""Recommendations: a CDU's legal output to the establishment, a third kind of conclusion,
owned by a person or by a service named in words, followed up and carried like an action,
and listed by year for the annual report."""

from datetime import date, datetime

import pytest

from comite.store.committee_models import CommitteeKind
from comite.store.conclusions import ConclusionInput
from comite.store.errors import ValidationError
from comite.store.minutes_models import ConclusionKind, ConclusionStatus
from tests.store.meeting_setup import first_topic, held, seat_members

RECOMMENDATION = ConclusionKind.RECOMMENDATION


@pytest.fixture
def cdu(store, structure):
    committee = store.committees.create(structure.id, "CDU", CommitteeKind.CDU)
    seat_members(store, committee.id)
    return committee


def test_a_recommendation_is_owned_by_a_service_and_carried_until_followed(store, cdu):
    march = held(store, cdu.id, datetime(2027, 3, 9, 14, 0), "CDU de mars")
    made = store.conclusions.add(first_topic(store, march.id), ConclusionInput(
        "Afficher les délais d’attente aux urgences", RECOMMENDATION,
        owner_text="Service des urgences", due_on=date(2027, 6, 1)))
    assert (made.kind, made.owner_id, made.owner_name, made.status) == (
        RECOMMENDATION, None, "Service des urgences", ConclusionStatus.OPEN)
    june = held(store, cdu.id, datetime(2027, 6, 8, 14, 0), "CDU de juin")
    assert [c.conclusion.text for c in store.conclusions.carried(june.id)] == [made.text]
    # Re-dated at the next meeting: the service stays its owner.
    later = store.conclusions.follow_up(made.id, None, date(2027, 9, 1), in_meeting_id=june.id)
    assert (later.owner_name, later.due_on) == ("Service des urgences", date(2027, 9, 1))
    person = store.memberships.of_committee(cdu.id)[0].person_id
    given = store.conclusions.follow_up(made.id, person, None, in_meeting_id=june.id)
    assert (given.owner_id, given.owner_text) == (person, "")


def test_a_person_or_a_service_not_both(store, cdu):
    meeting = held(store, cdu.id, datetime(2027, 3, 9, 14, 0))
    person = store.memberships.of_committee(cdu.id)[0].person_id
    with pytest.raises(ValidationError) as refused:
        store.conclusions.add(first_topic(store, meeting.id), ConclusionInput(
            "Former l’accueil", RECOMMENDATION, owner_id=person, owner_text="Accueil"))
    assert "pas les deux" in refused.value.errors["owner_text"]


def test_the_years_recommendations_for_the_annual_report(store, cdu):
    for when, text in ((datetime(2026, 12, 8, 14, 0), "En 2026"),
                       (datetime(2027, 3, 9, 14, 0), "En mars 2027"),
                       (datetime(2027, 12, 31, 23, 30), "Le 31 décembre 2027 au soir")):
        meeting = held(store, cdu.id, when, text)
        store.conclusions.add(first_topic(store, meeting.id),
                              ConclusionInput(text, RECOMMENDATION))
        store.conclusions.add(first_topic(store, meeting.id),
                              ConclusionInput("Une action", ConclusionKind.ACTION))
    assert [c.text for c in store.conclusions.recommendations(cdu.id, 2027)] == [
        "En mars 2027", "Le 31 décembre 2027 au soir"]
