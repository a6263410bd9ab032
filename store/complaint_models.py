"""Records of a commission des usagers' complaints register (`comite.store.complaints`): the
cases as the establishment files them (by its own reference, never by a patient's name), the
e-Satis scores and the serious adverse events (EIG) presented at each of its meetings."""

from dataclasses import dataclass
from datetime import date

from comite.store.committee_models import Labelled

# R. 1112-93: the médiateur meets the complainant within eight days of being referred to;
# R. 1112-94: sends the report within eight days of that meeting.
MEDIATION_DAYS = 8


class ComplaintKind(Labelled):
    COMPLAINT = "complaint"
    PRAISE = "praise"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"complaint": "Réclamation", "praise": "Éloge"}


class Channel(Labelled):
    LETTER = "letter"
    EMAIL = "email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    ONLINE = "online"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"letter": "Courrier", "email": "Courriel", "phone": "Téléphone",
                "in_person": "Sur place", "online": "Formulaire en ligne", "other": "Autre"}


class Theme(Labelled):
    """The fixed list of the table's CHECK, in its order."""

    MEDICAL_CARE = "medical_care"
    NURSING_CARE = "nursing_care"
    INFORMATION = "information"
    WAITING = "waiting"
    RIGHTS = "rights"
    RECORDS = "records"
    BILLING = "billing"
    HOTEL = "hotel"
    BELONGINGS = "belongings"
    DISCHARGE = "discharge"
    BEHAVIOUR = "behaviour"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "medical_care": "Prise en charge médicale",
            "nursing_care": "Soins et prise en charge paramédicale",
            "information": "Information du patient et de ses proches",
            "waiting": "Accueil, attente, délais",
            "rights": "Respect des droits (dignité, intimité, confidentialité)",
            "records": "Accès au dossier médical",
            "billing": "Facturation, frais",
            "hotel": "Hôtellerie, restauration, locaux",
            "belongings": "Perte ou vol d’effets personnels",
            "discharge": "Sortie, transfert, organisation",
            "behaviour": "Relations avec les professionnels",
            "other": "Autre",
        }

    @classmethod
    def _short_labels(cls) -> dict[str, str]:
        return {"medical_care": "Médical", "nursing_care": "Soins", "information": "Information",
                "waiting": "Accueil, attente", "rights": "Droits", "records": "Dossier",
                "billing": "Facturation", "hotel": "Hôtellerie", "belongings": "Effets perdus",
                "discharge": "Sortie", "behaviour": "Relations", "other": "Autre"}


class Mediation(Labelled):
    NONE = "none"
    MEDICAL = "medical"
    NON_MEDICAL = "non_medical"
    BOTH = "both"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"none": "Aucune", "medical": "Médicale", "non_medical": "Non médicale",
                "both": "Les deux"}


class Outcome(Labelled):
    OPEN = "open"
    EXPLAINED = "explained"
    MEASURE_TAKEN = "measure_taken"
    COMPENSATION = "compensation"
    LITIGATION = "litigation"
    WITHDRAWN = "withdrawn"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"open": "En cours", "explained": "Explications données",
                "measure_taken": "Mesure prise", "compensation": "Geste ou indemnisation",
                "litigation": "Recours contentieux", "withdrawn": "Retirée ou classée"}


class EsatisScope(Labelled):
    MCO_48H = "mco_48h"
    MCO_AMBULATORY = "mco_ambulatory"
    SMR = "smr"
    HAD = "had"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"mco_48h": "MCO +48 h", "mco_ambulatory": "Chirurgie ambulatoire", "smr": "SMR",
                "had": "HAD"}


def days_between(start: date | None, end: date | None) -> int | None:
    return (end - start).days if start and end else None


@dataclass(frozen=True, slots=True)
class Complaint:
    id: int
    committee_id: int
    reference: str
    kind: ComplaintKind
    received_on: date
    channel: Channel
    theme: Theme
    service: str
    mediation: Mediation
    referred_on: date | None
    mediation_on: date | None
    mediation_report_on: date | None
    acknowledged_on: date | None
    answered_on: date | None
    outcome: Outcome
    summary: str
    examined_in_meeting_id: int | None

    @property
    def days_to_acknowledge(self) -> int | None:
        return days_between(self.received_on, self.acknowledged_on)

    @property
    def days_to_answer(self) -> int | None:
        return days_between(self.received_on, self.answered_on)

    @property
    def days_to_mediation(self) -> int | None:
        """From the médiateur's referral to the meeting with the complainant (R. 1112-93)."""
        return days_between(self.referred_on, self.mediation_on)

    @property
    def days_to_report(self) -> int | None:
        """From that meeting to the médiateur's report (R. 1112-94)."""
        return days_between(self.mediation_on, self.mediation_report_on)

    @property
    def mediation_late(self) -> bool:
        return (self.days_to_mediation or 0) > MEDIATION_DAYS

    @property
    def report_late(self) -> bool:
        return (self.days_to_report or 0) > MEDIATION_DAYS


@dataclass(frozen=True, slots=True)
class EsatisScore:
    scope: EsatisScope
    score: float


@dataclass(frozen=True, slots=True)
class MeetingQuality:
    """What a CDU meeting was told of the quality and safety of care: the e-Satis scores of
    the quarter (those recorded) and the serious adverse events (None: nothing recorded)."""

    meeting_id: int
    scores: tuple[EsatisScore, ...]
    adverse_events: int | None
    actions: str

    def score(self, scope: EsatisScope) -> float | None:
        return next((s.score for s in self.scores if s.scope is scope), None)
