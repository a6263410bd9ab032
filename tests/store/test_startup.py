"""Start-up is a feature: importing the store must not pull in the UI or sqlite_utils."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("textual", "rich", "sqlite_utils", "reportlab", "icalendar")


def _loaded_after(statement: str) -> list[str]:
    code = (
        "import json, sys\n"
        f"{statement}\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def test_import_store_loads_no_heavy_module():
    assert _loaded_after("import comite.store") == []


def test_opening_a_store_loads_no_heavy_module(tmp_path):
    statement = f"from comite.store import open_store; open_store({str(tmp_path / 'c.sqlite')!r}).close()"
    assert _loaded_after(statement) == []


def test_the_check_itself_can_fail():
    assert _loaded_after("import sqlite_utils") == ["sqlite_utils"]


def test_the_core_packages_never_load_the_ui():
    """The import-linter contract, checked at run time as harlequin does."""
    assert _loaded_after("import comite.store, comite.exports, comite.sync, comite.store.demo") == []
