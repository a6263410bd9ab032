"""Presence as it happens: the convocation's answer before anyone is checked in (annoncé(e),
excusé(e), sans réponse), present only once checked in, suppléant(e)s in their titulaire's
seat (« suppléé(e) par »), a pouvoir only by explicit choice, and the quorum of those there."""

from datetime import UTC, datetime

import pytest

from comite.store.attendance import announced, as_recorded, quorum, substitutions
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
ANNOUNCED, NO_ANSWER = AttendanceStatus.ANNOUNCED, AttendanceStatus.NO_ANSWER
SUBSTITUTED = AttendanceStatus.SUBSTITUTED


@pytest.mark.parametrize(("partstat", "status"), [
    (PartStat.ACCEPTED, ANNOUNCED), (PartStat.DECLINED, EXCUSED),
    (PartStat.TENTATIVE, NO_ANSWER), (PartStat.NEEDS_ACTION, NO_ANSWER)])
def test_before_the_seance_the_answer_announces_never_checks_in(partstat, status):
    assert announced(partstat) is status


def test_announced_people_cover_no_seat():
    people = [attendee(1, T, 1, ANNOUNCED, False), attendee(2, T, 2, ANNOUNCED, False),
              attendee(3, T, 3, EXCUSED, False)]
    q = quorum(substitutions(people), None)
    assert (q.seats, q.covered, q.needed, q.reached) == (3, 0, 2, False)


def test_a_checked_in_substitute_sits_for_the_absent_titular_and_covers_the_seat():
    people = [attendee(1, T, 1, EXCUSED), attendee(2, S, 1, PRESENT), attendee(3, T, 3, PRESENT),
              attendee(4, T, 4, ABSENT), attendee(5, G, None, PRESENT)]
    seated = substitutions(people)
    assert (seated[0].status, seated[0].represented_by_name) == (SUBSTITUTED, "P2")
    assert seated[3].status is ABSENT
    q = quorum(seated, None)
    assert (q.seats, q.covered, q.needed, q.reached) == (3, 2, 2, True)
    assert not quorum(seated, 3).reached  # the meeting's own figure wins


def test_an_announced_substitute_does_not_sit_for_anyone():
    seated = substitutions([attendee(1, T, 1, EXCUSED), attendee(2, S, 1, ANNOUNCED, False)])
    assert seated[0].status is EXCUSED and quorum(seated, None).covered == 0


def test_a_pouvoir_is_kept_over_the_suppleance():
    proxy = attendee(1, T, 1, AttendanceStatus.REPRESENTED)
    seated = substitutions([proxy, attendee(2, S, 1, PRESENT)])
    assert seated[0].status is AttendanceStatus.REPRESENTED


def test_the_minutes_say_absent_for_who_was_announced_but_never_came():
    recorded = as_recorded([attendee(1, T, 1, ANNOUNCED, False), attendee(2, T, 2, NO_ANSWER, False),
                            attendee(3, T, 3, EXCUSED, False), attendee(4, T, 4, PRESENT)])
    assert [a.status for a in recorded] == [ABSENT, ABSENT, EXCUSED, PRESENT]


def test_no_seat_no_quorum_to_reach():
    q = quorum([attendee(5, G, None, PRESENT)], None)
    assert (q.seats, q.covered, q.needed, q.reached) == (0, 0, 0, True)


@pytest.fixture
def meeting(store, committee, members):
    return held(store, committee.id, datetime(2027, 1, 12, 18, 0))


def test_announced_until_checked_in_then_the_minutes_say_what_happened(store, committee, members):
    meeting, slots = poll(store, committee.id)
    store.meetings.choose_slot(slots[0].id, confirmed=True)
    people = invitees(store, meeting.id)
    store.meetings.record_attendance(people["Louise Martin"].id, PartStat.ACCEPTED)
    store.meetings.record_attendance(people["Paul Petit"].id, PartStat.DECLINED)
    store.meetings.mark_held(meeting.id, now=AFTER_ALL)
    attendees, q = store.minutes.attendance(meeting.id)
    by_name = {a.name: a for a in attendees}
    assert (by_name["Louise Martin"].status, by_name["Louise Martin"].confirmed) == (ANNOUNCED, False)
    assert by_name["Paul Petit"].status is EXCUSED
    assert by_name["Marc Roux"].status is NO_ANSWER
    assert (q.seats, q.covered, q.needed) == (3, 0, 2), "nobody has arrived yet"
    store.minutes.check_in(people["Marc Roux"].id)
    attendees, q = store.minutes.attendance(meeting.id)
    assert {a.name: a.confirmed for a in attendees}["Marc Roux"] and q.covered == 1
    document = store.minutes.document(meeting.id)
    words = {a.name: a.status for a in document.attendees}
    assert (words["Louise Martin"], words["Paul Petit"], words["Marc Roux"]) == (ABSENT, EXCUSED, PRESENT)
    assert document.quorum == q


def test_check_in_of_a_substitute_takes_the_seat(store, meeting, members):
    people = invitees(store, meeting.id)
    store.minutes.check_in(people["Léa Durand"].id, now=datetime(2027, 1, 12, 17, 55, tzinfo=UTC))
    attendees, q = store.minutes.attendance(meeting.id)
    by_name = {a.name: a for a in attendees}
    assert by_name["Léa Durand"].arrived_at == datetime(2027, 1, 12, 17, 55, tzinfo=UTC)
    assert (by_name["Louise Martin"].status, by_name["Louise Martin"].represented_by_name) == (
        SUBSTITUTED, "Léa Durand")
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


def test_times_of_arrival_and_departure_are_kept(store, meeting):
    people = invitees(store, meeting.id)
    paul = people["Paul Petit"].id
    arrival, departure = (datetime(2027, 1, 12, 17, 2, tzinfo=UTC),
                          datetime(2027, 1, 12, 18, 10, tzinfo=UTC))
    with pytest.raises(Refused, match="arrivée n’est pas notée"):
        store.minutes.check_out(paul, now=departure)
    store.minutes.check_in(paul, now=arrival)
    # Checked in twice by mistake: the first arrival stands.
    store.minutes.check_in(paul, now=datetime(2027, 1, 12, 17, 30, tzinfo=UTC))
    store.minutes.check_out(paul, now=departure)
    him = {a.name: a for a in store.minutes.attendance(meeting.id)[0]}["Paul Petit"]
    assert (him.present, him.arrived_at, him.left_at) == (True, arrival, departure)
    # Back in the room: the first arrival stands, the departure goes.
    store.minutes.check_in(paul, now=datetime(2027, 1, 12, 18, 30, tzinfo=UTC))
    him = {a.name: a for a in store.minutes.attendance(meeting.id)[0]}["Paul Petit"]
    assert (him.arrived_at, him.left_at) == (arrival, None)
    # Noted by mistake: back to the answer, without times.
    store.minutes.forget_attendance(paul)
    him = {a.name: a for a in store.minutes.attendance(meeting.id)[0]}["Paul Petit"]
    assert (him.confirmed, him.status, him.arrived_at) == (False, NO_ANSWER, None)


def test_only_what_is_noted_can_be_written(store, meeting):
    paul = invitees(store, meeting.id)["Paul Petit"].id
    for status in (SUBSTITUTED, ANNOUNCED, NO_ANSWER):
        with pytest.raises(Refused, match="se déduit"):
            store.minutes.set_attendance(paul, status)


def test_one_quorum_for_the_grid_the_seance_and_the_minutes(store, meeting):
    """Nobody answered the poll, two seats are covered in the room: every view says two."""
    people = invitees(store, meeting.id)
    store.minutes.check_in(people["Léa Durand"].id)  # for Louise Martin, absent
    store.minutes.check_in(people["Paul Petit"].id)
    store.minutes.check_in(people["Nadia Haddad"].id)  # a guest holds no seat
    _attendees, seance = store.minutes.attendance(meeting.id)
    _detail, scores = store.meetings.grid(meeting.id)
    chosen = next(score for score in scores if score.slot.status.value == "chosen")
    document = store.minutes.document(meeting.id)
    assert (seance.covered, seance.seats, seance.needed) == (2, 3, 2)
    assert (chosen.seats_covered, chosen.seats, chosen.quorum_needed) == (2, 3, 2)
    assert document.quorum == seance and chosen.quorum_reached


def test_once_held_the_grid_says_which_required_people_were_not_in_the_room(
        store, committee, members):
    """Required people who said no to the chosen slot, then came (or sent their suppléant(e)),
    are not missing from a held meeting; one who said yes and never came is."""
    meeting, slots = poll(store, committee.id)
    people = invitees(store, meeting.id)
    for name in ("Louise Martin", "Paul Petit"):
        store.meetings.set_required(people[name].id, True)
        store.meetings.record_vote(people[name].id, slots[0].id, "no")
    store.meetings.choose_slot(slots[0].id, confirmed=True)
    store.meetings.mark_held(meeting.id, now=AFTER_ALL)
    _detail, scores = store.meetings.grid(meeting.id)
    chosen = next(score for score in scores if score.slot.id == slots[0].id)
    assert set(chosen.required_missing) == {"Louise Martin", "Paul Petit"}
    store.minutes.check_in(people["Léa Durand"].id)  # for Louise Martin
    _detail, scores = store.meetings.grid(meeting.id)
    chosen = next(score for score in scores if score.slot.id == slots[0].id)
    assert (chosen.required_missing, chosen.required_refused) == (("Paul Petit",), ())
