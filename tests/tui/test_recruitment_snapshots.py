"""The Recrutement board and one candidacy's page at 80×24, on the example data at a fixed date.

Update after an intended change with: .venv/bin/python -m pytest
tests/tui/test_recruitment_snapshots.py --snapshot-update, then look at the new SVGs in
tests/tui/__snapshots__/.
"""

import pytest

from comite.store import open_store
from comite.store.recruitment_models import Stage
from comite.tui.screens.candidate import CandidateScreen
from comite.tui.screens.recruitment import RecruitmentScreen
from tests.tui.conftest import make_app, wait_for


@pytest.fixture
def store(db):
    store = open_store(db)
    yield store
    store.close()


async def open_board(pilot) -> None:
    await pilot.press("6")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, RecruitmentScreen))
    await pilot.pause()


def test_recruitment_board(snap_compare, store):
    assert snap_compare(make_app(store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=open_board)


def test_candidate_page(snap_compare, store):
    """A future ETP speaker in training: the comité's criteria not yet judged, two opinions,
    and what is missing before deciding."""
    training = store.recruitment.board()[Stage.TRAINING][0]

    async def open_page(pilot) -> None:
        await open_board(pilot)
        await pilot.press("right", "right", "right")
        assert pilot.app.screen.selected().id == training.id
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CandidateScreen))
        await pilot.pause()

    assert snap_compare(make_app(store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=open_page)
