"""« Implication des usagers (ACI) » — a structure's actions register for one year: the actions
the coordinator recorded, and the lines the base holds already (the held meetings of its
comités des usagers, the points of their agendas, the users seated in its working groups),
read-only and marked « base ». `n` records an action, `e` or Entrée edits it, `Suppr` deletes
it, `p` adds someone of the base who took part, `j` attaches a piece of evidence (`r` takes
either off), `x` writes
the evidence pack (PDF) for the CPAM; `-` and `+` move by a year. Exact counts here; the pack
masks 1 to 4 people as « < 5 »."""

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.errors import NotFound
from comite.store.involvement_models import Action, Claim, InvolvementYear
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.screens.base import ByYearScreen
from comite.tui.widgets.lists import ListTable
from comite.tui.workers import run_in_thread

DERIVED = _("base")
RECORDED = _("saisie")
FROM_THE_BASE = _("Cette ligne vient de la base ({source}) : elle change là où elle est née — la "
                  "séance, son ordre du jour, le mandat. Seules les actions saisies se modifient "
                  "ici.")


class InvolvementScreen(ByYearScreen):
    SECTION = "committees"
    HERE: ClassVar = (
        Command("new", "n", _("Nouvelle"), _("Enregistrer une action d’implication des usagers")),
        Command("edit", "e", _("Modifier"), _("Modifier l’action sélectionnée (aussi Entrée)")),
        Command("participant", "p", _("Participant"),
                _("Ajouter une personne de la base qui a participé à l’action sélectionnée")),
        Command("attach", "j", _("Joindre"),
                _("Joindre une preuve à l’action sélectionnée : PDF, PNG ou JPEG, copié dans les "
                  "données")),
        Command("take_off", "r", _("Retirer"),
                _("Retirer un participant ou une preuve de l’action sélectionnée"), footer=False),
        Command("export", "x", _("Exporter"),
                _("Écrire le dossier de preuves de l’année (PDF à l’en-tête de la structure, "
                  "petits nombres masqués) dans le dossier des exports")),
        Command("earlier", "minus", _("Année précédente"), _("Le registre de l’année précédente"),
                key_display="-"),
        Command("later", "plus", _("Année suivante"), _("Le registre de l’année suivante"),
                key_display="+"),
        Command("delete", "delete", _("Supprimer"),
                _("Supprimer l’action sélectionnée, ses preuves avec elle"), footer=False),
        commands.BACK,
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    DEFAULT_CSS = """
    InvolvementScreen #claims { height: 1fr; }
    InvolvementScreen #detail { height: auto; max-height: 6; padding: 0 1; color: $text-muted; }
    """
    HELP_TITLE = _("Implication des usagers (ACI)")
    HELP_TEXT = _("Le registre de l’indicateur ACI « implication des usagers » pour la structure "
                  "et l’année : niveau 1, informer et consulter les usagers ; niveau 2, "
                  "co-construire et co-décider avec eux. Les lignes « base » viennent d’elles-"
                  "mêmes (séances tenues des comités des usagers, points de leur ordre du jour, "
                  "usagers dans les groupes de travail) et ne se modifient pas ici ; les lignes "
                  "« saisie » sont les actions que vous enregistrez, avec leurs preuves datées. "
                  "x écrit le dossier de preuves à remettre, où un nombre de personnes de 1 à 4 "
                  "s’affiche « < 5 ».")

    def __init__(self, structure_id: int, year: int | None = None) -> None:
        super().__init__()
        self.structure_id = structure_id
        self.year = year
        self.register: InvolvementYear | None = None

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="about", classes="totals", markup=False)
        yield ListTable(id="claims", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail", markup=False)

    def prepare(self) -> None:
        table = self.query_one(DataTable)
        # 79 cells with their padding, as the other lists.
        # « Preu. », the dated proofs: « Pr. » beside « Pros » read as professionals again.
        for label, width in ((_("Niv."), 4), (_("Date"), 10), (_("Ligne"), 20), (_("Type"), 10),
                             (_("Usag."), 5), (_("Pros"), 4), (_("Preu."), 5), (_("Source"), 6)):
            table.add_column(label, width=width)

    def reload(self) -> None:
        self.year = self.year or self.app.today.year
        try:
            register = self.app.store.involvement.year(self.structure_id, self.year,
                                                       self.app.today)
        except NotFound as error:
            self.record_gone(error)
            return
        table = self.query_one(DataTable)
        kept = self._selected()
        self.register = register
        table.clear()
        for index, claim in enumerate(register.claims):
            style = "dim" if claim.derived else ""
            cells = (str(claim.level), wording.day(claim.started_on), claim.title,
                     claim.kind_label, str(claim.headcount.users),
                     str(claim.headcount.professionals), str(len(claim.proofs)),
                     DERIVED if claim.derived else RECORDED)
            table.add_row(*(wording.one_line(cell, style) for cell in cells),
                          key=str(index))
        if kept is not None and kept.action_id is not None:
            for index, claim in enumerate(register.claims):
                if claim.action_id == kept.action_id:
                    table.move_cursor(row=index)
        self.query_one("#title", Static).update(_("Implication des usagers (ACI) {year} — "
                                                  "{name}").format(year=self.year,
                                                                   name=register.structure_name))
        self.query_one("#about", Static).update(_about(register))
        self._show_detail()

    def _selected(self) -> Claim | None:
        table = self.query_one(DataTable)
        if self.register is None or table.row_count == 0:
            return None
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.register.claims[int(row_key.value)]

    def _action(self) -> Action | None:
        """The recorded action under the cursor; a line of the base says why it stays."""
        claim = self._selected()
        if claim is None:
            self.notify(_("Aucune ligne cette année : « n » pour enregistrer une action."))
            return None
        if claim.derived:
            self.notify(FROM_THE_BASE.format(source=claim.source.label.lower()),
                        severity="warning")
            return None
        try:
            return self.app.store.involvement.get(claim.action_id)
        except NotFound as error:
            self.notify(error.message, severity="warning")
            self.reload()
            return None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def _show_detail(self) -> None:
        claim = self._selected()
        self.query_one("#detail", Static).update(_detail(claim) if claim else "")

    # ---- the keys ------------------------------------------------------------------------

    def action_new(self) -> None:
        from comite.tui.dialogs.involvement_form import InvolvementForm

        self.app.push_screen(InvolvementForm(self.structure_id, today=self.app.today),
                             self._saved)

    def action_edit(self) -> None:
        if (action := self._action()) is None:
            return
        from comite.tui.dialogs.involvement_form import InvolvementForm

        self.app.push_screen(InvolvementForm(self.structure_id, action), self._saved)

    def _saved(self, action: Action | None) -> None:
        if action is None:
            return
        if action.started_on.year > self.year or (action.ended_on or action.started_on).year < self.year:
            self.year = action.started_on.year  # shown where it now belongs
        self.reload()
        self._cursor_on(action.id)
        self.notify(_("Action « {title} » enregistrée.").format(title=action.title))

    def _cursor_on(self, action_id: int) -> None:
        for index, claim in enumerate(self.register.claims if self.register else ()):
            if claim.action_id == action_id:
                self.query_one(DataTable).move_cursor(row=index)

    def action_delete(self) -> None:
        if (action := self._action()) is None:
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        files = len(action.evidence)
        lines = [_("« {title} » quitte le registre.").format(title=action.title)]
        if files:
            lines.append(plural.count(files, _("preuve jointe est supprimée avec elle"),
                                      _("preuves jointes sont supprimées avec elle")) + ".")
        ConfirmScreen.ask(self.app, _("Supprimer l’action ?"), lines, confirm=_("Supprimer"),
                          then=lambda: self._delete(action))

    def _delete(self, action: Action) -> None:
        app, store = self.app, self.app.store

        def work() -> Action:
            from comite.usecases.involvement import delete_action

            return delete_action(store, action.id)

        def done(removed: Action) -> None:
            app.notify(_("Action « {title} » supprimée.").format(title=removed.title))
            if self.is_attached:
                self.reload()

        run_in_thread(self, work, done=done, group="involvement-delete",
                      failed=lambda message: app.notify(message, severity="error", timeout=10))

    def action_participant(self) -> None:
        if (action := self._action()) is None:
            return
        from comite.tui.dialogs.involvement_form import ParticipantForm

        self.app.push_screen(ParticipantForm(action), self._saved)

    def action_take_off(self) -> None:
        if (action := self._action()) is None:
            return
        if not action.participants and not action.evidence:
            self.notify(_("« {title} » n’a ni participant ni preuve à retirer.").format(
                title=action.title))
            return
        from comite.tui.dialogs.involvement_form import TakeOffForm

        self.app.push_screen(TakeOffForm(action), self._saved)

    def action_attach(self) -> None:
        if (action := self._action()) is None:
            return
        from comite.tui.dialogs.involvement_form import EvidenceForm

        def attached(evidence: object) -> None:
            if evidence is not None:
                self.reload()
                self._cursor_on(action.id)
                self.notify(_("Preuve jointe à « {title} ».").format(title=action.title))

        self.app.push_screen(EvidenceForm(action, self.app.today), attached)

    def action_export(self) -> None:
        """The evidence pack written off the UI thread; a toast names it."""
        app, structure_id, year = self.app, self.structure_id, self.year
        store, folder, today = app.store, app.settings.folder("exports"), app.today

        def work():
            from comite.usecases.involvement import pack_name, write_aci_pack

            return write_aci_pack(store, structure_id, year,
                                  folder / pack_name(store, structure_id, year), today=today)

        def written(path) -> None:
            app.notify(_("Dossier de preuves ACI {year} :\n{path}").format(year=year, path=path),
                       timeout=12)

        run_in_thread(self, work, done=written, group="involvement-export", where=folder,
                      failed=lambda message: app.notify(message, severity="error", timeout=10))


def _about(register: InvolvementYear) -> str:
    if not register.claims:
        return _("Rien pour {year} : « n » pour enregistrer une action (questionnaire, "
                 "affichage, atelier…).").format(year=register.year)
    one, two = (len(register.level(level)) for level in (1, 2))
    recorded = len(register.recorded)
    return _("Niveau 1 : {one} · niveau 2 : {two} · {recorded}, {derived} de la base.").format(
        one=plural.count(one, _("ligne"), _("lignes")), two=plural.count(two, _("ligne"), _("lignes")),
        recorded=plural.count(recorded, _("saisie"), _("saisies")),
        derived=len(register.claims) - recorded)


def _detail(claim: Claim) -> str:
    """The highlighted line: its detail, degree, and each dated proof."""
    head = [claim.kind_label + (f" — {claim.detail}" if claim.detail else "")]
    if claim.participation is not None:
        head.append(_("participation : {degree}").format(degree=claim.participation.in_sentence))
    lines = [" · ".join(head)]
    if claim.participants:
        lines.append(_("participants : {names}").format(names=", ".join(claim.participants)))
    lines += [_("preuve du {day} : {label}").format(day=wording.day(proof.dated_on), label=proof.label)
              + (f" ({proof.file_name})" if proof.file_name else "") for proof in claim.proofs]
    if not claim.proofs:
        lines.append(_("aucune preuve jointe : « j » pour en joindre une"))
    return "\n".join(lines)
