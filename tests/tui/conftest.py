"""Fixtures for driving the real app with Pilot on a real SQLite file."""

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Select

from comite.store import open_store
from comite.store.demo import fill_small
from comite.tui.app import ComiteApp
from comite.tui.textual_private import painted_lines, select_options
from comite.usecases.settings import Settings
from tests.example_store import TODAY


@pytest.fixture
def empty_store(tmp_path):
    store = open_store(tmp_path / "comite.sqlite")
    yield store
    store.close()


@pytest.fixture
def demo_store(example):
    """The example data (tests/example_store.py), on the day the app is told it is."""
    return example


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The example database, built once per module; tests that write use a copy (`db`)."""
    path = tmp_path_factory.mktemp("demo") / "exemple.sqlite"
    store = open_store(path)
    try:
        fill_small(store, TODAY)
    finally:
        store.close()
    return path


@pytest.fixture
def db(demo_db, tmp_path) -> Path:
    copy = tmp_path / "comite.sqlite"
    shutil.copy(demo_db, copy)
    return copy


def make_app(store, **kwargs) -> ComiteApp:
    """The real app, with a fixed date and the default theme so screens are reproducible.

    Every message it says is also kept, in order, for `told`: a newer toast of the same kind
    replaces the older on screen (ComiteApp.on_notify), so the toasts shown are not all that
    was said."""
    app = ComiteApp(store, settings=kwargs.pop("settings", Settings()), today=TODAY, **kwargs)
    said: list[str] = []
    notify = app.notify

    def recorded(message: str, **options) -> None:
        said.append(str(message))
        notify(message, **options)

    app.notify = recorded
    app.told_in_tests = said
    return app


def told(app: ComiteApp) -> list[str]:
    """Every message the app said since it started (toasts since replaced included), oldest first."""
    return list(app.told_in_tests)


async def wait_for(pilot, condition, timeout: float = 5.0) -> None:
    """Let the app work (thread workers included) until `condition()` holds."""
    waited = 0.0
    while not condition():
        if waited > timeout:
            raise AssertionError("the app never reached the expected state")
        await pilot.pause(0.02)
        waited += 0.02


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


async def retype(pilot, input_id: str, text: str) -> None:
    """Into the field, wipe what is there (Ctrl+U from its end), type `text`: a person's edit."""
    pilot.app.screen.query_one(f"#{input_id}").focus()
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, text)


async def open_form(pilot, key: str, form_type: type):
    """The page's key, and its form on top: the form, as the coordinator sees it next."""
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, form_type))
    return pilot.app.screen


async def save_form(pilot, back_to) -> None:
    """Ctrl+S, and the form has closed onto `back_to`, its page: the store took it."""
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: pilot.app.screen is back_to)


async def choose(pilot, select_id: str, label_start: str) -> None:
    """Open a Select by keyboard and move down to the option whose label starts so."""
    select = pilot.app.screen.query_one(f"#{select_id}", Select)
    select.focus()
    await pilot.press("enter")
    labels = [label for label, _value in select_options(select)]
    index = next(i for i, label in enumerate(labels) if str(label).startswith(label_start))
    current = next((i for i, (_l, v) in enumerate(select_options(select)) if v == select.value), 0)
    await pilot.press(*(["down"] * (index - current) if index >= current else
                        ["up"] * (current - index)))
    await pilot.press("enter")
    await pilot.pause()


def painted(app, widget=None) -> str:
    """What the screen shows now, as a person reads it: the rows of `widget`'s content region
    (the whole screen by default), each stripped, joined by one space, spaces collapsed. A word
    wrapped onto the next row still reads whole; a word cut at a column's edge does not."""
    lines = painted_lines(app)
    if widget is not None:
        region = widget.scrollable_content_region
        lines = [line[region.x:region.right] for line in lines[region.y:region.bottom]]
    return " ".join(" ".join(lines).split())


def rows(table: DataTable, column: int) -> list[str]:
    """The texts of one column of a DataTable, top to bottom."""
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def cursor_on(pilot, table_id: str, text: str, column: int = 0) -> None:
    """Walk the cursor with the arrow keys to the row showing `text`, as a coordinator would."""
    table = pilot.app.screen.query_one(table_id, DataTable)
    if pilot.app.screen.focused is not table:
        await pilot.press("tab")
    assert pilot.app.screen.focused is table
    target = rows(table, column).index(text)
    await pilot.press(*(["down"] * (target - table.cursor_row)
                        if target > table.cursor_row else ["up"] * (table.cursor_row - target)))
    assert table.cursor_row == target


async def move_to(pilot, row: int, slot_index: int) -> None:
    """The meeting grid's cursor on `row`, in the column of the `slot_index`-th slot."""
    from textual.coordinate import Coordinate
    from textual.widgets import DataTable

    from comite.tui.screens.meeting import FIXED_COLUMNS

    table = pilot.app.screen.query_one(DataTable)
    table.cursor_coordinate = Coordinate(row, FIXED_COLUMNS + slot_index)
    await pilot.pause()


async def give_framadate_export(pilot, meeting_id: int, export: Path) -> None:
    """The meeting's page, « i », the export's path typed in and saved: the next step shows."""
    from textual.widgets import Input

    from comite.tui.dialogs.framadate import FramadateImport
    from comite.tui.screens.meeting import MeetingScreen

    app = pilot.app
    app.push_screen(MeetingScreen(meeting_id))
    await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(app.screen, FramadateImport))
    app.screen.query_one("#path", Input).value = str(export)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not isinstance(app.screen, FramadateImport))
