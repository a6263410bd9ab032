"""The whole loop in the real app: phone answers typed in, a calendar reply dropped in the
watched inbox shows up in the open grid, the slot is chosen, the invitations are in the outbox."""

import os
from email import message_from_bytes, policy
from pathlib import Path

from textual.coordinate import Coordinate
from textual.widgets import DataTable

from comite.store.meeting_models import AnswerSource, MeetingStatus
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.screens.meeting import FIXED_COLUMNS, MeetingScreen
from comite.tui.screens.meetings import MeetingsScreen
from comite.tui.textual_private import notifications
from comite.usecases.settings import Settings
from tests.sync.conftest import reply_bytes
from tests.tui.conftest import make_app, wait_for


def drop(inbox: Path, name: str, data: bytes) -> None:
    """As a mail rule or a sync client does: written elsewhere, then renamed in at once."""
    staging = inbox.parent / f"staging-{name}"
    staging.write_bytes(data)
    os.replace(staging, inbox / name)


async def test_phone_answers_a_dropped_reply_the_choice_and_the_outbox(demo_store, tmp_path):
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    inbox.mkdir()  # a chosen inbox exists (F2 checks it); only the default one is made at need
    settings = Settings(coordinator_name="Claire Coordination",
                        coordinator_email="coordination@example.org",
                        inbox=str(inbox), outbox=str(outbox))
    app = make_app(demo_store, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        await pilot.press("enter")  # the poll comes first
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        screen = app.screen
        detail = demo_store.meetings.detail(screen.meeting_id)
        assert detail.meeting.status is MeetingStatus.POLL
        grid = screen.query_one(DataTable)
        silent = [i for i, invitee in enumerate(detail.invitees)
                  if invitee.email and not any(v.invitee_id == invitee.id for v in detail.votes)]
        phoned, replying = silent[0], silent[1]

        # Two answers given by phone.
        for column in (0, 1):
            grid.cursor_coordinate = Coordinate(phoned, FIXED_COLUMNS + column)
            await pilot.press("o")
        assert str(grid.get_cell_at(Coordinate(phoned, FIXED_COLUMNS + 1))) == "Oui tél"

        # A calendar reply (« Peut-être » to the first slot's hold) lands in the inbox.
        first = detail.slots[0]
        await wait_for(pilot, lambda: inbox.is_dir(), timeout=5)
        drop(inbox, "reponse.ics", reply_bytes("gmail-tentative-comment.ics", first.uid,
                                               detail.invitees[replying].email.upper()))
        cell = Coordinate(replying, FIXED_COLUMNS)
        await wait_for(pilot, lambda: str(screen.query_one(DataTable).get_cell_at(cell))
                       == "Si néc. agd", timeout=10)
        vote = demo_store.meetings.detail(screen.meeting_id).vote(
            detail.invitees[replying].id, first.id)
        assert vote.source is AnswerSource.CALENDAR
        assert (inbox / "processed" / "reponse.ics").exists()

        # Choose the first slot, then write the invitations.
        grid = screen.query_one(DataTable)
        grid.cursor_coordinate = Coordinate(0, FIXED_COLUMNS)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):  # a required member said no: confirm again
            await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: demo_store.meetings.get(screen.meeting_id).status
                       is MeetingStatus.CONVENED)
        await pilot.press("g")
        await wait_for(pilot, lambda: any(outbox.glob("*/*.eml")), timeout=10)
        await wait_for(pilot, lambda: demo_store.meetings.invitations(screen.meeting_id), timeout=5)

    detail = demo_store.meetings.detail(screen.meeting_id)
    chosen = detail.chosen_slot
    emails = sorted(outbox.glob("*/*.eml"))
    with_email = [invitee for invitee in detail.invitees if invitee.email]
    # One message per person with an e-mail: the convocation inline, each other hold cancelled
    # in an attached file of its own.
    assert len(emails) == len(with_email)
    for path in emails:
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        calendar = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
        assert calendar.get_param("method") == "REQUEST"
        inline = calendar.get_payload(decode=True)
        assert f"UID:{chosen.uid}".encode() in inline and b"STATUS:CONFIRMED" in inline
        cancels = [a.get_payload(decode=True) for a in message.iter_attachments()
                   if a.get_filename().startswith("date-")]
        assert len(cancels) == len(detail.slots) - 1
        assert all(b"METHOD:CANCEL" in ics for ics in cancels)


async def test_a_refused_file_is_shown_with_its_reason_and_changes_nothing(demo_store, tmp_path):
    from comite.tui.screens.inbox import InboxScreen

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    hostile = Path(__file__).resolve().parents[1] / "data" / "hostile" / "inbox" / "truncated.ics"
    before = {m.id: demo_store.meetings.detail(m.id) for m in demo_store.meetings.all()}
    app = make_app(demo_store, settings=Settings(inbox=str(inbox), outbox=str(tmp_path / "out")))
    async with app.run_test(size=(80, 24)) as pilot:
        drop(inbox, "reponse.ics", hostile.read_bytes())
        await wait_for(pilot, lambda: (inbox / "quarantine" / "reponse.ics.why.txt").exists(),
                       timeout=10)
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, InboxScreen))
        files = app.screen.query_one("#files", DataTable)
        assert [str(c) for c in files.get_row_at(0)[1:3]] == ["reponse.ics", "mis de côté"]
        files.focus()
        await pilot.press("enter")
        await pilot.pause()
        shown = [n.message for n in notifications(app)]
        assert any("illisible" in message and "quarantine" in message for message in shown)
    after = {m.id: demo_store.meetings.detail(m.id) for m in demo_store.meetings.all()}
    assert after == before
