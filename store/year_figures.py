"""A committee's year in figures, for its annual report, its charts and the « Bilan » page.

Every figure is read through the rule the rest of the store applies, never a second wording of
it: present is checked in (`attendees.read_attendees`), a seat is covered as the quorum says
(`attendance.quorum`), a side is `fragments.SIDE`, the floor is the séance's count
(`sitting.read_floor`), a conclusion is carried as « suite donnée » lists it
(`ConclusionService.carried`), the quarters are `rhythm.year_quarters`.

A meeting belongs to a year by its chosen date in its own zone (a meeting at 00:30 in Paris on
1 January is the new year's, though UTC still says 31 December); one not convened yet, by its
proposed dates. The queries run once per figure, and once per held meeting for what is noted
per meeting (attendance, floor, « suite donnée »): a year holds a dozen meetings, never one
query per conclusion.
"""

import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from comite.kernel import clock
from comite.kernel.zones import from_utc_iso
from comite.store.attendance import quorum
from comite.store.attendees import read_attendees
from comite.store.committee_models import CduSeat, CommitteeKind, Function, QuarterCount, Seat
from comite.store.committees import CommitteeService
from comite.store.complaint_models import (
    Channel,
    Complaint,
    ComplaintKind,
    Mediation,
    Outcome,
    Theme,
)
from comite.store.conclusions import ConclusionService
from comite.store.fragments import SIDE
from comite.store.meeting_models import InviteeSeat, MeetingStatus
from comite.store.minutes import quarter_of
from comite.store.minutes_models import (
    Attendee,
    CarriedConclusion,
    ConclusionKind,
    ConclusionStatus,
    ItemKind,
    Participation,
    Side,
)
from comite.store.recruitment_models import Source, Stage, TrainingKind
from comite.store.rhythm import year_quarters
from comite.store.seating import seat_at_table
from comite.store.service import Service
from comite.store.sitting import floor_totals, read_floor
from comite.store.year_models import (
    CduCategory,
    CduFigures,
    ComplaintFigures,
    ConclusionFigures,
    Delay,
    HeldMeeting,
    MediationFigures,
    MeetingCounts,
    MeetingQualityFigures,
    Members,
    Presence,
    Presidency,
    RecruitmentFigures,
    SeatSide,
    SideTurns,
    Tally,
    TrainingFigures,
    TrainingTally,
    YearFigures,
    share,
)


@dataclass(frozen=True, slots=True)
class _Dated:
    """A meeting of the committee placed in the year: its chosen date, else its first
    proposed date in the year."""

    id: int
    title: str
    status: MeetingStatus
    quorum: int | None
    day: date


class YearService(Service):
    def figures(self, committee_id: int, year: int, today: date | None = None) -> YearFigures:
        """The year `year` of the committee, as the base holds it `today` (the planned
        meetings, the open conclusions and, while the year runs, the members are today's)."""
        today = today or clock.today()
        committee = CommitteeService(self._db, self._actor).get(committee_id)
        conn = self._db.connection()
        dated = _meetings_of(conn, committee_id, year)
        held = [meeting.id for meeting in dated if meeting.status is MeetingStatus.HELD]
        # Read once, for the meetings' own figures and the year's rates alike.
        attendees = {meeting_id: read_attendees(conn, meeting_id) for meeting_id in held}
        meetings = tuple(_held(conn, meeting, attendees[meeting.id]) for meeting in dated
                         if meeting.id in attendees)
        quarters = tuple(year_quarters(conn, committee_id, year, today))
        return YearFigures(
            committee_id=committee_id, committee_name=committee.name, kind=committee.kind,
            year=year, meetings=_counts(dated), quarters=quarters,
            quarters_without_meeting=_quarters_without_meeting(quarters, year, today),
            held=meetings,
            by_seat=_presence(attendees.values(), InviteeSeat, lambda a: a.seat),
            by_side=_presence(attendees.values(), Side, lambda a: a.side),
            floor=_sides({side: sum(turns.turns for meeting in meetings for turns in meeting.floor
                                    if turns.side is side) for side in Side}),
            conclusions=self._conclusions(conn, held), degrees=_degrees(conn, held),
            recruitment=_recruitment(conn, committee_id, year),
            trainings=_trainings(conn, committee_id, year),
            members=_members(conn, committee_id, min(date(year, 12, 31), today)),
            recommendations=tuple(self._recommendations(committee_id, year)),
            earlier_recommendations=tuple(self._recommendations(committee_id, year - 1)),
            cdu=(self._cdu(committee_id, min(date(year, 12, 31), today))
                 if committee.kind is CommitteeKind.CDU else None),
            complaints=(self._complaints(committee_id, year, meetings)
                        if committee.kind is CommitteeKind.CDU else None),
        )

    def _complaints(self, committee_id: int, year: int,
                    held: Sequence[HeldMeeting]) -> ComplaintFigures:
        from comite.store.complaints import ComplaintService

        service = ComplaintService(self._db, self._actor)
        cases = service.of_committee(committee_id, year)
        quality = []
        for meeting in held:
            told = service.quality(meeting.meeting_id)
            quality.append(MeetingQualityFigures(
                meeting.meeting_id, meeting.title, meeting.held_on,
                (meeting.held_on.month - 1) // 3 + 1, told.scores, told.adverse_events,
                told.actions))
        return complaint_figures(cases, tuple(quality))

    def _cdu(self, committee_id: int, on: date) -> CduFigures:
        from comite.store.cdu_composition import cdu_gaps
        from comite.store.memberships import MembershipService

        seats = MembershipService(self._db, self._actor).of_committee(committee_id)
        sitting = [m for m in seats if m.function is not Function.GUEST
                   and (m.mandate_start is None or m.mandate_start <= on)
                   and (m.mandate_end is None or m.mandate_end >= on)]
        categories = tuple(CduCategory(
            category,
            sum(1 for m in sitting if m.cdu_seat is category and m.seat is Seat.TITULAR),
            sum(1 for m in sitting if m.cdu_seat is category and m.seat is not Seat.TITULAR))
            for category in CduSeat)
        presidency = tuple(Presidency(m.function, m.person_name, m.cdu_seat, m.elected_on, m.gender)
                           for function in (Function.PRESIDENT, Function.VICE_PRESIDENT)
                           for m in sitting if m.function is function)
        return CduFigures(categories, presidency,
                          tuple(gap.text for gap in cdu_gaps(seats, on) if not gap.reminder))

    def _recommendations(self, committee_id: int, year: int) -> list:
        from comite.store.conclusions import ConclusionService

        return ConclusionService(self._db, self._actor).recommendations(committee_id, year)

    def _conclusions(self, conn: sqlite3.Connection, held: Sequence[int]) -> ConclusionFigures:
        counts: dict[tuple[str, str], int] = {}
        if held:
            counts = {(row["kind"], row["status"]): row["n"] for row in conn.execute(
                f"SELECT kind, status, count(*) AS n FROM conclusions WHERE meeting_id IN "
                f"({_marks(held)}) GROUP BY kind, status", tuple(held))}

        def status(wanted: ConclusionStatus) -> int:
            return sum(n for (_kind, said), n in counts.items() if said == wanted)

        return ConclusionFigures(
            taken=sum(counts.values()), done=status(ConclusionStatus.DONE),
            abandoned=status(ConclusionStatus.ABANDONED), open=status(ConclusionStatus.OPEN),
            by_kind=tuple(Tally(kind, sum(n for (said, _status), n in counts.items()
                                          if said == kind)) for kind in ConclusionKind),
            carried=self._carried(held))

    def _carried(self, held: Sequence[int]) -> tuple[CarriedConclusion, ...]:
        """Each conclusion as the last of the year's held meetings to list it under « suite
        donnée » showed it: its count there is how many meetings it had been carried to. Only
        held meetings count: a meeting still to come has carried nothing yet."""
        service = ConclusionService(self._db, self._actor)
        last: dict[int, CarriedConclusion] = {}
        for meeting_id in held:  # in date order: a later listing replaces an earlier one
            for carried in service.carried(meeting_id):
                last[carried.conclusion.id] = carried
        return tuple(sorted(last.values(), key=lambda c: (-c.times, c.conclusion.id)))


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


# ---- meetings ---------------------------------------------------------------------------


def _meetings_of(conn: sqlite3.Connection, committee_id: int, year: int) -> list[_Dated]:
    """The committee's meetings placed in `year`, in date order. A released slot is a date
    the meeting no longer has."""
    rows = conn.execute(
        "SELECT m.id, m.title, m.status, m.quorum, m.timezone, s.starts_at, s.status AS slot "
        "FROM meetings m JOIN slots s ON s.meeting_id = m.id "
        "WHERE m.committee_id = ? AND s.status != 'released' ORDER BY s.starts_at, m.id",
        (committee_id,)).fetchall()
    chosen: dict[int, date] = {}
    proposed: dict[int, date] = {}
    facts: dict[int, sqlite3.Row] = {}
    for row in rows:
        day = from_utc_iso(row["starts_at"], row["timezone"]).date()
        facts[row["id"]] = row
        if row["slot"] == "chosen":
            chosen[row["id"]] = day
        elif day.year == year:
            proposed.setdefault(row["id"], day)  # the first, as rows come in date order
    placed = {meeting_id: chosen.get(meeting_id, proposed.get(meeting_id)) for meeting_id in facts}
    return sorted((_Dated(meeting_id, facts[meeting_id]["title"],
                          MeetingStatus(facts[meeting_id]["status"]), facts[meeting_id]["quorum"], day)
                   for meeting_id, day in placed.items() if day is not None and day.year == year),
                  key=lambda meeting: (meeting.day, meeting.id))


def _counts(dated: Iterable[_Dated]) -> MeetingCounts:
    statuses = [meeting.status for meeting in dated]
    return MeetingCounts(
        held=statuses.count(MeetingStatus.HELD), convened=statuses.count(MeetingStatus.CONVENED),
        polled=statuses.count(MeetingStatus.POLL), drafts=statuses.count(MeetingStatus.DRAFT),
        cancelled=statuses.count(MeetingStatus.CANCELLED))


def _quarters_without_meeting(quarters: Sequence[QuarterCount], year: int,
                              today: date) -> tuple[int, ...]:
    """The quarters over by `today` in which no meeting was held: what a CDU must account for."""
    over = [number for number, month in enumerate((1, 4, 7, 10), start=1)
            if quarter_of(date(year, month, 1))[1] <= today]
    return tuple(number for number in over if not quarters[number - 1].held)


# ---- attendance and the floor ----------------------------------------------------------------


def _held(conn: sqlite3.Connection, meeting: _Dated, attendees: list[Attendee]) -> HeldMeeting:
    seats = quorum(attendees, meeting.quorum)
    return HeldMeeting(
        meeting_id=meeting.id, title=meeting.title, held_on=meeting.day,
        present=sum(1 for attendee in attendees if attendee.present), expected=seats.seats,
        covered=seats.covered, quorum_needed=seats.needed,
        floor=_sides(floor_totals(read_floor(conn, meeting.id))))


K = TypeVar("K")


def _presence(meetings: Iterable[list[Attendee]], keys: Iterable[K],
              key_of: Callable[[Attendee], K]) -> tuple[Presence[K], ...]:
    """Invited and present (`Attendee.present`: checked in) by seat or by side, every held
    meeting together."""
    invited: dict[K, int] = defaultdict(int)
    present: dict[K, int] = defaultdict(int)
    for attendees in meetings:
        for attendee in attendees:
            invited[key_of(attendee)] += 1
            present[key_of(attendee)] += attendee.present
    return tuple(Presence(key, invited[key], present[key]) for key in keys)


def _sides(totals: dict[Side, int]) -> tuple[SideTurns, ...]:
    whole = sum(totals.values())
    return tuple(SideTurns(side, totals[side], share(totals[side], whole)) for side in Side)


# ---- what the meetings produced ---------------------------------------------------------------


def _degrees(conn: sqlite3.Connection, held: Sequence[int]) -> tuple[Tally[Participation], ...]:
    """The items discussed, by degree of participation. The adoption of the last minutes is a
    formality every meeting repeats, not a subject: it is left out."""
    counts: dict[str, int] = {}
    if held:
        counts = {row["participation"]: row["n"] for row in conn.execute(
            "SELECT participation, count(*) AS n FROM agenda_items WHERE kind = ? "
            f"AND meeting_id IN ({_marks(held)}) GROUP BY participation",
            (ItemKind.TOPIC.value, *held))}
    return tuple(Tally(degree, counts.get(degree.value, 0)) for degree in Participation)


def _recruitment(conn: sqlite3.Connection, committee_id: int, year: int) -> RecruitmentFigures:
    """Stages as the candidacies were moved in the year (a move is dated by its day): a
    candidacy moved twice to the same stage counts once there."""
    reached: dict[str, set[int]] = defaultdict(set)
    source_of: dict[int, str] = {}
    for row in conn.execute(
            "SELECT k.id, k.source, v.stage FROM candidate_moves v "
            "JOIN candidates k ON k.id = v.candidate_id WHERE k.committee_id = ? "
            "AND v.at >= ? AND v.at < ?", (committee_id, *_year_range(year))):
        reached[row["stage"]].add(row["id"])
        source_of[row["id"]] = row["source"]
    begun = [source_of[candidate] for candidate in reached[Stage.SPOTTED.value]]
    return RecruitmentFigures(
        reached=tuple(Tally(stage, len(reached[stage.value])) for stage in Stage),
        sources=tuple(Tally(source, begun.count(source.value)) for source in Source))


def _trainings(conn: sqlite3.Connection, committee_id: int, year: int) -> TrainingFigures:
    """Trainings held in the year by the committee's members and its candidates (a training
    belongs to a person, not to a committee)."""
    rows = conn.execute(
        "SELECT person_id, kind, hours FROM trainings WHERE held_on >= ? AND held_on < ? "
        "AND person_id IN (SELECT person_id FROM memberships WHERE committee_id = ? "
        "UNION SELECT person_id FROM candidates WHERE committee_id = ?)",
        (*_year_range(year), committee_id, committee_id)).fetchall()

    def tally(kind: TrainingKind) -> TrainingTally:
        mine = [row for row in rows if row["kind"] == kind]
        return TrainingTally(kind, len(mine), sum(row["hours"] for row in mine),
                             len({row["person_id"] for row in mine}))

    return TrainingFigures(by_kind=tuple(tally(kind) for kind in TrainingKind),
                           people=len({row["person_id"] for row in rows}))


def _year_range(year: int) -> tuple[str, str]:
    return date(year, 1, 1).isoformat(), date(year + 1, 1, 1).isoformat()


# ---- composition ---------------------------------------------------------------------------


def _members(conn: sqlite3.Connection, committee_id: int, on: date) -> Members:
    """Members whose mandate has not ended on `on` (the composition's and the invitations'
    rule) and had begun by then (a seat designated for next year is not this year's), each
    counted at the seat a meeting gives them (`seat_at_table`)."""
    counts: dict[tuple[InviteeSeat, Side], int] = defaultdict(int)
    for row in conn.execute(
            f"SELECT m.id, m.seat, m.function, m.substitute_for, {SIDE} FROM memberships m "
            "JOIN people p ON p.id = m.person_id WHERE m.committee_id = ? "
            "AND (m.mandate_end IS NULL OR m.mandate_end >= ?) "
            "AND (m.mandate_start IS NULL OR m.mandate_start <= ?)",
            (committee_id, on.isoformat(), on.isoformat())):
        seat, _key = seat_at_table(row["id"], row["seat"], row["function"], row["substitute_for"])
        counts[seat, Side(row["side"])] += 1
    return Members(on=on, cells=tuple(SeatSide(seat, side, counts[seat, side])
                                      for seat in InviteeSeat for side in Side))



# ---- a CDU's complaints register ------------------------------------------------------------


def complaint_figures(cases: Sequence[Complaint],
                      quality: tuple[MeetingQualityFigures, ...]) -> ComplaintFigures:
    """The year's cases (received in the year) in figures; themes, services, channels, delays,
    mediations and outcomes are the complaints', praise is only counted."""
    complaints = [case for case in cases if case.kind is ComplaintKind.COMPLAINT]
    services = Counter(case.service for case in complaints)
    mediated = [case for case in complaints if case.mediation is not Mediation.NONE]
    met = [case for case in mediated if case.days_to_mediation is not None]
    reported = [case for case in mediated if case.days_to_report is not None]
    return ComplaintFigures(
        by_kind=_tally(cases, ComplaintKind, lambda case: case.kind),
        by_theme=_tally(complaints, Theme, lambda case: case.theme),
        by_service=tuple(Tally(service, n) for service, n in sorted(
            services.items(), key=lambda pair: (-pair[1], pair[0] == "", pair[0].casefold()))),
        by_channel=_tally(complaints, Channel, lambda case: case.channel),
        acknowledged=_delay([case.days_to_acknowledge for case in complaints]),
        answered=_delay([case.days_to_answer for case in complaints]),
        mediations=MediationFigures(
            by_kind=_tally(mediated, [m for m in Mediation if m is not Mediation.NONE],
                           lambda case: case.mediation),
            met_in_time=sum(1 for case in met if not case.mediation_late),
            met_late=sum(1 for case in met if case.mediation_late),
            report_in_time=sum(1 for case in reported if not case.report_late),
            report_late=sum(1 for case in reported if case.report_late),
            report_waiting=sum(1 for case in mediated if case.mediation_on is not None
                               and case.mediation_report_on is None)),
        outcomes=_tally(complaints, Outcome, lambda case: case.outcome),
        examined=sum(1 for case in cases if case.examined_in_meeting_id is not None),
        quality=quality)


def _tally(cases: Iterable[Complaint], keys: Iterable[K],
           key_of: Callable[[Complaint], K]) -> tuple[Tally[K], ...]:
    counts = Counter(key_of(case) for case in cases)
    return tuple(Tally(key, counts[key]) for key in keys)


def _delay(days: Iterable[int | None]) -> Delay:
    counted = [n for n in days if n is not None]
    if not counted:
        return Delay(0, None, None)
    return Delay(len(counted), statistics.median(counted), statistics.fmean(counted))
