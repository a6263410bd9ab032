"""One column of the recruitment board: the candidacies at one stage, as cards."""

from collections.abc import Callable

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from comite.kernel.i18n import _
from comite.store.recruitment_models import Candidate, Stage
from comite.tui.wording import fit, role_label, short_day, short_name, stage_short


class BoardColumn(Widget):
    """One stage: its title with the count, then its cards, the one under the cursor
    highlighted; a column longer than the screen scrolls with the cursor."""

    DEFAULT_CSS = """
    BoardColumn { width: 1fr; height: 1fr; padding: 0 1 0 0; }
    """

    class Clicked(Message):
        def __init__(self, stage: Stage, index: int | None) -> None:
            super().__init__()
            self.stage = stage
            self.index = index

    def __init__(self, stage: Stage, shorts: Callable[[int | None], str], today) -> None:
        super().__init__(id=f"column-{stage.value}")
        self.stage = stage
        self.cards: list[Candidate] = []
        self.selected = 0
        self.active = False
        self.shorts = shorts
        self.today = today
        self._top = 0

    def show(self, cards: list[Candidate], selected: int, active: bool) -> None:
        self.cards, self.selected, self.active = cards, selected, active
        self.refresh()

    def _visible(self, height: int) -> int:
        """How many cards fit; one line is kept for « ↓ n » when they do not all fit."""
        room = height - 2
        if len(self.cards) * (CARD_LINES + 1) - 1 <= room:
            return len(self.cards)
        return max(1, room // (CARD_LINES + 1))

    def render(self) -> RenderResult:
        width, height = self.content_size.width, self.content_size.height
        title = f"{stage_short(self.stage)} {len(self.cards)}"
        lines = [Content.styled(fit(title, width), "bold reverse $accent" if self.active
                                else "bold $accent"),
                 Content.styled("─" * width, "$primary 60%")]
        if not self.cards:
            lines.append(Content.styled(fit(_("aucune"), width), "dim italic"))
            return Content("\n").join(lines)
        visible = self._visible(height)
        if self.selected < self._top:
            self._top = self.selected
        elif self.selected >= self._top + visible:
            self._top = self.selected - visible + 1
        self._top = max(0, min(self._top, len(self.cards) - visible))
        for index in range(self._top, self._top + visible):
            if index > self._top:
                lines.append(Content(""))
            lines.extend(self._card(self.cards[index], width,
                                    self.active and index == self.selected))
        if visible < len(self.cards):
            above, below = self._top, len(self.cards) - self._top - visible
            more = " ".join(part for part in (f"↑{above}" if above else "",
                                              f"↓{below}" if below else "") if part)
            lines.append(Content.styled(fit(more, width), "dim"))
        return Content("\n").join(lines)

    def _card(self, c: Candidate, width: int, selected: bool) -> list[Content]:
        base = "reverse " if selected else ""
        day = short_day(c.next_step_on, self.today)
        committee = self.shorts(c.committee_id) or "—"
        late = c.overdue(self.today)
        if day:
            where = Content.assemble(
                (fit(committee, max(width - len(day) - 1, 1)) + " ", base.strip()),
                (day, base + ("bold $error" if late else "")))
        else:
            where = Content.styled(fit(committee, width), base.strip())
        return [Content.styled(fit(short_name(c.person_name, width), width), base + "bold"),
                Content.styled(fit(role_label(c.role, width), width),
                               base + ("" if selected else "dim")),
                where]

    def on_click(self, event: events.Click) -> None:
        line = event.y - 2
        index = None
        if line >= 0 and line % (CARD_LINES + 1) < CARD_LINES:
            index = self._top + line // (CARD_LINES + 1)
        self.post_message(self.Clicked(self.stage, index if index is not None
                                       and index < len(self.cards) else None))


COLUMN_WIDTH = 13  # the narrowest column still readable: « Comité 21/11 », a padding


CARD_LINES = 3  # name, role, committee and day; a blank line between cards
