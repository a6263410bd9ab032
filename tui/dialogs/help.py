"""F1: the keys of the screen below and the global ones, from the same command objects."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from comite.kernel.i18n import _
from comite.tui import commands


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar = [Binding("escape,f1,question_mark", "dismiss", _("Fermer"))]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(_("Aide — {screen}").format(
                screen=getattr(self.below, "HELP_TITLE", "comite")), classes="form-title")
            yield Static(getattr(self.below, "HELP_TEXT", ""), classes="dialog-body")
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Static(_("Ctrl+P ouvre la palette : toutes les actions, et la recherche "
                           "d’une personne ou d’un comité. Tab passe d’une zone à l’autre. "
                           "Échap ferme cette aide."), classes="dialog-body")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(_("Touche"), _("Action"))
        for command in (*getattr(self.below, "HERE", ()), *commands.GLOBAL):
            table.add_row(command.shown_keys, command.help)
        table.focus()
