"""Boîte de réception: replies from unknown senders to confirm, and what became of each file."""

from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from comite.kernel.i18n import _
from comite.store.meeting_models import PARTSTAT_ANSWERS, InboxEntry, PendingReply
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.dialogs.assign_reply import AssignReply
from comite.tui.screens.base import BaseScreen, add_plain_row, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable
from comite.tui.wording import one_line

OUTCOMES = {"processed": _("traité"), "quarantined": _("mis de côté")}


class InboxScreen(BaseScreen):
    SECTION = "meetings"
    HERE: ClassVar = (
        commands.BACK,
        Command("accept", "enter", _("Attribuer"),
                _("Compter la réponse sélectionnée comme celle d’une personne invitée")),
        Command("dismiss_reply", "delete", _("Écarter"), _("Écarter la réponse sélectionnée"),
                key_display="Suppr"),
        Command("rescan", "r", _("Relire"), _("Relire la boîte de réception maintenant")),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Boîte de réception")
    HELP_TEXT = _("Déposez dans ce dossier (ou faites-y enregistrer par une règle de messagerie) "
                  "les réponses d’agenda (.ics, .eml) et les exports CSV de Framadate : comite "
                  "les lit tout seul. Une réponse d’une adresse inconnue attend votre accord ici. "
                  "Un fichier refusé va dans « quarantine » avec un fichier .why.txt qui dit "
                  "pourquoi. Avec une messagerie réglée (F2, serveur de réception), les réponses "
                  "y sont lues dès leur arrivée, puis rangées dans « comite/traité » ou, refusées, "
                  "dans « comite/à vérifier » ; les autres messages ne sont pas touchés.")

    # The columns take 79 of 80 cells with their padding, a one-cell scrollbar beside them: the
    # last one (« Réunion », « Pourquoi ») no longer runs past the edge. What a cell cuts with
    # « … », the line at the bottom says whole for the row under the cursor.
    PENDING_COLUMNS = ((_("Reçue"), 16), (_("Adresse"), 24), (_("Réponse"), 12),
                       (_("Réunion"), 17))
    FILE_COLUMNS = ((_("Reçu"), 16), (_("Fichier"), 22), (_("Devenu"), 11), (_("Pourquoi"), 20))
    DEFAULT_CSS = """
    InboxScreen DataTable { scrollbar-size-vertical: 1; }
    InboxScreen #detail { height: auto; max-height: 4; padding: 0 1; }
    """

    def body(self) -> ComposeResult:
        yield Static(id="folder", classes="totals", markup=False)
        yield Static(_("Réponses à confirmer (expéditeur inconnu)"), classes="section-title")
        yield ListTable(id="pending", cursor_type="row", zebra_stripes=True)
        yield Static(_("Fichiers reçus"), classes="section-title")
        yield ListTable(id="files", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail", markup=False)

    def prepare(self) -> None:
        for table_id, columns in (("#pending", self.PENDING_COLUMNS),
                                  ("#files", self.FILE_COLUMNS)):
            table = self.query_one(table_id, DataTable)
            for label, width in columns:
                table.add_column(label, width=width)

    def reload(self) -> None:
        folder = self.app.settings.folder("inbox")
        watched = _("Dossier surveillé : {path}").format(path=folder)
        if host := self.app.settings.imap_host.strip():
            state = self.app.mailbox_status or _("lue dès qu’un message arrive")
            watched += "\n" + _("Messagerie {user} sur {host} : {state}").format(
                user=self.app.settings.imap_user.strip(), host=host, state=state)
        self.query_one("#folder", Static).update(watched)
        pending = self.query_one("#pending", DataTable)
        current = selected_id(pending)
        pending.clear()
        self.replies = self.app.store.meetings.pending_replies()
        for reply in self.replies:
            add_plain_row(pending, self._local(reply.received_at), reply.attendee,
                          PARTSTAT_ANSWERS[reply.partstat].label, reply.meeting_title, key=str(reply.id))
        keep_cursor(pending, current)
        files = self.query_one("#files", DataTable)
        files.clear()
        self.entries = self.app.store.inbox.recent(limit=50)
        for index, entry in enumerate(self.entries):
            files.add_row(one_line(self._local(entry.received_at)), one_line(entry.name),
                          one_line(OUTCOMES.get(entry.outcome, entry.outcome),
                                   style="yellow" if entry.outcome == "quarantined" else ""),
                          one_line(entry.reason), key=str(index))
        (pending if self.replies else files).focus()
        self._describe()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._describe()

    def on_descendant_focus(self) -> None:
        self._describe()

    def _describe(self) -> None:
        """The row under the cursor of the list in use, whole."""
        detail = ""
        if self.focused is self.query_one("#files", DataTable):
            if entry := self._entry():
                detail = f"{entry.name} — {OUTCOMES.get(entry.outcome, entry.outcome)}" + (
                    f" : {entry.reason}" if entry.reason else "")
        elif reply := self._selected():
            detail = _("{who} : « {answer} » à « {meeting} »").format(
                who=reply.attendee, answer=PARTSTAT_ANSWERS[reply.partstat].label,
                meeting=reply.meeting_title)
        self.query_one("#detail", Static).update(detail)

    def _entry(self) -> InboxEntry | None:
        table = self.query_one("#files", DataTable)
        if table.row_count == 0:
            return None
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.entries[int(row_key.value)] if row_key.value is not None else None

    def _local(self, stamp: str) -> str:
        """In the coordinator's zone, as the .why.txt files say it."""
        from comite.kernel.zones import zone

        moment = datetime.fromisoformat(stamp).astimezone(zone(self.app.settings.timezone))
        return moment.strftime("%d/%m/%Y %H:%M")

    def _selected(self) -> PendingReply | None:
        reply_id = selected_id(self.query_one("#pending", DataTable))
        return next((r for r in self.replies if r.id == reply_id), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "pending":
            self.action_accept()
        elif entry := self.entries[int(event.row_key.value)] if event.row_key.value else None:
            # The table cuts the reason short: Entrée shows all of it, and where the file went.
            self.notify(f"{entry.name} : {entry.reason}\n" + _("Rangé {where}.").format(
                where=self._filed(entry)), timeout=15)

    def _filed(self, entry: InboxEntry) -> str:
        if entry.source == "mailbox":
            from comite.sync.mailbox import CHECK_FOLDER, DONE_FOLDER
            from comite.tui.mailbox import IN_MAILBOX_FOLDER

            return IN_MAILBOX_FOLDER.format(
                folder=CHECK_FOLDER if entry.outcome == "quarantined" else DONE_FOLDER)
        where = "quarantine" if entry.outcome == "quarantined" else "processed"
        return _("dans {folder}").format(folder=self.app.settings.folder("inbox") / where)

    def action_accept(self) -> None:
        if reply := self._selected():
            self.app.push_screen(AssignReply(reply), lambda done: done and self.reload())

    def action_dismiss_reply(self) -> None:
        if reply := self._selected():
            self.app.store.meetings.dismiss_pending(reply.id)
            self.notify(_("Réponse écartée."))
            self.reload()

    def action_rescan(self) -> None:
        self.app.start_inbox()
        self.app.start_mailbox()
        self.notify(_("Boîte de réception relue."))


