"""The folder watcher, on its own thread on a real folder with a real watchdog observer: first
with a scanner of the simplest kind, then with the inbox's."""

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from comite.store.meeting_models import Answer
from comite.sync.errors import ScanFault
from comite.sync.inbox import Inbox, InboxResult, InboxScanner, Outcome
from comite.sync.watcher import FolderWatcher, Scan
from tests.sync.conftest import reply_bytes, wait_until, watchdog_threads

JEANNE = "jeanne.dupont@example.org"
NEVER = 3600.0  # a rescan interval no test lasts: what is seen was seen through the observer


class NewFiles:
    """A scanner of the simplest kind: its news are the names of the files not seen before."""

    burst = 0.05
    label = "test"

    def __init__(self, folder: Path, failures: int = 0) -> None:
        self.folder = folder
        self.failures = failures  # how many scans raise first
        self.seen: set[str] = set()
        self.threads: set[str] = set()  # the threads the scans ran on

    def scan(self) -> Scan[list[str]]:
        self.threads.add(threading.current_thread().name)
        if self.failures:
            self.failures -= 1
            raise OSError("a passing disk error")
        new = sorted({path.name for path in self.folder.iterdir()} - self.seen)
        self.seen.update(new)
        return Scan(new or None)


def test_a_file_dropped_reaches_the_callback_from_the_watchers_thread(tmp_path, watchers):
    scanner, reported = NewFiles(tmp_path), []
    watchers(FolderWatcher(lambda: scanner, reported.append, rescan_seconds=NEVER, name="veille"))
    assert wait_until(lambda: watchdog_threads() != [])
    assert wait_until(lambda: scanner.threads == {"veille"}), "the scan at start"
    (tmp_path / "a.txt").write_text("a")
    assert wait_until(lambda: reported == [["a.txt"]])
    (tmp_path / "b.txt").write_text("b")
    assert wait_until(lambda: reported == [["a.txt"], ["b.txt"]])
    assert scanner.threads == {"veille"}, "every scan runs on the watcher's own thread"


def test_stop_ends_the_watchers_thread_and_its_observer(tmp_path):
    watcher = FolderWatcher(lambda: NewFiles(tmp_path), lambda news: None, name="veille")
    watcher.start()
    assert wait_until(lambda: watchdog_threads() != [])
    began = time.monotonic()
    watcher.stop(wait=True)
    assert time.monotonic() - began < 2
    assert [thread for thread in threading.enumerate() if thread.name == "veille"] == []
    assert watchdog_threads() == []


def test_an_opener_with_nothing_to_watch_ends_the_watcher_at_once(tmp_path):
    opened: list[str] = []

    def nothing() -> None:
        opened.append(threading.current_thread().name)

    FolderWatcher(nothing, lambda news: None, name="veille").start()
    assert wait_until(lambda: all(thread.name != "veille" for thread in threading.enumerate()))
    assert opened == ["veille"], "opened on the watcher's own thread"
    assert watchdog_threads() == []


def test_a_folder_made_after_the_start_is_watched_from_the_next_scan(tmp_path, watchers):
    folder = tmp_path / "pas-encore"
    scanner, reported = NewFiles(folder), []
    watchers(FolderWatcher(lambda: scanner, reported.append, rescan_seconds=0.2))
    assert wait_until(lambda: scanner.threads != set())
    assert watchdog_threads() == [], "no folder: nothing to observe yet"
    folder.mkdir()  # the next timed rescan finds it, and observes it from then on
    assert wait_until(lambda: watchdog_threads() != [])
    (folder / "a.txt").write_text("a")
    assert wait_until(lambda: reported == [["a.txt"]])


def test_the_watcher_outlives_a_failing_scan_and_a_failing_listener(tmp_path, watchers):
    scanner, calls = NewFiles(tmp_path, failures=1), []

    def listener(news: list[str]) -> None:
        calls.append(news)
        raise RuntimeError("the screen went away")

    watchers(FolderWatcher(lambda: scanner, listener, rescan_seconds=NEVER))
    assert wait_until(lambda: scanner.failures == 0)
    (tmp_path / "a.txt").write_text("a")
    assert wait_until(lambda: calls == [["a.txt"]])
    (tmp_path / "b.txt").write_text("b")
    assert wait_until(lambda: calls == [["a.txt"], ["b.txt"]])


class FullDisk(NewFiles):
    """Its first `faults` scans meet a full disk; it notes when each scan began."""

    def __init__(self, folder: Path, faults: int) -> None:
        super().__init__(folder)
        self.faults = faults
        self.began: list[float] = []

    def scan(self) -> Scan[list[str]]:
        self.began.append(time.monotonic())
        if self.faults:
            self.faults -= 1
            raise ScanFault("Le disque est plein.")
        return super().scan()


def test_a_fault_is_said_once_then_tried_again_later_and_later(tmp_path, watchers):
    """Before, every scan of a full disk failed at once and again at the next change or tick,
    and logged each time (4 MB in 25 s). Now: said once, tries spaced 0.1, 0.2, 0.4, 0.4 s here
    (2 s doubling up to 5 min by default), the folder's changes unheard meanwhile."""
    scanner, reported, said = FullDisk(tmp_path, faults=4), [], []
    watchers(FolderWatcher(lambda: scanner, reported.append, rescan_seconds=NEVER,
                           on_fault=said.append, fault_delays=(0.1, 0.4)))
    assert wait_until(lambda: watchdog_threads() != [] and scanner.began)
    for number in range(5):  # changes while the disk is full: no scan for them
        (tmp_path / f"{number}.txt").write_text("x")
        time.sleep(0.05)
    assert wait_until(lambda: reported == [[f"{number}.txt" for number in range(5)]])
    assert said == ["Le disque est plein."]
    gaps = [later - earlier for earlier, later in zip(scanner.began, scanner.began[1:], strict=False)]
    assert len(gaps) == 4, gaps
    assert all(gap >= wanted - 0.02 for gap, wanted in zip(gaps, (0.1, 0.2, 0.4, 0.4), strict=True)), gaps

    scanner.faults = 1  # full again, later: a new fault, said again
    (tmp_path / "5.txt").write_text("x")
    assert wait_until(lambda: said == ["Le disque est plein."] * 2)
    assert wait_until(lambda: reported[-1] == ["5.txt"])


# ---- the inbox's scanner --------------------------------------------------------------------


@pytest.fixture
def watching(store, inbox_dir, watchers):
    """Start the inbox's watcher; stopped and its threads checked at the end of the test."""
    reported: list[InboxResult] = []

    def start(on_results: Callable[[list[InboxResult]], None] = reported.extend, **options):
        watchers(FolderWatcher(lambda: InboxScanner(Inbox(inbox_dir, store)), on_results, **options))
        return reported

    return start


def test_a_reply_written_slowly_is_applied_once_complete(poll, inbox_dir, watching):
    reported = watching()
    data = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE)
    with open(inbox_dir / "reponse.ics", "wb") as writer:  # a slow writer: half, a pause, the rest
        writer.write(data[:400])
        writer.flush()
        time.sleep(0.2)
        writer.write(data[400:])
    assert wait_until(lambda: poll.answer("Jeanne", "janvier") is Answer.YES)
    assert wait_until(lambda: [r.name for r in reported] == ["reponse.ics"])
    assert reported[0].outcome is Outcome.PROCESSED
    assert not (inbox_dir / "quarantine").exists()
    assert (inbox_dir / "processed" / "reponse.ics").read_bytes() == data


def test_files_already_there_are_taken_at_start(poll, inbox_dir, watching):
    data = reply_bytes("apple-declined.ics", poll.slots["juillet"].uid, JEANNE)
    (inbox_dir / "avant.ics").write_bytes(data)
    watching()
    assert wait_until(lambda: poll.answer("Jeanne", "juillet") is Answer.NO)


def test_the_watcher_outlives_a_failing_listener_and_bad_files(poll, inbox_dir, watching):
    calls: list[list[InboxResult]] = []

    def listener(results: list[InboxResult]) -> None:
        calls.append(results)
        raise RuntimeError("the screen went away")

    watching(listener)
    (inbox_dir / "photo.ics").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert wait_until(lambda: (inbox_dir / "quarantine" / "photo.ics.why.txt").exists())
    (inbox_dir / "reponse.ics").write_bytes(
        reply_bytes("outlook-accepted.ics", poll.slots["janvier-soir"].uid, JEANNE))
    assert wait_until(lambda: poll.answer("Jeanne", "janvier-soir") is Answer.YES)
    assert wait_until(lambda: len(calls) == 2)
    assert [[r.outcome for r in results] for results in calls] == [[Outcome.QUARANTINED], [Outcome.PROCESSED]]


def test_the_timed_rescan_catches_what_the_observer_cannot_see(poll, inbox_dir, watching):
    watching(rescan_seconds=0.5)
    # A first reply taken proves the observer has started (its start runs before any scan):
    # renaming the folder while it starts would test watchdog's start, not our rescan.
    (inbox_dir / "premiere.ics").write_bytes(
        reply_bytes("outlook-accepted.ics", poll.slots["juillet"].uid, JEANNE))
    assert wait_until(lambda: poll.answer("Jeanne", "juillet") is Answer.YES)
    assert watchdog_threads() != []
    # A sync client recreating the folder: the observer still watches the old one, gone aside.
    inbox_dir.rename(inbox_dir.with_name("ancienne-boite"))
    inbox_dir.mkdir()
    time.sleep(0.3)  # the scans those two events trigger find an empty folder
    (inbox_dir / "reponse.ics").write_bytes(
        reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    assert wait_until(lambda: poll.answer("Jeanne", "janvier") is Answer.YES)

