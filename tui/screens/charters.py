"""Chartes: the templates of the catalogue (and the user's refused ones, with why), every user's
engagement with where its charter stands, and the batch that produces the missing ones.

Producing a charter (one here in a batch, or one from its page) is: the draft from the store,
the PDF rendered, its sha256 recorded, then the file written — so a refusal writes nothing.
"""

import logging
import sqlite3
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, ProgressBar, Static

from comite.kernel import plural
from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.store.charter_models import CharterStatus, CharterTemplate, Engagement
from comite.store.errors import Refused, database_reason
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.screens.base import BaseScreen, keep_cursor
from comite.tui.widgets.lists import ListTable
from comite.tui.wording import (
    charter_style,
    committee_in_column,
    committee_shorts,
    one_line,
    problem_text,
    role_label,
    short_titles,
    why_refused,
)
from comite.usecases.charters import Failure, charters_folder, produce

log = logging.getLogger("comite.tui.charters")

FILTERS: tuple[CharterStatus | None, ...] = (None, *CharterStatus)
BATCH = "charter-batch"
COMMITTEE_WIDTH = ROLE_WIDTH = 18


# ---- the section -------------------------------------------------------------------------

class ChartersScreen(BaseScreen):
    SECTION = "charters"
    HERE: ClassVar = (
        Command("open", "enter", _("Ouvrir"),
                _("Ouvrir la charte de la personne : valeurs, aperçu, PDF, signatures"),
                footer=False),
        Command("filter", "f", _("Filtrer"),
                _("Filtrer par statut : toutes, à générer, à signer, signées, à re-signer")),
        Command("generate_all", "G", _("Tout générer"),
                _("Produire en une fois toutes les chartes « à générer » (PDF dans le dossier "
                  "des exports)"), key_display="G"),
        Command("edit_template", "m", _("Modifier un modèle"),
                _("Copier le modèle sélectionné dans vos modèles pour le modifier avec un éditeur "
                  "de texte ; comite le relit dès qu’il est enregistré")),
        Command("stop_batch", "escape", _("Arrêter"),
                _("Pendant une production de chartes : l’arrêter (celles déjà faites restent)"),
                footer=False, key_display="Échap"),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    AUTO_FOCUS = "#engagements"
    HELP_TITLE = _("Chartes d’engagement")
    HELP_TEXT = _(
        "En haut, les modèles de charte : ceux fournis avec comite et les vôtres (dossier "
        "« modeles-charte » de vos données), avec leur version et leur empreinte. Un modèle "
        "refusé s’affiche en rouge avec la ligne à corriger. En bas, chaque usager siégeant "
        "dans un comité et où en est sa charte : à générer, à signer, signée, ou à re-signer "
        "quand son modèle a changé depuis la signature. Entrée ouvre la charte ; G produit "
        "d’un coup toutes celles à générer ; Tab passe des modèles aux personnes.")

    def __init__(self) -> None:
        super().__init__()
        self.templates: list[CharterTemplate] = []
        self.engagements: list[Engagement] = []
        self.filter: CharterStatus | None = None
        self.batch_running = False
        self.last_failures: list[Failure] = []

    def body(self) -> ComposeResult:
        yield Static(_("Modèles de charte — m : copier dans vos modèles pour le modifier"),
                     classes="section-title", id="templates-title")
        yield ListTable(id="templates", cursor_type="row")
        yield Static(id="refused", markup=False)
        yield Static(id="counts", classes="totals", markup=False)
        yield ListTable(id="engagements", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="batch"):
            yield Static(id="batch-label", markup=False)
            yield ProgressBar(id="batch-progress", show_eta=False)

    def prepare(self) -> None:
        templates = self.query_one("#templates", DataTable)
        for label, width in ((_("Modèle"), 38), (_("Vers."), 5), (_("Origine"), 11),
                             (_("Empreinte"), 12)):
            templates.add_column(label, width=width)
        people = self.query_one("#engagements", DataTable)
        for label, width in ((_("Personne"), 20), (_("Comité"), COMMITTEE_WIDTH), (_("Rôle"), ROLE_WIDTH),
                             (_("Statut"), 11)):
            people.add_column(label, width=width)
        self.app.load_charter_catalog()

    # ---- reading -----------------------------------------------------------------------

    def reload(self) -> None:
        store = self.app.store
        self.templates = store.charters.templates()
        self.engagements = store.charters.engagements()
        self._fill_templates()
        self._fill_engagements()

    def _fill_templates(self) -> None:
        table = self.query_one("#templates", DataTable)
        current = table.cursor_row
        table.clear()
        for t, title in zip(self.templates, short_titles(self.templates), strict=True):
            origin = _("fourni") if t.source.value == "shipped" else _("vos modèles")
            table.add_row(Text(title), f"v{t.version}", origin, t.short_hash, key=t.template_id)
        if self.templates:
            table.move_cursor(row=min(current, len(self.templates) - 1))
        else:
            table.add_row(Text(_("Aucun modèle : vérifiez l’installation de comite."),
                               style="italic"), "", "", "")
        problems = self.app.template_problems
        refused = self.query_one("#refused", Static)
        refused.display = bool(problems)
        refused.update(Text("\n".join(_("Refusé — {why}").format(why=problem_text(p))
                                      for p in problems), style="bold red"))

    def _fill_engagements(self) -> None:
        table = self.query_one("#engagements", DataTable)
        key = self._selected_key()
        table.clear()
        shown = [e for e in self.engagements if self.filter in (None, e.status)]
        # A committee's name if it fits, else as a card names it (« CDU »); the role by its
        # short label: at 80 columns none stops mid-word (« Médiateur(rice) de »), and what is
        # still longer ends with « … ».
        shorts = committee_shorts(self.app.store.committees.all())
        for e in shown:
            committee = committee_in_column(e.committee_id, e.committee_name, shorts,
                                            COMMITTEE_WIDTH)
            table.add_row(one_line(e.person_name), one_line(committee),
                          one_line(role_label(e.role, ROLE_WIDTH) if e.role else ""),
                          one_line(e.status.label, style=charter_style(e.status)),
                          key=f"{e.person_id}:{e.committee_id}")
        if key is not None:
            try:
                table.move_cursor(row=table.get_row_index(key))
            except Exception:  # the row left the filter: the cursor stays at the top
                keep_cursor(table, None)
        self.query_one("#counts", Static).update(self._counts_line(len(shown)))

    def _counts_line(self, shown: int) -> Text:
        counts = {status: 0 for status in CharterStatus}
        for e in self.engagements:
            counts[e.status] += 1
        if not self.engagements:
            return Text(_("Aucun usager ne siège dans un comité actif : rien à signer."))
        line = Text()
        for index, status in enumerate(CharterStatus):
            if index:
                line.append(" · ", style="dim")
            line.append(f"{counts[status]} {status.label.lower()}",
                        style=charter_style(status) if counts[status] else "dim")
        what = self.filter.label.lower() if self.filter else _("toutes")
        line.append(" — " + _("filtre f : {what}").format(what=what), style="dim")
        return line

    def _selected_key(self) -> str | None:
        table = self.query_one("#engagements", DataTable)
        if table.row_count == 0:
            return None
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def _selected(self) -> Engagement | None:
        key = self._selected_key()
        return next((e for e in self.engagements if f"{e.person_id}:{e.committee_id}" == key), None)

    # ---- actions -------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "engagements":
            self.action_open()
        else:
            self.show_template()

    def action_open(self) -> None:
        engagement = self._selected()
        if engagement is None:
            return
        from comite.tui.screens.charter import CharterScreen

        self.app.push_screen(CharterScreen(engagement.person_id, engagement.committee_id))

    def show_template(self) -> None:
        """What a template is: its version, its full hash, who it is for, where it comes from."""
        table = self.query_one("#templates", DataTable)
        if not self.templates:
            return
        from comite.tui.dialogs.info import InfoScreen

        t = self.templates[min(table.cursor_row, len(self.templates) - 1)]
        mine = self.app.templates_folder() / f"{t.template_id}.md"
        lines = [
            _("Identifiant : {id} · version {version}").format(id=t.template_id, version=t.version),
            _("Empreinte : {hash}").format(hash=t.content_hash),
            _("Pour : {roles}").format(roles=", ".join(r.label for r in t.roles)),
        ]
        if t.committee_kinds:
            lines.append(_("Comités : {kinds}").format(kinds=", ".join(k.label for k in t.committee_kinds)))
        if t.source.value == "user":
            lines.append(_("Fichier : {path}").format(path=mine))
        else:
            lines.append(_("Fourni avec comite : m le copie dans vos modèles pour le modifier."))
        self.app.push_screen(InfoScreen(t.title, lines))

    def action_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._fill_engagements()
        self.query_one("#engagements", DataTable).focus()

    def action_edit_template(self) -> None:
        table = self.query_one("#templates", DataTable)
        if not self.templates:
            return
        template = self.templates[min(table.cursor_row, len(self.templates) - 1)]
        if self.focused is not table:
            table.focus()
            self.notify(_("Modèle choisi : « {title} ». Flèches pour en choisir un autre, puis m "
                          "à nouveau pour le copier.").format(title=template.title))
            return
        folder = self.app.templates_folder()
        target = folder / f"{template.template_id}.md"
        if target.exists():
            self.notify(_("Ce modèle est déjà dans vos modèles : {path}. Modifiez-le avec votre "
                          "éditeur de texte ; comite le relit dès qu’il est enregistré.").format(
                path=target), timeout=12)
            return
        from comite.exports.files import atomic_write

        try:
            atomic_write(target, template.text.encode("utf-8"))
        except OSError as error:
            self.notify(_("Impossible d’écrire dans {folder} : {why}").format(
                folder=folder, why=system_reason(error)), severity="error", timeout=10)
            return
        log.info("template %s copied to the user's folder", template.template_id)
        self.notify(_("Modèle copié : {path}. Modifiez-le avec votre éditeur de texte (changez "
                      "aussi « version: ») ; comite le relit dès qu’il est enregistré.").format(
            path=target), timeout=15)

    # ---- the batch -----------------------------------------------------------------------

    def action_generate_all(self) -> None:
        if self.batch_running:
            self.notify(_("Une production est déjà en cours (Échap pour l’arrêter)."))
            return
        todo = [e for e in self.app.store.charters.engagements()
                if e.status is CharterStatus.TO_GENERATE]
        if not todo:
            self.notify(_("Aucune charte à générer : toutes sont produites."))
            return
        from comite.tui.dialogs.charter_forms import BatchForm

        remembered = self.app.store.charters.defaults(todo[0].person_id, todo[0].committee_id,
                                                      self.app.today).get("team_signatory", "")
        signatory = remembered or self.app.settings.coordinator_name
        self.app.push_screen(BatchForm(len(todo), signatory, charters_folder(self.app.settings)),
                             lambda chosen: chosen is not None and self._start_batch(todo, chosen))

    def _start_batch(self, todo: list[Engagement], signatory: str) -> None:
        self.batch_running = True
        bar = self.query_one("#batch-progress", ProgressBar)
        bar.update(total=len(todo), progress=0)
        self._batch_label(0, len(todo))
        self.query_one("#batch").display = True
        # The store of this moment: if the coordinator switches databases meanwhile, the batch
        # fails on the closed one rather than writing into the other.
        app, store, today = self.app, self.app.store, self.app.today
        folder = charters_folder(app.settings)
        screen = self

        def work() -> None:
            from textual.worker import get_current_worker

            from comite.exports.files import sync_folder

            worker = get_current_worker()
            made, failures, faulted = 0, [], False
            for index, engagement in enumerate(todo, start=1):
                if worker.is_cancelled:
                    break
                try:
                    produce(store, engagement, signatory, today, folder)
                    made += 1
                except Refused as error:
                    failures.append(Failure(engagement.person_name, engagement.committee_name,
                                            why_refused(error)))
                except OSError as error:
                    failures.append(Failure(engagement.person_name, engagement.committee_name,
                                            _("fichier non écrit dans {folder} : {why}").format(
                                                folder=folder, why=system_reason(error))))
                    # Each charter is recorded with its file or not at all (make_pdf); the next
                    # ones would meet the same full disk or read-only folder: stop here.
                    faulted = True
                except sqlite3.Error as error:
                    failures.append(Failure(engagement.person_name, engagement.committee_name,
                                            _("la base n’a pas pu être modifiée : {why}").format(
                                                why=database_reason(error, store.path))))
                    faulted = True
                except Exception as error:  # one charter's surprise must not stop the batch
                    log.error("charter batch: %s", type(error).__name__)
                    failures.append(Failure(engagement.person_name, engagement.committee_name,
                                            _("erreur inattendue (détail dans le journal)")))
                app.call_from_thread(screen._advance, index, len(todo))
                if faulted:
                    break
            sync_folder(folder)
            stopped = worker.is_cancelled or faulted
            log.info("charter batch: %d made, %d refused, stopped=%s", made, len(failures), stopped)
            app.call_from_thread(screen._batch_done, made, failures, len(todo), stopped)

        self.run_worker(work, thread=True, group=BATCH, exclusive=True, exit_on_error=False)

    def _batch_label(self, done: int, total: int) -> None:
        self.query_one("#batch-label", Static).update(
            _("Chartes produites : {done} / {total} — Échap pour arrêter").format(done=done,
                                                                                 total=total))

    def _advance(self, done: int, total: int) -> None:
        if not self.is_attached:  # the section was closed (another database opened)
            return
        self.query_one("#batch-progress", ProgressBar).update(progress=done)
        self._batch_label(done, total)

    def _batch_done(self, made: int, failures: list[Failure], total: int, stopped: bool) -> None:
        self.batch_running = False
        if not self.is_attached:
            return
        self.query_one("#batch").display = False
        self.last_failures = failures
        folder = charters_folder(self.app.settings)
        made_text = plural.count(made, _("charte produite"), _("chartes produites"))
        if stopped:
            message = _("Production arrêtée : {made} sur {total}, dans {folder}.").format(
                made=made_text, total=total, folder=folder)
        else:
            message = _("{made} dans {folder}.").format(made=made_text, folder=folder)
        if failures:
            message += " " + plural.plural(len(failures), _("{n} non produite : voir la liste."),
                                           _("{n} non produites : voir la liste.")).format(
                n=len(failures))
        self.notify(message, severity="warning" if failures or stopped else "information",
                    timeout=15)
        self.reload()
        if failures:
            from comite.tui.dialogs.info import InfoScreen

            self.app.push_screen(InfoScreen(
                _("Chartes non produites ({n})").format(n=len(failures)),
                [f.line for f in failures]
                + ["", _("Ouvrez la charte d’une personne (Entrée) pour compléter ses valeurs.")]))

    def action_stop_batch(self) -> None:
        if not self.batch_running:
            self.notify(_("Aucune production de chartes en cours : Échap arrête celle que "
                          "« G » lance."))
            return
        self.workers.cancel_group(self, BATCH)
        self.query_one("#batch-label", Static).update(_("Arrêt en cours…"))
