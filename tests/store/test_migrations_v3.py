"""Schema V2 → V3 (agenda, conclusions, minutes, séance): a database written before keeps its
meetings, and a held one can have its minutes written afterwards."""

import sqlite3

import pytest

from comite.store import open_store
from comite.store.agenda import ItemInput
from comite.store.conclusions import ConclusionInput
from comite.store.migrations import LATEST, migrate

V3_TABLES = {"agenda_templates", "agenda_items", "conclusions", "minutes", "minutes_signatures",
             "sessions", "speaking_turns"}


def test_a_v2_database_with_a_held_meeting_gets_its_minutes(db_path, store_v2):
    store = open_store(db_path)
    try:
        assert store.schema_version() == LATEST >= 3
        assert store.integrity() == []
        tables = {row[0] for row in store.db.connection().execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables >= V3_TABLES
        meeting = store.meetings.all()[0]
        assert store.agenda.agenda(meeting.id).items == ()  # the old meeting had none
        attendees, quorum = store.minutes.attendance(meeting.id)
        assert attendees and not any(a.confirmed for a in attendees) and quorum.reached
        item = store.agenda.add_item(meeting.id, ItemInput("Bilan"))
        store.conclusions.add(item.id, ConclusionInput("Écrire le bilan"))
        assert store.minutes.adopt(meeting.id).status.value == "adopted"
    finally:
        store.close()


@pytest.fixture
def store_v2(db_path):
    """What comite wrote before V3: a held meeting, its chosen slot and one invitee."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, target=2)
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        now = "2027-01-01T00:00:00+00:00"
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO structures VALUES (1, 's', 'MSP', 'msp', '', ?, ?)", (now, now))
        conn.execute("INSERT INTO committees (id, uid, structure_id, name, kind, created_at, "
                     "updated_at) VALUES (1, 'c', 1, 'Comité', 'comite_usagers', ?, ?)", (now, now))
        conn.execute("INSERT INTO people (id, uid, last_name, sort_key, created_at, updated_at) "
                     "VALUES (1, 'p', 'Martin', 'martin', ?, ?)", (now, now))
        conn.execute("INSERT INTO meetings (id, uid, committee_id, title, status, created_at, "
                     "updated_at) VALUES (1, 'm', 1, 'Janvier', 'held', ?, ?)", (now, now))
        conn.execute("INSERT INTO slots VALUES (1, 's1', 1, '2027-01-12T17:00:00+00:00', "
                     "'2027-01-12T18:00', '', 1, 'chosen', ?, ?)", (now, now))
        conn.execute("INSERT INTO invitees (meeting_id, person_id, seat, partstat, created_at) "
                     "VALUES (1, 1, 'invite', 'ACCEPTED', ?)", (now,))
        conn.execute("COMMIT")
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    finally:
        conn.close()
