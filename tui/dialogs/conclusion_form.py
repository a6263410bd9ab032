"""Write (or correct) a conclusion inside the agenda item it came from: what was decided, who
does what, or what the commission recommends to the establishment; by when, and who answers
for it — a person in the base, or a service named in words."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from comite.kernel.i18n import _
from comite.store import NeedsConfirmation
from comite.store.errors import Refused
from comite.store.minutes_models import COMMITTEE_OWNER, Conclusion, ConclusionKind
from comite.tui import wording
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field

# A Select cannot hold None as a value: 0 stands for the committee as a whole.
COMMITTEE = 0


def owner_text_field(value: str) -> Field:
    """Beside the person in charge: a service, or someone not in the base, named in words."""
    return Field(_("… ou un service"), Input(value, id="owner_text",
                                              placeholder=_("ex. Service des urgences")),
                 hint=_("une personne ou un service, pas les deux"))


class ConclusionForm(FormScreen[Conclusion | None]):
    """Saves through store.conclusions; on signed minutes it asks first (the signatures go)."""

    def __init__(self, meeting_id: int, item_id: int, item_title: str,
                 conclusion: Conclusion | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.item_id = item_id
        self.item_title = item_title
        self.conclusion = conclusion
        self.confirmed = False  # the coordinator agreed to void the signatures

    def form_title(self) -> str:
        if self.conclusion:
            return _("Modifier la conclusion — {item}").format(item=self.item_title)
        return _("Nouvelle conclusion — {item}").format(item=self.item_title)

    def fields(self) -> ComposeResult:
        c = self.conclusion
        yield Field(_("Conclusion *"), TextArea(c.text if c else "", id="text"),
                    hint=_("Ce qui a été décidé, ou qui fait quoi."))
        yield Field(_("Nature"), Select(
            [(kind.label, kind.value) for kind in ConclusionKind],
            value=(c.kind if c else ConclusionKind.ACTION).value, allow_blank=False, id="kind"))
        yield Field(_("Responsable"), Select(
            self._owners(), value=(c.owner_id or COMMITTEE) if c else COMMITTEE,
            allow_blank=False, id="owner_id"))
        yield owner_text_field(c.owner_text if c else "")
        yield Field(_("Échéance"), Input(wording.day(c.due_on) if c else "", id="due_on",
                                         placeholder="JJ/MM/AAAA"),
                    hint=_("Vide : sans échéance."))

    def _owners(self) -> list[tuple[str, int]]:
        options = [(COMMITTEE_OWNER.capitalize(), COMMITTEE)]
        options += [(name, person_id)
                    for person_id, name in self.app.store.conclusions.owners(self.meeting_id)]
        c = self.conclusion
        if c and c.owner_id and all(value != c.owner_id for _label, value in options):
            options.append((c.owner_name, c.owner_id))  # no longer invited, still in charge
        return options

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#text", TextArea).focus()

    def submit(self, values: Mapping[str, object]) -> Conclusion:
        from comite.store.conclusions import ConclusionInput

        data = ConclusionInput(
            text=str(values["text"]).strip(), kind=ConclusionKind(values["kind"]),
            owner_id=int(values["owner_id"] or COMMITTEE) or None, due_on=str(values["due_on"]),
            owner_text=str(values["owner_text"]))
        service = self.app.store.conclusions
        try:
            if self.conclusion:
                service.update(self.conclusion.id, data, confirmed=self.confirmed)
                return service.get(self.conclusion.id)
            return service.add(self.item_id, data, confirmed=self.confirmed)
        except NeedsConfirmation as question:
            self.call_after_refresh(self._ask, question.message)
            raise Refused(_("Compte rendu signé : rien n’est enregistré sans votre accord.")) from None

    def _ask(self, message: str) -> None:
        from comite.tui.dialogs.confirm import ConfirmScreen

        def confirmed() -> None:
            self.confirmed = True
            self.action_save()

        ConfirmScreen.ask(
            self.app, _("Modifier un compte rendu signé ?"), [message],
            confirm=_("Modifier et annuler les signatures"), cancel=_("Ne rien changer"),
            then=confirmed)
