"""The shared calendar while the app is open, against a real CalDAV server (Radicale on
127.0.0.1): the meetings' dates published in the background and again as they change; the
server gone is « 📅 N en attente » in the section bar, sent once it is back; a colleague's edit
is « 📅 1 conflit », said once, and `k` on the meeting puts comite's version back once agreed."""

from datetime import datetime

import icalendar
import pytest

from comite.store import MeetingInput, open_store
from comite.tui import shared_calendar
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.screens.meeting import MeetingScreen
from comite.tui.textual_private import painted_lines
from comite.usecases.settings import Settings
from tests.caldav_server import CALENDAR, PASSWORD, USER
from tests.sync.conftest import make_poll
from tests.tui.conftest import make_app, told, wait_for


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "comite.sqlite")
    yield opened
    opened.close()


def status(server, uid: str) -> str:
    body = server.objects().get(f"{uid}.ics")
    return "" if body is None else str(icalendar.Calendar.from_ical(body).walk("VEVENT")[0]["STATUS"])


async def test_published_as_meetings_change_pending_while_offline_and_a_conflict_told(
        store, caldav_server, tmp_path, monkeypatch):
    monkeypatch.setenv("COMITE_CALDAV_PASSWORD", PASSWORD)
    monkeypatch.setattr(shared_calendar, "RETRY_EVERY_S", 1.0)
    server = caldav_server()
    poll = make_poll(store)
    uid = poll.detail().meeting.uid
    feeds = tmp_path / "flux"
    feeds.mkdir()
    app = make_app(store, settings=Settings(caldav_url=server.url, caldav_user=USER,
                                            feed_folder=str(feeds)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: status(server, uid) == "TENTATIVE", timeout=10)
        assert [path.suffix for path in feeds.iterdir()] == [".ics"]

        store.meetings.choose_slot(poll.slots["janvier"].id, confirmed=True)
        await wait_for(pilot, lambda: status(server, uid) == "CONFIRMED", timeout=10)

        server.stop()
        other = store.meetings.create(poll.detail().meeting.committee_id,
                                      MeetingInput(title="Comité d’été"))
        store.meetings.add_slot(other.id, datetime(2027, 6, 15, 18, 0))
        store.meetings.open_poll(other.id)
        await wait_for(pilot, lambda: "📅 1 en attente" in painted_lines(app)[0], timeout=10)
        assert not any("ne répond pas" in message for message in told(app))  # a state, not news
        server.start()
        await wait_for(pilot, lambda: len(server.objects()) == 2, timeout=15)
        await wait_for(pilot, lambda: "📅" not in painted_lines(app)[0], timeout=5)

        # A colleague moves the meeting's room on the server; then comite changes it too.
        path = f"{CALENDAR}{uid}.ics"
        theirs = server.objects()[f"{uid}.ics"].replace(b"SUMMARY:", b"SUMMARY:[salle B] ")
        assert server.request("PUT", path, theirs, {"Content-Type": "text/calendar"})[0] in (201, 204)
        store.meetings.reschedule(poll.meeting_id, datetime(2027, 1, 12, 19, 0))
        await wait_for(pilot, lambda: "📅 1 conflit" in painted_lines(app)[0], timeout=10)
        assert server.objects()[f"{uid}.ics"] == theirs
        assert sum("quelqu’un d’autre" in message for message in told(app)) == 1

        app.push_screen(MeetingScreen(poll.meeting_id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        await wait_for(pilot, lambda: any(
            "Modifiée dans l’agenda partagé par quelqu’un d’autre : « k »" in line
            for line in painted_lines(app)))
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: b"[salle B]" not in server.objects()[f"{uid}.ics"], timeout=10)
        await wait_for(pilot, lambda: "📅" not in painted_lines(app)[0], timeout=5)
