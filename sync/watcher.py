"""Keeps the inbox applied: a scan at start, on every change in the folder, and on a timer.

The watchdog handler only raises a flag (it runs on watchdog's thread, which must not touch
the store); the scans all run on the thread that called `watch`, which owns its SQLite
connection. Events can be lost (a sync client, a network folder), hence the timed rescan.
"""

import logging
import threading
import time
from collections.abc import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from comite.sync.inbox import Inbox, InboxResult, Outcome

log = logging.getLogger("comite.sync")
_TICK = 0.25  # how often an idle loop looks at `stop` (a change wakes it at once)
_BURST = 0.05  # after a change, to let a burst of events (a copy, a rename) settle into one scan


class _Poke(FileSystemEventHandler):
    def __init__(self, changed: threading.Event) -> None:
        self._changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        self._changed.set()


def watch(
    inbox: Inbox, stop: threading.Event, on_results: Callable[[list[InboxResult]], None],
    rescan_seconds: float = 30.0,
) -> None:
    """Run until `stop` is set; `on_results` gets each non-empty list of files processed or
    quarantined (never the ignored or still-waiting ones)."""
    changed = threading.Event()
    inbox.folder.mkdir(parents=True, exist_ok=True)
    observer = _observe(inbox, changed)
    # The inbox's own stability rule decides when a file is complete; while one is waiting it
    # is looked at again every fifth of the settle time, so it is taken soon after it settles.
    poll = max(0.02, min(0.25, inbox.settle_seconds / 5))
    try:
        next_rescan = 0.0
        while not stop.is_set():
            if changed.is_set() or time.monotonic() >= next_rescan:
                changed.clear()
                stop.wait(_BURST)
                scan_until_settled(inbox, stop, on_results, poll)
                next_rescan = time.monotonic() + rescan_seconds
            changed.wait(_TICK)
    finally:
        if observer is not None:
            observer.stop()
            observer.join()


def _observe(inbox: Inbox, changed: threading.Event) -> Observer | None:
    """Events make the scans prompt; without them (the folder moved away while the observer
    started, no inotify watch left) the timed rescan still keeps the inbox applied."""
    observer = Observer()
    observer.schedule(_Poke(changed), str(inbox.folder), recursive=False)
    try:
        observer.start()
    except OSError as error:
        log.warning("inbox: folder not watched (%s), timed rescans only", type(error).__name__)
        observer.stop()  # unscheduling alone would leave the observer's inotify thread running
        return None
    return observer


def scan_until_settled(
    inbox: Inbox, stop: threading.Event, on_results: Callable[[list[InboxResult]], None], poll: float,
) -> None:
    """Scan again while some file is still being written, so it is taken as soon as it is done."""
    while not stop.is_set():
        results = _scan(inbox)
        done = [result for result in results
                if result.outcome in (Outcome.PROCESSED, Outcome.QUARANTINED)]
        if done:
            try:
                on_results(done)
            except Exception as error:  # the watcher outlives a failing listener
                log.error("inbox: on_results raised %s", type(error).__name__)
        if not any(result.outcome is Outcome.WAITING for result in results):
            return
        stop.wait(poll)


def _scan(inbox: Inbox) -> list[InboxResult]:
    try:
        return inbox.scan()
    except Exception as error:  # scan guards each file; this is the last line of defence
        log.error("inbox: scan raised %s", type(error).__name__)
        return []
