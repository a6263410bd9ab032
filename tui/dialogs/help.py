"""F1: the keys of the screen below and the global ones, from the same command objects.

A list that wraps: each key, then its whole action beside it, wrapped under itself; the whole
help scrolls (arrows, PgPréc/PgSuiv), so nothing is cut at 80×24.
"""

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from comite.kernel.i18n import _
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.dialogs.window import Window


class HelpScreen(Window[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar = [Binding("escape,f1,question_mark", "dismiss", _("Fermer"))]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.below = below
        offered = (commands.of_window(below) if isinstance(below, ModalScreen)
                   else (*getattr(below, "HERE", ()), *commands.GLOBAL))
        self.shown: tuple[Command, ...] = below.app.acting(*offered)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(_("Aide — {screen}").format(screen=title_of(self.below)),
                        classes="form-title", markup=False)
            with VerticalScroll(id="help-body"):
                yield Static(getattr(self.below, "HELP_TEXT", ""), classes="dialog-body")
                yield Static(keys_list(self.shown),
                             id="help-keys", classes="dialog-body")
                yield Static(_("Ctrl+P ouvre la palette : les actions possibles ici, et la recherche "
                               "d’une personne ou d’un comité. Tab passe d’une zone à l’autre. "
                               "Échap ferme cette aide."), classes="dialog-body")

    def on_mount(self) -> None:
        self.query_one("#help-body", VerticalScroll).focus()


def keys_list(shown: tuple[Command, ...]) -> Table:
    """Two columns, the keys never cut, each action wrapped in the room left beside them."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1, overflow="fold")
    table.add_row(Text(_("Touche"), style="bold underline"),
                  Text(_("Action"), style="bold underline"))
    for command in shown:
        table.add_row(Text(command.shown_keys), Text(command.help))
    return table


def title_of(below: Screen) -> str:
    """The page's name, or the window's own title (a form's « Nouvelle personne »)."""
    if title := getattr(below, "HELP_TITLE", ""):
        return title
    if isinstance(below, ModalScreen):
        form_title = getattr(below, "form_title", None)
        return (form_title() if form_title else "") or _("cette fenêtre")
    return "comite"
