"""What the key screens look like at 80×24, on the example data at a fixed date.

Update after an intended change with: .venv/bin/python -m pytest tests/tui/test_snapshots.py
--snapshot-update, then look at the new SVGs in tests/tui/__snapshots__/.
"""

from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.person import PersonScreen
from tests.tui.conftest import make_app, type_text, wait_for


def test_dashboard(snap_compare, demo_store):
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24))


def test_committee(snap_compare, demo_store):
    async def open_cdu(pilot):
        pilot.app.push_screen(CommitteeScreen(2))
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommitteeScreen))

    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=open_cdu)


def test_people_list(snap_compare, demo_store):
    async def search(pilot):
        await pilot.press("3", "slash")
        await type_text(pilot, "ma")
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "page", None) is not None
                       and pilot.app.screen.query_text == "ma")
        await pilot.press("down")

    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=search)


def test_person_page(snap_compare, demo_store):
    async def open_person(pilot):
        pilot.app.push_screen(PersonScreen(2))
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PersonScreen)
                       and pilot.app.screen.memberships)
        await pilot.pause()

    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=open_person)


def test_meeting_grid(snap_compare, demo_store):
    from comite.tui.screens.meeting import MeetingScreen

    poll = next(m for m in demo_store.meetings.all() if m.status.value == "poll")

    async def open_poll(pilot):
        pilot.app.push_screen(MeetingScreen(poll.id))
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen)
                       and pilot.app.screen.detail is not None)
        await pilot.pause()

    assert snap_compare(make_app(demo_store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=open_poll)


def test_agenda(snap_compare, demo_store):
    """The next meeting's agenda: the conclusions carried from the held one, then its items."""
    from comite.tui.screens.agenda import AgendaScreen

    following = next(m for m in demo_store.meetings.all() if m.status.value == "poll")

    async def open_agenda(pilot):
        pilot.app.push_screen(AgendaScreen(following.id))
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, AgendaScreen)
                       and pilot.app.screen.agenda is not None)
        await pilot.press("down")  # the overdue one: its full text below
        await pilot.pause()

    assert snap_compare(make_app(demo_store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=open_agenda)
