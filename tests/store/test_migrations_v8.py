"""Schema V7 → V8 (departure times at the séance, a structure's coordinator as a person): the
example data written under V7 — every table, every row — comes through with nobody gone yet,
no coordinator designated, and the same attendance, quorum and floor as before."""

from datetime import date

from comite.store import open_store
from comite.store.demo import fill_small
from comite.store.migrations import LATEST
from tests.store.older_schema import as_version

TODAY = date(2027, 3, 15)


def _facts(store):
    facts = []
    for meeting in store.meetings.all(limit=1000):
        attendees, quorum = store.minutes.attendance(meeting.id)
        facts.append((meeting.id, [(a.name, a.status, a.arrived_at) for a in attendees], quorum,
                      sorted((f.invitee_id, f.turns) for f in store.sitting.floor(meeting.id))))
    return facts


def test_the_example_data_of_v7_comes_through(tmp_path):
    source, old = tmp_path / "v8.sqlite", tmp_path / "v7.sqlite"
    store = open_store(source)
    try:
        fill_small(store, TODAY)
        with store.transaction():
            store.db.connection().execute("UPDATE invitees SET left_at = NULL")
            store.db.connection().execute("UPDATE structures SET coordinator_id = NULL")
            # Recommendations came with version 9's CDU.
            store.db.connection().execute("UPDATE conclusions SET kind = 'action' "
                                          "WHERE kind = 'recommendation'")
        expected = _facts(store)
        counts = {table: store.db.connection().execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("people", "invitees", "speaking_turns", "structures", "minutes")}
    finally:
        store.close()
    as_version(source, old, 7)

    migrated = open_store(old)
    try:
        assert migrated.schema_version() == LATEST >= 8
        assert migrated.integrity() == []
        conn = migrated.db.connection()
        for table, count in counts.items():
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count, table
        assert conn.execute("SELECT count(*) FROM invitees WHERE left_at IS NOT NULL").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM structures WHERE coordinator_id IS NOT NULL"
                            ).fetchone()[0] == 0
        assert _facts(migrated) == expected
        assert any(turns for _id, _a, _q, turns in expected), "the example has a séance with turns"
    finally:
        migrated.close()
