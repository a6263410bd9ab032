"""The layout docs/ARCHITECTURE.md promises, checked: where each kind of class lives, what a page
may import from another page, and no import cycle anywhere."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import grimp
import pytest
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

import comite.tui

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("comite.kernel", "comite.store", "comite.exports", "comite.sync", "comite.usecases",
          "comite.cli", "comite.tui")


def _tui_classes() -> list[type]:
    found = []
    for module in pkgutil.walk_packages(comite.tui.__path__, "comite.tui."):
        loaded = importlib.import_module(module.name)
        found += [cls for _name, cls in inspect.getmembers(loaded, inspect.isclass)
                  if cls.__module__ == module.name]
    return found


def test_every_modal_screen_is_a_dialog():
    misplaced = [f"{c.__module__}.{c.__name__}" for c in _tui_classes()
                 if issubclass(c, ModalScreen) and not c.__module__.startswith("comite.tui.dialogs.")]
    assert misplaced == []


def test_every_page_is_in_screens_and_every_widget_in_widgets():
    misplaced = []
    for cls in _tui_classes():
        if issubclass(cls, Screen) and not issubclass(cls, ModalScreen):
            expected = "comite.tui.screens."
        elif issubclass(cls, Widget) and not issubclass(cls, Screen):
            expected = "comite.tui.widgets."
        else:
            continue
        if not cls.__module__.startswith(expected):
            misplaced.append(f"{cls.__module__}.{cls.__name__}")
    assert misplaced == []


def screen_imports_beyond_pages(source: str) -> list[str]:
    """What a page module imports from another page module, other than the page class itself."""
    tree = ast.parse(source)
    return [f"{node.module}.{alias.name}" for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("comite.tui.screens.")
            and node.module != "comite.tui.screens.base"
            for alias in node.names if not alias.name.endswith("Screen")]


def test_a_page_imports_another_page_only_to_open_it():
    found = {path.name: hits for path in sorted((ROOT / "tui" / "screens").glob("*.py"))
             if (hits := screen_imports_beyond_pages(path.read_text(encoding="utf-8")))}
    assert found == {}


def test_the_page_import_check_can_fail():
    assert screen_imports_beyond_pages("from comite.tui.screens.person import format_hours")
    assert not screen_imports_beyond_pages("from comite.tui.screens.person import PersonScreen")


def cycles(graph: grimp.ImportGraph) -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(group)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_import_cycle_in_any_layer():
    graph = grimp.build_graph(*LAYERS, cache_dir=None)
    assert cycles(graph) == []


@pytest.mark.parametrize("edges, expected", [
    ([("a", "b"), ("b", "a")], [{"a", "b"}]),
    ([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")], [{"a", "b", "c"}]),
    ([("a", "b"), ("b", "c")], []),
])
def test_the_cycle_check_can_fail(edges, expected):
    graph = grimp.ImportGraph()
    for importer, imported in edges:
        graph.add_import(importer=importer, imported=imported)
    assert sorted(map(sorted, cycles(graph))) == sorted(map(sorted, expected))
