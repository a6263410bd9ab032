"""MinutesDocument records built by hand for the minutes exports: a small meeting that uses
every case (a suppléant holding a seat, a réclamation with confidential notes, a carried
conclusion closed, one overdue, a hostile name), and a long one that must break across pages;
a séance as it happened (late arrival, early departure, a pouvoir, a walk-in, turns counted)."""

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from comite.store.meeting_models import InviteeSeat, Meeting, MeetingStatus
from comite.store.minutes_models import (
    AgendaItem,
    AttendanceStatus,
    Attendee,
    CarriedConclusion,
    Conclusion,
    ConclusionKind,
    ConclusionStatus,
    FloorCount,
    ItemKind,
    MinutesDocument,
    MinutesState,
    MinutesStatus,
    Participation,
    Purpose,
    Quorum,
    Side,
    Signature,
)

PARIS = ZoneInfo("Europe/Paris")
STARTS = datetime(2027, 1, 12, 18, 0, tzinfo=PARIS)
EARLIER = datetime(2026, 10, 6, 18, 0, tzinfo=PARIS)
HOSTILE = "Dupont & <b>Fils</b>"
SECRET = "Mme Rosière, patiente du Dr Aubert, a porté plainte le 3 décembre"
PUBLIC_NOTE = "Trois réclamations reçues ce trimestre. Deux portent sur l’accueil téléphonique."
COMMITTEE = "Commission des usagers (CDU)"
STRUCTURE = "Clinique des Tilleuls"


def meeting(**changes: object) -> Meeting:
    base = Meeting(
        id=12, uid="11111111-2222-3333-4444-555555555555", committee_id=3,
        committee_name=COMMITTEE, title="Séance d’hiver", status=MeetingStatus.HELD,
        place="Salle du conseil, 2ᵉ étage", video_url="", duration_minutes=120,
        timezone="Europe/Paris", description="", quorum=None, starts_at=STARTS, invitees=6, answered=6)
    return replace(base, **changes)


def attendee(number: int, name: str, seat: InviteeSeat, status: AttendanceStatus, *, seat_key: int | None,
             side: Side = Side.USERS, substitute_for: str = "", represented_by: str = "",
             arrived_at: datetime | None = None, left_at: datetime | None = None) -> Attendee:
    return Attendee(
        invitee_id=number, person_id=100 + number, name=name, seat=seat, seat_key=seat_key,
        substitute_for_name=substitute_for, side=side, status=status, confirmed=True,
        represented_by_id=(number + 1) if represented_by else None, represented_by_name=represented_by,
        arrived_at=arrived_at, left_at=left_at)


ATTENDEES = (
    attendee(1, "Élodie Lefèvre", InviteeSeat.TITULAR, AttendanceStatus.PRESENT, seat_key=1),
    attendee(2, "Gérard Martin", InviteeSeat.TITULAR, AttendanceStatus.SUBSTITUTED, seat_key=2,
             represented_by="Jean-Noël Çelik"),
    attendee(3, "Jean-Noël Çelik", InviteeSeat.SUBSTITUTE, AttendanceStatus.PRESENT, seat_key=2,
             substitute_for="Gérard Martin"),
    attendee(4, f"Zoé {HOSTILE}", InviteeSeat.TITULAR, AttendanceStatus.EXCUSED, seat_key=4),
    attendee(5, "Dr Hélène Kervella", InviteeSeat.TITULAR, AttendanceStatus.PRESENT, seat_key=5,
             side=Side.PROFESSIONALS),
    attendee(6, "Thi Hoa Nguyen", InviteeSeat.GUEST, AttendanceStatus.ABSENT, seat_key=None),
)


def item(position: int, title: str, *, notes: str = "", confidential: str = "", presenter: str = "",
         minutes: int = 15, purpose: Purpose = Purpose.INFORMATION,
         participation: Participation = Participation.INFORMATION,
         kind: ItemKind = ItemKind.TOPIC) -> AgendaItem:
    return AgendaItem(
        id=500 + position, meeting_id=12, position=position, kind=kind, title=title, presenter=presenter,
        duration_minutes=minutes, purpose=purpose, participation=participation, notes=notes,
        confidential_notes=confidential, adopts_meeting_id=None, spent_seconds=0)


def conclusion(number: int, text: str, *, item_id: int | None, kind: ConclusionKind = ConclusionKind.ACTION,
               owner: str = "", due_on: date | None = None, meeting_id: int = 12,
               meeting_title: str = "Séance d’hiver", meeting_date: datetime | None = STARTS,
               status: ConclusionStatus = ConclusionStatus.OPEN, reason: str = "") -> Conclusion:
    return Conclusion(
        id=number, uid=f"c-{number}", meeting_id=meeting_id, meeting_title=meeting_title,
        meeting_date=meeting_date, item_id=item_id, item_title="", kind=kind, text=text,
        owner_id=(1000 + number) if owner else None, owner_name=owner, due_on=due_on, status=status,
        closed_reason=reason, closed_at="2027-01-12T17:30:00Z" if reason else None,
        closed_in_meeting_id=12 if reason else None)


ITEMS = (
    item(1, "Adoption du compte rendu précédent", kind=ItemKind.ADOPTION, minutes=5,
         purpose=Purpose.DECISION, notes="Le compte rendu de la séance d’automne est adopté sans remarque."),
    item(2, "Réclamations du trimestre", presenter="Dr Hélène Kervella", minutes=30,
         purpose=Purpose.CONSULTATION, participation=Participation.CONSULTATION,
         notes=PUBLIC_NOTE + "\nLa CDU demande un bilan écrit.\n\nUne réclamation reste en cours.",
         confidential=SECRET),
    item(3, "Projet des usagers : affiche en salle d’attente", presenter="Élodie Lefèvre", minutes=20,
         purpose=Purpose.DECISION, participation=Participation.PARTNERSHIP),
    item(4, "Questions diverses", minutes=10),
)

CONCLUSIONS = (
    conclusion(1, "Le compte rendu de la séance d’automne est adopté.", item_id=501,
               kind=ConclusionKind.DECISION),
    conclusion(2, "Écrire le bilan des réclamations pour la prochaine séance", item_id=502,
               owner="Dr Hélène Kervella", due_on=date(2027, 3, 1)),
    conclusion(3, "Rappeler « l’accueil téléphonique » aux secrétaires", item_id=502,
               due_on=None),
    conclusion(4, "L’affiche « Votre avis compte » est adoptée", item_id=503,
               kind=ConclusionKind.DECISION),
    conclusion(5, f"Imprimer l’affiche chez {HOSTILE}", item_id=503, owner="Élodie Lefèvre",
               due_on=date(2027, 2, 15)),
)

CARRIED = (
    CarriedConclusion(conclusion(90, "Mettre à jour le livret d’accueil", item_id=None,
                                 owner="Gérard Martin", due_on=date(2026, 12, 1), meeting_id=8,
                                 meeting_title="Séance d’automne", meeting_date=EARLIER), times=2),
    CarriedConclusion(conclusion(91, "Installer une boîte à idées", item_id=None, meeting_id=8,
                                 meeting_title="Séance d’automne", meeting_date=EARLIER,
                                 status=ConclusionStatus.DONE, reason="posée à l’accueil"), times=1),
)


def state(status: MinutesStatus = MinutesStatus.DRAFT, **changes: object) -> MinutesState:
    base = MinutesState(meeting_id=12, status=status, remarks_until=None, adopted_in_meeting_id=None,
                        adopted_in_title="", signatures=(), voided_at=None)
    return replace(base, **changes)


SIGNED = state(MinutesStatus.SIGNED, adopted_in_meeting_id=13, adopted_in_title="Séance de printemps",
               signatures=(Signature("Élodie Lefèvre", "Présidente", date(2027, 4, 6), None),
                           Signature("Dr Hélène Kervella", "Secrétaire de séance", date(2027, 4, 7), None)))


def document(**changes: object) -> MinutesDocument:
    base = MinutesDocument(
        meeting=meeting(), structure_name=STRUCTURE, committee_kind="cdu", starts_at=STARTS,
        state=state(), attendees=ATTENDEES, quorum=Quorum(seats=4, covered=3, needed=3),
        items=ITEMS, conclusions=CONCLUSIONS, carried=CARRIED, floor=())
    return replace(base, **changes)


# ---- the long one ------------------------------------------------------------------------

LONG_NAME = "Marie-Françoise de La Tour d’Auvergne-Lœwenbruck"
LONG_TEXT = ("Préparer avec les représentant(e)s des usagers la « journée portes ouvertes » de "
             "l’œuvre sociale, en lien avec l’équipe d’accueil, et en rendre compte à la séance suivante ; "
             "prévoir l’accessibilité des salles, l’interprète en langue des signes et le goûter")


def long_document() -> MinutesDocument:
    """30 items and 60 conclusions, with long names and texts full of « » ’ œ."""
    items = tuple(item(position, f"Point n° {position} : le « cœur » du sujet, l’œil des usagers",
                       presenter=LONG_NAME, notes=f"Notes du point {position}. " + LONG_TEXT + ".",
                       minutes=5)
                  for position in range(1, 31))
    conclusions = tuple(
        conclusion(number, f"Conclusion {number} : {LONG_TEXT}", item_id=items[(number - 1) // 2].id,
                   kind=ConclusionKind.DECISION if number % 3 == 0 else ConclusionKind.ACTION,
                   owner=LONG_NAME if number % 2 else "", due_on=date(2027, 9, 30))
        for number in range(1, 61))
    attendees = tuple(attendee(number, f"{LONG_NAME} {number}", InviteeSeat.TITULAR,
                               AttendanceStatus.PRESENT, seat_key=number) for number in range(1, 25))
    return document(items=items, conclusions=conclusions, attendees=attendees,
                    quorum=Quorum(seats=24, covered=24, needed=13))


# ---- a séance as it happened ----------------------------------------------------------------


def utc(hour: int, minute: int) -> datetime:
    """A time on the day of the séance, stored as the store does (UTC); Paris is UTC+1 in January."""
    return datetime(2027, 1, 12, hour, minute, tzinfo=UTC)


WALK_IN = "Maire adjointe Sophie Roux"
SAT = (
    attendee(1, "Élodie Lefèvre", InviteeSeat.TITULAR, AttendanceStatus.PRESENT, seat_key=1,
             arrived_at=utc(16, 55)),  # 17 h 55 in Paris: on time, no news
    attendee(2, "Gérard Martin", InviteeSeat.TITULAR, AttendanceStatus.REPRESENTED, seat_key=2,
             represented_by="Élodie Lefèvre"),
    attendee(4, "Zoé Blanc", InviteeSeat.TITULAR, AttendanceStatus.EXCUSED, seat_key=4),
    attendee(5, "Dr Hélène Kervella", InviteeSeat.TITULAR, AttendanceStatus.PRESENT, seat_key=5,
             side=Side.PROFESSIONALS, arrived_at=utc(17, 40), left_at=utc(18, 10)),
    attendee(6, "Karim Benali", InviteeSeat.TITULAR, AttendanceStatus.ABSENT, seat_key=6),
    attendee(7, WALK_IN, InviteeSeat.GUEST, AttendanceStatus.PRESENT, seat_key=None,
             side=Side.OTHERS, arrived_at=utc(17, 5)),
)
# 7 turns for the users, 4 for the professionals, 1 for the others: 58 %, 33 %, 8 %.
FLOOR = (
    FloorCount(item_id=502, invitee_id=1, name="Élodie Lefèvre", side=Side.USERS, turns=5),
    FloorCount(item_id=502, invitee_id=5, name="Dr Hélène Kervella", side=Side.PROFESSIONALS, turns=3),
    FloorCount(item_id=503, invitee_id=1, name="Élodie Lefèvre", side=Side.USERS, turns=2),
    FloorCount(item_id=503, invitee_id=5, name="Dr Hélène Kervella", side=Side.PROFESSIONALS, turns=1),
    FloorCount(item_id=503, invitee_id=7, name=WALK_IN, side=Side.OTHERS, turns=1),
)


def sat() -> MinutesDocument:
    """The small meeting as the séance noted it: times, a pouvoir, a walk-in, turns counted."""
    return document(attendees=SAT, floor=FLOOR, quorum=Quorum(seats=5, covered=2, needed=3))
