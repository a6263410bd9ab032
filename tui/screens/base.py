"""What every screen of the app shares: the section bar, the footer, data reloaded on return,
and the keyboard model (docs/ARCHITECTURE.md, « tui/ »): a page opens with the focus on its list;
letters and digits are its commands (1–6 the sections) whenever the focus is not in a text field;
in a text field the footer says how to leave it (Échap), and says it from the command objects."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from comite.store.errors import NotFound
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.widgets.key_bar import KeyBar
from comite.tui.widgets.section_bar import SectionBar


class BaseScreen(Screen):
    SECTION: ClassVar[str] = ""
    HERE: ClassVar[tuple[Command, ...]] = ()
    # What the key bar shows while the focus is in one of the page's text fields, where letters
    # and digits are typed: how to leave the field first (Échap), then what still works there.
    TYPING: ClassVar[tuple[Command, ...]] = ()
    # Where the focus goes when nothing has it (arriving, coming back): a list, never a text
    # field, where the first letter typed would be lost as a command. An empty list takes none.
    AUTO_FOCUS = "DataTable, OptionList"
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
        self.settle_focus()
        self.watch(self, "focused", lambda _widget: self.show_keys(), init=False)

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
            self.settle_focus()

    def reload(self) -> None:
        """Read again what the screen shows: something may have changed elsewhere."""

    # ---- the keyboard ------------------------------------------------------------------------

    def settle_focus(self) -> None:
        """Nothing has the focus (its list was empty until now): the first list that may take
        it, by AUTO_FOCUS. A page whose lists fill later (in a thread) calls this once filled."""
        if self.focused is not None:
            return
        selector = self.AUTO_FOCUS if self.AUTO_FOCUS is not None else self.app.AUTO_FOCUS
        for widget in self.query(selector) if selector else ():
            if widget.focusable and not is_text_field(widget):
                self.set_focus(widget)  # now: a key pressed next finds it there
                return

    def footer_keys(self) -> tuple[Command, ...]:
        """The page's keys in the key bar when the focus is not in a text field."""
        return self.HERE

    def show_keys(self) -> None:
        """The key bar for where the focus is: in a text field, how to leave it."""
        typing = self.TYPING and is_text_field(self.focused)
        bar = self.query_one(KeyBar)
        bar.shown = [c for c in (*(self.TYPING if typing else self.footer_keys()),
                                 *commands.GLOBAL) if c.footer]
        bar.refresh()

    def leave_field(self, to: Widget | None) -> bool:
        """Échap in a text field: the focus goes to `to` (the page's list), or nowhere when that
        list is empty, so that letters are commands again. False when the focus was not in a
        text field: Échap then does what it does on the page (go back)."""
        if not is_text_field(self.focused):
            return False
        self.focus_list(to)
        return True

    def focus_list(self, to: Widget | None) -> None:
        """The focus on `to`, a list; on nothing while it is empty (it is no Tab stop then, and
        the page's keys reach the page all the same)."""
        self.set_focus(to if to is not None and to.focusable else None)

    def record_gone(self, error: NotFound) -> None:
        """The record this page shows no longer exists (deleted elsewhere, erased): say so and
        close. A late refresh of a page already left closes nothing else."""
        if self.is_current:
            self.notify(error.message, severity="warning")
            self.dismiss()


class ByYearScreen(BaseScreen):
    """A page that shows one civil year at a time (a committee's « Bilan », a structure's
    register, a CDU's complaints): `-` and `+` move it by a year."""

    year: int

    def action_earlier(self) -> None:
        self.year -= 1
        self.reload()

    def action_later(self) -> None:
        self.year += 1
        self.reload()


def is_text_field(widget: Widget | None) -> bool:
    """A widget that takes letters and digits as typing: the page's keys wait outside it.
    Textual asks the same question before a key reaches the page's bindings; asking it rather
    than testing for TextArea spares start-up TextArea's import (~9 ms)."""
    return widget is not None and widget.check_consume_key("a", "a")


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
