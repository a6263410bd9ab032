"""Schema V16 → V17 (the registers: actions of user involvement and their evidence, a CDU's
complaints, e-Satis scores and adverse events, expenses and their receipts, a rate per km per
structure): the example data written under V16 opens migrated with every row, the registers
empty, no rate set; the new tables refuse what they must."""

import sqlite3
from datetime import date

import pytest

from comite.store import open_store
from comite.store.demo import fill_small
from comite.store.migrations import LATEST
from tests.store.older_schema import as_version, columns, row_counts

TODAY = date(2026, 12, 4)
REGISTERS = ("involvement_actions", "involvement_participants", "involvement_evidence",
             "complaints", "esatis_scores", "adverse_events", "expenses", "expense_receipts")


@pytest.fixture
def v16(tmp_path):
    source, old = tmp_path / "v17.sqlite", tmp_path / "v16.sqlite"
    store = open_store(source)
    try:
        fill_small(store, TODAY)
    finally:
        store.close()
    as_version(source, old, 16)
    return old


def test_v16_opens_as_v17_with_every_row_and_empty_registers(v16):
    assert "km_rate_mills" not in columns(v16, "structures")
    before = row_counts(v16)
    store = open_store(v16)
    try:
        assert store.schema_version() == LATEST >= 17
        assert store.integrity() == []
        conn = store.db.connection()
        assert {row[0] for row in conn.execute("SELECT km_rate_mills FROM structures")} == {0}
        for table in REGISTERS:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    finally:
        store.close()
    assert row_counts(v16) == before


@pytest.mark.parametrize("statement", [
    "INSERT INTO complaints (uid, committee_id, reference, received_on, channel, theme, "
    "created_at, updated_at) VALUES ('u2', 1, 'R-1', '2026-01-02', 'letter', 'weather', 'x', 'x')",
    "INSERT INTO complaints (uid, committee_id, reference, received_on, channel, theme, "
    "created_at, updated_at) VALUES ('u2', 1, 'R-1', '2026-01-02', 'letter', 'waiting', 'x', 'x')",
    "INSERT INTO esatis_scores (meeting_id, scope, score) VALUES (1, 'mco_48h', 101)",
    "INSERT INTO involvement_actions (uid, structure_id, title, kind, participation, aci_level, "
    "started_on, created_at, updated_at) VALUES ('a', 1, 'Affiche', 'poster', 'information', 3, "
    "'2026-01-01', 'x', 'x')",
    "INSERT INTO expenses (uid, person_id, spent_on, km, created_at, updated_at) "
    "VALUES ('e2', 1, '2026-01-01', -3, 'x', 'x')",
    "INSERT INTO expenses (uid, person_id, meeting_id, spent_on, created_at, updated_at) "
    "VALUES ('e2', 1, 1, '2026-01-01', 'x', 'x')",
])
def test_the_registers_refuse_what_no_row_may_hold(tmp_path, statement):
    store = open_store(tmp_path / "base.sqlite")
    try:
        fill_small(store, TODAY)
        conn = store.db.connection()
        with store.transaction():
            # One complaint R-1 and one expense for meeting 1 already there.
            conn.execute("INSERT INTO complaints (uid, committee_id, reference, received_on, "
                         "channel, theme, created_at, updated_at) VALUES ('u1', 1, 'R-1', "
                         "'2026-01-02', 'letter', 'waiting', 'x', 'x')")
            conn.execute("INSERT INTO expenses (uid, person_id, meeting_id, spent_on, created_at,"
                         " updated_at) VALUES ('e1', 1, 1, '2026-01-01', 'x', 'x')")
        with pytest.raises(sqlite3.IntegrityError), store.transaction():
            conn.execute(statement)
    finally:
        store.close()
