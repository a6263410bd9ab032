"""The lock on signed minutes, shared by every service that edits what the minutes print."""

import sqlite3

from comite.kernel.clock import utc_now_iso
from comite.kernel.i18n import _
from comite.store.audit import record
from comite.store.errors import NeedsConfirmation
from comite.store.lifecycle import after_voiding, edit_voids_signatures
from comite.store.minutes_models import MinutesStatus


def signed_question(conn: sqlite3.Connection, meeting_id: int) -> str | None:
    """What an edit of signed minutes must ask first (the signers named); None when unsigned."""
    row = conn.execute("SELECT status FROM minutes WHERE meeting_id = ?", (meeting_id,)).fetchone()
    if row is None or not edit_voids_signatures(MinutesStatus(row["status"])):
        return None
    signers = [r["signer"] for r in conn.execute(
        "SELECT signer FROM minutes_signatures WHERE meeting_id = ? AND voided_at IS NULL "
        "ORDER BY id", (meeting_id,))]
    return _("Ce compte rendu est signé ({names}). Le modifier annule ces signatures : il faudra "
             "le faire signer de nouveau. Modifier quand même ?").format(names=", ".join(signers))


def guard_edit(conn: sqlite3.Connection, actor: str, meeting_id: int, confirmed: bool) -> None:
    """Before an edit of a meeting's minutes: signed ones need the coordinator's word, and
    then lose their signatures (kept on record as voided)."""
    question = signed_question(conn, meeting_id)
    if question is None:
        return
    if not confirmed:
        raise NeedsConfirmation(question)
    now = utc_now_iso()
    conn.execute("UPDATE minutes_signatures SET voided_at = ? WHERE meeting_id = ? "
                 "AND voided_at IS NULL", (now, meeting_id))
    conn.execute("UPDATE minutes SET status = ?, signed_at = NULL, voided_at = ?, updated_at = ? "
                 "WHERE meeting_id = ?", (after_voiding(), now, now, meeting_id))
    record(conn, actor, "void_signatures", "minutes", meeting_id, ["status"])
