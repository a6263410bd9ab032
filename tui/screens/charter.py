"""One person's charter on one committee: the template and the values on the left, the filled
text on the right (refreshed as they are typed), where it stands and who signed it, and the
person's earlier charters below — those of ended engagements stay.

The values are the coordinator's typing until the PDF is produced: leaving or quitting asks
first, as a form does. Letters are commands only outside the fields (Échap leaves them).
"""

import contextlib
import logging
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, Input, Markdown, Select, Static

from comite.kernel.errors import system_reason
from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.kernel.plural import plural
from comite.store.charter_models import Charter, CharterStatus, CharterTemplate, Side, SignatureMethod
from comite.store.charter_template import PLACEHOLDERS
from comite.store.charters import CharterDraft
from comite.store.errors import NotFound, Refused, StoreError, ValidationError
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.dialogs.charter_forms import VALUE_FIELDS, template_select, value_fields
from comite.tui.screens.base import BaseScreen
from comite.tui.widgets.field import Field, value_of
from comite.tui.widgets.lists import ListTable
from comite.tui.wording import charter_style, short_titles
from comite.tui.workers import run_in_thread
from comite.usecases import paths
from comite.usecases.charters import charters_folder, make_pdf, pdf_path, template_for, values_for
from comite.usecases.paths import documents_folder

log = logging.getLogger("comite.tui.charters")
# Said when something no rule foresaw stops the work; the log has its kind, never the data.
UNEXPECTED = _("Une erreur inattendue a interrompu le travail. Le détail technique (sans "
               "données personnelles) est dans le journal ; réessayez, ou rouvrez la charte.")

SIDE_SHORT = {Side.STRUCTURE: _("Structure"), Side.PERSON: _("Personne")}
METHOD_SHORT = {SignatureMethod.PAPER: _("sur papier"), SignatureMethod.PDF: _("dans le PDF"),
                SignatureMethod.PADES: _("électroniquement")}
PREVIEW_DELAY = 0.3  # after the last key: a preview per key would lag behind the typing
FIELD_IDS = ("template_id", *(key for key, _label, _hint in VALUE_FIELDS))


LEAVE = Command("leave", "escape", _("Retour"),
                _("Sortir des champs vers l’aperçu ; depuis l’aperçu, revenir (en demandant si "
                  "des valeurs tapées n’ont pas servi)"), key_display="Échap")
GENERATE = Command("generate", "g,ctrl+s", _("Produire"),
                   _("Produire le PDF de la charte avec ces valeurs (Ctrl+S marche aussi dans les "
                     "champs)"), key_display="g")


class CharterScreen(BaseScreen):
    SECTION = "charters"
    HOLDS_TYPING = True  # the app asks before quitting over values not yet used
    HERE: ClassVar = (
        LEAVE,
        GENERATE,
        Command("paper", "p", _("Papier"),
                _("Noter une signature sur papier : qui, pour quel côté, quand, et son scan")),
        Command("returned", "r", _("PDF signé"),
                _("Joindre un PDF signé revenu : comite vérifie qu’il n’a pas été modifié et note "
                  "les signatures")),
        Command("where", "o", _("Fichiers"),
                _("Où sont le PDF de la charte et les pièces jointes (scans, PDF signés)")),
        Command("unsign", "u", _("Retirer une signature"),
                _("Retirer une signature notée par erreur (demande confirmation)"), footer=False),
        Command("edit", "e", _("Valeurs"), _("Aller aux valeurs de la charte"), footer=False),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    TYPING: ClassVar = (commands.while_typing(LEAVE, "escape", "Échap", _("Aperçu")),
                        commands.while_typing(GENERATE, "ctrl+s", "^s"))
    HELP_TITLE = _("Charte d’une personne")
    HELP_TEXT = _(
        "À gauche, le modèle et les valeurs de la charte ; à droite, le texte tel qu’il sera "
        "imprimé, mis à jour à mesure. « Fait à » et « le » laissés vides s’écrivent à la main. "
        "g produit le PDF (dans le dossier des exports, « chartes ») : il porte une référence "
        "CH-… et deux cadres de signature, à signer sur papier ou dans un lecteur PDF. Quand la "
        "copie signée revient : p la note (signature sur papier, scan facultatif), r joint un "
        "PDF signé et vérifie qu’il n’a pas été modifié. Si le modèle change après la signature, "
        "la charte passe « à re-signer ». En bas, les chartes précédentes de la personne.")

    DEFAULT_CSS = """
    CharterScreen #state { height: auto; max-height: 2; padding: 0 1; }
    CharterScreen #signatures { height: 2; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    CharterScreen #main { height: 1fr; }
    CharterScreen #values { width: 34; height: 1fr; padding: 0 1; }
    CharterScreen #values Field { layout: vertical; margin-bottom: 0; }
    CharterScreen #values Field > .field-label { width: 1fr; padding: 0; color: $text-muted; }
    CharterScreen #values Field.-invalid > .field-label { color: $error; }
    CharterScreen #values Input, CharterScreen #values Select { background: $boost; }
    CharterScreen #template_id SelectCurrent Static#label { text-wrap: nowrap;
                                                            text-overflow: ellipsis; }
    CharterScreen #values-error { color: $error; height: auto; }
    CharterScreen #values-hint { color: $text-muted; height: auto; }
    CharterScreen #right { width: 1fr; height: 1fr; }
    CharterScreen #preview-box { height: 1fr; border: round $primary 50%; padding: 0 1; }
    CharterScreen #preview-box:focus { border: round $primary; }
    CharterScreen #preview { margin: 0; }
    CharterScreen #history { height: auto; max-height: 5; }
    """

    def __init__(self, person_id: int, committee_id: int, *, section: str = "charters") -> None:
        super().__init__()
        self.SECTION = section  # the bar shows where the page was opened from
        self.person_id = person_id
        self.committee_id = committee_id
        self.charter: Charter | None = None  # this engagement's latest charter
        self.history: list[Charter] = []
        self.templates: list[CharterTemplate] = []
        self._loaded = False
        self._initial: dict[str, object] = {}
        self._timer: Timer | None = None
        self._working = False

    # ---- building ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The fields need the values before they are made: read them here, once.
        self._read_start()
        yield from super().compose()

    def _read_start(self) -> None:
        app = self.app
        app.load_charter_catalog()
        store = app.store
        try:
            self._values = values_for(store, self.person_id, self.committee_id, app.today)
            self.history = store.charters.of_person(self.person_id)
        except NotFound:
            self._values = {}
            return
        self.charter = self._latest()
        self.templates = store.charters.templates()
        previous = self.charter.template.template_id if self.charter else None
        chosen = template_for(store, self.person_id, self.committee_id, previous)
        self._template_id = chosen.template_id if chosen else (
            self.templates[0].template_id if self.templates else None)

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="state")
        yield Static(id="signatures")
        with Horizontal(id="main"):
            with VerticalScroll(id="values", can_focus=False):
                yield Field(_("Modèle *"), template_select(self._template_choices(),
                                                           getattr(self, "_template_id", None)))
                yield from value_fields(self._values)
                yield Static("", id="values-error", markup=False)
                yield Static(_("Échap : quitter les champs · Ctrl+S : produire le PDF"),
                             id="values-hint", markup=False)
            with Vertical(id="right"):
                with VerticalScroll(id="preview-box"):
                    yield Markdown(id="preview", open_links=False)
                yield ListTable(id="history", cursor_type="row", zebra_stripes=True)

    def _template_choices(self) -> list[tuple[Text, str]]:
        suggested = None
        with contextlib.suppress(StoreError):
            suggested = self.app.store.charters.suggested(self.person_id, self.committee_id)
        ordered = sorted(self.templates, key=lambda t: suggested is None
                         or t.template_id != suggested.template_id)
        choices = []
        for template, title in zip(ordered, short_titles(ordered), strict=True):
            label = _("{title} (v{version})").format(title=title, version=template.version)
            if suggested and template.template_id == suggested.template_id:
                label += " — " + _("conseillé")
            # Text, one line: a title is shown as typed, never read as markup, and never wraps.
            choices.append((Text(label, no_wrap=True, overflow="ellipsis"), template.template_id))
        return choices

    def prepare(self) -> None:
        self.query_one("#preview-box").border_title = _("Aperçu du texte")
        table = self.query_one("#history", DataTable)
        for label, width in ((_("Référence"), 13), (_("Comité"), 10), (_("Vers."), 5),
                             (_("Statut"), 11)):
            table.add_column(label, width=width)

    def _first_show(self) -> None:
        self._initial = self._form_values()
        self._refresh_preview()
        if self.charter is not None and self._matches_charter():
            self.query_one("#preview-box").focus()  # nothing to type: the keys are ready
        else:
            self._focus_first_empty()
        self.call_after_refresh(self._show_top)

    def _show_top(self) -> None:
        """The template's line first: focusing a field lower down may have scrolled it away."""
        self.query_one("#values", VerticalScroll).scroll_home(animate=False)
        if self.focused is not None:
            self.focused.scroll_visible(animate=False)

    def _focus_first_empty(self) -> None:
        for key, label, _hint in VALUE_FIELDS:
            if label.endswith("*") and not self.query_one(f"#{key}", Input).value.strip():
                self.query_one(f"#{key}", Input).focus()
                return
        self.query_one(f"#{VALUE_FIELDS[0][0]}", Input).focus()

    # ---- reading -------------------------------------------------------------------------

    def _latest(self) -> Charter | None:
        return next((c for c in self.history if c.committee_id == self.committee_id), None)

    def reload(self) -> None:
        """What the store says now (status, signatures, history); the typed values stay."""
        store = self.app.store
        try:
            person = store.people.get(self.person_id)
            committee = store.committees.get(self.committee_id)
            self.history = store.charters.of_person(self.person_id)
        except NotFound as error:
            self.record_gone(error)
            return
        self.charter = self._latest()
        self.query_one("#title", Static).update(
            _("Charte — {person} · {committee}").format(person=person.full_name,
                                                        committee=committee.name))
        self.query_one("#state", Static).update(self._state_text())
        self.query_one("#signatures", Static).update(self._signatures_text())
        self._fill_history()
        if self._loaded:
            self._refresh_templates()
        else:
            self._first_show()
        self._loaded = True

    def _refresh_templates(self) -> None:
        """A template changed in the user's folder: the choice follows, the selection stays."""
        templates = self.app.store.charters.templates()
        if [(t.template_id, t.content_hash) for t in templates] == [
                (t.template_id, t.content_hash) for t in self.templates]:
            return
        self.templates = templates
        select = self.query_one("#template_id", Select)
        chosen = value_of(select)
        choices = self._template_choices()
        select.set_options(choices)
        if chosen in {value for _label, value in choices}:
            select.value = chosen
        self._schedule_preview()

    def _state_text(self) -> Text:
        charter = self.charter
        if charter is None:
            return Text.assemble(
                (CharterStatus.TO_GENERATE.label, charter_style(CharterStatus.TO_GENERATE)),
                ("  " + _("pas encore de PDF : g pour le produire"), "dim"))
        status = charter.status
        line = Text.assemble(
            (status.label, charter_style(status)), " · ",
            (charter.uid, "bold"), " ",
            _("du {day}").format(day=_day(charter.generated_at, self.app.settings.timezone)), " · ",
            _("modèle {id} v{version}").format(id=charter.template.template_id,
                                               version=charter.template.version))
        if charter.template_changed:
            line.append("  " + _("— le modèle a changé depuis : à refaire signer"), "bold red")
        elif self._loaded and not self._matches_charter():
            line.append("  " + _("— valeurs modifiées : g pour une nouvelle charte"), "yellow")
        return line

    def _signatures_text(self) -> Text:
        charter = self.charter
        text = Text()
        for index, side in enumerate(Side):
            if index:
                text.append("\n")
            text.append(SIDE_SHORT[side] + " : ", "bold")
            signature = charter.signature(side) if charter else None
            if signature is None:
                text.append(_("pas encore signée"), "dim")
                continue
            text.append(_("signée {method} par {signer}, le {day}").format(
                method=METHOD_SHORT[signature.method], signer=signature.signer,
                day=wording.day(signature.signed_on)), "green")
            if signature.scan_path:
                text.append(" " + _("(pièce jointe)"), "dim")
        return text

    def _fill_history(self) -> None:
        table = self.query_one("#history", DataTable)
        table.clear()
        for c in self.history:
            status = c.status
            table.add_row(Text(c.uid), Text(c.committee_name),
                          Text(_("v{version}").format(version=c.template.version),
                               style="red" if c.template_changed else ""),
                          Text(status.label, style=charter_style(status)), key=str(c.id))
        table.display = bool(self.history)

    # ---- the values and the preview --------------------------------------------------------

    def _form_values(self) -> dict[str, object]:
        return {field.widget.id: value_of(field.widget) for field in self.query(Field)}

    def has_changes(self) -> bool:
        """Typing that no PDF has used yet (the app asks before quitting over it)."""
        return self._form_values() != self._initial

    def _matches_charter(self) -> bool:
        if self.charter is None:
            return False
        values = self._form_values()
        if values.get("template_id") != self.charter.template.template_id:
            return False
        return all(" ".join(str(values[key]).split()) == self.charter.data.get(key, "")
                   for key, _label, _hint in VALUE_FIELDS)

    @on(Input.Changed, "#values Input")
    @on(Select.Changed, "#template_id")
    def _edited(self, event) -> None:
        self._schedule_preview()

    def _schedule_preview(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(PREVIEW_DELAY, self._refresh_preview)

    def _draft(self, values: dict[str, object]) -> CharterDraft:
        template_id = values.get("template_id")
        if not template_id:
            raise Refused(_("Aucun modèle de charte ne convient : ajoutez le rôle de la personne "
                            "à un modèle (section Chartes, touche m)."))
        text_values = {key: str(values[key]) for key, _label, _hint in VALUE_FIELDS}
        return self.app.store.charters.draft(self.person_id, self.committee_id, str(template_id),
                                             text_values, self.app.today)

    def _refresh_preview(self) -> None:
        """The filled text; a missing value shows where it goes, and beside its field."""
        self._timer = None
        values = self._form_values()
        errors: dict[str, str] = {}
        preview = self.query_one("#preview", Markdown)
        try:
            try:
                markdown = self._draft(values).markdown
            except ValidationError as error:
                errors = error.errors
                patched = {**values, **{key: _("[à remplir : {what}]").format(
                    what=PLACEHOLDERS.get(key, key)) for key in errors}}
                markdown = self._draft(patched).markdown
        except Refused as error:
            markdown = "**" + _("Pas d’aperçu") + "** — " + _escape(error.message)
        preview.update(markdown)
        self._show_errors(errors)
        if self.charter is not None:
            self.query_one("#state", Static).update(self._state_text())

    def _show_errors(self, errors: dict[str, str]) -> None:
        unplaced = []
        for key, message in errors.items():
            if key not in FIELD_IDS:
                unplaced.append(message)
        for field in self.query(Field):
            field.show_error(errors.get(field.widget.id))
        self.query_one("#values-error", Static).update(" ".join(unplaced))

    # ---- producing the PDF ----------------------------------------------------------------

    def action_generate(self) -> None:
        if self._working:
            self.notify(_("Un instant : le travail en cours se termine."))
            return
        try:
            draft = self._draft(self._form_values())
        except ValidationError as error:
            self._show_errors(error.errors)
            first = next((key for key in error.errors if key in FIELD_IDS), None)
            if first:
                self.query_one(f"#{first}").focus()
            flagged = sum(1 for key in error.errors if key in FIELD_IDS)
            self.notify(plural(flagged, _("Pas de PDF : complétez d’abord le champ signalé."),
                               _("Pas de PDF : complétez d’abord les {n} champs signalés."))
                        .format(n=flagged), severity="warning")
            self.app.bell()
            return
        except Refused as error:
            self.notify(error.message, severity="warning", timeout=10)
            return
        charter = self.charter
        if charter is not None and charter.signatures and draft.uid != charter.uid:
            from comite.tui.dialogs.confirm import ConfirmScreen

            if draft.template.content_hash != charter.template.content_hash:
                why = _("La charte {uid} a été signée sur la version {old} du modèle ; la "
                        "nouvelle, sur la version {new}, devra être signée par les deux "
                        "parties.").format(uid=charter.uid, old=charter.template.version,
                                           new=draft.template.version)
            else:
                why = _("La charte {uid} porte déjà une signature ; avec ces valeurs, c’est une "
                        "autre charte, qu’il faudra faire signer par les deux parties.").format(
                    uid=charter.uid)
            ConfirmScreen.ask(
                self.app, _("Produire une nouvelle charte ?"),
                [why, _("L’ancienne reste dans l’historique, avec ses signatures.")],
                confirm=_("Produire la nouvelle charte"), cancel=_("Ne rien produire"),
                danger=False, then=lambda: self._produce(draft))
            return
        self._produce(draft)

    def _produce(self, draft: CharterDraft) -> None:
        store, folder, screen = self.app.store, charters_folder(self.app.settings), self
        typed = self._form_values()
        self._working = True

        def work() -> tuple[Charter, Path]:
            made = make_pdf(store, draft, pdf_path(folder, draft.uid, draft.data["person"]))
            log.info("charter produced")
            return made

        run_in_thread(self, work, group="charter-pdf", where=folder, unexpected=UNEXPECTED,
                      done=lambda made: screen._produced(*made, typed),
                      failed=screen._not_produced)

    def _produced(self, charter: Charter, path: Path, typed: dict[str, object]) -> None:
        self._working = False
        self._initial = typed  # the values are used: leaving loses nothing now
        self.app.notify(_("Charte {uid} ({status}) : {path}").format(
            uid=charter.uid, status=charter.status.label.lower(), path=path), timeout=12)
        if self.is_attached:  # the page may have been closed while the PDF was made
            self.reload()

    def _not_produced(self, message: str) -> None:
        self._working = False
        self.notify(message, severity="error", timeout=12)

    # ---- signatures ----------------------------------------------------------------------

    def _needs_charter(self) -> Charter | None:
        if self.charter is None:
            self.notify(_("Produisez d’abord la charte (g) : la signature porte sur son PDF."),
                        severity="warning")
        return self.charter

    def action_paper(self) -> None:
        if (charter := self._needs_charter()) is None:
            return
        from comite.tui.dialogs.charter_forms import PaperSignatureForm

        def done(result: Charter | None) -> None:
            if result is not None:
                self.notify(_("Signature notée : la charte est « {status} ».").format(
                    status=result.status.label))
                self.reload()

        self.app.push_screen(PaperSignatureForm(charter, self.app.today, documents_folder(),
                                                paths.charter_pieces_dir()), done)

    def action_returned(self) -> None:
        if self._needs_charter() is None:
            return
        from comite.tui.dialogs.file_picker import FilePicker

        self.app.push_screen(FilePicker(_("Joindre le PDF signé revenu"), documents_folder()),
                             lambda path: path is not None and self._receive(path))

    def _receive(self, path: Path) -> None:
        store, screen = self.app.store, self
        pieces, trusted = paths.charter_pieces_dir(), paths.trusted_certificates()
        self._working = True
        self.notify(_("Vérification du fichier…"), timeout=3)

        def work() -> tuple[object, object]:
            from comite.sync.charter_returns import receive
            from comite.sync.charter_verify import verify_pdf

            receipt = receive(store, path, pieces, trusted=trusted)
            return receipt, verify_pdf(receipt.piece, trusted=trusted)

        def refused(error: Refused) -> str:
            from comite.sync.errors import InboxRefusal

            if isinstance(error, InboxRefusal):
                return "\n".join(filter(None, (error.reason, error.advice)))
            return error.message

        run_in_thread(self, work, group="charter-receive", unexpected=UNEXPECTED, refused=refused,
                      unwritable=lambda error: _("Le fichier {path} ne peut pas être lu : {why}")
                      .format(path=path, why=system_reason(error)),
                      done=lambda received: screen._received(received, ""),
                      failed=lambda refusal: screen._received(None, refusal))

    def _received(self, received, refusal: str) -> None:
        from comite.tui.dialogs.info import InfoScreen

        self._working = False
        if not self.is_attached:
            return
        if received is None:
            self.app.push_screen(InfoScreen(_("Fichier refusé"), refusal.splitlines(), error=True))
            return
        receipt, verdict = received
        lines = [*receipt.message.splitlines(), "", *verdict.message.splitlines(),
                 "", _("Copie gardée : {path}").format(path=receipt.piece)]
        charter = receipt.charter
        if charter is not None and self.charter is not None and charter.id != self.charter.id:
            lines.append(_("Attention : ce PDF est la charte {uid} {of_name}, pas celle affichée ; "
                           "les signatures sont notées sur la sienne.").format(
                uid=charter.uid, of_name=de(charter.person_name)))
        self.app.push_screen(InfoScreen(_("PDF signé reçu"), lines))
        self.reload()

    def action_unsign(self) -> None:
        if (charter := self._needs_charter()) is None:
            return
        if not charter.signatures:
            self.notify(_("Aucune signature notée sur cette charte."))
            return
        if len(charter.signatures) == 1:
            self._confirm_unsign(charter, charter.signatures[0].side.value)
            return
        from comite.tui.dialogs.charter_forms import SideChoice

        self.app.push_screen(SideChoice(_("Retirer quelle signature ?"), charter),
                             lambda side: side and self._confirm_unsign(charter, side))

    def _confirm_unsign(self, charter: Charter, side_value: str) -> None:
        from comite.tui.dialogs.confirm import ConfirmScreen

        side = Side(side_value)
        signature = charter.signature(side)
        if signature is None:
            return

        def unsign() -> None:
            try:
                result = self.app.store.charters.unsign(charter.id, side)
            except Refused as error:
                self.notify(error.message, severity="warning")
                return
            self.notify(_("Signature retirée : la charte est « {status} ».").format(
                status=result.status.label))
            self.reload()

        ConfirmScreen.ask(
            self.app, _("Retirer cette signature ?"),
            [_("{side} : {method}, {signer}, le {day}.").format(
                side=side.label, method=signature.method.label.lower(), signer=signature.signer,
                day=wording.day(signature.signed_on)),
             _("À faire seulement si elle a été notée par erreur ; la pièce jointe reste dans "
               "le dossier des pièces.")],
            confirm=_("Retirer la signature"), then=unsign)

    def action_where(self) -> None:
        from comite.tui.dialogs.info import InfoScreen

        charter = self._focused_history() or self.charter
        if charter is None:
            self.notify(_("Pas encore de PDF : g pour le produire dans {folder}.").format(
                folder=charters_folder(self.app.settings)))
            return
        self.app.push_screen(InfoScreen(_("Charte {uid}").format(uid=charter.uid),
                                        where_lines(self.app, charter)))

    def _focused_history(self) -> Charter | None:
        table = self.query_one("#history", DataTable)
        if self.focused is not table or table.row_count == 0:
            return None
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return next((c for c in self.history if str(c.id) == row_key.value), None)

    @on(DataTable.RowSelected, "#history")
    def _history_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_where()

    # ---- moving and leaving -----------------------------------------------------------------

    def action_edit(self) -> None:
        self._focus_first_empty()

    def action_leave(self) -> None:
        focused = self.focused
        if focused is not None and focused.id != "preview-box" and (
                self.query_one("#values") in focused.ancestors or focused.id == "history"):
            self.query_one("#preview-box").focus()
            return
        if not self.has_changes():
            self.dismiss()
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        ConfirmScreen.ask(self.app, _("Abandonner les valeurs tapées ?"),
                          [_("Aucun PDF n’a été produit avec elles : elles seront perdues. g les "
                             "utilise pour produire la charte.")],
                          confirm=_("Abandonner"), cancel=_("Revenir aux valeurs"),
                          then=self.dismiss)


def where_lines(app, charter: Charter) -> list[str]:
    """Where the charter's PDF and its attached files are, and whether they are still there."""
    person = charter.data.get("person", charter.person_name)
    path = pdf_path(charters_folder(app.settings), charter.uid, person)
    lines = [_("PDF : {path}").format(path=path)]
    if not path.exists():
        lines.append(_("   (absent : g le produit à nouveau, à l’identique)"))
    lines.append(_("Empreinte SHA-256 du PDF : {sha}").format(sha=charter.pdf_sha256))
    lines.append(_("Modèle : {label}, empreinte {hash}").format(label=charter.template.label,
                                                               hash=charter.template.short_hash))
    for signature in charter.signatures:
        if signature.scan_path:
            lines.append(_("{side} — pièce jointe : {path}").format(side=signature.side.label,
                                                                    path=signature.scan_path))
    return lines


def _day(iso: str, zone_name: str) -> str:
    """A moment the store keeps in UTC, as the day it was on the coordinator's clock."""
    from comite.kernel.zones import from_utc_iso

    try:
        return wording.day(from_utc_iso(iso, zone_name).date())
    except (ValueError, KeyError):
        return iso[:10]


def _escape(text: str) -> str:
    from comite.store.charter_template import escape_value

    return escape_value(text)
