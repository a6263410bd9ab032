"""Schema V15 → V16 (the day each year's report is due, per structure): the example data written
under V15 opens migrated with every row, no day set; a day typed « 31/03 » is kept as 03-31, one
that no calendar has is refused in French with nothing written."""

from datetime import date

import pytest

from comite.store import ValidationError, open_store
from comite.store.demo import fill_small
from comite.store.migrations import LATEST
from tests.store.older_schema import as_version, columns, row_counts

TODAY = date(2026, 12, 4)


@pytest.fixture
def v15(tmp_path):
    source, old = tmp_path / "v16.sqlite", tmp_path / "v15.sqlite"
    store = open_store(source)
    try:
        fill_small(store, TODAY)
    finally:
        store.close()
    as_version(source, old, 15)
    return old


def test_v15_opens_as_v16_with_every_row_and_no_report_day(v15):
    assert "report_due" not in columns(v15, "structures")
    before = row_counts(v15)
    store = open_store(v15)
    try:
        assert store.schema_version() == LATEST >= 16
        assert store.integrity() == []
        assert {structure.report_due for structure in store.structures.all()} == {""}
    finally:
        store.close()
    assert row_counts(v15) == before


@pytest.mark.parametrize(("typed", "kept"), [("31/03", "03-31"), ("1/7", "07-01"), (" 15.06 ", "06-15"),
                                             ("", "")])
def test_a_report_day_is_kept_as_month_and_day(tmp_path, typed, kept):
    store = open_store(tmp_path / "base.sqlite")
    try:
        created = store.structures.create("MSP des Tilleuls", "msp", "Valmont", report_due=typed)
        assert created.report_due == kept
    finally:
        store.close()


@pytest.mark.parametrize("typed", ["29/02", "31/04", "mars", "31/03/2027", "0/1"])
def test_a_day_no_calendar_has_every_year_is_refused(tmp_path, typed):
    store = open_store(tmp_path / "base.sqlite")
    try:
        with pytest.raises(ValidationError) as refused:
            store.structures.create("MSP des Tilleuls", "msp", "Valmont", report_due=typed)
        assert "par exemple 31/03" in refused.value.errors["report_due"]
        assert store.structures.all() == []
    finally:
        store.close()
