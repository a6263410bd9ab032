"""What every screen of the app shares: the section bar, the footer, data reloaded on return."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from comite.store.errors import NotFound
from comite.tui import wording
from comite.tui.commands import Command
from comite.tui.widgets.key_bar import KeyBar
from comite.tui.widgets.section_bar import SectionBar


class BaseScreen(Screen):
    SECTION: ClassVar[str] = ""
    HERE: ClassVar[tuple[Command, ...]] = ()
    HELP_TITLE: ClassVar[str] = ""
    HELP_TEXT: ClassVar[str] = ""

    def compose(self) -> ComposeResult:
        yield SectionBar(self.SECTION)
        yield from self.body()
        yield KeyBar(self.HERE)

    def body(self) -> ComposeResult:
        raise NotImplementedError

    _left = False

    def on_mount(self) -> None:
        # Filled before the first frame, so the screen never paints empty first.
        self.prepare()
        self.reload()

    def prepare(self) -> None:
        """Set up what does not depend on the data (table columns…)."""

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        # Coming back from a form or another section: something may have changed there.
        # (The resumes that come with the first display find the screen freshly filled.)
        if self._left:
            self._left = False
            self.reload()

    def reload(self) -> None:
        """Read again what the screen shows: something may have changed elsewhere."""

    def record_gone(self, error: NotFound) -> None:
        """The record this page shows no longer exists (deleted elsewhere, erased): say so and
        close. A late refresh of a page already left closes nothing else."""
        if self.is_current:
            self.notify(error.message, severity="warning")
            self.dismiss()


def add_plain_row(table: DataTable, *cells: str, key: str) -> None:
    """A row of text shown as typed, each cell cut with « … » if need be (`wording.one_line`)."""
    table.add_row(*(wording.one_line(text) for text in cells), key=key)


def selected_id(table: DataTable) -> int | None:
    """The id keying the row under the cursor, or None for an empty table."""
    if table.row_count == 0:
        return None
    row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
    return int(row_key.value) if row_key.value is not None else None


def keep_cursor(table: DataTable, row_id: int | None) -> None:
    """Put the cursor back on the row it was on before the table was refilled."""
    if row_id is None:
        return
    try:
        table.move_cursor(row=table.get_row_index(str(row_id)))
    except RowDoesNotExist:
        table.move_cursor(row=0)
