"""A notice with a title and lines, closed by any key of the hint."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from comite.kernel.i18n import _
from comite.tui.dialogs.window import Window


class InfoScreen(Window[None]):
    """Lines to read (what a batch could not make, a verdict, where the files are); Échap or
    Entrée closes."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CSS = """
    InfoScreen { align: center middle; }
    InfoScreen .info-lines { height: auto; max-height: 16; margin-bottom: 1; }
    """
    BINDINGS: ClassVar = [Binding("escape,enter", "dismiss(None)", _("Fermer"))]

    def __init__(self, title: str, lines: list[str], *, error: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="form-title", markup=False)
            with VerticalScroll(classes="info-lines"):
                yield Static("\n".join(self.lines), markup=False,
                             classes="form-error" if self.error else "")
            with Horizontal(classes="form-buttons"):
                yield Button(_("Fermer (Échap)"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
