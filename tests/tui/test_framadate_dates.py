"""« i » on a meeting's page with a Framadate export whose dates read both day first and month
first: the app asks, in French, showing both readings, and imports in the order chosen."""

from datetime import datetime

from textual.widgets import Select

from comite.store.meeting_models import Answer
from comite.tui.dialogs.framadate import FramadateDateOrder, FramadateNames
from comite.tui.screens.meeting import MeetingScreen
from tests.sync.conftest import make_poll
from tests.sync.framadate_files import framadate_csv
from tests.tui.conftest import give_framadate_export, make_app, wait_for

WINTER = {"deux-janvier": (datetime(2027, 1, 2, 18, 0), ""),
          "premier-fevrier": (datetime(2027, 2, 1, 18, 0), "")}


async def test_open_dates_are_asked_for_then_imported_in_the_order_chosen(empty_store, tmp_path):
    poll = make_poll(empty_store, "Comité d’hiver", WINTER)
    export = tmp_path / "sondage.csv"
    # Only « No », which English (month first) shares with Spanish (day first).
    export.write_bytes(framadate_csv(["1/2/27", "2/1/27"], ["18h", "18h"], [
        ("Jeanne Dupont", ["No", ""]), ("Pierre Martin", ["", "No"])]))
    app = make_app(empty_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await give_framadate_export(pilot, poll.meeting_id, export)
        assert isinstance(app.screen, FramadateDateOrder)
        order = app.screen.query_one("#order", Select)
        hint = app.screen.query_one("#field-order").hint
        assert "« 1/2/27 » : 1er février 2027 ou 2 janvier 2027" in hint
        assert "« 2/1/27 » : 2 janvier 2027 ou 1er février 2027" in hint
        assert "Lues le jour d’abord, 2 colonnes sur 2 tombent sur un créneau" in hint

        await pilot.press("ctrl+s")  # nothing chosen yet: asked again, nothing read
        assert isinstance(app.screen, FramadateDateOrder)
        order.value = "month_first"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, FramadateNames))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
    assert poll.answer("Jeanne", "deux-janvier") is Answer.NO
    assert poll.answer("Jeanne", "premier-fevrier") is None
    assert poll.answer("Pierre", "premier-fevrier") is Answer.NO
