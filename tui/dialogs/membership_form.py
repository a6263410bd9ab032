"""Add someone to a committee, or change their seat, function and mandate."""

from collections.abc import Mapping

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.committee_models import PRESIDING, Function, Membership, Seat
from comite.store.memberships import MembershipInput
from comite.tui import wording
from comite.tui.dialogs.person_pick import PersonPickForm
from comite.tui.widgets.field import Field
from comite.tui.widgets.person_picker import PersonPicker


class MembershipForm(PersonPickForm[Membership | None]):
    AFTER_NEW_PERSON = "#seat"

    def __init__(self, committee_id: int, titulars: list[Membership],
                 membership: Membership | None = None) -> None:
        super().__init__()
        self.committee_id = committee_id
        self.titulars = [t for t in titulars if not membership or t.id != membership.id]
        self.membership = membership

    def form_title(self) -> str:
        if self.membership:
            return _("Siège de {name}").format(name=self.membership.person_name)
        return _("Ajouter un membre")

    def fields(self) -> ComposeResult:
        m = self.membership
        if m is None:
            yield Field(_("Personne *"), PersonPicker(id="person_id", can_create=True),
                        hint=_("Entrée pour choisir dans la liste"))
        yield Field(_("Siège *"), Select(Seat.choices(), id="seat", allow_blank=False,
                                         value=m.seat.value if m else Seat.TITULAR.value))
        yield Field(_("Suppléant(e) de"), Select(
            [(Text(t.person_name), t.id) for t in self.titulars], id="substitute_for",
            prompt=_("— personne (titulaire)"),
            value=m.substitute_for if m and m.substitute_for in {t.id for t in self.titulars}
            else Select.NULL))
        yield Field(_("Fonction *"), Select(Function.choices(), id="function", allow_blank=False,
                                            value=m.function.value if m else Function.MEMBER.value))
        yield Field(_("Début du mandat"), Input(wording.day(m.mandate_start) if m else "",
                                                 id="mandate_start", placeholder="JJ/MM/AAAA"))
        yield Field(_("Fin du mandat"), Input(wording.day(m.mandate_end) if m else "",
                                               id="mandate_end", placeholder="JJ/MM/AAAA"))
        yield Field(_("Désigné(e) par"), Input(m.designated_by if m else "", id="designated_by",
                                                placeholder=_("ex. ARS, équipe de la MSP…")))

    # The two fields agree as they are chosen; the store refuses what still disagrees.
    @on(Select.Changed, "#substitute_for")
    def _stands_in(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.query_one("#seat", Select).value = Seat.SUBSTITUTE.value

    @on(Select.Changed, "#seat")
    def _seat_chosen(self, event: Select.Changed) -> None:
        if event.value == Seat.TITULAR:
            self.query_one("#substitute_for", Select).clear()

    def submit(self, values: Mapping[str, object]) -> Membership:
        def person() -> int | None:
            if self.membership is None and not values["person_id"]:
                raise check.FieldError("person_id", _("Choisissez la personne dans la liste."))
            return values.get("person_id")

        person_id, start, end = check.collect(
            person,
            lambda: check.parse_date("mandate_start", str(values["mandate_start"])),
            lambda: check.parse_date("mandate_end", str(values["mandate_end"])),
        )
        kept = self.membership  # the CDU's fields this form does not show yet: kept as they are
        membership = MembershipInput(
            seat=str(values["seat"]), function=str(values["function"]),
            substitute_for=values["substitute_for"], mandate_start=start, mandate_end=end,
            designated_by=str(values["designated_by"]),
            cdu_seat=kept.cdu_seat if kept else None,
            elected_on=kept.elected_on if kept and str(values["function"]) in PRESIDING else None,
            act_reference=kept.act_reference if kept else "",
            act_date=kept.act_date if kept else None,
        )
        service = self.app.store.memberships
        if self.membership:
            return service.update(self.membership.id, membership)
        return service.add(self.committee_id, person_id, membership)
