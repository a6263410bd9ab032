"""A person's page: contact, roles, and the committees they sit on."""

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from store.charter_models import Charter, CharterStatus
from store.errors import NotFound
from store.i18n import _
from store.models import USER_ROLES, Membership, Seat
from tui import commands, format
from tui.commands import Command
from tui.screens.base import BaseScreen, selected_id
from tui.screens.charters import STATUS_STYLE

SEAT_SHORT = {Seat.TITULAR: _("Tit."), Seat.SUBSTITUTE: _("Suppl.")}


class PersonScreen(BaseScreen):
    SECTION = "people"
    HERE: ClassVar = (
        commands.BACK,
        Command("edit", "e", _("Modifier"), _("Modifier la fiche")),
        Command("delete", "delete", _("Supprimer"), _("Supprimer cette personne"),
                key_display="Suppr"),
        Command("open_committee", "enter", _("Comité"), _("Ouvrir le comité sélectionné"),
                footer=False),
        Command("charter", "c", _("Charte"),
                _("Ouvrir la charte d’engagement de la personne pour le comité sélectionné")),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Fiche d’une personne")
    HELP_TEXT = _("Ses coordonnées, ses rôles et les comités où elle siège. La note est libre : "
                  "n’y mettez pas d’information de santé sans son consentement. La colonne "
                  "« Charte » dit où en est sa charte d’engagement pour chaque comité (« aucune » "
                  "pour qui n’y siège pas comme usager) ; c l’ouvre.")

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.memberships: list[Membership] = []
        self.is_user = False
        self.ended: set[int] = set()  # committees left, whose charter stays listed

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="details", classes="details", markup=False)
        yield DataTable(id="memberships", cursor_type="row", zebra_stripes=True)

    def prepare(self) -> None:
        table = self.query_one(DataTable)
        # Short seats (as on the dashboard) leave room for the charter and the whole mandate.
        for label, width in ((_("Comité"), 18), (_("Siège"), 6), (_("Fonction"), 12),
                             (_("Charte"), 11), (_("Mandat"), None)):
            table.add_column(label, width=width)

    def reload(self) -> None:
        store = self.app.store
        try:
            person = store.people.get(self.person_id)
        except NotFound as error:
            if self.is_current:  # a late refresh of a closed page must close nothing else
                self.notify(error.message, severity="warning")
                self.dismiss()
            return
        self.query_one("#title", Static).update(person.full_name)
        lines = [
            _("Rôles : {roles}").format(
                roles=", ".join(r.label for r in person.roles) or _("aucun")),
            _("E-mail : {v}").format(v=person.email or _("— (courrier ou téléphone)")),
            _("Téléphone : {v}").format(v=person.phone or "—"),
        ]
        if person.profession:
            lines.append(_("Profession : {v}").format(v=person.profession))
        if person.association:
            lines.append(_("Association : {v}").format(v=person.association))
        if person.note:
            lines.append(_("Note : {v}").format(v=person.note))
        self.memberships = store.memberships.of_person(self.person_id)
        lines.append(_("Comités : {n}").format(n=len(self.memberships)) if self.memberships
                     else _("Ne siège dans aucun comité."))
        self.is_user = bool(set(person.roles) & set(USER_ROLES))
        charters = store.charters.of_person(self.person_id)
        # An ended engagement keeps its charter: it stays listed, below the current seats.
        seats = {m.committee_id for m in self.memberships}
        ended = {}
        for charter in charters:
            if charter.committee_id not in seats:
                ended.setdefault(charter.committee_id, charter)
        self.ended = {committee_id for committee_id in ended if committee_id is not None}
        if None in ended:
            lines.append(_("Charte d’un comité supprimé depuis : {uid} ({status}).").format(
                uid=ended[None].uid, status=ended[None].status.label.lower()))
        self.query_one("#details", Static).update("\n".join(lines))
        table = self.query_one(DataTable)
        table.clear()
        for m in self.memberships:
            table.add_row(Text(m.committee_name), Text(SEAT_SHORT[m.seat]), Text(m.function.label),
                          charter_cell(self.is_user, charters, m.committee_id),
                          Text(format.mandate(m)), key=str(m.committee_id))
        for committee_id in sorted(self.ended):
            charter = ended[committee_id]
            table.add_row(Text(charter.committee_name), Text("—"), Text(_("(ancien)"), style="dim"),
                          charter_cell(True, charters, committee_id),
                          Text(_("engagement terminé"), style="dim"), key=str(committee_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_committee()

    def action_open_committee(self) -> None:
        if (committee_id := selected_id(self.query_one(DataTable))) is not None:
            from tui.screens.committee import CommitteeScreen

            self.app.push_screen(CommitteeScreen(committee_id))

    def action_charter(self) -> None:
        committee_id = selected_id(self.query_one(DataTable))
        if committee_id is None:
            self.notify(_("Cette personne ne siège dans aucun comité : pas de charte."),
                        severity="warning")
            return
        if not self.is_user and committee_id not in self.ended:
            self.notify(_("Pas de charte pour ce siège : la charte d’engagement concerne les "
                          "usagers (représentant(e) des usagers, patient(e) partenaire…). Ajoutez "
                          "le rôle voulu avec « e » si besoin."), severity="warning", timeout=10)
            return
        from tui.screens.charter import CharterScreen

        self.app.push_screen(CharterScreen(self.person_id, committee_id, section=self.SECTION))

    def action_edit(self) -> None:
        from tui.screens.person_form import PersonForm

        self.app.push_screen(PersonForm(self.app.store.people.get(self.person_id)),
                             lambda saved: self.reload() if saved else None)

    def action_delete(self) -> None:
        confirm_deletion(self, self.person_id, self.dismiss)


def confirm_deletion(screen: Screen, person_id: int, after: Callable[[], object]) -> None:
    """Say what goes with the person, then delete only if the coordinator confirms."""
    from tui.screens.confirm import ConfirmScreen

    store = screen.app.store
    impact = store.people.deletion_impact(person_id)
    name = impact.person.full_name
    lines = [_("Sa fiche, ses coordonnées, ses rôles et sa note seront effacés.")]
    if impact.memberships:
        lines.append(_("Il ou elle sera retiré(e) de : {committees}.").format(
            committees=", ".join(m.committee_name for m in impact.memberships)))
    if impact.substitutes_left_without_titular:
        lines.append(_("Ses suppléant(e)s resteront sans titulaire : {names}.").format(
            names=", ".join(m.person_name for m in impact.substitutes_left_without_titular)))
    lines.append(_("Cette suppression est définitive."))

    def answer(yes: bool) -> None:
        if yes:
            store.people.delete(person_id)
            screen.notify(_("{name} a été supprimé(e).").format(name=name))
            after()

    screen.app.push_screen(ConfirmScreen(_("Supprimer {name} ?").format(name=name), lines,
                                         confirm=_("Supprimer définitivement")), answer)


def charter_cell(is_user: bool, charters: list[Charter], committee_id: int) -> Text:
    """Where this seat's charter stands (its latest one); « aucune » for a seat that has none to
    sign (not a user)."""
    if not is_user:
        return Text(_("aucune"), style="dim")
    latest = next((c for c in charters if c.committee_id == committee_id), None)
    status = latest.status if latest else CharterStatus.TO_GENERATE
    return Text(status.label, style=STATUS_STYLE[status])
