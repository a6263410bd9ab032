"""How representative a committee is: its current members counted by role, age band, sex,
territory and lived experience. Counts only, never names; exact, as the coordinator knows every
member by name. Small counts are masked only in what is exported for others
(`comite.store.disclosure`)."""

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.errors import NotFound
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.screens.base import BaseScreen
from comite.tui.workers import run_in_thread

# Two columns of blocks, so that the five tables fit an 80×24 terminal.
LEFT, RIGHT = (0, 2), (1, 4, 3)


class CompositionScreen(BaseScreen):
    SECTION = "committees"
    HERE: ClassVar = (
        Command("export", "x", _("Exporter"),
                _("Écrire la version à diffuser, petits nombres masqués : un tableur (CSV) et "
                  "un PDF à l’en-tête de la structure, dans le dossier des exports")),
        commands.BACK,
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    DEFAULT_CSS = """
    CompositionScreen #composition { height: 1fr; }
    CompositionScreen #columns { height: auto; }
    CompositionScreen .column { width: 1fr; height: auto; padding: 0 1; }
    CompositionScreen .block { height: auto; margin-bottom: 1; }
    """
    HELP_TITLE = _("Composition du comité")
    HELP_TEXT = _("Les membres dont le mandat est en cours, comptés par rôle, tranche d’âge, "
                  "sexe, territoire et vécu (patient(e), aidant(e)), d’après leur fiche. Ici, "
                  "les nombres sont exacts : ils ne sortent pas de votre écran. Dans la version "
                  "exportée pour d’autres, un nombre de 1 à 4 s’affiche « < 5 » (dans un petit "
                  "comité, il pourrait désigner quelqu’un), et un second nombre est masqué "
                  "(« n.d. ») quand le total permettrait de le retrouver par différence. "
                  "Complétez les fiches (e sur la fiche d’une personne) pour réduire les "
                  "« Non renseigné ». x écrit cette version exportée : un tableur (CSV) et un PDF, "
                  "dans le dossier des exports.")

    def __init__(self, committee_id: int) -> None:
        super().__init__()
        self.committee_id = committee_id

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="about", classes="totals", markup=False)
        with VerticalScroll(id="composition"), Horizontal(id="columns"):
            for blocks in (LEFT, RIGHT):
                with Vertical(classes="column"):
                    for index in blocks:
                        yield Static(id=f"block-{index}", classes="block")

    def reload(self) -> None:
        store = self.app.store
        try:
            committee = store.committees.get(self.committee_id)
        except NotFound as error:
            self.record_gone(error)
            return
        found = store.committees.composition(self.committee_id, self.app.today)
        self.query_one("#title", Static).update(
            _("Composition — {name}").format(name=committee.name))
        self.query_one("#about", Static).update("\n".join((
            _("{members} au mandat en cours, comptés le {day}.").format(
                members=plural.count(found.members, _("membre"), _("membres")),
                day=wording.day(found.on)),
            _("Nombres exacts ici ; la version exportée (x) écrit « < 5 » de 1 à 4."))))
        for index, (title, cells) in enumerate(found.by):
            self.query_one(f"#block-{index}", Static).update(count_table(title, cells))

    def action_export(self) -> None:
        """The version for others, written off the UI thread; a toast names the files."""
        app, committee_id = self.app, self.committee_id
        store, settings, today = app.store, app.settings, app.today

        def work():
            from comite.usecases.composition import export_composition

            return export_composition(store, settings, committee_id, today)

        def written(paths) -> None:
            app.notify(_("Composition à diffuser (petits nombres masqués) :\n{paths}").format(
                paths="\n".join(str(path) for path in paths)), timeout=12)

        run_in_thread(self, work, done=written, group="composition-export",
                      where=settings.folder("exports"),
                      failed=lambda message: app.notify(message, severity="error", timeout=10))


def count_table(title: str, cells) -> Table:
    """One criterion: each category and its exact count, a zero dimmed."""
    table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=True,
                  title=Text(title, style="bold"), title_justify="left")
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(justify="right", width=3)
    for cell in cells:
        table.add_row(Text(cell.label), Text(str(cell.count), style="" if cell.count else "dim"))
    return table
