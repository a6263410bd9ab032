"""Schema V12 → V13 (what people receive says where, how, by when and what was decided): the
example data written under V12 opens migrated, every row still there, the base sound, each new
field empty until the coordinator fills it; an outcome outside the list is refused by the base
itself."""

import sqlite3
from datetime import date

import pytest

from comite.store import open_store
from comite.store.demo import fill_small
from comite.store.migrations import LATEST
from tests.store.older_schema import as_version, columns, row_counts

TODAY = date(2026, 11, 23)
NEW_COLUMNS = {"structures": {"access_notes", "dpo_contact"},
               "committees": {"substitute_rule"},
               "meetings": {"reply_by", "address", "access_notes", "dial_in"},
               "agenda_items": {"easy_title", "outcome"}}


@pytest.fixture
def v12(tmp_path):
    source, old = tmp_path / "v13.sqlite", tmp_path / "v12.sqlite"
    store = open_store(source)
    try:
        fill_small(store, TODAY)
    finally:
        store.close()
    as_version(source, old, 12)
    return old


def test_v12_opens_as_v13_with_every_row_and_the_new_fields_empty(v12):
    assert all(not (columns(v12, table) & names) for table, names in NEW_COLUMNS.items())
    before = row_counts(v12)
    store = open_store(v12)
    try:
        assert store.schema_version() == LATEST >= 13
        assert store.integrity() == []
    finally:
        store.close()
    assert row_counts(v12) == before
    conn = sqlite3.connect(v12)
    try:
        for table, names in NEW_COLUMNS.items():
            assert names <= columns(v12, table)
            for name in names:
                assert {row[0] for row in conn.execute(f"SELECT {name} FROM {table}")} <= {""}
    finally:
        conn.close()


def test_an_outcome_outside_the_list_is_refused_by_the_base(v12):
    open_store(v12).close()
    conn = sqlite3.connect(v12)
    try:
        assert conn.execute("UPDATE agenda_items SET outcome = 'adopted'").rowcount > 0
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE agenda_items SET outcome = 'maybe'")
    finally:
        conn.close()
