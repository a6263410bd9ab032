"""Putting a backup back, without ever bringing back someone who asked to be erased.

Everything is checked before anything is replaced: the passphrase, every entry of the archive,
its schema (an older one is migrated, a newer one refused), the database's integrity. The base
is rebuilt aside, the erasures of the ledger applied to it again, and only then are the files
put back and the base replaced — through SQLite's backup API, in one transaction. The replaced
base is kept beside it. A restore stopped in between leaves the old base, or the new one with
its erasures' files still to sweep (done at the next start, as after any erasure).
"""

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Refused, open_store
from comite.usecases import erasure_ledger, paths
from comite.usecases.settings import Settings, audit_actor

_STAMP = "%Y%m%d-%H%M%S"
_STAGED = ".{name}.restauration-{stamp}"
# A restore takes seconds: a stage older than this one was left by a restore that was killed.
STALE_STAGE_S = 600.0


@dataclass(frozen=True, slots=True)
class Restored:
    database: Path
    backup_of: datetime  # when the backup was made
    aside: Path | None  # the replaced base, kept
    files: int  # files put back
    files_aside: tuple[Path, ...]  # files that differed, kept beside under another name
    erased_again: int  # people the ledger says were erased since
    migrated_from: int | None  # the backup's schema when older than today's


def restore_backup(archive: Path, database: Path, passphrase: str, settings: Settings, *,
                   now: datetime | None = None) -> Restored:
    from comite.store.migrations import LATEST
    from comite.usecases.backup_archive import opened

    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP)
    database = database.expanduser()
    database.parent.mkdir(parents=True, exist_ok=True)
    forget_stale_stages(database)
    staged = database.with_name(_STAGED.format(name=database.name, stamp=stamp))
    with opened(archive.expanduser(), passphrase) as backup:
        manifest = backup.manifest
        if manifest.schema > LATEST:
            raise Refused(_("Cette sauvegarde vient d’une version plus récente de comite (schéma {n}, "
                            "celle-ci connaît le {latest}) : mettez comite à jour, puis restaurez-la. "
                            "Rien n’a été remplacé.").format(n=manifest.schema, latest=LATEST))
        try:
            erased_files, erased_again = _rebuild(staged, backup.database(), manifest, archive)
            put_back, aside_files = _put_files_back(backup, settings, erased_files, stamp)
            aside = _replace(staged, database, stamp)
        finally:
            _remove_stage(staged)
    store = open_store(database, actor=audit_actor())
    try:
        from comite.usecases.privacy import finish_erasures

        finish_erasures(store, settings)
    finally:
        store.close()
    return Restored(database=database, backup_of=manifest.created_at, aside=aside, files=put_back,
                    files_aside=tuple(aside_files), erased_again=erased_again,
                    migrated_from=manifest.schema if manifest.schema < LATEST else None)


def _rebuild(staged: Path, image: bytes, manifest, archive: Path) -> tuple[set[Path], int]:
    """The backup's base, aside: migrated, checked, its files' paths moved under this data
    folder, and erased again whoever the ledgers name. The paths of the files those erasures
    let go (not to be put back)."""
    from comite.exports.files import atomic_write

    atomic_write(staged, image)
    staged.chmod(0o600)
    try:
        store = open_store(staged, actor=audit_actor(), check_location=False)
    except Refused:
        raise Refused(_("La base contenue dans cette sauvegarde est illisible : rien n’a été "
                        "remplacé. Essayez une sauvegarde plus ancienne.")) from None
    try:
        if store.integrity():
            raise Refused(_("La base contenue dans cette sauvegarde est abîmée : rien n’a été "
                            "remplacé. Essayez une sauvegarde plus ancienne."))
        store.backups.relocate(manifest.data_dir, str(paths.data_dir()))
        ledgers = [paths.erasure_ledger(), archive.expanduser().parent / erasure_ledger.FILE_NAME]
        erasures = [store.privacy.erase(person_id)
                    for person_id in store.backups.people_among(erasure_ledger.merged(ledgers))]
    finally:
        store.close()
    gone = {Path(file) for erasure in erasures for file in erasure.files}
    gone |= {Path(name) for erasure in erasures for name in erasure.invitation_files}
    return gone, len(erasures)


def _put_files_back(backup, settings: Settings, erased: set[Path], stamp: str) -> tuple[int, list[Path]]:
    """Each file of the backup at its place, but those of people erased since. A file there
    already with the same content is left; with another content, kept aside under a new name."""
    from comite.usecases.backup_archive import message_stem

    roots = {"donnees": paths.data_dir(), "envoi": settings.folder("outbox")}
    # The base keeps a message's name only; its calendars are « NAME.ics », « NAME-date-N.ics ».
    messages = {Path(name).stem for name in erased if Path(name).name == str(name)}
    put_back, aside = 0, []
    for file in backup.manifest.files:
        target = roots[file.root] / file.path
        if target in erased or (file.root == "envoi" and message_stem(target) in messages):
            continue
        if target.is_file():
            if _sha256(target) == file.sha256:
                continue
            kept = _free(target.with_name(f"{target.name}.avant-restauration-{stamp}"))
            os.replace(target, kept)
            aside.append(kept)
        backup.extract(file, target)
        put_back += 1
    return put_back, aside


def _replace(staged: Path, database: Path, stamp: str) -> Path | None:
    """The rebuilt base in place of the current one, which is kept aside; None when there was
    none. Through SQLite's backup API while the current base opens: a comite left open on it
    reads the new one, never half of each. A base too damaged to open is moved aside whole."""
    from comite.store.backups import copy_database

    if not database.exists():
        os.replace(staged, database)
        return None
    aside = _free(database.with_name(f"{database.name}.avant-restauration-{stamp}"))
    try:
        copy_database(database, aside)
        aside.chmod(0o600)
        copy_database(staged, database)
    except Refused:  # the current base is damaged (often why one restores): moved, not read
        _remove_stage(aside)
        for suffix in ("", "-wal", "-shm"):
            current = database.with_name(database.name + suffix)
            if current.exists():
                os.replace(current, aside.with_name(aside.name + suffix))
        os.replace(staged, database)
    return aside


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _free(path: Path) -> Path:
    """`path`, or `path-2`, `path-3`…: two restores in one second keep both replaced files."""
    candidate, number = path, 1
    while any(candidate.with_name(candidate.name + suffix).exists() for suffix in ("", "-wal", "-shm")):
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def _remove_stage(staged: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        staged.with_name(staged.name + suffix).unlink(missing_ok=True)


def forget_stale_stages(database: Path, *, older_than_s: float = 0.0) -> None:
    """A restore killed half-way left its rebuilt base beside the real one, in clear (people
    erased since included): gone — with the hidden temporary file a kill may leave while it is
    being written. Every `comite` start asks, sparing a restore that may be running now."""
    import time

    stage = _STAGED.format(name=database.name, stamp="*")
    try:
        stale = [*database.parent.glob(stage), *database.parent.glob(f".{stage}.tmp")]
        for path in stale:
            if time.time() - path.stat().st_mtime >= older_than_s:
                path.unlink(missing_ok=True)
    except OSError:
        pass  # a folder that cannot be read: opening the base says why, better than this
