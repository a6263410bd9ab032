"""Records and vocabularies of what happens in a meeting: agenda, attendance, minutes,
conclusions and the live séance."""

from dataclasses import dataclass
from datetime import date, datetime

from comite.kernel.grammar import Gender
from comite.kernel.i18n import _
from comite.store.committee_models import USER_ROLES as USER_ROLES
from comite.store.committee_models import Labelled
from comite.store.meeting_models import InviteeSeat, Meeting, PartStat


class Purpose(Labelled):
    INFORMATION = "information"
    CONSULTATION = "consultation"
    DECISION = "decision"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"information": "Information", "consultation": "Consultation",
                "decision": "Décision"}


class Participation(Labelled):
    """The degree of the users' participation (DOMAIN.md: the continuum of every seed)."""

    INFORMATION = "information"
    CONSULTATION = "consultation"
    COLLABORATION = "collaboration"
    PARTNERSHIP = "partenariat"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"information": "Information", "consultation": "Consultation",
                "collaboration": "Collaboration", "partenariat": "Partenariat"}


class ItemKind(Labelled):
    TOPIC = "topic"
    ADOPTION = "adoption"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"topic": "Point", "adoption": "Adoption du compte rendu précédent"}


class Outcome(Labelled):
    """What came of an agenda item at the séance, as the minutes say it; UNSAID until the
    coordinator says it (the minutes then print no outcome rather than a guess)."""

    UNSAID = ""
    ADOPTED = "adopted"
    NOT_ADOPTED = "not_adopted"
    DECIDED = "decided"
    INFORMED = "informed"
    CONSULTED = "consulted"
    POSTPONED = "postponed"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"": "Pas encore dit", "adopted": "Adopté", "not_adopted": "Non adopté",
                "decided": "Décision prise", "informed": "Information donnée",
                "consulted": "Avis recueilli", "postponed": "Reporté"}


# What an adoption of the minutes can come to: the text is adopted, or not, or its vote waits.
ADOPTION_OUTCOMES = (Outcome.ADOPTED, Outcome.NOT_ADOPTED, Outcome.POSTPONED)


class AttendanceStatus(Labelled):
    """Where someone stands at a meeting. The first four are written (`invitees.attendance`):
    present means checked in; « represented » is a pouvoir, given explicitly to someone. The
    others are read, never written: a titulaire whose suppléant(e) sits in their seat is
    « suppléé(e) »; before anyone is checked in, the convocation's answer says « annoncé(e) »,
    « excusé(e) » or « sans réponse »."""

    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"
    REPRESENTED = "represented"
    SUBSTITUTED = "substituted"
    ANNOUNCED = "announced"
    NO_ANSWER = "no_answer"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"present": "Présent(e)", "excused": "Excusé(e)", "absent": "Absent(e)",
                "represented": "A donné pouvoir", "substituted": "Suppléé(e)",
                "announced": "Annoncé(e)", "no_answer": "Sans réponse"}


# What the coordinator can write; the others follow from it (see AttendanceStatus).
WRITTEN_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT,
                    AttendanceStatus.REPRESENTED)


class MinutesStatus(Labelled):
    DRAFT = "draft"
    CIRCULATED = "circulated"
    ADOPTED = "adopted"
    SIGNED = "signed"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"draft": "Brouillon", "circulated": "Diffusé pour remarques",
                "adopted": "Adopté", "signed": "Signé"}


class ConclusionKind(Labelled):
    """A decision, an action to carry out, or — a CDU's legal output — a recommendation to
    the establishment, followed up like an action."""

    DECISION = "decision"
    ACTION = "action"
    RECOMMENDATION = "recommendation"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"decision": "Décision", "action": "Action", "recommendation": "Recommandation"}


class ConclusionStatus(Labelled):
    OPEN = "open"
    DONE = "done"
    ABANDONED = "abandoned"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"open": "Ouverte", "done": "Faite", "abandoned": "Abandonnée"}


class Side(Labelled):
    """On whose side someone speaks, from their roles: the users (RU, patients partenaires…),
    the professionals (the structure's, the coordination), or others (a guest with no role:
    an elected official, a partner association)."""

    USERS = "users"
    PROFESSIONALS = "professionals"
    OTHERS = "others"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"users": "Usagers", "professionals": "Professionnels", "others": "Autres"}


COMMITTEE_OWNER = "le comité"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    id: int
    meeting_id: int
    position: int  # 1, 2, 3… as printed
    kind: ItemKind
    title: str
    presenter: str
    duration_minutes: int
    purpose: Purpose
    participation: Participation
    notes: str
    confidential_notes: str
    adopts_meeting_id: int | None
    spent_seconds: int
    easy_title: str = ""  # the plain title of the easy-to-read copy; '' = derived from the title
    outcome: Outcome = Outcome.UNSAID


@dataclass(frozen=True, slots=True)
class Conclusion:
    id: int
    uid: str
    meeting_id: int  # the meeting that opened it
    meeting_title: str
    meeting_date: datetime | None  # that meeting's start, in its zone
    item_id: int | None
    item_title: str
    kind: ConclusionKind
    text: str
    owner_id: int | None  # None: a service named in `owner_text`, or the committee as a whole
    owner_name: str
    due_on: date | None
    status: ConclusionStatus
    closed_reason: str
    closed_at: str | None
    closed_in_meeting_id: int | None
    owner_text: str = ""  # a service or a person outside the base, named in words

    def overdue(self, today: date) -> bool:
        return self.status is ConclusionStatus.OPEN and self.due_on is not None and self.due_on < today


@dataclass(frozen=True, slots=True)
class CarriedConclusion:
    """A conclusion as it shows under « Suite donnée aux conclusions précédentes »."""

    conclusion: Conclusion
    times: int  # how many meetings it has been carried to, this one included

    @property
    def label(self) -> str:
        return _("reportée ×{n}").format(n=self.times)


@dataclass(frozen=True, slots=True)
class Agenda:
    meeting: Meeting
    items: tuple[AgendaItem, ...]
    carried: tuple[CarriedConclusion, ...]

    @property
    def total_minutes(self) -> int:
        return sum(item.duration_minutes for item in self.items)

    @property
    def overrun_minutes(self) -> int:
        """Minutes planned beyond the meeting's length (0 when it fits)."""
        return max(0, self.total_minutes - self.meeting.duration_minutes)


@dataclass(frozen=True, slots=True)
class Attendee:
    invitee_id: int
    person_id: int
    name: str
    seat: InviteeSeat
    seat_key: int | None
    substitute_for_name: str
    side: Side
    status: AttendanceStatus
    confirmed: bool  # False: read from the convocation's answer, nothing noted yet
    represented_by_id: int | None  # who holds their pouvoir, or sits in their seat
    represented_by_name: str
    arrived_at: datetime | None
    answer: PartStat = PartStat.NEEDS_ACTION  # their answer to the convocation
    left_at: datetime | None = None
    gender: Gender = None  # from their recorded sex: « Présente », « Excusé »; None keeps « (e) »

    @property
    def present(self) -> bool:
        """Checked in: the only way to be present (an answer « oui » is only announced)."""
        return self.status is AttendanceStatus.PRESENT


@dataclass(frozen=True, slots=True)
class Quorum:
    seats: int
    covered: int
    needed: int

    @property
    def reached(self) -> bool:
        return self.covered >= self.needed


@dataclass(frozen=True, slots=True)
class Signature:
    signer: str
    capacity: str  # « Président(e) », « Secrétaire de séance »…
    signed_on: date
    voided_at: str | None


@dataclass(frozen=True, slots=True)
class MinutesState:
    meeting_id: int
    status: MinutesStatus
    remarks_until: date | None
    adopted_in_meeting_id: int | None
    adopted_in_title: str
    signatures: tuple[Signature, ...]  # the valid ones
    voided_at: str | None  # when signatures were last voided by an edit

    @property
    def locked(self) -> bool:
        return self.status is MinutesStatus.SIGNED


@dataclass(frozen=True, slots=True)
class FloorCount:
    """How many times one invitee took the floor on one agenda item."""

    item_id: int
    invitee_id: int
    name: str
    side: Side
    turns: int


@dataclass(frozen=True, slots=True)
class Sitting:
    meeting_id: int
    current_item_id: int | None
    item_started_at: datetime | None
    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class MinutesDocument:
    """Everything the minutes print, read in one go."""

    meeting: Meeting
    structure_name: str
    committee_kind: str
    starts_at: datetime | None
    state: MinutesState
    attendees: tuple[Attendee, ...]
    quorum: Quorum
    items: tuple[AgendaItem, ...]
    conclusions: tuple[Conclusion, ...]  # taken in this meeting, in item order
    carried: tuple[CarriedConclusion, ...]
    floor: tuple[FloorCount, ...]
    ended_at: datetime | None = None  # the séance's recorded end, in the meeting's zone
    next_meeting: datetime | None = None  # the committee's next meeting, once its date is chosen

    @property
    def adopted(self) -> bool:
        """Adopted by the committee (then signed): the one record of it is the minutes' own
        status, set when the coordinator notes the adoption (`MinutesService.adopt`)."""
        return self.state.status in (MinutesStatus.ADOPTED, MinutesStatus.SIGNED)

    def conclusions_of(self, item_id: int) -> tuple[Conclusion, ...]:
        return tuple(c for c in self.conclusions if c.item_id == item_id)


@dataclass(frozen=True, slots=True)
class StaleMinutes:
    meeting: Meeting
    held_on: date
    days: int


@dataclass(frozen=True, slots=True)
class QuarterWithoutMeeting:
    committee_id: int
    committee_name: str
    quarter: str  # « 3e trimestre 2026 »
    last_held: date | None


class Channel(Labelled):
    """How the minutes reach a member: by e-mail, or on paper when they have no address."""

    EMAIL = "email"
    PAPER = "paper"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"email": "E-mail", "paper": "Courrier"}


@dataclass(frozen=True, slots=True)
class MinutesRecipient:
    """Someone the minutes are sent to (`store.minutes_mail.recipients`)."""

    person_id: int
    name: str
    email: str
    easy_read: bool  # sent the easy-to-read version as well

    @property
    def channel(self) -> Channel:
        return Channel.EMAIL if self.email.strip() else Channel.PAPER


@dataclass(frozen=True, slots=True)
class MinutesMessage:
    """The minutes written to one person for one status: an .eml in the outbox, or their part
    of a batch of letters to print (`file_name` is then the batch's)."""

    person_id: int
    status: MinutesStatus
    channel: Channel
    file_name: str
    written_at: str  # ISO 8601 UTC
    sent_at: str | None  # a letter counts as given once written for printing
