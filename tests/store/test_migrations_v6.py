"""Schema V5 → V6 (cancellations owed to people removed from a meeting): a database written
before keeps its meetings and invitations, and a removal afterwards is kept for its CANCEL."""

import sqlite3

from comite.store import open_store
from comite.store.migrations import LATEST, migrate


def test_a_v5_database_gets_cancellations(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn, target=5)
    now = "2027-01-01T00:00:00+00:00"
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO structures VALUES (1, 's', 'MSP', 'msp', 'Lyon', ?, ?)", (now, now))
    conn.execute("INSERT INTO committees (id, uid, structure_id, name, kind, created_at, updated_at) "
                 "VALUES (1, 'c', 1, 'Comité', 'comite_usagers', ?, ?)", (now, now))
    conn.execute("INSERT INTO people (id, uid, first_name, last_name, email, sort_key, created_at,"
                 " updated_at) VALUES (1, 'p', 'Anne', 'Martin', 'anne@example.org', 'martin anne',"
                 " ?, ?)", (now, now))
    conn.execute("INSERT INTO meetings (id, uid, committee_id, title, status, created_at, updated_at)"
                 " VALUES (1, 'm', 1, 'Comité', 'convened', ?, ?)", (now, now))
    conn.execute("INSERT INTO slots (id, uid, meeting_id, starts_at, local_start, status, sequence,"
                 " created_at, updated_at) VALUES (1, 'slot-uid', 1, '2027-03-01T17:00:00+00:00',"
                 " '2027-03-01T18:00', 'chosen', 2, ?, ?)", (now, now))
    conn.execute("INSERT INTO invitees (id, meeting_id, person_id, seat, created_at) "
                 "VALUES (1, 1, 1, 'titulaire', ?)", (now,))
    conn.execute("INSERT INTO invitations (meeting_id, invitee_id, uid, method, sequence, file_name,"
                 " written_at) VALUES (1, 1, 'slot-uid', 'REQUEST', 2, '01-anne-martin.eml', ?)",
                 (now,))
    conn.execute("COMMIT")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    conn.close()

    store = open_store(db_path)
    try:
        assert store.schema_version() == LATEST >= 6
        assert store.integrity() == []
        assert store.meetings.cancellations(1) == []
        [invitation] = store.meetings.invitations(1)
        assert invitation.file_name == "01-anne-martin.eml"
        store.meetings.uninvite(1)
        [pending] = store.meetings.cancellations(1, pending=True)
        assert (pending.name, pending.uid, pending.sequence) == ("Anne Martin", "slot-uid", 3)
    finally:
        store.close()
