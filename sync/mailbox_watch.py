"""Keeps the mailbox read: a reading at start, then one as each message arrives (IDLE) or every
`poll_seconds` (a server without IDLE), on a thread of its own, until `stop`.

Offline is a state, not an error: the watcher says it (`on_state`) and connects again after 2 s,
then twice as long after each failure, never more than 5 min apart. A refusal only the
coordinator can mend (a wrong password, an untrusted certificate, a missing folder) is said once
and tried again every 5 min (a password put in the keyring meanwhile is then found).
"""

import logging
from collections.abc import Callable
from enum import StrEnum

from comite.sync.errors import ScanFault
from comite.sync.mailbox import Mailbox, MailboxOffline, MailboxRefused
from comite.sync.watcher import WatchThread

log = logging.getLogger("comite.sync")
DELAYS = (2.0, 300.0)


class State(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"  # the server cannot be reached now: tried again, later and later
    REFUSED = "refused"  # the coordinator must mend something (password, certificate, folder)
    FAULT = "fault"  # this machine (a full disk, the database): tried again, later and later


class MailboxWatcher(WatchThread):
    """`open_mailbox` runs first, on the watcher's thread (the store's connection is the
    thread's); `on_results` gets each reading's news (processed and set-aside messages);
    `on_state` each change of state with its French message ('' when online)."""

    def __init__(self, open_mailbox: Callable[[], Mailbox | None],
                 on_results: Callable[[list], None], on_state: Callable[[State, str], None], *,
                 name: str = "comite-mailbox", delays: tuple[float, float] = DELAYS) -> None:
        super().__init__()
        self.name = name
        self._open_mailbox = open_mailbox
        self._on_results = on_results
        self._on_state = on_state
        self._delays = delays
        self.state: State = State.CONNECTING
        self._delay: float | None = None  # the last wait after a failure, while they follow
        self._said = ""

    def run(self) -> None:
        mailbox = self._open_mailbox()
        if mailbox is None:
            return
        try:
            while not self._stop.is_set():
                try:
                    self._serve(mailbox)
                except MailboxRefused as refused:
                    self._say(State.REFUSED, refused.message)
                    self._stop.wait(self._delays[1])
                except ScanFault as fault:  # offline, or this machine's fault
                    state = State.OFFLINE if isinstance(fault, MailboxOffline) else State.FAULT
                    self._say(state, fault.message)
                    delay = self._next_delay()
                    log.info("mailbox: %s, next try in %.0f s", state, delay)
                    self._stop.wait(delay)
        finally:
            mailbox.close()

    def _next_delay(self) -> float:
        """2 s after a failure, twice as long after each failure in a row, at most 5 min; a
        connection that went through starts the count again."""
        first, longest = self._delays
        self._delay = first if self._delay is None else min(self._delay * 2, longest)
        return self._delay

    def _serve(self, mailbox: Mailbox) -> None:
        """Connect, then read as messages come, until `stop` or a fault."""
        if not mailbox.connected:
            mailbox.connect()
        self._delay = None  # through: the next outage waits 2 s again, not twice the last wait
        self._say(State.ONLINE, "")
        while not self._stop.is_set():
            results = mailbox.read()
            if results:
                self._tell(results)
            mailbox.wait(self._stop)

    def _say(self, state: State, message: str) -> None:
        if (state, message) == (self.state, self._said):
            return  # once per change: an outage of an hour is not sixty messages
        self.state, self._said = state, message
        try:
            self._on_state(state, message)
        except Exception as error:  # the watcher outlives a failing listener
            log.error("mailbox: on_state raised %s", type(error).__name__)

    def _tell(self, results: list) -> None:
        try:
            self._on_results(results)
        except Exception as error:
            log.error("mailbox: on_results raised %s", type(error).__name__)
