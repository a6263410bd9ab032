"""A person's « Vie privée » tab (the health note masked) and a committee's composition at 80×24,
on the example data at a fixed date.

The journal shows when each entry was written: the example is filled here with the audit clock
stopped, so the picture does not change with the day the tests run. Update after an intended
change with: .venv/bin/python -m pytest tests/tui/test_privacy_snapshots.py --snapshot-update,
then look at the new SVGs in tests/tui/__snapshots__/.
"""

import pytest

from comite.store import audit, open_store
from comite.store.committee_models import CommitteeKind
from comite.store.demo import fill_small
from comite.tui.screens.composition import CompositionScreen
from comite.tui.screens.person import PRIVACY, PersonScreen
from tests.tui.conftest import TODAY, make_app, wait_for


@pytest.fixture
def still_store(tmp_path, monkeypatch):
    monkeypatch.setattr(audit, "utc_now_iso", lambda: "2026-11-20T08:30:00+00:00")
    opened = open_store(tmp_path / "comite.sqlite")
    fill_small(opened, TODAY)
    yield opened
    opened.close()


def test_privacy_tab(snap_compare, still_store):
    person = next(row.id for row in still_store.people.page(limit=100).rows
                  if still_store.consents.has_health_note(row.id))

    async def open_privacy(pilot) -> None:
        pilot.app.push_screen(PersonScreen(person))
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PersonScreen))
        await pilot.press("r")
        await wait_for(pilot, lambda: pilot.app.screen.active_tab() == PRIVACY)
        await pilot.pause()
        assert "masquée" in str(pilot.app.screen.query_one("#health").render())

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=open_privacy)


def test_composition(snap_compare, still_store):
    cdu = next(s.committee for s in still_store.committees.all()
               if s.committee.kind == CommitteeKind.CDU)

    async def open_composition(pilot) -> None:
        pilot.app.push_screen(CompositionScreen(cdu.id))
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CompositionScreen))
        await pilot.pause()

    assert snap_compare(make_app(still_store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=open_composition)
