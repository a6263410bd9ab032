"""Schema V1 → V2 (meetings, slots, invitees, votes, replies, invitations, inbox): a database
written by the version before keeps every row, and its old meetings become drafts."""

import sqlite3
from datetime import datetime

import pytest
import sqlite_utils

from comite.store import MeetingInput, Refused, open_store
from comite.store.db import APPLICATION_ID
from comite.store.meeting_models import MeetingStatus
from comite.store.migrations import LATEST, migrate

V2_TABLES = {"slots", "invitees", "votes", "replies", "invitations", "inbox_files"}
NOW = "2025-06-01T09:00:00+00:00"


def v1_database(path) -> None:
    """What comite wrote before meetings had a poll: one committee, one member, one meeting."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        assert migrate(conn, target=1) == 1
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO structures (id, uid, name, kind, city, created_at, updated_at) "
                     "VALUES (1, 'st-1', 'MSP des Tilleuls', 'msp', 'Valmont-sur-Loire', ?, ?)", (NOW, NOW))
        conn.execute("INSERT INTO committees (id, uid, structure_id, name, kind, created_at, updated_at) "
                     "VALUES (1, 'co-1', 1, 'Comité des usagers', 'comite_usagers', ?, ?)", (NOW, NOW))
        conn.execute("INSERT INTO people (id, uid, first_name, last_name, sort_key, email, phone, "
                     "created_at, updated_at) VALUES (1, 'pe-1', 'Louise', 'Martin', 'martin louise', "
                     "'louise.martin@example.org', '06 39 98 10 01', ?, ?)", (NOW, NOW))
        conn.execute("INSERT INTO memberships (id, committee_id, person_id, seat, function, created_at, "
                     "updated_at) VALUES (1, 1, 1, 'titulaire', 'president', ?, ?)", (NOW, NOW))
        conn.execute("INSERT INTO meetings (id, uid, committee_id, title, created_at, updated_at) "
                     "VALUES (1, 'me-1', 1, 'Réunion de rentrée', ?, ?)", (NOW, NOW))
        conn.execute("INSERT INTO audit_log (at, actor, action, entity, entity_id, fields) "
                     "VALUES (?, 'coordination', 'create', 'meeting', 1, 'title')", (NOW,))
        conn.execute("COMMIT")
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


@pytest.fixture
def v1_path(db_path):
    v1_database(db_path)
    return db_path


def test_the_v1_file_has_no_meeting_columns_yet(v1_path):
    db = sqlite_utils.Database(v1_path)
    assert "status" not in db["meetings"].columns_dict
    assert not V2_TABLES & set(db.table_names())


def test_migrate_from_v1_keeps_every_row(v1_path):
    conn = sqlite3.connect(v1_path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        assert migrate(conn, target=2) == 2
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("structures", "committees", "people", "memberships", "meetings",
                                "audit_log")}
        assert counts == dict.fromkeys(counts, 1)
        conn.row_factory = sqlite3.Row
        meeting = dict(conn.execute("SELECT * FROM meetings").fetchone())
    finally:
        conn.close()
    assert meeting == {
        "id": 1, "uid": "me-1", "committee_id": 1, "title": "Réunion de rentrée",
        "created_at": NOW, "updated_at": NOW, "status": "draft", "place": "", "video_url": "",
        "duration_minutes": 120, "timezone": "Europe/Paris", "description": "", "quorum": None,
    }
    assert set(sqlite_utils.Database(v1_path).table_names()) >= V2_TABLES


def test_open_store_migrates_a_v1_file_and_works_on_it(v1_path):
    store = open_store(v1_path)
    try:
        assert store.schema_version() == LATEST
        assert store.integrity() == []
        assert store.people.get(1).email == "louise.martin@example.org"
        assert store.memberships.get(1).person_name == "Louise Martin"
        old = store.meetings.get(1)
        assert (old.uid, old.title, old.status, old.committee_name) == (
            "me-1", "Réunion de rentrée", MeetingStatus.DRAFT, "Comité des usagers")
        assert (old.duration_minutes, old.timezone, old.quorum, old.invitees, old.starts_at) == (
            120, "Europe/Paris", None, 0, None)
        assert [m.id for m in store.meetings.all()] == [1]
        assert store.meetings.resolve("rentrée").id == 1

        # The old meeting had nobody invited: it can be completed and polled like a new one.
        store.meetings.invite(1, 1)
        store.meetings.add_slot(1, datetime(2027, 1, 12, 18, 0))
        assert store.meetings.open_poll(1).status is MeetingStatus.POLL

        new = store.meetings.create(1, MeetingInput(title="Comité de printemps"))
        assert new.invitees == 1 and new.id == 2
        with pytest.raises(Refused, match="réunion"):
            store.committees.delete(1)
    finally:
        store.close()


def test_the_new_columns_are_checked(v1_path):
    open_store(v1_path).close()
    conn = sqlite3.connect(v1_path)
    try:
        for statement in ("UPDATE meetings SET status = 'perdue'", "UPDATE meetings SET duration_minutes = 0",
                          "UPDATE meetings SET quorum = -1"):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(statement)
    finally:
        conn.close()
