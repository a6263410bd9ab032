"""Recrutement: the candidacies on a board, one column per stage, moved by keyboard from the
first contact to the seat on the committee.

At 80 columns the six stages of the way forward fit side by side as narrow columns (name, role,
committee and the next step's day); the line under the board tells the whole of the card under
the cursor. The closed stages (« non retenu », « sorti ») come on demand: the columns then scroll
sideways so that the one with the cursor is always in view.
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from comite.kernel.i18n import _
from comite.store.committee_models import Role
from comite.store.errors import Refused
from comite.store.recruitment_models import PIPELINE, Candidate, MoveResult, Stage
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.screens.base import BaseScreen

log = logging.getLogger("comite.tui.recruitment")

# Column titles: a narrow column has room for a word and the count.
STAGE_SHORT = {
    Stage.SPOTTED: _("Repéré"), Stage.CONTACTED: _("Contacté"), Stage.MET: _("Rencontré"),
    Stage.TRAINING: _("Formation"), Stage.CHARTER_SIGNED: _("Charte"), Stage.ACTIVE: _("Actif"),
    Stage.NOT_RETAINED: _("Non retenu"), Stage.LEFT: _("Sorti"),
}
COLUMN_WIDTH = 13  # the narrowest column still readable: « Comité 21/11 », a padding
CARD_LINES = 3  # name, role, committee and day; a blank line between cards
# A role as a narrow card names it, when even its short label does not fit.
ROLE_TINY = {Role.PATIENT_PARTNER: _("Pat. part."), Role.EXPERT_PATIENT: _("Pat. expert"),
             Role.PEER_MEDIATOR: _("Médiat. pair")}
STAGE_HELP = _(
    "Étapes : repéré(e) → contacté(e) → rencontré(e) → en formation (base RU obligatoire, 40 h "
    "pour l’ETP) → charte signée (celle signée des deux côtés est liée) → actif(ve) (le siège "
    "est créé ; mandat de trois ans pour un RU). À part : non retenu(e), sorti(e) (le siège "
    "est libéré).")


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: cut with « … » when too long, padded otherwise."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def short_name(full: str, width: int) -> str:
    """« Océane Fournier » as « O. Fournier » when the whole name does not fit."""
    first, _space, last = full.partition(" ")
    if cell_len(full) <= width or not last:
        return full
    return f"{first[:1]}. {last}"


def role_label(role: Role, width: int) -> str:
    short = role.short_label
    return short if cell_len(short) <= width else ROLE_TINY.get(role, short)


def short_day(day, today) -> str:
    """« 21/11 » this year, « 21/11/27 » another: a card has five cells for it."""
    if day is None:
        return ""
    return day.strftime("%d/%m") if day.year == today.year else day.strftime("%d/%m/%y")


def committee_shorts(summaries: list) -> dict[int, str]:
    """A committee as a card names it: its kind's short label (« CDU », « Comité ») when that
    tells it apart from the others, else its name."""
    kinds = [s.committee.kind for s in summaries]
    return {s.committee.id: (s.committee.kind.short_label if kinds.count(s.committee.kind) == 1
                             else s.committee.name) for s in summaries}


# ---- moving a candidacy (the board and the candidate's page) -----------------------------------

def move_candidate(screen: Screen, candidate: Candidate, stage: Stage,
                   after: Callable[[Candidate], None], *, confirmed: bool = False) -> None:
    """Ask the store; a doubt of the team's is asked to the coordinator, a refusal told, and the
    consequences (a seat given or freed, a charter linked) said in a toast."""
    from comite.store import NeedsConfirmation
    from comite.tui.screens.confirm import ConfirmScreen

    app = screen.app
    try:
        result = app.store.recruitment.move(candidate.id, stage, app.today, confirmed=confirmed)
    except NeedsConfirmation as question:
        leaving_seat = candidate.stage is Stage.ACTIVE
        app.push_screen(ConfirmScreen(
            _("{name} : passer à « {stage} » ?").format(name=candidate.person_name,
                                                        stage=stage.label),
            [question.message], confirm=_("Passer à « {stage} »").format(stage=stage.label),
            cancel=_("Ne rien changer"), danger=leaving_seat or stage.closed),
            lambda yes: yes and move_candidate(screen, candidate, stage, after, confirmed=True))
        return
    except Refused as error:
        app.bell()
        app.notify(error.message, severity="error", timeout=12)
        return
    log.info("candidate %s moved to %s", candidate.id, stage.value)
    app.notify(moved_message(app.store, result), timeout=10)
    after(result.candidate)


def moved_message(store, result: MoveResult) -> str:
    """What the move did, in the coordinator's words."""
    c = result.candidate
    if result.membership_created:
        seat = store.memberships.get(c.membership_id)
        if seat.mandate_end:
            return _("{name} siège maintenant au comité « {committee} » (mandat jusqu’au "
                     "{end}).").format(name=c.person_name, committee=c.committee_name,
                                       end=wording.day(seat.mandate_end))
        return _("{name} siège maintenant au comité « {committee} ».").format(
            name=c.person_name, committee=c.committee_name)
    if c.stage is Stage.ACTIVE:
        return _("{name} est actif(ve) : il ou elle siégeait déjà au comité « {committee} », "
                 "son siège est gardé.").format(name=c.person_name, committee=c.committee_name)
    if result.charter_linked:
        uid = store.charters.get(c.charter_id).uid
        return _("{name} : charte {uid} liée à la candidature.").format(name=c.person_name,
                                                                       uid=uid)
    if result.membership_removed:
        return _("{name} passe à « {stage} » et ne siège plus au comité « {committee} ».").format(
            name=c.person_name, stage=c.stage.label, committee=c.committee_name)
    return _("{name} passe à « {stage} ».").format(name=c.person_name, stage=c.stage.label)


def neighbour(stage: Stage, step: int) -> Stage | None:
    """The next (step 1) or previous (-1) stage on the way forward; None past either end or
    from a closed stage."""
    if stage not in PIPELINE:
        return None
    index = PIPELINE.index(stage) + step
    return PIPELINE[index] if 0 <= index < len(PIPELINE) else None


def no_neighbour_message(stage: Stage, step: int) -> str:
    if stage.closed:
        return _("La candidature est close (« {stage} ») : m pour choisir l’étape où la "
                 "reprendre.").format(stage=stage.label)
    if step > 0:
        return _("« Actif(ve) » est la dernière étape : m pour « Sorti(e) » si la personne "
                 "quitte le comité.")
    return _("« Repéré(e) » est la première étape : m pour « Non retenu(e) ».")


class StagePicker(ModalScreen[str | None]):
    """Any stage, the closed ones included: Entrée picks, Échap closes without moving."""

    CSS_PATH = "../dialogs.tcss"
    DEFAULT_CSS = """
    StagePicker { align: center middle; }
    StagePicker OptionList { height: auto; max-height: 10; }
    """
    BINDINGS: ClassVar = [Binding("escape", "dismiss(None)", _("Annuler"))]

    def __init__(self, candidate: Candidate) -> None:
        super().__init__()
        self.candidate = candidate

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("{name} : quelle étape ?").format(name=self.candidate.person_name),
                        classes="form-title", markup=False)
            yield OptionList(*(Option(Text(stage.label + (_("  (actuelle)") if stage is
                                                          self.candidate.stage else "")),
                                      id=stage.value, disabled=stage is self.candidate.stage)
                               for stage in Stage))
            yield Static(_("Entrée pour choisir · Échap pour annuler"), classes="dialog-body")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        current = self.candidate.stage
        following = neighbour(current, 1) or next(s for s in Stage if s is not current)
        options.highlighted = list(Stage).index(following)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


# ---- the board -------------------------------------------------------------------------------

class BoardColumn(Widget):
    """One stage: its title with the count, then its cards, the one under the cursor
    highlighted; a column longer than the screen scrolls with the cursor."""

    DEFAULT_CSS = """
    BoardColumn { width: 1fr; height: 1fr; padding: 0 1 0 0; }
    """

    class Clicked(Message):
        def __init__(self, stage: Stage, index: int | None) -> None:
            super().__init__()
            self.stage = stage
            self.index = index

    def __init__(self, stage: Stage, shorts: Callable[[int | None], str], today) -> None:
        super().__init__(id=f"column-{stage.value}")
        self.stage = stage
        self.cards: list[Candidate] = []
        self.selected = 0
        self.active = False
        self.shorts = shorts
        self.today = today
        self._top = 0

    def show(self, cards: list[Candidate], selected: int, active: bool) -> None:
        self.cards, self.selected, self.active = cards, selected, active
        self.refresh()

    def _visible(self, height: int) -> int:
        """How many cards fit; one line is kept for « ↓ n » when they do not all fit."""
        room = height - 2
        if len(self.cards) * (CARD_LINES + 1) - 1 <= room:
            return len(self.cards)
        return max(1, room // (CARD_LINES + 1))

    def render(self) -> RenderResult:
        width, height = self.content_size.width, self.content_size.height
        title = f"{STAGE_SHORT[self.stage]} {len(self.cards)}"
        lines = [Content.styled(fit(title, width), "bold reverse $accent" if self.active
                                else "bold $accent"),
                 Content.styled("─" * width, "$primary 60%")]
        if not self.cards:
            lines.append(Content.styled(fit(_("aucune"), width), "dim italic"))
            return Content("\n").join(lines)
        visible = self._visible(height)
        if self.selected < self._top:
            self._top = self.selected
        elif self.selected >= self._top + visible:
            self._top = self.selected - visible + 1
        self._top = max(0, min(self._top, len(self.cards) - visible))
        for index in range(self._top, self._top + visible):
            if index > self._top:
                lines.append(Content(""))
            lines.extend(self._card(self.cards[index], width,
                                    self.active and index == self.selected))
        if visible < len(self.cards):
            above, below = self._top, len(self.cards) - self._top - visible
            more = " ".join(part for part in (f"↑{above}" if above else "",
                                              f"↓{below}" if below else "") if part)
            lines.append(Content.styled(fit(more, width), "dim"))
        return Content("\n").join(lines)

    def _card(self, c: Candidate, width: int, selected: bool) -> list[Content]:
        base = "reverse " if selected else ""
        day = short_day(c.next_step_on, self.today)
        committee = self.shorts(c.committee_id) or "—"
        late = c.overdue(self.today)
        if day:
            where = Content.assemble(
                (fit(committee, max(width - len(day) - 1, 1)) + " ", base.strip()),
                (day, base + ("bold $error" if late else "")))
        else:
            where = Content.styled(fit(committee, width), base.strip())
        return [Content.styled(fit(short_name(c.person_name, width), width), base + "bold"),
                Content.styled(fit(role_label(c.role, width), width),
                               base + ("" if selected else "dim")),
                where]

    def on_click(self, event: events.Click) -> None:
        line = event.y - 2
        index = None
        if line >= 0 and line % (CARD_LINES + 1) < CARD_LINES:
            index = self._top + line // (CARD_LINES + 1)
        self.post_message(self.Clicked(self.stage, index if index is not None
                                       and index < len(self.cards) else None))


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
                footer=False),
        Command("column(1)", "right", _("Colonne"), _("Colonne suivante"), key_display="→",
                footer=False),
        Command("card(-1)", "up", _("Carte"), _("Candidature précédente de la colonne"),
                key_display="↑", footer=False),
        Command("card(1)", "down", _("Carte"), _("Candidature suivante de la colonne"),
                key_display="↓", footer=False),
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
            hint.append("◀ " + ", ".join(STAGE_SHORT[stage] for stage in left), "bold")
            hint.append(" · ")
        hint.append(_("Comité : {name}").format(name=committee)
                    if self.committee_filter is not None else _("Tous les comités"))
        hint.append(" · " + wording.count(len(open_cards), _("en cours"), _("en cours")))
        if late:
            hint.append(" · ")
            hint.append(wording.count(late, _("en retard"), _("en retard")), "bold red")
        if closed and not self.show_closed:
            hint.append(" · " + wording.count(closed, _("close"), _("closes")) + _(" (h)"), "dim")
        if right:
            hint.append(" · ")
            hint.append(", ".join(STAGE_SHORT[stage] for stage in right) + " ▶", "bold")
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
        text.append(" — " + c.role.label)
        text.append(" · " + (c.committee_name or _("comité à choisir (e sur sa fiche)")))
        text.append("\n" + _("{stage} depuis le {day} · {source}").format(
            stage=c.stage.label, day=wording.day(c.stage_since), source=c.source.label), "dim")
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
        from comite.tui.screens.candidate_form import CandidateForm

        self.app.push_screen(CandidateForm(committee_id=self.committee_filter), self._created)

    def _created(self, candidate: Candidate | None) -> None:
        if candidate is not None:
            self.notify(_("Candidature de {name} notée : « {stage} ».").format(
                name=candidate.person_name, stage=candidate.stage.label))
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
        from comite.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool) -> None:
            if not yes:
                return
            try:
                self.app.store.recruitment.remove(c.id)
            except Refused as error:
                self.notify(error.message, severity="error")
                return
            self.notify(_("Candidature de {name} supprimée.").format(name=c.person_name))
            self.reload()

        lines = [_("Pour une candidature notée par erreur : ses critères cochés et les avis de "
                   "l’équipe partent avec elle. Sa fiche reste dans « Personnes »."),
                 _("Pour garder une trace, préférez m puis « Non retenu(e) ».")]
        if c.membership_id:
            lines.append(_("Son siège au comité reste : retirez-le depuis la page du comité."))
        self.app.push_screen(ConfirmScreen(
            _("Supprimer la candidature de {name} ?").format(name=c.person_name), lines,
            confirm=_("Supprimer la candidature")), answer)

    # ---- importing a file -----------------------------------------------------------------

    def action_import_csv(self) -> None:
        if self._importing:
            self.notify(_("Un instant : l’import en cours se termine."))
            return
        from comite.tui.screens.charter import documents_folder
        from comite.tui.widgets.file_picker import FilePicker

        self.app.push_screen(FilePicker(
            _("Importer des candidatures (fichier CSV)"), documents_folder(), (".csv",),
            placeholder=_("Chemin du fichier CSV, puis Entrée"),
            hint=_("Une ligne de titres, puis une candidature par ligne. Colonnes : {columns} "
                   "(* obligatoires). Tout est vérifié avant d’écrire : le fichier entre entier, "
                   "ou rien.").format(columns=_columns())),
                             lambda path: path is not None and self._import(path))

    def _import(self, path: Path) -> None:
        app, store, today, screen = self.app, self.app.store, self.app.today, self
        self._importing = True
        self.notify(_("Lecture de {name}…").format(name=path.name), timeout=3)

        def work() -> None:
            try:
                from comite.sync.candidates_csv import import_candidates

                result = import_candidates(store, path, today)
            except Refused as error:
                advice = getattr(error, "advice", "")
                app.call_from_thread(screen._imported, None, [
                    line for line in (getattr(error, "reason", "") or error.message, advice)
                    if line])
                return
            except OSError as error:
                app.call_from_thread(screen._imported, None, [_(
                    "Le fichier {path} ne peut pas être lu : {why}").format(
                        path=path, why=error.strerror)])
                return
            except Exception as error:  # the worker's last wall: the board must not stay stuck
                log.error("candidates not imported: %s", type(error).__name__)
                app.call_from_thread(screen._imported, None, [_(
                    "Une erreur inattendue a interrompu l’import ; rien n’a été enregistré. Le "
                    "détail technique (sans données personnelles) est dans le journal.")])
                return
            app.call_from_thread(screen._imported, result, [])

        self.run_worker(work, thread=True, group="candidates-import", exit_on_error=False)

    def _imported(self, result, refusal: list[str]) -> None:
        self._importing = False
        if result is None:
            from comite.tui.screens.charter_forms import InfoScreen

            self.app.push_screen(InfoScreen(_("Fichier de candidatures refusé"), refusal,
                                            error=True))
            return
        log.info("candidates imported: %d", _count(result.candidacies))
        self.notify(_("Import : {candidacies} notée(s) à « Repéré(e) » ; {created} créée(s), "
                      "{linked} déjà connue(s).").format(
            candidacies=wording.count(_count(result.candidacies), _("candidature"),
                                     _("candidatures")),
            created=wording.count(_count(result.created_people), _("personne"), _("personnes")),
            linked=_count(result.linked_people)), timeout=10)
        if self.is_attached:
            self.reload()


def _count(value: object) -> int:
    """The import tells how many, or lists them: either way, a number."""
    return value if isinstance(value, int) else len(value)


def _columns() -> str:
    from comite.sync.candidates_csv import COLUMNS

    return ", ".join(column.title + ("*" if column.required else "") for column in COLUMNS)


