"""The mailbox kept read on a thread of its own, against a real IMAP server: a reply arrives and
is applied within a moment (IDLE, or polling on a server without it); a server gone is the state
« offline », said once, and reading resumes on its own when the server is back."""

import threading
import time

import pytest

from comite.store.meeting_models import Answer
from comite.sync.mailbox import Mailbox
from comite.sync.mailbox_watch import MailboxWatcher, State
from tests.imap_server import PASSWORD
from tests.sync.conftest import wait_until
from tests.sync.test_mailbox import config, reply_message


class Listener:
    def __init__(self) -> None:
        self.results: list = []
        self.states: list[tuple[State, str]] = []

    def on_results(self, results: list) -> None:
        self.results += results

    def on_state(self, state: State, message: str) -> None:
        self.states.append((state, message))


@pytest.fixture
def watch(poll):
    started: list[MailboxWatcher] = []

    def start(server, **options) -> Listener:
        listener = Listener()
        watcher = MailboxWatcher(
            lambda: Mailbox(poll.store, config(server), secret=PASSWORD, **options),
            listener.on_results, listener.on_state, delays=(0.1, 0.5))
        watcher.start()
        started.append(watcher)
        return listener

    yield start
    for watcher in started:
        watcher.stop(wait=True)
    assert not [t for t in threading.enumerate() if t.name == "comite-mailbox"], "still running"


@pytest.mark.parametrize("idle", [True, False])
def test_a_reply_arriving_is_applied_offline_is_said_and_reading_resumes(poll, imap_server, watch,
                                                                          idle):
    server = imap_server(idle=idle)
    listener = watch(server, poll_seconds=0.2)
    assert wait_until(lambda: listener.states[-1:] == [(State.ONLINE, "")])
    server.append(reply_message(poll))
    assert wait_until(lambda: len(listener.results) == 1)
    assert poll.answer("Jeanne", "janvier") is Answer.YES
    server.stop()
    assert wait_until(lambda: listener.states[-1][0] is State.OFFLINE)
    assert "ne répond pas" in listener.states[-1][1]
    server.start()
    assert wait_until(lambda: listener.states[-1:] == [(State.ONLINE, "")])
    offline = [state for state, _message in listener.states if state is State.OFFLINE]
    assert len(offline) <= 2  # said when it changes, not at every try
    server.append(reply_message(poll, first_name="Pierre", message_id="<reponse-2@example.org>"))
    assert wait_until(lambda: len(listener.results) == 2)
    assert poll.answer("Pierre", "janvier") is Answer.YES


def test_a_refusal_is_said_once_and_nothing_read(poll, imap_server, watch):
    server = imap_server()
    server.append(reply_message(poll))
    listener = Listener()
    watcher = MailboxWatcher(lambda: Mailbox(poll.store, config(server), secret="faux"),
                             listener.on_results, listener.on_state, delays=(0.1, 0.3))
    watcher.start()
    try:
        assert wait_until(lambda: listener.states != [])
        threading.Event().wait(0.8)
    finally:
        watcher.stop(wait=True)
    assert [state for state, _message in listener.states] == [State.REFUSED]
    assert "mot de passe incorrect" in listener.states[0][1]
    assert listener.results == [] and len(server.messages()) == 1


def test_each_outage_after_a_connection_waits_the_first_delay_again(poll, imap_server):
    server = imap_server()
    listener = Listener()
    watcher = MailboxWatcher(lambda: Mailbox(poll.store, config(server), secret=PASSWORD),
                             listener.on_results, listener.on_state, delays=(0.5, 60.0))
    watcher.start()
    try:
        assert wait_until(lambda: listener.states[-1:] == [(State.ONLINE, "")])
        for _outage in range(4):  # without starting again from 0.5 s: 0.5, 1, 2, then 4 s
            server.stop()
            assert wait_until(lambda: listener.states[-1][0] is State.OFFLINE)
            server.start()
            went = time.monotonic()
            assert wait_until(lambda: listener.states[-1:] == [(State.ONLINE, "")], timeout=10)
        assert time.monotonic() - went < 2.5
    finally:
        watcher.stop(wait=True)
