"""Records of recruitment: candidacies and their stages, the team's criteria and opinions,
trainings."""

from dataclasses import dataclass
from datetime import date

from comite.kernel.grammar import Gender, gender_of
from comite.store.committee_models import Labelled, Role


class Stage(Labelled):
    SPOTTED = "spotted"
    CONTACTED = "contacted"
    MET = "met"
    TRAINING = "training"
    CHARTER_SIGNED = "charter_signed"
    ACTIVE = "active"
    NOT_RETAINED = "not_retained"
    LEFT = "left"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "spotted": "Repéré(e)", "contacted": "Contacté(e)", "met": "Rencontré(e)",
            "training": "En formation", "charter_signed": "Charte signée", "active": "Actif(ve)",
            "not_retained": "Non retenu(e)", "left": "Sorti(e)",
        }

    @property
    def closed(self) -> bool:
        """The candidacy is over (not retained, or left after being active)."""
        return self in (Stage.NOT_RETAINED, Stage.LEFT)


# The way forward, in order; the closed stages stand aside.
PIPELINE = (Stage.SPOTTED, Stage.CONTACTED, Stage.MET, Stage.TRAINING, Stage.CHARTER_SIGNED,
            Stage.ACTIVE)


class Source(Labelled):
    WAITING_ROOM = "waiting_room"
    PATIENT_LIST = "patient_list"
    ASSOCIATION = "association"
    SPONTANEOUS = "spontaneous"
    OTHER_STRUCTURE = "other_structure"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "waiting_room": "Affiche en salle d’attente",
            "patient_list": "Sélection dans la patientèle",
            "association": "Association",
            "spontaneous": "Candidature spontanée",
            "other_structure": "Autre structure",
        }


class CriterionKind(Labelled):
    QUALITY = "quality"
    DEAL_BREAKER = "deal_breaker"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"quality": "Qualité recherchée", "deal_breaker": "Rédhibitoire"}


class OpinionKind(Labelled):
    FAVOURABLE = "favourable"
    RESERVED = "reserved"
    UNFAVOURABLE = "unfavourable"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"favourable": "Favorable", "reserved": "Réservé", "unfavourable": "Défavorable"}


class TrainingKind(Labelled):
    RU_BASIC = "ru_basic"
    ETP_40H = "etp_40h"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"ru_basic": "Formation de base des représentants des usagers",
                "etp_40h": "Formation ETP (40 h)", "other": "Autre formation"}


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    person_id: int
    person_name: str
    committee_id: int | None
    committee_name: str
    role: Role
    source: Source
    stage: Stage
    next_step: str
    next_step_on: date | None
    notes: str
    charter_id: int | None
    membership_id: int | None
    stage_since: date
    person_sex: str = ""  # a profile.Sex: « Repérée », « Patiente partenaire » agree with it

    @property
    def gender(self) -> Gender:
        return gender_of(self.person_sex)

    def overdue(self, today: date) -> bool:
        return (not self.stage.closed and self.stage is not Stage.ACTIVE
                and self.next_step_on is not None and self.next_step_on < today)


@dataclass(frozen=True, slots=True)
class StageMove:
    stage: Stage
    on: date


@dataclass(frozen=True, slots=True)
class MoveResult:
    """What a move did besides changing the stage, to be told to the coordinator."""

    candidate: Candidate
    membership_created: bool = False
    membership_removed: bool = False
    charter_linked: bool = False


@dataclass(frozen=True, slots=True)
class Criterion:
    id: int
    committee_id: int
    role: Role | None
    kind: CriterionKind
    text: str


@dataclass(frozen=True, slots=True)
class Check:
    """A criterion as judged for one candidate: met True/False, None while not judged."""

    criterion: Criterion
    met: bool | None


@dataclass(frozen=True, slots=True)
class Opinion:
    id: int
    candidate_id: int
    author_id: int
    author_name: str
    opinion: OpinionKind
    comment: str
    given_on: date


@dataclass(frozen=True, slots=True)
class Training:
    id: int
    person_id: int
    course: str
    kind: TrainingKind
    organisation: str
    hours: float
    held_on: date
    certificate_path: str
    certificate_sha256: str
