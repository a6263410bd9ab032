"""The palette lists each action once, and only those that can act now; the example data opens
from it at any time, in its own file; back on an empty base, the welcome greets again."""

from textual.command import CommandPalette

from comite.tui.dialogs.welcome import WelcomeScreen
from comite.tui.screens.dashboard import DashboardScreen
from comite.tui.screens.recruitment import RecruitmentScreen
from comite.usecases import paths
from tests.tui.conftest import make_app, type_text, wait_for


async def palette_names(pilot) -> list[str]:
    """What Ctrl+P lists before anything is typed: each entry's name (its first line)."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette)
                   and app.screen.query_one("CommandList").option_count > 0)
    await pilot.pause(0.2)  # every provider has answered
    names = [str(option.prompt).split("\n")[0] for option in app.screen.query_one("CommandList").options]
    await pilot.press("escape")
    await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
    return names


async def test_the_palette_names_each_action_once_and_only_those_that_can_act(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        names = await palette_names(pilot)
        assert names.count("Comités") == 1 and names.count("Personnes") == 1
        assert len(names) == len(set(names)), names
        assert "Mes données" not in names, "not in the example: nothing to leave"
        assert "Données d’exemple" in names
        await pilot.press("6")
        await wait_for(pilot, lambda: isinstance(app.screen, RecruitmentScreen))
        names = await palette_names(pilot)
        assert len(names) == len(set(names)), names
        assert {"Colonne précédente", "Colonne suivante"} <= set(names)


async def test_the_example_opens_from_the_palette_on_a_base_with_data(demo_store):
    real_path = demo_store.path
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, "exemple")
        await wait_for(pilot, lambda: any(
            str(o.prompt).startswith("Données d’exemple")
            for o in app.screen.query_one("CommandList").options))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.store.path == paths.example_db())
        names = await palette_names(pilot)
        assert "Mes données" in names and "Données d’exemple" not in names
        await pilot.press("f4")
        await wait_for(pilot, lambda: app.store.path == real_path)
        assert not isinstance(app.screen, WelcomeScreen), "a base with data is not greeted"
        await pilot.press("f4")  # and F4 goes to the example again
        await wait_for(pilot, lambda: app.store.path == paths.example_db())


async def test_back_from_the_example_to_an_empty_base_the_welcome_returns(empty_store):
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("down", "enter")  # « Découvrir avec l’exemple »
        await wait_for(pilot, lambda: app.store.path == paths.example_db())
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("f4")
        await wait_for(pilot, lambda: app.store.path == empty_store.path)
        await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("enter")  # « Créer ma structure », as at the first start
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StructureForm")


def test_no_page_lists_a_name_twice_in_the_palette(empty_store):
    import importlib
    import pkgutil

    import comite.tui.screens as screens
    from comite.tui.screens.base import BaseScreen

    app = make_app(empty_store)
    pages = {cls for info in pkgutil.iter_modules(screens.__path__)
             for cls in vars(importlib.import_module(f"comite.tui.screens.{info.name}")).values()
             if isinstance(cls, type) and issubclass(cls, BaseScreen) and cls.HERE}
    assert len(pages) > 10
    for page in pages:
        names = [command.title for command in app.get_system_commands(page)]
        assert len(names) == len(set(names)), (page.__name__, names)


async def test_over_a_form_the_palette_offers_nothing_that_would_act_behind_it(demo_store):
    from comite.tui.dialogs.settings_form import SettingsForm

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsForm))
        names = await palette_names(pilot)
        assert "Comités" not in names and "Données d’exemple" not in names
        assert {"Aide", "Quitter"} <= set(names)
