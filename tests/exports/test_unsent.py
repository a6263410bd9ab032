"""Issue 14, part 2: after any change people must see, the meeting says who the outbox has not
written to (« N invitations à renvoyer ») until the outbox is written again: never a silent
stale outbox. Real store, real outbox files, the store's own records of what was written."""

from datetime import datetime

from comite.exports.invitations import write_outbox
from comite.store import MeetingInput
from comite.store.meeting_models import MeetingStatus
from tests.exports.invitation_setup import NOW, ORGANIZER

WINTER = datetime(2027, 1, 12, 18, 0)
SPRING = datetime(2027, 3, 9, 18, 0)
WITH_EMAIL = ("Élodie Lefèvre", "Jean-Noël Çelik", "Thi Hoa Nguyen")


def write(store, meeting_id: int, outbox) -> None:
    """What « g » does: write the outbox for the present state and record it."""
    result = write_outbox(store.meetings.detail(meeting_id), ORGANIZER, outbox, NOW,
                          cancellations=tuple(store.meetings.cancellations(meeting_id)))
    store.meetings.record_invitations(meeting_id, list(result.records))
    store.meetings.record_cancellations(meeting_id, list(result.cancelled))


def people(store, meeting_id: int) -> set[str]:
    return {name.split()[0] for name in store.meetings.unsent(meeting_id).people}


def as_input(meeting, **changes) -> MeetingInput:
    fields = {name: getattr(meeting, name) for name in (
        "title", "place", "video_url", "duration_minutes", "timezone", "description", "quorum")}
    return MeetingInput(**(fields | changes))


def test_an_opened_poll_is_to_send_and_a_draft_owes_nothing(store, make_meeting):
    draft = make_meeting([WINTER, SPRING], poll=False)
    assert store.meetings.unsent(draft.meeting.id).count == 0
    store.meetings.open_poll(draft.meeting.id)
    unsent = store.meetings.unsent(draft.meeting.id)
    assert unsent.people == tuple(i.name for i in draft.invitees if i.email)
    assert not unsent.written_before
    assert unsent.label == f"{len(unsent.people)} invitations à envoyer"


def test_written_means_up_to_date(store, make_meeting, tmp_path):
    detail = make_meeting([WINTER, SPRING])
    write(store, detail.meeting.id, tmp_path)
    unsent = store.meetings.unsent(detail.meeting.id)
    assert (unsent.count, unsent.label, unsent.written_before) == (0, "", True)


def test_a_poll_date_moved_is_to_resend_to_everyone(store, make_meeting, tmp_path):
    detail = make_meeting([WINTER, SPRING])
    write(store, detail.meeting.id, tmp_path)
    store.meetings.update_slot(detail.slots[1].id, datetime(2027, 3, 16, 18, 0))
    unsent = store.meetings.unsent(detail.meeting.id)
    assert len(unsent.people) == sum(1 for i in detail.invitees if i.email)
    assert unsent.label.endswith("à renvoyer")
    write(store, detail.meeting.id, tmp_path)
    assert store.meetings.unsent(detail.meeting.id).count == 0


def test_a_new_place_or_duration_is_to_resend_once_convened(store, make_meeting, tmp_path):
    detail = make_meeting([WINTER, SPRING])
    store.meetings.choose_slot(detail.slots[0].id, confirmed=True)
    write(store, detail.meeting.id, tmp_path)
    meeting = store.meetings.get(detail.meeting.id)
    store.meetings.update(meeting.id, as_input(meeting, place="Mairie, salle 2"))
    assert store.meetings.unsent(meeting.id).count == sum(1 for i in detail.invitees if i.email)
    write(store, meeting.id, tmp_path)
    meeting = store.meetings.get(meeting.id)
    store.meetings.update(meeting.id, as_input(meeting, duration_minutes=90))
    assert store.meetings.unsent(meeting.id).count == sum(1 for i in detail.invitees if i.email)


def test_a_new_title_alone_is_not_a_change_calendars_must_see(store, make_meeting, tmp_path):
    detail = make_meeting([WINTER])
    write(store, detail.meeting.id, tmp_path)
    meeting = store.meetings.get(detail.meeting.id)
    store.meetings.update(meeting.id, as_input(meeting, title="Comité de printemps (2)"))
    assert store.meetings.unsent(meeting.id).count == 0


def test_a_convened_meeting_moved_is_to_resend(store, make_meeting, tmp_path):
    detail = make_meeting([WINTER, SPRING])
    store.meetings.choose_slot(detail.slots[0].id, confirmed=True)
    write(store, detail.meeting.id, tmp_path)
    store.meetings.reschedule(detail.meeting.id, datetime(2027, 1, 19, 18, 0))
    assert store.meetings.unsent(detail.meeting.id).count == sum(1 for i in detail.invitees if i.email)


def test_someone_invited_late_is_the_only_one_to_send(store, make_meeting, tmp_path):
    from comite.store import PersonInput

    detail = make_meeting([WINTER, SPRING])
    write(store, detail.meeting.id, tmp_path)
    guest = store.people.create(PersonInput(last_name="Roux", first_name="Amélie",
                                            email="amelie.roux@example.org"))
    store.meetings.invite(detail.meeting.id, guest.id)
    assert store.meetings.unsent(detail.meeting.id).people == ("Amélie Roux",)
    without_email = store.people.create(PersonInput(last_name="Blanc", first_name="Paul"))
    store.meetings.invite(detail.meeting.id, without_email.id)
    assert store.meetings.unsent(detail.meeting.id).people == ("Amélie Roux",), "paper: « f »"


def test_someone_removed_after_writing_is_a_cancellation_to_send(store, make_meeting, tmp_path):
    detail = make_meeting([WINTER, SPRING])
    write(store, detail.meeting.id, tmp_path)
    removed = next(i for i in detail.invitees if i.name == WITH_EMAIL[2])
    store.meetings.uninvite(removed.id)
    unsent = store.meetings.unsent(detail.meeting.id)
    assert (unsent.people, unsent.removed) == ((), (removed.name,)), "one message for both dates"
    assert unsent.label == "1 invitation à renvoyer"
    write(store, detail.meeting.id, tmp_path)
    assert store.meetings.unsent(detail.meeting.id).count == 0


def test_a_cancelled_meeting_owes_its_cancellation_and_a_held_one_nothing(store, make_meeting, tmp_path):
    detail = make_meeting([WINTER])
    write(store, detail.meeting.id, tmp_path)
    store.meetings.cancel(detail.meeting.id)
    assert store.meetings.get(detail.meeting.id).status is MeetingStatus.CANCELLED
    assert store.meetings.unsent(detail.meeting.id).count == sum(1 for i in detail.invitees if i.email)
    other = make_meeting([WINTER], title="Comité d’hiver")
    store.meetings.choose_slot(other.slots[0].id, confirmed=True)
    store.meetings.mark_held(other.meeting.id, now=NOW.replace(year=2027, month=2))
    assert store.meetings.unsent(other.meeting.id).count == 0
