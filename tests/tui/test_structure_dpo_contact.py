"""The structure form (« u » on the Comités section) takes the data-protection contact that the
answer to a right-of-access request prints: five lines are refused beside the field, four are
kept as typed."""

from textual.widgets import Static, TextArea

from comite.tui.dialogs.structure_form import StructureForm
from tests.tui.conftest import make_app, open_form, type_text, wait_for
from tests.tui.test_forms_keep_values_meetings import open_committees_on
from tests.tui.test_letterhead_flows import COMMITTEE, SIZE, structure_of

CONTACT = ("Délégué à la protection des données", "dpo@msp-tilleuls.example.org")


async def type_contact(pilot, lines: tuple[str, ...]) -> None:
    pilot.app.screen.query_one("#dpo_contact", TextArea).focus()
    await pilot.press("f7")  # everything selected, typed over
    for number, line in enumerate(lines):
        if number:
            await pilot.press("enter")
        await type_text(pilot, line)


def contact_error(pilot) -> str:
    field = pilot.app.screen.query_one("#field-dpo_contact")
    return str(field.query_one(".field-error", Static).content) if field.has_class("-invalid") else ""


async def test_the_coordinator_types_the_data_protection_contact(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, COMMITTEE)
        form = await open_form(pilot, "u", StructureForm)
        await type_contact(pilot, ("a", "b", "c", "d", "e"))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "quatre lignes" in contact_error(pilot))
        assert app.screen is form and structure_of(demo_store, COMMITTEE).dpo_contact == ""
        await type_contact(pilot, CONTACT)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is page)
    assert structure_of(demo_store, COMMITTEE).dpo_contact == "\n".join(CONTACT)
