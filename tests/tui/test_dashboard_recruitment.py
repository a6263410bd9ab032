"""The dashboard's « À suivre » for the people who engage: recruitment next steps overdue, mandates
and charters ending, the retention queue; Entrée opens where to act."""

from datetime import date, timedelta

import pytest
from textual.widgets import OptionList

from comite.tui.app import ComiteApp
from comite.tui.screens.dashboard import ALERT_DAYS, CHARTER_WINDOW_DAYS, DashboardScreen
from comite.usecases.settings import Settings
from tests.tui.conftest import TODAY, make_app, wait_for


def follow_list(app) -> OptionList:
    return app.screen.query_one("#follow", OptionList)


def lines(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def bold_yellow(options: OptionList, index: int) -> bool:
    return str(options.get_option_at_index(index).prompt.style) == "bold yellow"


async def wait_for_follow_up(pilot) -> OptionList:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen)
                   and pilot.app.screen.query("#follow")  # mounted after the first frame
                   and follow_list(pilot.app).option_count > 0)
    return follow_list(pilot.app)


async def open_line(pilot, options: OptionList, option_id: str) -> None:
    options.focus()
    options.highlighted = options.get_option_index(option_id)
    await pilot.press("enter")


def app_on(store, day: date) -> ComiteApp:
    return ComiteApp(store, settings=Settings(), today=day)


async def test_overdue_next_steps_and_the_retention_queue_are_alerts_before_the_conclusions(
        demo_store):
    overdue = demo_store.recruitment.overdue(TODAY)
    queue = demo_store.privacy.retention_queue(TODAY)
    assert overdue and queue, "the example has an overdue next step and a « non retenu » to purge"
    assert not demo_store.memberships.ending_within(ALERT_DAYS, TODAY)
    async with make_app(demo_store).run_test(size=(80, 24)) as pilot:
        options = await wait_for_follow_up(pilot)
        shown = lines(options)
        ids = [option.id for option in options.options]
        for candidate in overdue:
            index = ids.index(f"candidate-{candidate.id}")
            late = (TODAY - candidate.next_step_on).days
            assert shown[index].startswith(
                f"⚠ Recrutement en retard de {late} j : {candidate.person_name} — "
                f"{candidate.next_step[:10]}")
            assert bold_yellow(options, index)
        first = overdue[0]
        assert first.person_name == "Alain Dumont" and (TODAY - first.next_step_on).days == 10
        retention = ids.index("retention-0")
        assert shown[retention].rstrip() == "⚠ Conservation : 1 personne à examiner"
        assert bold_yellow(options, retention)
        conclusions = [i for i, option_id in enumerate(ids) if option_id.startswith("conclusion-")]
        assert conclusions and max(ids.index(f"candidate-{c.id}") for c in overdue) < retention \
            < min(conclusions), "the alerts come first"
        assert not any(option_id.startswith(("charter-", "person-")) for option_id in ids)
        # The mandates list below keeps its 90-day window.
        mandates = pilot.app.screen.query_one("#mandates", OptionList)
        assert mandates.option_count == len(demo_store.memberships.ending_within(90, TODAY)) > 0


async def test_enter_on_an_overdue_next_step_opens_the_candidate_page(demo_store):
    from comite.tui.screens.candidate import CandidateScreen

    candidate = demo_store.recruitment.overdue(TODAY)[0]
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await wait_for_follow_up(pilot)
        await open_line(pilot, options, f"candidate-{candidate.id}")
        await wait_for(pilot, lambda: isinstance(app.screen, CandidateScreen))
        assert app.screen.candidate_id == candidate.id
        await wait_for(pilot, lambda: app.screen.candidate is not None)
        assert app.screen.candidate.person_name == "Alain Dumont"


async def test_enter_on_the_retention_alert_opens_the_queue(demo_store):
    from comite.tui.screens import retention

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await wait_for_follow_up(pilot)
        await open_line(pilot, options, "retention-0")
        await wait_for(pilot, lambda: isinstance(app.screen, retention.RetentionScreen))


async def test_a_mandate_ending_within_30_days_is_an_alert_that_opens_the_person(demo_store):
    from comite.tui.screens.person import PersonScreen

    later = TODAY + timedelta(days=17)  # two mandates of the example end on the 44th day
    soon = demo_store.memberships.ending_within(ALERT_DAYS, later)
    assert soon and len(demo_store.memberships.ending_within(90, later)) > len(soon)
    app = app_on(demo_store, later)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await wait_for_follow_up(pilot)
        shown, ids = lines(options), [option.id for option in options.options]
        alerts = [i for i, option_id in enumerate(ids) if option_id.startswith("person-")]
        assert len(alerts) == len(soon)
        first = soon[0].membership
        index = ids.index(f"person-{first.person_id}-{first.id}")
        assert shown[index].startswith(
            f"⚠ Mandat qui se termine dans {soon[0].days_left} j "
            f"({first.mandate_end:%d/%m/%Y}) : {first.person_name} — ")
        assert bold_yellow(options, index)
        mandates = pilot.app.screen.query_one("#mandates", OptionList)
        assert mandates.option_count == len(demo_store.memberships.ending_within(90, later))
        await open_line(pilot, options, f"person-{first.person_id}-{first.id}")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert app.screen.person_id == first.person_id


@pytest.fixture
def with_charters(demo_store):
    from comite.usecases import paths
    from comite.usecases.demo import add_demo_charters

    add_demo_charters(demo_store, TODAY, paths.charter_templates_dir())
    return demo_store


async def test_a_charter_ending_within_90_days_is_listed_and_within_30_an_alert(with_charters):
    from comite.tui.screens.charter import CharterScreen

    signed = with_charters.charters.ending_within(3650, TODAY)[0].charter
    line_id = f"charter-{signed.person_id}-{signed.committee_id}"
    for days_left, alert in ((CHARTER_WINDOW_DAYS + 1, None), (CHARTER_WINDOW_DAYS - 30, False),
                             (ALERT_DAYS - 14, True)):
        day = signed.ends_on - timedelta(days=days_left)
        app = app_on(with_charters, day)
        async with app.run_test(size=(80, 24)) as pilot:
            options = await wait_for_follow_up(pilot)
            ids = [option.id for option in options.options]
            if alert is None:
                assert line_id not in ids, "beyond 90 days: not yet"
                continue
            index = ids.index(line_id)
            text = lines(options)[index]
            said = (f"Charte qui se termine dans {days_left} j ({signed.ends_on:%d/%m/%Y}) : "
                    f"{signed.person_name} — ")
            assert text.startswith(("⚠ " if alert else "  ") + said)
            assert bold_yellow(options, index) is alert
            if alert:
                conclusions = [i for i, option_id in enumerate(ids)
                               if option_id.startswith("conclusion-")]
                assert index < min(conclusions)
                await open_line(pilot, options, line_id)
                await wait_for(pilot, lambda: isinstance(pilot.app.screen, CharterScreen))
                assert (app.screen.person_id, app.screen.committee_id) == (
                    signed.person_id, signed.committee_id)
