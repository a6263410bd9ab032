"""A hostile charter template in the coordinator's folder cannot end the app: « 5 Chartes » opens,
the template is refused with its file and line, and the others are there (issue 18)."""

from pathlib import Path

import pytest
from textual.widgets import Static

from comite.kernel import clock
from comite.tui.app import ComiteApp
from comite.tui.screens.charters import ChartersScreen
from comite.usecases import paths
from comite.usecases.settings import Settings
from tests.tui.conftest import wait_for

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "charte"


@pytest.mark.parametrize("name", ["parentheses-profondes.md", "non-en-cascade.md"])
async def test_a_deeply_nested_template_is_refused_and_the_section_opens(demo_store, tmp_path,
                                                                         name):
    folder = paths.data_dir() / "modeles-charte"
    folder.mkdir(parents=True)
    (folder / name).write_bytes((HOSTILE / name).read_bytes())
    app = ComiteApp(demo_store, settings=Settings(exports=str(tmp_path / "exports")),
                    today=clock.today(), watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartersScreen))
        await pilot.pause()
        section = app.screen
        refused = str(section.query_one("#refused", Static).render())
        assert refused.startswith(f"Refusé — {name}")
        assert "ligne 10" in refused
        assert name.removesuffix(".md") not in {t.template_id for t in section.templates}
        assert section.templates, "the other templates are there"
    assert app.return_code in (None, 0)
