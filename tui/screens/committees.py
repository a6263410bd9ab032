"""Comités: every committee of every structure; create, edit, archive, open."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.committee_models import Structure
from comite.store.errors import Refused
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.messages import OpenCommittee
from comite.tui.screens.base import BaseScreen, add_plain_row, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable


class CommitteesScreen(BaseScreen):
    SECTION = "committees"
    HERE: ClassVar = (
        Command("open", "enter", _("Ouvrir"), _("Ouvrir le comité : ses membres et leurs sièges"),
                footer=False),
        Command("new", "n", _("Nouveau"), _("Créer un comité")),
        Command("edit", "e", _("Modifier"), _("Modifier le comité sélectionné")),
        Command("archive", "a", _("Archiver"), _("Archiver ou réactiver le comité sélectionné")),
        Command("toggle_archived", "h", _("Archivés"), _("Afficher ou masquer les comités archivés")),
        # Editing comes first in the footer: a structure's letterhead (address, logo) is set
        # there, far more often than a new structure is made.
        Command("edit_structure", "u", _("Structure"),
                _("Modifier la structure du comité sélectionné : nom, type, commune, et "
                  "l’en-tête de ses documents (adresse, téléphone, e-mail, logo)")),
        Command("new_structure", "t", _("Nouvelle structure"),
                _("Créer une structure (MSP, centre…)"), footer=False),
        Command("delete", "delete", _("Supprimer"),
                _("Supprimer un comité qui ne s’est jamais réuni"), footer=False),
        Command("involvement", "i", _("Implication des usagers"),
                _("Le registre ACI « implication des usagers » de la structure du comité "
                  "sélectionné : actions, preuves, dossier à remettre"), footer=False),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Comités")
    HELP_TEXT = _("Un comité appartient à une structure. Un comité qui s’est déjà réuni "
                  "s’archive (son historique reste) ; seul un comité sans réunion se supprime.")

    show_archived = False

    def body(self) -> ComposeResult:
        yield Static(id="hint", classes="totals", markup=False)
        yield ListTable(id="committees", cursor_type="row", zebra_stripes=True)

    def prepare(self) -> None:
        table = self.query_one(DataTable)
        # 79 cells with their padding, a one-cell scrollbar beside (comite.tcss); a longer
        # name ends with « … », its page has it whole.
        for label, width in ((_("Comité"), 29), (_("Structure"), 20), (_("Type"), 6),
                             (_("Membres"), 7), (_("État"), 7)):
            table.add_column(label, width=width)

    def reload(self) -> None:
        table = self.query_one(DataTable)
        current = selected_id(table)
        table.clear()
        summaries = self.app.store.committees.all(include_archived=self.show_archived)
        for s in summaries:
            c = s.committee
            add_plain_row(table, c.name, c.structure_name, c.kind.short_label, str(s.members),
                          _("archivé") if c.archived else _("actif"), key=str(c.id))
        keep_cursor(table, current)
        if summaries:
            hint = plural.count(len(summaries), _("comité"), _("comités")) + (
                _(", archivés compris") if self.show_archived else "") + _(". Entrée pour ouvrir.")
        elif self.app.store.structures.count():
            hint = _("Aucun comité : « n » pour créer le premier.")
        else:
            hint = _("Aucune structure : « t » pour créer la vôtre, puis « n » pour son comité.")
        self.query_one("#hint", Static).update(hint)
        table.focus()

    def _selected(self) -> int | None:
        return selected_id(self.query_one(DataTable))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        if (committee_id := self._selected()) is not None:
            self.post_message(OpenCommittee(committee_id))

    def action_new(self) -> None:
        if not self.app.store.structures.count():
            self.notify(_("Créez d’abord la structure à laquelle le comité appartient."))
            self.action_new_structure()
            return
        self._open_form()

    def _open_form(self, committee_id: int | None = None, structure_id: int | None = None) -> None:
        from comite.tui.dialogs.committee_form import CommitteeForm

        committee = self.app.store.committees.get(committee_id) if committee_id else None
        self.app.push_screen(CommitteeForm(committee, structure_id), self._saved)

    def action_edit(self) -> None:
        if (committee_id := self._selected()) is not None:
            self._open_form(committee_id)

    def action_new_structure(self) -> None:
        from comite.tui.dialogs.structure_form import StructureForm

        def created(structure: Structure | None) -> None:
            if structure is not None:
                self.notify(_("Structure « {name} » créée.").format(name=structure.name))
                self._open_form(structure_id=structure.id)

        self.app.push_screen(StructureForm(), created)

    def action_edit_structure(self) -> None:
        if (committee_id := self._selected()) is None:
            return
        from comite.tui.dialogs.structure_form import StructureForm

        store = self.app.store
        structure = store.structures.get(store.committees.get(committee_id).structure_id)

        def saved(changed: Structure | None) -> None:
            if changed is not None:
                self.notify(_("Structure « {name} » enregistrée.").format(name=changed.name))
                self.reload()

        self.app.push_screen(StructureForm(structure), saved)

    def action_involvement(self) -> None:
        if (committee_id := self._selected()) is None:
            return
        from comite.tui.screens.involvement import InvolvementScreen

        self.app.push_screen(InvolvementScreen(
            self.app.store.committees.get(committee_id).structure_id))

    def _saved(self, committee: object) -> None:
        if committee is not None:
            self.reload()
            keep_cursor(self.query_one(DataTable), committee.id)
            self.notify(_("Comité « {name} » enregistré.").format(name=committee.name))

    def action_archive(self) -> None:
        if (committee_id := self._selected()) is None:
            return
        committees = self.app.store.committees
        self._set_archived(committee_id, not committees.get(committee_id).archived)

    def _set_archived(self, committee_id: int, archived: bool) -> None:
        committee = self.app.store.committees.set_archived(committee_id, archived)
        self.notify((_("« {name} » est archivé.") if committee.archived else
                     _("« {name} » est de nouveau actif.")).format(name=committee.name))
        self.reload()

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.reload()

    def action_delete(self) -> None:
        if (committee_id := self._selected()) is None:
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        summary = self.app.store.committees.summary(committee_id)
        name = summary.committee.name
        if meetings := self.app.store.committees.meeting_count(committee_id):
            # Said in the question, not after it: a committee that met keeps its history.
            held = plural.count(meetings, _("réunion"), _("réunions"))
            if summary.committee.archived:
                self.notify(_("« {name} » a {meetings} : il ne peut pas être supprimé, et il est "
                              "déjà archivé.").format(name=name, meetings=held), severity="warning")
                return
            ConfirmScreen.ask(
                self.app, _("« {name} » ne peut pas être supprimé").format(name=name),
                [_("Il a {meetings} : son historique doit rester.").format(meetings=held),
                 _("Archivez-le plutôt : il quitte la liste (« h » montre les archivés), ses "
                   "réunions et ses membres restent, « a » le réactive.")],
                confirm=_("Archiver"), danger=False,
                then=lambda: self._set_archived(committee_id, True))
            return

        def delete() -> None:
            try:
                self.app.store.committees.delete(committee_id)
            except Refused as error:  # a meeting created meanwhile, elsewhere
                self.notify(error.message, severity="error", timeout=8)
                return
            self.notify(_("Comité supprimé."))
            self.reload()

        ConfirmScreen.ask(
            self.app, _("Supprimer « {name} » ?").format(name=name),
            [plural.plural(summary.members,
                           _("Son appartenance sera supprimée aussi ; la personne reste."),
                           _("Ses {n} appartenances seront supprimées aussi ; les personnes "
                             "restent.")).format(n=summary.members),
             _("Pour garder l’historique, préférez « a » : archiver.")],
            confirm=_("Supprimer le comité"), then=delete)
