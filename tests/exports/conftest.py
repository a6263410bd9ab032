"""Fixtures of the exports suite: a real store in tmp_path, a committee whose names test every
encoding (accents, a hostile name full of separators, a member without e-mail), meetings
built through the store's own service (ical.js, the independent reader of what we write, is
tests/ical_js.py's, for the whole suite)."""

from collections.abc import Callable
from pathlib import Path

import pytest

from comite.store import MeetingInput, open_store
from comite.store.meeting_models import MeetingDetail
from tests.exports.invitation_setup import MEMBERS, add_committee


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "comite.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def committee_id(store) -> int:
    return add_committee(store, MEMBERS)


MeetingMaker = Callable[..., MeetingDetail]


@pytest.fixture
def make_meeting(store, committee_id) -> MeetingMaker:
    """`make_meeting(slots, title=…, timezone=…, …)`: a meeting in poll on these slots, each a
    naive local datetime or (datetime, place); its MeetingDetail."""

    def make(slots, *, title: str = "Comité de printemps", poll: bool = True, **fields) -> MeetingDetail:
        fields.setdefault("description", "1. Accueil\n2. Bilan des réclamations ; avis\n3. Questions")
        fields.setdefault("place", "Salle du conseil, MSP des Tilleuls")
        meeting = store.meetings.create(committee_id, MeetingInput(title=title, **fields))
        for slot in slots:
            start, place = slot if isinstance(slot, tuple) else (slot, "")
            store.meetings.add_slot(meeting.id, start, place)
        if poll:
            store.meetings.open_poll(meeting.id)
        return store.meetings.detail(meeting.id)

    return make
