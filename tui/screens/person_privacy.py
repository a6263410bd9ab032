"""The « Vie privée » tab of a person's page: their consents per purpose, the health note
(hidden until asked for, every reading journaled), what the retention rules say of them, the
journal of what was done on their record (never the values), and their two rights that act at
once: access (export) and erasure."""

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Select, Static

from comite.kernel.i18n import _
from comite.store.audit_models import AuditEntry
from comite.store.errors import NotFound, Refused, StoreError
from comite.tui import wording
from comite.tui.commands import Command
from comite.tui.widgets.form import Field, FormScreen

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

# What the journal says, in the coordinator's words; the fields are names, never values.
ACTIONS = {"create": _("création"), "update": _("modification"), "delete": _("suppression"),
           "move": _("changement d’étape"), "consent": _("accord donné"),
           "withdraw": _("accord retiré"), "reveal": _("note de santé consultée"),
           "export": _("export (droit d’accès)"), "review": _("conservation revue")}
ENTITIES = {"person": _("fiche"), "training": _("formation"), "candidate": _("candidature"),
            "membership": _("siège"), "charter": _("charte")}
FIELDS = {"last_name": _("nom"), "first_name": _("prénom"), "email": _("e-mail"),
          "phone": _("téléphone"), "note": _("note"), "roles": _("rôles"),
          "birth_year": _("année de naissance"), "sex": _("sexe"), "territory": _("territoire"),
          "lived_as": _("vécu"), "health_note": _("note de santé"), "access": _("droit d’accès"),
          "reviewed_on": _("conservation"), "profession": _("profession"),
          "association": _("association"), "committee_id": _("comité"), "role": _("rôle"),
          "source": _("origine"), "stage": _("étape"), "next_step": _("prochaine étape"),
          "next_step_on": _("date"), "notes": _("notes"), "course": _("intitulé"),
          "held_on": _("date"), "hours": _("heures"), "kind": _("type"),
          "organisation": _("organisme"), "certificate_path": _("attestation"),
          "certificate_sha256": _("empreinte")}


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
        yield DataTable(id="consents", cursor_type="row")
        with VerticalScroll(id="health-box", can_focus=False):
            yield Static(id="health", markup=False)
        yield Static(id="retention", markup=False)
        yield Static(_("Journal de sa fiche — qui a fait quoi, jamais les valeurs :"),
                     classes="list-title", markup=False)
        yield DataTable(id="journal", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#consents", DataTable).add_columns(_("Accord pour"), _("Où il en est"))
        journal = self.query_one("#journal", DataTable)
        for label, width in ((_("Le"), 16), (_("Par"), 12), (_("Action"), 23), (_("Sur"), None)):
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
            journal.add_row(Text(local_moment(entry.at, zone)), Text(entry.actor),
                            Text(ACTIONS.get(entry.action, entry.action)),
                            Text(entry_subject(entry)))

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
        from comite.tui.screens.consent_form import ConsentForm

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
                ask(self.screen, _("Retirer l’accord « {purpose} » ?").format(
                    purpose=purpose.label), [question.message], _("Retirer et effacer la note"),
                    lambda: withdraw(True))
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
        ask(self.screen, _("Retirer l’accord « {purpose} » ?").format(purpose=purpose.label),
            [_("Le retrait est noté à la date du {day} ; l’accord donné le {given} reste dans "
               "l’historique.").format(day=wording.day(today), given=wording.day(active.given_on)),
             _("Faites-le quand la personne vous l’a demandé.")],
            _("Retirer l’accord"), lambda: withdraw(False))

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
        from comite.tui.screens.health_note_form import HealthNoteForm

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


class ExportForm(FormScreen[bool | None]):
    """Only asked when there is a health note: it leaves only when the person asked for it."""

    def __init__(self, name: str, folder: Path) -> None:
        super().__init__()
        self.person_name = name
        self.folder = folder

    def on_mount(self) -> None:
        self.query_one("#save", Button).label = _("Exporter (Ctrl+S)")

    def form_title(self) -> str:
        return _("Exporter les données de {name}").format(name=self.person_name)

    def fields(self) -> ComposeResult:
        yield Field(_("Note de santé"), Select(
            [(_("Ne pas l’inclure"), "no"), (_("L’inclure (la personne l’a demandé)"), "yes")],
            id="include_health", allow_blank=False, value="no"),
            hint=_("Un fichier JSON et un PDF lisible seront écrits dans {folder}.").format(
                folder=self.folder))

    def submit(self, values: Mapping[str, object]) -> bool:
        return values["include_health"] == "yes"


def run_export(screen: Screen, person_id: int, include_health: bool) -> None:
    """Write the access report off the UI thread; a toast names the folder."""
    app = screen.app
    store, settings, today = app.store, app.settings, app.today

    def work() -> None:
        from comite.usecases.privacy import export_access

        try:
            written = export_access(store, settings, person_id, None, include_health, today)
        except StoreError as error:
            app.call_from_thread(app.notify, error.message, severity="error", timeout=10)
            return
        except OSError as error:
            app.call_from_thread(app.notify, _("L’export n’a pas pu être écrit : {why}").format(
                why=error.strerror), severity="error", timeout=10)
            return
        app.call_from_thread(exported, written)

    def exported(written) -> None:
        app.notify(_("Droit d’accès : le JSON et le PDF lisible sont écrits dans {folder} "
                     "({name}.*).").format(folder=written.json_path.parent,
                                           name=written.json_path.stem), timeout=12)
        if screen.is_attached:
            reload = getattr(screen, "reload", None)
            if reload:
                reload()  # the export is in the journal

    app.notify(_("Export des données en cours…"))
    screen.run_worker(work, thread=True, group="privacy-export", exit_on_error=False)


def confirm_erasure(screen: Screen, person_id: int, after: Callable[[object], None]) -> None:
    """Say exactly what goes, that it is final; then erase off the UI thread, and report."""
    store = screen.app.store
    try:
        person = store.people.get(person_id)
    except NotFound as error:
        screen.notify(error.message, severity="warning")
        return
    seats = len(store.memberships.of_person(person_id))
    charters = len(store.charters.of_person(person_id))
    trainings = len(store.trainings.of_person(person_id))
    candidacies = len(store.recruitment.of_person(person_id))
    lines = [
        _("Tout ce que comite garde sur {name} sera effacé : fiche, coordonnées, profil, accords, "
          "note de santé, candidatures ({candidacies}), formations ({trainings}) et attestations, "
          "sièges ({seats}), chartes ({charters}) avec PDF et scans, invitations et "
          "réponses.").format(name=person.full_name, candidacies=candidacies,
                              trainings=trainings, seats=seats, charters=charters),
        _("Ailleurs (comptes rendus, conclusions…), ses nom, e-mail et téléphone deviennent "
          "« [personne effacée] » ; le journal ne garde qu’un numéro."),
        _("Les documents déjà écrits qui la citent seront listés, à refaire."),
        _("C’est définitif. Pour un simple départ du comité, retirez plutôt son siège."),
    ]
    ask(screen, _("Effacer {name} (droit à l’effacement) ?").format(name=person.full_name),
        lines, _("Effacer définitivement"), lambda: run_erasure(screen, person_id, after))


def run_erasure(screen: Screen, person_id: int, after: Callable[[object], None]) -> None:
    app = screen.app
    store, settings = app.store, app.settings

    def work() -> None:
        from comite.usecases.privacy import erase_person

        try:
            summary = erase_person(store, settings, person_id)
        except StoreError as error:
            app.call_from_thread(app.notify, error.message, severity="error", timeout=10)
            return
        except OSError as error:
            app.call_from_thread(app.notify, _("L’effacement n’a pas pu aller au bout : {why}. "
                                               "Recommencez : ce qui est fait reste fait.").format(
                why=error.strerror), severity="error", timeout=12)
            return
        except Exception as error:  # the last wall: say it, never leave « en cours » forever
            from comite.usecases.logs import log_unexpected

            log_unexpected(error)
            app.call_from_thread(app.notify, _(
                "L’effacement a été interrompu par une erreur inattendue (notée dans le "
                "journal). Rouvrez la fiche : si la personne y est encore, rien n’a été effacé ; "
                "recommencez."), severity="error", timeout=12)
            return
        app.call_from_thread(erased, summary)

    def erased(summary) -> None:
        app.notify(erasure_message(summary), timeout=15,
                   severity="warning" if summary.not_removed or not summary.log_emptied
                   else "information")
        after(summary)
        if lines := leftover_lines(summary):
            from comite.tui.screens.charter_forms import InfoScreen

            app.push_screen(InfoScreen(_("Effacement de {name} : ce qui reste à faire").format(
                name=summary.name), lines))

    app.notify(_("Effacement en cours…"))
    screen.run_worker(work, thread=True, group="privacy-erase", exit_on_error=False)


LOG_HELD = _("comite est ouvert ailleurs : fermez-le pour que les dernières traces quittent le "
             "journal de la base.")


def erasure_message(summary) -> str:
    parts = [_("{name} est effacé(e) de la base.").format(name=summary.name),
             _("{n} fichier(s) supprimé(s).").format(n=len(summary.removed))]
    if redacted := getattr(summary, "redacted", 0):
        parts.append(_("{n} mention(s) remplacée(s) dans d’autres écrits.").format(n=redacted))
    if summary.not_removed:
        parts.append(_("{n} fichier(s) n’ont pas pu être supprimés : à supprimer à la main.").format(
            n=len(summary.not_removed)))
    if summary.collective:
        parts.append(_("{n} document(s) collectif(s) à refaire.").format(n=len(summary.collective)))
    if summary.kept_unreadable:
        parts.append(_("{n} fichier(s) illisible(s) à vérifier.").format(
            n=len(summary.kept_unreadable)))
    if not summary.log_emptied:
        parts.append(LOG_HELD)
    return " ".join(parts)


def leftover_lines(summary) -> list[str]:
    """What the coordinator still has to do by hand after an erasure, path by path."""
    lines = []
    if summary.not_removed:
        lines.append(_("Fichiers qui la concernent mais n’ont pas pu être supprimés — "
                       "supprimez-les à la main :"))
        lines += [f"  {left.path} ({left.why})" for left in summary.not_removed]
    if summary.collective:
        lines.append(_("Documents collectifs qui la citent, à refaire (comptes rendus, "
                       "convocations ; invitations de la boîte d’envoi : réexportez celles de "
                       "la réunion) :"))
        lines += [f"  {path}" for path in summary.collective]
    if summary.kept_unreadable:
        lines.append(_("Fichiers illisibles, à vérifier et supprimer à la main :"))
        lines += [f"  {path}" for path in summary.kept_unreadable]
    if not summary.log_emptied:
        lines.append(LOG_HELD)
    return lines


def ask(screen: Screen, title: str, lines: list[str], confirm: str,
        then: Callable[[], None]) -> None:
    from comite.tui.screens.confirm import ConfirmScreen

    screen.app.push_screen(ConfirmScreen(title, lines, confirm=confirm),
                           lambda yes: then() if yes else None)


# ---- what the tab shows ----------------------------------------------------------------------

def consent_state(store, consents: list, purpose) -> Text:
    """« accordé le 03/11/2026, à l’oral, texte 2026-1 », « retiré le … » or « pas d’accord »."""
    mine = [c for c in consents if c.purpose == purpose]  # the newest first
    active = next((c for c in mine if c.active), None)
    if active is not None:
        text = _("accordé le {day}, {method}, texte {version}").format(
            day=wording.day(active.given_on), method=active.method.in_sentence,
            version=active.version)
        current = store.consents.text(purpose).version
        if current != active.version:
            text += _(" (nouveau texte {version} à lui faire lire)").format(version=current)
        return Text(text, style="green")
    if mine:
        return Text(_("retiré le {day} (accordé le {given})").format(
            day=wording.day(mine[0].withdrawn_on), given=wording.day(mine[0].given_on)),
            style="yellow")
    return Text(_("pas d’accord noté"), style="dim")


def reason_text(case, short: bool = False) -> str:
    """« Candidature non retenue depuis le 15/09/2024 (24 mois) »; shorter for a column."""
    from comite.store.privacy_models import RetentionReason

    if case.reason is RetentionReason.NOT_RETAINED:
        text = (_("Non retenue depuis le {day} ({months} mois)") if short
                else _("Candidature non retenue depuis le {day} ({months} mois)"))
    else:
        text = (_("Sans activité depuis le {day} ({months} mois)") if short
                else _("Aucune activité depuis le {day} ({months} mois)"))
    return text.format(day=wording.day(case.since), months=case.months)


def in_sentence(text: str) -> str:
    return text[:1].lower() + text[1:]


def proposal_text(case) -> str:
    from comite.store.privacy_models import RetentionReason

    return (_("à effacer") if case.reason is RetentionReason.NOT_RETAINED else _("à examiner"))


def retention_line(store, person_id: int, today: date) -> str:
    """What the retention rules say of the person today, from what the store tells."""
    found = store.privacy.standing(person_id, today)
    if found.case is not None:
        return _("Conservation : {reason} — {proposal} (liste « Conservation », ^r dans "
                 "Personnes).").format(reason=in_sentence(reason_text(found.case)),
                                       proposal=proposal_text(found.case))
    if found.held:
        return _("Conservation : siège ou candidature en cours, rien à examiner.")
    return _("Conservation : dernière activité le {last} ; sera proposée à l’examen le "
             "{due}.").format(last=wording.day(found.last_activity), due=wording.day(found.due_on))


def person_journal(store, person_id: int) -> list[AuditEntry]:
    """The audit entries of the person's record and what hangs on it, the newest first."""
    return store.privacy.journal(person_id)


def entry_subject(entry: AuditEntry) -> str:
    """« fiche : e-mail, téléphone », « accord : Informations de santé »."""
    from comite.store.privacy_models import Purpose

    names = []
    for field in entry.fields:
        if field.startswith("consent."):
            try:
                names.append(_("accord « {p} »").format(p=Purpose(field[8:]).label))
            except ValueError:
                names.append(field)
        else:
            names.append(FIELDS.get(field, field))
    subject = ENTITIES.get(entry.entity, entry.entity)
    return f"{subject} : {', '.join(names)}" if names else subject


def local_moment(at: str, zone_name: str) -> str:
    """An audit time (ISO UTC) in the coordinator's zone: « 23/11/2026 14:05 »."""
    from comite.kernel.zones import DEFAULT_ZONE, zone

    try:
        tz = zone(zone_name)
    except ValueError:  # a zone the settings file got wrong: the default one says enough
        tz = zone(DEFAULT_ZONE)
    try:
        return datetime.fromisoformat(at).astimezone(tz).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return at[:16]
