"""A long-lived thread that runs only the newest job it is given.

Search as you type asks for a page on every key press; starting a thread (and a SQLite
connection) per key costs more than the query. Here one thread keeps its connection, and a
job still waiting when a newer one arrives is dropped: a newer search replaces an older one.
"""

import threading
from collections.abc import Callable

from comite.usecases import logs


class LatestOnly:
    def __init__(self, name: str) -> None:
        self._wake = threading.Condition()
        self._job: Callable[[], None] | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[], None]) -> None:
        with self._wake:
            self._job = job
            self._wake.notify()

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._job is None and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
                job, self._job = self._job, None
            try:
                job()
            except Exception as error:
                logs.log_unexpected(error)
