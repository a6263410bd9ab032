"""The watcher, in its own thread on a real folder with a real watchdog observer."""

import threading
import time
from collections.abc import Callable

import pytest

from comite.store.meeting_models import Answer
from comite.sync.inbox import Inbox, InboxResult, Outcome
from comite.sync.watcher import watch
from tests.sync.conftest import reply_bytes, wait_until, watchdog_threads

JEANNE = "jeanne.dupont@example.org"


@pytest.fixture
def watching(store, inbox_dir, watcher_threads):
    """Start `watch(...)` in a thread; stops and joins it at the end of the test."""
    stop, run = watcher_threads
    reported: list[InboxResult] = []

    def start(on_results: Callable[[list[InboxResult]], None] = reported.extend, **options):
        run(watch, Inbox(inbox_dir, store), stop, on_results, **options)
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


def test_stopping_is_prompt(store, inbox_dir):
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(Inbox(inbox_dir, store), stop, lambda results: None))
    thread.start()
    assert wait_until(lambda: watchdog_threads() != [])
    began = time.monotonic()
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert time.monotonic() - began < 2
    assert watchdog_threads() == []


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

