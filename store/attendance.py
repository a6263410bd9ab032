"""Who was there: the prefill from the convocation's answers, and the quorum of those present.
Pure functions, tested alone.

A suppléant present while their titulaire is not takes the seat: the titulaire is then
« représenté(e) » by them, and the seat counts for the quorum.
"""

from collections.abc import Sequence
from dataclasses import replace

from comite.store.meeting_models import InviteeSeat, PartStat
from comite.store.minutes_models import AttendanceStatus, Attendee, Quorum
from comite.store.scoring import quorum_needed

_FROM_PARTSTAT = {PartStat.ACCEPTED: AttendanceStatus.PRESENT,
                  PartStat.DECLINED: AttendanceStatus.EXCUSED}


def prefilled(partstat: PartStat) -> AttendanceStatus:
    """What the convocation's answer suggests: yes → present, no → excused, else absent."""
    return _FROM_PARTSTAT.get(partstat, AttendanceStatus.ABSENT)


def seat_representation(attendees: Sequence[Attendee]) -> list[Attendee]:
    """Titulaires not present whose seat a present suppléant holds become « représenté(e) »
    by them, unless the coordinator named someone else."""
    holders = {}
    for attendee in attendees:
        if (attendee.seat is InviteeSeat.SUBSTITUTE and attendee.seat_key is not None
                and attendee.status is AttendanceStatus.PRESENT):
            holders.setdefault(attendee.seat_key, attendee)
    result = []
    for attendee in attendees:
        holder = holders.get(attendee.seat_key) if attendee.seat is InviteeSeat.TITULAR else None
        if (holder is not None and attendee.status is not AttendanceStatus.PRESENT
                and attendee.represented_by_id is None):
            attendee = replace(attendee, status=AttendanceStatus.REPRESENTED,
                               represented_by_id=holder.invitee_id,
                               represented_by_name=holder.name)
        result.append(attendee)
    return result


def quorum(attendees: Sequence[Attendee], figure: int | None) -> Quorum:
    """Seats covered by someone present (titulaire or one of their suppléants)."""
    seats = {a.seat_key for a in attendees if a.seat_key is not None}
    covered = {a.seat_key for a in attendees
               if a.seat_key is not None and a.status is AttendanceStatus.PRESENT}
    return Quorum(seats=len(seats), covered=len(covered), needed=quorum_needed(len(seats), figure))
