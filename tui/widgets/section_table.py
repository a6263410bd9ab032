"""A table of one section of the agenda page."""

from comite.tui.widgets.lists import ListTable


class SectionTable(ListTable):
    """Down from the last row goes on to the table below, up from the first to the one above:
    the two lists read as one page."""

    def action_cursor_down(self) -> None:
        if self.cursor_row < self.row_count - 1 or not self.screen.next_section(self, 1):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row > 0 or not self.screen.next_section(self, -1):
            super().action_cursor_up()
