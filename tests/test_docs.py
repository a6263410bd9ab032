"""docs/ARCHITECTURE.md stays true: every file, folder and module it names exists; the README
shows every command of `comite`."""

import argparse
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"
CODE = re.compile(r"`([^`\s]+)`")
PATH = re.compile(r"^(?:[a-z_.]+/)+[a-z_.]*$|^[a-z_]+\.(?:py|tcss|md)$")
MODULE = re.compile(r"^comite(?:\.[a-z_]+)+$")


def named(text: str) -> tuple[set[str], set[str]]:
    """The repository paths and the comite modules a text names in backquotes."""
    tokens = {token.rstrip(",.;:") for token in CODE.findall(text)}
    paths = {t.split(":")[0] for t in tokens if PATH.match(t) and "<" not in t}
    modules = {t for t in tokens if MODULE.match(t)}
    return paths, modules


def test_every_path_the_architecture_names_exists():
    paths, _modules = named(ARCHITECTURE.read_text(encoding="utf-8"))
    missing = sorted(p for p in paths if not (ROOT / p).exists()
                     and not any(ROOT.glob(f"*/{p}")) and not any(ROOT.glob(f"*/*/{p}")))
    assert paths and missing == []


def exists(dotted: str) -> bool:
    """A module, or a name in one (`comite.kernel.plural.count`)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 1, -1):
        module = ".".join(parts[:cut])
        try:
            found = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            found = None
        if found is not None:
            target = importlib.import_module(module)
            return all((target := getattr(target, name, None)) is not None for name in parts[cut:])
    return False


def test_every_module_the_architecture_names_imports():
    _paths, modules = named(ARCHITECTURE.read_text(encoding="utf-8"))
    missing = sorted(m for m in modules if not exists(m))
    assert modules and missing == []


def test_the_check_sees_a_path_that_is_gone():
    paths, modules = named("in `tui/screens/gone.py` and `comite.tui.gone`, not `<name>.py`")
    assert paths == {"tui/screens/gone.py"} and modules == {"comite.tui.gone"}
    assert not exists("comite.tui.gone") and not exists("comite.kernel.plural.gone")
    assert exists("comite.kernel.plural.count")


def command_lines(parser: argparse.ArgumentParser, prefix: str = "comite") -> list[str]:
    """Every command a person can type, down to the last subcommand: « comite import framadate »."""
    lines = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                lines += command_lines(sub, f"{prefix} {name}") or [f"{prefix} {name}"]
    return lines


def test_the_readme_documents_every_command():
    from comite.cli.main import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = command_lines(build_parser())
    assert "comite import framadate" in lines
    assert [line for line in lines if f"\n{line} " not in readme] == []
