"""Recrutement: the candidacies on a board, one column per stage, moved by keyboard from the
first contact to the seat on the committee.

At 80 columns the six stages of the way forward fit side by side as narrow columns (name, role,
committee and the next step's day); the line under the board tells the whole of the card under
the cursor. The closed stages (« non retenu », « sorti ») come on demand: the columns then scroll
sideways so that the one with the cursor is always in view.
"""

import logging
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from comite.kernel import plural
from comite.kernel.errors import system_reason
from comite.kernel.grammar import de, gendered
from comite.kernel.i18n import _
from comite.store.errors import Refused
from comite.store.recruitment_models import Candidate, Stage
from comite.tui import commands, wording
from comite.tui.candidate_moves import move_candidate, neighbour, no_neighbour_message
from comite.tui.commands import Command
from comite.tui.dialogs.stage_picker import StagePicker
from comite.tui.screens.base import BaseScreen
from comite.tui.widgets.board_column import COLUMN_WIDTH, BoardColumn
from comite.tui.wording import STAGE_HELP, committee_shorts, stage_short
from comite.tui.workers import run_in_thread

log = logging.getLogger("comite.tui.recruitment")


# ---- the board -------------------------------------------------------------------------------


class RecruitmentScreen(BaseScreen):
    SECTION = "recruitment"
    HERE: ClassVar = (
        Command("move(1)", "shift+right,greater_than_sign", _("Avancer"),
                _("Passer la candidature à l’étape suivante (aussi « > »)"), key_display="Maj+→"),
        Command("move(-1)", "shift+left,less_than_sign", _("Reculer"),
                _("Ramener la candidature à l’étape précédente (aussi « < »)"),
                key_display="Maj+←", footer=False),
        Command("move_to", "m", _("Étape"),
                _("Choisir l’étape de la candidature, « non retenu(e) » et « sorti(e) » compris")),
        Command("new", "n", _("Nouvelle"),
                _("Noter une candidature : une personne déjà connue ou une nouvelle")),
        Command("open", "enter", _("Fiche"),
                _("Ouvrir la candidature : critères, avis de l’équipe, parcours"), footer=False),
        Command("filter", "f", _("Comité"), _("Ne montrer que les candidatures d’un comité "
                                               "(chaque appui passe au suivant, puis à tous)")),
        Command("toggle_closed", "h", _("Closes"),
                _("Afficher ou masquer les colonnes « Non retenu(e) » et « Sorti(e) »"),
                footer=False),
        Command("import_csv", "i", _("Import"),
                _("Importer des candidatures depuis un fichier CSV (tout ou rien)")),
        Command("charter", "c", _("Charte"),
                _("Ouvrir la charte d’engagement de la personne pour le comité visé"),
                footer=False),
        Command("criteria", "k", _("Critères"),
                _("Les critères de l’équipe pour le comité de la candidature (ou du filtre)"),
                footer=False),
        Command("delete", "delete", _("Supprimer"),
                _("Supprimer une candidature notée par erreur (demande confirmation)"),
                key_display="Suppr", footer=False),
        Command("column(-1)", "left", _("Colonne"), _("Colonne précédente"), key_display="←",
                footer=False, name=_("Colonne précédente")),
        Command("column(1)", "right", _("Colonne"), _("Colonne suivante"), key_display="→",
                footer=False, name=_("Colonne suivante")),
        Command("card(-1)", "up", _("Carte"), _("Candidature précédente de la colonne"),
                key_display="↑", footer=False, name=_("Carte précédente")),
        Command("card(1)", "down", _("Carte"), _("Candidature suivante de la colonne"),
                key_display="↓", footer=False, name=_("Carte suivante")),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Recrutement")
    HELP_TEXT = _(
        "Une colonne par étape, le nombre de candidatures en titre. Une carte : nom, rôle visé, "
        "comité, jour de la prochaine étape (en rouge une fois passé) ; en bas, le détail de "
        "la carte choisie. Avant « Actif(ve) », comite rappelle ce que l’équipe voudrait peser "
        "et demande confirmation. ") + STAGE_HELP

    DEFAULT_CSS = """
    RecruitmentScreen #hint { height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap;
                              text-overflow: ellipsis; }
    RecruitmentScreen #board { height: 1fr; padding: 0 0 0 1; }
    RecruitmentScreen #detail { height: 4; padding: 0 1; border-top: solid $primary 50%; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.board: dict[Stage, list[Candidate]] = {}
        self.column: Stage = Stage.SPOTTED
        self.rows: dict[Stage, int] = {stage: 0 for stage in Stage}
        self.committee_filter: int | None = None
        self.show_closed = False
        self.first = 0  # the first stage shown when they do not all fit
        self._shorts: dict[int, str] = {}
        self._filter_names = ("", "")  # the filtered committee's name, and its short one
        self._importing = False

    def body(self) -> ComposeResult:
        yield Static(id="hint", markup=False)
        with Horizontal(id="board"):
            for stage in Stage:
                yield BoardColumn(stage, self._short, self.app.today)
        yield Static(id="detail", markup=False)

    def _short(self, committee_id: int | None) -> str:
        return self._shorts.get(committee_id, "") if committee_id is not None else ""

    # ---- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        store = self.app.store
        current = self.selected()
        summaries = store.committees.all(include_archived=True)
        self._shorts = committee_shorts(summaries)
        names = {s.committee.id: s.committee.name for s in summaries}
        if self.committee_filter not in names:
            self.committee_filter = None  # the committee is gone (or no filter)
        self._filter_names = (names.get(self.committee_filter, ""),
                              self._short(self.committee_filter))
        self.board = store.recruitment.board(self.committee_filter, include_closed=True)
        if current is not None:
            self.select(current.id)
        self.show()

    def stages(self) -> list[Stage]:
        return [stage for stage in Stage if self.show_closed or not stage.closed]

    def selected(self) -> Candidate | None:
        cards = self.board.get(self.column, [])
        if not cards:
            return None
        return cards[min(self.rows[self.column], len(cards) - 1)]

    def select(self, candidate_id: int) -> bool:
        """Put the cursor on this candidacy, wherever it now stands; False if it is not shown."""
        for stage, cards in self.board.items():
            for index, c in enumerate(cards):
                if c.id == candidate_id:
                    if stage.closed:
                        self.show_closed = True
                    self.column, self.rows[stage] = stage, index
                    return True
        return False

    def show(self) -> None:
        stages = self.stages()
        if self.column not in stages:
            self.column = stages[0]
        fitting = max(1, (self.query_one("#board").size.width or self.app.size.width - 1)
                      // COLUMN_WIDTH)
        index = stages.index(self.column)
        if len(stages) <= fitting:
            self.first = 0
        elif index < self.first:
            self.first = index
        elif index >= self.first + fitting:
            self.first = index - fitting + 1
        self.first = max(0, min(self.first, len(stages) - fitting))
        shown = stages[self.first:self.first + fitting]
        for column in self.query(BoardColumn):
            column.display = column.stage in shown
            cards = self.board.get(column.stage, [])
            self.rows[column.stage] = max(0, min(self.rows[column.stage], len(cards) - 1))
            column.show(cards, self.rows[column.stage], column.stage is self.column)
        self._show_hint(stages, shown)
        self._show_detail()

    def _show_hint(self, stages: list[Stage], shown: list[Stage]) -> None:
        room = self.size.width - 2
        for name in self._filter_names:  # the committee's whole name when the line has room
            hint = self._hint(stages, shown, name)
            if hint.cell_len <= room:
                break
        self.query_one("#hint", Static).update(hint)

    def _hint(self, stages: list[Stage], shown: list[Stage], committee: str) -> Text:
        open_cards = [c for stage, cards in self.board.items()
                      if not stage.closed and stage is not Stage.ACTIVE for c in cards]
        closed = sum(len(cards) for stage, cards in self.board.items() if stage.closed)
        late = sum(1 for c in open_cards if c.overdue(self.app.today))
        # The columns out of view are named on the side where they are.
        left, right = stages[:stages.index(shown[0])], stages[stages.index(shown[-1]) + 1:]
        hint = Text()
        if left:
            hint.append("◀ " + ", ".join(stage_short(stage) for stage in left), "bold")
            hint.append(" · ")
        hint.append(_("Comité : {name}").format(name=committee)
                    if self.committee_filter is not None else _("Tous les comités"))
        hint.append(" · " + plural.count(len(open_cards), _("en cours"), _("en cours")))
        if late:
            hint.append(" · ")
            hint.append(plural.count(late, _("en retard"), _("en retard")), "bold red")
        if closed and not self.show_closed:
            hint.append(" · " + plural.count(closed, _("close"), _("closes")) + _(" (h)"), "dim")
        if right:
            hint.append(" · ")
            hint.append(", ".join(stage_short(stage) for stage in right) + " ▶", "bold")
        return hint

    def _show_detail(self) -> None:
        c = self.selected()
        detail = self.query_one("#detail", Static)
        if c is None:
            if any(self.board.values()):
                detail.update(Text(_("Aucune candidature à cette étape."), style="dim"))
            else:
                detail.update(_("Aucune candidature : n pour en noter une, i pour en importer "
                                "d’un fichier CSV."))
            return
        today = self.app.today
        text = Text()
        text.append(c.person_name, "bold")
        text.append(" — " + gendered(c.role.label, c.gender))
        text.append(" · " + (c.committee_name or _("comité à choisir (e sur sa fiche)")))
        text.append("\n" + _("{stage} depuis le {day} · {source}").format(
            stage=gendered(c.stage.label, c.gender), day=wording.day(c.stage_since),
            source=c.source.label), "dim")
        text.append("\n")
        if c.next_step or c.next_step_on:
            text.append(_("Prochaine étape : {step}").format(step=c.next_step or "—"))
            if c.next_step_on:
                text.append(" — " + _("le {day}").format(day=wording.day(c.next_step_on)))
            if c.overdue(today):
                text.append("  " + _("en retard"), "bold red")
        else:
            text.append(_("Pas de prochaine étape notée."), "dim")
        detail.update(text)

    # ---- moving around ---------------------------------------------------------------------

    def action_column(self, step: int) -> None:
        stages = self.stages()
        index = stages.index(self.column) + step
        if 0 <= index < len(stages):
            self.column = stages[index]
            self.show()

    def action_card(self, step: int) -> None:
        cards = self.board.get(self.column, [])
        row = self.rows[self.column] + step
        if 0 <= row < len(cards):
            self.rows[self.column] = row
            self.show()

    def on_board_column_clicked(self, event: BoardColumn.Clicked) -> None:
        self.column = event.stage
        if event.index is not None:
            self.rows[event.stage] = event.index
        self.show()

    def on_resize(self) -> None:
        if self.board:
            self.show()

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        if self.show_closed:
            self.column = Stage.NOT_RETAINED
        self.show()

    def action_filter(self) -> None:
        ids = [s.committee.id for s in self.app.store.committees.all()]
        if self.committee_filter in ids:
            index = ids.index(self.committee_filter) + 1
            self.committee_filter = ids[index] if index < len(ids) else None
        else:
            self.committee_filter = ids[0] if ids else None
        self.reload()

    # ---- moving a candidacy ------------------------------------------------------------------

    def _needs_selected(self) -> Candidate | None:
        c = self.selected()
        if c is None:
            self.notify(_("Aucune candidature sous le curseur."), severity="warning")
        return c

    def action_move(self, step: int) -> None:
        if (c := self._needs_selected()) is None:
            return
        stage = neighbour(c.stage, step)
        if stage is None:
            self.notify(no_neighbour_message(c.stage, step), severity="warning")
            return
        move_candidate(self, c, stage, self._moved)

    def action_move_to(self) -> None:
        if (c := self._needs_selected()) is None:
            return
        self.app.push_screen(StagePicker(c), lambda value: value and move_candidate(
            self, c, Stage(value), self._moved))

    def _moved(self, candidate: Candidate) -> None:
        if self.is_attached:
            self.reload()
            self.select(candidate.id)
            self.show()

    # ---- the candidacy itself -------------------------------------------------------------

    def action_open(self) -> None:
        if (c := self._needs_selected()) is not None:
            from comite.tui.screens.candidate import CandidateScreen

            self.app.push_screen(CandidateScreen(c.id))

    def action_new(self) -> None:
        from comite.tui.dialogs.candidate_form import CandidateForm

        self.app.push_screen(CandidateForm(committee_id=self.committee_filter), self._created)

    def _created(self, candidate: Candidate | None) -> None:
        if candidate is not None:
            self.notify(_("Candidature {of_name} notée : « {stage} ».").format(
                of_name=de(candidate.person_name),
                stage=gendered(candidate.stage.label, candidate.gender)))
            self._moved(candidate)

    def action_charter(self) -> None:
        if (c := self._needs_selected()) is None:
            return
        if c.committee_id is None:
            self.notify(_("Choisissez d’abord le comité de la candidature (Entrée, puis e) : la "
                          "charte est celle de ce comité."), severity="warning")
            return
        from comite.tui.screens.charter import CharterScreen

        self.app.push_screen(CharterScreen(c.person_id, c.committee_id, section=self.SECTION))

    def action_criteria(self) -> None:
        c = self.selected()
        committee_id = c.committee_id if c and c.committee_id else self.committee_filter
        if committee_id is None:
            self.notify(_("Choisissez d’abord un comité : f pour filtrer le tableau, ou une "
                          "candidature dont le comité est noté."), severity="warning")
            return
        from comite.tui.screens.criteria import CriteriaScreen

        self.app.push_screen(CriteriaScreen(committee_id, section=self.SECTION))

    def action_delete(self) -> None:
        if (c := self._needs_selected()) is None:
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        def delete() -> None:
            try:
                self.app.store.recruitment.remove(c.id)
            except Refused as error:
                self.notify(error.message, severity="error")
                return
            self.notify(_("Candidature {of_name} supprimée.").format(of_name=de(c.person_name)))
            self.reload()

        lines = [_("Pour une candidature notée par erreur : ses critères cochés et les avis de "
                   "l’équipe partent avec elle. Sa fiche reste dans « Personnes »."),
                 _("Pour garder une trace, préférez m puis « Non retenu(e) ».")]
        if c.membership_id:
            lines.append(_("Son siège au comité reste : retirez-le depuis la page du comité."))
        ConfirmScreen.ask(
            self.app, _("Supprimer la candidature {of_name} ?").format(of_name=de(c.person_name)), lines,
            confirm=_("Supprimer la candidature"), then=delete)

    # ---- importing a file -----------------------------------------------------------------

    def action_import_csv(self) -> None:
        if self._importing:
            self.notify(_("Un instant : l’import en cours se termine."))
            return
        from comite.tui.dialogs.file_picker import FilePicker
        from comite.usecases.paths import documents_folder

        self.app.push_screen(FilePicker(
            _("Importer des candidatures (fichier CSV)"), documents_folder(), (".csv",),
            placeholder=_("Chemin du fichier CSV, puis Entrée"),
            hint=_("Une ligne de titres, puis une candidature par ligne. Colonnes : {columns} "
                   "(* obligatoires). Tout est vérifié avant d’écrire : le fichier entre entier, "
                   "ou rien.").format(columns=_columns())),
                             lambda path: path is not None and self._import(path))

    def _import(self, path: Path) -> None:
        store, today, screen = self.app.store, self.app.today, self
        self._importing = True
        self.notify(_("Lecture {of_name}…").format(of_name=de(path.name)), timeout=3)

        def work():
            from comite.sync.candidates_csv import import_candidates

            return import_candidates(store, path, today)

        def refused(error: Refused) -> str:
            advice = getattr(error, "advice", "")
            return "\n".join(line for line in (getattr(error, "reason", "") or error.message, advice)
                             if line)

        run_in_thread(
            self, work, group="candidates-import", refused=refused,
            unwritable=lambda error: _("Le fichier {path} ne peut pas être lu : {why}").format(
                path=path, why=system_reason(error)),
            unexpected=_("Une erreur inattendue a interrompu l’import ; rien n’a été enregistré. "
                         "Le détail technique (sans données personnelles) est dans le journal."),
            done=lambda result: screen._imported(result, []),
            failed=lambda message: screen._imported(None, message.split("\n")))

    def _imported(self, result, refusal: list[str]) -> None:
        self._importing = False
        if result is None:
            from comite.tui.dialogs.info import InfoScreen

            self.app.push_screen(InfoScreen(_("Fichier de candidatures refusé"), refusal,
                                            error=True))
            return
        log.info("candidates imported: %d", _count(result.candidacies))
        self.notify(_("Import : {candidacies} à « Repéré(e) » ; {created}, {linked}.").format(
            candidacies=plural.count(_count(result.candidacies), _("candidature notée"),
                                     _("candidatures notées")),
            created=plural.count(_count(result.created_people), _("personne créée"),
                                 _("personnes créées")),
            linked=plural.count(_count(result.linked_people), _("déjà connue"),
                                _("déjà connues"))), timeout=10)
        if self.is_attached:
            self.reload()


def _count(value: object) -> int:
    """The import tells how many, or lists them: either way, a number."""
    return value if isinstance(value, int) else len(value)


def _columns() -> str:
    from comite.sync.candidates_csv import COLUMNS

    return ", ".join(column.title + ("*" if column.required else "") for column in COLUMNS)


