"""The one module that reaches past Textual's public API.

Textual is pinned (pyproject.toml), but a name that starts with an underscore may change in any
of its releases without notice. So every such use is a small function here, and
tests/tui/test_textual_private.py checks that each attribute touched still exists with the shape
used: an upgrade then fails loudly there, not as a quiet misbehaviour somewhere in the app.
Elsewhere (the app, its screens, the tests), nothing reads, writes or overrides a private Textual
name; a test scans for it.

Where Textual has a public way, it is used instead, even here (see `screen_stacks`).
"""

from collections.abc import Callable, Iterable
from typing import Any, cast

from rich.console import RenderableType
from textual.app import App
from textual.notifications import Notification
from textual.screen import Screen
from textual.widgets import Select

# ---- modes ----------------------------------------------------------------------------------------


def install_mode(app: App, name: str, factory: Callable[[], Screen]) -> None:
    """Let `switch_mode(name)` open or come back to `factory()`'s screen.

    For the mode "_default", whose first screen is App.get_default_screen's: App.add_mode refuses
    that name, and listing it in MODES would have Textual parse every style sheet again to make
    it at start-up. So it goes straight into the table that add_mode and MODES fill.
    """
    app._modes[name] = factory


def screen_stacks(app: App, modes: Iterable[str]) -> dict[str, list[Screen]]:
    """The screens of each of `modes` that has been opened, bottom first (copies).

    Public API (App.get_screen_stack); it replaced a read of App._screen_stacks. A mode not yet
    opened has no stack: get_screen_stack raises KeyError for it, and it is left out.
    """
    stacks = {}
    for mode in modes:
        try:
            stacks[mode] = app.get_screen_stack(mode)
        except KeyError:
            continue
    return stacks


# ---- the end of the app on an unexpected error --------------------------------------------------


class ReportsUnexpectedErrors:
    """Mixed into an App, before App: an unexpected error ends it with the app's own report.

    Textual's report (App._fatal_error) is a traceback with its local variables, which may hold
    personal data. The subclass says what to show, and logs what it must, in
    `unexpected_error_report`.
    """

    def unexpected_error_report(self, error: BaseException | None) -> RenderableType:
        raise NotImplementedError

    def _fatal_error(self) -> None:
        # Overrides App._fatal_error, which App._handle_exception calls for an error with no
        # __rich__ of its own (those go to App.panic). Textual's steps, its traceback aside.
        app = cast(App, self)
        report = self.unexpected_error_report(app._exception)
        app.bell()
        app._exit_renderables.append(report)
        app._close_messages_no_wait()


def handle_exception(app: App, error: Exception) -> None:
    """Do what Textual does with an error no handler caught (for tests: a crash on demand)."""
    app._handle_exception(error)


def exit_renderables(app: App) -> list[RenderableType]:
    """What the app will print on the terminal once it has ended (for tests)."""
    return list(app._exit_renderables)


# ---- what tests read ----------------------------------------------------------------------------


def notifications(app: App) -> list[Notification]:
    """The toasts shown now, oldest first: App.notify has no public way to read them back (the
    app, to replace one with a newer of its kind; tests, to read what was said)."""
    return list(app._notifications)


def painted_lines(app: App, styled: bool = False) -> list[str]:
    """The screen as a person sees it now, one string per row (for tests: a word cut or not);
    `styled` keeps the colours as ANSI codes (a cursor that moved changes only those).

    App.export_screenshot draws the same frame, as SVG only, ten times slower; here Rich
    records it as text.
    """
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor" if styled else None, record=True,
                      legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text(styles=styled).splitlines()


def select_options(select: Select) -> list[tuple[RenderableType, Any]]:
    """A Select's (label, value) pairs, in the order shown, the blank one first if allowed.

    Select takes them in its constructor or set_options but offers no way to read them back.
    """
    return list(select._options)


# ---- toasts -------------------------------------------------------------------------------------


def forget_notification(app: App, notification: Notification) -> None:
    """Take one toast off the screen before its time, as a click on it would.

    App.clear_notifications (all of them) is the only public way. Toast._expire, what a click
    does, removes the toast's holder with it: App._unnotify alone lets ToastRack.show remove the
    toast and leave its empty holder, a blank row above every later toast. A screen not shown
    holds its own toast of it too (every screen has a rack): each goes.
    """
    stacks = screen_stacks(app, {*app._modes, app.current_mode})
    for screen in {id(screen): screen for stack in stacks.values() for screen in stack}.values():
        for toast in screen.query("Toast"):
            if toast._notification.identity == notification.identity:
                toast._expire()
    app._unnotify(notification)


# ---- the command palette --------------------------------------------------------------------------


def french_palette(**options: Any) -> Screen:
    """Textual's command palette, saying « Aucun résultat » where it says "No matches found".

    The English words are written inside CommandPalette._start_no_matches_countdown, with no
    setting: its few lines are rewritten here with the same private names (the timer, the option
    id, the list's visibility), so nothing else of the palette changes.
    """
    from rich.align import Align
    from rich.text import Text
    from textual.command import CommandList, CommandPalette
    from textual.widgets.option_list import Option

    from comite.kernel.i18n import _

    class FrenchPalette(CommandPalette):
        def _start_no_matches_countdown(self, search_value: str) -> None:
            self._stop_no_matches_countdown()

            def show_no_matches() -> None:
                if search_value:
                    self.query_one(CommandList).add_option(Option(
                        Align.center(Text(_("Aucun résultat"), style="not bold")),
                        disabled=True, id=self._NO_MATCHES))
                self._list_visible = bool(search_value)

            self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    return FrenchPalette(**options)
