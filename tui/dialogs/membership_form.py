"""Add someone to a committee, or change their seat, function and mandate; in a commission des
usagers, also the seat's category (R. 1112-81), the day a président(e) or vice-président(e) was
elected, and the ARS arrêté that designated a représentant(e) des usagers."""

from collections.abc import Mapping
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.committee_models import (
    PRESIDING,
    CduSeat,
    CommitteeKind,
    Function,
    Membership,
    Seat,
)
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
        self.categories = {t.id: t.cdu_seat for t in titulars}
        self.is_cdu = False  # read in `fields`, once the app is there to ask

    def form_title(self) -> str:
        if self.membership:
            return _("Siège {of_name}").format(of_name=de(self.membership.person_name))
        return _("Ajouter un membre")

    def fields(self) -> ComposeResult:
        m = self.membership
        if m is None:
            yield Field(_("Personne *"), PersonPicker(id="person_id", can_create=True),
                        hint=_("Entrée prend la première trouvée, ↓ une autre ; absente : Ctrl+N"))
        yield Field(_("Siège *"), Select(Seat.choices(), id="seat", allow_blank=False,
                                         value=m.seat.value if m else Seat.TITULAR.value))
        yield Field(_("Suppléant(e) de"), Select(
            [(Text(t.person_name), t.id) for t in self.titulars], id="substitute_for",
            prompt=_("— personne (titulaire)"),
            value=m.substitute_for if m and m.substitute_for in {t.id for t in self.titulars}
            else Select.NULL))
        # A CDU's seats have a category; a seat that kept one when its committee became
        # something else shows it too, so that the refusal to keep it has a field to sit by.
        self.is_cdu = (self.app.store.committees.get(self.committee_id).kind is CommitteeKind.CDU
                       or bool(m and m.cdu_seat))
        if self.is_cdu:
            yield Field(_("Catégorie (CDU)"), Select(
                CduSeat.choices(), id="cdu_seat", prompt=_("— à préciser"),
                value=m.cdu_seat.value if m and m.cdu_seat else Select.NULL),
                hint=_("suppléant(e) : vide = celle du titulaire"))
        yield Field(_("Fonction *"), Select(Function.choices(), id="function", allow_blank=False,
                                            value=m.function.value if m else Function.MEMBER.value))
        if self.is_cdu:
            yield Field(_("Élu(e) le"), Input(wording.day(m.elected_on) if m else "",
                                              id="elected_on", placeholder="JJ/MM/AAAA"),
                        hint=_("date du vote (mandat de trois ans)"))
        yield Field(_("Début du mandat"), Input(wording.day(m.mandate_start) if m else "",
                                                 id="mandate_start", placeholder="JJ/MM/AAAA"))
        yield Field(_("Fin du mandat"), Input(wording.day(m.mandate_end) if m else "",
                                               id="mandate_end", placeholder="JJ/MM/AAAA"))
        yield Field(_("Désigné(e) par"), Input(m.designated_by if m else "", id="designated_by",
                                                placeholder=_("ex. ARS, équipe de la MSP…")))
        if self.is_cdu:
            yield Field(_("Arrêté de l’ARS"), Input(m.act_reference if m else "",
                                                    id="act_reference",
                                                    placeholder=_("ex. arrêté n° 2026-117")))
            yield Field(_("du"), Input(wording.day(m.act_date) if m else "", id="act_date",
                                       placeholder="JJ/MM/AAAA"))

    def on_mount(self) -> None:
        super().on_mount()
        self._show_cdu_fields()

    # The two fields agree as they are chosen; the store refuses what still disagrees.
    @on(Select.Changed, "#substitute_for")
    def _stands_in(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.query_one("#seat", Select).value = Seat.SUBSTITUTE.value

    @on(Select.Changed, "#seat")
    def _seat_chosen(self, event: Select.Changed) -> None:
        if event.value == Seat.TITULAR:
            self.query_one("#substitute_for", Select).clear()

    # A CDU's fields show when they apply: the election for a presidency, the arrêté for a RU.
    @on(Select.Changed, "#function, #cdu_seat, #substitute_for")
    def _show_cdu_fields(self) -> None:
        if not self.is_cdu:
            return
        values = self.values()
        self.query_one("#field-elected_on").display = values["function"] in PRESIDING
        ars = self._category(values) == CduSeat.USER_REPRESENTATIVE
        self.query_one("#field-act_reference").display = ars
        self.query_one("#field-act_date").display = ars

    def show_errors(self, errors: Mapping[str, str]) -> None:
        for name in errors:  # a refusal is read beside its field, shown if it was not
            for field in self.query(f"#field-{name}"):
                field.display = True
        super().show_errors(errors)

    def _category(self, values: Mapping[str, object]) -> object:
        """The seat's category as it will be saved: a suppléant(e) left without one takes
        their titulaire's."""
        if values["cdu_seat"] is None and values["substitute_for"] is not None:
            return self.categories.get(values["substitute_for"])
        return values["cdu_seat"]

    def submit(self, values: Mapping[str, object]) -> Membership:
        def person() -> int | None:
            if self.membership is None and not values["person_id"]:
                raise check.FieldError("person_id", _("Choisissez la personne dans la liste."))
            return values.get("person_id")

        def day(name: str) -> date | None:
            """A date of the form; out of a CDU, the seat's own, kept as it is."""
            if name in values:
                return check.parse_date(name, str(values[name]))
            return getattr(self.membership, name, None)

        # The election date goes with the presidency: hidden with it, it leaves with it.
        presiding = values["function"] in PRESIDING
        person_id, start, end, elected, act_date = check.collect(
            person, lambda: day("mandate_start"), lambda: day("mandate_end"),
            lambda: day("elected_on") if presiding else None, lambda: day("act_date"),
        )
        m = self.membership
        membership = MembershipInput(
            seat=str(values["seat"]), function=str(values["function"]),
            substitute_for=values["substitute_for"], mandate_start=start, mandate_end=end,
            designated_by=str(values["designated_by"]),
            cdu_seat=values["cdu_seat"] if self.is_cdu else None, elected_on=elected,
            act_reference=str(values.get("act_reference", m.act_reference if m else "")),
            act_date=act_date,
        )
        service = self.app.store.memberships
        if self.membership:
            return service.update(self.membership.id, membership)
        return service.add(self.committee_id, person_id, membership)
