
"""The Chartes section and one person's charter at 80×24, on the example data at a fixed date.

Update after an intended change with: .venv/bin/python -m pytest tests/tui/test_charter_snapshots.py
--snapshot-update, then look at the new SVGs in tests/tui/__snapshots__/. (The shipped templates'
short hashes and text show here: editing a template changes these pictures too.)
"""

from comite.tui.screens.charter import CharterScreen
from comite.tui.screens.charters import ChartersScreen
from tests.tui.conftest import make_app, wait_for


async def open_charters(pilot) -> None:
    await pilot.press("5")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChartersScreen))
    await pilot.pause()


def test_charters_section(snap_compare, demo_store):
    assert snap_compare(make_app(demo_store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=open_charters)


def test_charter_page(snap_compare, demo_store):
    sarah = next(e for e in demo_store.charters.engagements() if e.person_name == "Sarah Guérin")

    async def open_charter(pilot) -> None:
        await open_charters(pilot)
        table = pilot.app.screen.query_one("#engagements")
        table.move_cursor(row=table.get_row_index(f"{sarah.person_id}:{sarah.committee_id}"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CharterScreen))
        screen = pilot.app.screen
        # The preview is filled a moment after the fields, then drawn.
        preview = screen.query_one("#preview")
        await wait_for(pilot, lambda: "Les parties" in preview.source)
        # Then its blocks are mounted and laid out, which a loaded machine may take a while to do.
        await wait_for(pilot, lambda: any("Les parties" in str(block.content)
                                          or "Les parties" in str(getattr(block, "source", ""))
                                          for block in preview.query("MarkdownBlock")))
        # A text cursor is drawn or not depending on the instant it blinks: no field holds it.
        screen.set_focus(None)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.5)

    assert snap_compare(make_app(demo_store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=open_charter)
