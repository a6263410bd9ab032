"""The bottom line: the keys of this screen, from the same command objects as the help.

Textual's Footer builds a widget per key and costs ~0.1 s at start-up on these machines;
one line of text says the same.
"""

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

from comite.kernel.i18n import _
from comite.tui import commands
from comite.tui.commands import Command


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar { height: 1; background: $panel; dock: bottom; }
    """

    def __init__(self, here: tuple[Command, ...]) -> None:
        super().__init__()
        self.shown = [c for c in (*here, *commands.GLOBAL) if c.footer]

    def commands_shown(self) -> list[Command]:
        return self.shown

    def render(self) -> RenderResult:
        parts: list[Content] = []
        for command in self.commands_shown():
            parts.append(Content.styled(f" {command.shown_keys} ", "bold $accent"))
            parts.append(Content(command.label + " "))
        line = Content("").join(parts)
        palette = Content.assemble(
            (" ^p ", "bold $accent"), (_("Commandes") + " ", ""))
        room = self.size.width - palette.cell_length
        if line.cell_length > room:
            line = line.truncate(max(room - 1, 0), ellipsis=True)
        return Content.assemble(line, " " * max(room - line.cell_length, 0), palette)


class WindowKeyBar(KeyBar):
    """A window's bar, over the page's: the keys that act in the window as it is now focused."""

    def __init__(self) -> None:
        super().__init__(())

    def commands_shown(self) -> list[Command]:
        return [command for command in commands.of_window(self.screen) if command.footer]
