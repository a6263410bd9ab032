"""Backups of the 20k-people base (`comite demo --size large`, 200 structures), each measured
against a floor in the same run:

- subject: `usecases.backup.make_backup` — the base read through SQLite's online backup API
  into memory, deflated (level 1), encrypted with AES-256 (WinZip AE-2, HMAC-SHA1), its SHA-256
  in the manifest, written whole (hidden temporary file, fsync, rename), noted in the base, the
  folder rotated;
- floor: the bare backup API, `sqlite3.connect(base).backup(sqlite3.connect(file))`, into a
  new file each round (SQLite syncs it at the commit): a plain copy, neither compressed nor
  encrypted.

Budget: median of the rounds ≤ 1.5 × the floor's median (wall clock: both write a file and
wait on the disk). Reported beside, unbudgeted: the archive's size against the base's, and a
whole `restore_backup` of that archive (checked, rebuilt aside, the current base kept aside,
then replaced) against the same floor.
"""

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.common import Figure, median, timed

ROUNDS = 5
BUDGET = 1.5
PASSPHRASE = "banc d’essai des sauvegardes"
FIRST = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)


def run(database: Path, scratch: Path) -> list[Figure]:
    from comite.store import open_store
    from comite.usecases.backup import make_backup
    from comite.usecases.restore import restore_backup
    from comite.usecases.settings import Settings

    base = scratch / "sauvegarde.sqlite"
    shutil.copy(database, base)
    folder = scratch / "sauvegardes"
    bare_copy = scratch / "copie-nue.sqlite"
    settings = Settings()
    bare, subject, archives = [], [], []
    store = open_store(base)
    try:
        for round_ in range(ROUNDS):
            bare_copy.unlink(missing_ok=True)
            bare.append(timed(lambda: _bare_backup(base, bare_copy)))
            now = FIRST + timedelta(days=round_)  # one a day: the rotation keeps them all
            subject.append(timed(lambda now=now: archives.append(
                make_backup(store, settings, PASSPHRASE, to=folder, now=now))))
    finally:
        store.close()
    restore = []
    for written in archives[:3]:
        restore.append(timed(lambda written=written: restore_backup(
            written.path, base, PASSPHRASE, settings)))
    size = median([written.size for written in archives])
    return [
        Figure("backup of the 20k-people base vs bare backup API", median(bare), median(subject),
               "s", f"≤ {BUDGET:g}×", median(subject) <= BUDGET * median(bare)),
        Figure("archive size vs the base's size (20k people)", database.stat().st_size, size, "MB"),
        Figure("restore of that backup vs bare backup API", median(bare), median(restore), "s"),
    ]


def _bare_backup(source: Path, target: Path) -> None:
    reader, writer = sqlite3.connect(source), sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        reader.close()
        writer.close()
