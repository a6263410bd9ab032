"""A person's page, in four tabs: « Fiche » (contact, profile, roles, the committees they sit on
with their charter), « Parcours » (candidacies and trainings), « Frais » (their expenses of a
year, with receipts) and « Vie privée » (consents, the health note, retention, the journal of
what was done on their record, export and erasure)."""

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from comite.kernel.errors import system_reason
from comite.kernel.grammar import gendered
from comite.kernel.i18n import _
from comite.store.committee_models import USER_ROLES, Membership
from comite.store.errors import NotFound, Refused
from comite.store.expense_models import euros, km_text
from comite.store.people_models import Person
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.messages import OpenCommittee
from comite.tui.person_actions import confirm_deletion
from comite.tui.screens.base import BaseScreen, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable
from comite.tui.widgets.privacy_tab import PRIVACY_COMMANDS, PrivacyTab
from comite.tui.wording import (
    SEAT_SHORT,
    TRAINING_SHORT,
    charter_cell,
    format_hours,
    profile_line,
)
from comite.tui.workers import run_in_thread

FICHE, JOURNEY, EXPENSES, PRIVACY = "fiche", "parcours", "frais", "vie-privee"
RECEIPT_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")

EDIT = Command("edit", "e", _("Modifier"), _("Modifier la fiche : coordonnées, rôles, profil"))
DELETE = Command("delete", "delete", _("Supprimer"),
                 _("Supprimer cette personne (sur « Parcours » : retirer la formation "
                   "sélectionnée ; sur « Frais » : les frais sélectionnés)"), key_display="Suppr")
OPEN = Command("open", "enter", _("Ouvrir"),
               _("Ouvrir le comité sélectionné (sur « Parcours » : modifier la formation ; sur "
                 "« Frais » : les frais)"),
               footer=False)
CHARTER = Command("charter", "c", _("Charte"),
                  _("Ouvrir la charte d’engagement de la personne pour le comité sélectionné"))
TO_FICHE = Command(f"show_tab('{FICHE}')", "f", _("Fiche"), _("Onglet « Fiche »"), footer=False)
TO_JOURNEY = Command(f"show_tab('{JOURNEY}')", "p", _("Parcours"),
                     _("Onglet « Parcours » : candidatures et formations"), footer=False)
TO_PRIVACY = Command(f"show_tab('{PRIVACY}')", "r", _("Vie privée"),
                     _("Onglet « Vie privée » (RGPD) : accords, note de santé, conservation, "
                       "journal, export et effacement"), footer=False)
ADD_TRAINING = Command("add_training", "t", _("Formation"),
                       _("Ajouter une formation suivie, avec son attestation"))
# « m » modifies what the tab lists: a training on « Parcours », expenses on « Frais ».
EDIT_TRAINING = Command("modify", "m", _("Modifier"),
                        _("Modifier la formation sélectionnée (ou Entrée) ; sur « Frais », les "
                          "frais sélectionnés"),
                        name=_("Modifier la formation"))
REMOVE_TRAINING = Command("delete", "delete", _("Retirer"),
                          _("Retirer la formation sélectionnée et son attestation"),
                          key_display="Suppr")
TO_EXPENSES = Command(f"show_tab('{EXPENSES}')", "d", _("Frais"),
                      _("Onglet « Frais » : ses frais de l’année (défraiement), avec les "
                        "justificatifs"), footer=False)
ADD_EXPENSE = Command("add_expense", "n", _("Inscrire"),
                      _("Inscrire des frais : déplacement à une réunion, parking, ticket de bus…"))
EDIT_EXPENSE = Command("modify", "m", _("Modifier"),
                       _("Modifier les frais sélectionnés (ou Entrée)"), name=_("Modifier les frais"))
REMOVE_EXPENSE = Command("delete", "delete", _("Retirer"),
                         _("Retirer les frais sélectionnés et leurs justificatifs"),
                         key_display="Suppr")
ATTACH_RECEIPT = Command("attach_receipt", "j", _("Joindre"),
                         _("Joindre un justificatif (PDF, PNG ou JPEG) aux frais sélectionnés"))
STATEMENT = Command("expense_statement", "s", _("État"),
                    _("Écrire son état de frais de l’année affichée : un PDF à l’en-tête de la "
                      "structure qui rembourse, dans le dossier des exports"))
EARLIER = Command("expense_year(-1)", "minus", _("Année −"),
                  _("Frais de l’année précédente"), key_display="-", footer=False)
LATER = Command("expense_year(1)", "plus", _("Année +"), _("Frais de l’année suivante"),
                key_display="+", footer=False)

# What the key bar shows on each tab (F1 lists them all).
TAB_KEYS = {
    FICHE: (commands.BACK, EDIT, DELETE, CHARTER),
    JOURNEY: (commands.BACK, ADD_TRAINING, EDIT_TRAINING, REMOVE_TRAINING),
    EXPENSES: (commands.BACK, ADD_EXPENSE, EDIT_EXPENSE, REMOVE_EXPENSE, ATTACH_RECEIPT,
               STATEMENT),
    PRIVACY: PRIVACY_COMMANDS,  # Échap still goes back: the six keys of the tab need the room
}


class PersonScreen(BaseScreen):
    SECTION = "people"
    HERE: ClassVar = (commands.BACK, EDIT, DELETE, OPEN, CHARTER, TO_FICHE, TO_JOURNEY,
                      TO_EXPENSES, TO_PRIVACY, ADD_TRAINING, EDIT_TRAINING, ADD_EXPENSE,
                      ATTACH_RECEIPT, STATEMENT, EARLIER, LATER, *PRIVACY_COMMANDS)
    BINDINGS: ClassVar = commands.bindings(*HERE)
    AUTO_FOCUS = "#memberships"  # the shown tab's list (on_tabbed_content_tab_activated)
    DEFAULT_CSS = """
    PersonScreen TabbedContent { height: 1fr; }
    PersonScreen TabPane { padding: 0; height: 1fr; }
    PersonScreen #journey { height: auto; max-height: 6; padding: 0 1; }
    PersonScreen .list-title { color: $text-muted; }
    """
    HELP_TITLE = _("Fiche d’une personne")
    HELP_TEXT = _("Quatre onglets : f « Fiche » (coordonnées, profil, comités et charte), p "
                  "« Parcours » (candidatures, formations et attestations), d « Frais » (ses "
                  "frais de l’année : n en inscrit, m les modifie, j joint un justificatif, s "
                  "écrit son état de frais, - et + changent d’année ; depuis la séance, f sur la "
                  "personne), r « Vie privée » "
                  "(accords, note de santé, conservation, journal, export et effacement). La "
                  "touche d’un autre onglet ouvre d’abord cet onglet. La note de la fiche est "
                  "libre : n’y mettez pas d’information de santé, elle a sa place dans « Vie "
                  "privée », avec son accord. La colonne « Charte » dit où en est sa charte "
                  "d’engagement pour chaque comité ; c l’ouvre.")

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.memberships: list[Membership] = []
        self.is_user = False
        self.ended: set[int] = set()  # committees left, whose charter stays listed
        self.expense_year: int | None = None  # the year « Frais » shows (today's at first)

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        with TabbedContent(initial=FICHE):
            with TabPane(_("Fiche (f)"), id=FICHE):
                yield Static(id="details", classes="details", markup=False)
                yield ListTable(id="memberships", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Parcours (p)"), id=JOURNEY), Vertical():
                yield Static(id="journey", markup=False)
                yield Static(id="trainings-title", classes="list-title", markup=False)
                yield ListTable(id="trainings", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Frais (d)"), id=EXPENSES), Vertical():
                yield Static(id="expenses-title", classes="list-title", markup=False)
                yield ListTable(id="expenses", cursor_type="row", zebra_stripes=True)
            with TabPane(_("Vie privée (r)"), id=PRIVACY):
                yield PrivacyTab(self.person_id)

    def prepare(self) -> None:
        table = self.query_one("#memberships", DataTable)
        # Short seats (as on the dashboard) leave room for the charter and the whole mandate.
        for label, width in ((_("Comité"), 18), (_("Siège"), 6), (_("Fonction"), 12),
                             (_("Charte"), 11), (_("Mandat"), None)):
            table.add_column(label, width=width)
        trainings = self.query_one("#trainings", DataTable)
        for label, width in ((_("Le"), 10), (_("Formation"), 26), (_("Type"), 8),
                             (_("Heures"), 6), (_("Attestation"), None)):
            trainings.add_column(label, width=width)
        expenses = self.query_one("#expenses", DataTable)
        for label, width in ((_("Le"), 10), (_("Pour"), 20), (_("Km"), 5),
                             (_("Autres frais"), 14), (_("Montant"), 9), (_("Justif."), None)):
            expenses.add_column(label, width=width)

    # ---- tabs ------------------------------------------------------------------------------

    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        tab = event.pane.id or FICHE
        if tab != PRIVACY:
            self.query_one(PrivacyTab).hide_note()  # a revealed note never stays behind a tab
        self.show_keys()
        if tab == PRIVACY:
            self.query_one(PrivacyTab).reload()
        # The tab's list, and the one to take the focus back once filled (an empty list takes
        # none): never a list of another tab, which would show that tab.
        self.AUTO_FOCUS = {FICHE: "#memberships", JOURNEY: "#trainings", EXPENSES: "#expenses",
                           PRIVACY: "#consents"}[tab]
        self.focus_list(self.query_one(self.AUTO_FOCUS))

    def footer_keys(self) -> tuple[Command, ...]:
        return TAB_KEYS[self.active_tab()]

    def _on(self, tab: str) -> bool:
        """A tab's key pressed on another tab first shows that tab: nothing acts unseen."""
        if self.active_tab() == tab:
            return True
        self.action_show_tab(tab)
        return False

    def on_screen_suspend(self) -> None:
        super().on_screen_suspend()
        self.query_one(PrivacyTab).hide_note()

    # ---- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        store = self.app.store
        try:
            person = store.people.get(self.person_id)
        except NotFound as error:
            self.record_gone(error)
            return
        self.query_one("#title", Static).update(person.full_name)
        self._fill_fiche(person)
        self._fill_journey()
        self._fill_expenses()
        if self.active_tab() == PRIVACY:  # read when shown: the retention rules scan everyone
            self.query_one(PrivacyTab).reload()

    def _fill_fiche(self, person: Person) -> None:
        store = self.app.store
        lines = [
            _("Rôles : {roles}").format(
                roles=", ".join(gendered(r.label, person.gender) for r in person.roles)
                or _("aucun")),
            _("E-mail : {v}").format(v=person.email or _("— (courrier ou téléphone)")),
            _("Téléphone : {v}").format(v=person.phone or "—"),
        ]
        if person.profession:
            lines.append(_("Profession : {v}").format(v=person.profession))
        if person.association:
            lines.append(_("Association : {v}").format(v=person.association))
        if profile := profile_line(person):
            lines.append(profile)
        if person.easy_read:
            lines.append(_("Documents : la version facile à lire aussi (comptes rendus)"))
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
        table = self.query_one("#memberships", DataTable)
        table.clear()
        for m in self.memberships:
            table.add_row(wording.one_line(m.committee_name), Text(SEAT_SHORT[m.seat]),
                          wording.one_line(wording.function(m)),
                          charter_cell(self.is_user, charters, m.committee_id),
                          Text(wording.mandate(m)), key=str(m.committee_id))
        for committee_id in sorted(self.ended):
            charter = ended[committee_id]
            table.add_row(wording.one_line(charter.committee_name), Text("—"),
                          Text(_("(ancien)"), style="dim"),
                          charter_cell(True, charters, committee_id),
                          Text(_("engagement terminé"), style="dim"), key=str(committee_id))

    def _fill_journey(self) -> None:
        store = self.app.store
        lines = []
        for candidate in store.recruitment.of_person(self.person_id):
            line = _("Candidature « {role} » — {committee} : {stage} depuis le {day}").format(
                role=candidate.role.label,
                committee=candidate.committee_name or _("comité à choisir"),
                stage=candidate.stage.label.lower(), day=wording.day(candidate.stage_since))
            if candidate.next_step and not candidate.stage.closed:
                line += _(" · ensuite : {step}").format(step=candidate.next_step)
                if candidate.next_step_on:
                    line += _(" le {day}").format(day=wording.day(candidate.next_step_on))
            lines.append(line)
        self.query_one("#journey", Static).update(
            "\n".join(lines) or _("Aucune candidature : la personne n’est pas passée par le "
                                  "recrutement (6)."))
        trainings = store.trainings.of_person(self.person_id)
        hours = sum(t.hours for t in trainings)
        self.query_one("#trainings-title", Static).update(
            _("Formations : {n}, {hours} h · t pour en ajouter une").format(
                n=len(trainings), hours=format_hours(hours)) if trainings
            else _("Aucune formation notée · t pour en ajouter une, avec son attestation"))
        table = self.query_one("#trainings", DataTable)
        current = selected_id(table)
        table.clear()
        for t in trainings:
            table.add_row(Text(wording.day(t.held_on)), wording.one_line(t.course),
                          Text(TRAINING_SHORT.get(t.kind.value, t.kind.label)),
                          Text(format_hours(t.hours)),
                          Text(_("jointe"), style="green") if t.certificate_path
                          else Text(_("aucune"), style="dim"), key=str(t.id))
        keep_cursor(table, current)

    # ---- Fiche ---------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "memberships":
            self.action_open_committee()
        elif event.data_table.id == "trainings":
            self.action_edit_training()
        elif event.data_table.id == "expenses":
            self.action_edit_expense()
        elif event.data_table.id == "consents":
            self.query_one(PrivacyTab).record_consent()

    def action_open(self) -> None:
        if self.active_tab() == JOURNEY:
            self.action_edit_training()
        elif self.active_tab() == EXPENSES:
            self.action_edit_expense()
        elif self.active_tab() == FICHE:
            self.action_open_committee()

    def action_open_committee(self) -> None:
        if (committee_id := selected_id(self.query_one("#memberships", DataTable))) is not None:
            self.post_message(OpenCommittee(committee_id))

    def action_charter(self) -> None:
        if not self._on(FICHE):
            return
        committee_id = selected_id(self.query_one("#memberships", DataTable))
        if committee_id is None:
            self.notify(_("Cette personne ne siège dans aucun comité : pas de charte."),
                        severity="warning")
            return
        if not self.is_user and committee_id not in self.ended:
            self.notify(_("Pas de charte pour ce siège : la charte d’engagement concerne les "
                          "usagers (représentant(e) des usagers, patient(e) partenaire…). Ajoutez "
                          "le rôle voulu avec « e » si besoin."), severity="warning", timeout=10)
            return
        from comite.tui.screens.charter import CharterScreen

        self.app.push_screen(CharterScreen(self.person_id, committee_id, section=self.SECTION))

    def action_edit(self) -> None:
        from comite.tui.dialogs.person_form import PersonForm

        self.app.push_screen(PersonForm(self.app.store.people.get(self.person_id)),
                             lambda saved: self.reload() if saved else None)

    def action_delete(self) -> None:
        tab = self.active_tab()
        if tab == JOURNEY:
            self.remove_training()
        elif tab == EXPENSES:
            self.remove_expense()
        elif tab == FICHE:
            confirm_deletion(self, self.person_id, self.dismiss)

    # ---- Parcours ------------------------------------------------------------------------

    def _training_id(self) -> int | None:
        return selected_id(self.query_one("#trainings", DataTable))

    def action_add_training(self) -> None:
        if not self._on(JOURNEY):
            return
        from comite.tui.dialogs.training_form import TrainingForm

        self.app.push_screen(TrainingForm(self.person_id), self._training_saved)

    def action_modify(self) -> None:
        if self.active_tab() == EXPENSES:
            self.action_edit_expense()
        else:
            self.action_edit_training()

    def action_edit_training(self) -> None:
        if not self._on(JOURNEY):
            return
        if (training_id := self._training_id()) is None:
            self.notify(_("Aucune formation à modifier : t pour en ajouter une."))
            return
        from comite.tui.dialogs.training_form import TrainingForm

        try:
            training = self.app.store.trainings.get(training_id)
        except NotFound as error:
            self.notify(error.message, severity="warning")
            self.reload()
            return
        self.app.push_screen(TrainingForm(self.person_id, training), self._training_saved)

    def _training_saved(self, training: object) -> None:
        if training is not None:
            self.reload()
            keep_cursor(self.query_one("#trainings", DataTable), training.id)
            self.notify(_("Formation enregistrée : {course}.").format(course=training.course))

    def remove_training(self) -> None:
        if (training_id := self._training_id()) is None:
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        store = self.app.store
        training = store.trainings.get(training_id)
        lines = [_("« {course} » du {day} ne figurera plus dans son parcours.").format(
            course=training.course, day=wording.day(training.held_on))]
        if training.certificate_path:
            lines.append(_("Son attestation (le fichier gardé par comite) sera supprimée aussi."))

        def remove() -> None:
            from comite.sync.training_certificates import discard
            from comite.usecases import paths

            try:
                removed = store.trainings.remove(training_id)
            except Refused as error:
                self.notify(error.message, severity="warning")
                self.reload()
                return
            try:
                discard(removed.certificate_path, paths.training_certificates_dir())
            except OSError as error:
                self.notify(_("La formation est retirée, mais son attestation n’a pas pu être "
                              "supprimée : {why}").format(why=system_reason(error)), severity="warning")
            else:
                self.notify(_("Formation retirée : {course}.").format(course=removed.course))
            self.reload()

        ConfirmScreen.ask(self.app, _("Retirer cette formation ?"), lines,
                          confirm=_("Retirer"), then=remove)

    # ---- Frais -----------------------------------------------------------------------------

    def _fill_expenses(self) -> None:
        year = self.expense_year or self.app.today.year
        expenses = self.app.store.expenses.of_person(self.person_id, year)
        total = sum(expense.amount_cents for expense in expenses)
        self.query_one("#expenses-title", Static).update(
            _("Frais {year} : {n}, {total} · n pour en inscrire · - et + : autre année").format(
                year=year, n=len(expenses), total=euros(total)) if expenses
            else _("Aucuns frais en {year} · n pour en inscrire · - et + : autre année").format(
                year=year))
        table = self.query_one("#expenses", DataTable)
        current = selected_id(table)
        table.clear()
        for expense in expenses:
            table.add_row(Text(wording.day(expense.spent_on)),
                          wording.one_line(expense.label or _("Frais")),
                          Text(km_text(expense.km) if expense.km else "—"),
                          wording.one_line(f"{expense.other_label} {euros(expense.other_cents)}"
                                           if expense.other_cents else "—"),
                          Text(euros(expense.amount_cents), justify="right"),
                          Text(_("joint"), style="green") if expense.receipts
                          else Text(_("aucun"), style="dim"), key=str(expense.id))
        keep_cursor(table, current)

    def _expense_id(self) -> int | None:
        return selected_id(self.query_one("#expenses", DataTable))

    def action_expense_year(self, delta: int) -> None:
        if not self._on(EXPENSES):
            return
        self.expense_year = (self.expense_year or self.app.today.year) + delta
        self._fill_expenses()

    def action_add_expense(self) -> None:
        if not self._on(EXPENSES):
            return
        from comite.tui.dialogs.expense_form import ExpenseForm

        self.app.push_screen(ExpenseForm(self.person_id), self._expense_saved)

    def action_edit_expense(self) -> None:
        if not self._on(EXPENSES):
            return
        if (expense_id := self._expense_id()) is None:
            self.notify(_("Aucuns frais à modifier : n pour en inscrire."))
            return
        from comite.tui.dialogs.expense_form import ExpenseForm

        try:
            expense = self.app.store.expenses.get(expense_id)
        except NotFound as error:
            self.notify(error.message, severity="warning")
            self.reload()
            return
        self.app.push_screen(ExpenseForm(self.person_id, expense), self._expense_saved)

    def _expense_saved(self, expense: object) -> None:
        if expense is None:
            return
        self.expense_year = expense.spent_on.year  # where it is listed
        self.reload()
        keep_cursor(self.query_one("#expenses", DataTable), expense.id)
        self.notify(_("Frais enregistrés : {amount}.").format(amount=euros(expense.amount_cents)))

    def remove_expense(self) -> None:
        if (expense_id := self._expense_id()) is None:
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        store = self.app.store
        expense = store.expenses.get(expense_id)
        lines = [_("Les frais du {day} ({amount}) ne figureront plus sur son état de frais.")
                 .format(day=wording.day(expense.spent_on), amount=euros(expense.amount_cents))]
        if expense.receipts:
            lines.append(_("Leurs justificatifs (les fichiers gardés par comite) seront "
                           "supprimés aussi."))

        def remove() -> None:
            from comite.usecases.expenses import delete_expense

            try:
                removed = delete_expense(store, expense_id)
            except Refused as error:
                self.notify(error.message, severity="warning")
            else:
                self.notify(_("Frais retirés : {amount}.").format(
                    amount=euros(removed.amount_cents)))
            self.reload()

        ConfirmScreen.ask(self.app, _("Retirer ces frais ?"), lines, confirm=_("Retirer"),
                          then=remove)

    def action_expense_statement(self) -> None:
        """The statement of the year shown, written off the UI thread; a toast names it."""
        if not self._on(EXPENSES):
            return
        app, person_id = self.app, self.person_id
        year = self.expense_year or app.today.year
        store, folder, today = app.store, app.settings.folder("exports"), app.today

        def work() -> object:
            from comite.exports.files import slug
            from comite.usecases.expenses import write_expense_report

            name = store.people.get(person_id).full_name
            return write_expense_report(store, year, folder / f"frais-{year}-{slug(name)}.pdf",
                                        today, person_id=person_id)

        run_in_thread(self, work, group="expense-statement", where=folder,
                      done=lambda path: app.notify(_("État de frais {year} :\n{path}").format(
                          year=year, path=path), timeout=12),
                      failed=lambda message: app.notify(message, severity="warning", timeout=10))

    def action_attach_receipt(self) -> None:
        if not self._on(EXPENSES):
            return
        if (expense_id := self._expense_id()) is None:
            self.notify(_("Aucuns frais sélectionnés : n pour en inscrire, puis j pour joindre "
                          "leur justificatif."))
            return
        from comite.tui.dialogs.file_picker import FilePicker
        from comite.usecases import paths

        def picked(path: object) -> None:
            if path is not None:
                self._receive_receipt(expense_id, path)

        self.app.push_screen(FilePicker(_("Joindre un justificatif (PDF, PNG ou JPEG)"),
                                        paths.documents_folder(), RECEIPT_SUFFIXES,
                                        placeholder=_("Chemin du PDF ou de la photo, puis "
                                                      "Entrée")), picked)

    def _receive_receipt(self, expense_id: int, source: object) -> None:
        store = self.app.store

        def work() -> object:
            from comite.usecases.expenses import attach_receipt

            return attach_receipt(store, expense_id, source)

        def attached(_receipt: object) -> None:
            self.notify(_("Justificatif joint."))
            if self.is_attached:
                self.reload()

        def refused(error: Refused) -> str:
            return " ".join(filter(None, (error.message, getattr(error, "advice", ""))))

        run_in_thread(self, work, done=attached, group="expense-receipt", refused=refused,
                      failed=lambda message: self.notify(message, severity="error", timeout=12),
                      unwritable=lambda error: _("Le justificatif n’a pas pu être copié : "
                                                 "{why}").format(why=system_reason(error)))

    # ---- Vie privée: the tab does the work, the keys live here -----------------------------

    def _privacy(self, act: Callable[[PrivacyTab], None]) -> None:
        if self._on(PRIVACY):
            act(self.query_one(PrivacyTab))

    def action_record_consent(self) -> None:
        self._privacy(PrivacyTab.record_consent)

    def action_withdraw_consent(self) -> None:
        self._privacy(PrivacyTab.withdraw)

    def action_reveal_note(self) -> None:
        self._privacy(PrivacyTab.reveal_note)

    def action_edit_note(self) -> None:
        self._privacy(PrivacyTab.edit_note)

    def action_export(self) -> None:
        self._privacy(PrivacyTab.export)

    def action_erase(self) -> None:
        self._privacy(PrivacyTab.erase)


