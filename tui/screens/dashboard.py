"""Tableau de bord: the committees, their members, the mandates ending soon."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import DataTable, Label, Static

from store.i18n import _
from tui import commands, format
from tui.commands import Command
from tui.screens.base import BaseScreen, add_plain_row, selected_id

MANDATE_WINDOW_DAYS = 90


class DashboardScreen(BaseScreen):
    SECTION = "dashboard"
    HERE: ClassVar = (
        Command("open", "enter", _("Ouvrir"), _("Ouvrir le comité ou la fiche sélectionnée"),
                footer=False),
        commands.COMMITTEES, commands.PEOPLE,
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Tableau de bord")
    HELP_TEXT = _("Vos comités actifs et leurs membres, puis les mandats qui se terminent "
                  "dans les 90 jours : pensez au renouvellement ou à la désignation.")

    def body(self) -> ComposeResult:
        yield Static(id="totals", classes="totals", markup=False)
        yield Label(_("Comités actifs"), classes="section-title")
        yield DataTable(id="committees", cursor_type="row", zebra_stripes=True)
        yield Label(_("Mandats qui se terminent dans les {n} jours").format(
            n=MANDATE_WINDOW_DAYS), classes="section-title")
        yield DataTable(id="mandates", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        committees = self.query_one("#committees", DataTable)
        for label, width in ((_("Comité"), 30), (_("Tit."), 4), (_("Suppl."), 6),
                             (_("Structure"), None)):
            committees.add_column(label, width=width)
        mandates = self.query_one("#mandates", DataTable)
        for label, width in ((_("Fin"), 10), (_("Échéance"), 9), (_("Personne"), 17),
                             (_("Comité"), 19), (_("Siège"), None)):
            mandates.add_column(label, width=width)

    def reload(self) -> None:
        store = self.app.store
        summaries = store.committees.all()
        people = store.people.count()
        self.query_one("#totals", Static).update(" · ".join((
            format.count(store.structures.count(), _("structure"), _("structures")),
            format.count(len(summaries), _("comité actif"), _("comités actifs")),
            format.count(people, _("personne"), _("personnes")),
        )))
        table = self.query_one("#committees", DataTable)
        table.clear()
        for summary in summaries:
            c = summary.committee
            add_plain_row(table, c.name, str(summary.titulars), str(summary.substitutes),
                          c.structure_name, key=str(c.id))
        mandates = self.query_one("#mandates", DataTable)
        mandates.clear()
        for ending in store.memberships.ending_within(MANDATE_WINDOW_DAYS, self.app.today):
            m = ending.membership
            add_plain_row(mandates, format.day(m.mandate_end), format.days_left(ending.days_left),
                             m.person_name, m.committee_name, m.seat.label, key=str(m.id))

    def action_open(self) -> None:
        focused = self.focused
        if not isinstance(focused, DataTable) or (row := selected_id(focused)) is None:
            return
        if focused.id == "committees":
            from tui.screens.committee import CommitteeScreen

            self.app.push_screen(CommitteeScreen(row))
        else:
            from tui.screens.person import PersonScreen

            membership = self.app.store.memberships.get(row)
            self.app.push_screen(PersonScreen(membership.person_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
