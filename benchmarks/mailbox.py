"""A calendar reply appended on the coordinator's IMAP server → its answer visible in the open grid
(issue 23).

The server: pymap on 127.0.0.1 (`tests/imap_server.py`, in-memory, IDLE), one for the run. The
messages reach it by APPEND to INBOX from an imaplib client logged in once, as a delivery: the
clock starts at the APPEND, not at a login (pymap's takes ~0.2 s, its password hash, which
`ImapServer.append` pays each time).

Subject: the real app driven by Textual's Pilot (80×24, headless), its settings naming that
server (security « none »), on a meeting in poll whose grid is open (section 4, Enter), with the
mailbox watcher the app starts by itself (IDLE). The rounds begin once the watcher says it is
online. Each round, a reply by e-mail (« Peut-être » from a calendar, `outlook-nested.eml` around
`gmail-tentative-comment.ics`, a Message-ID of its own) for an invitee and a slot with no answer
yet is APPENDed, on a thread so that the app's loop runs meanwhile. The clock runs from that
APPEND until the grid cell of that invitee and slot reads « Si néc. agd », looked at after each
`pilot.pause(0.01)` (a pause ends with the screen's compositor update, so the repaint is
counted). The grid's cursor is put on that cell first, so the cell is on screen, and 0.2 s
pass, so the watcher is back in IDLE. One round before the measured ones warms up (it creates
« comite/traité »). The times the watcher went offline are counted (its log).

Floor, in the same run and on the same server, before the app opens: a bare imapclient client
that has selected INBOX and is in IDLE, `idle_check` on a thread of its own; the clock runs from
the same APPEND of a message of the same shape until `idle_check` returns its EXISTS. That is
the irreducible cost of a message reaching a client that waits for it (most of it pymap's
APPEND); what the app adds above it is its reading (NOOP, SEARCH, headers, body), the
transaction, the MOVE, and the grid reloaded. The floor's messages are deleted before the app
opens.

Budget: median ≤ 2 s (issue 23's own figure, absolute).
"""

import asyncio
import logging
import os
import re
import tempfile
import threading
import time
from pathlib import Path

from textual.coordinate import Coordinate
from textual.widgets import DataTable

from benchmarks.common import Figure, isolate, median, percentile
from benchmarks.reply_grid import SHOWN, SIZE, TODAY, _poll, _until

ROUNDS = 12
BUDGET_S = 2.0
STEP_S = 0.01  # the Pilot's look at the screen
BETWEEN_S = 0.2  # before a round: the watcher has filed the last message, back in IDLE
TIMEOUT_S = 10.0
# A round may wait out the watcher's reconnection: 2 s, then twice as long each time it drops.
SHOWN_TIMEOUT_S = 20.0
REPLY = "gmail-tentative-comment.ics"


def _message(uid: str, email: str, message_id: str) -> bytes:
    """A reply by e-mail from `email` for the slot `uid`, with its own Message-ID."""
    from tests.sync.conftest import eml_bytes, reply_bytes

    raw = eml_bytes(reply_bytes(REPLY, uid, email), email)
    return re.sub(rb"Message-ID: <[^>]*>", f"Message-ID: <{message_id}>".encode(), raw)


class _Sender:
    """A client logged in once that APPENDs to INBOX, as a delivery does: the clock starts at the
    APPEND, not at a login (pymap's takes ~0.2 s, its password hash)."""

    def __init__(self, server) -> None:
        import imaplib

        from tests.imap_server import PASSWORD, USER

        self.connection = imaplib.IMAP4("127.0.0.1", server.port, timeout=TIMEOUT_S)
        self.connection.login(USER, PASSWORD)

    def append(self, raw: bytes) -> None:
        typ, _data = self.connection.append("INBOX", None, None, raw)
        if typ != "OK":
            raise RuntimeError(f"APPEND refused: {typ}")

    def close(self) -> None:
        self.connection.logout()


def _idling(server):
    """A bare imapclient client on INBOX, logged in and selected."""
    from imapclient import IMAPClient

    from tests.imap_server import PASSWORD, USER

    client = IMAPClient("127.0.0.1", server.port, ssl=False, timeout=30)
    client.login(USER, PASSWORD)
    client.select_folder("INBOX")
    return client


def _exists_after(client, sender: _Sender, raw: bytes) -> float:
    """Seconds from the APPEND of `raw` to `idle_check` returning its EXISTS, in IDLE."""
    seen: list[float] = []
    failed: list[BaseException] = []

    def watch() -> None:
        began = time.perf_counter()
        try:
            while time.perf_counter() - began < TIMEOUT_S:
                responses = client.idle_check(timeout=TIMEOUT_S)
                if any(len(response) > 1 and response[1] == b"EXISTS" for response in responses):
                    seen.append(time.perf_counter())
                    return
        except Exception as error:  # said in the caller's thread
            failed.append(error)

    client.idle()
    watcher = threading.Thread(target=watch, name="bench-idle")
    watcher.start()
    began = time.perf_counter()
    sender.append(raw)
    watcher.join(TIMEOUT_S + 1)
    if failed:
        raise failed[0]
    client.idle_done()
    if not seen:
        raise RuntimeError("no EXISTS after an APPEND")
    return seen[0] - began


def _floor(server, sender: _Sender, rounds: int) -> tuple[list[float], int]:
    """Seconds from each APPEND to its EXISTS in a bare IDLE; the first round warms up. A round
    that imapclient aborts (`idle_check` reads a line the server sent in two pieces: « unterminated
    line ») is done again on a new connection; how many were, second."""
    from contextlib import suppress

    from imapclient.exceptions import IMAPClientAbortError

    client = _idling(server)
    timings: list[float] = []
    aborted = number = 0
    try:
        while len(timings) < rounds + 1:
            raw = _message("sans-objet", f"membre.{number}@example.org", f"plancher-{number}@example.org")
            number += 1
            try:
                timings.append(_exists_after(client, sender, raw))
            except IMAPClientAbortError:
                aborted += 1
                if aborted > rounds:
                    raise
                with suppress(Exception):
                    client.shutdown()
                client = _idling(server)
        client.delete_messages(client.search(["ALL"]))  # the app is not to see them
        client.expunge()
    finally:
        with suppress(Exception):
            client.logout()
    return timings[1:], aborted


class _Offline(logging.Handler):
    """Counts the app's mailbox watcher going offline (a connection dropped, connected again
    after 2 s)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("mailbox: offline ("):
            self.count += 1


async def _subject(root: Path, server, sender: _Sender, rounds: int) -> list[float]:
    from comite.tui.app import ComiteApp
    from comite.tui.screens.meeting import FIXED_COLUMNS, MeetingScreen
    from comite.tui.screens.meetings import MeetingsScreen
    from comite.usecases.settings import Settings
    from tests.imap_server import USER

    inbox, outbox = root / "inbox", root / "outbox"
    for folder in (inbox, outbox):  # the app asks before creating a folder of the settings
        folder.mkdir(parents=True)
    store, meeting_id = _poll(root / "comite.sqlite")
    detail = store.meetings.detail(meeting_id)
    # Every invitee on a different slot in turn, so consecutive rounds are different cells.
    cells = [(invitee, column) for shift in range(len(detail.slots))
             for index, invitee in enumerate(detail.invitees)
             for column in [(index + shift) % len(detail.slots)]]
    if len(cells) < rounds + 1:
        raise RuntimeError(f"{len(cells)} empty cells for {rounds + 1} rounds")
    settings = Settings(coordinator_name="Claire Coordination", coordinator_email="coordination@example.org",
                        inbox=str(inbox), outbox=str(outbox), imap_host="127.0.0.1",
                        imap_port=str(server.port), imap_user=USER, imap_security="none")
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
            await _until(pilot, lambda: app.mailbox_watcher is not None
                         and app.mailbox_watcher.state == "online", "the mailbox online")
            for number, (invitee, column) in enumerate(cells[:rounds + 1]):  # the first warms up
                table = screen.query_one("#grid", DataTable)
                cell = Coordinate(table.get_row_index(str(invitee.id)), FIXED_COLUMNS + column)
                if str(table.get_cell_at(cell)) != "—":
                    raise RuntimeError(f"the cell of round {number} already holds an answer")
                table.cursor_coordinate = cell
                await pilot.pause(BETWEEN_S)
                raw = _message(detail.slots[column].uid, invitee.email, f"grille-{number}@example.org")

                def shown(cell: Coordinate = cell) -> bool:
                    return (app.screen is screen
                            and str(screen.query_one("#grid", DataTable).get_cell_at(cell)) == SHOWN)

                began = time.perf_counter()
                appended = asyncio.ensure_future(asyncio.to_thread(sender.append, raw))
                while not shown():
                    if time.perf_counter() - began > SHOWN_TIMEOUT_S:
                        raise RuntimeError(f"round {number} was never shown")
                    if not app.is_running:
                        raise RuntimeError(f"the app stopped at round {number}")
                    await pilot.pause(STEP_S)
                elapsed = time.perf_counter() - began
                await appended
                if number:
                    timings.append(elapsed)
    finally:
        app.stop_watchers(wait=True)  # their threads use the store about to be closed
        store.close()
    if server.messages():
        raise RuntimeError("a reply was left in INBOX")
    return timings


def run(folder: Path | None = None, rounds: int = ROUNDS) -> list[Figure]:
    from comite.sync.mailbox import PASSWORD_VARIABLE
    from tests.imap_server import PASSWORD, ImapServer

    server = ImapServer(idle=True).start()
    previous = os.environ.get(PASSWORD_VARIABLE)
    os.environ[PASSWORD_VARIABLE] = PASSWORD
    sender = None
    offline = _Offline()
    sync_log = logging.getLogger("comite.sync")
    level = sync_log.level
    try:
        sender = _Sender(server)
        floors, aborted = _floor(server, sender, rounds)
        sync_log.addHandler(offline)
        sync_log.setLevel(logging.INFO)
        with tempfile.TemporaryDirectory(prefix="comite-mailbox-", dir=folder) as scratch:
            subjects = asyncio.run(_subject(Path(scratch), server, sender, rounds))
    finally:
        sync_log.removeHandler(offline)
        sync_log.setLevel(level)
        if previous is None:
            os.environ.pop(PASSWORD_VARIABLE, None)
        else:
            os.environ[PASSWORD_VARIABLE] = previous
        if sender is not None:
            sender.close()
        server.shut()
    print("  IMAP reply → grid: each round (s): " + " ".join(f"{value:.2f}" for value in subjects))
    if aborted or offline.count:
        print(f"  imapclient aborted {aborted} floor round(s) (done again); the app's watcher went "
              f"offline {offline.count} time(s) (connected again after 2 s, 4 s, 8 s…)")
    name = f"IMAP reply → open grid (Pilot, IDLE), {rounds} rounds"
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
