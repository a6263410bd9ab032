"""The inbox folder's files: which to leave alone, which are conflict copies, where they go."""

import errno
import hashlib
import os
import re
from pathlib import Path

from comite.kernel.i18n import _

ACCEPTED_SUFFIXES = (".ics", ".eml", ".csv")
# Outlook's own message file (an OLE2 compound file, its answer in MAPI properties): refused
# with its own advice rather than as an unknown kind, since a coordinator drops it in good faith.
OUTLOOK_MESSAGE = ".msg"
PROCESSED = "processed"
QUARANTINE = "quarantine"
WHY = ".why.txt"  # beside a file set aside, why
# Bytes in one file name on the usual file systems (ext4, btrfs, XFS, APFS).
NAME_MAX = 255
# The longest name a file keeps once filed: room is left for « (99999) » before its extension
# (a name already taken there) and for .why.txt after it.
FILED_MAX = NAME_MAX - len(" (99999)") - len(WHY)
_HASH_CHARACTERS = 8

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


def is_outlook_message(name: str) -> bool:
    return name.lower().endswith(OUTLOOK_MESSAGE)


def is_accepted(name: str) -> bool:
    return name.lower().endswith(ACCEPTED_SUFFIXES)


def filed_name(name: str) -> str:
    """The name a file keeps in processed/ or quarantine/: its own when it leaves room for a
    number and for .why.txt; otherwise its stem cut, then a short hash of the whole name (two
    long names that begin alike stay apart, the same name always gives the same), and its
    extension."""
    if _length(name) <= FILED_MAX:
        return name
    stem, suffix = os.path.splitext(name)
    if _length(suffix) > 16:  # not an extension: a dot somewhere in a long name
        stem, suffix = name, ""
    tag = "-" + hashlib.sha256(os.fsencode(name)).hexdigest()[:_HASH_CHARACTERS]
    room = FILED_MAX - _length(tag) - _length(suffix)
    while _length(stem) > room:  # by characters, never through the middle of one
        stem = stem[:-1]
    return stem + tag + suffix


def why_path(target: Path) -> Path:
    return target.with_name(target.name + WHY)


def move_into(path: Path, folder: Path) -> Path:
    """Move `path` into `folder` (created if needed) under a name no other file has there,
    short enough for its .why.txt to fit beside it (filed_name)."""
    folder.mkdir(exist_ok=True)
    name = filed_name(path.name)
    stem, suffix = Path(name).stem, Path(name).suffix
    target = folder / name
    number = 2
    while target.exists() or target.is_symlink() or why_path(target).exists():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    os.replace(path, target)
    return target


def check_movable(folder: Path, into: str) -> None:
    """Raise the OSError that moving a file out of `folder` into `folder/into` would meet, before
    anything is applied: a read-only folder or disk, `into` taken by a file. (An answer, not a
    promise: the move itself may still fail, and says so then.)"""
    target = folder / into
    for place in (folder, target):
        if place is target and not os.path.lexists(target):
            continue  # made when the first file goes there
        if not place.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(place))
        if not os.access(place, os.W_OK | os.X_OK):
            code = errno.EROFS if _read_only_disk(place) else errno.EACCES
            raise PermissionError(code, os.strerror(code), str(place))


def _read_only_disk(place: Path) -> bool:
    try:
        return bool(os.statvfs(place).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def _length(name: str) -> int:
    return len(os.fsencode(name))


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file beside it, fsync, rename over, then the folder
    synced so the rename survives a power cut. (sync never imports exports: this is sync's own
    counterpart of exports.files.atomic_write.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if _length(temporary.name) > NAME_MAX:  # a long name: the temporary one must fit as well
        digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:16]
        temporary = path.with_name(f".{digest}.{os.getpid()}.tmp")
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
