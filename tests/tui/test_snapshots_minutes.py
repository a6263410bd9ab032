"""The minutes editor at 80×24, on the example's held meeting at a fixed date.

Update after an intended change with: .venv/bin/python -m pytest tests/tui/test_snapshots_minutes.py
--snapshot-update, then look at the new SVGs in tests/tui/__snapshots__/.
"""

from comite.tui.screens.minutes import MinutesScreen
from tests.tui.conftest import make_app, wait_for


def test_minutes_editor(snap_compare, demo_store):
    held = next(m for m in demo_store.meetings.all() if m.title.endswith("bilan de l’année"))
    item = next(i for i in demo_store.agenda.agenda(held.id).items
                if demo_store.minutes.document(held.id).conclusions_of(i.id))

    async def open_item(pilot):
        pilot.app.push_screen(MinutesScreen(held.id))
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, MinutesScreen)
                       and pilot.app.screen.document is not None)
        sections = pilot.app.screen.query_one("#sections")
        while sections.highlighted_option.id != f"item-{item.id}":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(demo_store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=open_item)


def test_minutes_attendance(snap_compare, demo_store):
    """Issue 16: the attendance as noted — present (with an early departure), suppléé(e) par,
    excusé(e), the answers still to note, dimmed — the keys and the words under it, and the
    quorum line, whole at 80×24."""
    held = next(m for m in demo_store.meetings.all() if m.title.endswith("bilan de l’année"))

    async def open_attendance(pilot):
        pilot.app.push_screen(MinutesScreen(held.id))
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, MinutesScreen)
                       and pilot.app.screen.document is not None)
        await pilot.press("enter")  # « Présences » is the first section
        await pilot.pause()

    assert snap_compare(make_app(demo_store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=open_attendance)
