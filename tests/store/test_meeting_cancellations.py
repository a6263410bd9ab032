"""Someone removed from a meeting after their invitation was written keeps it in their calendar
until a CANCEL reaches them (RFC 5546 §3.2.5): the store keeps what that CANCEL needs until the
next outbox write, and afterwards as the history of the removal."""

from dataclasses import replace

from comite.store.meeting_models import InvitationRecord, MeetingStatus
from tests.store.meeting_setup import GUEST, MEMBER, PRESIDENT, invitees, meeting_in

WRITTEN_AT = "2026-11-23T09:00:00+00:00"


def write_all(store, meeting_id: int) -> None:
    """What the outbox records after « g »: a REQUEST per invitee with an e-mail, per date held."""
    detail = store.meetings.detail(meeting_id)
    standing = [s for s in detail.slots if s.status.value in ("proposed", "chosen")]
    store.meetings.record_invitations(meeting_id, [
        InvitationRecord(invitee_id=i.id, uid=s.uid, method="REQUEST", sequence=s.sequence,
                         file_name=f"{s.id}-{i.id}.eml", written_at=WRITTEN_AT, sent_at=None)
        for s in standing for i in detail.invitees if i.email])


def test_removing_someone_already_written_to_leaves_one_cancellation(store, committee, members):
    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    write_all(store, meeting.id)
    leaving = invitees(store, meeting.id)[MEMBER]
    chosen = store.meetings.detail(meeting.id).chosen_slot
    assert store.meetings.will_cancel(leaving.id) is True

    store.meetings.uninvite(leaving.id)

    assert MEMBER not in invitees(store, meeting.id)
    [pending] = store.meetings.cancellations(meeting.id, pending=True)
    assert (pending.person_id, pending.name, pending.email) == (
        leaving.person_id, MEMBER, "Paul.Petit@example.org")
    assert pending.uid == chosen.uid and pending.sequence == chosen.sequence + 1
    assert pending.written_at is None and pending.file_name is None


def test_in_a_poll_each_hold_written_gets_its_cancellation(store, committee, members):
    meeting, proposed = meeting_in(store, committee.id, MeetingStatus.POLL)
    write_all(store, meeting.id)
    store.meetings.uninvite(invitees(store, meeting.id)[PRESIDENT].id)

    pending = store.meetings.cancellations(meeting.id, pending=True)
    assert sorted(c.uid for c in pending) == sorted(s.uid for s in proposed)
    assert {c.sequence for c in pending} == {1}


def test_someone_never_written_to_is_simply_removed(store, committee, members):
    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.POLL)  # « g » never pressed
    guest = store.meetings.invitee(invitees(store, meeting.id)[GUEST].id)
    assert store.meetings.will_cancel(guest.id) is False
    store.meetings.uninvite(guest.id)
    assert store.meetings.cancellations(meeting.id) == []


def test_someone_whose_hold_was_already_cancelled_gets_nothing_more(store, committee, members):
    meeting, proposed = meeting_in(store, committee.id, MeetingStatus.POLL)
    write_all(store, meeting.id)
    leaving = invitees(store, meeting.id)[MEMBER]
    store.meetings.record_invitations(meeting.id, [InvitationRecord(
        invitee_id=leaving.id, uid=s.uid, method="CANCEL", sequence=s.sequence + 1,
        file_name="x.eml", written_at=WRITTEN_AT, sent_at=None) for s in proposed])
    store.meetings.uninvite(leaving.id)
    assert store.meetings.cancellations(meeting.id) == []


def test_once_written_none_is_left_and_the_history_stays(store, committee, members):
    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    write_all(store, meeting.id)
    store.meetings.uninvite(invitees(store, meeting.id)[MEMBER].id)
    [pending] = store.meetings.cancellations(meeting.id, pending=True)

    store.meetings.record_cancellations(meeting.id, [replace(
        pending, file_name="annulation-01-paul-petit.eml", written_at=WRITTEN_AT)])
    store.meetings.mark_sent(meeting.id, "annulation-01-paul-petit.eml", "2026-11-23T09:05:00+00:00")

    assert store.meetings.cancellations(meeting.id, pending=True) == []
    [done] = store.meetings.cancellations(meeting.id)
    assert (done.file_name, done.written_at, done.sent_at) == (
        "annulation-01-paul-petit.eml", WRITTEN_AT, "2026-11-23T09:05:00+00:00")


def test_invited_again_a_pending_cancellation_goes_and_a_written_one_raises_the_sequence(
        store, committee, members):
    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    write_all(store, meeting.id)
    leaving = invitees(store, meeting.id)[MEMBER]
    store.meetings.uninvite(leaving.id)
    store.meetings.invite(meeting.id, leaving.person_id)
    assert store.meetings.cancellations(meeting.id) == [], "never written: nothing to cancel"

    write_all(store, meeting.id)
    again = invitees(store, meeting.id)[MEMBER]
    store.meetings.uninvite(again.id)
    [pending] = store.meetings.cancellations(meeting.id, pending=True)
    store.meetings.record_cancellations(meeting.id, [replace(
        pending, file_name="annulation.eml", written_at=WRITTEN_AT)])
    store.meetings.invite(meeting.id, leaving.person_id)
    assert store.meetings.detail(meeting.id).chosen_slot.sequence > pending.sequence, (
        "their calendar took the CANCEL's SEQUENCE: the new invitation must be above it")
