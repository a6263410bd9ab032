"""The example's complaints register: a dozen complaints and three praises received by the
example's commission des usagers over the current year and the previous one, three mediations
(one report late), cases put on the meeting that examined them; the e-Satis scores and serious
adverse events presented at each of its held meetings. Invented and deterministic: dates count
back from `today`, references follow the received year, summaries name nobody."""

from dataclasses import dataclass
from datetime import date, timedelta

from comite.store import Store
from comite.store.committee_models import CommitteeKind
from comite.store.complaint_models import (
    Channel,
    ComplaintKind,
    EsatisScope,
    Mediation,
    Outcome,
    Theme,
)
from comite.store.complaints import ComplaintInput
from comite.store.meeting_models import MeetingStatus

# A case goes to the first meeting held at least two weeks after it was received, if one was
# held within four months.
TO_EXAMINE = (timedelta(days=14), timedelta(days=120))


@dataclass(frozen=True, slots=True)
class _Case:
    """Days before `today` it was received; the other steps in days after the receipt."""

    ago: int
    kind: ComplaintKind
    channel: Channel
    theme: Theme
    service: str
    acknowledged: int | None
    answered: int | None
    outcome: Outcome
    summary: str
    mediation: Mediation = Mediation.NONE
    referred: int | None = None
    met: int | None = None
    reported: int | None = None


C, P = ComplaintKind.COMPLAINT, ComplaintKind.PRAISE
CASES = (
    _Case(640, C, Channel.LETTER, Theme.WAITING, "Urgences", 4, 26, Outcome.EXPLAINED,
          "Attente de 7 h aux urgences un soir de week-end, sans information sur le délai."),
    _Case(590, C, Channel.EMAIL, Theme.BILLING, "Chirurgie ambulatoire", 2, 18,
          Outcome.MEASURE_TAKEN, "Dépassement d’honoraires annoncé après l’intervention."),
    _Case(530, P, Channel.LETTER, Theme.NURSING_CARE, "Maternité", None, None, Outcome.OPEN,
          "Remerciements à l’équipe de nuit pour son écoute après l’accouchement."),
    _Case(480, C, Channel.ONLINE, Theme.HOTEL, "Médecine polyvalente", 3, 21,
          Outcome.MEASURE_TAKEN, "Chambre double bruyante, repas servis froids."),
    _Case(430, C, Channel.LETTER, Theme.MEDICAL_CARE, "Urgences", 2, 44, Outcome.EXPLAINED,
          "Fracture non vue au premier passage, diagnostiquée trois jours plus tard.",
          Mediation.MEDICAL, 5, 11, 16),
    _Case(370, C, Channel.PHONE, Theme.RECORDS, "Médecine polyvalente", 1, 9, Outcome.EXPLAINED,
          "Demande de copie du dossier restée sans suite pendant un mois."),
    _Case(330, C, Channel.EMAIL, Theme.INFORMATION, "Maternité", 5, 30, Outcome.EXPLAINED,
          "Information insuffisante sur la sortie précoce et le suivi à domicile."),
    _Case(290, C, Channel.IN_PERSON, Theme.BEHAVIOUR, "Urgences", 2, 35, Outcome.MEASURE_TAKEN,
          "Propos jugés déplacés à l’accueil des urgences ; proche non écouté.",
          Mediation.NON_MEDICAL, 4, 10, 24),  # report 14 days after the meeting: late
    _Case(240, P, Channel.ONLINE, Theme.WAITING, "Chirurgie ambulatoire", None, None,
          Outcome.OPEN, "Parcours ambulatoire bien organisé, horaires tenus."),
    _Case(200, C, Channel.LETTER, Theme.BELONGINGS, "Médecine polyvalente", 3, 40,
          Outcome.COMPENSATION, "Prothèse auditive perdue lors d’un changement de chambre."),
    _Case(160, C, Channel.EMAIL, Theme.DISCHARGE, "Chirurgie ambulatoire", 2, 15,
          Outcome.EXPLAINED, "Sortie le soir sans ordonnance de sortie remise."),
    _Case(110, C, Channel.LETTER, Theme.RIGHTS, "Maternité", 4, 28, Outcome.MEASURE_TAKEN,
          "Intimité non respectée lors des soins en chambre double.",
          Mediation.BOTH, 6, 12, 18),
    _Case(75, P, Channel.LETTER, Theme.BEHAVIOUR, "Urgences", None, None, Outcome.OPEN,
          "Merci au personnel des urgences pour sa disponibilité une nuit d’affluence."),
    _Case(40, C, Channel.ONLINE, Theme.WAITING, "Urgences", 3, None, Outcome.OPEN,
          "Attente de 5 h aux urgences avec un enfant fiévreux."),
    _Case(12, C, Channel.PHONE, Theme.NURSING_CARE, "Médecine polyvalente", None, None,
          Outcome.OPEN, "Sonnette sans réponse la nuit pendant plusieurs minutes."),
)

# Per held meeting, in date order: e-Satis MCO +48 h, ambulatory surgery; serious adverse
# events presented and what was done.
QUALITY = (
    (72.0, 76.5, 1, "Chute d’un patient âgé : protocole de prévention des chutes revu."),
    (73.5, 77.0, 0, ""),
    (71.0, 78.5, 2, "Erreur d’identité au bloc et retard de prise en charge : revue de morbidité "
                    "et de mortalité, check-list renforcée."),
    (74.0, 79.0, 1, "Infection du site opératoire : audit d’hygiène du service."),
)


def _day(received: date, after: int | None) -> date | None:
    return None if after is None else received + timedelta(days=after)


def fill_complaints(store: Store, today: date) -> int:
    """The register of the example's CDU (its first commission des usagers); how many cases
    were added (0 without a CDU)."""
    cdu = next((s.committee for s in store.committees.all()
                if s.committee.kind is CommitteeKind.CDU), None)
    if cdu is None:
        return 0
    held = sorted((m for m in store.meetings.all(cdu.id, (MeetingStatus.HELD,)) if m.starts_at),
                  key=lambda m: m.starts_at)
    numbers: dict[int, int] = {}
    with store.transaction():
        for case in CASES:
            received = today - timedelta(days=case.ago)
            numbers[received.year] = numbers.get(received.year, 0) + 1
            prefix = "REC" if case.kind is C else "ELO"
            examined = next((m.id for m in held if received + TO_EXAMINE[0]
                             <= m.starts_at.date() <= received + TO_EXAMINE[1]), None)
            store.complaints.add(cdu.id, ComplaintInput(
                reference=f"{prefix}-{received.year}-{numbers[received.year]:03d}",
                received_on=received, channel=case.channel, theme=case.theme, kind=case.kind,
                service=case.service, mediation=case.mediation,
                referred_on=_day(received, case.referred), mediation_on=_day(received, case.met),
                mediation_report_on=_day(received, case.reported),
                acknowledged_on=_day(received, case.acknowledged),
                answered_on=_day(received, case.answered), outcome=case.outcome,
                summary=case.summary,
                examined_in_meeting_id=examined if case.kind is C else None), today)
        for meeting, (mco, ambulatory, events, actions) in zip(held[-len(QUALITY):], QUALITY,
                                                                strict=False):
            store.complaints.set_quality(
                meeting.id, {EsatisScope.MCO_48H.value: mco,
                             EsatisScope.MCO_AMBULATORY.value: ambulatory}, events, actions)
    return len(CASES)
