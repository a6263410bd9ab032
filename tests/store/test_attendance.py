"""Attendance prefilled from the convocation's answers, suppléants in their titulaire's seat,
and the quorum of those present."""

from datetime import UTC, datetime

import pytest

from comite.store.attendance import prefilled, quorum, seat_representation
from comite.store.errors import Refused, ValidationError
from comite.store.meeting_models import InviteeSeat, PartStat
from comite.store.minutes_models import AttendanceStatus, Attendee, Side
from tests.store.meeting_setup import AFTER_ALL, held, invitees, poll


def attendee(n: int, seat: InviteeSeat, key: int | None, status: AttendanceStatus,
             confirmed: bool = True) -> Attendee:
    return Attendee(invitee_id=n, person_id=n, name=f"P{n}", seat=seat, seat_key=key,
                    substitute_for_name="", side=Side.USERS, status=status, confirmed=confirmed,
                    represented_by_id=None, represented_by_name="", arrived_at=None)


T, S, G = InviteeSeat.TITULAR, InviteeSeat.SUBSTITUTE, InviteeSeat.GUEST
PRESENT, EXCUSED, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT


@pytest.mark.parametrize(("partstat", "status"), [
    (PartStat.ACCEPTED, PRESENT), (PartStat.DECLINED, EXCUSED),
    (PartStat.TENTATIVE, ABSENT), (PartStat.NEEDS_ACTION, ABSENT)])
def test_prefill_from_the_answer(partstat, status):
    assert prefilled(partstat) is status


def test_a_present_substitute_represents_the_absent_titular_and_covers_the_seat():
    people = [attendee(1, T, 1, EXCUSED), attendee(2, S, 1, PRESENT), attendee(3, T, 3, PRESENT),
              attendee(4, T, 4, ABSENT), attendee(5, G, None, PRESENT)]
    seated = seat_representation(people)
    assert (seated[0].status, seated[0].represented_by_name) == (AttendanceStatus.REPRESENTED, "P2")
    assert seated[3].status is ABSENT
    assert quorum(seated, None) == quorum(people, None)
    q = quorum(seated, None)
    assert (q.seats, q.covered, q.needed, q.reached) == (3, 2, 2, True)
    assert not quorum(seated, 3).reached  # the meeting's own figure wins


def test_no_seat_no_quorum_to_reach():
    q = quorum([attendee(5, G, None, PRESENT)], None)
    assert (q.seats, q.covered, q.needed, q.reached) == (0, 0, 0, True)


@pytest.fixture
def meeting(store, committee, members):
    return held(store, committee.id, datetime(2027, 1, 12, 18, 0))


def test_prefilled_then_confirmed(store, committee, members):
    meeting, slots = poll(store, committee.id)
    store.meetings.choose_slot(slots[0].id, confirmed=True)
    people = invitees(store, meeting.id)
    store.meetings.record_attendance(people["Louise Martin"].id, PartStat.ACCEPTED)
    store.meetings.record_attendance(people["Paul Petit"].id, PartStat.DECLINED)
    store.meetings.mark_held(meeting.id, now=AFTER_ALL)
    attendees, q = store.minutes.attendance(meeting.id)
    by_name = {a.name: a for a in attendees}
    assert (by_name["Louise Martin"].status, by_name["Louise Martin"].confirmed) == (PRESENT, False)
    assert by_name["Paul Petit"].status is EXCUSED
    assert by_name["Marc Roux"].status is ABSENT
    assert (q.seats, q.covered, q.needed) == (3, 1, 2)
    store.minutes.set_attendance(people["Marc Roux"].id, PRESENT)
    attendees, q = store.minutes.attendance(meeting.id)
    assert {a.name: a.confirmed for a in attendees}["Marc Roux"] and q.covered == q.needed == 2


def test_check_in_of_a_substitute_takes_the_seat(store, meeting, members):
    people = invitees(store, meeting.id)
    store.minutes.check_in(people["Léa Durand"].id, now=datetime(2027, 1, 12, 17, 55, tzinfo=UTC))
    attendees, q = store.minutes.attendance(meeting.id)
    by_name = {a.name: a for a in attendees}
    assert by_name["Léa Durand"].arrived_at == datetime(2027, 1, 12, 17, 55, tzinfo=UTC)
    assert (by_name["Louise Martin"].status, by_name["Louise Martin"].represented_by_name) == (
        AttendanceStatus.REPRESENTED, "Léa Durand")
    assert q.covered == 1
    # The titulaire arrives after all: she sits, her suppléante stays present without a seat.
    store.minutes.check_in(people["Louise Martin"].id)
    attendees, q = store.minutes.attendance(meeting.id)
    assert {a.name: a.status for a in attendees}["Louise Martin"] is PRESENT and q.covered == 1


def test_represented_needs_someone_of_the_same_meeting(store, meeting, committee, members):
    people = invitees(store, meeting.id)
    with pytest.raises(ValidationError, match="qui"):
        store.minutes.set_attendance(people["Paul Petit"].id, AttendanceStatus.REPRESENTED)
    with pytest.raises(ValidationError):
        store.minutes.set_attendance(people["Paul Petit"].id, AttendanceStatus.REPRESENTED,
                                     represented_by=people["Paul Petit"].id)
    store.minutes.set_attendance(people["Paul Petit"].id, AttendanceStatus.REPRESENTED,
                                 represented_by=people["Louise Martin"].id)
    by_name = {a.name: a for a in store.minutes.attendance(meeting.id)[0]}
    assert by_name["Paul Petit"].represented_by_name == "Louise Martin"


def test_attendance_waits_for_the_meeting(store, committee, members):
    meeting, _slots = poll(store, committee.id)
    with pytest.raises(Refused, match="jour de la réunion"):
        store.minutes.check_in(invitees(store, meeting.id)["Paul Petit"].id)


def test_the_attendance_lists_each_suppleante_under_her_titulaire(store, meeting):
    # By name within each group (no présidente first here): the table's order of seating.py.
    attendees, _quorum = store.minutes.attendance(meeting.id)
    assert [a.name for a in attendees] == ["Louise Martin", "Léa Durand", "Paul Petit",
                                           "Marc Roux", "Nadia Haddad"]
