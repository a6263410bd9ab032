"""A key typed in the Personnes search box → the list shows the page for the new text.

Driven with Textual's Pilot on the real app (80×24, headless). The clock starts just before
the key is sent and stops at the first `pilot.pause(0.001)` after which the PeopleTable
holds the page the store gives for the new text (a pause ends with the screen's compositor
update, so the repaint is counted). The floor is the same measure on a bare app whose Input
refills a DataTable with a page of fixed rows (as many as the
Personnes list shows) on every change.

The key is posted to the app as the very Key event `pilot.press` sends, without its waits:
`pilot.press` then sleeps in `wait_for_idle` (20 ms steps, at least twice, until the whole
process has been idle for 20 ms), so through it the bare floor alone reads ~100 ms at p50,
which says nothing of the app. `--pilot-press` measures through `pilot.press` all the same.
"""

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from benchmarks.common import Figure, label, median, percentile
from comite.tui.screens.people import PAGE_SIZE

BUDGET_P95_MS = 100.0
ROUNDS = 3
KEY_TIMEOUT = 10.0
SIZE = (80, 24)

BACK = "backspace"
# Typing names, correcting, clearing the box (the unfiltered list), and two words.
KEYS = (
    *"mart", BACK, BACK, BACK, BACK, *"dup", BACK, BACK, BACK, "h", "é", "l", BACK, BACK, BACK,
    *"nguy", BACK, BACK, BACK, BACK, *"martin", "space", "c", "a",
)


def texts() -> list[str]:
    """The search box's text after each key of KEYS."""
    text, out = "", []
    for key in KEYS:
        text = text[:-1] if key == BACK else text + (" " if key == "space" else key)
        out.append(text)
    return out


class BareSearchApp(App[None]):
    """The floor: an Input that refills a DataTable with a page of fixed rows (as many as the
Personnes list shows) on every change."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.changes = 0

    def compose(self) -> ComposeResult:
        yield Input(id="search")
        yield DataTable(id="list", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Nom", "Rôles", "E-mail", "Téléphone")
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for n in range(PAGE_SIZE):
            table.add_row(f"Camille Martin {n}", "Patient(e) partenaire",
                          f"martin.camille.{n}@example.org", f"06 39 98 00 {n:02d}", key=str(n))
        self.text = event.value
        self.changes += 1


# Textual's key names for the keys that are not a printable character of their own.
_CHARACTERS = {"space": " ", BACK: None}
USE_PILOT_PRESS = False


async def _time_key(pilot: Pilot, key: str, shown: Callable[[], bool]) -> float:
    event = events.Key(key, _CHARACTERS.get(key, key))
    start = time.perf_counter()
    if USE_PILOT_PRESS:
        await pilot.press(key)
    else:
        pilot.app.post_message(event)
    while True:
        await pilot.pause(0.001)
        if shown():
            return time.perf_counter() - start
        if not pilot.app.is_running:
            raise RuntimeError(f"the app stopped after the key {key!r}")
        if time.perf_counter() - start > KEY_TIMEOUT:
            raise RuntimeError(f"the list never showed the page after the key {key!r}")


async def _floor_session(samples: list[float]) -> None:
    app = BareSearchApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        for key, text in zip(KEYS, texts(), strict=True):
            before = app.changes
            samples.append(await _time_key(pilot, key, lambda t=text, b=before: (
                app.changes > b and app.text == t and table.row_count == PAGE_SIZE)))


async def _comite_session(store, samples: list[float]) -> None:
    from comite.tui.app import ComiteApp
    from comite.usecases.settings import Settings

    expected = {text: store.people.page(text, limit=PAGE_SIZE) for text in set(texts())}
    app = ComiteApp(store, settings=Settings(), welcome=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await _until(pilot, lambda: getattr(app.screen, "page", None) is not None)
        screen = app.screen
        table = screen.query_one("#people", DataTable)
        search = screen.query_one("#search", Input)
        await pilot.press("slash")  # the list has the focus on arrival; « / » enters the search
        await _until(pilot, lambda: search.has_focus)
        if not search.has_focus:
            raise RuntimeError("the Personnes search box does not have the focus")

        def shown(text: str, before: object) -> bool:
            page = screen.page
            if page is before or page is None or screen.query_text != text:
                return False
            rows = expected[text].rows
            if table.row_count != len(rows):
                return False
            return not rows or table.coordinate_to_cell_key(
                Coordinate(0, 0)).row_key.value == str(rows[0].id)

        for key, text in zip(KEYS, texts(), strict=True):
            samples.append(await _time_key(
                pilot, key, lambda t=text, b=screen.page: shown(t, b)))
            if search.value != text:
                raise RuntimeError(f"typed {key!r}: the box holds {search.value!r}, not {text!r}")


async def _until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > KEY_TIMEOUT:
            raise RuntimeError("the Personnes section never showed its first page")
        await pilot.pause(0.01)


async def _measure(path: Path) -> tuple[list[float], list[float]]:
    from comite.store import open_store

    store = open_store(path)
    floors: list[float] = []
    subjects: list[float] = []
    try:
        for index in range(ROUNDS):
            sessions = [_floor_session(floors), _comite_session(store, subjects)]
            for session in sessions if index % 2 == 0 else reversed(sessions):
                await session
    finally:
        store.close()
    return floors, subjects


def run(databases: dict[int, Path], pilot_press: bool = False) -> list[Figure]:
    global USE_PILOT_PRESS
    USE_PILOT_PRESS = pilot_press
    figures = []
    for people, path in databases.items():
        floors, subjects = asyncio.run(_measure(path))
        slowest = sorted(range(len(subjects)), key=subjects.__getitem__, reverse=True)[:4]
        print(f"  keystroke {label(people)}: slowest (ms, text): " + ", ".join(
            f"{subjects[i] * 1000:.0f} {texts()[i % len(KEYS)]!r}" for i in slowest))
        name = f"keystroke → list {label(people)}, {len(subjects)} keys" + (
            " (pilot.press)" if pilot_press else "")
        p95 = percentile(subjects, 95)
        figures += [
            Figure(f"{name}, p50", median(floors), median(subjects), "ms"),
            Figure(f"{name}, p95", percentile(floors, 95), p95, "ms",
                   f"p95 ≤ {BUDGET_P95_MS:g} ms", p95 * 1000 <= BUDGET_P95_MS),
        ]
    return figures
