"""What the watched inbox has already seen: each file's sha256, and what became of it."""

from comite.kernel.clock import utc_now_iso
from comite.store.meeting_models import InboxEntry
from comite.store.service import Service

PROCESSED = "processed"
QUARANTINED = "quarantined"


class InboxService(Service):
    def seen(self, sha256: str) -> InboxEntry | None:
        row = self._db.connection().execute(
            "SELECT * FROM inbox_files WHERE sha256 = ?", (sha256,)).fetchone()
        return _entry(row) if row else None

    def remember(
        self, sha256: str, name: str, size: int, outcome: str, reason: str = "",
        meeting_id: int | None = None,
    ) -> None:
        """Inside the caller's transaction when there is one: the file and its effect land
        together, so a crash between them cannot apply a reply twice."""
        with self._db.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO inbox_files (sha256, name, size, outcome, reason, meeting_id,"
                " received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (sha256, name, size, outcome, reason, meeting_id, utc_now_iso()))

    def recent(self, limit: int = 50, outcome: str | None = None) -> list[InboxEntry]:
        rows = self._db.connection().execute(
            "SELECT * FROM inbox_files WHERE ? IS NULL OR outcome = ? "
            "ORDER BY received_at DESC, name LIMIT ?", (outcome, outcome, limit))
        return [_entry(row) for row in rows]


def _entry(row) -> InboxEntry:
    return InboxEntry(sha256=row["sha256"], name=row["name"], size=row["size"],
                      outcome=row["outcome"], reason=row["reason"], meeting_id=row["meeting_id"],
                      received_at=row["received_at"])
