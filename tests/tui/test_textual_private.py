"""The fence around Textual's private names (comite.tui.textual_private).

One test per private attribute the module touches: each says it still exists with the shape used,
so a Textual upgrade that renames or reshapes one fails here, by name, and not as a quiet
misbehaviour in the app. Then scans: no private Textual name is used anywhere else.
"""

import importlib
import inspect
import pkgutil
import re
from functools import cache
from pathlib import Path
from typing import ClassVar

import pytest
import textual
from rich.text import Text
from textual.app import App, InvalidModeError, UnknownModeError
from textual.message_pump import MessagePump
from textual.notifications import Notification, Notifications
from textual.screen import Screen
from textual.widgets import Select

import comite.tui
from comite.tui import textual_private
from comite.tui.app import ComiteApp
from comite.tui.textual_private import (
    ReportsUnexpectedErrors,
    exit_renderables,
    forget_notification,
    handle_exception,
    install_mode,
    notifications,
    painted_lines,
    screen_stacks,
    select_options,
)
from tests.tui.conftest import make_app, wait_for

ROOT = Path(__file__).resolve().parents[2]


class Bare(App[None]):
    MODES: ClassVar = {"other": Screen}


class Reporting(ReportsUnexpectedErrors, App[None]):
    def unexpected_error_report(self, error: BaseException | None) -> Text:
        return Text(f"rapport : {type(error).__name__}")


# ---- App._modes (install_mode) ----------------------------------------------------------------


def test_modes_is_the_table_that_mode_and_add_mode_fill():
    app = Bare()
    assert isinstance(app._modes, dict)
    assert app._modes == {"other": Screen}
    app.add_mode("third", Screen)
    assert app._modes["third"] is Screen


def test_add_mode_still_refuses_the_default_mode():
    # Why install_mode writes the private table: if this starts passing, use add_mode.
    with pytest.raises(InvalidModeError):
        Bare().add_mode("_default", Screen)


async def test_a_mode_installed_is_one_switch_mode_comes_back_to():
    app = Bare()
    async with app.run_test():
        await app.switch_mode("other")
        with pytest.raises(UnknownModeError):
            app.switch_mode("_default")  # the default screen is no mode of MODES
        install_mode(app, "_default", Screen)
        await app.switch_mode("_default")
        assert app.current_mode == "_default"


# ---- App.get_screen_stack (screen_stacks; was App._screen_stacks) ------------------------------


async def test_screen_stacks_are_those_of_the_modes_opened_copies():
    app = Bare()
    async with app.run_test():
        assert list(screen_stacks(app, ["_default", "other", "nowhere"])) == ["_default"]
        await app.switch_mode("other")
        pushed = Screen()
        await app.push_screen(pushed)
        stacks = screen_stacks(app, ["_default", "other"])
        assert [len(stacks["_default"]), stacks["other"][-1]] == [1, pushed]
        stacks["other"].clear()  # a copy: the app's own stack is untouched
        assert app.get_screen_stack("other")[-1] is pushed


async def test_the_app_sees_the_screens_of_every_section_not_only_the_one_shown(demo_store):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.switch_mode("people")
        await wait_for(pilot, lambda: app.screen.page is not None)  # its search thread is done
        waiting = Screen()
        await app.push_screen(waiting)
        await app.switch_mode("committees")
        assert waiting not in app.screen_stack
        assert waiting in app._every_screen()


# ---- App._fatal_error, App._handle_exception, App._exception, App._exit_renderables,
# ---- App._close_messages_no_wait (ReportsUnexpectedErrors, handle_exception, exit_renderables)


def test_fatal_error_is_apps_and_the_mixin_overrides_it():
    assert callable(App.__dict__["_fatal_error"])
    assert ComiteApp._fatal_error is ReportsUnexpectedErrors._fatal_error


def test_exception_is_none_until_an_error_is_handled_then_that_error():
    app = Reporting()  # Textual's own report needs a live traceback
    assert app._exception is None
    error = ValueError("boum")
    app._handle_exception(error)
    assert app._exception is error


def test_exit_renderables_is_a_list_printed_at_the_end():
    app = Bare()
    assert app._exit_renderables == []
    app.exit(message="au revoir")
    assert app._exit_renderables == ["au revoir"]


def test_close_messages_no_wait_is_a_method_of_no_argument():
    assert inspect.signature(App._close_messages_no_wait).parameters.keys() == {"self"}


def test_an_unhandled_error_ends_the_app_with_its_own_report_only():
    app = Reporting()
    handle_exception(app, ValueError("Dupont"))
    assert [str(r) for r in exit_renderables(app)] == ["rapport : ValueError"]
    assert app.return_code == 1


# ---- App._notifications (notifications) --------------------------------------------------------


async def test_notifications_are_the_toasts_shown_oldest_first():
    app = Bare()
    assert isinstance(app._notifications, Notifications)
    async with app.run_test() as pilot:
        app.notify("un")
        app.notify("deux")
        await pilot.pause()
        shown = notifications(app)
    assert all(isinstance(n, Notification) for n in shown)
    assert [n.message for n in shown] == ["un", "deux"]


async def test_forget_notification_takes_its_toast_and_holder_off_every_screen():
    """App._unnotify, and each screen's toast of it expired (Toast._expire, Toast._notification):
    no empty holder, no blank row, is left above the next toast."""
    app = Bare()
    async with app.run_test(notifications=True) as pilot:
        app.notify("un")
        await pilot.pause()
        below = app.screen
        await app.push_screen(Screen())
        app.notify("deux")
        await pilot.pause()
        first, second = notifications(app)
        assert [str(t.render()) for t in below.query("Toast")] == ["un"]
        forget_notification(app, first)
        await pilot.pause()
        assert notifications(app) == [second]
        assert list(below.query("ToastHolder")) == []
        holders = list(app.screen.query("ToastHolder"))
        assert [str(h.query_one("Toast").render()) for h in holders] == ["deux"]


# ---- Screen._compositor, App._background_screens (painted_lines) ----------------------------------


async def test_painted_lines_are_the_rows_of_the_screen_as_drawn():
    from textual.widgets import Static

    class Words(App[None]):
        def compose(self):
            yield Static("premier mot")
            yield Static("second")

    app = Words()
    async with app.run_test(size=(30, 4)) as pilot:
        await pilot.pause()
        lines = painted_lines(app)
    assert len(lines) == 4 and all(len(line) == 30 for line in lines)
    assert lines[0].rstrip() == "premier mot" and lines[1].rstrip() == "second"


# ---- Select._options (select_options) ----------------------------------------------------------


def test_select_options_are_label_value_pairs_blank_first():
    assert Select([("Un", 1), ("Deux", 2)])._options == [("", Select.NULL), ("Un", 1), ("Deux", 2)]
    assert select_options(Select([("Un", 1)], allow_blank=False)) == [("Un", 1)]


# ---- nowhere else -------------------------------------------------------------------------------

FENCED = ("textual_private.py", Path(__file__).name)

# Named here because they are the ones used before the fence (or shadowed: `_closing`).
KNOWN = re.compile(r"(?:\.|def |[\"'])_(modes|screen_stacks|fatal_error|handle_exception|exception|"
                   r"exit_renderables|close_messages_no_wait|notifications|closing|driver|unnotify|compositor|"
                   r"background_screens|expire|notification)\b")
# Any attribute access, or getattr/setattr/hasattr by name, of a private name.
ACCESS = re.compile(r"\.(_[a-z]\w*)\b|attr\([^,()]+,\s*[\"'](_[a-z]\w*)[\"']")
OWN = re.compile(r"def (_[a-z]\w*)|self\.(_[a-z]\w*)\s*(?::[^=\n]+)?=(?!=)"
                 r"|^\s*(_[a-z]\w*)\s*(?::[^=\n]+)?=(?!=)", re.M)
# What a class's source defines: its methods, what it sets on `self`, its class attributes.
CLASS_OWN = re.compile(r"def (_[a-z]\w*)|self\.(_[a-z]\w*)\s*(?::[^=\n]+)?=(?!=)"
                       r"|^    (_[a-z]\w*)\s*(?::[^=\n]+)?=(?!=)", re.M)


def sources_in(*folders: str) -> list[Path]:
    return [path for folder in folders for path in sorted((ROOT / folder).rglob("*.py"))
            if path.name not in FENCED]


@cache
def textual_private_names() -> frozenset[str]:
    """Every private name Textual defines or sets on `self`, anywhere in the package."""
    source = Path(textual.__file__).parent
    return frozenset(name for path in source.rglob("*.py")
                     for name in re.findall(r"(?:def |self\.)(_[a-z]\w*)", path.read_text("utf-8")))


def own_private_names() -> set[str]:
    """The private names the project defines itself (its own, when Textual has one too)."""
    return {next(group for group in match.groups() if group)
            for path in sources_in("tui", "tests", "benchmarks", "cli", "usecases", "sync", "exports",
                                   "store", "kernel")
            for match in OWN.finditer(path.read_text("utf-8"))}


def test_the_known_private_names_are_used_only_behind_the_fence():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sources_in("tui", "tests", "benchmarks", "cli")
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if KNOWN.search(line)]
    assert found == [], "go through comite.tui.textual_private:\n" + "\n".join(found)


def test_no_other_private_textual_name_is_read_outside_the_fence():
    # A private name Textual has and the project never defines can only be Textual's.
    # (benchmarks/ is left out: it reads reportlab's privates, whose names Textual shares.)
    theirs = textual_private_names() - own_private_names()
    found = [f"{path.relative_to(ROOT)}:{number}: {name}"
             for path in sources_in("tui", "tests", "cli")
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             for match in ACCESS.finditer(line)
             if (name := match.group(1) or match.group(2)) in theirs]
    assert found == [], "go through comite.tui.textual_private:\n" + "\n".join(found)


def textual_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__ if base.__module__.split(".")[0] == "textual"]


@cache
def names_of_textual_class(base: type) -> frozenset[str]:
    """What a Textual class defines or sets on `self` under a private name."""
    return frozenset({name for name in vars(base) if name.startswith("_") and not name.startswith("__")}
                     | set(re.findall(r"self\.(_[a-z]\w*)", inspect.getsource(base))))


def test_no_class_of_the_app_shadows_a_private_name_of_its_textual_bases():
    # As ComiteApp's own `_closing` flag did with MessagePump's: one write there and Textual's
    # message pump would think itself closed.
    modules = [importlib.import_module(info.name)
               for info in pkgutil.walk_packages(comite.tui.__path__, "comite.tui.")]
    clashes = []
    for module in modules:
        if module is textual_private:
            continue
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == module.__name__
                    and issubclass(cls, MessagePump)):
                continue
            own = {next(group for group in match.groups() if group)
                   for match in CLASS_OWN.finditer(inspect.getsource(cls))}
            theirs = set().union(*(names_of_textual_class(base) for base in textual_bases(cls)))
            clashes += [f"{module.__name__}.{cls.__name__}.{name}" for name in sorted(own & theirs)]
    assert clashes == []


def test_french_palette_rewrites_the_no_matches_countdown_with_the_same_private_names():
    """CommandPalette._start_no_matches_countdown, _stop_no_matches_countdown, _no_matches_timer,
    _NO_MATCHES, _NO_MATCHES_COUNTDOWN and _list_visible: those the French version uses."""
    from textual.command import CommandPalette

    assert list(inspect.signature(CommandPalette._start_no_matches_countdown).parameters) == [
        "self", "search_value"]
    assert callable(CommandPalette._stop_no_matches_countdown)
    assert isinstance(CommandPalette._NO_MATCHES, str)
    assert isinstance(CommandPalette._NO_MATCHES_COUNTDOWN, float)
    assert "_list_visible" in CommandPalette._reactives
    assert "_no_matches_timer" in inspect.getsource(CommandPalette.__init__)


async def test_the_palette_says_aucun_resultat_in_french(demo_store):
    from textual.command import CommandList, CommandPalette

    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        for key in "zzqxw":
            await pilot.press(key)
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count == 1)
        text = "\n".join(painted_lines(app))
        assert "Aucun résultat" in text and "No matches" not in text
