"""open_store: creates and migrates a good file, refuses a bad one without touching it."""

import sqlite3
from pathlib import Path

import pytest

from comite.store import DatabaseRefused, PersonInput, open_store
from comite.store.db import APPLICATION_ID
from comite.store.migrations import LATEST

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def refuse(path: Path) -> DatabaseRefused:
    with pytest.raises(DatabaseRefused) as caught:
        open_store(path)
    assert caught.value.exit_code == 2
    assert str(path) in caught.value.message
    return caught.value


# --- the hostile fixtures themselves -------------------------------------------------------


def test_hostile_fixtures_are_what_the_readme_says():
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    names = sorted(p.name for p in HOSTILE.glob("*.sqlite"))
    assert names == ["newer-schema.sqlite", "not-a-database.sqlite",
                     "other-application.sqlite", "truncated.sqlite"]
    for name in names:
        assert f"`{name}`" in readme

    text = (HOSTILE / "not-a-database.sqlite").read_text(encoding="utf-8")
    assert "comité des usagers" in text

    truncated = (HOSTILE / "truncated.sqlite").read_bytes()
    assert truncated[:16] == b"SQLite format 3\x00"
    assert 1500 <= len(truncated) <= 2500

    for name, version in (("newer-schema.sqlite", 99), ("other-application.sqlite", 0)):
        raw = (HOSTILE / name).read_bytes()
        assert raw[:16] == b"SQLite format 3\x00"
        assert int.from_bytes(raw[60:64], "big") == version  # user_version in the header
        assert raw[18:20] == b"\x01\x01", f"{name} must be in rollback-journal mode"
    # application_id, at offset 68 of the header: comite's own only in the newer schema
    application = {name: int.from_bytes((HOSTILE / name).read_bytes()[68:72], "big")
                   for name in ("newer-schema.sqlite", "other-application.sqlite")}
    assert application["newer-schema.sqlite"] == APPLICATION_ID
    assert application["other-application.sqlite"] != APPLICATION_ID


# --- files that are accepted ----------------------------------------------------------------


def test_new_file_is_created_in_a_new_folder(tmp_path):
    path = tmp_path / "a" / "b" / "comite.sqlite"
    opened = open_store(path)
    try:
        assert path.is_file()
        assert opened.path == path
        assert opened.schema_version() == LATEST
        assert opened.is_empty()
        assert opened.integrity() == []
    finally:
        opened.close()


def test_empty_file_is_accepted_as_a_new_database(tmp_path):
    path = tmp_path / "vide.sqlite"
    path.write_bytes(b"")
    opened = open_store(path)
    try:
        assert opened.schema_version() == LATEST
        opened.people.create(PersonInput(last_name="Martin"))
        assert opened.people.count() == 1
    finally:
        opened.close()
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_new_database_carries_comites_application_id(valid_db):
    conn = sqlite3.connect(f"{valid_db.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


def test_existing_database_is_reopened_with_its_data(valid_db):
    opened = open_store(valid_db)
    try:
        assert [row.full_name for row in opened.people.page().rows] == ["Jeanne Dupont"]
        assert not opened.is_empty()
    finally:
        opened.close()


def test_tilde_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    opened = open_store("~/donnees/comite.sqlite")
    try:
        assert opened.path == tmp_path / "donnees" / "comite.sqlite"
        assert opened.path.is_file()
    finally:
        opened.close()


# --- hostile files: refused, byte-for-byte untouched ----------------------------------------


@pytest.mark.parametrize(
    ("name", "french_words"),
    [
        ("not-a-database.sqlite", "n’est pas une base de données"),
        ("newer-schema.sqlite", "version plus récente"),
        ("truncated.sqlite", "illisible ou abîmé"),
    ],
)
def test_hostile_file_is_refused_untouched(name, french_words, hostile_copy, snapshot,
                                           side_files_of):
    path = hostile_copy(name)
    before = snapshot(path)
    error = refuse(path)
    assert french_words in error.message
    assert snapshot(path) == before
    assert side_files_of(path) == []


def test_newer_schema_message_names_both_versions(hostile_copy):
    error = refuse(hostile_copy("newer-schema.sqlite"))
    assert "99" in error.message
    assert f"schéma {LATEST}" in error.message
    assert "mettez comite à jour" in error.message


def test_newer_schema_in_wal_mode_is_refused_without_side_files(tmp_path, snapshot,
                                                                 side_files_of):
    """A future comite leaves its database in WAL mode; the refusal must not create -wal/-shm.

    (Regression: a plain '?mode=ro' probe created -wal and -shm beside a WAL-mode file.)
    """
    path = tmp_path / "future" / "comite.sqlite"
    path.parent.mkdir()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE future_things (id INTEGER PRIMARY KEY)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    assert side_files_of(path) == []
    before = snapshot(path)
    refuse(path)
    assert snapshot(path).content == before.content
    assert side_files_of(path) == []
    assert snapshot(path) == before


def _clashing_application_db(folder: Path) -> Path:
    path = folder / "autre.sqlite"
    folder.mkdir(exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, nickname TEXT)")
    conn.execute("INSERT INTO people (nickname) VALUES ('Zaza')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("source", ["other-application.sqlite", "clashing-tables"])
def test_another_applications_sqlite_file_is_refused_untouched(source, hostile_copy, tmp_path,
                                                                snapshot, side_files_of):
    """A SQLite file with user_version 0 but tables of its own is not a new comite database.

    (Regression: it used to be migrated in place, comite's tables added to the foreign file,
    or, with a clashing table name, to fail with a raw English sqlite3.OperationalError.)
    """
    if source == "clashing-tables":
        path = _clashing_application_db(tmp_path / "autre")
    else:
        path = hostile_copy(source)
    before = snapshot(path)
    outcome: object
    try:
        opened = open_store(path)
    except Exception as error:  # what matters is which one, checked below
        outcome = error
    else:
        opened.close()
        outcome = "opened and migrated"
    assert snapshot(path).content == before.content, f"file modified ({outcome!r})"
    assert side_files_of(path) == []
    assert isinstance(outcome, DatabaseRefused), outcome
    assert outcome.exit_code == 2


def test_read_only_file_is_refused_untouched(valid_db, snapshot, side_files_of):
    valid_db.chmod(0o444)
    try:
        before = snapshot(valid_db)
        error = refuse(valid_db)
        assert "lecture seule" in error.message
        assert snapshot(valid_db) == before
        assert side_files_of(valid_db) == []
    finally:
        valid_db.chmod(0o644)


def test_a_folder_is_not_a_database(tmp_path):
    folder = tmp_path / "dossier.sqlite"
    folder.mkdir()
    error = refuse(folder)
    assert "n’est pas un fichier" in error.message
    assert list(folder.iterdir()) == []


def test_parent_that_is_a_file_is_refused_in_french(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("je suis un fichier", encoding="utf-8")
    with pytest.raises(DatabaseRefused) as caught:
        open_store(blocker / "comite.sqlite")
    assert "Impossible de créer le dossier" in caught.value.message
    assert blocker.read_text(encoding="utf-8") == "je suis un fichier"


# --- synced folders ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marker", "is_folder", "client"),
    [
        (".stfolder", True, "Syncthing"),
        (".nextcloudsync.log", False, "Nextcloud"),
        ("._sync_abc123.db", False, "Nextcloud"),
        (".dropbox", False, "Dropbox"),
    ],
)
@pytest.mark.parametrize("depth", ["same folder", "parent folder"])
def test_database_in_a_synced_folder_is_refused(marker, is_folder, client, depth, tmp_path):
    synced = tmp_path / "Documents synchronisés"
    synced.mkdir()
    if is_folder:
        (synced / marker).mkdir()
    else:
        (synced / marker).write_bytes(b"")
    folder = synced if depth == "same folder" else synced / "comite" / "donnees"
    path = folder / "comite.sqlite"
    listing = sorted(p.name for p in synced.iterdir())

    error = refuse(path)
    assert client in error.message
    assert "synchronisé" in error.message
    assert "disque local" in error.message
    assert not path.exists()
    assert sorted(p.name for p in synced.iterdir()) == listing  # no folder created either


def test_existing_database_in_a_synced_folder_is_refused_untouched(valid_db, snapshot,
                                                                  side_files_of):
    (valid_db.parent / ".stfolder").mkdir()
    before = snapshot(valid_db)
    error = refuse(valid_db)
    assert "Syncthing" in error.message
    assert snapshot(valid_db) == before
    assert side_files_of(valid_db) == []


def test_check_location_false_skips_the_sync_check(tmp_path):
    (tmp_path / ".stfolder").mkdir()
    opened = open_store(tmp_path / "comite.sqlite", check_location=False)
    try:
        assert opened.schema_version() == LATEST
    finally:
        opened.close()


def test_check_location_false_still_refuses_a_bad_file(hostile_copy):
    path = hostile_copy("not-a-database.sqlite")
    with pytest.raises(DatabaseRefused):
        open_store(path, check_location=False)


# --- Store helpers --------------------------------------------------------------------------


def test_integrity_reports_a_broken_foreign_key(store, add_person):
    person = add_person("Martin")
    conn = store.db.connection()
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO person_roles (person_id, role) VALUES (?, 'coordinator')",
                 (person.id + 1000,))
    conn.execute("PRAGMA foreign_keys = ON")
    problems = store.integrity()
    assert len(problems) == 1
    assert problems[0].startswith("clé étrangère : person_roles")


def test_is_empty_follows_people_and_structures(store, add_person):
    assert store.is_empty()
    person = add_person("Martin")
    assert not store.is_empty()
    store.people.delete(person.id)
    assert store.is_empty()
    store.structures.create("CDS de Rochebrune", "cds")
    assert not store.is_empty()


def test_close_then_reopen_keeps_everything(db_path, store, add_person):
    add_person("Martin", "Louise", email="louise.martin@example.org")
    store.close()
    again = open_store(db_path)
    try:
        assert again.people.page("louise").total == 1
    finally:
        again.close()


def test_a_new_database_is_readable_by_its_user_only(tmp_path):
    import stat

    from comite.store import PersonInput, open_store

    path = tmp_path / "neuve.sqlite"
    store = open_store(path)
    store.people.create(PersonInput(last_name="Martin"))
    try:
        for made in (path, path.with_name(path.name + "-wal")):
            assert stat.S_IMODE(made.stat().st_mode) == 0o600, made
    finally:
        store.close()
