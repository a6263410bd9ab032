"""Choosing the stage a candidacy moves to."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from comite.kernel.i18n import _
from comite.store.recruitment_models import Candidate, Stage
from comite.tui.candidate_moves import neighbour
from comite.tui.dialogs.window import Window


class StagePicker(Window[str | None]):
    """Any stage, the closed ones included: Entrée picks, Échap closes without moving."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CSS = """
    StagePicker { align: center middle; }
    StagePicker OptionList { height: auto; max-height: 10; }
    """
    BINDINGS: ClassVar = [Binding("escape", "dismiss(None)", _("Annuler"))]

    def __init__(self, candidate: Candidate) -> None:
        super().__init__()
        self.candidate = candidate

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("{name} : quelle étape ?").format(name=self.candidate.person_name),
                        classes="form-title", markup=False)
            yield OptionList(*(Option(Text(stage.label + (_("  (actuelle)") if stage is
                                                          self.candidate.stage else "")),
                                      id=stage.value, disabled=stage is self.candidate.stage)
                               for stage in Stage))
            yield Static(_("Entrée pour choisir · Échap pour annuler"), classes="dialog-body")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        current = self.candidate.stage
        following = neighbour(current, 1) or next(s for s in Stage if s is not current)
        options.highlighted = list(Stage).index(following)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
