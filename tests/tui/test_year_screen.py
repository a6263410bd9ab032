"""« Bilan »: from a committee's page, `b` opens its year in figures — the same figures as the
store's, a sparkline of each held meeting's presence; `-` and `+` move by a year."""

from textual.widgets import Sparkline

from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.year import YearScreen
from comite.tui.textual_private import painted_lines
from tests.tui.conftest import TODAY, make_app, told, wait_for


def committee_with_meetings(store) -> int:
    """The example's comité des usagers: the committee whose year has held meetings."""
    return max(store.committees.all(), key=lambda s: len(store.meetings.all(s.committee.id))
               ).committee.id


async def test_b_opens_the_year_with_the_stores_figures_and_moves_by_year(demo_store):
    committee_id = committee_with_meetings(demo_store)
    figures = demo_store.year.figures(committee_id, TODAY.year, TODAY)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CommitteeScreen(committee_id))
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, YearScreen))
        screen = app.screen
        assert f"Bilan {TODAY.year} — {figures.committee_name}" in painted_lines(app)[1]
        text = "\n".join(painted_lines(app))
        held = figures.meetings.held
        assert f"{held} réunion{'s' if held > 1 else ''} tenue" in text
        assert screen.query_one(Sparkline).data == [meeting.present for meeting in figures.held]
        await pilot.press("minus")
        await wait_for(pilot, lambda: f"Bilan {TODAY.year - 1}" in painted_lines(app)[1])
        await pilot.press("plus")
        await wait_for(pilot, lambda: f"Bilan {TODAY.year}" in painted_lines(app)[1])
        await pilot.press("x")
        folder = app.settings.folder("exports")
        await wait_for(pilot, lambda: sorted(path.suffix for path in folder.glob("bilan-*"))
                       == [".csv", ".pdf"], timeout=15)
        assert any("Bilan" in message and ".pdf" in message for message in told(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
