"""« Conservation »: the people the retention rules bring up today, for the coordinator to
decide — a candidacy not retained long ago is proposed for erasure, a long inactive person for
review (keep for another period, or erase) — and the two durations of the rules."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.errors import NotFound
from comite.store.privacy_models import RetentionCase, RetentionPolicy, RetentionReason
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.dialogs.policy_form import PolicyForm
from comite.tui.messages import OpenPerson
from comite.tui.person_actions import confirm_erasure
from comite.tui.screens.base import BaseScreen, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable
from comite.tui.wording import proposal_text, reason_text


class RetentionScreen(BaseScreen):
    SECTION = "people"
    HERE: ClassVar = (
        commands.BACK,
        Command("open_person", "enter", _("Fiche"), _("Ouvrir la fiche de la personne"),
                footer=False),
        Command("erase", "E", _("Effacer"),
                _("Effacer la personne sélectionnée partout (droit à l’effacement) : définitif "
                  "(Maj+E)")),
        Command("keep", "k", _("Garder"),
                _("Garder la personne sélectionnée une période de plus (examen fait)")),
        Command("policy", "p", _("Durées"), _("Changer les durées de conservation")),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Conservation des données")
    HELP_TEXT = _("Les données ne se gardent pas sans raison. Une candidature non retenue est "
                  "gardée un temps (pour lui répondre, ne pas la solliciter à nouveau), puis "
                  "proposée à l’effacement ; une personne sans siège, sans candidature en cours "
                  "et sans activité depuis longtemps est proposée à l’examen. Rien ne part sans "
                  "vous : E efface (après confirmation), k garde pour une période de plus, "
                  "Entrée ouvre sa fiche, p change les durées.")

    def __init__(self) -> None:
        super().__init__()
        self.cases: list[RetentionCase] = []

    def body(self) -> ComposeResult:
        yield Static(_("Conservation des données"), classes="page-title", markup=False)
        yield Static(id="policy", classes="totals", markup=False)
        yield ListTable(id="queue", cursor_type="row", zebra_stripes=True)

    def prepare(self) -> None:
        table = self.query_one(DataTable)
        for label, width in ((_("Personne"), 20), (_("Motif"), 44), (_("Proposé"), None)):
            table.add_column(label, width=width)

    def reload(self) -> None:
        privacy = self.app.store.privacy
        policy = privacy.policy()
        self.cases = privacy.retention_queue(self.app.today)
        lines = [_("Règles : candidature non retenue gardée {a} mois ; sans activité, examen "
                   "après {b} mois (p pour changer).").format(a=policy.not_retained_months,
                                                               b=policy.inactive_months)]
        lines.append(plural.count(len(self.cases), _("personne à examiner aujourd’hui."),
                                  _("personnes à examiner aujourd’hui."))
                     if self.cases
                     else _("Personne à examiner aujourd’hui."))
        self.query_one("#policy", Static).update("\n".join(lines))
        table = self.query_one(DataTable)
        current = selected_id(table)
        table.clear()
        for case in self.cases:
            table.add_row(Text(case.person_name), Text(reason_text(case, short=True)),
                          Text(proposal_text(case), style="bold"), key=str(case.person_id))
        keep_cursor(table, current)
        table.focus()

    def _selected(self) -> RetentionCase | None:
        person_id = selected_id(self.query_one(DataTable))
        return next((c for c in self.cases if c.person_id == person_id), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_person()

    def action_open_person(self) -> None:
        if case := self._selected():
            self.post_message(OpenPerson(case.person_id))

    def action_erase(self) -> None:
        if case := self._selected():
            confirm_erasure(self, case.person_id, lambda _summary: self.reload())

    def action_keep(self) -> None:
        if (case := self._selected()) is None:
            return
        privacy = self.app.store.privacy
        try:
            privacy.keep(case.person_id, self.app.today)
        except NotFound as error:
            self.notify(error.message, severity="warning")
        else:
            # Kept from today: counted again with the rule that brought them up.
            policy = privacy.policy()
            months = (policy.not_retained_months if case.reason is RetentionReason.NOT_RETAINED
                      else policy.inactive_months)
            self.notify(_("{name} est gardé(e) : à réexaminer dans {months} mois s’il ne se passe "
                          "rien d’ici là.").format(name=case.person_name, months=months))
        self.reload()

    def action_policy(self) -> None:
        def saved(policy: RetentionPolicy | None) -> None:
            if policy is not None:
                self.notify(_("Durées de conservation enregistrées."))
                self.reload()

        self.app.push_screen(PolicyForm(self.app.store.privacy.policy()), saved)


