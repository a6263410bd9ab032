"""Everyone at a meeting's table as noted so far, read in the table's order: shared by the
meeting grid, the séance and the minutes, so all three count the same people the same way."""

import sqlite3
from datetime import datetime

from comite.store.attendance import announced, substitutions
from comite.store.fragments import SIDE, SUBSTITUTE_FOR_NAME
from comite.store.meeting_models import InviteeSeat, PartStat
from comite.store.minutes_models import AttendanceStatus, Attendee, Side
from comite.store.profile import Sex
from comite.store.seating import invitee_place, seating_order

_ATTENDEES = f"""
    SELECT i.*, trim(p.first_name || ' ' || p.last_name) AS name, p.sort_key, p.sex,
        {SUBSTITUTE_FOR_NAME},
        coalesce((SELECT trim(rp.first_name || ' ' || rp.last_name) FROM invitees r
                  JOIN people rp ON rp.id = r.person_id WHERE r.id = i.represented_by), '')
            AS represented_by_name,
        {SIDE}
    FROM invitees i JOIN people p ON p.id = i.person_id
    WHERE i.meeting_id = ?
    ORDER BY p.sort_key, i.id
"""


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _attendee(row: sqlite3.Row) -> Attendee:
    confirmed = row["attendance"] is not None
    return Attendee(
        invitee_id=row["id"], person_id=row["person_id"], name=row["name"],
        seat=InviteeSeat(row["seat"]), seat_key=row["seat_key"],
        substitute_for_name=row["substitute_for_name"],
        side=Side(row["side"]),
        status=AttendanceStatus(row["attendance"]) if confirmed
        else announced(PartStat(row["partstat"])),
        confirmed=confirmed, represented_by_id=row["represented_by"],
        represented_by_name=row["represented_by_name"],
        arrived_at=_moment(row["arrived_at"]), answer=PartStat(row["partstat"]),
        left_at=_moment(row["left_at"]), gender=Sex(row["sex"]).gender,
    )


def read_attendees(conn: sqlite3.Connection, meeting_id: int) -> list[Attendee]:
    """Everyone at the meeting, in the table's order, as noted so far (« annoncé(e) » until
    checked in)."""
    return substitutions(seating_order(
        (_attendee(row) for row in conn.execute(_ATTENDEES, (meeting_id,))), invitee_place))
