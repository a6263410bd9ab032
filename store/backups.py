"""What a backup needs from the database, and what a restore asks of it: a consistent copy
taken while the base is in use, the files its records point to, the backups written, and the
people a restore must erase again."""

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from comite.kernel.i18n import _
from comite.store.db import Database
from comite.store.errors import Refused

# The columns that record a document kept beside the database: the same SELECT names them for
# the backup, and a restore on another machine moves them under its data folder.
_KEPT_FILES = (("charter_signatures", "scan_path"), ("trainings", "certificate_path"),
               ("involvement_evidence", "path"), ("expense_receipts", "path"))


@dataclass(frozen=True, slots=True)
class BackupRecord:
    """One backup written: when, where, how big, how many files beside the database."""

    created_at: datetime
    folder: str
    file_name: str
    size: int
    files: int


@dataclass(frozen=True, slots=True)
class Referenced:
    """The files outside the database that its records point to."""

    pieces: tuple[str, ...]  # absolute paths: charters' scans and signed copies, certificates
    logos: tuple[str, ...]  # file names in the data folder's logos/
    outbox: tuple[str, ...]  # messages written in the outbox and recorded: invitations, minutes


class BackupService:
    def __init__(self, db: Database, actor: str) -> None:
        self._db = db
        self._actor = actor

    def snapshot(self) -> bytes:
        """The whole database as one consistent image, through SQLite's online backup API:
        pages written meanwhile by another program are never half in it (a file copy of a live
        base in WAL mode can be)."""
        memory = sqlite3.connect(":memory:")
        try:
            self._db.connection().backup(memory)
            return memory.serialize()
        finally:
            memory.close()

    def referenced(self) -> Referenced:
        conn = self._db.connection()
        pieces = [row[0] for row in conn.execute(
            " UNION ".join(f"SELECT {column} FROM {table} WHERE {column} != ''"
                           for table, column in _KEPT_FILES))]
        logos = [row[0] for row in conn.execute(
            "SELECT DISTINCT logo FROM structures WHERE logo != ''")]
        outbox = [row[0] for row in conn.execute(
            "SELECT file_name FROM invitations WHERE file_name != '' "
            "UNION SELECT file_name FROM cancellations WHERE file_name IS NOT NULL "
            "UNION SELECT file_name FROM minutes_messages")]
        return Referenced(tuple(sorted(pieces)), tuple(sorted(logos)), tuple(sorted(outbox)))

    def record(self, backup: BackupRecord) -> None:
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO backups (created_at, folder, file_name, size, files) VALUES (?, ?, ?, ?, ?)",
                (backup.created_at.isoformat(timespec="seconds"), backup.folder, backup.file_name,
                 backup.size, backup.files))

    def last(self) -> BackupRecord | None:
        """The backup written last — by the order of writing, not its date: one dated ahead by
        a wrong clock would otherwise stay « the last » after the clock is set right."""
        row = self._db.connection().execute(
            "SELECT * FROM backups ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        return BackupRecord(created_at=datetime.fromisoformat(row["created_at"]),
                            folder=row["folder"], file_name=row["file_name"], size=row["size"],
                            files=row["files"])

    def relocate(self, old_root: str, new_root: str) -> int:
        """The files' paths recorded under another data folder (the backup of another machine,
        another user name) moved under this one's; how many paths changed."""
        if old_root == new_root:
            return 0
        prefix = old_root.rstrip("/") + "/"
        start = len(prefix) + 1
        target = new_root.rstrip("/") + "/"
        with self._db.write() as conn:
            return sum(conn.execute(
                f"UPDATE {table} SET {column} = ? || substr({column}, ?) "
                f"WHERE substr({column}, 1, ?) = ?", (target, start, len(prefix), prefix)).rowcount
                for table, column in _KEPT_FILES)

    def people_among(self, uids: Iterable[str]) -> list[int]:
        """The numbers of the people this base holds among `uids` (a restore erases them again)."""
        wanted = sorted(set(uids))
        conn = self._db.connection()
        found: list[int] = []
        # Chunks well under SQLite's limit on bound parameters.
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            found += [row[0] for row in conn.execute(
                f"SELECT id FROM people WHERE uid IN ({', '.join('?' * len(chunk))})", chunk)]
        return sorted(found)


def copy_database(source: Path, target: Path) -> None:
    """Make `target` a page-for-page copy of `source` through SQLite's backup API: in one
    transaction of `target`, so that a program reading it sees the old base or the new one.
    Refused when `source` or `target` is not a readable database; « busy » stays an error of
    the machine (another program writes and does not let go)."""
    from comite.store.db import BUSY_TIMEOUT_MS, is_busy

    reader = sqlite3.connect(source)
    writer = sqlite3.connect(target)
    try:
        for conn in (reader, writer):
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        reader.backup(writer)
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) and is_busy(error):
            raise
        raise Refused(_("La base {path} est illisible.").format(path=source.name)) from None
    finally:
        reader.close()
        writer.close()
