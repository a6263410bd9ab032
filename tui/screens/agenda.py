"""Ordre du jour of one meeting: first the follow-up of the conclusions carried from earlier
meetings, then the ordered items with their planned time against the meeting's length."""

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store import NeedsConfirmation
from comite.store.errors import NotFound, Refused
from comite.store.minutes_models import (
    Agenda,
    AgendaItem,
    CarriedConclusion,
    ConclusionStatus,
    Participation,
    Purpose,
)
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.screens.base import BaseScreen, keep_cursor, selected_id
from comite.tui.widgets.section_table import SectionTable

# Widths that fit 80 columns with the cell padding and a scrollbar.
CARRIED_COLUMNS = ((_("Conclusion"), 18), (_("Responsable"), 11), (_("Échéance"), 8),
                   (_("Ouverte le"), 8), (_("Report"), 11), (_("État"), 10))
ITEM_COLUMNS = ((_("N°"), 2), (_("Point"), 24), (_("Présenté par"), 13), (_("Durée"), 7),
                (_("Objet"), 8), (_("Particip."), 11))
PURPOSE_SHORT = {Purpose.INFORMATION: _("Info."), Purpose.CONSULTATION: _("Consult."),
                 Purpose.DECISION: _("Décision")}
PARTICIPATION_SHORT = {Participation.INFORMATION: _("Info."),
                       Participation.CONSULTATION: _("Consult."),
                       Participation.COLLABORATION: _("Collab."),
                       Participation.PARTNERSHIP: _("Partenariat")}
STATUS_STYLE = {ConclusionStatus.OPEN: "", ConclusionStatus.DONE: "green",
                ConclusionStatus.ABANDONED: "dim"}


def span(minutes: int) -> str:
    """« 45 min », « 2 h », « 1 h 45 »."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("{m} min").format(m=rest)
    return _("{h} h {m:02d}").format(h=hours, m=rest) if rest else _("{h} h").format(h=hours)


def planned(agenda: Agenda) -> tuple[str, bool]:
    """« 1 h 45 prévues sur 2 h », and whether the items overrun the meeting."""
    text = _("{total} prévues sur {length}").format(
        total=span(agenda.total_minutes), length=span(agenda.meeting.duration_minutes))
    if agenda.overrun_minutes:
        return text + _(" : dépasse de {over}").format(over=span(agenda.overrun_minutes)), True
    return text, False


class AgendaScreen(BaseScreen):
    SECTION = "meetings"
    HERE: ClassVar = (
        commands.BACK,
        Command("new_item", "n", _("Point"), _("Ajouter un point à l’ordre du jour")),
        Command("edit", "e", _("Modifier"),
                _("Modifier le point ; sur une conclusion : responsable, échéance")),
        Command("close('done')", "f", _("Faite"),
                _("Conclusion reportée faite (dire ce qui a été fait)")),
        Command("close('abandoned')", "b", _("Abandon"),
                _("Abandonner la conclusion reportée (en disant pourquoi)")),
        Command("open", "enter", _("Ouvrir"), _("Comme « e » : modifier le point ou la suite donnée"),
                footer=False),
        Command("move(-1)", "minus,shift+up", _("Monter"), _("Monter le point d’un rang"),
                key_display="- / Maj+↑", footer=False),
        Command("move(1)", "plus,shift+down", _("Descendre"), _("Descendre le point d’un rang"),
                key_display="+ / Maj+↓", footer=False),
        Command("remove_item", "delete", _("Retirer"), _("Retirer le point de l’ordre du jour"),
                key_display="Suppr", footer=False),
        Command("reopen", "r", _("Rouvrir"),
                _("Rouvrir une conclusion notée faite ou abandonnée par erreur"), footer=False),
        Command("save_template", "m", _("Modèle"),
                _("En faire le modèle des prochaines réunions du comité"),
                footer=False),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Ordre du jour")
    HELP_TEXT = _(
        "En haut, « Suite donnée aux conclusions précédentes » : chaque conclusion encore "
        "ouverte des réunions précédentes du comité, avec son ou sa responsable, son échéance "
        "(en rouge si elle est passée), la réunion qui l’a prise et le nombre de reports. "
        "f la note faite, b abandonnée (un mot pour dire pourquoi), e change son ou sa "
        "responsable ou son échéance. Dessous, les points dans l’ordre : - et + les "
        "déplacent. La ligne du bas compare le temps prévu à la durée de la réunion.")

    def __init__(self, meeting_id: int, conclusion_id: int | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.agenda: Agenda | None = None
        self._start_on = conclusion_id  # opened from the dashboard: the cursor on that one

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="about", classes="totals", markup=False)
        yield Static(id="carried-title", classes="list-title", markup=False)
        yield SectionTable(id="carried", cursor_type="row", zebra_stripes=True)
        yield Static(id="items-title", classes="list-title", markup=False)
        yield SectionTable(id="items", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail", classes="totals", markup=False)
        yield Static(id="status", markup=False)

    def prepare(self) -> None:
        for table_id, columns in (("#carried", CARRIED_COLUMNS), ("#items", ITEM_COLUMNS)):
            table = self.query_one(table_id, DataTable)
            for label, width in columns:
                table.add_column(label, width=width)

    # ---- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            agenda = self.app.store.agenda.agenda(self.meeting_id)
        except NotFound as error:
            self.record_gone(error)
            return
        self.agenda = agenda
        m = agenda.meeting
        self.query_one("#title", Static).update(_("{title} — ordre du jour").format(title=m.title))
        about = [m.committee_name, wording.moment(m.starts_at) if m.starts_at else m.status.label,
                 _("durée {length}").format(length=span(m.duration_minutes))]
        self.query_one("#about", Static).update(" · ".join(about))
        self._fill_carried(agenda)
        self._fill_items(agenda)
        if self._start_on is not None:
            keep_cursor(self.query_one("#carried", DataTable), self._start_on)
            self._start_on = None
        focused = self.focused if isinstance(self.focused, DataTable) else None
        if focused is None or not focused.display:
            carried = self.query_one("#carried", DataTable)
            (carried if carried.display else self.query_one("#items", DataTable)).focus()
        self._describe()

    def _fill_carried(self, agenda: Agenda) -> None:
        table = self.query_one("#carried", DataTable)
        current, row = selected_id(table), table.cursor_row
        table.clear()
        today = self.app.today
        for carried in agenda.carried:
            c = carried.conclusion
            late = c.overdue(today)
            table.add_row(
                wording.one_line(c.text), wording.one_line(c.owner_name),
                Text(c.due_on.strftime("%d/%m/%y") if c.due_on else "—",
                     style="bold red" if late else ("" if c.due_on else "dim")),
                Text(c.meeting_date.strftime("%d/%m/%y") if c.meeting_date else "—"),
                Text(carried.label, style="yellow" if carried.times > 1 else ""),
                Text(c.status.label, style=STATUS_STYLE[c.status]),
                key=str(c.id))
        _keep_place(table, current, row)
        table.display = bool(agenda.carried)
        title = Content.styled(_("Suite donnée aux conclusions précédentes"), "bold $accent")
        if not agenda.carried:
            title += Content.styled(_(" : aucune conclusion ouverte."), "dim")
        else:
            late = sum(1 for c in agenda.carried if c.conclusion.overdue(today))
            still = sum(1 for c in agenda.carried if c.conclusion.status is ConclusionStatus.OPEN)
            count = plural.count(still, _("ouverte"), _("ouvertes")) + (
                _(" dont {n} en retard").format(n=late) if late else "")
            if still < len(agenda.carried):
                count += ", " + plural.count(len(agenda.carried) - still, _("close ici"),
                                             _("closes ici"))
            title += Content.styled(f" ({count})", "bold red" if late else "dim")
        self.query_one("#carried-title", Static).update(title)

    def _fill_items(self, agenda: Agenda) -> None:
        table = self.query_one("#items", DataTable)
        current, row = selected_id(table), table.cursor_row
        table.clear()
        for item in agenda.items:
            table.add_row(
                Text(str(item.position)), wording.one_line(item.title),
                wording.one_line(item.presenter),
                Text(span(item.duration_minutes)), Text(PURPOSE_SHORT[item.purpose]),
                Text(PARTICIPATION_SHORT[item.participation]), key=str(item.id))
        _keep_place(table, current, row)
        title = Content.styled(_("Ordre du jour"), "bold $accent") + Content.styled(
            " (" + plural.count(len(agenda.items), _("point"), _("points")) + ")"
            if agenda.items else _(" : aucun point, « n » pour en ajouter un."), "dim")
        self.query_one("#items-title", Static).update(title)

    def _describe(self) -> None:
        """The full text of the row under the cursor, and the bottom line: time and keys."""
        if self.agenda is None:
            return
        carried, item = self._carried(), self._item()
        in_carried = self.focused is self.query_one("#carried", DataTable)
        detail = ""
        if in_carried and carried:
            detail = _describe_conclusion(carried, self.app.today)
        elif not in_carried and item:
            detail = _describe_item(item)
        self.query_one("#detail", Static).update(detail)
        text, overrun = planned(self.agenda)
        if in_carried:
            hint = _("f faite · b abandonnée · e responsable, échéance")
        else:  # the warning first: the keys give way when it is long
            hint = _("-/+ déplacer · Suppr retirer") + ("" if overrun else _(" · m modèle"))
        status = self.query_one("#status", Static)
        status.set_class(overrun, "-overrun")
        status.update(Content.assemble(
            ("⚠ " + text, "bold $text-error") if overrun else (text, "bold"),
            (" · " + hint, "dim")))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._describe()

    def on_descendant_focus(self) -> None:
        self._describe()

    def next_section(self, table: DataTable, direction: int) -> bool:
        """Move the focus to the other list when the cursor runs off this one."""
        carried, items = self.query_one("#carried", DataTable), self.query_one("#items", DataTable)
        target = items if table is carried and direction > 0 else (
            carried if table is items and direction < 0 else None)
        if target is None or not target.display or target.row_count == 0:
            return False
        target.focus()
        target.move_cursor(row=0 if direction > 0 else target.row_count - 1)
        return True

    # ---- what is under the cursor --------------------------------------------------------

    def _carried(self) -> CarriedConclusion | None:
        conclusion_id = selected_id(self.query_one("#carried", DataTable))
        if self.agenda is None or conclusion_id is None:
            return None
        return next((c for c in self.agenda.carried if c.conclusion.id == conclusion_id), None)

    def _item(self) -> AgendaItem | None:
        item_id = selected_id(self.query_one("#items", DataTable))
        if self.agenda is None or item_id is None:
            return None
        return next((i for i in self.agenda.items if i.id == item_id), None)

    def _in_carried(self) -> bool:
        return self.focused is self.query_one("#carried", DataTable)

    def _needs_conclusion(self) -> CarriedConclusion | None:
        carried = self._carried() if self._in_carried() else None
        if carried is None:
            self.notify(_("Placez le curseur sur une conclusion de « Suite donnée aux conclusions "
                          "précédentes », en haut."), severity="warning")
        return carried

    def _needs_item(self) -> AgendaItem | None:
        item = None if self._in_carried() else self._item()
        if item is None:
            self.notify(_("Placez le curseur sur un point de l’ordre du jour."), severity="warning")
        return item

    def _attempt(self, action: Callable[[bool], object], success: str | None = None) -> None:
        """Ask the store; a refusal is said, a question (signed minutes) is asked first."""
        try:
            action(False)
        except NeedsConfirmation as question:
            from comite.tui.dialogs.confirm import ConfirmScreen

            ConfirmScreen.ask(self.app, _("Annuler les signatures ?"), [question.message],
                              confirm=_("Modifier quand même"),
                              then=lambda: self._attempt(lambda _confirmed: action(True), success))
            return
        except Refused as error:
            self.notify(error.message, severity="warning")
            return
        if success:
            self.notify(success)
        self.reload()

    # ---- carried conclusions -------------------------------------------------------------

    def action_close(self, status: str) -> None:
        if (carried := self._needs_conclusion()) is None:
            return
        if carried.conclusion.status is not ConclusionStatus.OPEN:
            self.notify(_("Cette conclusion est déjà close (r pour la rouvrir)."), severity="warning")
            return
        from comite.tui.dialogs.follow_up_form import CloseConclusionForm

        closing = ConclusionStatus(status)
        self.app.push_screen(CloseConclusionForm(carried.conclusion, closing, self.meeting_id),
                             lambda done: done and self._followed(
                                 done, _("Conclusion notée « {status} ».").format(
                                     status=closing.label.lower())))

    def action_reopen(self) -> None:
        if (carried := self._needs_conclusion()) is None:
            return
        if carried.conclusion.status is ConclusionStatus.OPEN:
            self.notify(_("Cette conclusion est déjà ouverte."))
            return
        self._attempt(lambda _confirmed: self.app.store.conclusions.reopen(carried.conclusion.id),
                      _("Conclusion rouverte."))

    def _follow_up(self, carried: CarriedConclusion) -> None:
        from comite.tui.dialogs.follow_up_form import FollowUpForm

        self.app.push_screen(FollowUpForm(carried.conclusion, self.meeting_id),
                             lambda done: done and self._followed(
                                 done, _("Suite enregistrée : {owner}{due}.").format(
                                     owner=done.owner_name,
                                     due=_(", pour le {date}").format(date=wording.day(done.due_on))
                                     if done.due_on else "")))

    def _followed(self, _conclusion: object, message: str) -> None:
        self.reload()
        self.notify(message)

    # ---- agenda items --------------------------------------------------------------------

    def action_new_item(self) -> None:
        from comite.tui.dialogs.agenda_item_form import AgendaItemForm

        self.app.push_screen(AgendaItemForm(self.meeting_id), self._item_saved)

    def _edit_item(self, item: AgendaItem) -> None:
        from comite.tui.dialogs.agenda_item_form import AgendaItemForm

        self.app.push_screen(AgendaItemForm(self.meeting_id, item), self._item_saved)

    def _item_saved(self, item: AgendaItem | None) -> None:
        if item is None:
            return
        self.reload()
        items = self.query_one("#items", DataTable)
        keep_cursor(items, item.id)
        items.focus()
        self.notify(_("Point « {title} » enregistré.").format(title=item.title))

    def action_edit(self) -> None:
        if self._in_carried():
            if (carried := self._needs_conclusion()) is not None:
                self._follow_up(carried)
        elif (item := self._needs_item()) is not None:
            self._edit_item(item)

    def action_open(self) -> None:
        self.action_edit()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_move(self, delta: int) -> None:
        if (item := self._needs_item()) is None:
            return
        self._attempt(lambda _confirmed: self.app.store.agenda.move_item(item.id, delta))
        keep_cursor(self.query_one("#items", DataTable), item.id)

    def action_remove_item(self) -> None:
        if (item := self._needs_item()) is None:
            return
        if why := self.app.store.agenda.removal_refusal(item.id):
            self.notify(why, severity="warning")  # said instead of a question it would refuse
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        ConfirmScreen.ask(
            self.app, _("Retirer « {title} » de l’ordre du jour ?").format(title=item.title),
            [_("Ses notes éventuelles partent avec lui.")], confirm=_("Retirer"),
            then=lambda: self._attempt(
                lambda confirmed: self.app.store.agenda.remove_item(item.id, confirmed=confirmed),
                _("Point retiré.")))

    def action_save_template(self) -> None:
        if self.agenda is None:
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        m = self.agenda.meeting
        topics = sum(1 for item in self.agenda.items if item.adopts_meeting_id is None)
        ConfirmScreen.ask(
            self.app, _("Faire de cet ordre du jour le modèle du comité ?"),
            [_("Les prochaines réunions de « {committee} » commenceront avec ces {n} points."
               ).format(committee=m.committee_name, n=topics),
             _("L’adoption du compte rendu n’en fait pas partie : elle s’ajoute quand il le faut."),
             _("Le modèle actuel du comité est remplacé.")],
            confirm=_("Enregistrer le modèle"), danger=False, then=self._save_template)

    def _save_template(self) -> None:
        try:
            count = self.app.store.agenda.save_template(self.meeting_id)
        except Refused as error:
            self.notify(error.message, severity="warning")
            return
        self.notify(_("Modèle du comité enregistré : {n}.").format(
            n=plural.count(count, _("point"), _("points"))))


def _keep_place(table: DataTable, row_id: int | None, row: int) -> None:
    """Back on the same record after a refill; on the next one when it went away."""
    if row_id is not None and str(row_id) in table.rows:
        keep_cursor(table, row_id)
    elif table.row_count:
        table.move_cursor(row=min(row, table.row_count - 1))


def _describe_conclusion(carried: CarriedConclusion, today: date) -> str:
    c = carried.conclusion
    parts = [c.text, c.owner_name]
    if c.due_on:
        parts.append(_("pour le {date}").format(date=wording.day(c.due_on))
                     + (_(" (en retard)") if c.overdue(today) else ""))
    parts.append(_("prise à « {meeting} »").format(meeting=c.meeting_title))
    if c.closed_reason:
        parts.append(_("{status} : {why}").format(status=c.status.label, why=c.closed_reason))
    return " — ".join(parts)


def _describe_item(item: AgendaItem) -> str:
    parts = [f"{item.position}. {item.title}"]
    if item.presenter:
        parts.append(item.presenter)
    parts.append(_("{purpose}, participation : {degree}").format(
        purpose=item.purpose.label, degree=item.participation.label.lower()))
    return " — ".join(parts)
