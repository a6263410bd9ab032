"""The inbox folder's files: which to leave alone, which are conflict copies, where they go."""

import os
import re
from pathlib import Path

from comite.kernel.i18n import _

ACCEPTED_SUFFIXES = (".ics", ".eml", ".csv")
PROCESSED = "processed"
QUARANTINE = "quarantine"

# Files that sync clients, browsers and office programs are still writing or keep for themselves.
_TEMPORARY = re.compile(
    r"^(?:~syncthing~.*\.tmp|~\$.*|.*\.(?:part|partial|crdownload|download|tmp|temp|swp)|.*~)$",
    re.IGNORECASE)
# Syncthing, Nextcloud/ownCloud (old and new spellings) and Dropbox conflict copies.
_CONFLICT = re.compile(
    r"\.sync-conflict-\d{8}-\d{6}|_conflict-\d{8}-\d{6}|\([^)]*conflicted copy[^)]*\)|"
    r"\(conflict(?:ed)?[ _-]?copy[^)]*\)|\(copie en conflit[^)]*\)",
    re.IGNORECASE)


def temporary_reason(name: str) -> str:
    """Why the file is not ours to take (yet): hidden or temporary; '' when it is."""
    if name.startswith("."):
        return _("fichier caché ou temporaire (synchronisation, verrou d’un tableur…)")
    if _TEMPORARY.match(name):
        return _("fichier temporaire, encore en cours d’écriture ou de téléchargement")
    return ""


def is_conflict_copy(name: str) -> bool:
    return bool(_CONFLICT.search(name))


def is_accepted(name: str) -> bool:
    return name.lower().endswith(ACCEPTED_SUFFIXES)


def move_into(path: Path, folder: Path) -> Path:
    """Move `path` into `folder` (created if needed) under a name no other file has there."""
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    number = 2
    while target.exists() or target.is_symlink() or target.with_name(target.name + ".why.txt").exists():
        target = folder / f"{path.stem} ({number}){path.suffix}"
        number += 1
    os.replace(path, target)
    return target


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file beside it, fsync, rename over, then the folder
    synced so the rename survives a power cut. (sync never imports exports: this is sync's own
    counterpart of exports.files.atomic_write.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass  # not every file system can sync a folder: the rename stands
    finally:
        os.close(folder)
