"""Every screen not pictured elsewhere, at 80×24, on the example data at a fixed date: the lists
of the sections, a committee that is no CDU, the retention queue, the inbox, a committee's
criteria, a person's « Parcours », the help, the settings, a form, a confirmation, the welcome
and the example data's banner. (The others: test_snapshots.py, test_snapshots_minutes.py,
test_charter_snapshots.py, test_privacy_snapshots.py, test_recruitment_snapshots.py,
test_sitting_snapshots.py.)

Times the store writes with the clock (a reply or a file received) are stopped, so the pictures
do not change with the day the tests run. Update after an intended change with:
.venv/bin/python -m pytest tests/tui/test_snapshots_screens.py --snapshot-update, then look at
the new SVGs in tests/tui/__snapshots__/.
"""

import sys

import pytest
from textual.widgets import DataTable

from comite.kernel import clock
from comite.store import open_store
from comite.store.committee_models import CommitteeKind
from comite.store.demo import fill_small
from comite.usecases.settings import Settings
from tests.tui.conftest import TODAY, make_app, wait_for

STILL = "2026-11-20T08:30:00+00:00"
SIZE = (80, 24)


@pytest.fixture
def still_store(tmp_path, monkeypatch):
    """The example data, every `utc_now_iso` of the store stopped at one instant."""
    monkeypatch.setattr(clock, "utc_now_iso", lambda: STILL)
    for name, module in list(sys.modules.items()):
        if name.startswith("comite.store") and hasattr(module, "utc_now_iso"):
            monkeypatch.setattr(module, "utc_now_iso", lambda: STILL)
    store = open_store(tmp_path / "comite.sqlite")
    fill_small(store, TODAY)
    yield store
    store.close()


async def settled(pilot, screen_type: type, *, ready=lambda screen: True) -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type)
                   and ready(pilot.app.screen))
    await pilot.pause()


def plain_committee(store):
    """The committee that is no CDU and names who designated its members."""
    return next(s.committee for s in store.committees.all()
                if s.committee.kind is CommitteeKind.USERS_COMMITTEE)


def test_committees_list(snap_compare, still_store):
    from comite.tui.screens.committees import CommitteesScreen

    async def run(pilot):
        await pilot.press("2")
        await settled(pilot, CommitteesScreen)

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)


def test_committee_with_who_designated_each_member(snap_compare, still_store):
    from comite.tui.screens.committee import CommitteeScreen

    committee = plain_committee(still_store)

    async def run(pilot):
        pilot.app.push_screen(CommitteeScreen(committee.id))
        await settled(pilot, CommitteeScreen, ready=lambda s: s.members)

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)


def test_meetings_list(snap_compare, still_store):
    from comite.tui.screens.meetings import MeetingsScreen

    async def run(pilot):
        await pilot.press("4")
        await settled(pilot, MeetingsScreen, ready=lambda s: s.meetings)

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)


def test_inbox(snap_compare, still_store):
    from comite.tui.screens.inbox import InboxScreen

    still_store.inbox.remember("ab" * 32, "reponse-de-quelqu-un.ics", 812, "quarantined",
                               "Fichier illisible : le calendrier est tronqué avant sa fin.")

    async def run(pilot):
        await pilot.press("4", "b")
        await settled(pilot, InboxScreen, ready=lambda s: s.query("#files")
                      and s.query_one("#files", DataTable).row_count)

    settings = Settings(inbox="/srv/comite/boite-de-reception")  # not the test's own, nor ~
    assert snap_compare(make_app(still_store, watch_inbox=False, settings=settings),
                        terminal_size=SIZE, run_before=run)


def test_retention_queue(snap_compare, still_store):
    from comite.tui.screens.retention import RetentionScreen

    async def run(pilot):
        pilot.app.push_screen(RetentionScreen())
        await settled(pilot, RetentionScreen, ready=lambda s: s.cases)

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)


def test_criteria(snap_compare, still_store):
    from comite.tui.screens.criteria import CriteriaScreen

    committee = plain_committee(still_store)

    async def run(pilot):
        pilot.app.push_screen(CriteriaScreen(committee.id, section="committees"))
        await settled(pilot, CriteriaScreen, ready=lambda s: s.query(DataTable)
                      and s.query_one(DataTable).row_count)

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)


def test_person_journey(snap_compare, still_store):
    from comite.tui.screens.person import PersonScreen

    candidate = still_store.recruitment.overdue(TODAY)[0]

    async def run(pilot):
        pilot.app.push_screen(PersonScreen(candidate.person_id))
        await settled(pilot, PersonScreen)
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)


def test_help_of_a_committee(snap_compare, still_store):
    """The longest help: every action whole, wrapped beside its key."""
    from comite.tui.dialogs.help import HelpScreen
    from comite.tui.screens.committee import CommitteeScreen

    committee = plain_committee(still_store)

    async def run(pilot):
        pilot.app.push_screen(CommitteeScreen(committee.id))
        await settled(pilot, CommitteeScreen, ready=lambda s: s.members)
        await pilot.press("f1")
        await settled(pilot, HelpScreen)
        await pilot.press("pagedown")  # past the page's text, down to its keys
        await pilot.pause()

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)


def test_settings_form(snap_compare, still_store, isolated_folders, monkeypatch):
    from comite.tui.dialogs.settings_form import SettingsForm

    monkeypatch.setenv("HOME", str(isolated_folders))  # the default folders read « ~/… »

    settings = Settings(coordinator_name="Claire Coordination",
                        coordinator_email="coordination@example.org",
                        inbox="~/comite/boite-de-reception", outbox="~/comite/boite-d-envoi",
                        exports="~/comite/exports", backup_folder="~/comite/sauvegardes")

    async def run(pilot):
        await pilot.press("f2")
        await settled(pilot, SettingsForm)
        pilot.app.screen.set_focus(None)  # no text cursor, drawn or not as it blinks

    assert snap_compare(make_app(still_store, watch_inbox=False, settings=settings),
                        terminal_size=SIZE, run_before=run)


def test_person_form(snap_compare, still_store):
    from comite.tui.dialogs.person_form import PersonForm

    async def run(pilot):
        pilot.app.push_screen(PersonForm())
        await settled(pilot, PersonForm)
        pilot.app.screen.set_focus(None)

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)


def test_confirmation(snap_compare, still_store):
    from comite.tui.dialogs.confirm import ConfirmScreen
    from comite.tui.screens.committee import CommitteeScreen

    committee = plain_committee(still_store)

    async def run(pilot):
        pilot.app.push_screen(CommitteeScreen(committee.id))
        await settled(pilot, CommitteeScreen, ready=lambda s: s.members)
        await pilot.press("delete")
        await settled(pilot, ConfirmScreen)

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)


def test_welcome(snap_compare, empty_store):
    from comite.tui.dialogs.welcome import WelcomeScreen

    async def run(pilot):
        await settled(pilot, WelcomeScreen)

    assert snap_compare(make_app(empty_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)


def test_example_data_keeps_the_sections_names(snap_compare, empty_store, monkeypatch):
    """The example's banner « exemple · F4 » beside the six sections, their names whole."""
    from comite.tui.dialogs.welcome import WelcomeScreen
    from comite.tui.screens.dashboard import DashboardScreen

    monkeypatch.setattr(clock, "utc_now_iso", lambda: STILL)

    async def run(pilot):
        await settled(pilot, WelcomeScreen)
        await pilot.press("down", "enter")  # « Découvrir avec l’exemple »
        await settled(pilot, DashboardScreen, ready=lambda s: s.query("#follow")
                      and s.query_one("#committees").option_count)
        await pilot.press("6")
        # The toast that says where the example lives names a folder of the test's own.
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(empty_store, watch_inbox=False), terminal_size=SIZE,
                        run_before=run)
