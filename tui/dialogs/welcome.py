"""First start on an empty database: create one's structure, or explore the example."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Label, Static

from comite.kernel.i18n import _
from comite.tui.dialogs.window import Window


class WelcomeScreen(Window[str | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "dismiss(None)", _("Plus tard")),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Bienvenue dans comite"), classes="form-title")
            yield Static(_(
                "La base est vide. Commencez par décrire votre structure (MSP, centre de "
                "santé, établissement…), puis son comité des usagers ; ou découvrez "
                "l’application avec des données d’exemple, rangées à part de vos données."),
                classes="dialog-body")
            yield Button(_("Créer ma structure"), id="structure", variant="primary")
            yield Button(_("Découvrir avec l’exemple"), id="example")
            yield Button(_("Plus tard"), id="later")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "later" else event.button.id)
