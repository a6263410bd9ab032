"""What the inbox has already seen — the files of the inbox folder by their sha256, the messages
of the mailbox by their Message-ID too — and what became of each; how far each mailbox was read."""

from comite.kernel.clock import utc_now_iso
from comite.store.meeting_models import InboxEntry
from comite.store.service import Service

PROCESSED = "processed"
QUARANTINED = "quarantined"
FOLDER = "folder"
MAILBOX = "mailbox"


class InboxService(Service):
    def seen(self, sha256: str) -> InboxEntry | None:
        row = self._db.connection().execute(
            "SELECT * FROM inbox_files WHERE sha256 = ?", (sha256,)).fetchone()
        return _entry(row) if row else None

    def seen_message(self, sha256: str, message_id: str) -> InboxEntry | None:
        """A message from the mailbox seen before, by its bytes or by its Message-ID; the
        processed one first when both were."""
        row = self._db.connection().execute(
            "SELECT * FROM inbox_files WHERE sha256 = ? OR (? <> '' AND message_id = ?) "
            "ORDER BY outcome = 'processed' DESC, received_at DESC LIMIT 1",
            (sha256, message_id, message_id)).fetchone()
        return _entry(row) if row else None

    def remember(
        self, sha256: str, name: str, size: int, outcome: str, reason: str = "",
        meeting_id: int | None = None, *, message_id: str = "", source: str = FOLDER,
    ) -> None:
        """Inside the caller's transaction when there is one: the file and its effect land
        together, so a crash between them cannot apply a reply twice."""
        with self._db.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO inbox_files (sha256, name, size, outcome, reason, meeting_id,"
                " received_at, message_id, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sha256, name, size, outcome, reason, meeting_id, utc_now_iso(), message_id, source))

    def recent(self, limit: int = 50, outcome: str | None = None) -> list[InboxEntry]:
        rows = self._db.connection().execute(
            "SELECT * FROM inbox_files WHERE ? IS NULL OR outcome = ? "
            "ORDER BY received_at DESC, name LIMIT ?", (outcome, outcome, limit))
        return [_entry(row) for row in rows]

    def mark(self, mailbox: str) -> tuple[int, int] | None:
        """How far `mailbox` (its server, account and folder) was read: (UIDVALIDITY, last UID)."""
        row = self._db.connection().execute(
            "SELECT uidvalidity, last_uid FROM mailbox_marks WHERE mailbox = ?", (mailbox,)).fetchone()
        return (row["uidvalidity"], row["last_uid"]) if row else None

    def set_mark(self, mailbox: str, uidvalidity: int, last_uid: int) -> None:
        with self._db.write() as conn:
            conn.execute("INSERT OR REPLACE INTO mailbox_marks (mailbox, uidvalidity, last_uid) "
                         "VALUES (?, ?, ?)", (mailbox, uidvalidity, last_uid))


def _entry(row) -> InboxEntry:
    return InboxEntry(sha256=row["sha256"], name=row["name"], size=row["size"],
                      outcome=row["outcome"], reason=row["reason"], meeting_id=row["meeting_id"],
                      received_at=row["received_at"], message_id=row["message_id"],
                      source=row["source"])
