"""What a CDU meeting was told of the quality and safety of care: the quarter's e-Satis scores
(0 to 100, one per scope, empty when not presented) and the serious adverse events (EIG): how
many, and what was done."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from comite.kernel.i18n import _
from comite.store.complaint_models import EsatisScope, MeetingQuality
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class QualityForm(FormScreen[MeetingQuality | None]):
    def __init__(self, meeting_id: int, title: str, quality: MeetingQuality) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.title = title
        self.quality = quality

    def form_title(self) -> str:
        return _("Qualité et sécurité des soins — {meeting}").format(meeting=self.title)

    def fields(self) -> ComposeResult:
        q = self.quality
        for scope in EsatisScope:
            score = q.score(scope)
            yield Field(_("e-Satis {scope}").format(scope=scope.label),
                        Input(_score(score), id=scope.value,
                              placeholder=_("ex. 74,5 (sur 100)")))
        yield Field(_("EIG présentés"), Input(
            "" if q.adverse_events is None else str(q.adverse_events), id="adverse_events",
            placeholder=_("ex. 2")), hint=_("événements indésirables graves ; vide : non noté"))
        yield Field(_("Ce qui a été fait"), TextArea(q.actions, id="actions"),
                    hint=_("analyses, mesures ; sans aucun nom"))

    def submit(self, values: Mapping[str, object]) -> MeetingQuality:
        return self.app.store.complaints.set_quality(
            self.meeting_id, {scope.value: str(values[scope.value]) for scope in EsatisScope},
            str(values["adverse_events"]), str(values["actions"]))


def _score(score: float | None) -> str:
    """As typed: « 74,5 », « 81 »; empty when none was presented."""
    return "" if score is None else f"{score:.15g}".replace(".", ",")
