"""Records and vocabularies of meetings: the poll, its slots, invitees and their votes."""

from dataclasses import dataclass
from datetime import date, datetime

from comite.store.committee_models import Labelled


class MeetingStatus(Labelled):
    DRAFT = "draft"
    POLL = "poll"
    CONVENED = "convened"
    HELD = "held"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"draft": "Brouillon", "poll": "Sondage", "convened": "Convoquée",
                "held": "Tenue", "cancelled": "Annulée"}


class Answer(Labelled):
    YES = "yes"
    IF_NEED_BE = "if_need_be"
    NO = "no"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"yes": "Oui", "if_need_be": "Si nécessaire", "no": "Non"}

    @property
    def can_come(self) -> bool:
        return self is not Answer.NO


NO_ANSWER_LABEL = "Pas de réponse"


class AnswerSource(Labelled):
    PHONE = "phone"
    PAPER = "paper"
    CALENDAR = "calendar"
    FRAMADATE = "framadate"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"phone": "Téléphone", "paper": "Papier (coupon-réponse)",
                "calendar": "Réponse d’agenda", "framadate": "Import Framadate"}


class InviteeSeat(Labelled):
    TITULAR = "titulaire"
    SUBSTITUTE = "suppleant"
    GUEST = "invite"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"titulaire": "Titulaire", "suppleant": "Suppléant(e)", "invite": "Invité(e)"}

    @classmethod
    def _short_labels(cls) -> dict[str, str]:
        return {"titulaire": "Tit.", "suppleant": "Suppl.", "invite": "Inv."}


class PartStat(Labelled):
    """An invitee's answer to the convocation itself (iCalendar PARTSTAT)."""

    NEEDS_ACTION = "NEEDS-ACTION"
    ACCEPTED = "ACCEPTED"
    TENTATIVE = "TENTATIVE"
    DECLINED = "DECLINED"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"NEEDS-ACTION": "En attente", "ACCEPTED": "Accepte",
                "TENTATIVE": "Peut-être", "DECLINED": "Décline"}

    @classmethod
    def _short_labels(cls) -> dict[str, str]:
        # Someone who answered no has sent apologies: « excusé(e) », never « absent », which
        # the minutes keep for whoever did not come without a word.
        return {"NEEDS-ACTION": "attend", "ACCEPTED": "vient", "TENTATIVE": "hésite",
                "DECLINED": "excusé(e)"}


# What a calendar reply to a tentative hold means as a vote.
PARTSTAT_ANSWERS = {"ACCEPTED": Answer.YES, "TENTATIVE": Answer.IF_NEED_BE, "DECLINED": Answer.NO}


class SlotStatus(Labelled):
    PROPOSED = "proposed"
    CHOSEN = "chosen"
    RELEASED = "released"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"proposed": "Proposé", "chosen": "Retenu", "released": "Libéré"}


class ReplyOutcome(Labelled):
    APPLIED = "applied"
    STALE = "stale"
    PENDING = "pending"
    DISMISSED = "dismissed"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"applied": "Prise en compte",
                "stale": "Dépassée : plus ancienne qu’une réponse déjà reçue ou que la dernière "
                         "invitation envoyée",
                "pending": "Expéditeur inconnu (ou adresse partagée) : en attente de votre accord",
                "dismissed": "Écartée"}


@dataclass(frozen=True, slots=True)
class Slot:
    id: int
    uid: str
    meeting_id: int
    starts_at: datetime  # aware, in the meeting's zone
    ends_at: datetime
    place: str
    sequence: int
    status: SlotStatus


@dataclass(frozen=True, slots=True)
class Invitee:
    id: int
    person_id: int
    name: str
    email: str
    phone: str
    seat: InviteeSeat
    seat_key: int | None  # the titular membership whose seat this invitee can fill
    substitute_for_name: str
    required: bool
    partstat: PartStat
    comment: str
    # The recorded sex (people.sex) of the invitee and of the titulaire a suppléant(e) stands
    # for: what « invité(e) », « elle vous préviendra » agree with (profile.Sex.gender).
    sex: str = ""
    substitute_for_sex: str = ""


@dataclass(frozen=True, slots=True)
class Vote:
    invitee_id: int
    slot_id: int
    answer: Answer
    source: AnswerSource
    entered_by: str
    entered_at: str
    comment: str
    # Given before the slot's date or time last changed: kept on record, shown « à redemander »,
    # never counted (seats, quorum, scores). A new answer replaces it.
    to_ask_again: bool = False


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    uid: str
    committee_id: int
    committee_name: str
    title: str
    status: MeetingStatus
    place: str
    video_url: str
    duration_minutes: int
    timezone: str
    description: str
    quorum: int | None
    starts_at: datetime | None  # the chosen slot's start, once convened
    invitees: int
    answered: int
    # Set when the poll opens (a week before the first date, never in the past), or by hand:
    # the day the invitees are asked to answer by.
    reply_by: date | None = None
    address: str = ""  # street, postcode, town; "" for the structure's
    access_notes: str = ""  # floor, bus, parking, access; "" for the structure's
    dial_in: str = ""  # a phone number (and code) to join by phone, beside any video link
    # What the messages say the meeting belongs to, with the articles the names take.
    committee_article: str = "le"
    substitute_rule: str = ""  # the committee's word to its suppléant(e)s; "" for the default
    structure_name: str = ""
    structure_article: str = "le"
    structure_address: str = ""
    structure_city: str = ""
    structure_access_notes: str = ""

    @property
    def full_address(self) -> str:
        """Where to come, on one line: the meeting's own address, else the structure's street
        and town (« 12 rue des Lilas, 69003 Lyon »); "" when neither is known."""
        if self.address.strip():
            return ", ".join(line.strip() for line in self.address.splitlines() if line.strip())
        return ", ".join(self.structure_lines(with_city=True))

    def structure_lines(self, with_city: bool) -> list[str]:
        """The structure's street address, line by line, and its town when `with_city` and the
        address does not already end with it."""
        lines = [line.strip() for line in self.structure_address.splitlines() if line.strip()]
        city = self.structure_city.strip()
        if with_city and city and not any(city.lower() in line.lower() for line in lines):
            lines.append(city)
        return lines

    @property
    def access(self) -> str:
        """How to get in (floor, bus, parking, step-free access): the meeting's notes, else the
        structure's."""
        return self.access_notes.strip() or self.structure_access_notes.strip()


@dataclass(frozen=True, slots=True)
class SlotScore:
    slot: Slot
    yes: int
    if_need_be: int
    no: int
    no_answer: int
    seats_covered: int
    seats: int
    quorum_needed: int
    required_missing: tuple[str, ...]
    required_refused: tuple[str, ...]

    @property
    def quorum_reached(self) -> bool:
        return self.seats_covered >= self.quorum_needed


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    meeting: Meeting
    slots: tuple[Slot, ...]
    invitees: tuple[Invitee, ...]
    votes: tuple[Vote, ...]
    agenda: tuple[str, ...] = ()  # the titles of the ordre du jour, in order

    def vote(self, invitee_id: int, slot_id: int) -> Vote | None:
        for vote in self.votes:
            if vote.invitee_id == invitee_id and vote.slot_id == slot_id:
                return vote
        return None

    def to_ask_again(self, slot_id: int) -> tuple[int, ...]:
        """The invitees (ids, in the invitees' order) whose answer on this slot was given for
        an earlier date or time of it."""
        stale = {vote.invitee_id for vote in self.votes if vote.slot_id == slot_id and vote.to_ask_again}
        return tuple(invitee.id for invitee in self.invitees if invitee.id in stale)

    @property
    def chosen_slot(self) -> Slot | None:
        return next((slot for slot in self.slots if slot.status is SlotStatus.CHOSEN), None)


@dataclass(frozen=True, slots=True)
class ReplyResult:
    outcome: ReplyOutcome
    meeting_id: int
    invitee_name: str


@dataclass(frozen=True, slots=True)
class PendingReply:
    id: int
    meeting_id: int
    meeting_title: str
    slot_id: int | None
    attendee: str
    partstat: str
    comment: str
    received_at: str


@dataclass(frozen=True, slots=True)
class InvitationRecord:
    invitee_id: int
    uid: str
    method: str
    sequence: int
    file_name: str
    written_at: str
    sent_at: str | None


@dataclass(frozen=True, slots=True)
class Cancellation:
    """Someone removed from the meeting after their invitation for `uid` was written: a CANCEL
    to them alone (RFC 5546 §3.2.5), pending until `written_at`, then kept as history."""

    id: int
    person_id: int
    name: str
    email: str
    uid: str
    sequence: int  # the CANCEL's: above every SEQUENCE the person was sent
    file_name: str | None = None
    written_at: str | None = None
    sent_at: str | None = None
    sex: str = ""  # people.sex: « Vous n’êtes plus invitée » agrees with it


@dataclass(frozen=True, slots=True)
class InboxEntry:
    sha256: str
    name: str
    size: int
    outcome: str
    reason: str
    meeting_id: int | None
    received_at: str
    message_id: str = ""  # a message read from the mailbox: its Message-ID
    source: str = "folder"  # 'folder' (the inbox folder) or 'mailbox' (IMAP)
