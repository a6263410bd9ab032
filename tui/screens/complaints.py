"""« Plaintes et réclamations » — a CDU's complaints register, one year at a time: each case by
the establishment's file reference (never a name), when it came, its theme and service, how
long its answer took, its mediation (« ⚠ » past the eight days of R. 1112-93 or 94)."""

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.complaint_models import Complaint, ComplaintKind, Mediation
from comite.store.errors import NotFound
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.screens.base import ByYearScreen, add_plain_row, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable

# With their padding, 79 of 80 cells: a one-cell scrollbar beside them.
COLUMNS = ((_("Reçue le"), 10), (_("Référence"), 13), (_("Thème"), 14), (_("Service"), 13),
           (_("Réponse"), 7), (_("Médiation"), 10))
MEDIATION_SHORT = {Mediation.NONE: "", Mediation.MEDICAL: _("Méd."),
                   Mediation.NON_MEDICAL: _("Non méd."), Mediation.BOTH: _("Les 2")}


class ComplaintsScreen(ByYearScreen):
    SECTION = "committees"
    HERE: ClassVar = (
        commands.BACK,
        Command("new", "n", _("Nouvelle"), _("Enregistrer une plainte, une réclamation ou un éloge")),
        Command("edit", "e,enter", _("Modifier"), _("Ouvrir le dossier sélectionné"),
                key_display="e"),
        Command("delete", "delete", _("Supprimer"), _("Supprimer le dossier sélectionné"),
                key_display="Suppr"),
        Command("search", "slash", _("Chercher"), _("Rechercher un dossier par sa référence"),
                key_display="/"),
        Command("earlier", "minus", _("Année préc."), _("Les dossiers reçus l’année précédente"),
                key_display="-", footer=False),
        Command("later", "plus", _("Année suiv."), _("Les dossiers reçus l’année suivante"),
                key_display="+", footer=False),
    )
    TYPING: ClassVar = (
        Command("leave_search", "escape", _("Liste"),
                _("Dans la recherche : revenir à la liste (les lettres redeviennent des touches)"),
                key_display="Échap"),
        Command("to_list", "down", _("Choisir"), _("Dans la recherche : descendre dans la liste"),
                key_display="↓"),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    AUTO_FOCUS = "#complaints"
    DEFAULT_CSS = """
    ComplaintsScreen #complaints { scrollbar-size-vertical: 1; }
    """
    HELP_TITLE = _("Plaintes et réclamations")
    HELP_TEXT = _("Le registre de la commission des usagers, année par année (- et + changent "
                  "d’année) : chaque dossier par la référence de l’établissement, jamais par un "
                  "nom — le registre refuse un nom de la base, « M. », « Mme »… suivi d’un nom, "
                  "une adresse e-mail ou un téléphone. « Réponse » : jours entre la réception et "
                  "la réponse. « ⚠ » : la rencontre avec le médiateur ou son compte rendu a "
                  "dépassé les 8 jours (R. 1112-93 et 94). « / » cherche une référence ; n "
                  "enregistre un dossier, e ou Entrée l’ouvre, Suppr le supprime.")

    def __init__(self, committee_id: int, year: int | None = None) -> None:
        super().__init__()
        self.committee_id = committee_id
        self.year = year
        self.cases: list[Complaint] = []

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Input(placeholder=_("ex. REC-2026 (« / » : chercher une référence)"), id="search")
        yield Static(id="about", classes="totals", markup=False)
        yield ListTable(id="complaints", cursor_type="row", zebra_stripes=True)

    def prepare(self) -> None:
        table = self.query_one(DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)

    def reload(self) -> None:
        self.year = self.year or self.app.today.year
        store = self.app.store
        try:
            committee = store.committees.get(self.committee_id)
        except NotFound as error:
            self.record_gone(error)
            return
        self.query_one("#title", Static).update(_("Plaintes et réclamations {year} — {name}").format(
            year=self.year, name=committee.name))
        search = self.query_one("#search", Input).value
        self.cases = store.complaints.of_committee(self.committee_id, self.year, search)
        self.query_one("#about", Static).update(_about(self.cases, search))
        table = self.query_one(DataTable)
        current = selected_id(table)
        table.clear()
        for case in self.cases:
            add_plain_row(table, wording.day(case.received_on), case.reference,
                          case.theme.short_label, case.service, _answer(case), _mediation(case),
                          key=str(case.id))
        keep_cursor(table, current)

    @on(Input.Changed, "#search")
    def _typed(self) -> None:
        self.reload()

    def on_key(self, event) -> None:
        if event.key in ("down", "escape") and self.focused is self.query_one("#search"):
            self.leave_field(self.query_one(DataTable))
            event.stop()

    def on_screen_suspend(self) -> None:
        super().on_screen_suspend()
        if not isinstance(self.app.screen, ModalScreen):
            self.leave_field(self.query_one(DataTable))

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_leave_search(self) -> None:
        self.leave_field(self.query_one(DataTable))

    def action_to_list(self) -> None:
        self.leave_field(self.query_one(DataTable))

    def _selected(self) -> Complaint | None:
        row = selected_id(self.query_one(DataTable))
        return next((case for case in self.cases if case.id == row), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_new(self) -> None:
        from comite.tui.dialogs.complaint_form import ComplaintForm

        self.app.push_screen(ComplaintForm(self.committee_id), self._saved)

    def action_edit(self) -> None:
        if (case := self._selected()) is not None:
            from comite.tui.dialogs.complaint_form import ComplaintForm

            self.app.push_screen(ComplaintForm(self.committee_id, case), self._saved)

    def _saved(self, case: Complaint | None) -> None:
        if case is None:
            return
        if case.received_on.year != self.year:
            self.year = case.received_on.year  # shown where it was filed
        self.reload()
        keep_cursor(self.query_one(DataTable), case.id)
        self.notify(_("Dossier {reference} enregistré.").format(reference=case.reference))

    def action_delete(self) -> None:
        case = self._selected()
        if case is None:
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        def remove() -> None:
            self.app.store.complaints.remove(case.id)
            self.notify(_("Dossier {reference} supprimé.").format(reference=case.reference))
            self.reload()

        ConfirmScreen.ask(
            self.app, _("Supprimer le dossier {reference} ?").format(reference=case.reference),
            [_("Il disparaît du registre et du bilan de l’année ; le dossier de l’établissement, "
               "lui, reste où il est.")], confirm=_("Supprimer"), then=remove)


def _about(cases: list[Complaint], search: str) -> str:
    complaints = sum(1 for case in cases if case.kind is ComplaintKind.COMPLAINT)
    line = " · ".join((plural.count(complaints, _("réclamation"), _("réclamations")),
                       plural.count(len(cases) - complaints, _("éloge"), _("éloges")),
                       _("- et + : autre année")))
    if search.strip():
        line = _("Références contenant « {text} » : ").format(text=search.strip()) + line
    return line


def _answer(case: Complaint) -> str:
    """Days from receipt to answer; « éloge » for praise, which waits for none."""
    if case.kind is ComplaintKind.PRAISE:
        return _("éloge")
    days = case.days_to_answer
    return _("à faire") if days is None else _("{n} j").format(n=days)


def _mediation(case: Complaint) -> str:
    short = MEDIATION_SHORT[case.mediation]
    return f"{short} ⚠" if short and (case.mediation_late or case.report_late) else short
