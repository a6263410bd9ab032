"""Schema V14 → V15 (what comite published in a shared calendar): the example data written under
V14 opens migrated with every row, nothing published yet; a publication is recorded, a conflict
kept until the coordinator chooses, and a deleted meeting's object stays known for removal."""

from datetime import date

import pytest

from comite.store import open_store
from comite.store.demo import fill_small
from comite.store.migrations import LATEST
from tests.store.older_schema import as_version, columns, row_counts

TODAY = date(2026, 12, 4)
CALENDAR = "https://cloud.example.org/remote.php/dav/calendars/coordination/comite/"


@pytest.fixture
def v14(tmp_path):
    source, old = tmp_path / "v15.sqlite", tmp_path / "v14.sqlite"
    store = open_store(source)
    try:
        fill_small(store, TODAY)
    finally:
        store.close()
    as_version(source, old, 14)
    return old


def test_v14_opens_as_v15_with_every_row_and_nothing_published(v14):
    assert columns(v14, "calendar_resources") == set()
    before = row_counts(v14)
    store = open_store(v14)
    try:
        assert store.schema_version() == LATEST >= 15
        assert store.integrity() == []
        assert store.calendar.published(CALENDAR) == {}
    finally:
        store.close()
    assert row_counts(v14) == before


def test_publication_conflict_and_a_deleted_meeting(tmp_path):
    store = open_store(tmp_path / "base.sqlite")
    try:
        fill_small(store, TODAY)
        meeting = store.meetings.all()[0]
        store.calendar.record(CALENDAR, meeting.uid, meeting.id, '"1"', "a" * 64)
        store.calendar.conflicted(CALENDAR, meeting.uid, meeting.id, '"2"', "modifiée")
        row = store.calendar.published(CALENDAR)[meeting.uid]
        assert (row.etag, row.sha256, row.conflict) == ('"2"', "a" * 64, "modifiée")
        store.calendar.replace_theirs(CALENDAR, meeting.uid)
        row = store.calendar.published(CALENDAR)[meeting.uid]
        assert (row.etag, row.sha256, row.conflict) == ('"2"', "", "")
        assert store.calendar.published("https://autre.example.org/cal/") == {}
        store.calendar.forget(CALENDAR, meeting.uid)
        assert store.calendar.published(CALENDAR) == {}
    finally:
        store.close()
