"""A coordinator, by keyboard alone in 80×24: structure, committee, titulaire and suppléant."""

import pytest
from textual.widgets import DataTable, Input, Select

from comite.store.committee_models import Seat
from comite.tui.dialogs.committee_form import CommitteeForm
from comite.tui.dialogs.membership_form import MembershipForm
from comite.tui.dialogs.structure_form import StructureForm
from comite.tui.dialogs.welcome import WelcomeScreen
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.committees import CommitteesScreen
from comite.tui.textual_private import notifications
from tests.tui.conftest import choose, make_app, type_text, wait_for


def working_group(store):
    """The example's smallest committee, "Groupe de travail « accueil en salle d’attente »"."""
    return next(s.committee for s in store.committees.all() if "Groupe" in s.committee.name)


async def open_committee(pilot, committee_id: int) -> CommitteeScreen:
    pilot.app.push_screen(CommitteeScreen(committee_id))
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommitteeScreen))
    return pilot.app.screen


async def test_first_start_creates_structure_then_committee(empty_store):
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("enter")  # "Créer ma structure" has the focus
        await wait_for(pilot, lambda: isinstance(app.screen, StructureForm))
        await type_text(pilot, "MSP des Lilas")
        await choose(pilot, "kind", "Maison de santé")
        app.screen.query_one("#city", Input).focus()
        await type_text(pilot, "Montclar")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeForm))
        # The only structure is chosen already, so the name comes next.
        app.screen.query_one("#name", Input).focus()
        await type_text(pilot, "Comite des usagers")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[0]) == "Comite des usagers"
    [structure] = empty_store.structures.all()
    assert (structure.name, structure.kind.value, structure.city) == ("MSP des Lilas", "msp", "Montclar")
    [summary] = empty_store.committees.all()
    assert summary.committee.structure_id == structure.id


async def test_committee_form_without_structure_asks_for_one_first(empty_store):
    app = make_app(empty_store, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await wait_for(pilot, lambda: isinstance(app.screen, StructureForm))


async def add_member(pilot, letters: str, *, substitute_of: str | None = None) -> None:
    app = pilot.app
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, MembershipForm))
    await type_text(pilot, letters)
    results = app.screen.query_one("#person_id-results")
    await wait_for(pilot, lambda: results.option_count > 0)
    await pilot.press("enter", "enter")  # to the results, then pick the first
    await wait_for(pilot, lambda: app.screen.query_one("#person_id").form_value is not None)
    if substitute_of:
        await choose(pilot, "seat", "Suppléant")
        await choose(pilot, "substitute_for", substitute_of)
    app.screen.query_one("#mandate_start", Input).focus()
    await type_text(pilot, "01/01/2026")
    await pilot.press("tab")
    await type_text(pilot, "31/12/2028")
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))


async def test_add_titulaire_and_their_suppleant(demo_store):
    from comite.store import PersonInput

    titular = demo_store.people.create(PersonInput(last_name="Zorbach", first_name="Lise"))
    substitute = demo_store.people.create(PersonInput(last_name="Quenneville", first_name="Paul"))
    group = working_group(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_committee(pilot, group.id)
        await add_member(pilot, "zor")
        await add_member(pilot, "quen", substitute_of="Lise Zorbach")
        names = [str(app.screen.query_one(DataTable).get_row_at(i)[0])
                 for i in range(app.screen.query_one(DataTable).row_count)]
        assert "  ↳ Paul Quenneville" in names
        assert names.index("  ↳ Paul Quenneville") == names.index("Lise Zorbach") + 1
    members = {m.person_id: m for m in demo_store.memberships.of_committee(group.id)}
    assert members[titular.id].seat == Seat.TITULAR
    assert members[substitute.id].seat == Seat.SUBSTITUTE
    assert members[substitute.id].substitute_for == members[titular.id].id
    assert members[substitute.id].mandate_end.isoformat() == "2028-12-31"


async def test_mandate_ending_before_it_starts_is_refused_inline(demo_store):
    group = working_group(demo_store)
    before = demo_store.memberships.of_committee(group.id)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_committee(pilot, group.id)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, MembershipForm))
        start = app.screen.query_one("#mandate_start", Input)
        end = app.screen.query_one("#mandate_end", Input)
        start.value, end.value = "01/06/2026", "31/05/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MembershipForm), "the form stays open"
        error = app.screen.query_one("#field-mandate_end")
        assert error.has_class("-invalid")
        assert "avant son début" in str(error.query_one(".field-error").render())
        assert (start.value, end.value) == ("01/06/2026", "31/05/2026"), "what was typed stays"
        end.value = "31/02/2027"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "n’existe pas" in str(error.query_one(".field-error").render())
    assert demo_store.memberships.of_committee(group.id) == before


async def test_archive_then_show_archived(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
        table = app.screen.query_one(DataTable)
        first = str(table.get_row_at(0)[0])
        await pilot.press("a")
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("h")
        await pilot.pause()
        assert table.row_count == 3
        states = {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[4]) for i in range(3)}
        assert states[first] == "archivé"


async def test_an_archived_committee_says_why_its_members_cannot_change(demo_store):
    group = working_group(demo_store)
    demo_store.committees.set_archived(group.id, True)
    before = demo_store.memberships.of_committee(group.id)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_committee(pilot, group.id)
        for key in ("a", "e", "delete"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, CommitteeScreen), key
        assert any("archivé" in str(n.message) for n in notifications(app))
    assert demo_store.memberships.of_committee(group.id) == before


async def test_rename_a_structure_from_its_committee(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, StructureForm))
        name = app.screen.query_one("#name", Input)
        name.value = "Centre hospitalier de Valmont-sur-Loire"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
    names = {s.name for s in demo_store.structures.all()}
    assert "Centre hospitalier de Valmont-sur-Loire" in names


async def test_edit_the_committee_from_its_page(demo_store):
    from textual.widgets import TextArea

    group = working_group(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_committee(pilot, group.id)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeForm))
        app.screen.query_one("#description", TextArea).text = "Se réunit le mardi soir."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        await wait_for(pilot, lambda: "mardi soir" in str(app.screen.query_one("#about").render()))
    assert demo_store.committees.get(group.id).description == "Se réunit le mardi soir."


async def test_a_new_committee_form_starts_at_its_name_when_the_structure_is_known(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "u")
        await wait_for(pilot, lambda: isinstance(app.screen, StructureForm))
        assert app.focused.id == "name", "an edit form starts at its first field"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, StructureForm))
        await type_text(pilot, "Centre de santé des Lilas")
        app.screen.query_one("#kind", Select).value = "cds"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeForm))
        assert app.focused.id == "name", "the structure just created is chosen already"


async def ask_to_delete(pilot, committee_id: int) -> DataTable:
    """`Suppr` on that committee in the list: its question is open; the list is returned."""
    from comite.tui.dialogs.confirm import ConfirmScreen

    app = pilot.app
    await pilot.press("2")
    await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(str(committee_id)))
    await pilot.press("delete")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
    return table


async def test_deleting_a_committee_that_met_says_so_in_the_question_and_offers_to_archive(
        demo_store):

    cdu = next(s.committee for s in demo_store.committees.all() if s.committee.name == "Comité des usagers")
    meetings = demo_store.committees.meeting_count(cdu.id)
    assert meetings >= 2
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await ask_to_delete(pilot, cdu.id)
        question = app.screen
        said = question.title_text + "\n" + "\n".join(question.lines)
        assert "ne peut pas être supprimé" in said and f"{meetings} réunions" in said
        assert str(question.query_one("#yes").label) == "Archiver"
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
        assert not any(n.severity == "error" for n in notifications(app)), "no refusal after it"
        assert str(cdu.id) not in [str(k.value) for k in table.rows], "archived: off the list"
    assert demo_store.committees.get(cdu.id).archived
    assert demo_store.committees.meeting_count(cdu.id) == meetings


async def test_a_committee_that_never_met_is_deleted_after_the_question(demo_store):
    from comite.store import NotFound

    group = working_group(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask_to_delete(pilot, group.id)
        assert app.screen.title_text == f"Supprimer « {group.name} » ?"
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
    with pytest.raises(NotFound):
        demo_store.committees.get(group.id)
