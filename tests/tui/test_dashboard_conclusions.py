"""The dashboard's « À suivre »: minutes left as drafts, a CDU without its quarterly meeting,
the open conclusions by owner with the overdue ones first; Entrée opens where to act."""

from datetime import date, timedelta

from textual.widgets import DataTable, OptionList, Static

from comite.store.meeting_models import MeetingStatus
from comite.tui.app import ComiteApp
from comite.tui.screens.agenda import AgendaScreen
from comite.tui.screens.base import selected_id
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.dashboard import DashboardScreen
from comite.usecases.settings import Settings
from tests.tui.conftest import TODAY, make_app, wait_for


def follow_list(app) -> OptionList:
    return app.screen.query_one("#follow", OptionList)


def lines(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def wait_for_follow_up(pilot) -> OptionList:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen)
                   and pilot.app.screen.query("#follow")  # mounted after the first frame
                   and follow_list(pilot.app).option_count > 0)
    return follow_list(pilot.app)


async def test_stale_draft_first_then_overdue_conclusions_then_the_others(demo_store):
    held = next(m for m in demo_store.meetings.all() if m.title.endswith("bilan de l’année"))
    open_ones = [c for _owner, group in demo_store.conclusions.open_by_owner(TODAY) for c in group]
    late = [c for c in open_ones if c.overdue(TODAY)]
    assert late and len(late) < len(open_ones), "the example has overdue and on-time ones"
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await wait_for_follow_up(pilot)
        shown = lines(options)
        # The backups first (none here: no folder chosen), then the draft left too long.
        assert options.get_option_at_index(0).id == "backup-0"
        assert shown[0].startswith("⚠ Aucune sauvegarde : choisissez un dossier")
        assert shown[1].startswith("⚠ Compte rendu en brouillon (45 j) : " + held.title[:20])
        assert options.get_option_at_index(1).id == f"stale-{held.id}"
        conclusions = [option.id for option in options.options if option.id.startswith("conclusion-")]
        assert conclusions[:len(late)] == [f"conclusion-{c.id}" for c in late], "overdue first"
        assert sorted(conclusions) == sorted(f"conclusion-{c.id}" for c in open_ones)
        index = options.get_option_index(conclusions[0])  # after the alerts
        # Right above them, their column names, a row the cursor does not stop on…
        header = options.get_option_at_index(index - 1)
        assert header.disabled and shown[index - 1].split()[:3] == [
            "Responsable", "Échéance", "Conclusion"]
        # …and before, the alerts (« ⚠ »), then what to prepare (« → », a CDU's reminders).
        before = [line[:2] for line in shown[:index - 1]]
        assert before == sorted(before, key=lambda mark: mark != "⚠ ")
        assert set(before) == {"⚠ ", "→ "}
        first = shown[index]
        assert first.startswith(late[0].owner_name) and late[0].due_on.strftime("%d/%m/%Y") in first
        assert "red" in str(options.get_option_at_index(index).prompt.spans[1].style)
        title = str(app.screen.query_one("#follow-title", Static).render())
        assert f"{len(open_ones)} conclusions ouvertes, dont {len(late)} en retard" in title


async def test_enter_on_a_conclusion_opens_the_agenda_of_the_meeting_that_carries_it(demo_store):
    following = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.POLL)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await wait_for_follow_up(pilot)
        options.focus()
        first = next(o.id for o in options.options if o.id.startswith("conclusion-"))
        options.highlighted = options.get_option_index(first)  # the overdue conclusion
        conclusion_id = int(first.split("-")[1])
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.agenda)
        assert app.screen.meeting_id == following.id
        assert any(c.conclusion.id == conclusion_id for c in app.screen.agenda.carried)
        carried = app.screen.query_one("#carried", DataTable)
        assert app.screen.focused is carried
        assert selected_id(carried) == conclusion_id, "the cursor is on that conclusion"


async def test_enter_on_a_stale_draft_opens_its_minutes(demo_store):
    from comite.tui.screens.minutes import MinutesScreen

    held = next(m for m in demo_store.meetings.all() if m.title.endswith("bilan de l’année"))
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await wait_for_follow_up(pilot)
        options.focus()
        options.highlighted = options.get_option_index(f"stale-{held.id}")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        assert app.screen.meeting_id == held.id


async def test_a_cdu_without_a_meeting_held_last_quarter_is_warned(demo_store):
    # Spring 2027: the CDU (created before 2027) held nothing from January to March.
    later = date(2027, 4, 12)
    assert TODAY + timedelta(days=100) < later
    app = ComiteApp(demo_store, settings=Settings(), today=later)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await wait_for_follow_up(pilot)
        shown = lines(options)
        index = next(i for i, line in enumerate(shown) if "trimestre" in line)
        assert shown[index].startswith("⚠ Commission des usagers (CDU) : aucune réunion tenue "
                                       "au 1er trimestre 2027")
        options.focus()
        options.highlighted = index
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        assert demo_store.committees.get(app.screen.committee_id).kind.value == "cdu"
    app = make_app(demo_store)  # in November, the CDU was created this quarter: no warning
    async with app.run_test(size=(80, 24)) as pilot:
        options = await wait_for_follow_up(pilot)
        assert not any("trimestre" in line for line in lines(options))
