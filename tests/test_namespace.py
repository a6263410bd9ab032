"""One installed namespace: every import of the project's code goes through `comite.`."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BARE_LAYERS, BareLayerImport

ROOT = Path(__file__).resolve().parents[1]
LAYERS = "|".join(sorted(BARE_LAYERS))
# `from store import …`, `import tui.app`, `python -m tui.cli`, `"-m", "tui.cli"`,
# `files("templates.charte")`, `monkeypatch.setattr("store.inbox.x", …)`.
BARE = re.compile(
    rf"^\s*(?:from|import)\s+(?:{LAYERS})\b"
    rf"|-m[\"',\s]+(?:{LAYERS})\."
    rf"|\bimport\s+(?:[\w.]+,\s*)*(?:{LAYERS})\.\w"
    rf"|(?:files|import_module|importorskip|setattr)\(\s*[\"'](?:{LAYERS})\b",
    re.MULTILINE,
)


def _sources() -> list[Path]:
    folders = [ROOT / name for name in (*sorted(BARE_LAYERS), "tests", "benchmarks")]
    files = [p for folder in folders for p in folder.rglob("*.py") if ".venv" not in p.parts]
    return [*files, ROOT / "Makefile", ROOT / ".ci" / "run", ROOT / "README.md"]


def bare_imports(text: str) -> list[str]:
    return [match.group(0).strip() for match in BARE.finditer(text)]


def test_no_bare_import_of_a_layer():
    found = {str(path.relative_to(ROOT)): hits for path in _sources()
             if path.name != "test_namespace.py"
             and (hits := bare_imports(path.read_text(encoding="utf-8")))}
    assert found == {}


@pytest.mark.parametrize("line", [
    "from store import open_store", "    import tui.app", "import sync",
    'subprocess.run([sys.executable, "-m", "tui.cli"])', "python -m tui.cli demo",
    'code = "import sys, tui.cli, tui.app; print(1)"',
    'resources.files("templates.charte")', 'monkeypatch.setattr("store.inbox.now", f)',
])
def test_the_scan_sees_each_form(line):
    assert bare_imports(line)


@pytest.mark.parametrize("line", [
    "from comite.store import open_store", "import comite.tui.app", "from tests.store import x",
    "restore = 1", 'files("comite.templates.charte")',
])
def test_the_scan_lets_namespaced_imports_through(line):
    assert not bare_imports(line)


def test_a_bare_import_fails_at_run_time_too():
    with pytest.raises(BareLayerImport):
        __import__("store.db")


def test_the_installed_layers_load_once_under_comite():
    code = ("import sys, comite.store, comite.tui.app; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            f"{sorted(BARE_LAYERS)!r}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT.parent, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
