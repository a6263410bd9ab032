"""The shell around the sections: help, palette, settings, example data, safe crash report."""

import tomllib

from textual.command import CommandPalette
from textual.widgets import Input

from comite.tui.dialogs.help import HelpScreen
from comite.tui.dialogs.settings_form import SettingsForm
from comite.tui.dialogs.welcome import WelcomeScreen
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.dashboard import DashboardScreen
from comite.tui.screens.person import PersonScreen
from comite.tui.textual_private import notifications, painted_lines
from comite.tui.widgets.section_bar import SECTIONS
from comite.usecases import paths, settings
from tests.tui.conftest import make_app, painted, type_text, wait_for


async def test_f1_lists_the_keys_of_the_screen_below(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = [command.help for command in app.screen.shown]
        assert "Archiver ou réactiver le comité sélectionné" in keys
        assert "Afficher l’aide et les touches" in keys
        await pilot.press("escape")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_f1_at_80_columns_shows_every_action_whole_wrapped_under_itself(demo_store):
    """A committee's page has the longest actions: each reads whole, wrapped, as the help
    scrolls down a row at a time (once cut at the table's edge: « Composition du comité (r »)."""
    from comite.tui import commands

    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(CommitteeScreen(2))
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = app.screen.shown
        dialog = app.screen.query_one(".dialog")
        await pilot.pause()
        seen = [painted(app, dialog)]
        while len(seen) < 60:
            await pilot.press("down")  # the arrows scroll the help at once: nothing to Tab to
            await pilot.pause()
            if (now := painted(app, dialog)) == seen[-1]:
                break
            seen.append(now)
        assert len(shown) > len(commands.GLOBAL)  # the page's own keys, then the app's
        for command in shown:
            line = f"{command.shown_keys} {' '.join(command.help.split())}"
            assert any(line in text for text in seen), line


async def test_f1_names_each_action_once_and_only_the_f4_that_acts_here(demo_store):
    """The dashboard shows « Comités » in its footer and the app has it as « 2 »: F1 said it
    twice, and F4 twice (open the example, leave it) where only one of them acts."""
    from comite.tui import commands

    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        actions = [command.action for command in app.screen.shown]
        assert len(actions) == len(set(actions))
        assert commands.OPEN_EXAMPLE in app.screen.shown
        assert commands.LEAVE_EXAMPLE not in app.screen.shown
        assert [c.shown_keys for c in app.screen.shown].count("F4") == 1


async def test_palette_finds_a_person_and_opens_their_page(demo_store):
    person = demo_store.people.get(5)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, person.last_name[:4] + " " + person.first_name[:3])
        await wait_for(pilot, lambda: any(
            person.full_name in str(o.prompt) for o in app.screen.query_one("CommandList").options))
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert app.screen.person_id == person.id


async def test_palette_runs_a_screen_command(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, "Comités")
        await wait_for(pilot, lambda: app.screen.query_one("CommandList").option_count > 0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current_mode == "committees")


async def test_settings_are_saved_as_toml_and_bad_ones_refused(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsForm))
        await type_text(pilot, "Claire Coordination")
        await pilot.press("tab", "tab")  # past « Votre fonction »
        await type_text(pilot, "coordination@example.org")
        zone = app.screen.query_one("#timezone", Input)
        zone.value = "Europe/Pariss"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsForm)
        assert app.screen.query_one("#field-timezone").has_class("-invalid")
        assert not settings.settings_file().exists()
        zone.value = "America/Cayenne"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsForm))
    saved = tomllib.loads(settings.settings_file().read_text(encoding="utf-8"))
    assert saved["coordinator_email"] == "coordination@example.org"
    assert saved["timezone"] == "America/Cayenne"
    assert settings.load()[0].coordinator_name == "Claire Coordination"


async def test_example_data_opens_apart_from_the_real_database(empty_store):
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("down", "enter")  # "Découvrir avec l’exemple"
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await wait_for(pilot, lambda: app.screen.query_one("#committees").option_count == 3)
        assert app.store.path == paths.example_db()
        await pilot.pause()
        bar = painted_lines(app)[0]
        assert "exemple · F4" in bar, "the section bar says so"
        # …and keeps the names of the sections at 80 columns (once « 1  2  3 Personnes  4  5  6 »).
        assert all(f"{key} {label}" in bar for _section, key, label in SECTIONS), bar
        for key, section in (("2", "committees"), ("6", "recruitment")):
            await pilot.press(key)
            await wait_for(pilot, lambda section=section: app.current_mode == section)
            await pilot.pause()
            bar = painted_lines(app)[0]
            assert all(f"{key} {label}" in bar for _section, key, label in SECTIONS), bar
            assert "exemple · F4" in bar
    assert empty_store.path != paths.example_db()
    from comite.store import open_store

    real = open_store(empty_store.path)
    assert real.is_empty(), "the example never lands in the coordinator's own database"
    real.close()


async def test_dashboard_enter_opens_the_committee(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))


async def test_ctrl_q_quits_at_once_when_nothing_is_typed(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0, "the app has exited"


async def test_number_keys_move_between_sections_and_back(demo_store):
    from comite.tui.screens.committees import CommitteesScreen
    from comite.tui.screens.people import PeopleScreen

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        for key, screen in (("2", CommitteesScreen), ("1", DashboardScreen),
                            ("3", PeopleScreen), ("1", DashboardScreen)):
            await pilot.press(key)
            await wait_for(pilot, lambda screen=screen: isinstance(app.screen, screen))


async def test_palette_and_theme_picker_speak_french(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("ctrl+p", "f3"):
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
            placeholder = app.screen.query_one(Input).placeholder
            assert "Search" not in placeholder and "…" in placeholder
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))


async def test_f4_leaves_the_example_for_the_real_data(empty_store):
    from comite.store import PersonInput, open_store
    from comite.tui.screens.people import PeopleScreen

    real_path = empty_store.path
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.store.path == paths.example_db())
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen)
                       and app.screen.page is not None and app.screen.page.total == 40)
        await pilot.press("f4")
        await wait_for(pilot, lambda: app.store.path == real_path)
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen)), "still empty"
        await pilot.press("escape")  # « Plus tard »
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen)
                       and app.screen.page is not None and app.screen.page.total == 0)
        app.store.people.create(PersonInput(last_name="Réelle"))
    real = open_store(real_path)
    assert real.people.count() == 1
    real.close()


async def test_an_unusable_example_file_is_explained_not_fatal(empty_store):
    paths.example_db().parent.mkdir(parents=True, exist_ok=True)
    paths.example_db().write_text("pas une base", encoding="utf-8")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: any(
            "Impossible d’utiliser" in str(n.message) for n in notifications(app)))
        assert app.store.path == empty_store.path
        assert app.return_code is None


async def test_over_a_form_the_key_bar_and_f1_say_the_forms_keys(demo_store):
    """The people list's « / Rechercher  n Nouvelle » stayed under the new person's form,
    where n is typed and / too; and F1 did nothing there (the app's keys stop at a window)."""
    from comite.tui.dialogs.person_form import PersonForm

    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "PeopleScreen")
        assert "n Nouvelle" in painted_lines(app)[-1]
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        await pilot.pause()
        bar = painted_lines(app)[-1]
        assert "Ctrl+S Enregistrer" in bar and "Échap Annuler" in bar, bar
        assert "Nouvelle" not in bar and "Rechercher" not in bar, bar
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "Aide — Nouvelle personne" in painted(app)
        assert [c.shown_keys for c in app.screen.shown][:2] == ["Ctrl+S", "Échap"]
        assert "1" not in [c.shown_keys for c in app.screen.shown]  # no section over a form
        await pilot.pause()
        bar = painted_lines(app)[-1]  # a window over a window: the bar is the top one's
        assert "Échap Fermer" in bar and "Ctrl+S" not in bar, bar
        await pilot.press("f1")  # F1 closes the help it opened, back to the form as it was
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "PeopleScreen")
        await pilot.pause()
        assert "n Nouvelle" in painted_lines(app)[-1]
