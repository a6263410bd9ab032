"""Records of a committee's year in figures (`comite.store.year_figures`): what its annual
report, its charts and the « Bilan » page print. Counts only, exact: what is given to others
goes through `comite.store.disclosure` first, as the composition does.

Every tally lists every member of its vocabulary in the vocabulary's order, 0 included, so a
table or a chart never lacks a row."""

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from comite.store.committee_models import CduSeat, CommitteeKind, Function, QuarterCount
from comite.store.complaint_models import (
    Channel,
    ComplaintKind,
    EsatisScore,
    Mediation,
    Outcome,
    Theme,
)
from comite.store.meeting_models import InviteeSeat
from comite.store.minutes_models import (
    CarriedConclusion,
    Conclusion,
    ConclusionKind,
    Participation,
    Side,
)
from comite.store.recruitment_models import Source, Stage, TrainingKind

K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Tally(Generic[K]):
    """How many of one kind: a degree, a stage, a source, a kind of conclusion."""

    key: K
    count: int


def share(part: int, whole: int) -> float | None:
    """`part` out of `whole` as a fraction; None when there was nothing to count (a rate of
    0 % would say something that did not happen)."""
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class MeetingCounts:
    """The year's meetings, each counted once, by its status today. A meeting belongs to the
    year by its chosen date, else (a poll, a draft, a poll cancelled) by one of its proposed
    dates, read in the meeting's own zone."""

    held: int
    convened: int  # convened on a date of the year, not (yet) noted as held
    polled: int  # a poll open on at least one date of the year
    drafts: int  # a draft with a proposed date in the year (sent to nobody yet)
    cancelled: int

    @property
    def planned(self) -> int:
        """Still to be held: convened, or polled (drafts stand apart: nobody was asked)."""
        return self.convened + self.polled


@dataclass(frozen=True, slots=True)
class SideTurns:
    side: Side
    turns: int
    share: float | None  # of all the turns counted; None when nobody's turn was noted


@dataclass(frozen=True, slots=True)
class HeldMeeting:
    """One meeting held in the year, as its séance and minutes noted it."""

    meeting_id: int
    title: str
    held_on: date  # in the meeting's zone
    present: int  # checked in: titulaires, suppléant(e)s and guests alike
    expected: int  # the seats at the table (`quorum.seat_quorum`): each titulaire's seat
    covered: int  # seats covered by their titulaire or a suppléant(e) checked in
    quorum_needed: int
    floor: tuple[SideTurns, ...]  # the turns of speech on each side

    @property
    def quorum_reached(self) -> bool:
        return self.covered >= self.quorum_needed


@dataclass(frozen=True, slots=True)
class Presence(Generic[K]):
    """Over the year's held meetings: how many times people in one seat (titulaire,
    suppléant(e), invité(e)) or on one side were invited, and how many of those times they
    were present (checked in)."""

    key: K
    invited: int
    present: int

    @property
    def rate(self) -> float | None:
        return share(self.present, self.invited)


@dataclass(frozen=True, slots=True)
class ConclusionFigures:
    """Conclusions taken in the year's meetings, by what became of them so far; and every
    conclusion « suite donnée » listed at one of the year's held meetings, whatever year it
    was taken, with how many meetings it had been carried to by the year's last."""

    taken: int
    done: int
    abandoned: int
    open: int  # still open today
    by_kind: tuple[Tally[ConclusionKind], ...]
    carried: tuple[CarriedConclusion, ...]  # most carried first

    def carried_times(self, times: int) -> int:
        """How many were carried exactly `times` times (« reportée ×2 »)."""
        return sum(1 for carried in self.carried if carried.times == times)


@dataclass(frozen=True, slots=True)
class RecruitmentFigures:
    """Candidacies for the committee that moved in the year (`candidate_moves`)."""

    reached: tuple[Tally[Stage], ...]  # distinct candidacies moved to each stage in the year
    sources: tuple[Tally[Source], ...]  # where the candidacies begun in the year came from

    def count(self, stage: Stage) -> int:
        return next(tally.count for tally in self.reached if tally.key is stage)

    @property
    def begun(self) -> int:
        return self.count(Stage.SPOTTED)


@dataclass(frozen=True, slots=True)
class TrainingTally:
    kind: TrainingKind
    sessions: int
    hours: float
    people: int


@dataclass(frozen=True, slots=True)
class TrainingFigures:
    """Trainings held in the year by the committee's members and candidates."""

    by_kind: tuple[TrainingTally, ...]
    people: int  # distinct people trained, whatever the kind

    @property
    def sessions(self) -> int:
        return sum(tally.sessions for tally in self.by_kind)

    @property
    def hours(self) -> float:
        return sum(tally.hours for tally in self.by_kind)


@dataclass(frozen=True, slots=True)
class SeatSide:
    seat: InviteeSeat  # as the member sits at a meeting: titulaire, suppléant(e), invité(e)
    side: Side
    members: int


@dataclass(frozen=True, slots=True)
class Members:
    """The committee's members on `on`, by seat and side (every pair, 0 included)."""

    on: date
    cells: tuple[SeatSide, ...]

    @property
    def total(self) -> int:
        return sum(cell.members for cell in self.cells)

    def by_seat(self, seat: InviteeSeat) -> int:
        return sum(cell.members for cell in self.cells if cell.seat is seat)

    def by_side(self, side: Side) -> int:
        return sum(cell.members for cell in self.cells if cell.side is side)


@dataclass(frozen=True, slots=True)
class CduCategory:
    """A commission des usagers' category of seats (R. 1112-81) and how many sit in it."""

    category: CduSeat
    titulars: int
    substitutes: int


@dataclass(frozen=True, slots=True)
class Presidency:
    """Who holds the présidence or the vice-présidence, and from which category."""

    function: Function
    name: str
    category: CduSeat | None
    elected_on: date | None
    gender: str | None


@dataclass(frozen=True, slots=True)
class CduFigures:
    """What a CDU's annual report says of the commission itself, at the year's end: its seats by
    category (named by law, not characteristics of people), its présidence, what it lacks."""

    categories: tuple[CduCategory, ...]
    presidency: tuple[Presidency, ...]
    gaps: tuple[str, ...]  # French sentences (store.cdu_composition), reminders left out


@dataclass(frozen=True, slots=True)
class Delay:
    """Days from a complaint's receipt to one step (acknowledgement, answer), over the
    complaints of the year that took it; None with none to count."""

    done: int  # how many took the step
    median: float | None
    mean: float | None


@dataclass(frozen=True, slots=True)
class MediationFigures:
    """The year's mediations, and how many kept the eight days of R. 1112-93 (meeting the
    complainant after the referral) and R. 1112-94 (the report after that meeting)."""

    by_kind: tuple[Tally[Mediation], ...]  # every kind but « none »
    met_in_time: int
    met_late: int
    report_in_time: int
    report_late: int
    report_waiting: int  # met, no report date yet

    @property
    def total(self) -> int:
        return sum(tally.count for tally in self.by_kind)


@dataclass(frozen=True, slots=True)
class MeetingQualityFigures:
    """What one held meeting of the year was told of the quality and safety of care."""

    meeting_id: int
    title: str
    held_on: date
    quarter: int
    scores: tuple[EsatisScore, ...]
    adverse_events: int | None  # None: nothing recorded
    actions: str


@dataclass(frozen=True, slots=True)
class ComplaintFigures:
    """A CDU's register over the year, by the day each case was received. Themes, services,
    channels, delays and outcomes are the complaints' (réclamations); praise is counted apart.
    Exact counts: what is printed for others masks small counts per service and theme."""

    by_kind: tuple[Tally[ComplaintKind], ...]
    by_theme: tuple[Tally[Theme], ...]
    by_service: tuple[Tally[str], ...]  # most first, then by name; '' is « non précisé »
    by_channel: tuple[Tally[Channel], ...]
    acknowledged: Delay
    answered: Delay
    mediations: MediationFigures
    outcomes: tuple[Tally[Outcome], ...]
    examined: int  # put on one of the CDU's meetings for examination
    quality: tuple[MeetingQualityFigures, ...]  # the year's held meetings, in date order

    def count(self, kind: ComplaintKind) -> int:
        return next(tally.count for tally in self.by_kind if tally.key is kind)

    @property
    def complaints(self) -> int:
        return self.count(ComplaintKind.COMPLAINT)

    @property
    def praise(self) -> int:
        return self.count(ComplaintKind.PRAISE)

    @property
    def adverse_events(self) -> int:
        return sum(m.adverse_events or 0 for m in self.quality)


@dataclass(frozen=True, slots=True)
class YearFigures:
    committee_id: int
    committee_name: str
    kind: CommitteeKind
    year: int
    meetings: MeetingCounts
    # Held and planned per quarter (`rhythm.year_quarters`): a CDU meets at least once a quarter.
    quarters: tuple[QuarterCount, ...]
    # The quarters (1 to 4) already over without a meeting held.
    quarters_without_meeting: tuple[int, ...]
    held: tuple[HeldMeeting, ...]  # in date order
    by_seat: tuple[Presence[InviteeSeat], ...]
    by_side: tuple[Presence[Side], ...]
    floor: tuple[SideTurns, ...]  # the year's turns of speech, by side
    conclusions: ConclusionFigures
    degrees: tuple[Tally[Participation], ...]  # the items discussed at the year's held meetings
    recruitment: RecruitmentFigures
    trainings: TrainingFigures
    members: Members  # at the end of the year, or today while it runs
    # The recommendations made at the year's meetings, and what became of the previous year's
    # (a CDU's annual report gives both; a comité may make some too), each as it stands today.
    recommendations: tuple[Conclusion, ...] = ()
    earlier_recommendations: tuple[Conclusion, ...] = ()
    cdu: CduFigures | None = None  # a commission des usagers only
    complaints: ComplaintFigures | None = None  # a commission des usagers only

    @property
    def seats_covered(self) -> float | None:
        """The year's seats covered over the seats at the table, all held meetings together."""
        return share(sum(m.covered for m in self.held), sum(m.expected for m in self.held))

    @property
    def turns(self) -> int:
        return sum(side.turns for side in self.floor)
