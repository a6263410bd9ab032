"""Enter or edit a person's expenses (défraiement): the meeting they were for — or a day and the
structure that reimburses —, the kilometres at the structure's rate, other costs with what
they are, a note. Opened from the person's page (« Frais ») or from the séance, on the meeting."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input, Select

from comite.kernel.i18n import _
from comite.store.expense_models import Expense, amount_text, km_text, rate_text
from comite.store.expenses import ExpenseInput
from comite.tui import wording
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class ExpenseForm(FormScreen[Expense | None]):
    def __init__(self, person_id: int, expense: Expense | None = None,
                 meeting_id: int | None = None) -> None:
        super().__init__()
        self.person_id = person_id
        self.expense = expense
        self.meeting_id = expense.meeting_id if expense else meeting_id

    def form_title(self) -> str:
        name = self.app.store.people.get(self.person_id).full_name
        return (_("Modifier les frais de {name}") if self.expense
                else _("Frais de {name}")).format(name=name)

    def fields(self) -> ComposeResult:
        e = self.expense
        store = self.app.store
        meetings = store.expenses.meetings_of(self.person_id)
        if self.meeting_id is not None and self.meeting_id not in {m[0] for m in meetings}:
            meeting = store.meetings.get(self.meeting_id)  # not invited: came all the same
            day = meeting.starts_at.date() if meeting.starts_at else None
            meetings.insert(0, (meeting.id, meeting.title, day))
        choices = [(wording.one_line(f"{wording.day(day)} — {title}"), meeting_id)
                   for meeting_id, title, day in meetings]
        yield Field(_("Réunion"),
                    Select(choices, id="meeting_id", prompt=_("Aucune : un autre jour"),
                           value=self.meeting_id if self.meeting_id is not None else Select.NULL),
                    hint=_("avec une réunion, le jour et la structure sont les siens"))
        yield Field(_("Le"), Input(wording.day(e.spent_on) if e and e.meeting_id is None else "",
                                   id="spent_on", placeholder="JJ/MM/AAAA"),
                    hint=_("sans réunion : le jour de la formation, de la visite…"))
        structures = store.structures.all()
        chosen = e.structure_id if e and e.meeting_id is None else (
            structures[0].id if len(structures) == 1 else None)
        yield Field(_("Structure"),
                    Select([(self._rated(s.id, s.name), s.id) for s in structures],
                           id="structure_id", prompt=_("Choisir…"),
                           value=chosen if chosen is not None else Select.NULL),
                    hint=_("sans réunion : qui rembourse"))
        yield Field(_("Kilomètres"), Input(km_text(e.km) if e and e.km else "", id="km",
                                           placeholder=_("ex. 12,5")),
                    hint=_("aller et retour, au taux de la structure (une décimale)"))
        yield Field(_("Autres frais (€)"),
                    Input(amount_text(e.other_cents) if e and e.other_cents else "", id="other",
                          placeholder=_("ex. 4,50")))
        yield Field(_("Nature des autres frais"),
                    Input(e.other_label if e else "", id="other_label",
                          placeholder=_("ex. Parking, Ticket de bus")))
        yield Field(_("Note"), Input(e.note if e else "", id="note"),
                    hint=_("facultatif ; pas d’information de santé"))

    def _rated(self, structure_id: int, name: str) -> str:
        """« MSP des Tilleuls (0,32 €/km) »: the rate the kilometres will take."""
        rate = rate_text(self.app.store.structures.km_rate_mills(structure_id))
        return wording.one_line(_("{name} ({rate} €/km)").format(name=name, rate=rate) if rate
                                else _("{name} (pas d’indemnité kilométrique)").format(name=name))

    def submit(self, values: Mapping[str, object]) -> Expense:
        typed = ExpenseInput(meeting_id=values["meeting_id"], spent_on=str(values["spent_on"]),
                             structure_id=values["structure_id"], km=str(values["km"]),
                             other=str(values["other"]), other_label=str(values["other_label"]),
                             note=str(values["note"]))
        service = self.app.store.expenses
        if self.expense is None:
            return service.create(self.person_id, typed)
        return service.update(self.expense.id, typed)
