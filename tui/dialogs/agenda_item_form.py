"""Add or change a point of the ordre du jour: title, presenter, duration, purpose, degree of
participation; its plain title for the easy-to-read minutes, and what came of it (its outcome),
said during the séance or when writing the minutes."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input, Select

from comite.kernel.i18n import _
from comite.store import NeedsConfirmation
from comite.store.agenda import ItemInput
from comite.store.errors import Refused
from comite.store.item_wording import easy_title, proposed_outcome
from comite.store.minutes_models import (
    ADOPTION_OUTCOMES,
    AgendaItem,
    ItemKind,
    MinutesStatus,
    Outcome,
    Participation,
    Purpose,
)
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


def outcome_choices(item: AgendaItem | None) -> list[tuple[str, str]]:
    """« Pas encore dit » first (nothing printed), then the outcome its kind and purpose
    suggest, marked « (proposé) », then the others: an adoption's are its own three. The
    proposal is never chosen for the coordinator: the minutes print only what they chose."""
    kind = item.kind if item else ItemKind.TOPIC
    fitting = list(ADOPTION_OUTCOMES) if kind is ItemKind.ADOPTION else \
        [outcome for outcome in Outcome if outcome is not Outcome.UNSAID]
    proposed = proposed_outcome(kind, item.purpose if item else Purpose.INFORMATION)
    ordered = [proposed, *(outcome for outcome in fitting if outcome is not proposed)]
    return [(Outcome.UNSAID.label, Outcome.UNSAID.value),
            *((_("{label} (proposé)").format(label=o.label) if o is proposed else o.label, o.value)
              for o in ordered)]


class AgendaItemForm(FormScreen[AgendaItem | None]):
    def __init__(self, meeting_id: int, item: AgendaItem | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.item = item
        self._confirmed = False  # the coordinator agreed to void the signatures

    def form_title(self) -> str:
        return _("Modifier le point {n}").format(n=self.item.position) if self.item else (
            _("Nouveau point de l’ordre du jour"))

    def fields(self) -> ComposeResult:
        i = self.item
        yield Field(_("Titre *"), Input(i.title if i else "", id="title",
                                        placeholder=_("ex. Questionnaires de satisfaction")))
        yield Field(_("Présenté par"), Input(i.presenter if i else "", id="presenter",
                                             placeholder=_("ex. la présidente, le médiateur…")))
        yield Field(_("Durée (minutes) *"), Input(str(i.duration_minutes) if i else "15",
                                                  id="duration_minutes"))
        yield Field(_("Objet *"), Select(Purpose.choices(), id="purpose", allow_blank=False,
                                         value=(i.purpose if i else Purpose.INFORMATION).value))
        yield Field(_("Participation *"), Select(
            Participation.choices(), id="participation", allow_blank=False,
            value=(i.participation if i else Participation.INFORMATION).value),
            hint=_("degré de participation des usagers sur ce point"))
        derived = easy_title(i.title, i.kind) if i else ""
        yield Field(_("Titre facile à lire"), Input(
            i.easy_title if i else "", id="easy_title",
            placeholder=_("par défaut : {title}").format(title=derived) if derived
            else _("ex. Ce que les patients pensent de leurs soins")),
            # The default whole in the hint: a placeholder is cut at the field's width.
            hint=_("le titre du point dans le compte rendu facile à lire, en mots simples ; "
                   "vide : « {title} »").format(title=derived) if derived
            else _("le titre du point dans le compte rendu facile à lire, en mots simples"))
        yield Field(_("Issue"), Select(outcome_choices(i), id="outcome", allow_blank=False,
                                       value=(i.outcome if i else Outcome.UNSAID).value),
                    hint=_("ce qui a été décidé ou fait sur ce point, dit dans le compte rendu ; "
                           "« Pas encore dit » : le compte rendu n’en dit rien"))

    def submit(self, values: Mapping[str, object]) -> AgendaItem:
        item = ItemInput(title=str(values["title"]), presenter=str(values["presenter"]),
                         duration_minutes=str(values["duration_minutes"]),
                         purpose=str(values["purpose"]), participation=str(values["participation"]),
                         easy_title=str(values["easy_title"]), outcome=str(values["outcome"]))
        service = self.app.store.agenda
        try:
            if self.item:
                saved = service.update_item(self.item.id, item, confirmed=self._confirmed)
                self._remind_adoption(saved)
                return saved
            return service.add_item(self.meeting_id, item, confirmed=self._confirmed)
        except NeedsConfirmation as question:
            self._ask(question.message)
            raise Refused(question.message) from None

    def _remind_adoption(self, item: AgendaItem) -> None:
        """Said « adopté » here, while the minutes it adopts are not yet noted adopted: their
        « PROJET » goes, and the members hear of it, only once noted on those minutes (« o »)."""
        if item.kind is not ItemKind.ADOPTION or item.outcome is not Outcome.ADOPTED \
                or item.adopts_meeting_id is None:
            return
        minutes = self.app.store.minutes
        if minutes.state(item.adopts_meeting_id).status in (MinutesStatus.DRAFT,
                                                             MinutesStatus.CIRCULATED):
            self.app.notify(_("Notez aussi ce compte rendu adopté, dans son compte rendu (o) : "
                              "la mention « PROJET » s’en va et les membres reçoivent la "
                              "version adoptée."), severity="warning")

    def _ask(self, message: str) -> None:
        """Signed minutes: say what the edit voids, and save again once the coordinator agrees."""
        from comite.tui.dialogs.confirm import ConfirmScreen

        def confirmed() -> None:
            self._confirmed = True
            self.action_save()

        ConfirmScreen.ask(self.app, _("Annuler les signatures ?"), [message],
                          confirm=_("Modifier quand même"), then=confirmed)
