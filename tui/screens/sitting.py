"""« Séance en cours »: facilitating the meeting live — who has arrived (quorum updating), the
current agenda item against its planned time, notes and conclusions as they are decided, and
who took the floor, so the facilitator sees whether the users present were heard.

Everything is written as it happens: quitting mid-meeting loses nothing.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static, TextArea

from comite.kernel import plural
from comite.kernel.grammar import gendered
from comite.kernel.i18n import _
from comite.store.errors import NeedsConfirmation, NotFound, Refused
from comite.store.minutes_models import (
    AgendaItem,
    AttendanceStatus,
    Attendee,
    FloorCount,
    MinutesStatus,
    Outcome,
    Quorum,
    Side,
    Sitting,
)
from comite.store.sitting import floor_totals
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.dialogs.confirm import ConfirmScreen, ask_signed_edit
from comite.tui.notes_keeper import NotesKeeper
from comite.tui.screens.base import BaseScreen, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable
from comite.tui.wording import (
    attendee_names,
    legend_lines,
    presence_detail,
    presence_legend,
    presence_mark,
    quorum_text,
    side_mark,
)

# Minutes adopted or signed: what happened in the room is settled, no séance reopens.
CLOSED = (MinutesStatus.ADOPTED, MinutesStatus.SIGNED)


LEGEND_WIDTH = 40  # the people's pane, less its padding: the legend is laid out to it


def screen_legend() -> list[str]:
    """Under the people's list: its marks and their words, a group (times, statuses, names)
    to a line or two. The sides (U, P, A) are not there: the floor's table names them."""
    times, statuses, names, _sides = presence_legend()
    return [line for group in (times, statuses, names)
            for line in legend_lines(group, LEGEND_WIDTH)]


def help_legend() -> list[str]:
    """The same marks in the help (74 columns), the sides on a line of their own."""
    times, statuses, names, sides = presence_legend()
    return [line for group in (times + statuses + names, sides)
            for line in legend_lines(group, 74)]


LEAVE = Command("leave", "escape", _("Retour"),
                _("Sortir des notes vers la liste des personnes ; depuis la liste, revenir à la "
                  "réunion (la séance continue, tout est enregistré)"), key_display="Échap",
                footer=False)
NEXT = Command("move(1)", "f9", _("Suivant"), _("Passer au point suivant de l’ordre du jour"),
               key_display="F9")
CONCLUSION = Command("new_conclusion", "c,ctrl+n", _("Conclusion"),
                     _("Écrire une conclusion dans le point en cours ; Ctrl+N marche aussi pendant "
                       "la frappe des notes"), key_display="c / ^n", footer=False)


class SittingScreen(BaseScreen):
    SECTION = "meetings"
    HERE: ClassVar = (
        LEAVE,
        Command("check_in", "space,p", _("Arrivée"),
                _("Noter l’arrivée de la personne sélectionnée, à l’heure qu’il est (un(e) "
                  "suppléant(e) prend le siège de son ou sa titulaire absent(e)) ; sur quelqu’un "
                  "de parti(e), son retour ; sur quelqu’un d’arrivé(e), annuler une arrivée notée "
                  "par erreur"), key_display="Espace"),
        Command("check_out", "d", _("Départ"),
                _("Noter le départ de la personne sélectionnée, à l’heure qu’il est (elle reste "
                  "présente au compte rendu, avec ses heures)"), footer=False),
        Command("floor", "plus", _("Parole"),
                _("La personne sélectionnée a pris la parole sur le point en cours ; si elle "
                  "n’est pas notée dans la salle, on vous demande d’abord de noter son arrivée"),
                key_display="+"),
        Command("join", "a", _("Ajouter"),
                _("Quelqu’un arrive qui n’était pas invité(e) (vous, un médecin, la direction) : "
                  "le ou la chercher, ou créer sa fiche (Ctrl+N), et noter son arrivée"),
                key_display="a"),
        NEXT,
        Command("undo_floor", "minus", _("Annuler la parole"),
                _("Retirer la dernière prise de parole notée pour la personne sélectionnée"),
                key_display="-", footer=False),
        Command("move(-1)", "f8", _("Précédent"), _("Revenir au point précédent"),
                key_display="F8", footer=False),
        CONCLUSION,
        Command("item_outcome", "i", _("Issue"),
                _("Dire ce qui est sorti du point en cours (adopté, décision prise, reporté…) : "
                  "le compte rendu le dira"), footer=False),
        Command("end_session", "t", _("Terminer"),
                _("Terminer la séance (le compte rendu reste à écrire et à diffuser)"),
                footer=False),
        Command("expense", "f", _("Frais"),
                _("Inscrire les frais de la personne sélectionnée pour cette réunion "
                  "(kilomètres, parking, ticket de bus…) ; ses frais déjà inscrits s’ouvrent "
                  "pour les modifier"), footer=False),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    TYPING: ClassVar = (commands.while_typing(LEAVE, "escape", "Échap", _("Liste")),
                        commands.while_typing(CONCLUSION, "ctrl+n", "^n"),
                        commands.while_typing(NEXT, "f9", "F9"))
    HELP_TITLE = _("Séance en cours")
    HELP_TEXT = _(
        "À l’ouverture, personne n’est présent(e). Espace note une arrivée à l’heure qu’il est "
        "(une seconde fois, l’annule), « d » un départ, Espace encore un retour ; « a » ajoute "
        "quelqu’un qui arrive sans avoir été invité(e) ; « + » compte une prise de parole sur "
        "le point en cours (« - » l’annule). Le quorum suit les arrivées. À droite : le point, "
        "son temps, ses notes (Tab pour y aller, Échap pour en sortir) et les prises de parole "
        "de chaque côté. « f » inscrit les frais de la personne sélectionnée pour cette "
        "réunion (défraiement). Tout s’enregistre au fil de la séance. La liste se lit ainsi :") + \
        "\n" + "\n".join(help_legend())

    DEFAULT_CSS = """
    SittingScreen #status { height: auto; padding: 0 1; }
    SittingScreen #main { height: 1fr; }
    SittingScreen #people-box { width: 42; height: 1fr; }
    SittingScreen #people { height: 1fr; scrollbar-size-vertical: 1; }
    SittingScreen #detail { height: 2; padding: 0 1; }
    SittingScreen #right { width: 1fr; height: 1fr; padding: 0 0 0 1; }
    SittingScreen #current { height: auto; max-height: 2; text-style: bold; }
    SittingScreen #clock { height: auto; }
    SittingScreen #session-notes { height: 1fr; min-height: 4; border: round $primary 50%; }
    SittingScreen #session-notes:focus { border: round $primary; }
    SittingScreen #decided { height: auto; max-height: 4; color: $text-muted; }
    SittingScreen #floor { height: auto; }
    SittingScreen .pane-hint { height: auto; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.sitting: Sitting | None = None
        self.items: tuple[AgendaItem, ...] = ()
        self.item: AgendaItem | None = None
        self.attendees: list[Attendee] = []
        self.quorum: Quorum | None = None
        self.notes = TextArea(id="session-notes", placeholder=_("Les notes du point en cours…"))
        self.keeper = NotesKeeper(self, self._signed_notes)
        self.refused = False
        self.zone: ZoneInfo | None = None  # the meeting's: arrival times read as on its clock

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="status")
        with Horizontal(id="main"):
            with Vertical(id="people-box"):
                yield ListTable(id="people", cursor_type="row", zebra_stripes=True)
                yield Static(id="detail", markup=False)
                yield Static("\n".join(screen_legend()), id="legend",
                             classes="pane-hint", markup=False)
            with Vertical(id="right"):
                yield Static(id="current", markup=False)
                yield Static(id="clock")
                yield self.notes
                yield Static(id="decided", markup=False)
                yield Static(id="floor")

    def on_mount(self) -> None:
        store = self.app.store
        try:
            if store.minutes.state(self.meeting_id).status in CLOSED:
                raise Refused(_("Le compte rendu de cette réunion est adopté : sa séance est "
                                "close. Ouvrez le compte rendu (« d ») pour le relire."))
            self.sitting = store.sitting.start(self.meeting_id)
        except Refused as error:
            # Too early, or a meeting not convened: say so and go back.
            self.refused = True
            self.notify(error.message, severity="warning", timeout=10)
            self.call_after_refresh(self._go_back)
            return
        self.notes.border_title = _("Notes, gardées à la frappe")
        table = self.query_one("#people", DataTable)
        for label, width in ((_("Arrivée"), 7), (_("Nom"), 19), ("", 1), (_("Parole"), 6)):
            table.add_column(label, width=width)
        self.reload()
        table.focus()
        self.set_interval(1, self._tick)

    def _go_back(self) -> None:
        self.dismiss()

    # ---- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        if self.refused:
            return
        self.keeper.flush()
        store = self.app.store
        try:
            self.sitting = store.sitting.get(self.meeting_id) or self.sitting
            self.items = store.agenda.agenda(self.meeting_id).items
            attendees, self.quorum = store.minutes.attendance(self.meeting_id)
            floor = store.sitting.floor(self.meeting_id)
        except NotFound as error:
            self.record_gone(error)
            return
        self.attendees = list(attendees)
        current_id = self.sitting.current_item_id if self.sitting else None
        self.item = next((i for i in self.items if i.id == current_id), None)
        meeting = store.meetings.get(self.meeting_id)
        self.zone = ZoneInfo(meeting.timezone)
        self.query_one("#title", Static).update(
            _("Séance en cours — {title}").format(title=meeting.title))
        self.query_one("#status", Static).update(status_text(self.quorum, self.attendees))
        self._fill_people(floor)
        self._show_item(floor)
        self._tick()

    def _fill_people(self, floor: list[FloorCount]) -> None:
        table = self.query_one("#people", DataTable)
        current = selected_id(table)
        turns = {f.invitee_id: f.turns for f in floor if self.item and f.item_id == self.item.id}
        table.clear()
        for a, name in attendee_names(self.attendees):
            table.add_row(presence_mark(a, self.zone), Text(name), side_mark(a.side),
                          Text(str(turns.get(a.invitee_id, "")), style="bold"),
                          key=str(a.invitee_id))
        keep_cursor(table, current)
        self._show_detail()

    @on(DataTable.RowHighlighted, "#people")
    def _show_detail(self) -> None:
        attendee = self._selected()
        self.query_one("#detail", Static).update(
            presence_detail(attendee, self.zone) if attendee else "")

    def _show_item(self, floor: list[FloorCount]) -> None:
        item = self.item
        if item is None:
            self.query_one("#current", Static).update(_("Aucun point à l’ordre du jour."))
            self.notes.disabled = True
            self.query_one("#decided", Static).update("")
        else:
            self.notes.disabled = False
            self.query_one("#current", Static).update(_("Point {n}/{total} · {title}").format(
                n=item.position, total=len(self.items), title=item.title))
            self.keeper.bind(self.notes, item.id, False, item.notes)
            decided = self.app.store.conclusions.for_meeting(self.meeting_id)
            here = [c for c in decided if c.item_id == item.id]
            lines = [f"• {c.kind.label} : {c.text}" + (f" ({c.owner_name})" if c.owner_name else "")
                     for c in here]
            lines.append(_("c / Ctrl+N : nouvelle conclusion"))
            # What came of the point, once said; until then, the key that says it.
            lines.append(_("i : issue — {outcome}").format(outcome=item.outcome.label.lower())
                         if item.outcome is not Outcome.UNSAID else _("i : dire l’issue du point"))
            self.query_one("#decided", Static).update("\n".join(lines))
        self.query_one("#floor", Static).update(floor_text(floor, item.id if item else None))

    def _tick(self) -> None:
        clock = self.query_one("#clock", Static)
        if self.item is None or self.sitting is None:
            clock.update("")
            return
        spent = self.app.store.sitting.spent_seconds(self.item, self.sitting, self.now())
        clock.update(clock_text(spent, self.item.duration_minutes * 60))

    @staticmethod
    def now() -> datetime:
        """The time things happen at: arrivals, departures, turns, the item's clock."""
        return datetime.now(UTC)

    # ---- people ---------------------------------------------------------------------------

    def _selected(self) -> Attendee | None:
        invitee_id = selected_id(self.query_one("#people", DataTable))
        return next((a for a in self.attendees if a.invitee_id == invitee_id), None)

    def _attempt(self, change: Callable[[], object], success: str = "") -> None:
        try:
            change()
        except Refused as error:
            self.notify(error.message, severity="warning")
            return
        if success:
            self.notify(success)
        self.reload()

    def action_check_in(self) -> None:
        attendee = self._selected()
        if attendee is None:
            return
        minutes = self.app.store.minutes
        if attendee.present and attendee.left_at is None:
            # Pressed on someone in the room: a check-in noted by mistake, taken back.
            self._attempt(lambda: minutes.forget_attendance(attendee.invitee_id),
                _("{name} n’est plus noté(e) présent(e).").format(name=attendee.name))
            return
        back = attendee.present  # gone, and here again
        self._attempt(lambda: minutes.check_in(attendee.invitee_id, self.now()),
                      _("{name} est de retour.").format(name=attendee.name) if back else "")

    def action_check_out(self) -> None:
        attendee = self._selected()
        if attendee is None:
            return
        if attendee.present and attendee.left_at is not None:
            self.notify(_("{name} est déjà noté(e) parti(e) ; Espace note son retour.").format(
                name=attendee.name), severity="warning")
            return
        self._attempt(lambda: self.app.store.minutes.check_out(attendee.invitee_id, self.now()),
                      _("{name} est parti(e).").format(name=attendee.name))

    def action_join(self) -> None:
        from comite.tui.dialogs.join_form import JoinForm

        def joined(invitee_id: int | None) -> None:
            if invitee_id is None:
                return
            self.reload()
            table = self.query_one("#people", DataTable)
            keep_cursor(table, invitee_id)
            table.focus()
            attendee = self._selected()
            if attendee is not None:
                self.notify(gendered(_("{name} est à la table, arrivé(e) à {at}."),
                                     attendee.gender).format(
                    name=attendee.name, at=presence_mark(attendee, self.zone).plain))

        self.keeper.flush()
        self.app.push_screen(JoinForm(self.meeting_id), joined)

    def action_floor(self) -> None:
        attendee = self._selected()
        if attendee is None or not self._has_item():
            return
        item_id, sitting = self.item.id, self.app.store.sitting
        try:
            sitting.take_floor(item_id, attendee.invitee_id, self.now())
        except NeedsConfirmation as question:
            # Someone shown absent spoke: their arrival is noted with the turn, once confirmed.
            ConfirmScreen.ask(
                self.app, _("Noter son arrivée ?"), [question.message],
                confirm=_("Noter l’arrivée et la parole"), cancel=_("Ne rien noter"),
                danger=False,
                then=lambda: self._attempt(lambda: sitting.take_floor(
                    item_id, attendee.invitee_id, self.now(), check_in=True)))
            return
        except Refused as error:
            self.notify(error.message, severity="warning")
            return
        self.reload()

    def action_undo_floor(self) -> None:
        attendee = self._selected()
        if attendee is not None and self._has_item():
            self._attempt(lambda: self.app.store.sitting.undo_floor(self.item.id, attendee.invitee_id))

    def _has_item(self) -> bool:
        if self.item is None:
            self.notify(_("Aucun point en cours : F9 passe au premier point."), severity="warning")
            return False
        return True

    # ---- items, notes, conclusions --------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.keeper.flush()
        try:
            self.sitting = self.app.store.sitting.move(self.meeting_id, delta)
        except Refused as error:
            self.notify(error.message, severity="warning")
            return
        self.reload()

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        self.keeper.changed()

    def _signed_notes(self, message: str) -> None:
        def unlock() -> None:
            self.keeper.confirmed = True
            self.keeper.flush()

        ask_signed_edit(self.app, message, unlock)

    def action_new_conclusion(self) -> None:
        from comite.tui.dialogs.conclusion_form import ConclusionForm

        if not self._has_item():
            return
        self.keeper.flush()
        self.app.push_screen(ConclusionForm(self.meeting_id, self.item.id, self.item.title),
                             lambda saved: saved and self.notify(_("Conclusion notée.")))

    def action_item_outcome(self) -> None:
        """The current item's form, where its outcome is said as the committee concludes it."""
        from comite.tui.dialogs.agenda_item_form import AgendaItemForm

        if not self._has_item():
            return
        self.keeper.flush()

        def saved(result: object) -> None:
            if result is not None:
                self.notify(_("Issue notée."))
                self.reload()

        self.app.push_screen(AgendaItemForm(self.meeting_id, self.item), saved)

    def action_leave(self) -> None:
        self.keeper.flush()
        if not self.leave_field(self.query_one("#people", DataTable)):
            self.app.pop_screen()

    def action_expense(self) -> None:
        attendee = self._selected()
        if attendee is None:
            self.notify(_("Sélectionnez d’abord la personne dont vous inscrivez les frais."))
            return
        from comite.store.expense_models import euros
        from comite.tui.dialogs.expense_form import ExpenseForm

        entered = self.app.store.expenses.at_meeting(self.meeting_id, attendee.person_id)

        def saved(expense: object) -> None:
            if expense is not None:
                self.notify(_("Frais de {name} pour cette réunion : {amount}.").format(
                    name=attendee.name, amount=euros(expense.amount_cents)))

        self.app.push_screen(ExpenseForm(attendee.person_id, entered, meeting_id=self.meeting_id),
                             saved)

    def action_end_session(self) -> None:
        def end() -> None:
            self.keeper.flush()
            try:
                self.app.store.sitting.end(self.meeting_id)
            except Refused as error:
                self.notify(error.message, severity="warning")
                return
            self.notify(_("Séance terminée. Le compte rendu reste à relire et à diffuser."))
            self.app.pop_screen()

        ConfirmScreen.ask(
            self.app, _("Terminer la séance ?"),
            [_("Les présences, les notes et les prises de parole restent dans le compte rendu.")],
            confirm=_("Terminer"), cancel=_("Continuer la séance"), danger=False, then=end)

    def on_screen_suspend(self) -> None:
        self.keeper.flush()
        super().on_screen_suspend()

    def on_unmount(self) -> None:
        self.keeper.flush()  # Échap, or Ctrl+Q in the middle of a sentence


def status_text(quorum: Quorum, attendees: list[Attendee]) -> Text:
    """The quorum; under it, who is in the room, who left, who said they would come and is
    not there yet."""
    here = sum(1 for a in attendees if a.present and a.left_at is None)
    gone = sum(1 for a in attendees if a.present and a.left_at is not None)
    expected = sum(1 for a in attendees if a.status is AttendanceStatus.ANNOUNCED)
    counts = [(plural.count(here, _("présent(e)"), _("présent(e)s")), "bold")]
    if gone:
        counts.append((plural.count(gone, _("parti(e)"), _("parti(e)s")), ""))
    counts.append((plural.count(expected, _("annoncé(e) encore attendu(e)"),
                                _("annoncé(e)s encore attendu(e)s")), ""))
    line = Text.assemble(quorum_text(quorum), "\n")
    for index, part in enumerate(counts):
        if index:
            line.append(" · ")
        line.append(*part)
    return line


def clock_text(spent: int, planned: int) -> Text:
    """« 04:12 / 10:00 », red with the overrun once the planned time is passed."""
    def mm_ss(seconds: int) -> str:
        return f"{seconds // 60:02d}:{seconds % 60:02d}"

    text = Text(_("Temps : "))
    over = spent > planned
    text.append(mm_ss(spent), style="bold red" if over else "bold")
    text.append(" / " + mm_ss(planned) + _(" prévues"))
    if over:
        text.append("  " + _("dépassé de {over}").format(over=mm_ss(spent - planned)),
                    style="bold red")
    return text


def floor_text(floor: list[FloorCount], item_id: int | None) -> Text:
    """Who took the floor, side by side, on the current item and in the whole meeting, with
    each side's share of the turns; the sides' letters are those of the people's list:

        Prises de parole  ce point   réunion
        U Usagers          2  67 %   7  54 %
        P Professionnels   1  33 %   5  38 %
        A Autres           0   0 %   1   8 %
    """
    here = floor_totals(floor, item_id) if item_id is not None else dict.fromkeys(Side, 0)
    everywhere = floor_totals(floor)

    def cell(totals: dict[Side, int], side: Side) -> str:
        total = sum(totals.values())
        share = f"{round(100 * totals[side] / total):>3}\u00a0%" if total else ""
        return f"{totals[side]:>3} {share:<5}"

    text = Text.assemble((f"{_('Prises de parole'):<17}", "bold"),
                         f"{_('ce point'):>9} {_('réunion'):>9}")
    for side in Side:
        mark = side_mark(side)
        text.append("\n")
        text.append_text(mark)
        text.append(f" {side.label:<15}", style=mark.style)
        text.append(f"{cell(here, side)} {cell(everywhere, side)}")
    return text
