"""Who was there, read from what was noted: the convocation's answer before anyone is checked
in, the check-ins, the suppléant(e)s in their titulaire's seat. Pure functions, tested alone.

Present means checked in, nothing else: an answer « oui » is « annoncé(e) ». A suppléant(e)
checked in while their titulaire is not takes the seat: the titulaire is « suppléé(e) par »
them, and the seat counts for the quorum (`comite.store.quorum`). A pouvoir (« a donné
pouvoir à ») is only ever the coordinator's explicit act.
"""

from collections.abc import Sequence
from dataclasses import replace

from comite.store.meeting_models import InviteeSeat, PartStat
from comite.store.minutes_models import AttendanceStatus, Attendee, Quorum
from comite.store.quorum import seat_quorum

_FROM_PARTSTAT = {PartStat.ACCEPTED: AttendanceStatus.ANNOUNCED,
                  PartStat.DECLINED: AttendanceStatus.EXCUSED}
# Once the meeting is over, what nobody noted reads as it was: not there.
_NOT_NOTED = (AttendanceStatus.ANNOUNCED, AttendanceStatus.NO_ANSWER)


def announced(partstat: PartStat) -> AttendanceStatus:
    """What the convocation's answer says before the séance: oui → annoncé(e), non →
    excusé(e), anything else (peut-être, nothing) → sans réponse."""
    return _FROM_PARTSTAT.get(partstat, AttendanceStatus.NO_ANSWER)


def substitutions(attendees: Sequence[Attendee]) -> list[Attendee]:
    """Titulaires not present whose seat a checked-in suppléant(e) holds become « suppléé(e)
    par » them, unless they gave a pouvoir to someone."""
    holders = {}
    for attendee in attendees:
        if (attendee.seat is InviteeSeat.SUBSTITUTE and attendee.seat_key is not None
                and attendee.present):
            holders.setdefault(attendee.seat_key, attendee)
    result = []
    for attendee in attendees:
        holder = holders.get(attendee.seat_key) if attendee.seat is InviteeSeat.TITULAR else None
        if (holder is not None and not attendee.present
                and attendee.status is not AttendanceStatus.REPRESENTED):
            attendee = replace(attendee, status=AttendanceStatus.SUBSTITUTED,
                               represented_by_id=holder.invitee_id,
                               represented_by_name=holder.name)
        result.append(attendee)
    return result


def as_recorded(attendees: Sequence[Attendee]) -> list[Attendee]:
    """For the minutes: someone announced, or who never answered, and not checked in was
    absent; someone who said no is excused."""
    return [replace(a, status=AttendanceStatus.ABSENT) if a.status in _NOT_NOTED else a
            for a in attendees]


def quorum(attendees: Sequence[Attendee], figure: int | None) -> Quorum:
    """Seats covered by someone checked in (their titulaire or a suppléant(e) of theirs)."""
    return seat_quorum((a.seat_key for a in attendees),
                       (a.seat_key for a in attendees if a.present), figure)
