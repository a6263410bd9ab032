"""Records and closed vocabularies of the store.

Records are frozen: a screen that wants a change asks a service, which returns a new record.
Enum values are what the database holds; `label` is what the coordinator reads.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from comite.kernel.grammar import Gender, gender_of
from comite.kernel.i18n import _


class Labelled(StrEnum):
    """A closed vocabulary whose members carry a French label."""

    @property
    def label(self) -> str:
        return _(self._labels()[self.value])

    @property
    def in_sentence(self) -> str:
        """The label inside a sentence: « Sur papier » → « sur papier » (« PDF » stays)."""
        label = self.label
        return label[:1].lower() + label[1:]

    @property
    def short_label(self) -> str:
        """For narrow columns."""
        return _(self._short_labels().get(self.value) or self._labels()[self.value])

    @classmethod
    def _short_labels(cls) -> dict[str, str]:
        return {}

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(label, value) pairs in declaration order, as a Select widget wants them."""
        return [(member.label, member.value) for member in cls]


class StructureKind(Labelled):
    MSP = "msp"
    ESP = "esp"
    CDS = "cds"
    CPTS = "cpts"
    HOSPITAL = "etablissement"
    ASSOCIATION = "association"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "msp": "Maison de santé pluriprofessionnelle (MSP)",
            "esp": "Équipe de soins primaires (ESP)",
            "cds": "Centre de santé (CDS)",
            "cpts": "Communauté professionnelle territoriale de santé (CPTS)",
            "etablissement": "Établissement de santé",
            "association": "Association",
        }


class CommitteeKind(Labelled):
    USERS_COMMITTEE = "comite_usagers"
    CDU = "cdu"
    WORKING_GROUP = "groupe_travail"
    STEERING = "copil"
    ETP_PROGRAMME = "programme_etp"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "comite_usagers": "Comité des usagers",
            "cdu": "Commission des usagers (CDU)",
            "groupe_travail": "Groupe de travail",
            "copil": "Comité de pilotage (COPIL)",
            "programme_etp": "Programme d’éducation thérapeutique (ETP)",
        }

    @classmethod
    def _short_labels(cls) -> dict[str, str]:
        return {"comite_usagers": "Comité", "cdu": "CDU", "groupe_travail": "Groupe",
                "copil": "COPIL", "programme_etp": "ETP"}


class Role(Labelled):
    USER_REPRESENTATIVE = "user_representative"
    PATIENT_PARTNER = "patient_partner"
    EXPERT_PATIENT = "expert_patient"
    PEER_HELPER = "peer_helper"
    PEER_MEDIATOR = "peer_mediator"
    PROFESSIONAL = "professional"
    COORDINATOR = "coordinator"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "user_representative": "Représentant(e) des usagers (RU)",
            "patient_partner": "Patient(e) ou aidant(e) partenaire",
            "expert_patient": "Patient(e) expert(e) / intervenant(e) ETP",
            "peer_helper": "Pair-aidant(e)",
            "peer_mediator": "Médiateur(rice) de santé pair",
            "professional": "Professionnel(le) de santé",
            "coordinator": "Coordinateur(rice)",
        }

    @classmethod
    def _short_labels(cls) -> dict[str, str]:
        return {
            "user_representative": "RU", "patient_partner": "Patient part.",
            "expert_patient": "Patient expert", "peer_helper": "Pair-aidant",
            "peer_mediator": "Médiateur pair", "professional": "Professionnel",
            "coordinator": "Coordination",
        }


# Who speaks as a user and signs a user's charter (the others count as professionals).
USER_ROLES = (Role.USER_REPRESENTATIVE, Role.PATIENT_PARTNER, Role.EXPERT_PATIENT,
              Role.PEER_HELPER, Role.PEER_MEDIATOR)


class Seat(Labelled):
    TITULAR = "titulaire"
    SUBSTITUTE = "suppleant"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"titulaire": "Titulaire", "suppleant": "Suppléant(e)"}


class Function(Labelled):
    PRESIDENT = "president"
    VICE_PRESIDENT = "vice_president"
    SECRETARY = "secretaire"
    MEMBER = "membre"
    GUEST = "invite"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "president": "Président(e)",
            "vice_president": "Vice-président(e)",
            "secretaire": "Secrétaire",
            "membre": "Membre",
            "invite": "Invité(e)",
        }


# A committee has one président(e) and one vice-président(e) at a time.
PRESIDING = (Function.PRESIDENT, Function.VICE_PRESIDENT)


class CduSeat(Labelled):
    """What a seat of a commission des usagers is, as R. 1112-81 CSP lists them: the members
    the law requires (I, 1° to 3°) and those the règlement intérieur may add (II). Kept apart
    from a person's roles: a « médiateur » here is the establishment's, not a peer mediator."""

    LEGAL_REPRESENTATIVE = "legal_representative"
    MEDIATOR_DOCTOR = "mediator_doctor"
    MEDIATOR_OTHER = "mediator_other"
    USER_REPRESENTATIVE = "user_representative"
    CME = "cme"
    CARE_COMMISSION = "care_commission"
    STAFF = "staff"
    SUPERVISORY_BOARD = "supervisory_board"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "legal_representative": "Représentant(e) légal(e) ou délégué(e)",
            "mediator_doctor": "Médiateur(rice) médecin",
            "mediator_other": "Médiateur(rice) non médecin",
            "user_representative": "Représentant(e) des usagers désigné(e) par l’ARS",
            "cme": "Président(e) de la CME ou représentant(e)",
            "care_commission": "Représentant(e) de la CSIRMT",
            "staff": "Représentant(e) du personnel",
            "supervisory_board": "Représentant(e) du conseil de surveillance",
        }

    @classmethod
    def _short_labels(cls) -> dict[str, str]:
        return {"legal_representative": "Repr. légal", "mediator_doctor": "Médiateur méd.",
                "mediator_other": "Médiateur non méd.", "user_representative": "RU (ARS)",
                "cme": "CME", "care_commission": "CSIRMT", "staff": "Personnel",
                "supervisory_board": "Conseil surv."}

    @property
    def category(self) -> int | None:
        """1, 2 or 3: the law's category (I, 1° to 3°); None for the optional members."""
        return _CDU_CATEGORY.get(self.value)


_CDU_CATEGORY = {"legal_representative": 1, "mediator_doctor": 2, "mediator_other": 2,
                 "user_representative": 3}


@dataclass(frozen=True, slots=True)
class Structure:
    id: int
    uid: str
    name: str
    kind: StructureKind
    city: str
    address: str = ""  # street and postcode, one or more lines; the town is `city`
    phone: str = ""
    email: str = ""
    logo: str = ""  # a file name in the data folder's logos/, "" for none
    coordinator_id: int | None = None  # the person who coordinates it, if one is designated
    # How its name reads in a sentence: « la » MSP, « le » Centre, « l’ »Association
    # (as the coordinator chose, or as the name suggests until then).
    article: str = "le"
    # Who answers questions about personal data (a DPO, or the person in charge): printed in
    # the answer to a right-of-access request; "" means the coordinator answers.
    dpo_contact: str = ""
    # How to find the place and get in: floor, bus line, parking, step-free access; what every
    # invitation says when the meeting itself gives none.
    access_notes: str = ""
    report_due: str = ""  # 'MM-DD': the day each year's report is due; '' when none is set

    @property
    def letterhead(self) -> "Letterhead":
        return Letterhead(name=self.name, address=self.address, city=self.city, phone=self.phone,
                          email=self.email, logo=self.logo)


@dataclass(frozen=True, slots=True)
class Letterhead:
    """What heads every document a structure sends: its name and how to reach it."""

    name: str
    address: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    logo: str = ""  # a file name in the data folder's logos/, "" for none

    @property
    def lines(self) -> tuple[str, ...]:
        """The postal address and the ways to reach the structure, one per line, as printed."""
        address = [line.strip() for line in self.address.splitlines() if line.strip()]
        if self.city and not any(self.city.casefold() in line.casefold() for line in address):
            address.append(self.city)
        reach = " · ".join(filter(None, (self.phone, self.email)))
        return tuple(address) + ((reach,) if reach else ())


@dataclass(frozen=True, slots=True)
class Coordinator:
    """The person designated to coordinate a structure: who organizes its committees' meetings,
    as invitations, letters and e-mails name them."""

    person_id: int | None  # None where the settings stand in (comite.usecases.organizer)
    name: str
    email: str
    phone: str
    role: str = ""  # « coordinatrice de la MSP », from the settings


@dataclass(frozen=True, slots=True)
class Committee:
    id: int
    uid: str
    structure_id: int
    structure_name: str
    name: str
    kind: CommitteeKind
    description: str
    archived: bool
    article: str = "le"  # « la » Commission, « le » Comité (chosen, or as the name suggests)
    structure_article: str = "le"
    # What a suppléant(e) is told about coming (« Venez quand votre titulaire vous prévient »);
    # "" for the default sentence, which names the titulaire.
    substitute_rule: str = ""


@dataclass(frozen=True, slots=True)
class CommitteeSummary:
    committee: Committee
    members: int
    titulars: int
    substitutes: int


@dataclass(frozen=True, slots=True)
class Membership:
    id: int
    committee_id: int
    committee_name: str
    person_id: int
    person_name: str
    seat: Seat
    substitute_for: int | None
    substitute_for_name: str
    function: Function
    mandate_start: date | None
    mandate_end: date | None
    designated_by: str
    cdu_seat: CduSeat | None = None  # a commission des usagers' seat only
    elected_on: date | None = None  # a présidence or vice-présidence: the day of the vote
    act_reference: str = ""  # the act that designated them (an ARS arrêté for a RU)
    act_date: date | None = None
    person_sex: str = ""  # a profile.Sex: « Suppléante », « Président » agree with it

    @property
    def gender(self) -> Gender:
        return gender_of(self.person_sex)


@dataclass(frozen=True, slots=True)
class MandateEnding:
    membership: Membership
    days_left: int


@dataclass(frozen=True, slots=True)
class CduGap:
    """Something a commission des usagers lacks to be composed and presided as the law says,
    or a date coming that asks for an act (`reminder`): one French sentence."""

    text: str
    reminder: bool = False


@dataclass(frozen=True, slots=True)
class QuarterCount:
    """A committee's meetings in one quarter: held, and planned (convened, or still polled
    on a date of the quarter)."""

    name: str  # « 1er trimestre 2027 »
    held: int
    planned: int
    current: bool
