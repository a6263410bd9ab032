"""Tableau de bord: the committees, what is waiting to be followed up (open conclusions, minutes
left as drafts, a CDU without its quarterly meeting, what a CDU lacks or soon needs, recruitment
next steps overdue, mandates and charters ending, people the retention rules bring up,
invitations to resend after a change), the meetings to come, the mandates ending soon (a CDU's
RU: ask the ARS)."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from comite.kernel import plural
from comite.kernel.grammar import gendered, of_the
from comite.kernel.i18n import _
from comite.store.committee_models import CduSeat
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.messages import OpenCommittee, OpenPerson
from comite.tui.screens.base import BaseScreen
from comite.tui.widgets.lists import ChoiceList

if TYPE_CHECKING:
    from comite.store import Store
    from comite.store.committee_models import CduGap, Committee, MandateEnding
    from comite.store.minutes_models import Conclusion

MANDATE_WINDOW_DAYS = 90
# In « À suivre »: a mandate or a charter ending within ALERT_DAYS is an alert; the charters
# ending within CHARTER_WINDOW_DAYS are listed (the mandates have their own list below).
ALERT_DAYS = 30
CHARTER_WINDOW_DAYS = 90
# A summary, not the whole list: the Comités section has them all. A coordinator follows a
# handful of committees, and every row drawn costs start-up time.
SHOWN_ROWS = 30
COMMITTEE_COLUMNS = (30, 5, 6, 29)
MANDATE_COLUMNS = (10, 9, 17, 18, 16)
MEETING_COLUMNS = (20, 30, 10, 9)
MEETING_WINDOW_DAYS = 42
FOLLOW_COLUMNS = (16, 10, 38, 8)
FOLLOW_WIDTH = sum(FOLLOW_COLUMNS) + len(FOLLOW_COLUMNS) - 1
STALE_DAYS = 15


class DashboardScreen(BaseScreen):
    SECTION = "dashboard"
    HERE: ClassVar = (
        Command("open", "enter", _("Ouvrir"),
                _("Ouvrir la ligne (une conclusion : l’ordre du jour qui la reprend ; une "
                  "candidature : sa fiche ; une charte : la charte ; la conservation : la file "
                  "à examiner)"),
                footer=False),
        commands.COMMITTEES, commands.PEOPLE, commands.MEETINGS,
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    HELP_TITLE = _("Tableau de bord")
    HELP_TEXT = _("Vos comités actifs et leurs membres ; « À suivre » : où en sont les sauvegardes "
                  "(Entrée ouvre les réglages), les alertes (compte rendu "
                  "encore en brouillon 15 jours après la réunion, invitations à renvoyer après un "
                  "changement de date, de lieu ou d’invités, CDU sans réunion tenue le "
                  "trimestre passé, ce qui manque à une CDU (siège, suppléant(e), présidence, "
                  "réunion ce trimestre) ou s’y prépare (élection, mandat de RU à redemander à "
                  "l’ARS), prochaine étape d’un recrutement en retard, mandat ou charte "
                  "qui se termine dans les 30 jours, personnes que les règles de conservation "
                  "font réexaminer), les chartes qui se terminent dans les 90 jours, puis les "
                  "conclusions ouvertes par responsable, celles en retard d’abord ; les sondages "
                  "qui attendent des réponses et les réunions des semaines à venir ; les mandats "
                  "qui se terminent dans les 90 jours : pensez au renouvellement ou à la "
                  "désignation (celle d’un(e) RU d’une CDU se demande à l’ARS). Tab passe d’une "
                  "liste à l’autre, Entrée ouvre : une candidature ouvre sa fiche, la "
                  "conservation la file à examiner, une charte la charte de la personne, une "
                  "alerte d’une CDU la page de la commission.")

    def body(self) -> ComposeResult:
        yield Static(id="committees-title", classes="list-title", markup=False)
        yield ChoiceList(id="committees")
        # « À suivre » (#follow-title, #follow) is mounted by _follow_up, after the first frame.
        yield Static(id="meetings-title", classes="list-title", markup=False)
        yield ChoiceList(id="meetings")
        yield Static(id="mandates-title", classes="list-title", markup=False)
        yield ChoiceList(id="mandates")

    def reload(self) -> None:
        store = self.app.store
        summaries = store.committees.all()
        self.shorts = wording.committee_shorts(summaries)
        totals = " · ".join((
            plural.count(store.structures.count(), _("structure"), _("structures")),
            plural.count(len(summaries), _("comité actif"), _("comités actifs")),
            plural.count(store.people.count(), _("personne"), _("personnes")),
            *self._backed_up(),
        ))
        self.query_one("#committees-title", Static).update(_title(
            totals, _("Comités actifs") + _more(len(summaries), _("touche 2 : tous les comités")),
            wording.columns((_("Comité"), _("Tit."), _("Suppl."), _("Structure")),
                           COMMITTEE_COLUMNS)))
        _refill(self.query_one("#committees", OptionList), [
            Option(Text(wording.columns((s.committee.name, str(s.titulars), str(s.substitutes),
                                        s.committee.structure_name), COMMITTEE_COLUMNS)),
                   id=f"committee-{s.committee.id}")
            for s in summaries[:SHOWN_ROWS]
        ])
        # After the first frame: the meeting records are not loaded at start-up.
        self.call_after_refresh(self._meetings)
        self.call_after_refresh(self._follow_up)
        endings = store.memberships.ending_within(MANDATE_WINDOW_DAYS, self.app.today)
        self.query_one("#mandates-title", Static).update(_title(
            None, _("Mandats qui se terminent dans les {n} jours").format(n=MANDATE_WINDOW_DAYS)
            + _more(len(endings), _("les plus proches d’abord")),
            wording.columns((_("Fin"), _("Échéance"), _("Personne"), _("Comité"), _("Siège")),
                           MANDATE_COLUMNS)))
        _refill(self.query_one("#mandates", OptionList), [
            Option(_mandate_row(e), id=f"person-{e.membership.person_id}-{e.membership.id}")
            for e in endings[:SHOWN_ROWS]
        ])

    def _backed_up(self) -> tuple[str, ...]:
        """« sauvegardé aujourd’hui », « … le 27/11/2026 »: the last backup, in the totals line."""
        if self.app.example_open or (last := self.app.store.backups.last()) is None:
            return ()
        # The real day, as the backup's own time (a test's fixed `app.today` is not when it ran).
        from comite.kernel.clock import today

        return (_("sauvegardé {when}").format(when=wording.backup_day(last.created_at, today())),)

    def _meetings(self) -> None:
        """Polls still collecting answers, and the meetings of the coming weeks."""
        from comite.store.meeting_models import MeetingStatus

        horizon = self.app.today + timedelta(days=MEETING_WINDOW_DAYS)
        coming = [m for m in self.app.store.meetings.all(
            statuses=(MeetingStatus.POLL, MeetingStatus.CONVENED))
            if m.starts_at is None or self.app.today <= m.starts_at.date() <= horizon]
        self.query_one("#meetings-title", Static).update(_title(
            None, _("Sondages en cours et réunions des {n} prochains jours").format(
                n=MEETING_WINDOW_DAYS) + _more(len(coming), _("touche 4 : toutes les réunions")),
            wording.columns((_("Date"), _("Réunion"), _("Statut"), _("Réponses")), MEETING_COLUMNS)))
        _refill(self.query_one("#meetings", OptionList), [
            Option(Text(wording.columns((
                wording.moment(m.starts_at) if m.starts_at else _("à choisir"), m.title,
                m.status.label, f"{m.answered}/{m.invitees}"), MEETING_COLUMNS)),
                id=f"meeting-{m.id}")
            for m in coming[:SHOWN_ROWS]
        ])

    async def _follow_up(self) -> None:
        """Alerts first, then the open conclusions by owner, the overdue ones first."""
        if not self.query("#follow"):
            if not self.is_attached:  # quit before the first frame had settled
                return
            # Mounted after the first frame, like its content: two more widgets to style and
            # lay out before the dashboard first shows cost start-up time.
            await self.mount(Static(id="follow-title", classes="list-title", markup=False),
                             ChoiceList(id="follow"), before="#meetings-title")
            if not self.is_attached:  # quit while they were mounted
                return
        store, today = self.app.store, self.app.today
        options = _backup_alerts(self.app)
        options += [Option(_alert(_("Compte rendu en brouillon ({n} j) : {title}").format(
                       n=s.days, title=s.meeting.title)), id=f"stale-{s.meeting.id}")
                   for s in store.minutes.stale_drafts(today, STALE_DAYS)]
        options += [Option(_alert(_("{committee} : aucune réunion tenue au {quarter}").format(
                        committee=q.committee_name, quarter=q.quarter)), id=f"quarter-{q.committee_id}")
                    for q in store.minutes.quarters_without_meeting(today)]
        # What a CDU lacks is an alert; what it soon needs (an election, the ARS to ask) comes
        # after the alerts, marked « → » as on the commission's page.
        cdu = [(committee, index, gap) for committee, gaps in store.committees.cdu_alerts(today)
               for index, gap in enumerate(gaps)]
        options += [Option(_alert(self._cdu_line(committee, gap)), id=f"cdu-{committee.id}-{index}")
                    for committee, index, gap in cdu if not gap.reminder]
        options += _unsent_alerts(store, today)
        options += _engagement_alerts(store, today)
        options += [Option(_reminder(self._cdu_line(committee, gap)),
                           id=f"cdu-{committee.id}-{index}")
                    for committee, index, gap in cdu if gap.reminder]
        options += _report_reminders(store, today)
        groups = store.conclusions.open_by_owner(today)
        conclusions = [c for _owner, group in groups for c in group]
        late = sum(1 for c in conclusions if c.overdue(today))
        if conclusions:
            # The conclusions' table has its column names right above its own rows, below the
            # alerts: they are no heading for the alerts. Not a row to stop on.
            options.append(Option(Content.styled(wording.columns(
                (_("Responsable"), _("Échéance"), _("Conclusion"), _("Prise le")), FOLLOW_COLUMNS),
                "bold on $panel"), id="header-conclusions", disabled=True))
        for owner, group in groups:
            for index, c in enumerate(group):
                options.append(Option(_conclusion_row(owner if index == 0 else "", c, today),
                                      id=f"conclusion-{c.id}"))
        title = _("À suivre : {open}").format(open=plural.count(
            len(conclusions), _("conclusion ouverte"), _("conclusions ouvertes")))
        if late:
            title += _(", dont {n} en retard").format(n=late)
        heading, follow = self.query("#follow-title"), self.query("#follow")
        if not heading or not follow:  # the screen went (or was recomposed) while this was read
            return
        heading.first(Static).update(_title(
            None, title + _more(len(options), _("les plus urgentes d’abord"))))
        _refill(follow.first(OptionList), options[:SHOWN_ROWS])

    def _cdu_line(self, committee: "Committee", gap: "CduGap") -> str:
        return _("{committee} : {gap}").format(
            committee=self.shorts.get(committee.id, committee.name), gap=gap.text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id or "")

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            self._open(focused.get_option_at_index(focused.highlighted).id or "")

    def _open(self, option_id: str) -> None:
        kind, number, *_rest = option_id.split("-")
        if kind == "candidate":
            from comite.tui.screens.candidate import CandidateScreen

            self.app.push_screen(CandidateScreen(int(number), section=self.SECTION))
        elif kind == "retention":
            from comite.tui.screens.retention import RetentionScreen

            self.app.push_screen(RetentionScreen())
        elif kind == "charter":
            from comite.tui.screens.charter import CharterScreen

            self.app.push_screen(CharterScreen(int(number), int(_rest[0]), section=self.SECTION))
        elif kind in ("committee", "quarter", "cdu"):
            self.post_message(OpenCommittee(int(number)))
        elif kind == "report":
            from comite.tui.screens.year import YearScreen

            self.app.push_screen(YearScreen(int(number), int(_rest[0])))
        elif kind == "meeting":
            from comite.tui.screens.meeting import MeetingScreen

            self.app.push_screen(MeetingScreen(int(number)))
        elif kind == "conclusion":
            self._open_conclusion(int(number))
        elif kind == "stale":
            from comite.tui.screens.minutes import MinutesScreen

            self.app.push_screen(MinutesScreen(int(number)))
        elif kind == "person":
            self.post_message(OpenPerson(int(number)))
        elif kind == "backup":
            self.app.action_settings()

    def _open_conclusion(self, conclusion_id: int) -> None:
        """Where the coordinator acts on it: the agenda of the next meeting that carries it,
        or, when none is planned yet, the meeting that took it."""
        from comite.tui.screens.agenda import AgendaScreen
        from comite.tui.screens.meeting import MeetingScreen

        store = self.app.store
        conclusion = store.conclusions.get(conclusion_id)
        later = _next_carrying(store, conclusion)
        if later is None:
            self.notify(_("Aucune réunion à venir de ce comité ne la reprend encore : voici "
                          "la réunion où elle a été prise."))
            self.app.push_screen(MeetingScreen(conclusion.meeting_id))
        else:
            self.app.push_screen(AgendaScreen(later, conclusion_id))


def _next_carrying(store: "Store", conclusion: "Conclusion") -> int | None:
    """The first meeting to come of the conclusion's committee whose agenda carries it."""
    from datetime import datetime

    from comite.store.meeting_models import MeetingStatus

    coming = store.meetings.all(store.meetings.get(conclusion.meeting_id).committee_id, statuses=(
        MeetingStatus.DRAFT, MeetingStatus.POLL, MeetingStatus.CONVENED))
    coming.sort(key=lambda m: (m.starts_at is None, m.starts_at or datetime.min, m.id))
    for meeting in coming:
        if any(c.conclusion.id == conclusion.id for c in store.conclusions.carried(meeting.id)):
            return meeting.id
    return None


def _backup_alerts(app) -> list[Option]:
    """An alert, first, when the backups are not done: no folder chosen, the last attempt
    failed, none for a week. Never of the example data (its date is in the totals line)."""
    from datetime import UTC, datetime

    from comite.usecases.backup import WARN_AFTER

    if app.example_open or app.store.is_empty():
        return []
    last = app.store.backups.last()
    if not app.settings.backup_folder.strip():
        text = (_("Sauvegardes arrêtées : aucun dossier choisi (Entrée : réglages)") if last else
                _("Aucune sauvegarde : choisissez un dossier dans les réglages (Entrée)"))
    elif app.backup_problem:
        text = _("Sauvegarde impossible : {why}").format(why=app.backup_problem)
    elif last and datetime.now(UTC) - last.created_at >= WARN_AFTER:
        text = _("Aucune sauvegarde depuis {n} jours : vérifiez le dossier (Entrée)").format(
            n=(datetime.now(UTC) - last.created_at).days)
    else:
        return []
    return [Option(_alert(text), id="backup-0")]


def _unsent_alerts(store: "Store", today: date) -> list[Option]:
    """Meetings changed since their invitations were written: nobody knows yet."""
    from comite.store.meeting_models import MeetingStatus

    options = []
    for meeting in store.meetings.all(statuses=(
            MeetingStatus.POLL, MeetingStatus.CONVENED, MeetingStatus.CANCELLED)):
        if meeting.starts_at is not None and meeting.starts_at.date() < today:
            continue
        unsent = store.meetings.unsent(meeting.id)
        if unsent.count and unsent.written_before:
            options.append(Option(_alert(_("{label} : {title}").format(
                label=unsent.label, title=meeting.title)), id=f"meeting-{meeting.id}"))
    return options


def _engagement_alerts(store: "Store", today: date) -> list[Option]:
    """Recruitment next steps overdue, mandates and charters ending within ALERT_DAYS, the
    retention queue; then, not as alerts, the charters ending within CHARTER_WINDOW_DAYS."""
    options = [Option(_alert(_overdue_step(c.next_step, c.person_name, c.next_step_on, today)),
                      id=f"candidate-{c.id}")
               for c in store.recruitment.overdue(today) if c.next_step_on]
    # When first, then who, then where: at 80 columns the end of the line is what gets cut.
    options += [Option(_alert(_("Mandat qui se termine {left} ({day}) : {name} — {committee}")
                              .format(left=wording.days_left(e.days_left),
                                      day=wording.day(e.membership.mandate_end),
                                      name=e.membership.person_name,
                                      committee=e.membership.committee_name)),
                       id=f"person-{e.membership.person_id}-{e.membership.id}")
                for e in store.memberships.ending_within(ALERT_DAYS, today)]
    later = []
    for e in store.charters.ending_within(CHARTER_WINDOW_DAYS, today):
        text = _("Charte qui se termine {left} ({day}) : {name} — {committee}").format(
            left=wording.days_left(e.days_left), day=wording.day(e.charter.ends_on),
            name=e.charter.person_name, committee=e.charter.committee_name)
        option_id = f"charter-{e.charter.person_id}-{e.charter.committee_id}"
        if e.days_left <= ALERT_DAYS:
            options.append(Option(_alert(text), id=option_id))
        else:
            later.append(Option(_notice(text), id=option_id))
    if queue := store.privacy.retention_queue(today):
        options.append(Option(_alert(_("Conservation : {people} à examiner").format(
            people=plural.count(len(queue), _("personne"), _("personnes")))), id="retention-0"))
    return options + later


def _ars(ending: "MandateEnding") -> bool:
    """A CDU's représentant(e) des usagers: the ARS designates them, and is asked again."""
    return ending.membership.cdu_seat is CduSeat.USER_REPRESENTATIVE


def _mandate_row(ending: "MandateEnding") -> Text:
    m = ending.membership
    row = Text(wording.columns((wording.day(m.mandate_end), wording.days_left(ending.days_left),
                                m.person_name, m.committee_name), MANDATE_COLUMNS[:4]) + " ")
    if _ars(ending):
        return row.append(wording.columns((_("demander à l’ARS"),), MANDATE_COLUMNS[4:]),
                          style="bold yellow")
    return row.append(wording.columns((gendered(m.seat.label, m.gender),), MANDATE_COLUMNS[4:]))


def _overdue_step(step: str, name: str, due: date, today: date) -> str:
    return _("Recrutement en retard de {n} j : {name} — {step}, prévue le {day}").format(
        n=(today - due).days, name=name, step=step, day=wording.day(due))


# The year's report is reminded this long before the day the structure owes it.
REPORT_NOTICE_DAYS = 60


def _report_reminders(store, today: date) -> list[Option]:
    """« Bilan 2026 du Comité des usagers à remettre le 31/03 (dans 40 j) » for each active
    committee of a structure whose report day comes within REPORT_NOTICE_DAYS; Entrée opens
    the year's « Bilan »."""
    due = {structure.id: day for structure in store.structures.all()
           if (day := _next_report_day(structure.report_due, today)) is not None
           and (day - today).days <= REPORT_NOTICE_DAYS}
    options = []
    for summary in store.committees.all():
        committee = summary.committee
        if (day := due.get(committee.structure_id)) is None:
            continue
        year = day.year - 1
        options.append(Option(_reminder(_("Bilan {year} {of_committee} à remettre le {day} "
                                          "({when}) : Entrée pour le voir").format(
            year=year, of_committee=of_the(committee.article, committee.name), day=wording.day(day),
            when=_("aujourd’hui") if day == today else _("dans {n} j").format(
                n=(day - today).days))), id=f"report-{committee.id}-{year}"))
    return options


def _next_report_day(stored: str, today: date) -> date | None:
    """The next day (today included) a report set as 'MM-DD' is due; None when none is set."""
    if not stored:
        return None
    month, day = (int(part) for part in stored.split("-"))
    this_year = date(today.year, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)


def _alert(text: str) -> Text:
    return Text(wording.columns(("⚠ " + text,), (FOLLOW_WIDTH,)), style="bold yellow")


def _reminder(text: str) -> Text:
    """Something to prepare now for a date to come: after the alerts, aligned with them."""
    return Text(wording.columns(("→ " + text,), (FOLLOW_WIDTH,)))


def _notice(text: str) -> Text:
    """A line to know about, not yet to act on: aligned with the alerts' text."""
    return Text(wording.columns(("  " + text,), (FOLLOW_WIDTH,)))


def _conclusion_row(owner: str, conclusion: "Conclusion", today: date) -> Text:
    late = conclusion.overdue(today)
    due = wording.day(conclusion.due_on) if conclusion.due_on else "—"
    opened = conclusion.meeting_date.strftime("%d/%m/%y") if conclusion.meeting_date else ""
    cells = [(owner, "bold"), (due, "bold red" if late else ""), (conclusion.text, ""),
             (opened, "dim")]
    return Text(" ").join(Text(wording.columns((value,), (width,)), style=style)
                          for (value, style), width in zip(cells, FOLLOW_COLUMNS, strict=True))


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


def _title(totals: str | None, title: str, header: str | None = None) -> Content:
    """The lines above a list: the totals (first list only), its title, its column names (a list
    of rows of one kind only: « À suivre » mixes alerts and conclusions)."""
    lines = [Content.styled(totals, "dim")] if totals else []
    lines.append(Content.styled(title, "bold $accent"))
    if header is not None:
        lines.append(Content.styled(header, "bold on $panel"))
    return Content("\n").join(lines)
