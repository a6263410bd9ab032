"""The people list: a page of rows read from the store at a time."""

from textual.message import Message

from comite.tui.widgets.lists import ListTable


class PeopleTable(ListTable):
    """PgSuiv on the last row asks for the next page, PgPréc on the first for the previous."""

    class Turn(Message):
        def __init__(self, forward: bool) -> None:
            super().__init__()
            self.forward = forward

    def action_page_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1:
            self.post_message(self.Turn(True))
        else:
            super().action_page_down()

    def action_page_up(self) -> None:
        if self.cursor_row <= 0:
            self.post_message(self.Turn(False))
        else:
            super().action_page_up()
