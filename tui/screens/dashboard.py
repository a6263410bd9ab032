"""Tableau de bord: the committees, their members, the mandates ending soon."""

from datetime import timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.i18n import _
from tui import commands, format
from tui.commands import Command
from tui.screens.base import BaseScreen

MANDATE_WINDOW_DAYS = 90
# A summary, not the whole list: the Comités section has them all. A coordinator follows a
# handful of committees, and every row drawn costs start-up time.
SHOWN_ROWS = 30
COMMITTEE_COLUMNS = (30, 5, 6, 29)
MANDATE_COLUMNS = (10, 9, 17, 19, 12)
MEETING_COLUMNS = (20, 30, 10, 9)
MEETING_WINDOW_DAYS = 42


class DashboardScreen(BaseScreen):
    SECTION = "dashboard"
    HERE: ClassVar = (
        Command("open", "enter", _("Ouvrir"), _("Ouvrir le comité ou la fiche sélectionnée"),
                footer=False),
        commands.COMMITTEES, commands.PEOPLE, commands.MEETINGS,
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Tableau de bord")
    HELP_TEXT = _("Vos comités actifs et leurs membres, les sondages qui attendent des "
                  "réponses et les réunions des semaines à venir, puis les mandats qui se terminent "
                  "dans les 90 jours : pensez au renouvellement ou à la désignation. "
                  "Tab passe d’une liste à l’autre, Entrée ouvre.")

    def body(self) -> ComposeResult:
        yield Static(id="committees-title", classes="list-title", markup=False)
        yield OptionList(id="committees")
        yield Static(id="meetings-title", classes="list-title", markup=False)
        yield OptionList(id="meetings")
        yield Static(id="mandates-title", classes="list-title", markup=False)
        yield OptionList(id="mandates")

    def reload(self) -> None:
        store = self.app.store
        summaries = store.committees.all()
        totals = " · ".join((
            format.count(store.structures.count(), _("structure"), _("structures")),
            format.count(len(summaries), _("comité actif"), _("comités actifs")),
            format.count(store.people.count(), _("personne"), _("personnes")),
        ))
        self.query_one("#committees-title", Static).update(_title(
            totals, _("Comités actifs") + _more(len(summaries), _("touche 2 : tous les comités")),
            format.columns((_("Comité"), _("Tit."), _("Suppl."), _("Structure")),
                           COMMITTEE_COLUMNS)))
        _refill(self.query_one("#committees", OptionList), [
            Option(Text(format.columns((s.committee.name, str(s.titulars), str(s.substitutes),
                                        s.committee.structure_name), COMMITTEE_COLUMNS)),
                   id=f"committee-{s.committee.id}")
            for s in summaries[:SHOWN_ROWS]
        ])
        # After the first frame: the meeting records are not loaded at start-up.
        self.call_after_refresh(self._meetings)
        endings = store.memberships.ending_within(MANDATE_WINDOW_DAYS, self.app.today)
        self.query_one("#mandates-title", Static).update(_title(
            None, _("Mandats qui se terminent dans les {n} jours").format(n=MANDATE_WINDOW_DAYS)
            + _more(len(endings), _("les plus proches d’abord")),
            format.columns((_("Fin"), _("Échéance"), _("Personne"), _("Comité"), _("Siège")),
                           MANDATE_COLUMNS)))
        _refill(self.query_one("#mandates", OptionList), [
            Option(Text(format.columns((
                format.day(e.membership.mandate_end), format.days_left(e.days_left),
                e.membership.person_name, e.membership.committee_name,
                e.membership.seat.label), MANDATE_COLUMNS)),
                id=f"person-{e.membership.person_id}-{e.membership.id}")
            for e in endings[:SHOWN_ROWS]
        ])

    def _meetings(self) -> None:
        """Polls still collecting answers, and the meetings of the coming weeks."""
        from store.meeting_models import MeetingStatus

        horizon = self.app.today + timedelta(days=MEETING_WINDOW_DAYS)
        coming = [m for m in self.app.store.meetings.all(
            statuses=(MeetingStatus.POLL, MeetingStatus.CONVENED))
            if m.starts_at is None or self.app.today <= m.starts_at.date() <= horizon]
        self.query_one("#meetings-title", Static).update(_title(
            None, _("Sondages en cours et réunions des {n} prochains jours").format(
                n=MEETING_WINDOW_DAYS) + _more(len(coming), _("touche 4 : toutes les réunions")),
            format.columns((_("Date"), _("Réunion"), _("Statut"), _("Réponses")), MEETING_COLUMNS)))
        _refill(self.query_one("#meetings", OptionList), [
            Option(Text(format.columns((
                format.moment(m.starts_at) if m.starts_at else _("à choisir"), m.title,
                m.status.label, f"{m.answered}/{m.invitees}"), MEETING_COLUMNS)),
                id=f"meeting-{m.id}")
            for m in coming[:SHOWN_ROWS]
        ])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id or "")

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            self._open(focused.get_option_at_index(focused.highlighted).id or "")

    def _open(self, option_id: str) -> None:
        kind, number, *_rest = option_id.split("-")
        if kind == "committee":
            from tui.screens.committee import CommitteeScreen

            self.app.push_screen(CommitteeScreen(int(number)))
        elif kind == "meeting":
            from tui.screens.meeting import MeetingScreen

            self.app.push_screen(MeetingScreen(int(number)))
        elif kind == "person":
            from tui.screens.person import PersonScreen

            self.app.push_screen(PersonScreen(int(number)))


def _refill(options: OptionList, new: list[Option]) -> None:
    highlighted = options.highlighted
    options.clear_options()
    options.add_options(new)
    if new:
        options.highlighted = min(highlighted or 0, len(new) - 1)


def _more(total: int, hint: str) -> str:
    if total <= SHOWN_ROWS:
        return ""
    return _(" — {shown} sur {total}, {hint}").format(shown=SHOWN_ROWS, total=total, hint=hint)


def _title(totals: str | None, title: str, header: str) -> Content:
    """The lines above a list: the totals (first list only), its title, its column names."""
    lines = [Content.styled(totals, "dim")] if totals else []
    lines += [Content.styled(title, "bold $accent"), Content.styled(header, "bold on $panel")]
    return Content("\n").join(lines)
