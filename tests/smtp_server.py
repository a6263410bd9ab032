"""A real SMTP server on 127.0.0.1 for the tests that send: aiosmtpd, one per test, stopped
after it; `smtp_server` is given to every test by tests/conftest.py."""

import socket

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping what it receives; refuses the addresses it is told to."""

    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        self.received = []
        self.authenticated = []
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        self.authenticated.append(session.authenticated)
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    """`smtp_server(**options)`: a started server and its Inbox; stopped after the test."""
    started = []

    def start(refuse: tuple[str, ...] = (), **options):
        inbox = Inbox(refuse)
        controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **options)
        controller.start()
        started.append(controller)
        return controller, inbox

    yield start
    for controller in started:
        controller.stop()
