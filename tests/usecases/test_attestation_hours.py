"""The hours a certificate of attendance gives (`usecases.attestations.presence`): the times
noted at the door, and what stands in for a time that was not noted, or was typed afterwards
(a check-in notes the moment it is typed)."""

from datetime import UTC, datetime, timedelta

import pytest

from comite.exports.pdf.attestation import Until
from comite.kernel.zones import zone
from comite.store.meeting_models import InviteeSeat
from comite.store.minutes_models import AttendanceStatus, Attendee, Side
from comite.usecases.attestations import presence

PARIS = zone("Europe/Paris")
START = datetime(2026, 10, 9, 18, 0, tzinfo=PARIS)
END = START + timedelta(hours=2)


def at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    """A moment as the store keeps it: UTC."""
    return (START.replace(hour=hour, minute=minute) + timedelta(days=days)).astimezone(UTC)


def present(arrived: datetime | None, left: datetime | None = None) -> Attendee:
    return Attendee(invitee_id=1, person_id=1, name="Léa Durand", seat=InviteeSeat.TITULAR,
                    seat_key=1, substitute_for_name="", side=Side.USERS,
                    status=AttendanceStatus.PRESENT, confirmed=True, represented_by_id=None,
                    represented_by_name="", arrived_at=arrived, left_at=left)


def hours(attendee: Attendee, sitting_end: datetime | None = None) -> tuple[str, str, bool, Until]:
    said = presence(attendee, START, END, sitting_end)
    assert said.arrived.tzinfo is not None and said.arrived.utcoffset() == START.utcoffset()
    return f"{said.arrived:%H:%M}", f"{said.left:%H:%M}", said.arrival_noted, said.until


def test_both_times_noted_are_the_hours():
    assert hours(present(at(17, 55), at(19, 10))) == ("17:55", "19:10", True, Until.DEPARTURE)


def test_no_departure_noted_is_the_planned_end():
    assert hours(present(at(18, 20))) == ("18:20", "20:00", True, Until.PLANNED_END)


def test_no_departure_noted_is_the_end_of_the_seance_when_it_was_closed_that_day():
    assert hours(present(at(18, 0)), at(19, 40)) == ("18:00", "19:40", True, Until.SITTING_END)
    # A séance closed the next morning (forgotten open) says nothing of that evening.
    assert hours(present(at(18, 0)), at(9, 0, days=1)) == ("18:00", "20:00", True,
                                                           Until.PLANNED_END)


def test_present_by_hand_without_times_is_the_meeting_s_hours():
    assert hours(present(None)) == ("18:00", "20:00", False, Until.PLANNED_END)


@pytest.mark.parametrize("typed", [at(10, 0, days=1), at(21, 30)])
def test_an_arrival_typed_afterwards_is_no_hour_of_presence(typed):
    """The next day, or after the meeting ended: the presences filled in later."""
    assert hours(present(typed)) == ("18:00", "20:00", False, Until.PLANNED_END)


def test_a_departure_typed_the_next_day_is_no_hour_of_presence():
    assert hours(present(at(18, 5), at(9, 0, days=1))) == ("18:05", "20:00", True,
                                                           Until.PLANNED_END)


def test_a_departure_after_the_planned_end_stands_when_the_meeting_ran_late():
    assert hours(present(at(18, 0), at(20, 25))) == ("18:00", "20:25", True, Until.DEPARTURE)
