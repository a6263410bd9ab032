"""A calendar reply dropped in the watched inbox → its vote visible in the database.

Subject: with the inbox's `sync.watcher.FolderWatcher` running in its thread, a reply is written
under a temporary name in a folder beside the inbox, then `os.replace`d into it (how sync clients
deliver a file: it appears whole); the clock runs from that rename until the vote can be read
through another connection (a second Store on the same file, polled every 2 ms). Replies
alternate ACCEPTED/DECLINED with rising DTSTAMPs, so each one changes the vote.

Floor: the same process noticing the same kind of drop with a bare watchdog observer whose
handler waits until the file has rested for the same settle time, then reads it: what no inbox
that guards against half-written files can beat.

Budget: median ≤ 1 s. Nearly all of it is the inbox's settle time (SETTLE_SECONDS, 0.5 s):
a file is taken only once unchanged between two scans and untouched for that long, which is
what keeps a file copied slowly (plain `cp`, a file manager) from being read half-written;
sync clients rename whole files in, browsers and office programs write under temporary names
the inbox ignores. Half a second outlasts the pauses of a local or network copy and leaves
room under the budget for the scans (every settle/5 while a file waits) and the transaction.
"""

import logging
import os
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.common import Figure, isolate, median, percentile, stage

DROPS = 20
BUDGET_S = 1.0
POLL_S = 0.002
TIMEOUT_S = 15.0

REPLY = """BEGIN:VCALENDAR\r
METHOD:REPLY\r
PRODID:Microsoft Exchange Server 2010\r
VERSION:2.0\r
BEGIN:VEVENT\r
ATTENDEE;PARTSTAT={partstat};CN=Jeanne Dupont:mailto:jeanne.dupont@example.org\r
SUMMARY;LANGUAGE=fr-FR:Réponse : Comité de printemps\r
DTSTART;TZID=Romance Standard Time:20270112T180000\r
UID:{uid}\r
DTSTAMP:{stamp}\r
SEQUENCE:0\r
END:VEVENT\r
END:VCALENDAR\r
"""


def run(folder: Path | None = None, drops: int = DROPS, settle_seconds: float | None = None) -> list[Figure]:
    from comite.sync.inbox import SETTLE_SECONDS

    settle = SETTLE_SECONDS if settle_seconds is None else settle_seconds
    # watchdog logs a harmless race at observer.stop() (an event read after the stop) as an error.
    logging.getLogger("watchdog").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory(prefix="comite-inbox-", dir=folder) as scratch:
        root = Path(scratch)
        floors = _floor(root / "floor", drops, settle)
        subjects = _subject(root / "subject", drops, settle)
    name = f"inbox: reply dropped → vote visible, {drops} drops, settle {settle:g} s"
    p50 = median(subjects)
    return [
        Figure(f"{name}, p50", median(floors), p50, "s", f"p50 ≤ {BUDGET_S:g} s", p50 <= BUDGET_S),
        Figure(f"{name}, p95", percentile(floors, 95), percentile(subjects, 95), "s"),
    ]


def _floor(root: Path, drops: int, settle: float) -> list[float]:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    inbox, staging = root / "inbox", root / "staging"
    inbox.mkdir(parents=True)
    staging.mkdir()
    # The file awaited and its own flag: the handler's read of one file raises events of its
    # own (opened, closed), which must not answer for the next drop.
    expected: list[tuple[Path, threading.Event]] = []

    class Reader(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            path = Path(getattr(event, "dest_path", "") or event.src_path)
            awaited = expected[0] if expected else None
            if awaited and path == awaited[0] and path.exists():
                time.sleep(max(0.0, path.stat().st_mtime + settle - time.time()))
                path.read_bytes()
                awaited[1].set()

    observer = Observer()
    observer.schedule(Reader(), str(inbox), recursive=False)
    observer.start()
    timings = []
    try:
        for number in range(drops):
            name = f"reponse-{number}.ics"
            staged = stage(staging, name, REPLY.format(partstat="ACCEPTED", uid=number, stamp="x").encode())
            arrived = threading.Event()
            expected[:] = [(inbox / name, arrived)]
            began = time.perf_counter()
            os.replace(staged, inbox / name)
            if not arrived.wait(TIMEOUT_S):
                raise RuntimeError("the bare observer never saw the file")
            timings.append(time.perf_counter() - began)
    finally:
        observer.stop()
        observer.join()
    return timings


def _subject(root: Path, drops: int, settle: float) -> list[float]:
    from comite.store import MeetingInput, MembershipInput, PersonInput, open_store
    from comite.store.committee_models import CommitteeKind, StructureKind
    from comite.store.meeting_models import Answer
    from comite.sync.inbox import Inbox, InboxScanner
    from comite.sync.watcher import FolderWatcher

    inbox, staging = root / "inbox", root / "staging"
    inbox.mkdir(parents=True)
    staging.mkdir()
    path = root / "comite.sqlite"
    store = open_store(path)
    structure = store.structures.create("MSP des Tilleuls", StructureKind.MSP)
    committee = store.committees.create(structure.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE)
    person = store.people.create(PersonInput(last_name="Dupont", first_name="Jeanne",
                                             email="jeanne.dupont@example.org"))
    store.memberships.add(committee.id, person.id, MembershipInput())
    meeting = store.meetings.create(committee.id, MeetingInput(title="Comité de printemps"))
    slot = store.meetings.add_slot(meeting.id, datetime(2027, 1, 12, 18, 0))
    store.meetings.open_poll(meeting.id)
    invitee = store.meetings.detail(meeting.id).invitees[0]
    reader = open_store(path)  # another connection, as the TUI would read it

    def answer() -> Answer | None:
        vote = reader.meetings.detail(meeting.id).vote(invitee.id, slot.id)
        return None if vote is None else vote.answer

    watcher = FolderWatcher(lambda: InboxScanner(Inbox(inbox, store, settle_seconds=settle)),
                            lambda results: None)
    watcher.start()
    first = datetime(2025, 1, 1, tzinfo=UTC)
    timings = []
    try:
        for number in range(drops):
            partstat, wanted = ("ACCEPTED", Answer.YES) if number % 2 == 0 else ("DECLINED", Answer.NO)
            stamp = (first + timedelta(minutes=number)).strftime("%Y%m%dT%H%M%SZ")
            name = f"reponse-{number}.ics"
            data = REPLY.format(partstat=partstat, uid=slot.uid, stamp=stamp).encode()
            staged = stage(staging, name, data)
            began = time.perf_counter()
            os.replace(staged, inbox / name)
            while answer() is not wanted:
                if time.perf_counter() - began > TIMEOUT_S:
                    raise RuntimeError("the reply was never applied")
                time.sleep(POLL_S)
            timings.append(time.perf_counter() - began)
            while (inbox / name).exists():  # filed: the next drop starts from a quiet inbox
                time.sleep(POLL_S)
    finally:
        watcher.stop(wait=True)
        reader.close()
        store.close()
    return timings


if __name__ == "__main__":
    from benchmarks.common import print_table

    with tempfile.TemporaryDirectory(prefix="comite-bench-") as home:
        isolate(Path(home))
        print_table(run())
