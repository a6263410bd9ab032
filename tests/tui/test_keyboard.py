"""The keyboard model (docs/ARCHITECTURE.md, « tui/ »), by keyboard at 80×24 on the example data:
a list screen opens with the focus on its list, « / » goes to the search, letters and digits are
commands whenever the focus is not in a text field, Échap leaves a text field (and only then
goes back), Entrée in a search takes the first match, an empty list is no Tab stop, and a picker
or an import has the focus in the field one types into."""

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList

from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.file_picker import FilePicker
from comite.tui.dialogs.membership_form import MembershipForm
from comite.tui.dialogs.person_form import PersonForm
from comite.tui.screens.charter import CharterScreen
from comite.tui.screens.charters import ChartersScreen
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.committees import CommitteesScreen
from comite.tui.screens.dashboard import DashboardScreen
from comite.tui.screens.people import PeopleScreen
from comite.tui.screens.person import PersonScreen
from comite.tui.screens.recruitment import RecruitmentScreen
from comite.tui.textual_private import notifications
from comite.tui.widgets.key_bar import KeyBar
from comite.tui.widgets.lists import ChoiceList
from comite.tui.widgets.person_picker import PersonPicker
from tests.tui.conftest import make_app, type_text, wait_for

DATA = Path(__file__).parents[1] / "data"


def names(app) -> list[str]:
    table = app.screen.query_one("#people", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def key_bar(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def open_people(pilot) -> PeopleScreen:
    await pilot.press("3")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PeopleScreen)
                   and pilot.app.screen.page is not None)
    await pilot.pause()
    return pilot.app.screen


# ---- Personnes: the list first, the search on demand ------------------------------------------

async def test_people_opens_on_the_list_and_n_makes_a_person_as_the_screen_says(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        people = await open_people(pilot)
        assert app.focused is people.query_one("#people"), "the list has the focus, not the search"
        assert "/ Rechercher" in key_bar(app) and "n Nouvelle" in key_bar(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        assert people.query_one("#search", Input).value == "", "« n » was not typed in the search"


async def test_an_empty_people_list_says_n_and_n_does_it(empty_store):
    app = make_app(empty_store, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        people = await open_people(pilot)
        assert "« n »" in str(people.query_one("#status").render())
        assert app.focused is None, "neither the empty list nor the search takes the keys"
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))


async def test_back_from_a_person_made_during_a_search_the_digits_switch_sections(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        people = await open_people(pilot)
        await pilot.press("slash")
        await type_text(pilot, "zut")
        await pilot.press("ctrl+n")  # « Ctrl+N crée une fiche même pendant une recherche »
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        await type_text(pilot, "Zutman")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is people)
        await pilot.pause()
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
        assert people.query_one("#search", Input).value == "zut", "« 2 » was not typed"


async def test_escape_in_the_search_goes_to_the_list_and_leaves_nothing(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        people = await open_people(pilot)
        await pilot.press("slash")
        assert app.focused is people.query_one("#search")
        bar = key_bar(app)
        assert "Échap Liste" in bar and "Entrée 1re fiche" in bar, "the footer says how to leave"
        await type_text(pilot, "ma")
        await pilot.press("escape")
        assert app.focused is people.query_one("#people")
        assert "/ Rechercher" in key_bar(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is people, "Échap on a section's own list closes nothing"
        assert people.query_one("#search", Input).value == "ma", "the search stays as typed"
        await pilot.press("4")
        await wait_for(pilot, lambda: not isinstance(app.screen, PeopleScreen))


async def test_enter_in_the_search_opens_the_first_person_found(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        people = await open_people(pilot)
        await pilot.press("slash")
        await type_text(pilot, "mar")
        await pilot.press("enter")  # at once: before the search has answered
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        opened = app.screen.person_id
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is people)
        table = people.query_one("#people", DataTable)
        assert app.focused is table, "back on the list, where letters are commands"
        assert int(table.coordinate_to_cell_key((0, 0)).row_key.value) == opened, \
            "the one opened is the first of the list"


async def test_a_search_without_match_leaves_no_trap(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        people = await open_people(pilot)
        await pilot.press("slash")
        await type_text(pilot, "zzq")
        await wait_for(pilot, lambda: people.shown_text == "zzq" and names(app) == [])
        await pilot.press("enter")  # nothing to open: the line above says so
        await pilot.press("tab")
        assert app.focused is not people.query_one("#people"), "an empty list is no Tab stop"
        await pilot.press("escape")
        assert app.focused is None, "out of the search, nothing to type into"
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))


# ---- the section keys ------------------------------------------------------------------------

async def test_the_key_of_the_section_one_is_in_goes_back_to_its_list(demo_store):
    member = demo_store.memberships.of_committee(2)[0].person_id
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        people = await open_people(pilot)
        app.push_screen(PersonScreen(member))
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        await pilot.press("enter")  # on to the committee of the first row
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        await pilot.press("3")
        await wait_for(pilot, lambda: app.screen is people)
        await pilot.press("1", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))


async def test_leaving_typed_values_by_the_section_key_asks_first(demo_store):
    e = next(e for e in demo_store.charters.engagements() if e.charter_id is None)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartersScreen))
        app.push_screen(CharterScreen(e.person_id, e.committee_id))
        await wait_for(pilot, lambda: isinstance(app.screen, CharterScreen))
        await pilot.pause(0.3)
        charter = app.screen
        assert isinstance(app.focused, Input), "a charter to write opens in its first empty field"
        assert "Échap Aperçu" in key_bar(app), "the footer says how to leave the field"
        await type_text(pilot, "Lyon")
        await pilot.press("escape")  # out of the field, to the preview: the page stays
        assert app.screen is charter and not isinstance(app.focused, Input)
        await pilot.press("5")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # « Revenir à la saisie » has the focus
        await wait_for(pilot, lambda: app.screen is charter)
        await pilot.press("escape")  # from the preview, Échap goes back, asking as before
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))


# ---- the person picker: Entrée takes the first one found ----------------------------------------

async def open_member_form(pilot) -> MembershipForm:
    app = pilot.app
    app.push_screen(CommitteeScreen(1))
    await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
    await pilot.press("a")
    await wait_for(pilot, lambda: isinstance(app.screen, MembershipForm))
    return app.screen


async def test_enter_in_the_member_search_picks_the_first_found(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_member_form(pilot)
        picker = form.query_one(PersonPicker)
        assert app.focused is picker.query_one(Input)
        await type_text(pilot, "mar")
        await pilot.press("enter")  # at once, as a coordinator types: the results come after
        await wait_for(pilot, lambda: picker.form_value is not None)
        first = picker.query_one(ChoiceList).get_option_at_index(0)
        assert picker.form_value == int(first.id)
        assert app.focused is form.query_one("#seat"), "on to the next field"


async def test_an_empty_result_list_is_no_tab_stop(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_member_form(pilot)
        picker = form.query_one(PersonPicker)
        await pilot.press("tab")
        assert app.focused is form.query_one("#seat"), "the empty list of results is skipped"
        picker.focus()
        await type_text(pilot, "zzq")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("Personne ne correspond à « zzq »" in str(n.message)
                                          for n in notifications(app)))
        assert picker.form_value is None
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "mar")
        results = picker.query_one(ChoiceList)
        await wait_for(pilot, lambda: results.option_count > 0)
        await pilot.press("tab")
        assert app.focused is results, "filled, the list is a Tab stop again"


# ---- the file picker: the path first ------------------------------------------------------------

async def test_the_csv_import_takes_a_path_typed_at_once(demo_store):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await wait_for(pilot, lambda: isinstance(app.screen, RecruitmentScreen))
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker))
        assert isinstance(app.focused, Input)
        await type_text(pilot, str(DATA / "candidats" / "candidats-excel.csv"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(str(n.message).startswith("Import :")
                                          for n in notifications(app)), timeout=15)


async def test_the_dashboards_empty_lists_are_no_tab_stops(empty_store):
    app = make_app(empty_store, welcome=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.pause(0.2)
        lists = list(app.screen.query(OptionList))
        assert lists and all(choices.option_count == 0 for choices in lists)
        for _ in range(len(lists) + 1):
            await pilot.press("tab")
            assert app.focused not in lists, "Tab never stops where nothing can be chosen"
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
