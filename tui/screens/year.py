"""« Bilan » — a committee's year in figures: its meetings, who came (a sparkline of each held
meeting's presence), the floor by side, what became of its conclusions, the degrees of
participation, recruitment and trainings, its members at the year's end; a CDU's complaints.
Exact counts, as the composition page shows them; `x` writes the year's report (PDF and CSV)
for others, small counts masked there."""

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Sparkline, Static

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.errors import NotFound
from comite.store.year_models import YearFigures
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.screens.base import ByYearScreen
from comite.tui.workers import run_in_thread


class YearScreen(ByYearScreen):
    SECTION = "committees"
    HERE: ClassVar = (
        Command("export", "x", _("Exporter"),
                _("Écrire le bilan de l’année à remettre : un PDF à l’en-tête de la structure "
                  "et un tableur (CSV), petits nombres masqués, dans le dossier des exports")),
        Command("earlier", "minus", _("Année précédente"), _("Le bilan de l’année précédente"),
                key_display="-"),
        Command("later", "plus", _("Année suivante"), _("Le bilan de l’année suivante"),
                key_display="+"),
        commands.BACK,
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    DEFAULT_CSS = """
    YearScreen #year { height: 1fr; }
    YearScreen #columns { height: auto; }
    YearScreen .column { width: 1fr; height: auto; padding: 0 1; }
    YearScreen .block { height: auto; margin-bottom: 1; }
    YearScreen #presence { height: 2; margin: 0 1; }
    """
    HELP_TITLE = _("Bilan de l’année")
    HELP_TEXT = _("Ce que le comité a fait dans l’année civile : réunions tenues et prévues, "
                  "présence (la courbe : les présents de chaque réunion tenue, dans l’ordre), "
                  "prises de parole par côté, suites données aux conclusions, degrés de "
                  "participation des points abordés, recrutement et formations, membres en fin "
                  "d’année ; pour une commission des usagers, les plaintes et réclamations, "
                  "médiations (« hors délai » : au-delà des 8 jours de R. 1112-93 ou 94) et "
                  "événements indésirables graves (EIG). Nombres exacts ici ; x écrit le bilan "
                  "à remettre (PDF et tableur), "
                  "où un nombre de personnes de 1 à 4 s’affiche « < 5 ».")

    def __init__(self, committee_id: int, year: int | None = None) -> None:
        super().__init__()
        self.committee_id = committee_id
        self.year = year

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="about", classes="totals", markup=False)
        yield Sparkline([], id="presence")
        with VerticalScroll(id="year"), Horizontal(id="columns"):
            for blocks in (("meetings", "floor", "degrees"), ("conclusions", "people",
                                                               "complaints")):
                with Vertical(classes="column"):
                    for name in blocks:
                        yield Static(id=name, classes="block")

    def reload(self) -> None:
        self.year = self.year or self.app.today.year
        try:
            figures = self.app.store.year.figures(self.committee_id, self.year, self.app.today)
        except NotFound as error:
            self.record_gone(error)
            return
        self.query_one("#title", Static).update(
            _("Bilan {year} — {name}").format(year=self.year, name=figures.committee_name))
        self.query_one("#about", Static).update(_about(figures))
        presence = self.query_one("#presence", Sparkline)
        presence.data = [held.present for held in figures.held]
        # A few cells per meeting: two meetings are two bars, not a wall across the screen.
        presence.styles.width = max(4, min(76, 6 * len(figures.held)))
        for name, table in (("meetings", _meetings(figures)), ("floor", _floor(figures)),
                            ("degrees", _degrees(figures)), ("conclusions", _conclusions(figures)),
                            ("people", _people(figures))):
            self.query_one(f"#{name}", Static).update(table)
        complaints = self.query_one("#complaints", Static)
        complaints.display = figures.complaints is not None
        complaints.update(_complaints(figures) if figures.complaints is not None else "")

    def action_export(self) -> None:
        """The report for others, PDF and CSV, written off the UI thread; a toast names them."""
        app, committee_id, year = self.app, self.committee_id, self.year
        store, folder = app.store, app.settings.folder("exports")

        def work():
            from comite.usecases.year_report import report_name, write_year_report

            stem = report_name(store, committee_id, year)
            return [write_year_report(store, committee_id, year, folder / f"{stem}{suffix}")
                    for suffix in (".pdf", ".csv")]

        def written(paths) -> None:
            app.notify(_("Bilan {year} à remettre :\n{paths}").format(
                year=year, paths="\n".join(str(path) for path in paths)), timeout=12)

        run_in_thread(self, work, done=written, group="year-export", where=folder,
                      failed=lambda message: app.notify(message, severity="error", timeout=10))


def _about(figures: YearFigures) -> str:
    held = len(figures.held)
    present = sum(meeting.present for meeting in figures.held)
    lines = [plural.count(figures.meetings.held, _("réunion tenue"), _("réunions tenues")) + ", "
             + plural.count(figures.meetings.planned, _("prévue"), _("prévues")) + ", "
             + plural.count(figures.meetings.cancelled, _("annulée"), _("annulées"))]
    if held:
        lines.append(_("En moyenne {average} présents par réunion tenue (la courbe, réunion après "
                       "réunion).").format(average=_decimal(present / held)))
    else:
        lines.append(_("Aucune réunion tenue cette année : pas encore de présence à montrer."))
    return "\n".join(lines)


def _table(title: str) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=True,
                  title=Text(title, style="bold"), title_justify="left")
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(justify="right", width=11)  # « reportée ×2 », « 12 · 86 % »
    return table


def _meetings(figures: YearFigures) -> Table:
    table = _table(_("Réunions"))
    counts = figures.meetings
    for label, count in ((_("tenues"), counts.held), (_("convoquées"), counts.convened),
                         (_("en sondage"), counts.polled), (_("brouillons"), counts.drafts),
                         (_("annulées"), counts.cancelled)):
        table.add_row(label, _dimmed(count))
    for quarter in figures.quarters:
        table.add_row(quarter.name, plural.count(quarter.held, _("tenue"), _("tenues")))
    for presence in figures.by_side:
        table.add_row(_("présence · {side}").format(side=presence.key.label.lower()),
                      _percent(presence.rate))
    return table


def _floor(figures: YearFigures) -> Table:
    table = _table(_("Prises de parole"))
    for side in figures.floor:
        table.add_row(side.side.label, f"{side.turns} · {_percent(side.share)}")
    return table


def _degrees(figures: YearFigures) -> Table:
    table = _table(_("Participation des points abordés"))
    for tally in figures.degrees:
        table.add_row(tally.key.label, _dimmed(tally.count))
    return table


def _conclusions(figures: YearFigures) -> Table:
    table = _table(_("Conclusions"))
    found = figures.conclusions
    for label, count in ((_("prises"), found.taken), (_("faites"), found.done),
                         (_("abandonnées"), found.abandoned), (_("encore ouvertes"), found.open),
                         (_("reportées"), len(found.carried))):
        table.add_row(label, _dimmed(count))
    for carried in found.carried[:3]:
        table.add_row(Text(f"· {carried.conclusion.text}", style="dim"), carried.label)
    return table


def _people(figures: YearFigures) -> Table:
    table = _table(_("Recrutement, formations, membres"))
    for tally in figures.recruitment.reached:
        table.add_row(tally.key.label, _dimmed(tally.count))
    trainings = figures.trainings
    table.add_row(_("formations suivies"), _dimmed(trainings.sessions))
    table.add_row(_("membres au {day}").format(day=figures.members.on.strftime("%d/%m/%Y")),
                  _dimmed(figures.members.total))
    return table


def _complaints(figures: YearFigures) -> Table:
    """A CDU's register over the year, exact: the coordinator's own screen."""
    table = _table(_("Plaintes et réclamations"))
    found = figures.complaints
    table.add_row(_("réclamations"), _dimmed(found.complaints))
    table.add_row(_("éloges"), _dimmed(found.praise))
    for tally in sorted((t for t in found.by_theme if t.count), key=lambda t: -t.count)[:3]:
        table.add_row(Text(f"· {tally.key.label}", style="dim"), str(tally.count))
    table.add_row(_("réponse, délai médian"), _days(found.answered.median))
    late = found.mediations.met_late + found.mediations.report_late
    table.add_row(_("médiations"), f"{found.mediations.total} · {late} " + _("hors délai")
                  if late else _dimmed(found.mediations.total))
    table.add_row(_("EIG présentés"), _dimmed(found.adverse_events))
    return table


def _days(value: float | None) -> str:
    return "—" if value is None else _("{n} j").format(n=_decimal(value).removesuffix(",0"))


def _dimmed(count: int) -> Text:
    return Text(str(count), style="" if count else "dim")


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)} %"


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
