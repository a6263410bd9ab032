"""Notes saved as they are typed, for the minutes page and the séance alike."""

import logging
from collections.abc import Callable

from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import TextArea

from comite.store import NeedsConfirmation
from comite.store.errors import Refused

log = logging.getLogger("comite.tui.minutes")


class NotesKeeper:
    """Notes saved as they are typed: DELAY after the last key, and at once when asked (the
    screen is left, another item is shown, the app quits).

    Each text area is bound to one (item, confidential) pair; what it holds is compared with what
    was last saved, so loading a text never writes it back.
    """

    DELAY = 0.3

    def __init__(self, screen: Screen, on_signed: Callable[[str], None],
                 on_confirmed_write: Callable[[], None] | None = None) -> None:
        self.screen = screen
        self.on_signed = on_signed  # told the store's question when signed minutes would change
        self.on_confirmed_write = on_confirmed_write  # a write that may have voided signatures
        self.confirmed = False  # the coordinator agreed to void the signatures
        self._bound: dict[int, tuple[TextArea, int, bool]] = {}
        self._saved: dict[tuple[int, bool], str] = {}
        self._timer: Timer | None = None

    def bind(self, area: TextArea, item_id: int, confidential: bool, text: str) -> None:
        """Show `text` (the stored notes of the item) in `area`, saving what it held before."""
        self.flush_area(area)
        self._bound[id(area)] = (area, item_id, confidential)
        self._saved[(item_id, confidential)] = text
        if area.text != text:
            area.load_text(text)  # a fresh undo history: undo never crosses to another item
            area.move_cursor(area.document.end)  # one goes on writing where the notes end

    def unbind(self, area: TextArea) -> None:
        """`area` no longer shows an item's notes: what it held is saved, then it is cleared."""
        self.flush_area(area)
        self._bound.pop(id(area), None)
        area.load_text("")

    def changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(self.DELAY, self.flush)

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        for area, _item, _confidential in list(self._bound.values()):
            self.flush_area(area)

    def flush_area(self, area: TextArea) -> None:
        bound = self._bound.get(id(area))
        if bound is None:
            return
        _area, item_id, confidential = bound
        text = area.text
        if text == self._saved.get((item_id, confidential)):
            return
        try:
            self.screen.app.store.minutes.write_notes(item_id, text, confidential=confidential,
                                                      confirmed=self.confirmed)
        except NeedsConfirmation as question:
            self.on_signed(question.message)
            return
        except Refused as error:
            self.screen.notify(error.message, severity="warning")
            return
        self._saved[(item_id, confidential)] = text
        if self.confirmed and self.on_confirmed_write:
            self.on_confirmed_write()
        log.debug("notes of item %d saved (%d characters)", item_id, len(text))
