"""A form's field for a file: its path, typed or pasted, and « Parcourir… », which opens the
file picker."""

from collections.abc import Iterable
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input

from comite.kernel.i18n import _
from comite.tui.dialogs.file_picker import FilePicker
from comite.tui.widgets.file_tree import PDF


class PathInput(Horizontal):
    """A form field for an optional file: its path, and « Parcourir… » (also Ctrl+O)."""

    DEFAULT_CSS = """
    PathInput { height: auto; }
    PathInput Input { width: 1fr; }
    PathInput Button { width: auto; min-width: 12; }
    """

    def __init__(self, title: str, start: Path, *, id: str, value: str = "",
                 suffixes: Iterable[str] = PDF,
                 placeholder: str = _("Chemin du fichier PDF (facultatif)")) -> None:
        super().__init__(id=id)
        self.title = title
        self.start = start
        self.initial = value
        self.suffixes = tuple(suffixes)
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(self.initial, placeholder=self.placeholder, compact=True,
                    select_on_focus=False)
        yield Button(_("Parcourir…"), compact=True)

    @property
    def form_value(self) -> str:
        return self.query_one(Input).value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.browse()

    def browse(self) -> None:
        def picked(path: Path | None) -> None:
            if path is not None:
                field = self.query_one(Input)
                field.value = str(path)
                field.focus()

        self.app.push_screen(FilePicker(self.title, self.start, self.suffixes), picked)
