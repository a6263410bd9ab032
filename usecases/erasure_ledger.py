"""The ledger of erasures: the reference (UID) of every person erased, and when — no name,
nothing else. It lives outside the backups (in the data folder, and a copy beside the backups),
so that restoring a backup taken before someone asked to be erased erases them again.
"""

import re
from collections.abc import Iterable
from pathlib import Path

FILE_NAME = "effacements.txt"
_HEADER = (
    "# comite : personnes effacées (droit à l’effacement), par leur référence seule.\n"
    "# Une restauration efface de nouveau celles qu’une sauvegarde contiendrait encore.\n"
    "# Ne pas modifier ni supprimer ce fichier.\n"
)
_LINE = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s+(\S+)\s*$")
# A ledger is a few dozen lines; anything far larger is not one.
MAX_BYTES = 16 * 1024 * 1024


def read(path: Path) -> dict[str, str]:
    """UID → day and time of the erasure; an absent file is an empty ledger, a line that is
    not an entry is passed by (a ledger is never refused: it can only add erasures)."""
    try:
        with path.open("rb") as stream:
            text = stream.read(MAX_BYTES).decode("utf-8", "replace")
    except (FileNotFoundError, NotADirectoryError):
        return {}
    entries: dict[str, str] = {}
    for line in text.splitlines():
        if match := _LINE.match(line.strip().lower()):
            entries.setdefault(match[1], match[2])
    return entries


def merged(paths: Iterable[Path]) -> dict[str, str]:
    """Every erasure any of the ledgers holds."""
    entries: dict[str, str] = {}
    for path in paths:
        for uid, when in read(path).items():
            entries.setdefault(uid, when)
    return entries


def add(path: Path, uid: str, erased_at: str) -> None:
    """Note one erasure (saying it twice keeps one line)."""
    entries = read(path)
    if uid and uid.lower() not in entries:
        entries[uid.lower()] = erased_at
        write(path, entries)


def write(path: Path, entries: dict[str, str]) -> Path:
    from comite.exports.files import atomic_write

    lines = "".join(f"{uid} {when}\n" for uid, when in sorted(entries.items(), key=lambda e: (e[1], e[0])))
    return atomic_write(path, (_HEADER + lines).encode("utf-8"))
