"""Schema V3 → V4 (charters): a database written before keeps its people and seats, and its
users get a charter afterwards."""

import sqlite3
from datetime import date

from comite.store import open_store
from comite.store.charter_models import CharterStatus
from comite.store.migrations import LATEST, migrate
from tests.store.test_charters import make

V4_TABLES = {"charter_templates", "charters", "charter_signatures"}


def test_a_v3_database_gets_charters_for_its_users(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, target=3)
    now = "2027-01-01T00:00:00+00:00"
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO structures VALUES (1, 's', 'MSP', 'msp', 'Lyon', ?, ?)", (now, now))
    conn.execute("INSERT INTO committees (id, uid, structure_id, name, kind, created_at, updated_at) "
                 "VALUES (1, 'c', 1, 'Comité', 'comite_usagers', ?, ?)", (now, now))
    conn.execute("INSERT INTO people (id, uid, first_name, last_name, sort_key, created_at, updated_at) "
                 "VALUES (1, 'p', 'Anne', 'Martin', 'martin anne', ?, ?)", (now, now))
    conn.execute("INSERT INTO person_roles VALUES (1, 'patient_partner')")
    conn.execute("INSERT INTO memberships (committee_id, person_id, seat, created_at, updated_at) "
                 "VALUES (1, 1, 'titulaire', ?, ?)", (now, now))
    conn.execute("COMMIT")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()

    store = open_store(db_path)
    try:
        assert store.schema_version() == LATEST >= 4
        assert store.integrity() == []
        tables = {row[0] for row in store.db.connection().execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables >= V4_TABLES
        [engagement] = store.charters.engagements()
        assert engagement.status is CharterStatus.TO_GENERATE
        store.charters.sync_catalog([make()])
        draft = store.charters.draft(1, 1, "essai", {"team_signatory": "Dr Roy"}, date(2027, 2, 1))
        assert "Anne Martin" in draft.markdown and "Lyon" in draft.markdown
        store.charters.record(draft, "ab" * 32)
        assert store.charters.engagements()[0].status is CharterStatus.TO_SIGN
    finally:
        store.close()
