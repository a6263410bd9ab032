"""Réunions: every meeting, those to come first; create one, open one."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.meeting_models import Meeting, MeetingStatus
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.screens.base import BaseScreen, add_plain_row, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable


class MeetingsScreen(BaseScreen):
    SECTION = "meetings"
    HERE: ClassVar = (
        Command("open", "enter", _("Ouvrir"), _("Ouvrir la réunion : créneaux, réponses, invitations"),
                footer=False),
        Command("new", "n", _("Nouvelle"), _("Préparer une réunion et proposer des créneaux")),
        Command("delete", "delete", _("Supprimer"),
                _("Supprimer un brouillon (une réunion déjà proposée s’annule, touche x)"),
                key_display="Suppr", footer=False),
        Command("inbox", "b", _("Boîte de réception"),
                _("Les réponses arrivées, celles mises de côté et celles à confirmer")),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Réunions")
    HELP_TEXT = _("Une réunion passe de brouillon à sondage (les invité(e)s choisissent parmi "
                  "vos créneaux), puis convoquée (créneau retenu, invitations envoyées), puis "
                  "tenue. « Réponses » compte celles et ceux qui ont répondu.")

    # Every column's name whole at 80 columns (« Réponses » was cut to « Répo »): 79 cells with
    # their padding, and a one-cell scrollbar when the rows overflow. The committee as a card
    # names it (« CDU », « Comité » when that tells it apart); a title or a name longer than
    # its column ends with « … », and the line under the list says both whole.
    COLUMNS = ((_("Date"), 20), (_("Réunion"), 24), (_("Comité"), 8), (_("Statut"), 9),
               (_("Réponses"), 8))
    DEFAULT_CSS = """
    MeetingsScreen #meetings { scrollbar-size-vertical: 1; }
    MeetingsScreen #detail { height: auto; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.meetings: dict[int, Meeting] = {}

    def body(self) -> ComposeResult:
        yield Static(id="hint", classes="totals", markup=False)
        yield ListTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail", markup=False)

    def prepare(self) -> None:
        table = self.query_one(DataTable)
        for label, width in self.COLUMNS:
            table.add_column(label, width=width)

    def reload(self) -> None:
        table = self.query_one(DataTable)
        current = selected_id(table)
        table.clear()
        meetings = self.app.store.meetings.all()
        shorts = wording.committee_shorts(self.app.store.committees.all())
        for m in meetings:
            add_plain_row(table, _when(m), m.title, wording.committee_in_column(
                              m.committee_id, m.committee_name, shorts, self.COLUMNS[2][1]),
                          m.status.label, f"{m.answered}/{m.invitees}", key=str(m.id))
        keep_cursor(table, current)
        self.meetings = {m.id: m for m in meetings}
        self._describe()
        self.query_one("#hint", Static).update(
            plural.count(len(meetings), _("réunion"), _("réunions")) + _(". Entrée pour ouvrir.")
            if meetings else _("Aucune réunion : « n » pour en préparer une."))
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._describe()

    def _describe(self) -> None:
        """The meeting under the cursor, its title and committee whole."""
        meeting = self.meetings.get(selected_id(self.query_one(DataTable)) or 0)
        self.query_one("#detail", Static).update(_("{title} — {committee} · {answers} sur {invited}")
            .format(title=meeting.title, committee=meeting.committee_name,
                    answers=plural.count(meeting.answered, _("réponse"), _("réponses")),
                    invited=meeting.invitees) if meeting else "")

    def action_open(self) -> None:
        if (meeting_id := selected_id(self.query_one(DataTable))) is not None:
            from comite.tui.screens.meeting import MeetingScreen

            self.app.push_screen(MeetingScreen(meeting_id))

    def action_new(self) -> None:
        if not self.app.store.committees.all():
            self.notify(_("Créez d’abord un comité (section 2)."), severity="warning")
            return
        from comite.tui.dialogs.meeting_form import MeetingForm

        self.app.push_screen(MeetingForm(), self._created)

    def _created(self, meeting: Meeting | None) -> None:
        if meeting is not None:
            from comite.tui.screens.meeting import MeetingScreen

            self.app.push_screen(MeetingScreen(meeting.id))

    def action_delete(self) -> None:
        meeting_id = selected_id(self.query_one(DataTable))
        if meeting_id is None:
            return
        meeting = self.app.store.meetings.get(meeting_id)
        if meeting.status is not MeetingStatus.DRAFT:
            self.notify(_("Seul un brouillon se supprime : ouvrez la réunion et annulez-la (x), "
                          "l’annulation partira dans les agendas."), severity="warning")
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        def delete() -> None:
            self.app.store.meetings.delete(meeting_id)
            self.notify(_("Brouillon supprimé."))
            self.reload()

        ConfirmScreen.ask(
            self.app, _("Supprimer le brouillon « {title} » ?").format(title=meeting.title),
            [_("Il n’a été envoyé à personne : ses créneaux partent avec lui.")],
            confirm=_("Supprimer"), then=delete)

    def action_inbox(self) -> None:
        from comite.tui.screens.inbox import InboxScreen

        self.app.push_screen(InboxScreen())


def _when(meeting: Meeting) -> str:
    if meeting.starts_at:
        return wording.moment(meeting.starts_at)
    return _("à choisir") if meeting.status is MeetingStatus.POLL else _("à proposer")
