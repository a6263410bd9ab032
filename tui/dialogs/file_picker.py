"""Choosing a file (a PDF, a CSV, a certificate) from a folder tree or a typed path."""

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DirectoryTree, Input, Label, Static

from comite.kernel.i18n import _
from comite.tui.dialogs.window import Window
from comite.tui.widgets.file_tree import PDF, FileTree


class FilePicker(Window[Path | None]):
    """A file chosen in the folder tree (Entrée on a file), or its path typed or pasted: the
    path field has the focus first, so that what is typed at once is never lost."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CSS = """
    FilePicker { align: center middle; }
    FilePicker .dialog { height: 90%; }
    FilePicker FileTree { height: 1fr; margin-bottom: 1; }
    FilePicker #path { margin-bottom: 1; }
    """
    BINDINGS: ClassVar = [Binding("escape", "dismiss(None)", _("Annuler"))]

    def __init__(self, title: str, start: Path, suffixes: Iterable[str] = PDF,
                 placeholder: str = _("Chemin du PDF, puis Entrée"), hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.start = start if start.is_dir() else Path.home()
        self.suffixes = tuple(suffixes)
        self.placeholder = placeholder
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="form-title", markup=False)
            yield Input(placeholder=self.placeholder, id="path", compact=True,
                        select_on_focus=False)
            yield FileTree(self.start, self.suffixes)
            yield Static("", id="picker-error", classes="form-error", markup=False)
            if self.hint:
                yield Static(self.hint, classes="dialog-body", markup=False)
            yield Static(_("Tapez ou collez le chemin, puis Entrée · ↓ ou Tab vers les dossiers, "
                           "Entrée sur un fichier pour le choisir · Échap pour annuler"),
                         classes="dialog-body", markup=False)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.focused is self.query_one("#path", Input):
            event.stop()
            self.query_one(FileTree).focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self._choose(Path(event.path))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip().strip("\"'")
        if typed:
            self._choose(Path(typed).expanduser())

    def _choose(self, path: Path) -> None:
        if not path.is_file():
            self.query_one("#picker-error", Static).update(
                _("Aucun fichier à cet endroit : {path}").format(path=path))
            self.app.bell()
            return
        self.dismiss(path)
