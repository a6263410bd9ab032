"""Backups a coordinator never has to think about: the database (through SQLite's online backup
API) and every file it points to, in one encrypted archive written whole into the folder the
settings name, the older ones rotated. The app makes one at start and every day; `comite
backup` whenever asked.
"""

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from comite.kernel.errors import FieldError
from comite.kernel.i18n import _
from comite.store import Refused, Store
from comite.usecases import erasure_ledger, paths
from comite.usecases.settings import Settings, chosen_folder

if TYPE_CHECKING:
    from comite.usecases.backup_archive import SourceFile

# Every 24 h while the app is open; a warning after a week without one.
INTERVAL = timedelta(hours=24)
WARN_AFTER = timedelta(days=7)
UNFINISHED_AFTER = timedelta(hours=1)
_NAME = re.compile(r"^comite-sauvegarde-(\d{8}-\d{6})Z\.zip$")
# A message's calendars beside it: « jeanne-dupont.ics », « jeanne-dupont-date-2.ics ».
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True, slots=True)
class Written:
    """A backup written: where, how big, what it holds, what the rotation removed."""

    path: Path
    created_at: datetime
    size: int
    files: int
    missing: tuple[str, ...]  # files the base names that were no longer there
    removed: tuple[str, ...]  # older backups the rotation deleted


def archive_name(created_at: datetime) -> str:
    """Dated, nothing else: a backup's name never says whose data it holds."""
    return f"comite-sauvegarde-{created_at.astimezone(UTC).strftime(_STAMP)}Z.zip"


def created_at(name: str) -> datetime | None:
    """When the backup named `name` was made; None for any other file."""
    match = _NAME.match(name)
    return datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC) if match else None


def folder(settings: Settings, chosen: Path | None = None) -> Path:
    """The folder of the backups: `--to`, else the settings'; Refused when neither names one."""
    if chosen is not None:
        return chosen.expanduser()
    if not settings.backup_folder.strip():
        raise Refused(_("Aucun dossier de sauvegarde n’est choisi : indiquez-le dans les réglages "
                        "(F2) ou avec --to DOSSIER."))
    return chosen_folder(settings.backup_folder)


def due(store: Store, now: datetime) -> bool:
    """Whether the automatic backup should run: none yet, or the last is a day old — or dated
    ahead of the clock (made while the clock was wrong: else none would run until that day)."""
    last = store.backups.last()
    return last is None or not timedelta(0) <= now - last.created_at < INTERVAL


def make_backup(store: Store, settings: Settings, passphrase: str, *, to: Path | None = None,
                now: datetime | None = None) -> Written:
    """Write one backup and rotate the folder. Raises Refused (no folder chosen, a short
    passphrase) or OSError (a full disk, a folder that cannot be written, a NAS gone) with
    nothing left half-written; the base is only read."""
    from comite.usecases import backup_secret
    from comite.usecases.backup_archive import write_archive

    target_folder = folder(settings, to)
    try:
        backup_secret.checked(passphrase)
    except FieldError as error:  # a passphrase kept elsewhere (the environment) and too short
        raise Refused(error.message) from None
    if not target_folder.is_dir():
        if not target_folder.parent.is_dir():
            # Never created whole: an unplugged key's folder would land on the laptop's disk.
            raise Refused(_("Le dossier des sauvegardes {folder} est introuvable (disque ou clé "
                            "débranché ?).").format(folder=target_folder))
        target_folder.mkdir(mode=0o700)
    when = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    sources, missing = _sources(store, settings)
    target = target_folder / archive_name(when)
    write_archive(target, store.backups.snapshot(), sources, created_at=when,
                  schema=store.schema_version(), data_dir=paths.data_dir(), passphrase=passphrase)
    size = target.stat().st_size
    _mirror_ledger(target_folder)
    from comite.store.backups import BackupRecord

    store.backups.record(BackupRecord(created_at=when, folder=str(target_folder),
                                      file_name=target.name, size=size, files=len(sources)))
    removed = rotate(target_folder, when, _longest_retention(store))
    return Written(path=target, created_at=when, size=size, files=len(sources),
                   missing=tuple(missing), removed=tuple(removed))


def rotate(backups: Path, now: datetime, longest_retention_months: int) -> list[str]:
    """Delete the backups the rotation does not keep (`backup_rotation`); their names."""
    from comite.usecases.backup_rotation import kept

    stamps = {name: stamp for entry in backups.iterdir()
              if (stamp := created_at(name := entry.name)) is not None and entry.is_file()}
    keep = kept(stamps.values(), now, longest_retention_months)
    removed = []
    for name, stamp in sorted(stamps.items()):
        if stamp not in keep:
            (backups / name).unlink(missing_ok=True)
            removed.append(name)
    _forget_unfinished(backups, now)
    return removed


def _forget_unfinished(backups: Path, now: datetime) -> None:
    """The hidden half-written archives that a backup killed midway left (encrypted, but they
    pile up on a NAS); spared for an hour: another comite may be writing one now."""
    for partial in backups.glob(".comite-sauvegarde-*.zip.*.tmp"):
        with contextlib.suppress(OSError):
            if now.timestamp() - partial.stat().st_mtime >= UNFINISHED_AFTER.total_seconds():
                partial.unlink()


def _sources(store: Store, settings: Settings) -> tuple[list["SourceFile"], list[str]]:
    """The files the base points to, each under its root (the data folder, the outbox); the
    ones that are gone, or lie outside both, by name."""
    from comite.usecases.backup_archive import SourceFile

    referenced = store.backups.referenced()
    data, outbox = paths.data_dir(), settings.folder("outbox")
    candidates = [(Path(piece), data, "donnees") for piece in referenced.pieces]
    candidates += [(paths.logos_dir() / logo, data, "donnees") for logo in referenced.logos]
    messages, missing = _in_outbox(outbox, referenced.outbox)
    candidates += [(path, outbox, "envoi") for path in messages]
    sources = []
    for path, root, root_name in candidates:
        if path.is_relative_to(root) and path.is_file():
            sources.append(SourceFile(root_name, path.relative_to(root).as_posix(), path))
        else:
            missing.append(path.name)
    return sources, missing


def _in_outbox(outbox: Path, names: Iterable[str]) -> tuple[list[Path], list[str]]:
    """The outbox's messages the base names, by name only: each meeting's folder holds its
    invitations and cancellations, its `compte-rendu/` the minutes' messages. A message's
    calendar files (`NAME.ics`, `NAME-date-N.ics`) go with it, and the folder's mark, which
    tells comite whose meeting it is. The names found in no folder, apart."""
    from comite.exports.outbox_folders import MARKER
    from comite.usecases.backup_archive import message_stem

    wanted = {name for name in names if name and Path(name).name == name}
    stems = {Path(name).stem for name in wanted}
    found: list[Path] = []
    seen: set[str] = set()
    for meeting in _folders(outbox):
        theirs = [path for folder in (meeting, *_folders(meeting)) for path in _files(folder)
                  if path.name in wanted or (path.suffix == ".ics" and message_stem(path) in stems)]
        if theirs and (meeting / MARKER).is_file():
            theirs.append(meeting / MARKER)
        found += theirs
        seen |= {path.name for path in theirs}
    return found, sorted(wanted - seen)


def _folders(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())
    except OSError:  # no outbox yet, or one that cannot be read: its messages are said missing
        return []


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.is_symlink())
    except OSError:
        return []


def _mirror_ledger(target_folder: Path) -> None:
    """The ledger of erasures beside the backups, outside them: a restore on another machine
    (the laptop stolen) still finds whom to erase again."""
    mirror = target_folder / erasure_ledger.FILE_NAME
    entries = erasure_ledger.merged([paths.erasure_ledger(), mirror])
    if entries and entries != erasure_ledger.read(mirror):
        erasure_ledger.write(mirror, entries)


def _longest_retention(store: Store) -> int:
    policy = store.privacy.policy()
    return max(policy.not_retained_months, policy.inactive_months)
