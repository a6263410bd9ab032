"""What comite published in a shared calendar (CalDAV), meeting by meeting: the server's ETag,
the digest of what was sent, and a conflict when a colleague changed the object on the server."""

from dataclasses import dataclass

from comite.kernel.clock import utc_now_iso
from comite.store.meeting_models import MeetingStatus
from comite.store.service import Service

# Meetings a shared calendar may show (a draft has no date yet; a cancelled one is removed).
SHOWN = (MeetingStatus.POLL, MeetingStatus.CONVENED, MeetingStatus.HELD)


@dataclass(frozen=True, slots=True)
class Published:
    meeting_uid: str
    meeting_id: int | None  # None once the meeting was deleted
    etag: str
    sha256: str
    conflict: str  # '' or, in French, why comite stopped publishing it
    published_at: str


class CalendarService(Service):
    def published(self, calendar: str) -> dict[str, Published]:
        rows = self._db.connection().execute(
            "SELECT * FROM calendar_resources WHERE calendar = ?", (calendar,))
        return {row["meeting_uid"]: _published(row) for row in rows}

    def fingerprint(self) -> str:
        """Changes whenever the base was written, by this connection (total_changes) or by
        another one (data_version): a cheap question the app asks every few seconds before
        building anything to publish. (The meetings' own timestamps, to the second, missed two
        changes made within one second.)"""
        conn = self._db.connection()
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        return f"{version}:{conn.total_changes}"

    def record(self, calendar: str, meeting_uid: str, meeting_id: int | None, etag: str,
               sha256: str) -> None:
        """Sent and accepted by the server: what was sent, and the ETag it now has."""
        with self._db.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO calendar_resources (calendar, meeting_uid, meeting_id, etag,"
                " sha256, conflict, published_at) VALUES (?, ?, ?, ?, ?, '', ?)",
                (calendar, meeting_uid, meeting_id, etag, sha256, utc_now_iso()))

    def forget(self, calendar: str, meeting_uid: str) -> None:
        """Removed from the server (or found gone)."""
        with self._db.write() as conn:
            conn.execute("DELETE FROM calendar_resources WHERE calendar = ? AND meeting_uid = ?",
                         (calendar, meeting_uid))

    def conflicted(self, calendar: str, meeting_uid: str, meeting_id: int | None, etag: str,
                   why: str) -> None:
        """A colleague changed it on the server: comite stops publishing it until told."""
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO calendar_resources (calendar, meeting_uid, meeting_id, etag, conflict,"
                " published_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (calendar, meeting_uid) "
                "DO UPDATE SET etag = excluded.etag, conflict = excluded.conflict",
                (calendar, meeting_uid, meeting_id, etag, why, utc_now_iso()))

    def replace_theirs(self, calendar: str, meeting_uid: str) -> None:
        """The coordinator chose comite's version: the next publication replaces the colleague's
        (If-Match on the ETag read at the conflict: a newer edit is a new conflict)."""
        with self._db.write() as conn:
            conn.execute("UPDATE calendar_resources SET conflict = '', sha256 = '' "
                         "WHERE calendar = ? AND meeting_uid = ?", (calendar, meeting_uid))


    def accept_theirs(self, calendar: str, meeting_uid: str, sha256: str) -> None:
        """The coordinator keeps the colleague's version: the meeting as it stands counts as
        published; comite's next change to it goes out (If-Match on their ETag)."""
        with self._db.write() as conn:
            conn.execute("UPDATE calendar_resources SET conflict = '', sha256 = ? "
                         "WHERE calendar = ? AND meeting_uid = ?", (sha256, calendar, meeting_uid))


def _published(row) -> Published:
    return Published(meeting_uid=row["meeting_uid"], meeting_id=row["meeting_id"], etag=row["etag"],
                     sha256=row["sha256"], conflict=row["conflict"], published_at=row["published_at"])
