"""Keeps a folder applied: a scan at start, on every change in the folder, and on a timer.

One `FolderWatcher` serves the inbox (sync.inbox.InboxScanner) and the charter templates
folder (sync.charter_catalog.CatalogScanner): what a scan does is the scanner's, when it runs
is the watcher's. The watchdog handler only raises a flag (it runs on watchdog's thread, which
must not touch the store); the scans all run on the watcher's thread, which owns its SQLite
connection. Events can be lost (a sync client, a network folder), hence the timed rescan.

A scan that meets a fault of the machine (a full disk, a read-only folder, a database busy too
long) raises `ScanFault`: the watcher says so once (`on_fault`), then tries again later and
later, deaf to the folder's changes meanwhile, until a scan goes through.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from comite.sync.errors import ScanFault

if TYPE_CHECKING:
    from watchdog.observers.api import BaseObserver

log = logging.getLogger("comite.sync")
_TICK = 0.25  # how often an idle loop looks at `stop` (a change wakes it at once)
_STOP_WAIT = 10.0  # seconds `stop(wait=True)` gives a scan under way to end
# After a fault, the next try comes this long after the fault, twice as long after each new one,
# never further apart than the last: a full disk is not freed in a second.
FAULT_DELAYS = (2.0, 300.0)

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True, slots=True)
class Scan(Generic[T]):
    """What one look at the folder found."""

    news: T | None = None  # for the listener; None: nothing worth telling
    again_in: float | None = None  # a file is still being written: look again this soon (seconds)


class Scanner(Protocol[T_co]):
    """One look at a folder per `scan()`, always on the watcher's thread."""

    folder: Path
    burst: float  # after a change, how long to let a burst of events (a copy, a rename) end first
    label: str  # names the folder in the log

    def scan(self) -> Scan[T_co]: ...


class _Poke(FileSystemEventHandler):
    def __init__(self, changed: threading.Event) -> None:
        self._changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        self._changed.set()


class WatchThread:
    """A watch that runs `run()` on a daemon thread of its own until `stop`: an app's shutdown
    never waits on it, `stop(wait=True)` does (at most ten seconds)."""

    name = "comite-watcher"

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run(self) -> None:
        raise NotImplementedError

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name=self.name, daemon=True)
        self._thread.start()

    def stop(self, wait: bool = False) -> None:
        """End the watch; with `wait`, return once its thread has ended (or after ten seconds)."""
        self._stop.set()
        if wait and self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(_STOP_WAIT)


class FolderWatcher(WatchThread, Generic[T]):
    """Scans a folder until `stop`: at start, after every change in it, every `rescan_seconds`.

    `open_scanner` runs first, on the watcher's thread: what the scans need is made there (the
    store's connection is the thread's; heavy imports stay off the caller's thread). It returns
    None when there is nothing to watch (it has said why). `on_results` gets each scan's news;
    `on_fault` the French message of a fault, once until a scan goes through again.
    """

    def __init__(
        self, open_scanner: Callable[[], Scanner[T] | None], on_results: Callable[[T], None], *,
        rescan_seconds: float = 30.0, name: str = "comite-watcher",
        on_fault: Callable[[str], None] | None = None,
        fault_delays: tuple[float, float] | None = None,
    ) -> None:
        super().__init__()
        self.name = name
        self._open_scanner = open_scanner
        self._on_results = on_results
        self._on_fault = on_fault
        self._fault_delays = fault_delays or FAULT_DELAYS
        self._rescan_seconds = rescan_seconds

    def run(self) -> None:
        """Watch on the calling thread until `stop` (`start` runs this on the watcher's own)."""
        scanner = self._open_scanner()
        if scanner is None:
            return
        changed = threading.Event()
        observer = _observe(scanner, changed)
        watched = observer is not None or scanner.folder.is_dir()  # tried, or to try once it exists
        try:
            next_rescan: float | None = None  # None: not scanned yet
            delay: float | None = None  # while faults last: the wait before the next try
            while not self._stop.is_set():
                if delay is not None:
                    changed.clear()  # a change cannot mend a full disk: the delay runs its course
                if changed.is_set() or next_rescan is None or time.monotonic() >= next_rescan:
                    changed.clear()
                    if next_rescan is not None and delay is None:  # the first scan follows no change
                        self._stop.wait(scanner.burst)
                    delay = self._scan_or_back_off(scanner, delay)
                    next_rescan = time.monotonic() + (self._rescan_seconds if delay is None else delay)
                    if not watched and scanner.folder.is_dir():  # created since: watch it now
                        watched = True
                        observer = _observe(scanner, changed)
                changed.wait(_TICK)
        finally:
            if observer is not None:
                observer.stop()
                observer.join()


    def _scan_or_back_off(self, scanner: Scanner[T], delay: float | None) -> float | None:
        """Scan; after a fault, the delay before the next try (None: all is well again)."""
        try:
            scan_until_settled(scanner, self._on_results, self._stop)
        except ScanFault as fault:
            first, longest = self._fault_delays
            if delay is not None:
                log.warning("%s: still failing, next try in %.0f s", scanner.label, min(delay * 2, longest))
                return min(delay * 2, longest)
            log.warning("%s: fault, next try in %.0f s", scanner.label, first)
            if self._on_fault is not None:
                try:
                    self._on_fault(fault.message)
                except Exception as error:  # the watcher outlives a failing listener
                    log.error("%s: on_fault raised %s", scanner.label, type(error).__name__)
            return first
        if delay is not None:
            log.info("%s: scanning again", scanner.label)
        return None


def _observe(scanner: Scanner[object], changed: threading.Event) -> "BaseObserver | None":
    """Events make the scans prompt; without them (no folder yet, the folder moved away while the
    observer started, no inotify watch left) the timed rescan still keeps the folder applied."""
    # Imported here, on the watcher's thread: the app makes its watchers on the screen's.
    from watchdog.observers import Observer

    if not scanner.folder.is_dir():
        return None
    observer = Observer()
    try:
        observer.schedule(_Poke(changed), str(scanner.folder), recursive=False)
        observer.start()
    except OSError as error:
        log.warning("%s: folder not watched (%s), timed rescans only", scanner.label,
                    type(error).__name__)
        observer.stop()  # unscheduling alone would leave the observer's inotify thread running
        return None
    return observer


def scan_until_settled(
    scanner: Scanner[T], on_results: Callable[[T], None], stop: threading.Event,
) -> None:
    """Scan again while some file is still being written, so it is taken as soon as it is done.

    A ScanFault ends it, once what the scan did before the fault has been told."""
    while not stop.is_set():
        try:
            found = _scan(scanner)
        except ScanFault as fault:
            if fault.news is not None:
                _tell(scanner, on_results, fault.news)
            raise
        if found.news is not None:
            _tell(scanner, on_results, found.news)
        if found.again_in is None:
            return
        stop.wait(found.again_in)


def _tell(scanner: Scanner[T], on_results: Callable[[T], None], news: T) -> None:
    try:
        on_results(news)
    except Exception as error:  # the watcher outlives a failing listener
        log.error("%s: on_results raised %s", scanner.label, type(error).__name__)


def _scan(scanner: Scanner[T]) -> Scan[T]:
    try:
        return scanner.scan()
    except ScanFault:
        raise
    except Exception as error:  # scanners guard each file; this is the last line of defence
        log.error("%s: scan raised %s", scanner.label, type(error).__name__)
        return Scan()
