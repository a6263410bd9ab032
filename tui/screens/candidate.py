"""One candidacy: who, for which role and committee, where it stands and since when, the way it
came, the next step; the team's criteria ticked for this person, the team's opinions, and what
the team would want to weigh before deciding."""

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from comite.kernel.grammar import de, gendered
from comite.kernel.i18n import _
from comite.store.errors import NotFound, Refused
from comite.store.recruitment_models import Candidate, Check, CriterionKind, Opinion, OpinionKind, Stage
from comite.tui import commands, wording
from comite.tui.candidate_moves import move_candidate, neighbour, no_neighbour_message
from comite.tui.commands import Command
from comite.tui.dialogs.stage_picker import StagePicker
from comite.tui.messages import OpenPerson
from comite.tui.screens.base import BaseScreen, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable
from comite.tui.wording import STAGE_HELP, short_day, stage_short

OPINION_STYLE = {OpinionKind.FAVOURABLE: "green", OpinionKind.RESERVED: "yellow",
                 OpinionKind.UNFAVOURABLE: "bold red"}
# What a tick says: for a quality « oui » is good news, for a deal-breaker it is not.
NEXT_MARK = {None: True, True: False, False: None}


def mark(check: Check) -> Text:
    if check.met is None:
        return Text("·", style="dim")
    good = check.met if check.criterion.kind is CriterionKind.QUALITY else not check.met
    return Text(_("oui") if check.met else _("non"), style="green" if good else "bold red")


class CandidateScreen(BaseScreen):
    SECTION = "recruitment"
    HERE: ClassVar = (
        # The bottom line at 80 columns has room for five keys: Échap goes without saying there.
        replace(commands.BACK, footer=False),
        Command("move(1)", "shift+right,greater_than_sign", _("Avancer"),
                _("Passer la candidature à l’étape suivante (aussi « > »)"), key_display="Maj+→"),
        Command("move(-1)", "shift+left,less_than_sign", _("Reculer"),
                _("Ramener la candidature à l’étape précédente (aussi « < »)"),
                key_display="Maj+←", footer=False),
        Command("move_to", "m", _("Étape"),
                _("Choisir l’étape, « non retenu(e) » et « sorti(e) » compris"), footer=False),
        Command("tick", "space", _("Cocher"),
                _("Critère sélectionné : non jugé → oui → non → non jugé"), key_display="Espace",
                footer=False),
        Command("opinion", "a", _("Avis"),
                _("Noter l’avis d’un membre de l’équipe (le sien remplace le précédent)")),
        Command("remove_opinion", "delete", _("Retirer l’avis"),
                _("Retirer l’avis sélectionné (demande confirmation)"), key_display="Suppr",
                footer=False),
        Command("edit", "e", _("Modifier"),
                _("Modifier la candidature : rôle, comité, source, prochaine étape, notes")),
        Command("criteria", "k", _("Critères"),
                _("Modifier les critères de l’équipe pour ce comité"), footer=False),
        Command("charter", "c", _("Charte"),
                _("Ouvrir la charte d’engagement de la personne pour ce comité")),
        Command("person", "p", _("Fiche"), _("Ouvrir la fiche de la personne")),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Une candidature")
    HELP_TEXT = _(
        "À gauche, la candidature et son parcours, puis « Avant de décider » : ce que l’équipe "
        "voudrait peser avant de dire oui. À droite, les critères de l’équipe (Espace : non "
        "jugé → oui → non ; les rédhibitoires en rouge, où « oui » alerte) et les avis (Entrée "
        "reprend celui choisi). Tab passe d’une liste à l’autre. ") \
        + STAGE_HELP

    AUTO_FOCUS = None  # the first list with something in it, chosen once the page is filled
    DEFAULT_CSS = """
    CandidateScreen #main { height: 1fr; }
    CandidateScreen #about { width: 1fr; height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    CandidateScreen #doubts { height: auto; border: round $warning; padding: 0 1; }
    CandidateScreen #doubts.-clear { border: round $success 60%; }
    CandidateScreen #right { width: 42; height: 1fr; }
    CandidateScreen #checks { height: auto; max-height: 9; }
    CandidateScreen #opinions { height: 1fr; }
    CandidateScreen #said { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, candidate_id: int, *, section: str = "recruitment") -> None:
        super().__init__()
        self.SECTION = section  # the bar shows where the page was opened from
        self.candidate_id = candidate_id
        self.candidate: Candidate | None = None
        self.checks: list[Check] = []
        self.opinions: list[Opinion] = []
        self._shown = False

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        with Horizontal(id="main"):
            with VerticalScroll(id="about"):
                yield Static(id="details", markup=False)
                yield Static(id="doubts", markup=False)
            with Vertical(id="right"):
                yield Static(_("Critères de l’équipe"), classes="section-title", id="checks-title")
                yield ListTable(id="checks", cursor_type="row")
                yield Static(_("Avis de l’équipe"), classes="section-title", id="opinions-title")
                yield ListTable(id="opinions", cursor_type="row", zebra_stripes=True)
                yield Static(id="said", markup=False)

    def prepare(self) -> None:
        self.query_one("#doubts").border_title = _("Avant de décider")
        checks = self.query_one("#checks", DataTable)
        checks.add_column(_("Jugé"), width=4)
        checks.add_column(_("Critère"), width=34)
        opinions = self.query_one("#opinions", DataTable)
        for label, width in ((_("Qui"), 15), (_("Avis"), 11), (_("Le"), 10)):
            opinions.add_column(label, width=width)

    # ---- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        recruitment = self.app.store.recruitment
        try:
            self.candidate = c = recruitment.get(self.candidate_id)
            self.checks = recruitment.checks(c.id)
            self.opinions = recruitment.opinions(c.id)
            history = recruitment.history(c.id)
        except NotFound as error:
            self.record_gone(error)
            return
        self.query_one("#title", Static).update(
            _("Candidature — {name}").format(name=c.person_name))
        self.query_one("#details", Static).update(self._details(c, history))
        self._show_doubts(c)
        self._fill_checks()
        self._fill_opinions()
        if not self._shown:  # first shown: the criteria to judge, else the opinions
            self._shown = True
            lists = [t for t in self.query(DataTable) if t.display]
            (lists[0] if lists else self.query_one("#about")).focus()

    def _details(self, c: Candidate, history) -> Text:
        today = self.app.today
        text = Text()

        def line(label: str, value: str, style: str = "") -> None:
            if text:
                text.append("\n")
            text.append(label + " : ", "bold")
            text.append(value, style)

        text.append(gendered(c.role.label, c.gender), "bold")
        line(_("Comité"), c.committee_name or _("à choisir (e)"),
             "" if c.committee_name else "yellow")
        line(_("Source"), c.source.label)
        line(_("Étape"), _("{stage} depuis le {day}").format(
            stage=gendered(c.stage.label, c.gender), day=wording.day(c.stage_since)))
        line(_("Parcours"), " → ".join(f"{stage_short(move.stage)} {short_day(move.on, today)}"
                                       for move in history), "dim")
        step = c.next_step or "—"
        if c.next_step_on:
            step += " — " + _("le {day}").format(day=wording.day(c.next_step_on))
        line(_("Prochaine étape"), step if (c.next_step or c.next_step_on) else _("aucune notée"),
             "bold red" if c.overdue(today) else "")
        if c.overdue(today):
            text.append("  " + _("en retard"), "bold red")
        if c.charter_id:
            line(_("Charte"), self.app.store.charters.get(c.charter_id).uid)
        if c.membership_id and c.stage is Stage.ACTIVE:
            seat = self.app.store.memberships.get(c.membership_id)
            line(_("Siège"), wording.seat(seat) + (" · " + wording.mandate(seat)
                                                  if wording.mandate(seat) else ""))
        if c.notes:
            line(_("Notes"), c.notes)
        return text

    def _show_doubts(self, c: Candidate) -> None:
        box = self.query_one("#doubts", Static)
        box.display = c.stage is not Stage.ACTIVE and not c.stage.closed
        if not box.display:
            return
        doubts = self.app.store.recruitment.decision_doubts(c.id, Stage.ACTIVE)
        box.set_class(not doubts, "-clear")
        if doubts:
            box.update(Text("\n".join("• " + doubt for doubt in doubts)))
        else:
            box.update(Text(_("Rien à signaler : avis, critères, formation et accord sont "
                              "notés."), style="green"))

    def _fill_checks(self) -> None:
        table = self.query_one("#checks", DataTable)
        current = selected_id(table)
        table.clear()
        for check in self.checks:
            breaker = check.criterion.kind is CriterionKind.DEAL_BREAKER
            text = Text("⚠ " + check.criterion.text if breaker else check.criterion.text,
                        style="red" if breaker else "")
            table.add_row(mark(check), text, key=str(check.criterion.id), height=None)
        keep_cursor(table, current)
        title = self.query_one("#checks-title", Static)
        c = self.candidate
        if c.committee_id is None:
            title.update(_("Critères : choisissez d’abord le comité (e)"))
        elif not self.checks:
            title.update(_("Critères : aucun pour ce comité (k)"))
        else:
            judged = sum(1 for check in self.checks if check.met is not None)
            title.update(_("Critères — {judged}/{n} jugés (Espace)").format(
                judged=judged, n=len(self.checks)))
        table.display = bool(self.checks)

    def _fill_opinions(self) -> None:
        table = self.query_one("#opinions", DataTable)
        current = selected_id(table)
        table.clear()
        for o in self.opinions:
            table.add_row(Text(o.author_name), Text(o.opinion.label, style=OPINION_STYLE[o.opinion]),
                          wording.day(o.given_on), key=str(o.id))
        keep_cursor(table, current)
        self.query_one("#opinions-title", Static).update(
            _("Avis de l’équipe — {n}").format(n=len(self.opinions)) if self.opinions
            else _("Avis de l’équipe : aucun (a pour en noter un)"))
        table.display = bool(self.opinions)
        self._show_said()

    def _show_said(self) -> None:
        opinion = self._selected_opinion()
        said = self.query_one("#said", Static)
        said.update(Text(f"« {opinion.comment} » — {opinion.author_name}")
                    if opinion and opinion.comment else "")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "opinions":
            self._show_said()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "opinions":
            self._open_opinion(self._selected_opinion())
        else:
            self.action_tick()

    def _selected_opinion(self) -> Opinion | None:
        row = selected_id(self.query_one("#opinions", DataTable))
        return next((o for o in self.opinions if o.id == row), None)

    # ---- the stage -------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        c = self.candidate
        if c is None:
            return
        stage = neighbour(c.stage, step)
        if stage is None:
            self.notify(no_neighbour_message(c.stage, step), severity="warning")
            return
        move_candidate(self, c, stage, self._moved)

    def action_move_to(self) -> None:
        if (c := self.candidate) is not None:
            self.app.push_screen(StagePicker(c), lambda value: value and move_candidate(
                self, c, Stage(value), self._moved))

    def _moved(self, _candidate: Candidate) -> None:
        if self.is_attached:
            self.reload()

    # ---- criteria and opinions ----------------------------------------------------------------

    def action_tick(self) -> None:
        table = self.query_one("#checks", DataTable)
        criterion_id = selected_id(table) if table.display else None
        check = next((k for k in self.checks if k.criterion.id == criterion_id), None)
        if check is None:
            self.notify(_("Aucun critère à cocher : k pour écrire ceux de l’équipe."),
                        severity="warning")
            return
        try:
            self.app.store.recruitment.set_check(self.candidate_id, check.criterion.id,
                                                 NEXT_MARK[check.met])
        except Refused as error:
            self.notify(error.message, severity="error")
            return
        table.focus()
        self.reload()

    def action_opinion(self) -> None:
        opinions = self.query_one("#opinions", DataTable)
        self._open_opinion(self._selected_opinion() if self.focused is opinions else None)

    def _open_opinion(self, opinion: Opinion | None) -> None:
        if self.candidate is None:
            return
        from comite.tui.dialogs.opinion_form import OpinionForm

        def saved(result: Opinion | None) -> None:
            if result is not None:
                self.notify(_("Avis {of_name} noté : {opinion}.").format(
                    of_name=de(result.author_name), opinion=result.opinion.label.lower()))
                self.reload()
                keep_cursor(self.query_one("#opinions", DataTable), result.id)
                self._show_said()

        self.app.push_screen(OpinionForm(self.candidate, opinion), saved)

    def action_remove_opinion(self) -> None:
        opinion = self._selected_opinion()
        if opinion is None or self.focused is not self.query_one("#opinions", DataTable):
            self.notify(_("Suppr retire l’avis sélectionné dans la liste des avis (Tab pour y "
                          "aller)."), severity="warning")
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        def remove() -> None:
            try:
                self.app.store.recruitment.remove_opinion(opinion.id)
            except Refused as error:
                self.notify(error.message, severity="error")
                return
            self.notify(_("Avis {of_name} retiré.").format(of_name=de(opinion.author_name)))
            self.reload()

        ConfirmScreen.ask(
            self.app, _("Retirer l’avis {of_name} ?").format(of_name=de(opinion.author_name)),
            [_("{opinion}, le {day}.").format(opinion=opinion.opinion.label,
                                              day=wording.day(opinion.given_on))]
            + ([f"« {opinion.comment} »"] if opinion.comment else []),
            confirm=_("Retirer l’avis"), then=remove)

    def action_criteria(self) -> None:
        c = self.candidate
        if c is None or c.committee_id is None:
            self.notify(_("Choisissez d’abord le comité de la candidature (e)."),
                        severity="warning")
            return
        from comite.tui.screens.criteria import CriteriaScreen

        self.app.push_screen(CriteriaScreen(c.committee_id, section=self.SECTION))

    # ---- elsewhere ---------------------------------------------------------------------------

    def action_edit(self) -> None:
        if self.candidate is None:
            return
        from comite.tui.dialogs.candidate_form import CandidateForm

        self.app.push_screen(CandidateForm(self.candidate),
                             lambda saved: saved is not None and self.reload())

    def action_charter(self) -> None:
        c = self.candidate
        if c is None:
            return
        if c.committee_id is None:
            self.notify(_("Choisissez d’abord le comité de la candidature (e) : la charte est "
                          "celle de ce comité."), severity="warning")
            return
        from comite.tui.screens.charter import CharterScreen

        self.app.push_screen(CharterScreen(c.person_id, c.committee_id, section=self.SECTION))

    def action_person(self) -> None:
        if self.candidate is not None:
            self.post_message(OpenPerson(self.candidate.person_id))
