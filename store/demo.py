"""A realistic, entirely invented French example: an MSP comité des usagers and a hospital CDU.

Names are drawn from common French first and last names; e-mails use the reserved
example.org domain and phone numbers the ranges ARCEP keeps for fiction (01 99 00…, 06 39 98…).
"""

import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from comite.kernel.clock import new_uid, utc_now_iso
from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.store import Store
from comite.store.audit import record
from comite.store.committee_models import (
    PRESIDING,
    USER_ROLES,
    CduSeat,
    CommitteeKind,
    Function,
    Role,
    Seat,
    StructureKind,
)
from comite.store.conclusions import ConclusionInput
from comite.store.errors import Refused
from comite.store.meeting_models import Answer, AnswerSource, Invitee, InviteeSeat
from comite.store.meetings import MeetingInput
from comite.store.memberships import MembershipInput
from comite.store.minutes import quarter_of
from comite.store.minutes_models import AttendanceStatus, Attendee, ConclusionKind, ConclusionStatus
from comite.store.people import PersonInput
from comite.store.validation import sort_key

Seated = TypeVar("Seated", Invitee, Attendee)

FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Jeanne", "Louise", "Alice", "Juliette",
    "Hélène", "Nathalie", "Sylvie", "Isabelle", "Martine", "Françoise", "Monique", "Nadia",
    "Fatou", "Aïcha", "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Nathan", "Léo",
    "Thomas", "Nicolas", "Julien", "Éric", "Pascal", "Michel", "Bernard", "Alain", "Karim",
    "Mehdi", "Moussa", "Yannick", "Gérard", "Joëlle", "Maël", "Noémie", "Océane", "Zoé",
)
# The sex the example's people are recorded with follows their first name (« Camille » is
# either: drawn at random).
_WOMEN = frozenset(FIRST_NAMES[1:20]) | {"Joëlle", "Noémie", "Océane", "Zoé"}
_MEN = frozenset(FIRST_NAMES[20:41]) | {"Maël"}
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
    "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément",
    "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Benali",
    "Diallo", "Nguyen", "Le Gall", "Kervella", "Ferreira", "Haddad", "Traoré", "Da Silva",
)
PROFESSIONS = (
    "Médecin généraliste", "Infirmier(e)", "Pharmacien(ne)", "Kinésithérapeute",
    "Sage-femme", "Orthophoniste", "Diététicien(ne)", "Psychologue", "Podologue",
)
ASSOCIATIONS = (
    "France Assos Santé", "UFC-Que Choisir", "Familles Rurales", "UNAFAM", "AFD (diabétiques)",
    "Ligue contre le cancer", "France Rein", "APF France handicap", "UDAF",
)
TOWNS = (
    "Valmont-sur-Loire", "Saint-Aubin-des-Prés", "Les Tilleuls", "Montclar", "Beaurivage",
    "Villeneuve-la-Forêt", "Sainte-Colombe", "Pont-de-l’Aire", "Rochebrune", "Lanvéoc-Plage",
)
DESIGNATED_BY_ARS = "ARS, arrêté du directeur général"


@dataclass(frozen=True, slots=True)
class DemoSummary:
    structures: int
    committees: int
    people: int
    memberships: int


def _email(first: str, last: str, n: int) -> str:
    local = sort_key(last, first).replace(" ", ".").replace("'", "").replace("’", "")
    return f"{local}.{n}@example.org"


def _mobile(n: int) -> str:
    return f"06 39 98 {n // 100 % 100:02d} {n % 100:02d}"


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._seen: set[tuple[str, str]] = set()

    def __iter__(self) -> Iterator[tuple[str, str]]:
        while True:
            pair = (self._rng.choice(FIRST_NAMES), self._rng.choice(LAST_NAMES))
            if pair not in self._seen or len(self._seen) > len(FIRST_NAMES) * len(LAST_NAMES) // 2:
                self._seen.add(pair)
                yield pair


def fill_small(store: Store, today: date, seed: int = 7) -> DemoSummary:
    """~40 people, one MSP comité des usagers, one hospital CDU, a working group; all of it
    in one transaction, so an interrupted fill leaves the database empty."""
    _require_empty(store)
    with store.db.write():
        _fill_small(store, today, seed)
    return _summary(store)


def _fill_small(store: Store, today: date, seed: int) -> None:
    rng = random.Random(seed)
    names = iter(_Names(rng))
    counter = iter(range(1, 10_000))

    # Its own generator: the profiles must not change the names the first one draws.
    profiles = random.Random(seed + 1)

    def person(roles: tuple[Role, ...], profession: str = "", association: str = "",
               with_email: bool = True, note: str = "") -> int:
        first, last = next(names)
        n = next(counter)
        return store.people.create(PersonInput(
            last_name=last, first_name=first, email=_email(first, last, n) if with_email else "",
            phone=_mobile(n), profession=profession, association=association, roles=roles,
            note=note, **_profile(profiles, today, roles, first),
        )).id

    def seat(committee: int, who: int, function: Function = Function.MEMBER,
             titular: int | None = None, years_left: float = 2.0, designated: str = "",
             cdu: CduSeat | None = None, act: str = "") -> int:
        end = today + timedelta(days=round(365 * years_left))
        start = end - timedelta(days=3 * 365)
        return store.memberships.add(committee, who, MembershipInput(
            seat=Seat.SUBSTITUTE if titular else Seat.TITULAR, function=function,
            substitute_for=titular, mandate_start=start, mandate_end=end, designated_by=designated,
            cdu_seat=cdu, act_reference=act, act_date=start - timedelta(days=10) if act else None,
            elected_on=today - timedelta(days=200) if function in PRESIDING else None,
        )).id

    # The MSP's coordinator organizes its meetings; the hospital has none designated (its
    # invitations name the coordinator of the settings).
    coordinator = person((Role.COORDINATOR,), "Coordinatrice de la MSP")
    # Numbers from the ranges ARCEP keeps for fiction (04 65 71 …), addresses of no one.
    msp = store.structures.create(
        "MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire",
        address="12 rue des Tilleuls\n42990 Valmont-sur-Loire", phone="04 65 71 20 10",
        email="accueil@msp-tilleuls.example.org", coordinator_id=coordinator)
    hospital = store.structures.create(
        "Centre hospitalier de Valmont", StructureKind.HOSPITAL, "Valmont-sur-Loire",
        address="Service des relations avec les usagers\n1 avenue de l’Hôpital\n"
                "42990 Valmont-sur-Loire", phone="04 65 71 30 00",
        email="relations.usagers@ch-valmont.example.org")
    comite = store.committees.create(
        msp.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE,
        "Se réunit chaque trimestre, en fin de journée, dans la salle de réunion de la MSP.",
    )
    cdu = store.committees.create(
        hospital.id, "Commission des usagers (CDU)", CommitteeKind.CDU,
        "Réunion au moins trimestrielle ; rapport annuel transmis à l’ARS.",
    )
    group = store.committees.create(
        msp.id, "Groupe de travail « accueil en salle d’attente »", CommitteeKind.WORKING_GROUP
    )

    seat(comite.id, coordinator, Function.SECRETARY, years_left=2.5, designated="Équipe de la MSP")
    doctor = person((Role.PROFESSIONAL,), "Médecin généraliste")
    seat(comite.id, doctor, Function.PRESIDENT, years_left=1.2, designated="Équipe de la MSP")
    nurse = person((Role.PROFESSIONAL,), "Infirmier(e)")
    seat(comite.id, nurse, years_left=1.2, designated="Équipe de la MSP")
    for index in range(4):
        partner = person((Role.PATIENT_PARTNER,), with_email=index != 3)
        titular = seat(comite.id, partner, Function.VICE_PRESIDENT if index == 0 else Function.MEMBER,
                       years_left=0.15 if index == 1 else 1.5, designated="Comité des usagers")
        if index < 2:
            seat(comite.id, person((Role.PATIENT_PARTNER,)), titular=titular,
                 years_left=0.15 if index == 1 else 1.5, designated="Comité des usagers")
    mediator = person((Role.PEER_MEDIATOR,), "Médiatrice de santé pair")
    seat(comite.id, mediator, years_left=0.9)
    ru_msp = person((Role.USER_REPRESENTATIVE,), association="France Assos Santé")
    seat(comite.id, ru_msp, years_left=0.2, designated="France Assos Santé")
    seat(group.id, coordinator, Function.SECRETARY)
    seat(group.id, nurse)
    seat(group.id, person((Role.PATIENT_PARTNER, Role.PEER_HELPER)))

    # The CDU as R. 1112-81 composes it: the director (vice-président), two RU designated by
    # the ARS (one président, her mandate ending soon), two médiateurs, and two optional seats.
    director = person((Role.PROFESSIONAL,), "Directeur(rice) de l’établissement")
    seat(cdu.id, director, Function.VICE_PRESIDENT, years_left=2, designated="Direction",
         cdu=CduSeat.LEGAL_REPRESENTATIVE)
    for index, association in enumerate(("UNAFAM", "Ligue contre le cancer")):
        ru = person((Role.USER_REPRESENTATIVE,), association=association)
        act = f"Arrêté ARS n° {2024 + index}-{117 + index}"
        titular = seat(cdu.id, ru, Function.PRESIDENT if index == 0 else Function.MEMBER,
                       years_left=0.12 if index == 0 else 2.1, designated=DESIGNATED_BY_ARS,
                       cdu=CduSeat.USER_REPRESENTATIVE, act=act)
        substitute = person((Role.USER_REPRESENTATIVE,), association=association,
                            with_email=index == 0)
        seat(cdu.id, substitute, titular=titular, years_left=0.12 if index == 0 else 2.1,
             designated=DESIGNATED_BY_ARS, act=act)
    for role_name, profession, category in (
            ("Médiateur médical", "Médecin", CduSeat.MEDIATOR_DOCTOR),
            ("Médiateur non médical", "Cadre de santé", CduSeat.MEDIATOR_OTHER)):
        titular = seat(cdu.id, person((Role.PROFESSIONAL,), profession,
                                      note=f"{role_name} titulaire"), years_left=1.4,
                       designated="Représentant légal de l’établissement", cdu=category)
        seat(cdu.id, person((Role.PROFESSIONAL,), profession, note=f"{role_name} suppléant"),
             titular=titular, years_left=1.4, designated="Représentant légal de l’établissement")
    seat(cdu.id, person((Role.PROFESSIONAL,), "Médecin"), years_left=1.8,
         designated="Commission médicale d’établissement", cdu=CduSeat.CME)
    seat(cdu.id, person((Role.PROFESSIONAL,), "Infirmier(e)"), years_left=1.8,
         designated="Commission des soins infirmiers", cdu=CduSeat.CARE_COMMISSION)
    seat(cdu.id, person((Role.PROFESSIONAL,), "Responsable qualité"), Function.GUEST)

    _meetings(store, today, comite.id, cdu.id)

    # People not (yet) seated: candidates and the wider pool of engaged users.
    pool = ((Role.PATIENT_PARTNER,), (Role.EXPERT_PATIENT,), (Role.PEER_HELPER,),
            (Role.USER_REPRESENTATIVE,), (Role.PATIENT_PARTNER, Role.EXPERT_PATIENT))
    while store.people.count() < 40:
        roles = rng.choice(pool)
        person(roles, association=rng.choice(ASSOCIATIONS)
               if Role.USER_REPRESENTATIVE in roles else "", with_email=rng.random() > 0.2)
    _recruitment(store, today, comite.id, cdu.id, doctor, nurse)
    _registers(store, today)


def _registers(store: Store, today: date) -> None:
    """What the year's documents read beside the meetings: the MSP's actions of user
    involvement, the CDU's complaints and quality of care, the users' expenses."""
    from comite.store.demo_complaints import fill_complaints
    from comite.store.demo_expenses import fill_expenses
    from comite.store.demo_involvement import fill_involvement

    fill_involvement(store, today)
    fill_complaints(store, today)
    fill_expenses(store, today)


def _profile(rng: random.Random, today: date, roles: tuple[Role, ...],
             first_name: str) -> dict[str, object]:
    """Year of birth, sex, territory and lived experience, for the composition view."""
    user = any(role in USER_ROLES for role in roles)
    birth_year = today.year - rng.randint(24, 82) if rng.random() > 0.1 else None
    drawn = rng.choice(("female", "female", "male", "male", ""))
    return {
        "birth_year": birth_year,
        "sex": drawn and ("female" if first_name in _WOMEN else
                          "male" if first_name in _MEN else drawn),
        "territory": rng.choice(TOWNS[:3]) if rng.random() > 0.15 else "",
        "lived_as": rng.choice(("patient", "patient", "carer", "both")) if user else "",
    }


def _recruitment(store: Store, today: date, comite: int, cdu: int, doctor: int,
                 nurse: int) -> None:
    """Candidacies at every stage, the comité's criteria, the team's opinions, trainings and
    consents: the board and a person's privacy tab have something to show."""
    from comite.store.privacy_models import ConsentMethod, Purpose
    from comite.store.recruitment import CandidateInput
    from comite.store.recruitment_models import CriterionKind, OpinionKind, Source, Stage, TrainingKind
    from comite.store.trainings import TrainingInput

    for kind, text in ((CriterionKind.QUALITY, "Parle de son expérience avec recul"),
                       (CriterionKind.QUALITY, "Disponible une fin de journée par trimestre"),
                       (CriterionKind.QUALITY, "À l’écoute des autres usagers"),
                       (CriterionKind.DEAL_BREAKER, "Vient défendre un intérêt personnel")):
        store.recruitment.add_criterion(comite, kind, text)
    unseated = [row.id for row in store.people.page(limit=100).rows
                if not store.memberships.of_person(row.id)]
    plan = (
        (Role.PATIENT_PARTNER, Source.WAITING_ROOM, comite, Stage.SPOTTED,
         "Premier appel", -3),
        (Role.PATIENT_PARTNER, Source.PATIENT_LIST, comite, Stage.CONTACTED,
         "Rencontre à la MSP", 6),
        (Role.USER_REPRESENTATIVE, Source.ASSOCIATION, cdu, Stage.MET,
         "Inscription à la formation de base RU", -10),
        (Role.EXPERT_PATIENT, Source.SPONTANEOUS, comite, Stage.TRAINING,
         "Fin de la formation ETP", 30),
        (Role.PATIENT_PARTNER, Source.OTHER_STRUCTURE, comite, Stage.SPOTTED,
         "Envoyer la plaquette", 12),
    )
    for person_id, (role, source, committee, stage, step, days) in zip(unseated, plan,
                                                                        strict=False):
        candidate = store.recruitment.add(person_id, CandidateInput(
            role=role, source=source, committee_id=committee, next_step=step,
            next_step_on=today + timedelta(days=days)), today - timedelta(days=40))
        store.consents.give(person_id, Purpose.CONTACT, ConsentMethod.ORAL,
                            today - timedelta(days=40), today)
        for target in (Stage.CONTACTED, Stage.MET, Stage.TRAINING):
            if list(Stage).index(target) > list(Stage).index(stage):
                break
            store.recruitment.move(candidate.id, target, today - timedelta(days=20),
                                   confirmed=True)
        if stage in (Stage.MET, Stage.TRAINING):
            store.recruitment.give_opinion(candidate.id, doctor, OpinionKind.FAVOURABLE,
                                           "Très investi(e) dans l’association", today)
            store.recruitment.give_opinion(candidate.id, nurse, OpinionKind.RESERVED,
                                           "À revoir après la formation", today)
        if stage is Stage.TRAINING:
            store.trainings.add(person_id, TrainingInput(
                course="Éducation thérapeutique du patient, niveau 1", held_on=today -
                timedelta(days=15), hours=24, kind=TrainingKind.ETP_40H,
                organisation="Pôle ETP régional"))
            store.consents.give(person_id, Purpose.HEALTH, ConsentMethod.PAPER,
                                today - timedelta(days=20), today)
            store.consents.set_health_note(person_id, "Diabète de type 2 depuis une dizaine "
                                                      "d’années ; aidant de sa mère.")
    # One candidacy decided against, long enough ago for the purge queue to bring it up.
    if len(unseated) > len(plan):
        past = today - timedelta(days=800)
        old = store.recruitment.add(unseated[len(plan)], CandidateInput(
            role=Role.PATIENT_PARTNER, source=Source.WAITING_ROOM, committee_id=comite), past)
        store.recruitment.move(old.id, Stage.NOT_RETAINED, past, confirmed=True)


def _meetings(store: Store, today: date, comite: int, cdu: int) -> None:
    """A poll with answers of every kind, a convened CDU and a held meeting: every meeting
    screen has something real to show."""
    meetings = store.meetings

    def at(days: int, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(today + timedelta(days=days), time(hour, minute))

    noon = datetime.combine(today, time(12), tzinfo=UTC)
    spring = meetings.create(comite, MeetingInput(
        title="Comité des usagers — printemps", place="Salle de réunion de la MSP"))
    spring_slot = meetings.add_slot(spring.id, at(-200, 18))
    meetings.open_poll(spring.id)
    meetings.choose_slot(spring_slot.id, confirmed=True)
    meetings.mark_held(spring.id, now=noon)

    held = meetings.create(comite, MeetingInput(
        title="Comité des usagers — bilan de l’année", place="Salle de réunion de la MSP",
        description=MESSAGE_REVIEW))
    first = meetings.add_slot(held.id, at(-45, 18))
    meetings.add_slot(held.id, at(-43, 12, 30))
    meetings.open_poll(held.id)
    for invitee in _titulars(meetings.detail(held.id).invitees)[:5]:
        meetings.record_vote(invitee.id, first.id, Answer.YES, AnswerSource.PHONE)
    meetings.choose_slot(first.id, confirmed=True)
    meetings.mark_held(held.id, now=noon)
    _minutes(store, today, spring.id, held.id)

    convened = meetings.create(cdu, MeetingInput(
        title="CDU — réunion trimestrielle", place="Salle du conseil, bâtiment A",
        description=MESSAGE_CDU))
    # Within this quarter, as a CDU meets every quarter (R. 1112-88), unless it is ending.
    ahead = max(1, min(18, (quarter_of(today)[1] - today).days - 3))
    chosen = meetings.add_slot(convened.id, at(ahead, 14))
    meetings.add_slot(convened.id, at(ahead + 2, 10))
    meetings.open_poll(convened.id)
    invitees = meetings.detail(convened.id).invitees
    for invitee in invitees:
        meetings.record_vote(invitee.id, chosen.id, Answer.YES, AnswerSource.PHONE)
    meetings.choose_slot(chosen.id, confirmed=True)
    for invitee, partstat in zip(_titulars(invitees), ("ACCEPTED", "ACCEPTED", "DECLINED",
                                                        "TENTATIVE"), strict=False):
        if invitee.email:
            meetings.apply_reply(chosen.uid, invitee.email, partstat, sequence=1)

    poll = meetings.create(comite, MeetingInput(
        title="Prochain comité des usagers", place="Salle de réunion de la MSP",
        video_url="https://visio.example.org/comite-tilleuls", description=MESSAGE_NEXT))
    slots = [meetings.add_slot(poll.id, at(30, 18)), meetings.add_slot(poll.id, at(33, 12, 30)),
             meetings.add_slot(poll.id, at(37, 17, 30), "Mairie annexe, salle 2")]
    meetings.open_poll(poll.id)
    invitees = meetings.detail(poll.id).invitees
    pattern = ((Answer.YES, Answer.NO, Answer.IF_NEED_BE), (Answer.YES, Answer.YES, Answer.NO),
               (Answer.NO, Answer.IF_NEED_BE, Answer.YES), (Answer.IF_NEED_BE, Answer.YES, Answer.YES))
    sources = (AnswerSource.PHONE, AnswerSource.PAPER, AnswerSource.FRAMADATE, AnswerSource.PHONE)
    answered = [invitee for invitee in _titulars(invitees) if invitee.email][:6]
    for index, invitee in enumerate(answered[:4]):
        for slot, answer in zip(slots, pattern[index], strict=True):
            meetings.record_vote(invitee.id, slot.id, answer, sources[index])
    for invitee in answered[4:6]:
        meetings.apply_reply(slots[0].uid, invitee.email, "ACCEPTED")
        meetings.apply_reply(slots[1].uid, invitee.email, "DECLINED")
    meetings.apply_reply(slots[2].uid, "adresse.inconnue@example.net", "ACCEPTED",
                         comment="Je viendrai avec ma fille.")
    # Last, so that the meetings above keep their numbers from one version to the next.
    _cdu_year(store, today, cdu)


def _titulars(seated: Sequence[Seated]) -> list[Seated]:
    """The titulaires among a meeting's invitees or attendees: who answers or sits in the
    example is chosen among them, whatever order the lists are read in."""
    return [one for one in seated if one.seat is InviteeSeat.TITULAR]


MESSAGE_REVIEW = "Nous ferons le bilan des actions de l’année et choisirons les projets de l’an prochain."
MESSAGE_CDU = "Réunion trimestrielle de la commission des usagers."
MESSAGE_NEXT = "Nous choisirons ensemble l’affiche de la salle d’attente."


def _minutes(store: Store, today: date, spring: int, held: int) -> None:
    """Spring's minutes adopted and signed, with one action still open (carried twice by the
    next meeting) and one done; the year's review still a draft, with open actions."""
    conclusions, minutes = store.conclusions, store.minutes
    owners = conclusions.owners(held)

    def topic(meeting: int, index: int) -> int:
        return [item for item in store.agenda.agenda(meeting).items
                if item.kind.value == "topic"][index].id

    flyer = conclusions.add(topic(spring, 1), ConclusionInput(
        "Rédiger avec les usagers un dépliant sur les horaires et le rôle de chacun",
        owner_id=owners[0][0], due_on=today - timedelta(days=120)))
    poster = conclusions.add(topic(spring, 2), ConclusionInput(
        "Installer une boîte à idées dans la salle d’attente", owner_id=owners[1][0],
        due_on=today - timedelta(days=100)))
    store.minutes.write_notes(topic(spring, 1), "Le dépliant actuel date de 2019. Les usagers "
                              "proposent de le relire ensemble avant impression.")
    attendees, _quorum = minutes.attendance(held)
    # A suppléant sits in for their titulaire, who sent apologies.
    substitute = next(a for a in attendees if a.seat is InviteeSeat.SUBSTITUTE)
    titulars = [a for a in attendees if a.seat is InviteeSeat.TITULAR]
    away = [a for a in titulars if a.seat_key == substitute.seat_key] + titulars[6:7]
    # Checked in as they came, one leaving early; the users and the professionals spoke.
    start = store.meetings.get(held).starts_at
    came = [*(a for a in titulars[:7] if a not in away), substitute]
    for minutes_early, attendee in enumerate(came):
        minutes.check_in(attendee.invitee_id, now=start - timedelta(minutes=minutes_early))
    minutes.check_out(came[-2].invitee_id, now=start + timedelta(minutes=70))
    for attendee in away:
        minutes.set_attendance(attendee.invitee_id, AttendanceStatus.EXCUSED)
    for position, speakers in ((1, came[:4]), (2, came[1:3] + came[:1])):
        for turn, attendee in enumerate(speakers * 2):
            store.sitting.take_floor(topic(held, position - 1), attendee.invitee_id,
                                     now=start + timedelta(minutes=20 * position + turn))
    for attendee in _titulars(minutes.attendance(spring)[0])[:7]:
        minutes.set_attendance(attendee.invitee_id, AttendanceStatus.PRESENT)
    minutes.adopt(spring, in_meeting_id=held)
    minutes.sign(spring, [(owners[0][1], _("Président(e)")), (owners[2][1], _("Secrétaire de séance"))],
                 signed_on=today - timedelta(days=44))
    conclusions.close(poster.id, ConclusionStatus.DONE, "Boîte posée à l’accueil en juin.",
                      in_meeting_id=held)
    conclusions.follow_up(flyer.id, flyer.owner_id, today + timedelta(days=30), in_meeting_id=held)
    store.minutes.write_notes(topic(held, 0), "Présentation de la nouvelle infirmière Asalée. "
                              "Les travaux du parking sont finis.")
    store.minutes.write_notes(topic(held, 1), "Le questionnaire de satisfaction a reçu 212 "
                              "réponses ; l’attente au téléphone reste la première remarque.")
    store.minutes.write_notes(topic(held, 1), "Une patiente a écrit au sujet de son dossier "
                              "(réclamation n° 4) : réponse faite par la direction.",
                              confidential=True)
    conclusions.add(topic(held, 1), ConclusionInput(
        "Tester un rappel automatique des rendez-vous par SMS", owner_id=owners[3][0],
        due_on=today - timedelta(days=5)))
    conclusions.add(topic(held, 2), ConclusionInput(
        "Afficher les résultats du questionnaire dans la salle d’attente", owner_id=None,
        due_on=today + timedelta(days=20)))
    conclusions.add(topic(held, 2), ConclusionInput(
        "Le comité choisit l’accueil téléphonique comme projet de l’année",
        kind=ConclusionKind.DECISION))


def _cdu_year(store: Store, today: date, cdu: int) -> None:
    """A year of the CDU's work, and the meeting before it: attendance, speaking turns,
    recommendations made, followed up and done, each meeting's minutes adopted and signed at
    the next one, the last ones circulated for remarks until the meeting convened."""
    meetings, minutes = store.meetings, store.minutes
    noon = datetime.combine(today, time(12), tzinfo=UTC)
    president = next(m.person_name for m in store.memberships.of_committee(cdu)
                     if m.function is Function.PRESIDENT)
    signers = [(president, _("Président(e)")), (_("Secrétariat de la CDU"), _("Secrétaire de séance"))]
    held: list[int] = []
    for days, title in ((-400, "CDU — projet des usagers"),
                        (-270, "CDU — rapport annuel et recommandations"),
                        (-180, "CDU — examen des plaintes et réclamations"),
                        (-90, "CDU — qualité et sécurité des soins")):
        meeting = meetings.create(cdu, MeetingInput(title=title, place="Salle du conseil, bâtiment A",
                                                    description=MESSAGE_CDU))
        day = today + timedelta(days=days)
        day -= timedelta(days=max(0, day.weekday() - 4))  # a CDU meets on working days
        slot = meetings.add_slot(meeting.id, datetime.combine(day, time(14)))
        meetings.open_poll(meeting.id)
        meetings.choose_slot(slot.id, confirmed=True)
        if held:
            minutes.adopt(held[-1], in_meeting_id=meeting.id)
        meetings.mark_held(meeting.id, now=noon)
        _cdu_sitting(store, meeting.id, excused=len(held) % 3)
        held.append(meeting.id)
    _cdu_recommendations(store, held)
    # Signed a week after the meeting that adopted them, once all they hold is written.
    for adopted, adopting in itertools.pairwise(held):
        minutes.sign(adopted, signers, signed_on=meetings.get(adopting).starts_at.date()
                     + timedelta(days=7))
    minutes.circulate(held[-1], today + timedelta(days=10), today=today)


def _cdu_sitting(store: Store, meeting: int, excused: int) -> None:
    """The titulaires present but one (`excused` says which), the users and the mediators
    speaking on the complaints and on the users' project."""
    minutes = store.minutes
    titulars = _titulars(minutes.attendance(meeting)[0])
    for index, attendee in enumerate(titulars):
        minutes.set_attendance(attendee.invitee_id, AttendanceStatus.EXCUSED if index == excused
                               else AttendanceStatus.PRESENT)
    present = [a for index, a in enumerate(titulars) if index != excused]
    start = store.meetings.get(meeting).starts_at
    items = [item.id for item in store.agenda.agenda(meeting).items if item.kind.value == "topic"]
    for position, item in enumerate(items[:2]):
        for turn, attendee in enumerate(present[position:position + 4] * 2):
            store.sitting.take_floor(item, attendee.invitee_id,
                                     now=start + timedelta(minutes=30 * position + turn))


def _cdu_recommendations(store: Store, held: list[int]) -> None:
    """Last year's recommendations, one done and one still followed up; this year's, one done
    at the last meeting, one open; an action on the satisfaction survey."""
    conclusions = store.conclusions

    def topic(meeting: int, index: int) -> int:
        return [item.id for item in store.agenda.agenda(meeting).items
                if item.kind.value == "topic"][index]

    last_year, spring, complaints, quality = held
    made = {}
    # On the users' project (4th item) or on the complaints examined (1st).
    for meeting, item, key, text, owner in (
            (last_year, 3, "posters", "Afficher dans chaque service le rôle des représentants "
             "des usagers et la façon de les joindre", "Direction de la communication"),
            (last_year, 0, "delays", "Répondre aux réclamations écrites en moins de 30 jours",
             "Direction des relations avec les usagers"),
            (spring, 3, "waiting", "Informer les patients des urgences du temps d’attente estimé",
             "Pôle urgences"),
            (complaints, 0, "mediation", "Proposer une rencontre avec un médiateur dès la "
             "première réclamation portant sur les soins",
             "Direction des relations avec les usagers")):
        made[key] = conclusions.add(topic(meeting, item), ConclusionInput(
            text, kind=ConclusionKind.RECOMMENDATION, owner_text=owner,
            due_on=store.meetings.get(meeting).starts_at.date() + timedelta(days=180)))
    conclusions.close(made["posters"].id, ConclusionStatus.DONE,
                      "Affiches posées dans les 14 services.", in_meeting_id=spring)
    conclusions.follow_up(made["delays"].id, None, store.meetings.get(quality).starts_at.date()
                          + timedelta(days=90), in_meeting_id=spring)
    conclusions.close(made["mediation"].id, ConclusionStatus.DONE,
                      "Proposée désormais dans chaque lettre d’accusé de réception.",
                      in_meeting_id=quality)
    conclusions.add(topic(quality, 2), ConclusionInput(
        "Présenter les résultats e-Satis du service de médecine à la prochaine réunion",
        owner_text="Responsable qualité"))


def fill_large(store: Store, today: date, people: int = 20_000, structures: int = 200,
               seed: int = 11) -> DemoSummary:
    """Benchmark-sized: ~200 structures, their committees, `people` people, in one transaction."""
    _require_empty(store)
    rng = random.Random(seed)
    now = utc_now_iso()
    kinds = list(StructureKind)
    with store.db.write() as conn:
        for s in range(structures):
            kind = kinds[s % len(kinds)]
            town = TOWNS[s % len(TOWNS)]
            structure_id = conn.execute(
                "INSERT INTO structures (uid, name, kind, city, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (new_uid(), f"{kind.label.split(' (')[0]} n° {s + 1} {de(town)}", kind.value,
                 town, now, now),
            ).lastrowid
            committee_kind = CommitteeKind.CDU if kind == StructureKind.HOSPITAL else (
                CommitteeKind.USERS_COMMITTEE)
            conn.execute(
                "INSERT INTO committees (uid, structure_id, name, kind, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (new_uid(), structure_id, committee_kind.label, committee_kind.value, now, now),
            )
        rows = []
        for n in range(people):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            rows.append((new_uid(), first, last, sort_key(last, first), _email(first, last, n),
                         _mobile(n), rng.choice(PROFESSIONS) if n % 5 == 0 else "",
                         rng.choice(ASSOCIATIONS) if n % 7 == 0 else "", now, now))
        conn.executemany(
            "INSERT INTO people (uid, first_name, last_name, sort_key, email, phone, profession,"
            " association, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows,
        )
        roles = list(Role)
        conn.executemany(
            "INSERT INTO person_roles (person_id, role) VALUES (?, ?)",
            [(n + 1, roles[n % len(roles)].value) for n in range(people)],
        )
        committees = [row[0] for row in conn.execute("SELECT id FROM committees")]
        seated = rng.sample(range(1, people + 1), min(people, len(committees) * 10))
        memberships = []
        for index, person_id in enumerate(seated):
            committee = committees[index % len(committees)]
            end = today + timedelta(days=rng.randint(-30, 3 * 365))
            memberships.append((committee, person_id, Seat.TITULAR.value, Function.MEMBER.value,
                                (end - timedelta(days=3 * 365)).isoformat(), end.isoformat(),
                                now, now))
        conn.executemany(
            "INSERT INTO memberships (committee_id, person_id, seat, function, mandate_start,"
            " mandate_end, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", memberships,
        )
        record(conn, store.actor, "demo", "database", None, ["large"])
    return _summary(store)


def _require_empty(store: Store) -> None:
    if not store.is_empty():
        raise Refused(_(
            "Cette base contient déjà des données : l’exemple ne s’ajoute qu’à une base vide. "
            "Choisissez un autre fichier avec --db."))


def _summary(store: Store) -> DemoSummary:
    conn = store.db.connection()
    return DemoSummary(
        structures=store.structures.count(), committees=store.committees.count(),
        people=store.people.count(),
        memberships=conn.execute("SELECT count(*) FROM memberships").fetchone()[0],
    )
