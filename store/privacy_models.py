"""Records of privacy: consents per purpose, retention cases, what an erasure leaves to do,
and the composition of a committee in counts."""

from dataclasses import dataclass
from datetime import date

from comite.store.committee_models import Labelled


class Purpose(Labelled):
    CONTACT = "contact"
    MEMBERSHIP = "membership"
    HEALTH = "health"
    PHOTO = "photo"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"contact": "Être contacté(e)", "membership": "Participer au comité",
                "health": "Informations de santé", "photo": "Photo et image"}


class ConsentMethod(Labelled):
    PAPER = "paper"
    ORAL = "oral"
    EMAIL = "email"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"paper": "Sur papier", "oral": "À l’oral", "email": "Par e-mail"}


@dataclass(frozen=True, slots=True)
class ConsentText:
    """The exact sentence shown to the person for one purpose, in one version."""

    purpose: Purpose
    version: str
    text: str


@dataclass(frozen=True, slots=True)
class Consent:
    id: int
    person_id: int
    purpose: Purpose
    version: str
    text: str
    given_on: date
    method: ConsentMethod
    withdrawn_on: date | None

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None


class RetentionReason(Labelled):
    NOT_RETAINED = "not_retained"
    INACTIVE = "inactive"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"not_retained": "Candidature non retenue", "inactive": "Aucune activité"}


@dataclass(frozen=True, slots=True)
class RetentionCase:
    """A person the retention rules bring up: erase (not retained) or review (inactive)."""

    person_id: int
    person_name: str
    reason: RetentionReason
    since: date
    months: int


@dataclass(frozen=True, slots=True)
class RetentionStanding:
    """Where one person stands: held (a seat, a candidacy in progress) or, if not, the reason
    and day the purge queue will bring them up."""

    last_activity: date
    held: bool
    reason: RetentionReason | None
    due_on: date | None
    case: "RetentionCase | None" = None  # when the queue holds them today


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    not_retained_months: int = 24
    inactive_months: int = 36


@dataclass(frozen=True, slots=True)
class Erasure:
    """What the database no longer holds, and the files outside it that were about the person:
    the caller removes those (the store knows nothing of files beyond its own). Kept in the
    erasure journal, row `journal_id`, until the caller says the sweep is done: an erasure
    interrupted in between is finished at the next start."""

    person_id: int
    files: tuple[str, ...]
    charter_uids: tuple[str, ...]
    invitation_files: tuple[str, ...]  # their messages in the outbox: invitations, minutes
    pattern: str  # the regular expression of their mentions, to look through files with
    redacted: int  # values in other records where a mention was replaced
    journal_id: int = 0
    person_uid: str = ""  # what the ledger of erasures, outside the database, keeps of them


@dataclass(frozen=True, slots=True)
class CountCell:
    """One category of a criterion and its exact count: what the coordinator sees. What leaves
    her screen goes through `comite.store.disclosure` first."""

    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Composition:
    """A committee's members counted by role, age band, sex, territory and lived experience."""

    committee_id: int
    members: int
    by: tuple[tuple[str, tuple[CountCell, ...]], ...]
    on: date


@dataclass(frozen=True, slots=True)
class ShownCell:
    """A category as published: its count (« 12 », « 0 ») or a mark (« < 5 », « n.d. »)."""

    label: str
    shown: str


@dataclass(frozen=True, slots=True)
class ShownCriterion:
    """A criterion as published; `withheld`: no category is given at all, only « n.d. »."""

    title: str
    cells: tuple[ShownCell, ...]
    withheld: bool = False


@dataclass(frozen=True, slots=True)
class ShownComposition:
    """A committee's composition as it may be exported or printed for others."""

    committee_id: int
    members: str  # « 12 », or « < 5 » for a committee of fewer than five
    by: tuple[ShownCriterion, ...]
    on: date
