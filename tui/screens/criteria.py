"""The team's criteria for choosing together, one committee at a time: the qualities sought,
then the deal-breakers. Each candidacy to this committee is judged against them."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.committee_models import Role
from comite.store.errors import NotFound, Refused
from comite.store.recruitment_models import Criterion, CriterionKind
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.dialogs.criterion_form import CriterionForm
from comite.tui.screens.base import BaseScreen, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable

OTHER_KIND = {CriterionKind.QUALITY: CriterionKind.DEAL_BREAKER,
              CriterionKind.DEAL_BREAKER: CriterionKind.QUALITY}


def committee_criteria(store, committee_id: int) -> list[Criterion]:
    """Every criterion of the committee, those for one role included: qualities first, then
    deal-breakers, each in the order they were written."""
    found: dict[int, Criterion] = {}
    for role in (None, *Role):
        for criterion in store.recruitment.criteria(committee_id, role):
            found.setdefault(criterion.id, criterion)
    return sorted(found.values(), key=lambda c: (c.kind is CriterionKind.DEAL_BREAKER, c.id))


class CriteriaScreen(BaseScreen):
    SECTION = "recruitment"
    HERE: ClassVar = (
        commands.BACK,
        Command("new", "n", _("Nouveau"), _("Écrire un nouveau critère")),
        Command("edit", "e,enter", _("Modifier"), _("Modifier le critère sélectionné"),
                key_display="e"),
        Command("toggle_kind", "t", _("Type"),
                _("Faire du critère sélectionné une qualité recherchée ou un critère "
                  "rédhibitoire")),
        Command("delete", "delete", _("Supprimer"),
                _("Supprimer le critère sélectionné (demande confirmation)"), key_display="Suppr"),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Critères de l’équipe")
    HELP_TEXT = _(
        "Pour choisir ensemble : les qualités que l’équipe recherche, puis les critères "
        "rédhibitoires (en rouge), ceux qui, cochés « oui », font renoncer. Un critère vaut pour "
        "tous les rôles ou pour un seul. Sur la page d’une candidature, chacun se juge avec "
        "Espace : non jugé → oui → non. Un critère rédhibitoire coché y est rappelé avant de "
        "passer la personne à « Actif(ve) ».")

    def __init__(self, committee_id: int, *, section: str = "recruitment") -> None:
        super().__init__()
        self.SECTION = section
        self.committee_id = committee_id
        self.criteria: list[Criterion] = []

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="hint", classes="totals", markup=False)
        yield ListTable(id="criteria", cursor_type="row", zebra_stripes=True)

    def prepare(self) -> None:
        table = self.query_one(DataTable)
        for label, width in ((_("Type"), 12), (_("Pour"), 14), (_("Critère"), None)):
            table.add_column(label, width=width)

    def reload(self) -> None:
        store = self.app.store
        try:
            committee = store.committees.get(self.committee_id)
        except NotFound as error:
            self.record_gone(error)
            return
        self.query_one("#title", Static).update(
            _("Critères de l’équipe — {committee}").format(committee=committee.name))
        self.criteria = committee_criteria(store, self.committee_id)
        qualities = sum(1 for c in self.criteria if c.kind is CriterionKind.QUALITY)
        self.query_one("#hint", Static).update(
            _("{q}, {b}. n pour en écrire un.").format(
                q=plural.count(qualities, _("qualité recherchée"), _("qualités recherchées")),
                b=plural.count(len(self.criteria) - qualities, _("critère rédhibitoire"),
                               _("critères rédhibitoires"))) if self.criteria
            else _("Aucun critère : n pour écrire le premier (une qualité recherchée, ou un "
                   "critère rédhibitoire)."))
        table = self.query_one(DataTable)
        current = selected_id(table)
        table.clear()
        for c in self.criteria:
            breaker = c.kind is CriterionKind.DEAL_BREAKER
            table.add_row(Text(_("Rédhibitoire") if breaker else _("Qualité"),
                               style="bold red" if breaker else "green"),
                          Text(c.role.short_label if c.role else _("tous les rôles"),
                               style="" if c.role else "dim"),
                          Text(c.text, style="red" if breaker else ""), key=str(c.id))
        keep_cursor(table, current)
        table.focus()

    def _selected(self) -> Criterion | None:
        row = selected_id(self.query_one(DataTable))
        return next((c for c in self.criteria if c.id == row), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_new(self) -> None:
        self.app.push_screen(CriterionForm(self.committee_id), self._saved)

    def action_edit(self) -> None:
        if (criterion := self._selected()) is not None:
            self.app.push_screen(CriterionForm(self.committee_id, criterion), self._saved)

    def _saved(self, criterion_id: int | None) -> None:
        if criterion_id is not None:
            self.reload()
            keep_cursor(self.query_one(DataTable), criterion_id)

    def action_toggle_kind(self) -> None:
        if (c := self._selected()) is None:
            return
        try:
            self.app.store.recruitment.update_criterion(c.id, OTHER_KIND[c.kind], c.text)
        except Refused as error:
            self.notify(error.message, severity="error")
            return
        self.notify(_("« {text} » : {kind}.").format(text=c.text,
                                                     kind=OTHER_KIND[c.kind].label.lower()))
        self.reload()
        keep_cursor(self.query_one(DataTable), c.id)

    def action_delete(self) -> None:
        if (c := self._selected()) is None:
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        def delete() -> None:
            try:
                self.app.store.recruitment.remove_criterion(c.id)
            except Refused as error:
                self.notify(error.message, severity="error")
                return
            self.notify(_("Critère supprimé."))
            self.reload()

        ConfirmScreen.ask(
            self.app, _("Supprimer ce critère ?"), [f"« {c.text} »", _(
                "Ce qui a été coché pour lui sur les candidatures part avec lui.")],
            confirm=_("Supprimer le critère"), then=delete)


