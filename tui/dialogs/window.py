"""Window: what every dialog of comite is (a form, a question, the help, a picker).

A window has its own key bar, docked over the page's: the page's keys wait while the window is
open, and the bar says those that act in the window (`commands.of_window`), however many windows
are stacked.
"""

from typing import TypeVar

from textual.screen import ModalScreen

from comite.tui.widgets.key_bar import WindowKeyBar

Result = TypeVar("Result")


class Window(ModalScreen[Result]):
    def on_mount(self) -> None:
        bar = WindowKeyBar()
        self.mount(bar)
        self.watch(self, "focused", lambda _widget: bar.refresh(), init=False)
