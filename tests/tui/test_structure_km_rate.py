"""The structure form (« u » on the Comités section) takes the rate per km paid to the users who
engage: a wrong one is refused beside the field, a right one kept in thousandths, and what the
form did not change stays as it was."""

from textual.widgets import Input

from comite.tui.dialogs.structure_form import StructureForm
from tests.tui.conftest import make_app, open_form, retype, wait_for
from tests.tui.test_forms_keep_values_meetings import open_committees_on
from tests.tui.test_letterhead_flows import COMMITTEE, SIZE, structure_of


async def test_the_coordinator_sets_the_rate_per_km(demo_store):
    before = structure_of(demo_store, COMMITTEE)
    example_rate = demo_store.structures.km_rate_mills(before.id)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, COMMITTEE)
        form = await open_form(pilot, "u", StructureForm)
        await retype(pilot, "km_rate_mills", "6")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form.query_one("#field-km_rate_mills").has_class("-invalid"))
        assert app.screen is form
        assert demo_store.structures.km_rate_mills(before.id) == example_rate != 321
        await retype(pilot, "km_rate_mills", "0,321")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is page)
        assert demo_store.structures.km_rate_mills(before.id) == 321
        assert structure_of(demo_store, COMMITTEE) == before
        # Opened again, the form shows the rate as typed, and saving it unchanged keeps it.
        form = await open_form(pilot, "u", StructureForm)
        assert form.query_one("#km_rate_mills", Input).value == "0,321"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is page)
    assert demo_store.structures.km_rate_mills(before.id) == 321
