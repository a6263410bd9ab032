"""Lists that are a Tab stop only while they hold something: an empty list would take the focus
(and the keys typed after Tab) and do nothing with it. Filled again, they take the focus back.

Textual asks `allow_focus()` each time it builds the focus chain or focuses a widget, so the rule
holds with no bookkeeping where the rows come and go. A list that empties while it has the focus
keeps it (the page's keys still reach the page through it); the next Tab leaves it.
"""

from textual.widgets import DataTable, OptionList


class ListTable(DataTable):
    """A DataTable that cannot take the focus while it has no row."""

    def allow_focus(self) -> bool:
        return super().allow_focus() and self.row_count > 0


class ChoiceList(OptionList):
    """An OptionList that cannot take the focus while it has no option."""

    def allow_focus(self) -> bool:
        return super().allow_focus() and self.option_count > 0
