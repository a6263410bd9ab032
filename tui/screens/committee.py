"""One committee: who sits on it, on which seat, who substitutes for whom, until when; how
often it met this year; for a commission des usagers, each seat's category and what the
commission lacks or soon needs (R. 1112-81)."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from comite.kernel import plural
from comite.kernel.grammar import gendered
from comite.kernel.i18n import _
from comite.store.committee_models import CommitteeKind, Function, Membership, Seat
from comite.store.errors import NotFound
from comite.store.seating import marked, membership_place
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.messages import OpenPerson
from comite.tui.screens.base import BaseScreen, add_plain_row, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable

# The members' columns, the seat shortened (« Tit. », « Suppl. »): with their padding they take
# 79 of 80 cells, a one-cell scrollbar beside them, so no column's name is cut (« Désigné(e) pa »
# was). A CDU's say each seat's category (R. 1112-81) in the room of « Désigné(e) par », which
# the seat's form shows with the ARS arrêté. A longer value ends with « … ».
COLUMNS = ((_("Nom"), 17), (_("Siège"), 6), (_("Fonction"), 17), (_("Fin mandat"), 10),
           (_("Désigné(e) par"), 19))
CDU_COLUMNS = ((_("Nom"), 17), (_("Siège"), 6), (_("Catégorie"), 18), (_("Fonction"), 17),
               (_("Fin mandat"), 10))


class CommitteeScreen(BaseScreen):
    SECTION = "committees"
    HERE: ClassVar = (
        commands.BACK,
        Command("add_member", "a", _("Ajouter"), _("Ajouter un membre : titulaire, suppléant(e)…")),
        Command("edit_member", "e", _("Siège"),
                _("Modifier le siège, la fonction ou le mandat du membre sélectionné")),
        Command("remove_member", "delete", _("Retirer"), _("Retirer le membre sélectionné du comité"),
                key_display="Suppr"),
        Command("new_meeting", "r", _("Réunion"),
                _("Préparer une réunion de ce comité : proposer des créneaux aux membres")),
        Command("open_person", "enter", _("Fiche"), _("Ouvrir la fiche de la personne"),
                footer=False),
        Command("edit_committee", "m", _("Modifier le comité"),
                _("Modifier le nom, le type ou la description du comité"), footer=False),
        Command("composition", "c", _("Composition"),
                _("Composition du comité (représentativité) : rôles, âges, sexe, territoire, "
                  "vécu — des nombres seulement"), footer=False),
        Command("criteria", "k", _("Critères"),
                _("Les critères de l’équipe pour recruter dans ce comité : qualités recherchées, "
                  "points rédhibitoires"), footer=False),
        Command("complaints", "p", _("Plaintes"),
                _("Le registre des plaintes, réclamations et éloges de la commission des "
                  "usagers, par la référence de l’établissement"), footer=False),
        Command("year", "b", _("Bilan"),
                _("Le bilan de l’année : réunions, présence, prises de parole, conclusions, "
                  "participation, recrutement ; x y écrit le bilan à remettre"), footer=False),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Un comité")
    HELP_TEXT = _("Chaque titulaire est suivi(e) de ses suppléant(e)s (« ↳ ») ; un(e) "
                  "suppléant(e) sans titulaire vient après tous les titulaires. Un siège est "
                  "couvert quand son ou sa titulaire, ou un(e) suppléant(e), peut venir. Dans "
                  "l’ajout d’un membre, Ctrl+N crée la personne pas encore enregistrée. Sous "
                  "le titre : les réunions de l’année, tenues et prévues, trimestre par "
                  "trimestre (le trimestre en cours en gras). Pour une commission des usagers : "
                  "la catégorie de chaque siège (art. R. 1112-81), et ce qui manque (« ⚠ » : "
                  "siège, suppléant(e), présidence, mandat échu) ou se prépare (« → » : "
                  "élection, renouvellement à demander à l’ARS) ; Tab y descend pour tout lire ; "
                  "p ouvre son registre des plaintes et réclamations.")

    def __init__(self, committee_id: int) -> None:
        super().__init__()
        self.committee_id = committee_id
        self.members: list[Membership] = []
        self.archived = False
        self.is_cdu = False
        self.columns: tuple = ()
        # Held here: inside its scroll, it may not be mounted yet when the page first fills.
        self.gaps_text = Static(id="gaps-text", markup=False)

    DEFAULT_CSS = """
    CommitteeScreen #rhythm { padding: 0 1; height: auto; }
    CommitteeScreen #gaps { height: auto; max-height: 6; padding: 0 1; display: none; }
    CommitteeScreen #gaps.-cdu { display: block; }
    CommitteeScreen #gaps > Static { height: auto; }
    CommitteeScreen #members { scrollbar-size-vertical: 1; }
    """

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="about", classes="totals", markup=False)
        yield Static(id="rhythm", markup=False)
        with VerticalScroll(id="gaps"):
            yield self.gaps_text
        yield ListTable(id="members", cursor_type="row", zebra_stripes=True)

    def reload(self) -> None:
        store = self.app.store
        try:
            summary = store.committees.summary(self.committee_id)
        except NotFound as error:
            self.record_gone(error)
            return
        c = summary.committee
        self.archived = c.archived
        self.query_one("#title", Static).update(
            c.name + (_("  [archivé]") if c.archived else ""))
        structure = f"{c.kind.label} · {c.structure_name}"
        if coordinator := store.structures.committee_coordinator(self.committee_id):
            structure += _(" · coordination : {name}").format(name=coordinator.name)
        about = [structure, " · ".join((
            plural.count(summary.members, _("membre"), _("membres")),
            plural.count(summary.titulars, _("titulaire"), _("titulaires")),
            plural.count(summary.substitutes, _("suppléant(e)"), _("suppléant(e)s"))))]
        if c.description:
            about.append(c.description)
        self.query_one("#about", Static).update("\n".join(about))
        is_cdu = c.kind is CommitteeKind.CDU
        self.is_cdu = is_cdu
        # « Plaintes » is a CDU's: the help and the palette offer it there only.
        self.HERE = type(self).HERE if is_cdu else tuple(
            c for c in type(self).HERE if c.action != "complaints")
        self._rhythm(is_cdu)
        gaps = self.query_one("#gaps", VerticalScroll)
        gaps.set_class(is_cdu, "-cdu")
        if is_cdu:
            self.gaps_text.update(wording.cdu_gap_lines(
                store.committees.cdu_gaps(self.committee_id, self.app.today)))
        table = self.query_one(DataTable)
        current = selected_id(table)
        columns = CDU_COLUMNS if is_cdu else COLUMNS
        table.clear(columns=columns != self.columns)
        if columns != self.columns:  # the first time, or the committee became (or left) a CDU
            self.columns = columns
            for label, width in columns:
                table.add_column(label, width=width)
        self.members = store.memberships.of_committee(self.committee_id)
        # « ↳ »: under their titulaire. A suppléant(e) without one is listed after every
        # titulaire, unmarked, so as not to read as the last one's.
        for m, under in marked(self.members, membership_place):
            name = "  ↳ " + m.person_name if under else m.person_name
            if is_cdu:
                add_plain_row(table, name, wording.SEAT_SHORT[m.seat], _category(m),
                              wording.function(m), wording.day(m.mandate_end), key=str(m.id))
            else:
                add_plain_row(table, name, wording.SEAT_SHORT[m.seat], wording.function(m),
                              wording.day(m.mandate_end), m.designated_by, key=str(m.id))
        keep_cursor(table, current)
        table.focus()

    def _rhythm(self, is_cdu: bool) -> None:
        """This year's meetings, quarter by quarter; for a CDU, how many quarters had one."""
        year = self.app.today.year
        quarters = self.app.store.committees.quarters(self.committee_id, year, self.app.today)
        line = wording.rhythm(year, quarters)
        if is_cdu:
            line.append(" · " + wording.quarters_met(quarters))
        self.query_one("#rhythm", Static).update(line)

    def _selected(self) -> Membership | None:
        row = selected_id(self.query_one(DataTable))
        return next((m for m in self.members if m.id == row), None)

    def _titulars(self) -> list[Membership]:
        return [m for m in self.members if m.seat == Seat.TITULAR]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_person()

    def action_open_person(self) -> None:
        if member := self._selected():
            self.post_message(OpenPerson(member.person_id))

    def _frozen(self) -> bool:
        if self.archived:
            self.notify(_("Ce comité est archivé : réactivez-le (touche « a » dans Comités) "
                          "avant de changer ses membres."), severity="warning")
        return self.archived

    def action_add_member(self) -> None:
        if self._frozen():
            return
        from comite.tui.dialogs.membership_form import MembershipForm

        self.app.push_screen(MembershipForm(self.committee_id, self._titulars()), self._saved)

    def action_edit_member(self) -> None:
        if not self._frozen() and (member := self._selected()):
            from comite.tui.dialogs.membership_form import MembershipForm

            self.app.push_screen(
                MembershipForm(self.committee_id, self._titulars(), member), self._saved)

    def _saved(self, membership: Membership | None) -> None:
        if membership is not None:
            self.reload()
            keep_cursor(self.query_one(DataTable), membership.id)
            self.notify(_("{name} : {seat}.").format(
                name=membership.person_name, seat=wording.seat(membership)))

    def action_remove_member(self) -> None:
        member = self._selected()
        if member is None or self._frozen():
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        substitutes = [m.person_name for m in self.members if m.substitute_for == member.id]
        lines = [_("{name} ne fera plus partie de ce comité ; sa fiche reste dans "
                   "« Personnes ».").format(name=member.person_name)]
        if substitutes:
            lines.append(_("Ses suppléant(e)s resteront sans titulaire : {names}.").format(
                names=", ".join(substitutes)))

        gender = self.app.store.people.get(member.person_id).gender

        def remove() -> None:
            self.app.store.memberships.remove(member.id)
            self.notify(gendered(_("{name} a été retiré(e) du comité."), gender).format(
                name=member.person_name))
            self.reload()

        ConfirmScreen.ask(
            self.app, _("Retirer {name} du comité ?").format(name=member.person_name), lines,
            confirm=_("Retirer"), then=remove)

    def action_new_meeting(self) -> None:
        if self._frozen():
            return
        from comite.tui.dialogs.meeting_form import MeetingForm

        self.app.push_screen(MeetingForm(committee_id=self.committee_id), self._meeting_created)

    def _meeting_created(self, meeting: object) -> None:
        if meeting is not None:
            from comite.tui.screens.meeting import MeetingScreen

            self.app.push_screen(MeetingScreen(meeting.id))

    def action_composition(self) -> None:
        from comite.tui.screens.composition import CompositionScreen

        self.app.push_screen(CompositionScreen(self.committee_id))

    def action_year(self) -> None:
        from comite.tui.screens.year import YearScreen

        self.app.push_screen(YearScreen(self.committee_id))

    def action_complaints(self) -> None:
        if not self.is_cdu:
            self.notify(_("Le registre des plaintes et réclamations est celui d’une commission "
                          "des usagers (CDU) : ce comité n’en est pas une."), severity="warning")
            return
        from comite.tui.screens.complaints import ComplaintsScreen

        self.app.push_screen(ComplaintsScreen(self.committee_id))

    def action_criteria(self) -> None:
        from comite.tui.screens.criteria import CriteriaScreen

        self.app.push_screen(CriteriaScreen(self.committee_id, section=self.SECTION))

    def action_edit_committee(self) -> None:
        from comite.tui.dialogs.committee_form import CommitteeForm

        self.app.push_screen(CommitteeForm(self.app.store.committees.get(self.committee_id)),
                             lambda saved: self.reload() if saved else None)


def _category(member: Membership) -> str:
    """A CDU seat's category, short; a guest has none to give."""
    if member.cdu_seat:
        return member.cdu_seat.short_label
    return "" if member.function is Function.GUEST else _("à préciser")
