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
from comite.kernel.i18n import _
from comite.store.errors import NotFound, Refused
from comite.store.minutes_models import (
    AgendaItem,
    AttendanceStatus,
    Attendee,
    FloorCount,
    MinutesStatus,
    Quorum,
    Side,
    Sitting,
)
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.dialogs.confirm import ask_signed_edit
from comite.tui.notes_keeper import NotesKeeper
from comite.tui.screens.base import BaseScreen, keep_cursor, selected_id
from comite.tui.wording import attendee_name, quorum_text

# Minutes adopted or signed: what happened in the room is settled, no séance reopens.
CLOSED = (MinutesStatus.ADOPTED, MinutesStatus.SIGNED)


class SittingScreen(BaseScreen):
    SECTION = "meetings"
    HERE: ClassVar = (
        Command("leave", "escape", _("Retour"),
                _("Sortir des notes vers la liste des personnes ; depuis la liste, revenir à la "
                  "réunion (la séance continue, tout est enregistré)"), key_display="Échap"),
        Command("check_in", "space,p", _("Arrivée"),
                _("Noter l’arrivée de la personne sélectionnée (un(e) suppléant(e) prend le siège "
                  "de son ou sa titulaire absent(e)) ; une seconde fois, l’annuler"),
                key_display="Espace"),
        Command("floor", "plus", _("Parole"),
                _("La personne sélectionnée a pris la parole sur le point en cours"),
                key_display="+"),
        Command("move(1)", "f9", _("Suivant"), _("Passer au point suivant de l’ordre du jour"),
                key_display="F9"),
        Command("undo_floor", "minus", _("Annuler la parole"),
                _("Retirer la dernière prise de parole notée pour la personne sélectionnée"),
                key_display="-", footer=False),
        Command("move(-1)", "f8", _("Précédent"), _("Revenir au point précédent"),
                key_display="F8", footer=False),
        Command("new_conclusion", "c,ctrl+n", _("Conclusion"),
                _("Écrire une conclusion dans le point en cours ; Ctrl+N marche aussi pendant la "
                  "frappe des notes"), key_display="c / ^n", footer=False),
        Command("end_session", "t", _("Terminer"),
                _("Terminer la séance (le compte rendu reste à écrire et à diffuser)"),
                footer=False),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Séance en cours")
    HELP_TEXT = _(
        "À gauche, les invité(e)s : Espace note une arrivée (le quorum se met à jour), « + » "
        "compte une prise de parole sur le point en cours (« - » l’annule). À droite, le point "
        "en cours et son temps (en rouge quand il dépasse), ses notes — Tab pour y aller, Échap "
        "pour en sortir — et le décompte des prises de parole, usagers et professionnels. "
        "F9 / F8 : point suivant / précédent. Tout s’enregistre au fil de la séance.")

    DEFAULT_CSS = """
    SittingScreen #status { height: 1; padding: 0 1; }
    SittingScreen #main { height: 1fr; }
    SittingScreen #people-box { width: 34; height: 1fr; }
    SittingScreen #right { width: 1fr; height: 1fr; padding: 0 0 0 1; }
    SittingScreen #current { height: auto; max-height: 2; text-style: bold; }
    SittingScreen #clock { height: auto; }
    SittingScreen #session-notes { height: 1fr; min-height: 4; border: round $primary 50%; }
    SittingScreen #session-notes:focus { border: round $primary; }
    SittingScreen #decided { height: auto; max-height: 4; color: $text-muted; }
    SittingScreen #floor-title { height: 1; }
    SittingScreen #floor-item, SittingScreen #floor-all { height: auto; }
    SittingScreen #floor-title { text-style: bold; }
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
                yield DataTable(id="people", cursor_type="row", zebra_stripes=True)
                yield Static(_("Espace arrivé(e) · + / - parole\nU usager · P professionnel"),
                             classes="pane-hint")
            with Vertical(id="right"):
                yield Static(id="current", markup=False)
                yield Static(id="clock")
                yield self.notes
                yield Static(id="decided", markup=False)
                yield Static(_("Prises de parole"), id="floor-title")
                yield Static(id="floor-item")
                yield Static(id="floor-all")

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
        self.notes.border_title = _("Notes du point — enregistrées au fil de la frappe")
        table = self.query_one("#people", DataTable)
        for label, width in ((_("Arr."), 5), (_("Nom"), 16), ("", 1), (_("Par."), 4)):
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
        present = sum(1 for a in self.attendees if a.status is AttendanceStatus.PRESENT)
        self.query_one("#status", Static).update(Text.assemble(
            quorum_text(self.quorum), "  ·  ",
            (plural.count(present, _("présent(e)"), _("présent(e)s")), "bold")))
        self._fill_people(floor)
        self._show_item(floor)
        self._tick()

    def _fill_people(self, floor: list[FloorCount]) -> None:
        table = self.query_one("#people", DataTable)
        current = selected_id(table)
        turns = {f.invitee_id: f.turns for f in floor if self.item and f.item_id == self.item.id}
        table.clear()
        for a in self.attendees:
            table.add_row(arrival_cell(a, self.zone), Text(attendee_name(a)),
                          Text("U", style="bold cyan") if a.side is Side.USERS else Text("P", "dim"),
                          Text(str(turns.get(a.invitee_id, "")), style="bold"),
                          key=str(a.invitee_id))
        keep_cursor(table, current)

    def _show_item(self, floor: list[FloorCount]) -> None:
        item = self.item
        if item is None:
            self.query_one("#current", Static).update(_("Aucun point à l’ordre du jour."))
            self.notes.disabled = True
            for name in ("#decided", "#floor-item"):
                self.query_one(name, Static).update("")
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
            self.query_one("#decided", Static).update("\n".join(lines))
            self.query_one("#floor-item", Static).update(
                floor_text(_("Ce point"), [f for f in floor if f.item_id == item.id]))
        self.query_one("#floor-all", Static).update(floor_text(_("Réunion"), floor))

    def _tick(self) -> None:
        clock = self.query_one("#clock", Static)
        if self.item is None or self.sitting is None:
            clock.update("")
            return
        spent = self.app.store.sitting.spent_seconds(self.item, self.sitting, datetime.now(UTC))
        clock.update(clock_text(spent, self.item.duration_minutes * 60))

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
        if attendee.status is AttendanceStatus.PRESENT and attendee.confirmed:
            # Pressed a second time: a mistake to take back.
            self._attempt(lambda: minutes.forget_attendance(attendee.invitee_id),
                _("{name} n’est plus noté(e) présent(e).").format(name=attendee.name))
            return
        self._attempt(lambda: minutes.check_in(attendee.invitee_id))

    def action_floor(self) -> None:
        attendee = self._selected()
        if attendee is not None and self._has_item():
            self._attempt(lambda: self.app.store.sitting.take_floor(self.item.id, attendee.invitee_id))

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

    def action_leave(self) -> None:
        self.keeper.flush()
        people = self.query_one("#people", DataTable)
        if self.focused is not people:
            people.focus()
            return
        self.app.pop_screen()

    def action_end_session(self) -> None:
        from comite.tui.dialogs.confirm import ConfirmScreen

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


def arrival_cell(a: Attendee, zone: ZoneInfo | None) -> Text:
    if a.present and a.arrived_at:
        return Text(f"{a.arrived_at.astimezone(zone):%H:%M}", style="bold green")
    if a.present:
        return Text("✓", style="green")
    if a.status is AttendanceStatus.EXCUSED:
        return Text(_("exc."), style="yellow" if a.confirmed else "dim yellow")
    if a.status is AttendanceStatus.SUBSTITUTED:
        return Text(_("supp."), style="cyan")
    if a.status is AttendanceStatus.REPRESENTED:
        return Text(_("pouv."), style="cyan")
    if a.status is AttendanceStatus.ANNOUNCED:
        return Text(_("ann."), style="dim")
    return Text("—", style="dim")


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


def floor_text(label: str, floor: list[FloorCount]) -> Text:
    """« Ce point — Usagers : 7 · Professionnels : 12 », under the title « Prises de parole »."""
    users = sum(f.turns for f in floor if f.side is Side.USERS)
    professionals = sum(f.turns for f in floor if f.side is Side.PROFESSIONALS)
    return Text.assemble(
        (label + " — ", "bold"), (f"{Side.USERS.label} : {users}", "bold cyan"),
        " · ", f"{Side.PROFESSIONALS.label} : {professionals}")
