"""Issue 22: what an agenda item came to (its outcome) and its plain title for the easy-to-read
minutes, kept by the store and refused in French when wrong; what the minutes' document reads
besides: the séance's end, the committee's next meeting, each attendee's recorded sex."""

from datetime import UTC, datetime

import pytest

from comite.store import MeetingInput
from comite.store.agenda import EASY_TITLE_LIMIT, ItemInput
from comite.store.errors import ValidationError
from comite.store.item_wording import easy_title, proposed_outcome
from comite.store.minutes_models import ItemKind, Outcome, Purpose
from tests.example_store import edit
from tests.store.meeting_setup import (
    GUEST,
    MEMBER,
    NO_EMAIL,
    PRESIDENT,
    SUBSTITUTE,
    SUMMER,
    WINTER,
    first_topic,
    held,
)


def as_input(item, **changes) -> ItemInput:
    """The item as its form gives it back, with `changes`."""
    values = {"title": item.title, "presenter": item.presenter,
              "duration_minutes": item.duration_minutes, "purpose": item.purpose,
              "participation": item.participation, **changes}
    return ItemInput(**values)


def test_outcome_and_plain_title_are_kept_and_left_alone_by_a_caller_that_does_not_know_them(
        store, committee, members):
    meeting = held(store, committee.id, WINTER)
    item = store.agenda.item(first_topic(store, meeting.id))
    assert (item.easy_title, item.outcome) == ("", Outcome.UNSAID)
    said = store.agenda.update_item(item.id, as_input(
        item, easy_title="  Ce que les patients pensent  ", outcome="consulted"))
    assert (said.easy_title, said.outcome) == ("Ce que les patients pensent", Outcome.CONSULTED)
    # A caller that knows only the first five fields (the template, a script) keeps both.
    again = store.agenda.update_item(item.id, as_input(item, title="Questionnaires 2027"))
    assert (again.title, again.easy_title, again.outcome) == (
        "Questionnaires 2027", "Ce que les patients pensent", Outcome.CONSULTED)
    changed = [entry.fields for entry in store.audit.recent() if entry.entity == "agenda_item"]
    assert any("outcome" in fields and "easy_title" in fields for fields in changed)
    # A new item starts with neither.
    new = store.agenda.add_item(meeting.id, ItemInput("Point ajouté"))
    assert (new.easy_title, new.outcome) == ("", Outcome.UNSAID)


@pytest.mark.parametrize(("changes", "field", "said"), [
    ({"outcome": "voté"}, "outcome", "Choisissez dans la liste."),
    ({"easy_title": "x" * (EASY_TITLE_LIMIT + 1)}, "easy_title", "trop long"),
    ({"easy_title": "=SOMME(A1:A9)"}, "easy_title", "="),
])
def test_a_wrong_outcome_or_plain_title_is_refused_in_french_and_nothing_changes(
        store, committee, members, changes, field, said):
    meeting = held(store, committee.id, WINTER)
    item = store.agenda.item(first_topic(store, meeting.id))
    with pytest.raises(ValidationError) as refused:
        store.agenda.update_item(item.id, as_input(item, **changes))
    assert said in refused.value.errors[field]
    assert store.agenda.item(item.id) == item


def test_an_adoption_is_adopted_not_adopted_or_postponed(store, committee, members):
    first = held(store, committee.id, WINTER, title="Comité d’hiver")
    following = held(store, committee.id, SUMMER, title="Comité d’été")
    adoption = next(i for i in store.agenda.agenda(following.id).items if i.kind is ItemKind.ADOPTION)
    assert adoption.adopts_meeting_id == first.id
    with pytest.raises(ValidationError) as refused:
        store.agenda.update_item(adoption.id, as_input(adoption, outcome="decided"))
    assert "Un compte rendu est adopté, non adopté" in refused.value.errors["outcome"]
    for outcome in (Outcome.NOT_ADOPTED, Outcome.POSTPONED, Outcome.ADOPTED):
        assert store.agenda.update_item(adoption.id, as_input(adoption, outcome=outcome)).outcome \
            is outcome


def test_the_document_reads_the_end_the_next_meeting_and_each_attendees_sex(
        store, committee, members):
    edit(store, members.president.person_id, sex="female")
    edit(store, members.member.person_id, sex="male")
    edit(store, members.guest.person_id, sex="other")
    meeting = held(store, committee.id, WINTER)
    document = store.minutes.document(meeting.id)
    assert document.ended_at is None and document.next_meeting is None
    assert not document.adopted
    # Genders from the people's recorded sex; « autre » or nothing said: none.
    genders = {a.name: a.gender for a in document.attendees}
    assert genders == {PRESIDENT: "f", MEMBER: "m", GUEST: None, SUBSTITUTE: None, NO_EMAIL: None}
    # The séance closed in the app: its end, in the meeting's time.
    store.sitting.start(meeting.id, now=datetime(2027, 1, 12, 17, 0, tzinfo=UTC))
    store.sitting.end(meeting.id, now=datetime(2027, 1, 12, 18, 42, tzinfo=UTC))
    ended = store.minutes.document(meeting.id).ended_at
    assert (ended.hour, ended.minute) == (19, 42)  # Paris, UTC+1 in winter
    # A later meeting with its date chosen is the next one; a cancelled one is not.
    later = held(store, committee.id, SUMMER, title="Comité d’été")
    assert store.minutes.document(meeting.id).next_meeting == later.starts_at
    poll_only = store.meetings.create(committee.id, MeetingInput(title="Sans date"))
    assert poll_only.starts_at is None
    assert store.minutes.document(later.id).next_meeting is None


@pytest.mark.parametrize(("title", "kind", "plain"), [
    ("Adoption du compte rendu du 17/05/2026", ItemKind.ADOPTION,
     "Le compte rendu de la réunion du 17 mai 2026 est-il juste ?"),
    ("Adoption du compte rendu du 01/03/2027", ItemKind.TOPIC,
     "Le compte rendu de la réunion du 1er mars 2027 est-il juste ?"),
    ("Adoption du compte rendu précédent", ItemKind.ADOPTION,
     "Le compte rendu de la dernière réunion est-il juste ?"),
    ("Questions diverses", ItemKind.TOPIC, "Les autres questions"),
    ("Questions diverses et date de la prochaine réunion", ItemKind.TOPIC,
     "Les autres questions et la date de la prochaine réunion"),
    ("Événements indésirables graves", ItemKind.TOPIC, "Les problèmes graves pendant les soins"),
    ("Affiche de la salle d’attente", ItemKind.TOPIC, "Affiche de la salle d’attente"),
])
def test_a_plain_title_is_derived_when_none_was_written(title, kind, plain):
    assert easy_title(title, kind) == plain


def test_the_outcome_proposed_follows_the_kind_then_the_purpose():
    assert proposed_outcome(ItemKind.ADOPTION, Purpose.DECISION) is Outcome.ADOPTED
    assert proposed_outcome(ItemKind.TOPIC, Purpose.DECISION) is Outcome.DECIDED
    assert proposed_outcome(ItemKind.TOPIC, Purpose.CONSULTATION) is Outcome.CONSULTED
    assert proposed_outcome(ItemKind.TOPIC, Purpose.INFORMATION) is Outcome.INFORMED


def test_an_adoption_recorded_at_this_meeting_is_said_even_before_its_outcome_is_typed(
        store, committee, members):
    first = held(store, committee.id, WINTER, title="Comité d’hiver")
    following = held(store, committee.id, SUMMER, title="Comité d’été")

    def adoption():
        return next(i for i in store.minutes.document(following.id).items
                    if i.kind is ItemKind.ADOPTION)

    assert adoption().outcome is Outcome.UNSAID  # nothing recorded: nothing said
    store.minutes.adopt(first.id, following.id)
    assert adoption().outcome is Outcome.ADOPTED  # the record says it
    assert store.agenda.item(adoption().id).outcome is Outcome.UNSAID  # the form shows what was typed
    typed = store.agenda.item(adoption().id)
    store.agenda.update_item(typed.id, as_input(typed, outcome=Outcome.POSTPONED))
    assert adoption().outcome is Outcome.POSTPONED  # what the coordinator typed stands
