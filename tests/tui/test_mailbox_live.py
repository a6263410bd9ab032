"""Replies from the coordinator's mailbox in the open app: a reply appended on a real IMAP server
(pymap on 127.0.0.1) shows up in the open grid and the message is filed; the server gone is
« ✉ hors ligne » in the section bar, not a dialog, and it clears when the server is back."""

import base64
import re

from textual.coordinate import Coordinate
from textual.widgets import DataTable

from comite.store.meeting_models import AnswerSource
from comite.sync.mailbox import DONE_FOLDER
from comite.tui.dialogs.window import Window
from comite.tui.screens.meeting import FIXED_COLUMNS, MeetingScreen
from comite.tui.screens.meetings import MeetingsScreen
from comite.tui.textual_private import painted_lines
from comite.usecases.settings import Settings
from tests.imap_server import PASSWORD, USER
from tests.sync.conftest import REPLIES, fill, reply_bytes
from tests.tui.conftest import make_app, wait_for


def reply_mail(calendar: bytes, sender: str) -> bytes:
    encoded = base64.encodebytes(calendar).decode().replace("\n", "\r\n").rstrip()
    raw = fill((REPLIES / "outlook-nested.eml").read_bytes(), CALENDAR_BASE64=encoded, FROM=sender)
    return re.sub(rb"Message-ID: <[^>]*>", b"Message-ID: <grille-1@example.org>", raw)


def settings_for(server) -> Settings:
    return Settings(coordinator_email="coordination@example.org", imap_host="127.0.0.1",
                    imap_port=str(server.port), imap_user=USER, imap_security="none")


async def test_a_reply_in_the_mailbox_reaches_the_open_grid_and_offline_is_a_state(
        demo_store, imap_server, monkeypatch):
    monkeypatch.setenv("COMITE_IMAP_PASSWORD", PASSWORD)
    server = imap_server()
    app = make_app(demo_store, settings=settings_for(server))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        await pilot.press("enter")  # the poll comes first
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        screen = app.screen
        detail = demo_store.meetings.detail(screen.meeting_id)
        replying = next(i for i, invitee in enumerate(detail.invitees)
                        if invitee.email and not any(v.invitee_id == invitee.id for v in detail.votes))
        first = detail.slots[0]
        await wait_for(pilot, lambda: app.mailbox_watcher is not None
                       and app.mailbox_watcher.state == "online", timeout=10)
        server.append(reply_mail(reply_bytes("gmail-tentative-comment.ics", first.uid,
                                             detail.invitees[replying].email),
                                 detail.invitees[replying].email))
        cell = Coordinate(replying, FIXED_COLUMNS)
        await wait_for(pilot, lambda: str(screen.query_one(DataTable).get_cell_at(cell))
                       == "Si néc. agd", timeout=10)
        vote = demo_store.meetings.detail(screen.meeting_id).vote(detail.invitees[replying].id,
                                                                  first.id)
        assert vote.source is AnswerSource.CALENDAR
        assert server.messages() == {} and len(server.messages(DONE_FOLDER)) == 1

        server.stop()
        await wait_for(pilot, lambda: "✉ hors ligne" in painted_lines(app)[0], timeout=10)
        assert not isinstance(app.screen, Window)  # a state, not a dialog
        server.start()
        await wait_for(pilot, lambda: "✉" not in painted_lines(app)[0], timeout=15)
