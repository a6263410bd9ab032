"""A calendar reply dropped in the watched inbox → its answer visible in the open grid.

Subject: the real app driven by Textual's Pilot (80×24, headless), on a meeting in poll whose
grid is open (section 4, Enter), with the inbox watcher the app starts by itself. A reply
(« Peut-être », `tests/data/replies/gmail-tentative-comment.ics`) for an invitee and a slot
with no answer yet is written under its own name in a folder beside the inbox, fsynced, then
`os.replace`d into it (a sync client delivers a whole file that way). The clock runs from that
rename until the grid cell of that invitee and slot reads « Si néc. agd », looked at after each
`pilot.pause(0.01)` (a pause ends with the screen's compositor update, so the repaint is
counted). The grid's cursor is put on that cell first, as the coordinator watching it would,
so the cell is on screen. One drop before the measured ones warms the watcher up.

Floor, measured in the same run and the same way: a bare Textual app whose watchdog handler
only sets a flag (as the app's does), and a 10 ms timer that, once a file has rested for the
inbox's settle time (`sync.inbox.SETTLE_SECONDS`), reads it and shows it in a Static. That is
the irreducible cost of noticing a file, waiting for it to settle and showing it; what the app
adds above it is its scans, the transaction, and the grid reloaded.

Budget: median ≤ 1 s (nearly all of it the settle time: see `benchmarks/inbox.py`).
"""

import asyncio
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from benchmarks.common import Figure, isolate, median, percentile, stage

DROPS = 15
BUDGET_S = 1.0
SIZE = (80, 24)
STEP_S = 0.01  # the Pilot's look at the screen, for the subject and the floor alike
TICK_S = 0.01  # the floor's timer
TIMEOUT_S = 10.0
TODAY = date(2026, 11, 23)
SLOTS = (datetime(2027, 1, 12, 18, 0), datetime(2027, 1, 19, 18, 0), datetime(2027, 1, 26, 14, 30))
REPLY = "gmail-tentative-comment.ics"
SHOWN = "Si néc. agd"  # the grid's cell for a « Peut-être » from a calendar
# Invented members: 12 × 3 slots leaves cells enough for the drops and the warm-up.
MEMBERS = (
    ("Lefèvre", "Élodie"), ("Çelik", "Aïcha"), ("Dupont", "Jean-Noël"), ("Martin", "Zoé"),
    ("Nguyen", "Thi Hoa"), ("Benali", "Loïc"), ("Morin", "Inès"), ("Le Gall", "Maël"),
    ("Petit", "Gérard"), ("Traoré", "François"), ("Robert", "Chloé"), ("Henry", "Manon"),
)


class BareInboxApp(App[None]):
    """The floor: a watchdog flag, and a timer that shows each file once it has settled."""

    def __init__(self, folder: Path, settle: float) -> None:
        super().__init__()
        self.folder = folder
        self.settle = settle
        self.changed = threading.Event()
        self.pending: set[str] = set()
        self.observer = None

    def compose(self) -> ComposeResult:
        yield Static(id="shown", markup=False)

    def on_mount(self) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        changed = self.changed

        class Flag(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                changed.set()

        self.observer = Observer()
        self.observer.schedule(Flag(), str(self.folder), recursive=False)
        self.observer.start()
        self.set_interval(TICK_S, self._tick)

    def on_unmount(self) -> None:
        self.observer.stop()
        self.observer.join()

    def _tick(self) -> None:
        if self.changed.is_set():
            self.changed.clear()
            self.pending |= {entry.name for entry in os.scandir(self.folder) if entry.is_file()}
        now = time.time()
        for name in sorted(self.pending):
            path = self.folder / name
            try:
                if now - path.stat().st_mtime < self.settle:
                    continue
                data = path.read_bytes()
                os.replace(path, self.folder / "processed" / name)
            except FileNotFoundError:
                pass
            else:
                self.query_one("#shown", Static).update(_label(name, data))
            self.pending.discard(name)


def _label(name: str, data: bytes) -> str:
    return f"{name} : {len(data)} octets"


async def _drop(pilot: Pilot, staged: Path, target: Path, shown: Callable[[], bool]) -> float:
    """Seconds from the rename into the inbox to the first look at the screen showing it."""
    began = time.perf_counter()
    os.replace(staged, target)
    while not shown():
        if time.perf_counter() - began > TIMEOUT_S:
            raise RuntimeError(f"{target.name} was never shown")
        if not pilot.app.is_running:
            raise RuntimeError(f"the app stopped after {target.name}")
        await pilot.pause(STEP_S)
    return time.perf_counter() - began


async def _until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    began = time.perf_counter()
    while not condition():
        if time.perf_counter() - began > TIMEOUT_S:
            raise RuntimeError(f"never reached: {what}")
        await pilot.pause(STEP_S)


async def _floor(root: Path, drops: int, settle: float) -> list[float]:
    from tests.sync.conftest import reply_bytes

    inbox, staging = root / "inbox", root / "staging"
    (inbox / "processed").mkdir(parents=True)
    staging.mkdir()
    app = BareInboxApp(inbox, settle)
    timings = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        static = app.query_one("#shown", Static)
        for number in range(drops + 1):  # the first one warms up
            name = f"reponse-{number}.ics"
            data = reply_bytes(REPLY, f"floor-{number}", f"membre.{number}@example.org")
            staged = stage(staging, name, data)
            elapsed = await _drop(pilot, staged, inbox / name,
                                  lambda n=name, d=data: str(static.content) == _label(n, d))
            if number:
                timings.append(elapsed)
    return timings


def _poll(path: Path):
    """A committee of 12 invented members, a meeting in poll on 3 dates, no answer yet."""
    from comite.store import MeetingInput, MembershipInput, PersonInput, open_store
    from comite.store.committee_models import CommitteeKind, StructureKind

    store = open_store(path)
    structure = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")
    committee = store.committees.create(structure.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE)
    for number, (last, first) in enumerate(MEMBERS):
        person = store.people.create(PersonInput(last_name=last, first_name=first,
                                                 email=f"membre.{number}@example.org"))
        store.memberships.add(committee.id, person.id, MembershipInput())
    meeting = store.meetings.create(committee.id, MeetingInput(
        title="Comité de printemps", place="Salle de réunion de la MSP"))
    for start in SLOTS:
        store.meetings.add_slot(meeting.id, start)
    store.meetings.open_poll(meeting.id)
    return store, meeting.id


async def _subject(root: Path, drops: int) -> list[float]:
    from comite.tui.app import ComiteApp
    from comite.tui.screens.meeting import FIXED_COLUMNS, MeetingScreen
    from comite.tui.screens.meetings import MeetingsScreen
    from comite.usecases.settings import Settings
    from tests.sync.conftest import reply_bytes

    inbox, outbox, staging = root / "inbox", root / "outbox", root / "staging"
    # The app asks before creating a folder of the settings: the coordinator's exists.
    for folder in (staging, inbox, outbox):
        folder.mkdir(parents=True)
    store, meeting_id = _poll(root / "comite.sqlite")
    detail = store.meetings.detail(meeting_id)
    # Every invitee on a different slot in turn, so consecutive drops are different cells.
    cells = [(invitee, column) for shift in range(len(detail.slots))
             for index, invitee in enumerate(detail.invitees)
             for column in [(index + shift) % len(detail.slots)]]
    if len(cells) < drops + 1:
        raise RuntimeError(f"{len(cells)} empty cells for {drops + 1} drops")
    settings = Settings(coordinator_name="Claire Coordination", coordinator_email="coordination@example.org",
                        inbox=str(inbox), outbox=str(outbox))
    app = ComiteApp(store, settings=settings, today=TODAY, welcome=False)
    timings = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("4")
            await _until(pilot, lambda: isinstance(app.screen, MeetingsScreen), "the Réunions section")
            await pilot.press("enter")
            await _until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting's grid")
            screen = app.screen
            if screen.meeting_id != meeting_id:
                raise RuntimeError("Enter opened another meeting than the poll")
            await _until(pilot, lambda: screen.detail is not None, "the grid filled")
            await _until(pilot, lambda: any(thread.name == "comite-inbox"
                                            for thread in threading.enumerate()),
                         "the inbox watched")  # the app starts it 0.5 s in
            for number, (invitee, column) in enumerate(cells[:drops + 1]):  # the first one warms up
                table = screen.query_one("#grid", DataTable)
                cell = Coordinate(table.get_row_index(str(invitee.id)), FIXED_COLUMNS + column)
                if str(table.get_cell_at(cell)) != "—":
                    raise RuntimeError(f"the cell of drop {number} already holds an answer")
                table.cursor_coordinate = cell
                await pilot.pause()
                name = f"reponse-{number}.ics"
                staged = stage(staging, name, reply_bytes(REPLY, detail.slots[column].uid, invitee.email))

                def shown(cell: Coordinate = cell) -> bool:
                    return (app.screen is screen
                            and str(screen.query_one("#grid", DataTable).get_cell_at(cell)) == SHOWN)

                elapsed = await _drop(pilot, staged, inbox / name, shown)
                if number:
                    timings.append(elapsed)
            if any((inbox / "quarantine").glob("*")):
                raise RuntimeError("a reply was quarantined")
    finally:
        app.stop_watchers(wait=True)  # their threads use the store about to be closed
        store.close()
    return timings


async def _measure(root: Path, drops: int, settle: float) -> tuple[list[float], list[float]]:
    floors = await _floor(root / "floor", drops, settle)
    subjects = await _subject(root / "subject", drops)
    return floors, subjects


def run(folder: Path | None = None, drops: int = DROPS) -> list[Figure]:
    from comite.sync.inbox import SETTLE_SECONDS

    # watchdog logs a harmless race at observer.stop() (an event read after the stop) as an error.
    logging.getLogger("watchdog").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory(prefix="comite-reply-grid-", dir=folder) as scratch:
        floors, subjects = asyncio.run(_measure(Path(scratch), drops, SETTLE_SECONDS))
    print("  reply → grid: each drop (s): " + " ".join(f"{value:.2f}" for value in subjects))
    name = f"reply → open grid (Pilot), {drops} drops, settle {SETTLE_SECONDS:g} s"
    p50 = median(subjects)
    return [
        Figure(f"{name}, p50", median(floors), p50, "s", f"≤ {BUDGET_S:g} s median", p50 <= BUDGET_S),
        Figure(f"{name}, p95", percentile(floors, 95), percentile(subjects, 95), "s"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    with tempfile.TemporaryDirectory(prefix="comite-bench-") as home:
        isolate(Path(home))
        print_table(run())
