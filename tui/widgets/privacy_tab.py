"""The « Vie privée » tab of a person's page: their consents per purpose, the health note
(hidden until asked for, every reading journaled), what the retention rules say of them, the
journal of what was done on their record (never the values), and their two rights that act at
once: access (export) and erasure."""


from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from comite.kernel.i18n import _
from comite.store.errors import NotFound, Refused
from comite.tui import wording
from comite.tui.commands import Command
from comite.tui.dialogs.access_export_form import ExportForm
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.person_actions import confirm_erasure, person_journal, run_export
from comite.tui.widgets.lists import ListTable
from comite.tui.wording import audit_action, consent_state, entry_subject, local_moment, retention_line

PRIVACY_COMMANDS = (
    Command("record_consent", "o", _("Accord"),
            _("Noter un accord pour l’objet sélectionné, après lui en avoir lu le texte exact")),
    Command("withdraw_consent", "w", _("Retirer"),
            _("Noter le retrait de l’accord sélectionné (aujourd’hui)")),
    Command("reveal_note", "v", _("Voir"),
            _("Afficher ou masquer la note de santé (chaque consultation est journalisée)")),
    Command("edit_note", "h", _("Note"),
            _("Écrire la note de santé : seulement avec son accord « Informations de santé »")),
    Command("export", "x", _("Accès"),
            _("Exporter ses données (droit d’accès) : un JSON et un PDF lisible")),
    Command("erase", "E", _("Effacer"),
            _("Effacer la personne partout (droit à l’effacement) : définitif (Maj+E)")),
)


class PrivacyTab(Vertical):
    DEFAULT_CSS = """
    PrivacyTab { height: 1fr; }
    PrivacyTab #consents { height: auto; max-height: 5; }
    PrivacyTab #health-box { height: auto; max-height: 5; padding: 0 1; }
    PrivacyTab #retention { height: auto; padding: 0 1; color: $text-muted; }
    PrivacyTab .list-title { color: $text-muted; }
    PrivacyTab #journal { height: 1fr; }
    """

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.revealed: str | None = None  # the note's text while it is shown

    def compose(self) -> ComposeResult:
        yield ListTable(id="consents", cursor_type="row")
        with VerticalScroll(id="health-box", can_focus=False):
            yield Static(id="health", markup=False)
        yield Static(id="retention", markup=False)
        yield Static(_("Journal de sa fiche — qui a fait quoi, jamais les valeurs :"),
                     classes="list-title", markup=False)
        yield ListTable(id="journal", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#consents", DataTable).add_columns(_("Accord pour"), _("Où il en est"))
        journal = self.query_one("#journal", DataTable)
        # Within the tab at 80 columns, its scrollbar beside: what « Sur » cuts ends with « … ».
        for label, width in ((_("Le"), 16), (_("Par"), 12), (_("Action"), 23), (_("Sur"), 18)):
            journal.add_column(label, width=width)

    # ---- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        from comite.store.privacy_models import Purpose

        store = self.app.store
        consents = store.consents.of_person(self.person_id)
        table = self.query_one("#consents", DataTable)
        row = table.cursor_row
        table.clear()
        for purpose in Purpose:
            table.add_row(Text(purpose.label), consent_state(store, consents, purpose),
                          key=purpose.value)
        table.move_cursor(row=min(row, table.row_count - 1))
        if not store.consents.has_health_note(self.person_id):
            self.revealed = None
        self._show_note()
        self.query_one("#retention", Static).update(retention_line(store, self.person_id,
                                                                   self.app.today))
        journal = self.query_one("#journal", DataTable)
        journal.clear()
        zone = self.app.settings.timezone
        for entry in person_journal(store, self.person_id):
            journal.add_row(Text(local_moment(entry.at, zone)), wording.one_line(entry.actor),
                            wording.one_line(audit_action(entry.action)),
                            wording.one_line(entry_subject(entry)))

    def _show_note(self) -> None:
        store = self.app.store
        if self.revealed is not None:
            text = _("Note de santé (affichée, consultation journalisée ; v ou changer d’onglet "
                     "la masque) : {text}").format(text=self.revealed)
        elif store.consents.has_health_note(self.person_id):
            text = _("Note de santé : masquée — v pour l’afficher (la consultation est "
                     "journalisée)")
        elif store.consents.active(self.person_id, "health") is None:
            text = _("Note de santé : aucune — il faudrait d’abord son accord « Informations de "
                     "santé » (o)")
        else:
            text = _("Note de santé : aucune — h pour l’écrire")
        self.query_one("#health", Static).update(text)

    def hide_note(self) -> None:
        if self.revealed is not None:
            self.revealed = None
            if self.is_attached:
                self._show_note()

    def _purpose(self) -> str:
        table = self.query_one("#consents", DataTable)
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value)

    # ---- consents ------------------------------------------------------------------------

    def record_consent(self) -> None:
        store = self.app.store
        purpose = self._purpose()
        if (active := store.consents.active(self.person_id, purpose)) is not None:
            self.notify(_("Un accord « {purpose} » est déjà noté (le {day}) : retirez-le d’abord "
                          "avec w pour en noter un nouveau.").format(
                purpose=active.purpose.label, day=wording.day(active.given_on)), severity="warning")
            return
        from comite.tui.dialogs.consent_form import ConsentForm

        person = store.people.get(self.person_id)

        def recorded(consent: object) -> None:
            if consent is not None:
                self.notify(_("Accord « {purpose} » noté (texte {version}).").format(
                    purpose=consent.purpose.label, version=consent.version))
                self.reload()

        self.app.push_screen(ConsentForm(person, purpose, self.app.today), recorded)

    def withdraw(self) -> None:
        from comite.store.privacy_models import Purpose

        store = self.app.store
        purpose = Purpose(self._purpose())
        active = store.consents.active(self.person_id, purpose)
        if active is None:
            self.notify(_("Pas d’accord « {purpose} » en cours : rien à retirer.").format(
                purpose=purpose.label), severity="warning")
            return
        today = self.app.today

        def withdraw(confirmed: bool) -> None:
            from comite.store import NeedsConfirmation

            try:
                store.consents.withdraw(active.id, today, confirmed=confirmed)
            except NeedsConfirmation as question:
                # The store says what more the withdrawal takes with it (the health note).
                ConfirmScreen.ask(self.app, _("Retirer l’accord « {purpose} » ?").format(
                    purpose=purpose.label), [question.message],
                    confirm=_("Retirer et effacer la note"), then=lambda: withdraw(True))
                return
            except Refused as error:
                self.notify(error.message, severity="warning")
                return
            self.revealed = None
            self.notify(_("Accord « {purpose} » retiré le {day}.").format(
                purpose=purpose.label, day=wording.day(today)))
            self.reload()

        if purpose is Purpose.HEALTH and store.consents.has_health_note(self.person_id):
            withdraw(False)  # the store's own question is the one to ask
            return
        ConfirmScreen.ask(
            self.app, _("Retirer l’accord « {purpose} » ?").format(purpose=purpose.label),
            [_("Le retrait est noté à la date du {day} ; l’accord donné le {given} reste dans "
               "l’historique.").format(day=wording.day(today), given=wording.day(active.given_on)),
             _("Faites-le quand la personne vous l’a demandé.")],
            confirm=_("Retirer l’accord"), then=lambda: withdraw(False))

    # ---- the health note -------------------------------------------------------------------

    def reveal_note(self) -> None:
        if self.revealed is not None:
            self.hide_note()
            return
        try:
            self.revealed = self.app.store.consents.reveal_health_note(self.person_id)
        except NotFound as error:
            self.notify(error.message, severity="warning")
            return
        self.reload()  # the reading is in the journal now

    def edit_note(self) -> None:
        store = self.app.store
        if store.consents.active(self.person_id, "health") is None:
            self.notify(_("Pas d’information de santé sans son accord : notez d’abord son "
                          "accord « Informations de santé » (o sur cette ligne, après lui avoir "
                          "lu le texte). Rien n’a été ouvert ni enregistré."),
                        severity="warning", timeout=10)
            return
        from comite.tui.dialogs.health_note_form import HealthNoteForm

        person = store.people.get(self.person_id)
        # Editing shows the note: that is a reading like any other, journaled.
        text = (store.consents.reveal_health_note(self.person_id)
                if store.consents.has_health_note(self.person_id) else "")

        def saved(done: object) -> None:
            if done:
                self.notify(_("Note de santé enregistrée.") if done == "saved"
                            else _("Note de santé effacée."))
            self.reload()

        self.app.push_screen(HealthNoteForm(person, text), saved)

    # ---- the rights ----------------------------------------------------------------------

    def export(self) -> None:
        from comite.usecases.privacy import access_folder

        store = self.app.store
        folder = access_folder(self.app.settings)
        if not store.consents.has_health_note(self.person_id):
            run_export(self.screen, self.person_id, False)
            return
        name = store.people.get(self.person_id).full_name
        self.app.push_screen(
            ExportForm(name, folder),
            lambda include: run_export(self.screen, self.person_id, include)
            if include is not None else None)

    def erase(self) -> None:
        screen = self.screen

        def erased(summary: object) -> None:
            if screen.is_current:
                screen.dismiss()

        confirm_erasure(screen, self.person_id, erased)


# ---- what the tab shows ----------------------------------------------------------------------


