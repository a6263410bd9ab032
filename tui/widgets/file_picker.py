"""Choosing a file: a folder tree showing only the kinds of file wanted, or a path typed or
pasted; and the form field (path + « Parcourir… ») that opens it."""

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Static

from comite.kernel.i18n import _

PDF = (".pdf",)


class FileTree(DirectoryTree):
    """Folders and the files whose suffix is wanted; hidden ones left out."""

    def __init__(self, path: Path, suffixes: Iterable[str]) -> None:
        self.suffixes = tuple(suffixes)
        super().__init__(path)

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                if path.is_dir() or path.suffix.lower() in self.suffixes:
                    yield path
            except OSError:
                continue


class FilePicker(ModalScreen[Path | None]):
    """A file chosen in the folder tree (Entrée on a file), or its path typed or pasted."""

    CSS_PATH = "../dialogs.tcss"
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
            yield Static(_("Entrée sur un fichier pour le choisir · Tab entre le chemin et les "
                           "dossiers · Échap pour annuler"), classes="dialog-body", markup=False)

    def on_mount(self) -> None:
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
