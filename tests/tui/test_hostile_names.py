"""Names are data: brackets, tags and braces show as typed on every screen, nothing breaks."""

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable

from comite.store import MembershipInput, PersonInput
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.people import PeopleScreen
from comite.tui.screens.person import PersonScreen
from tests.tui.conftest import make_app, type_text, wait_for

HOSTILE_NAMES = (Path(__file__).resolve().parents[1] / "data" / "hostile" / "names.txt").read_text(
    encoding="utf-8").splitlines()


def cells(table: DataTable) -> list[str]:
    return [str(cell) for i in range(table.row_count) for cell in table.get_row_at(i)]


@pytest.mark.parametrize("last_name", HOSTILE_NAMES)
async def test_hostile_name_on_every_screen(demo_store, last_name):
    person = demo_store.people.create(PersonInput(last_name=last_name, first_name="Zoé",
                                                  note="[red]note[/red]"))
    cdu = next(s.committee for s in demo_store.committees.all() if s.committee.kind == "cdu")
    demo_store.memberships.add(cdu.id, person.id, MembershipInput())
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen))
        await pilot.press("slash")
        await type_text(pilot, "zoé")
        await wait_for(pilot, lambda: app.screen.page is not None and app.screen.query_text == "zoé")
        assert f"Zoé {last_name}" in cells(app.screen.query_one(DataTable))
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert str(app.screen.query_one("#title").render()) == f"Zoé {last_name}"
        assert "Note : [red]note[/red]" in str(app.screen.query_one("#details").render())
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        assert f"Zoé {last_name}" in cells(app.screen.query_one(DataTable))
        await pilot.press("escape", "delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert last_name in str(app.screen.query_one(".form-title").render())
        await pilot.press("escape", "ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, "zoé")
        await wait_for(pilot, lambda: app.screen.query_one("CommandList").option_count > 0)
        await pilot.pause(0.2)
        assert app.return_code is None, "the app is still running"
