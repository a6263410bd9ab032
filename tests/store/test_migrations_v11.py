"""Schema V10 → V11 (the erasure journal keeps the person's UID, the backups written are noted):
the example data written under V10, with an erasure left pending, opens migrated, every row
still there, the base sound; the pending erasure has no UID to give (V10 never kept it) and the
backups table takes its first row."""

import sqlite3
from datetime import UTC, date, datetime

import pytest

from comite.store import open_store
from comite.store.backups import BackupRecord
from comite.store.demo import fill_small
from comite.store.migrations import LATEST
from tests.store.older_schema import as_version, row_counts

TODAY = date(2026, 11, 23)


@pytest.fixture
def v10(tmp_path):
    """The example data under V10, one person erased in the base and not yet swept."""
    source, old = tmp_path / "v11.sqlite", tmp_path / "v10.sqlite"
    store = open_store(source)
    try:
        fill_small(store, TODAY)
        person = store.people.page(limit=1).rows[0]
        store.privacy.erase(person.id)  # the sweep never ran: its journal row is there
    finally:
        store.close()
    as_version(source, old, 10)
    return old, person.id


def test_v10_opens_as_v11_with_every_row_and_a_sound_base(v10):
    old, _erased = v10
    conn = sqlite3.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 10
    assert "person_uid" not in {row[1] for row in conn.execute("PRAGMA table_info(erasure_journal)")}
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'backups'").fetchone()[0] == 0
    conn.close()
    before = row_counts(old, "backups")
    assert before["people"] > 10 and before["erasure_journal"] == 1

    store = open_store(old)
    try:
        assert store.schema_version() == LATEST >= 11
        assert store.integrity() == []
        assert store.backups.last() is None
    finally:
        store.close()
    assert row_counts(old, "backups") == before
    conn = sqlite3.connect(old)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        columns = {row[1]: row for row in conn.execute("PRAGMA table_info(erasure_journal)")}
        assert columns["person_uid"][2:5] == ("TEXT", 1, "''"), "NOT NULL DEFAULT ''"
        assert {row[1] for row in conn.execute("PRAGMA table_info(backups)")} == {
            "id", "created_at", "folder", "file_name", "size", "files"}
        assert "backups_created" in {row[1] for row in conn.execute("PRAGMA index_list(backups)")}
    finally:
        conn.close()


def test_the_pending_erasure_of_v10_has_no_uid_to_give_and_is_still_pending(v10):
    old, erased = v10
    store = open_store(old)
    try:
        [pending] = store.privacy.pending_erasures()
        assert (pending.person_id, pending.person_uid) == (erased, "")
        assert store.backups.people_among([]) == []
    finally:
        store.close()


def test_the_backups_table_notes_a_backup_and_refuses_a_negative_size(v10):
    old, _erased = v10
    store = open_store(old)
    try:
        when = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
        store.backups.record(BackupRecord(created_at=when, folder="/media/cle", file_name="x.zip",
                                          size=1234, files=3))
        assert store.backups.last() == BackupRecord(created_at=when, folder="/media/cle",
                                                    file_name="x.zip", size=1234, files=3)
        with pytest.raises(sqlite3.IntegrityError):
            store.backups.record(BackupRecord(created_at=when, folder="/media/cle",
                                              file_name="y.zip", size=-1, files=0))
        assert store.integrity() == []
    finally:
        store.close()


def test_a_new_erasure_after_the_migration_keeps_the_persons_uid(v10):
    old, _erased = v10
    store = open_store(old)
    try:
        person = store.people.page(limit=1).rows[0]
        uid = store.db.connection().execute("SELECT uid FROM people WHERE id = ?",
                                            (person.id,)).fetchone()[0]
        erasure = store.privacy.erase(person.id)
        assert erasure.person_uid == uid != ""
        assert [e.person_uid for e in store.privacy.pending_erasures()] == ["", uid]
    finally:
        store.close()
