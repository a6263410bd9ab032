"""Slots and calendar identity: each proposed slot is a tentative hold with its own UID, and
SEQUENCE goes up on every change a calendar must hear about, and only then."""

from datetime import datetime, timedelta

import pytest

from comite.store import MeetingInput, NeedsConfirmation, Refused, ValidationError
from comite.store.meeting_models import Answer, MeetingStatus, PartStat, SlotStatus
from tests.store.meeting_setup import (
    AUTUMN,
    MEMBER,
    PRESIDENT,
    SUBSTITUTE,
    SUMMER,
    WINTER,
    invitees,
    meeting_in,
    poll,
    slots,
)


@pytest.fixture
def draft(store, committee, members):
    return store.meetings.create(committee.id, MeetingInput(title="Comité de printemps", duration_minutes=90))


def sequences(store, meeting_id: int) -> dict[int, tuple[SlotStatus, int]]:
    return {slot.id: (slot.status, slot.sequence) for slot in slots(store, meeting_id).values()}


# ---- proposing slots -------------------------------------------------------------------------


def test_a_slot_in_winter_and_one_in_summer(store, draft):
    winter = store.meetings.add_slot(draft.id, WINTER)
    summer = store.meetings.add_slot(draft.id, SUMMER, "  Mairie annexe ")
    assert (winter.starts_at.hour, winter.starts_at.utcoffset()) == (18, timedelta(hours=1))
    assert (summer.starts_at.hour, summer.starts_at.utcoffset()) == (18, timedelta(hours=2))
    assert winter.ends_at - winter.starts_at == timedelta(minutes=90)
    assert (winter.place, summer.place) == ("", "Mairie annexe")
    assert (winter.status, winter.sequence, winter.meeting_id) == (SlotStatus.PROPOSED, 0, draft.id)
    assert winter.uid != summer.uid != draft.uid
    assert list(slots(store, draft.id).values()) == [winter, summer]


def test_slots_are_read_in_the_meetings_zone(store, committee, members):
    meeting = store.meetings.create(committee.id, MeetingInput(title="Comité", timezone="Indian/Reunion"))
    slot = store.meetings.add_slot(meeting.id, SUMMER)
    assert (slot.starts_at.hour, slot.starts_at.utcoffset()) == (18, timedelta(hours=4))


@pytest.mark.parametrize(("start", "words"), [
    (datetime(2026, 3, 29, 2, 30), "Le 29/03/2026 à 02:30 n’existe pas"),
    (datetime(2026, 10, 25, 2, 30), "Le 25/10/2026 à 02:30 a lieu deux fois"),
])
def test_a_slot_in_the_changing_hour_is_refused(store, draft, start, words):
    with pytest.raises(ValidationError) as caught:
        store.meetings.add_slot(draft.id, start)
    assert list(caught.value.errors) == ["start"]
    assert caught.value.errors["start"].startswith(words)
    assert slots(store, draft.id) == {}


def test_two_slots_at_the_same_time_are_refused(store, committee, draft):
    store.meetings.add_slot(draft.id, WINTER)
    with pytest.raises(ValidationError) as caught:
        store.meetings.add_slot(draft.id, WINTER, "Ailleurs")
    assert caught.value.errors == {"start": "Un créneau est déjà proposé à cette heure-là."}
    assert len(slots(store, draft.id)) == 1
    other = store.meetings.create(committee.id, MeetingInput(title="Autre réunion"))
    store.meetings.add_slot(other.id, WINTER)  # another meeting may use the same hour


def test_a_slot_place_that_is_too_long_is_refused(store, draft):
    with pytest.raises(ValidationError) as caught:
        store.meetings.add_slot(draft.id, WINTER, "x" * 301)
    assert list(caught.value.errors) == ["place"]


def test_a_slot_may_be_proposed_while_the_poll_is_open(store, committee, members):
    meeting, _slots = poll(store, committee.id)
    autumn = store.meetings.add_slot(meeting.id, AUTUMN)
    assert (autumn.status, autumn.sequence) == (SlotStatus.PROPOSED, 0)


# ---- changing a slot -------------------------------------------------------------------------


def test_update_slot_bumps_sequence_only_when_time_or_place_change(store, committee, members):
    _meeting, (winter, summer) = poll(store, committee.id)
    assert store.meetings.update_slot(winter.id, WINTER, "").sequence == 0  # nothing changed
    moved = store.meetings.update_slot(winter.id, WINTER + timedelta(minutes=30))
    assert (moved.sequence, moved.starts_at.minute, moved.uid) == (1, 30, winter.uid)
    elsewhere = store.meetings.update_slot(winter.id, WINTER + timedelta(minutes=30), "Mairie")
    assert (elsewhere.sequence, elsewhere.place) == (2, "Mairie")
    assert store.meetings.update_slot(winter.id, WINTER + timedelta(minutes=30), " Mairie ").sequence == 2
    assert store.meetings.slot(summer.id).sequence == 0


def test_update_slot_keeps_its_answers(store, committee, members):
    meeting, (winter, _summer) = poll(store, committee.id)
    president = invitees(store, meeting.id)[PRESIDENT]
    store.meetings.record_vote(president.id, winter.id, Answer.YES)
    store.meetings.update_slot(winter.id, WINTER, "Mairie")
    assert store.meetings.detail(meeting.id).vote(president.id, winter.id).answer is Answer.YES


def test_update_slot_refuses_a_taken_hour_and_the_changing_hour(store, committee, members):
    meeting, (winter, summer) = poll(store, committee.id)
    with pytest.raises(ValidationError) as caught:
        store.meetings.update_slot(winter.id, SUMMER)
    assert list(caught.value.errors) == ["start"]
    with pytest.raises(ValidationError) as caught:
        store.meetings.update_slot(winter.id, datetime(2027, 3, 28, 2, 30))
    assert "n’existe pas" in caught.value.errors["start"]
    assert sequences(store, meeting.id) == {winter.id: (SlotStatus.PROPOSED, 0),
                                            summer.id: (SlotStatus.PROPOSED, 0)}


def test_remove_a_slot_from_a_draft_deletes_it(store, draft):
    winter = store.meetings.add_slot(draft.id, WINTER)
    summer = store.meetings.add_slot(draft.id, SUMMER)
    store.meetings.remove_slot(winter.id)
    assert list(slots(store, draft.id)) == [summer.id]
    store.meetings.remove_slot(summer.id)  # a draft may be left without slots
    assert slots(store, draft.id) == {}


def test_remove_a_slot_from_an_open_poll_releases_it(store, committee, members):
    meeting, (winter, summer) = poll(store, committee.id)
    president = invitees(store, meeting.id)[PRESIDENT]
    store.meetings.record_vote(president.id, winter.id, Answer.YES)
    assert store.meetings.slot_removal_refusal(winter.id) is None
    store.meetings.remove_slot(winter.id)
    assert sequences(store, meeting.id) == {winter.id: (SlotStatus.RELEASED, 1),
                                            summer.id: (SlotStatus.PROPOSED, 0)}
    # Its hold must be cancelled in calendars; the answers it had stay on record.
    assert store.meetings.detail(meeting.id).vote(president.id, winter.id).answer is Answer.YES

    assert store.meetings.slot_removal_refusal(winter.id) == "Ce créneau a été retiré du sondage."
    with pytest.raises(Refused) as caught:
        store.meetings.remove_slot(summer.id)
    assert caught.value.message == ("C’est le dernier créneau du sondage : proposez-en un autre "
                                    "avant de retirer celui-ci, ou annulez la réunion.")
    assert store.meetings.slot_removal_refusal(summer.id) == caught.value.message, "asked first"
    assert sequences(store, meeting.id)[summer.id] == (SlotStatus.PROPOSED, 0)


def test_a_released_slot_is_not_released_twice(store, committee, members):
    meeting, (winter, _summer, _autumn) = poll(store, committee.id, WINTER, SUMMER, AUTUMN)
    store.meetings.remove_slot(winter.id)
    with pytest.raises(Refused, match="retiré du sondage"):
        store.meetings.remove_slot(winter.id)
    with pytest.raises(Refused, match="retiré du sondage"):
        store.meetings.update_slot(winter.id, WINTER, "Mairie")
    assert sequences(store, meeting.id)[winter.id] == (SlotStatus.RELEASED, 1)


def test_a_released_hour_may_be_proposed_again(store, committee, members):
    meeting, (winter, _summer) = poll(store, committee.id)
    store.meetings.remove_slot(winter.id)
    again = store.meetings.add_slot(meeting.id, WINTER)
    assert again.uid != winter.uid and again.sequence == 0


# ---- choosing, moving, cancelling ------------------------------------------------------------


def test_choose_slot_confirms_one_hold_and_releases_the_others(store, committee, members):
    meeting, (winter, summer, autumn) = poll(store, committee.id, WINTER, SUMMER, AUTUMN)
    store.meetings.remove_slot(autumn.id)  # already released: not bumped again
    convened = store.meetings.choose_slot(summer.id)
    assert convened.status is MeetingStatus.CONVENED
    assert convened.starts_at == summer.starts_at
    assert sequences(store, meeting.id) == {winter.id: (SlotStatus.RELEASED, 1),
                                            summer.id: (SlotStatus.CHOSEN, 1),
                                            autumn.id: (SlotStatus.RELEASED, 1)}
    detail = store.meetings.detail(meeting.id)
    assert detail.chosen_slot.uid == summer.uid


def test_the_chosen_slots_place_becomes_the_meetings(store, committee, members):
    _meeting, (winter, _summer) = poll(store, committee.id)
    store.meetings.update_slot(winter.id, WINTER, "Mairie annexe, salle 2")
    assert store.meetings.choose_slot(winter.id).place == "Mairie annexe, salle 2"


def test_a_slot_with_no_place_keeps_the_meetings(store, committee, members):
    _meeting, (winter, _summer) = poll(store, committee.id)
    assert store.meetings.choose_slot(winter.id).place == "Salle des Tilleuls"


def test_a_released_slot_cannot_be_chosen(store, committee, members):
    meeting, (winter, _summer, _autumn) = poll(store, committee.id, WINTER, SUMMER, AUTUMN)
    store.meetings.remove_slot(winter.id)
    with pytest.raises(Refused, match="Ce créneau a été retiré du sondage"):
        store.meetings.choose_slot(winter.id, confirmed=True)
    assert store.meetings.get(meeting.id).status is MeetingStatus.POLL


def test_choosing_a_slot_the_president_refused_needs_confirmation(store, committee, members):
    meeting, (winter, _summer) = poll(store, committee.id)
    people = invitees(store, meeting.id)
    store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.NO)
    store.meetings.record_vote(people[MEMBER].id, winter.id, Answer.YES)
    before = store.meetings.detail(meeting.id)
    with pytest.raises(NeedsConfirmation) as caught:
        store.meetings.choose_slot(winter.id)
    assert isinstance(caught.value, Refused)
    assert caught.value.message == ("Sur ce créneau, Louise Martin a répondu non et son siège "
                                    "n’est pas couvert. Retenir quand même ce créneau ?")
    assert store.meetings.detail(meeting.id) == before

    assert store.meetings.choose_slot(winter.id, confirmed=True).status is MeetingStatus.CONVENED


def test_several_required_refusals_are_named_together(store, committee, members, add_person):
    meeting, (winter, _summer) = poll(store, committee.id)
    speaker = store.meetings.invite(meeting.id, add_person("Blanc", "Hugo").id)
    store.meetings.set_required(speaker.id, True)
    treasurer = store.meetings.invite(meeting.id, add_person("Morel", "Inès").id)
    store.meetings.set_required(treasurer.id, True)
    for invitee_id in (invitees(store, meeting.id)[PRESIDENT].id, speaker.id, treasurer.id):
        store.meetings.record_vote(invitee_id, winter.id, Answer.NO)
    with pytest.raises(NeedsConfirmation) as caught:
        store.meetings.choose_slot(winter.id)
    assert caught.value.message == (
        "Sur ce créneau, Louise Martin, Hugo Blanc et Inès Morel ont répondu non et personne ne "
        "les remplace. Retenir quand même ce créneau ?")


def test_no_confirmation_when_the_suppleante_covers_the_seat(store, committee, members):
    meeting, (winter, _summer) = poll(store, committee.id)
    people = invitees(store, meeting.id)
    store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.NO)
    store.meetings.record_vote(people[SUBSTITUTE].id, winter.id, Answer.IF_NEED_BE)
    assert store.meetings.choose_slot(winter.id).status is MeetingStatus.CONVENED


def test_no_confirmation_for_a_required_member_who_has_not_answered(store, committee, members):
    _meeting, (winter, _summer) = poll(store, committee.id)
    assert store.meetings.choose_slot(winter.id).status is MeetingStatus.CONVENED


def test_reschedule_bumps_sequence_and_asks_everyone_again(store, committee, members):
    meeting, (winter, summer) = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    president = invitees(store, meeting.id)[PRESIDENT]
    store.meetings.apply_reply(winter.uid, "louise.martin@example.org", "ACCEPTED", sequence=1)
    assert store.meetings.invitee(president.id).partstat is PartStat.ACCEPTED

    moved = store.meetings.reschedule(meeting.id, datetime(2027, 1, 19, 18, 30), "Mairie")
    assert (moved.starts_at.day, moved.starts_at.hour, moved.starts_at.minute) == (19, 18, 30)
    assert moved.place == "Mairie"
    assert sequences(store, meeting.id) == {winter.id: (SlotStatus.CHOSEN, 2),
                                            summer.id: (SlotStatus.RELEASED, 1)}
    assert store.meetings.invitee(president.id).partstat is PartStat.NEEDS_ACTION
    assert moved.answered == 0


def test_reschedule_to_the_same_time_and_place_changes_nothing(store, committee, members):
    meeting, (winter, _summer) = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    store.meetings.apply_reply(winter.uid, "louise.martin@example.org", "ACCEPTED", sequence=1)
    for place in (None, "Salle des Tilleuls"):
        assert store.meetings.reschedule(meeting.id, WINTER, place).answered == 1
    assert store.meetings.slot(winter.id).sequence == 1
    assert store.meetings.reschedule(meeting.id, WINTER, "Mairie").answered == 0  # a new place
    assert store.meetings.slot(winter.id).sequence == 2


@pytest.mark.parametrize("place", [None, "", "   "])
def test_reschedule_with_only_a_new_date_keeps_the_meetings_place(store, committee, members, place):
    """Issue 14: the chosen slot uses the meeting's place (its own is empty); moving only the
    date must keep that place, whatever the form sends for an empty field."""
    meeting, (winter, _summer) = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    assert (meeting.place, store.meetings.slot(winter.id).place) == ("Salle des Tilleuls", "")
    moved = store.meetings.reschedule(meeting.id, datetime(2027, 1, 19, 18, 30), place)
    assert (moved.starts_at.day, moved.starts_at.hour) == (19, 18)
    assert moved.place == "Salle des Tilleuls"
    assert store.meetings.get(meeting.id).place == "Salle des Tilleuls"
    assert store.meetings.slot(winter.id).place == ""


def test_reschedule_into_the_changing_hour_is_refused_by_field(store, committee, members):
    meeting, (winter, _summer) = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    with pytest.raises(ValidationError) as caught:
        store.meetings.reschedule(meeting.id, datetime(2027, 10, 31, 2, 15))
    assert list(caught.value.errors) == ["start"]
    assert "a lieu deux fois" in caught.value.errors["start"]
    with pytest.raises(ValidationError) as caught:
        store.meetings.reschedule(meeting.id, WINTER, "x" * 301)
    assert list(caught.value.errors) == ["place"]
    assert store.meetings.slot(winter.id).sequence == 1


def test_update_of_place_after_convocation_bumps_the_chosen_slot(store, committee, members):
    meeting, (winter, summer) = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    store.meetings.apply_reply(winter.uid, "louise.martin@example.org", "ACCEPTED", sequence=1)
    same = store.meetings.update(meeting.id, MeetingInput(title="Comité de printemps (ordre du jour)",
                                                          place="Salle des Tilleuls"))
    assert same.title == "Comité de printemps (ordre du jour)"
    assert sequences(store, meeting.id)[winter.id] == (SlotStatus.CHOSEN, 1)  # a title is no news
    assert same.answered == 1

    moved = store.meetings.update(meeting.id, MeetingInput(title="Comité de printemps", place="Mairie"))
    assert moved.place == "Mairie"
    assert sequences(store, meeting.id) == {winter.id: (SlotStatus.CHOSEN, 2),
                                            summer.id: (SlotStatus.RELEASED, 1)}
    assert moved.answered == 0
    assert {i.partstat for i in invitees(store, meeting.id).values()} == {PartStat.NEEDS_ACTION}


@pytest.mark.parametrize("fields", [{"video_url": "https://visio.example.org/autre"},
                                    {"duration_minutes": 60}, {"timezone": "Indian/Reunion"}])
def test_other_significant_changes_during_the_poll_bump_every_hold(store, committee, members, fields):
    meeting, (winter, summer, autumn) = poll(store, committee.id, WINTER, SUMMER, AUTUMN)
    store.meetings.remove_slot(autumn.id)
    store.meetings.update(meeting.id, MeetingInput(title="Comité de printemps", place="Salle des Tilleuls",
                                                   **fields))
    assert sequences(store, meeting.id) == {winter.id: (SlotStatus.PROPOSED, 1),
                                            summer.id: (SlotStatus.PROPOSED, 1),
                                            autumn.id: (SlotStatus.RELEASED, 1)}


def test_changes_to_a_draft_bump_nothing(store, draft):
    winter = store.meetings.add_slot(draft.id, WINTER)
    store.meetings.update(draft.id, MeetingInput(title="Comité", place="Mairie"))
    assert store.meetings.slot(winter.id).sequence == 0


@pytest.mark.parametrize("status", [MeetingStatus.POLL, MeetingStatus.CONVENED])
def test_cancel_bumps_every_slot_not_already_released(store, committee, members, status):
    meeting, (_winter, _summer) = meeting_in(store, committee.id, status)
    autumn = None
    if status is MeetingStatus.POLL:
        autumn = store.meetings.add_slot(meeting.id, AUTUMN)
        store.meetings.remove_slot(autumn.id)
    before = sequences(store, meeting.id)
    store.meetings.cancel(meeting.id)
    after = sequences(store, meeting.id)
    for slot_id, (slot_status, sequence) in before.items():
        bump = 0 if slot_status is SlotStatus.RELEASED else 1
        assert after[slot_id] == (slot_status, sequence + bump)
    if autumn is not None:
        assert after[autumn.id] == (SlotStatus.RELEASED, 1)
