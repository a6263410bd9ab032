"""The presence rows a transaction writes — a check-in — shared by the minutes service (the
coordinator noting presence) and the séance (someone walks in, or speaks before being noted),
so both write the same thing, under the same rules."""

import sqlite3
from datetime import UTC, datetime

from comite.kernel.i18n import _
from comite.store.audit import record
from comite.store.errors import NotFound, Refused
from comite.store.meeting_models import MeetingStatus
from comite.store.minutes_guard import guard_edit


def utc_iso(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def held_invitee(conn: sqlite3.Connection, invitee_id: int) -> sqlite3.Row:
    """The invitee's row with their meeting's status; refused unless the meeting is held."""
    row = conn.execute("SELECT i.*, m.status FROM invitees i JOIN meetings m "
                       "ON m.id = i.meeting_id WHERE i.id = ?", (invitee_id,)).fetchone()
    if row is None:
        raise NotFound(_("Cette personne n’est plus invitée."))
    if row["status"] != MeetingStatus.HELD:
        raise Refused(_("Les présences se notent le jour de la réunion : ouvrez la séance "
                        "ou notez la réunion comme tenue."))
    return row


def check_in(conn: sqlite3.Connection, actor: str, invitee_id: int,
             now: datetime | None = None) -> None:
    """Present from now; already checked in (in the room, or back after leaving), the first
    arrival stands and a departure goes."""
    invitee = held_invitee(conn, invitee_id)
    guard_edit(conn, actor, invitee["meeting_id"], False)
    known = invitee["attendance"] == "present" and invitee["arrived_at"]
    conn.execute("UPDATE invitees SET attendance = 'present', represented_by = NULL, "
                 "arrived_at = ?, left_at = NULL WHERE id = ?",
                 (invitee["arrived_at"] if known else utc_iso(now), invitee_id))
    record(conn, actor, "check_in", "attendance", invitee_id, ["attendance"])
