"""Asks before anything destructive, saying exactly what will go; Annuler has the focus."""

from collections.abc import Callable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from comite.kernel.i18n import _
from comite.tui.dialogs.window import Window


class ConfirmScreen(Window[bool]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "answer(False)", _("Annuler")),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]

    @classmethod
    def ask(cls, app: App, title: str, lines: list[str], *, confirm: str,
            then: Callable[[], object], cancel: str = "", danger: bool = True,
            cancelled: Callable[[], object] | None = None) -> None:
        """The one way to confirm: ask, then run `then` on yes, or `cancelled` (if any) on no."""

        def answered(yes: bool | None) -> None:
            if yes:
                then()
            elif cancelled is not None:
                cancelled()

        app.push_screen(cls(title, lines, confirm=confirm, cancel=cancel, danger=danger), answered)

    def __init__(self, title: str, lines: list[str], *, confirm: str, cancel: str = "",
                 danger: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.lines = lines
        self.confirm = confirm
        self.cancel = cancel or _("Annuler")
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="form-title", markup=False)
            yield Static("\n".join(self.lines), classes="dialog-body", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button(self.cancel, id="no")
                yield Button(self.confirm, id="yes", variant="error" if self.danger else "primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def ask_signed_edit(app: App, message: str, then: Callable[[], object],
                    cancelled: Callable[[], object] | None = None) -> None:
    """The store's question about signed minutes, asked before anything changes."""
    ConfirmScreen.ask(app, _("Modifier un compte rendu signé ?"), [message],
                      confirm=_("Modifier et annuler les signatures"), cancel=_("Ne rien changer"),
                      danger=True, then=then, cancelled=cancelled)
