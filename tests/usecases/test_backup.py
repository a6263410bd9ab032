"""A backup made, read back by another reader, and put back: on the example data with every kind
of file the base points to (tests/usecases/backup_world.py).

The archive is opened by stream-unzip, written apart from pyzipper (and by 7-Zip where it is
installed): with the passphrase, a sound SQLite base, a JSON manifest whose digests are the
entries', entry names that name nobody; without it, nothing. A restore brings back every row of
every table and every file byte for byte; every refusal (a wrong passphrase, an archive cut or
altered, a newer comite's) is said in French and leaves the data folder byte-identical. Someone
erased after a backup stays erased when it is restored, even on a machine that lost its ledger
but has the one beside the backups."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import stream_unzip

from comite.store import PersonInput, Refused, open_store
from comite.store.migrations import LATEST
from comite.usecases import erasure_ledger, paths
from comite.usecases.backup import Written, due, make_backup
from comite.usecases.backup_archive import write_archive
from comite.usecases.privacy import erase_person
from comite.usecases.restore import restore_backup
from tests.store.older_schema import as_version
from tests.usecases.backup_world import PASSPHRASE, World, build, kept_files, rows, tree

NOW = datetime(2026, 12, 4, 6, 0, tzinfo=UTC)
NEEDLES = (b"quenardel", b"Quenardel", "Anaïs".encode())
# stream-unzip derives the AES key with pycryptodome's PBKDF2 as WinZip AE-2 defines it (SHA-1).
pytestmark = pytest.mark.filterwarnings("ignore:PBKDF2 without:DeprecationWarning")


@pytest.fixture
def world(tmp_path) -> World:
    return build(tmp_path / "remis")


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "sauvegardes"


def backup(world: World, folder: Path, now: datetime = NOW) -> Written:
    store = open_store(world.db)
    try:
        return make_backup(store, world.settings, PASSPHRASE, to=folder, now=now)
    finally:
        store.close()


def entries(archive: Path, password: bytes | None = PASSPHRASE.encode()) -> dict[str, bytes]:
    """Every entry, read by stream-unzip, which takes AES-256 in WinZip's AE-2 and nothing else."""

    def chunks() -> Iterator[bytes]:
        with archive.open("rb") as stream:
            while chunk := stream.read(65536):
                yield chunk

    allowed = (stream_unzip.AE_2, stream_unzip.AES_256)
    return {name.decode("utf-8"): b"".join(data) for name, _size, data in stream_unzip.stream_unzip(
        chunks(), password=password, allowed_encryption_mechanisms=allowed)}


def refused_and_untouched(archive: Path, world: World) -> str:
    """Restore `archive`: the French refusal; the data folder, base included, as it was."""
    before = tree(paths.data_dir())
    with pytest.raises(Refused) as refusal:
        restore_backup(archive, world.db, PASSPHRASE, world.settings)
    assert tree(paths.data_dir()) == before, "nothing replaced, no staging or aside file left"
    assert "rien n’a été remplacé" in refusal.value.message.lower(), refusal.value.message
    return refusal.value.message


def people_uids(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT uid FROM people")}
    finally:
        conn.close()


# ---- the backup and its archive ----------------------------------------------------------------


def test_a_backup_holds_every_file_the_base_points_to_and_is_noted(world, folder):
    written = backup(world, folder)
    assert written.path == folder / "comite-sauvegarde-20261204-060000Z.zip" and written.path.is_file()
    assert written.missing == (), "every file the base names was found"
    manifest = json.loads(entries(written.path)["manifest.json"])
    archived = {f"{'boite-d-envoi/' if f['root'] == 'envoi' else ''}{f['path']}" for f in manifest["files"]}
    assert archived == set(kept_files(world.settings)) and written.files == len(archived)
    assert {f["root"] for f in manifest["files"]} == {"donnees", "envoi"}
    assert oct(written.path.stat().st_mode & 0o777) == "0o600"
    store = open_store(world.db)
    try:
        last = store.backups.last()
    finally:
        store.close()
    assert (last.created_at, last.file_name, last.size, last.files) == (
        NOW, written.path.name, written.path.stat().st_size, written.files)


def test_the_archive_reads_back_elsewhere_with_the_passphrase_only(world, folder, tmp_path):
    written = backup(world, folder)
    found = entries(written.path)
    manifest = json.loads(found["manifest.json"])
    assert manifest["schema"] == LATEST and manifest["format"] == 1
    assert hashlib.sha256(found["comite.sqlite"]).hexdigest() == manifest["database"]["sha256"]
    for file in manifest["files"]:
        assert hashlib.sha256(found[file["entry"]]).hexdigest() == file["sha256"], file["entry"]
    assert set(found) == {"comite.sqlite", "manifest.json", "LISEZMOI.txt",
                          *(file["entry"] for file in manifest["files"])}
    assert "comite restore" in found["LISEZMOI.txt"].decode("utf-8")

    copy = tmp_path / "lue.sqlite"
    copy.write_bytes(found["comite.sqlite"])
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        names = [row for row in conn.execute("SELECT last_name, first_name FROM people")]
    finally:
        conn.close()
    assert ("Quenardel", "Anaïs") in names and len(names) > 20
    from comite.exports.files import slug

    for name in found:
        for last, first in names:
            assert slug(last) not in name.lower() and slug(first) not in name.lower(), name
    raw = written.path.read_bytes()
    assert not any(needle in raw for needle in NEEDLES), "no name in clear in the archive"
    assert b"SQLite format 3" not in raw and b"chartes/pieces" not in raw

    with pytest.raises(stream_unzip.MissingAESPasswordError):
        entries(written.path, password=None)
    with pytest.raises(stream_unzip.IncorrectAESPasswordError):
        entries(written.path, password=b"une autre phrase de passe")


@pytest.mark.skipif(shutil.which("7z") is None, reason="7-Zip is not installed here")
def test_7zip_opens_it_with_the_passphrase(world, folder, tmp_path):
    written = backup(world, folder)
    out = tmp_path / "7z"
    done = subprocess.run(["7z", "x", f"-p{PASSPHRASE}", f"-o{out}", str(written.path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (out / "comite.sqlite").read_bytes() == entries(written.path)["comite.sqlite"]
    refused = subprocess.run(["7z", "x", "-pmauvaise-phrase", f"-o{tmp_path / 'non'}",
                              str(written.path)], capture_output=True, text=True)
    assert refused.returncode != 0


def test_the_backups_folder_is_made_when_its_parent_exists(world, folder):
    assert not folder.exists()
    backup(world, folder)
    assert folder.is_dir() and oct(folder.stat().st_mode & 0o777) == "0o700"


# ---- the round trip --------------------------------------------------------------------------------


def test_a_restore_brings_back_every_row_and_every_file(world, folder):
    before_rows, before_files = rows(world.db), kept_files(world.settings)
    written = backup(world, folder)
    # The day after: a person added, a certificate lost, the logo's file replaced by another.
    store = open_store(world.db)
    try:
        store.people.create(PersonInput(last_name="Nouvelle", first_name="Arrivée"))
    finally:
        store.close()
    lost = next(paths.training_certificates_dir().iterdir())
    lost.unlink()
    logo = next(paths.logos_dir().iterdir())
    logo.write_bytes(b"another image")
    replaced_base = world.db.read_bytes()

    restored = restore_backup(written.path, world.db, PASSPHRASE, world.settings, now=NOW)

    assert rows(world.db) == before_rows
    after_files = kept_files(world.settings)
    assert after_files.pop(f"logos/{logo.name}.avant-restauration-20261204-060000") == b"another image"
    assert after_files == before_files
    assert restored.backup_of == NOW and restored.erased_again == 0 and restored.migrated_from is None
    assert restored.files == 2, "the lost certificate and the logo: the others were there as they were"
    assert restored.files_aside == (logo.with_name(f"{logo.name}.avant-restauration-20261204-060000"),)
    assert restored.aside == world.db.with_name("comite.sqlite.avant-restauration-20261204-060000")
    replaced = rows(restored.aside)["people"]
    assert len(replaced) == len(before_rows["people"]) + 1 and any("Nouvelle" in row for row in replaced)
    assert replaced_base != world.db.read_bytes()
    store = open_store(world.db)
    try:
        assert store.integrity() == [] and not store.erasures_pending()
    finally:
        store.close()
    assert not [p for p in world.db.parent.iterdir() if ".restauration-" in p.name]


def test_a_restore_onto_a_path_without_a_base_makes_it(world, folder, tmp_path):
    before = rows(world.db)
    written = backup(world, folder)
    target = tmp_path / "autre-poste" / "comite.sqlite"
    restored = restore_backup(written.path, target, PASSPHRASE, world.settings)
    assert restored.aside is None and rows(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["comite.sqlite"]


def test_a_backup_from_another_machine_puts_its_files_under_this_ones_data_folder(
        world, folder, tmp_path, monkeypatch):
    before = kept_files(world.settings)
    written = backup(world, folder)
    old_data = paths.data_dir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "nouveau-poste"))  # another user, laptop
    assert paths.data_dir() != old_data
    target = paths.default_db()
    restored = restore_backup(written.path, target, PASSPHRASE, world.settings)
    assert restored.files == len(before) and kept_files(world.settings) == before
    store = open_store(target)
    try:
        referenced = store.backups.referenced()
    finally:
        store.close()
    assert referenced.pieces and all(Path(piece).is_relative_to(paths.data_dir()) and Path(piece).is_file()
                                     for piece in referenced.pieces)


def test_a_damaged_current_base_is_kept_aside_whole(world, folder):
    before = rows(world.db)
    written = backup(world, folder)
    garbage = b"SQLite format 3\x00" + "Notes de réunion, pas une base.".encode() * 300
    world.db.write_bytes(garbage)
    restored = restore_backup(written.path, world.db, PASSPHRASE, world.settings)
    assert rows(world.db) == before
    assert restored.aside is not None and restored.aside.read_bytes() == garbage


def test_two_restores_in_one_second_keep_both_replaced_bases(world, folder):
    written = backup(world, folder)
    first = restore_backup(written.path, world.db, PASSPHRASE, world.settings, now=NOW)
    kept = first.aside.read_bytes()
    second = restore_backup(written.path, world.db, PASSPHRASE, world.settings, now=NOW)
    assert second.aside != first.aside and first.aside.read_bytes() == kept


def test_a_staging_base_left_by_a_killed_restore_goes_at_the_next(world, folder):
    written = backup(world, folder)
    stale = [world.db.with_name(".comite.sqlite.restauration-20261201-101010"),
             world.db.with_name(".comite.sqlite.restauration-20261201-101010-wal"),
             world.db.with_name("..comite.sqlite.restauration-20261201-101010.k2j4x9.tmp")]
    for path in stale:
        path.write_bytes(b"la base d'une sauvegarde, en clair")
    restore_backup(written.path, world.db, PASSPHRASE, world.settings)
    assert [path for path in stale if path.exists()] == []


# ---- refusals: nothing replaced ------------------------------------------------------------------


def test_a_wrong_passphrase_is_refused_and_nothing_is_replaced(world, folder):
    written = backup(world, folder)
    before = tree(paths.data_dir())
    with pytest.raises(Refused) as refusal:
        restore_backup(written.path, world.db, "pas la bonne phrase", world.settings)
    assert refusal.value.message == ("La phrase de passe ne correspond pas à cette sauvegarde : rien "
                                     "n’a été remplacé.")
    assert tree(paths.data_dir()) == before


CUTS = {"in the base": lambda size: size // 3, "in the middle": lambda size: size // 2,
        "in the central directory": lambda size: size - 300,
        "in the end record": lambda size: size - 10, "the last byte": lambda size: size - 1,
        "all but the first bytes": lambda size: 30}


@pytest.mark.parametrize("cut", CUTS.values(), ids=CUTS.keys())
def test_a_truncated_archive_is_refused_and_nothing_is_replaced(world, folder, tmp_path, cut):
    written = backup(world, folder)
    data = written.path.read_bytes()
    truncated = tmp_path / written.path.name
    truncated.write_bytes(data[:cut(len(data))])
    message = refused_and_untouched(truncated, world)
    assert "tronquée" in message or "abîmée" in message


def test_one_byte_changed_in_the_base_is_refused(world, folder, tmp_path):
    written = backup(world, folder)
    data = bytearray(written.path.read_bytes())
    data[len(data) // 3] ^= 0x01
    altered = tmp_path / written.path.name
    altered.write_bytes(bytes(data))
    assert refused_and_untouched(altered, world).startswith("Cette sauvegarde est abîmée")


def test_a_backup_of_a_newer_comite_is_refused(world, tmp_path):
    store = open_store(world.db)
    try:
        image = store.backups.snapshot()
    finally:
        store.close()
    newer = tmp_path / "comite-sauvegarde-20261204-060000Z.zip"
    write_archive(newer, image, [], created_at=NOW, schema=LATEST + 1, data_dir=paths.data_dir(),
                  passphrase=PASSPHRASE)
    message = refused_and_untouched(newer, world)
    assert message.startswith("Cette sauvegarde vient d’une version plus récente de comite")
    assert f"schéma {LATEST + 1}" in message and "mettez comite à jour" in message


def test_a_backup_of_schema_10_is_migrated_when_restored(world, tmp_path):
    v10 = tmp_path / "v10.sqlite"
    as_version(world.db, v10, 10)
    archive = tmp_path / "comite-sauvegarde-20250101-000000Z.zip"
    write_archive(archive, v10.read_bytes(), [], created_at=NOW, schema=10,
                  data_dir=paths.data_dir(), passphrase=PASSPHRASE)
    people = rows(world.db)["people"]
    store = open_store(world.db)
    try:
        store.people.create(PersonInput(last_name="Après", first_name="Sauvegarde"))
    finally:
        store.close()
    restored = restore_backup(archive, world.db, PASSPHRASE, world.settings)
    assert restored.migrated_from == 10
    store = open_store(world.db)
    try:
        assert store.schema_version() == LATEST and store.integrity() == []
        assert store.backups.last() is None
    finally:
        store.close()
    assert rows(world.db)["people"] == people


# ---- erasures hold --------------------------------------------------------------------------------


def erase_her(world: World) -> None:
    store = open_store(world.db)
    try:
        erase_person(store, world.settings, world.her)
    finally:
        store.close()
    assert not any(path.exists() for path in world.her_files)


def assert_she_is_gone(world: World) -> None:
    assert world.her_uid not in people_uids(world.db)
    assert [path for path in world.her_files if path.exists()] == []
    assert not any(needle in world.db.read_bytes() for needle in NEEDLES), "not even in free pages"
    store = open_store(world.db)
    try:
        assert store.integrity() == [] and not store.erasures_pending()
    finally:
        store.close()


def test_an_erasure_made_after_a_backup_still_holds_after_restoring_it(world, folder):
    written = backup(world, folder)
    others = {path: data for path, data in kept_files(world.settings).items()
              if "quenardel" not in path}
    erase_her(world)
    restored = restore_backup(written.path, world.db, PASSPHRASE, world.settings)
    assert restored.erased_again == 1
    assert restored.files == 0, "hers are not put back; the others were there"
    assert_she_is_gone(world)
    assert {path: data for path, data in kept_files(world.settings).items()} == {
        path: data for path, data in others.items()
        if (paths.data_dir() / path) not in world.her_files}
    assert world.her_uid in erasure_ledger.read(paths.erasure_ledger())


def test_the_ledger_beside_the_backups_erases_her_again_when_the_data_folders_is_lost(world, folder):
    before = backup(world, folder)
    erase_her(world)
    backup(world, folder, NOW + timedelta(days=1))  # mirrors the ledger beside the backups
    assert world.her_uid in erasure_ledger.read(folder / erasure_ledger.FILE_NAME)
    paths.erasure_ledger().unlink()  # the laptop replaced: its data folder is gone
    restored = restore_backup(before.path, world.db, PASSPHRASE, world.settings)
    assert restored.erased_again == 1
    assert_she_is_gone(world)
    assert world.her_uid in erasure_ledger.read(paths.erasure_ledger()), "written again"


def test_the_ledger_keeps_her_reference_and_nothing_else(world, folder):
    erase_her(world)
    backup(world, folder)
    for ledger in (paths.erasure_ledger(), folder / erasure_ledger.FILE_NAME):
        text = ledger.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.startswith("#")]
        assert len(lines) == 1 and lines[0].split()[0] == world.her_uid, text
        datetime.fromisoformat(lines[0].split()[1])
        assert not any(needle.decode().lower() in text.lower() for needle in NEEDLES)
        assert "anais" not in text.lower() and "example.org" not in text


# ---- the backups folder -----------------------------------------------------------------------------


@contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """The system refuses to write in `folder`: read-only for a user; immutable for root."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("no immutable attribute on this file system, and root writes anywhere")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_backups_folder_that_cannot_be_written_leaves_no_partial_archive(world, folder):
    folder.mkdir()
    with unwritable(folder), pytest.raises(OSError) as error:
        backup(world, folder)
    assert str(folder) in str(error.value)
    assert list(folder.iterdir()) == []
    store = open_store(world.db)
    try:
        assert store.backups.last() is None
    finally:
        store.close()


def test_a_backups_path_that_is_a_file_is_refused_and_nothing_is_written(world, tmp_path):
    a_file = tmp_path / "sauvegardes.txt"
    a_file.write_text("pas un dossier")
    with pytest.raises(OSError):
        backup(world, a_file)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("sauv", ".sauv"))) == [
        "sauvegardes.txt"]


def test_a_short_passphrase_is_refused_before_anything_is_written(world, folder):
    store = open_store(world.db)
    try:
        with pytest.raises(Refused) as refusal:
            make_backup(store, world.settings, "court", to=folder, now=NOW)
    finally:
        store.close()
    assert "au moins 12 caractères" in refusal.value.message
    assert not folder.exists()


def test_without_a_folder_chosen_the_backup_is_refused_in_french(world):
    store = open_store(world.db)
    try:
        with pytest.raises(Refused) as refusal:
            make_backup(store, world.settings, PASSPHRASE, now=NOW)
    finally:
        store.close()
    assert refusal.value.message.startswith("Aucun dossier de sauvegarde n’est choisi")


def test_a_backup_is_due_when_none_was_made_or_the_last_is_a_day_old(world, folder):
    store = open_store(world.db)
    try:
        assert due(store, NOW)
        make_backup(store, world.settings, PASSPHRASE, to=folder, now=NOW)
        assert not due(store, NOW + timedelta(hours=23, minutes=59, seconds=59))
        assert due(store, NOW + timedelta(hours=24))
    finally:
        store.close()


def test_a_backup_dated_ahead_of_the_clock_does_not_stop_the_next_ones(world, folder):
    """The clock was a year ahead the day of a backup, then set right: the next is still due."""
    store = open_store(world.db)
    try:
        make_backup(store, world.settings, PASSPHRASE, to=folder, now=NOW + timedelta(days=365))
        assert due(store, NOW)
        make_backup(store, world.settings, PASSPHRASE, to=folder, now=NOW)
        assert store.backups.last().created_at == NOW
        assert not due(store, NOW + timedelta(hours=1)), "then one a day again, not one a minute"
    finally:
        store.close()
