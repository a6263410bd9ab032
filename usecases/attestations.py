"""Certificates of attendance (« attestations de présence ») for a held meeting: one for a
person noted present, or one for each person of the users' side noted present, written into a
folder together or not at all. The command line and the app call these; each returns the
paths it wrote and raises Refused (nothing written) or OSError (nothing left behind).

What a certificate says is gathered here from the store: the meeting and its planned hours,
who was checked in and when (`invitees.arrived_at` / `left_at`), the seat, the roles and the
recorded sex, the structure's letterhead and the committee's organizer, who signs.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from comite.kernel.grammar import gender_of, gendered
from comite.kernel.i18n import _
from comite.kernel.zones import ends, local
from comite.store import Refused, Store
from comite.store.meeting_models import Meeting, MeetingStatus
from comite.store.minutes_models import Attendee, Side
from comite.usecases.organizer import organizer
from comite.usecases.settings import Settings

if TYPE_CHECKING:  # reportlab: imported where a PDF is made, never at start-up
    from comite.exports.pdf.attestation import Attestation, Presence, Signer
    from comite.exports.pdf.letterhead import Stationery


@dataclass(frozen=True, slots=True)
class _Sitting:
    """What every certificate of one meeting shares."""

    meeting: Meeting
    starts_at: datetime
    ends_at: datetime
    sitting_end: datetime | None
    attendees: tuple[Attendee, ...]
    signer: "Signer"
    stationery: "Stationery"
    issued_on: date
    issued_at: str


def write_attestation(store: Store, meeting_id: int, person_id: int, settings: Settings,
                      target: Path | None, today: date) -> Path:
    """The certificate of one person at one held meeting, written to `target` (a .pdf file, or
    a folder to write it into; None: the exports folder). Refused, nothing written, unless the
    person was noted present."""
    from comite.exports.pdf.attestation import write_attestation as write_pdf

    sitting = _gathered(store, meeting_id, settings, today)
    attendee = _present(sitting, person_id, store)
    name = _file_name(attendee, sitting.starts_at.date())
    if target is None:
        target = settings.folder("exports") / name
    elif target.is_dir():
        target = target / name
    elif target.suffix.lower() != ".pdf":
        raise Refused(_("Une attestation s’écrit en PDF : choisissez un fichier .pdf (ou un "
                        "dossier)."))
    return write_pdf(_attestation(store, sitting, attestation_of=attendee), target)


def write_attestations(store: Store, meeting_id: int, settings: Settings,
                       folder: Path | None, today: date) -> list[Path]:
    """One certificate for each person of the users' side noted present (the professionals
    need none), written into `folder` (None: a folder of its own in the exports) all together or
    not at all; files named after each person, made safe. Refused when nobody qualifies."""
    from comite.exports.pdf.attestation import attestation_pdf

    sitting = _gathered(store, meeting_id, settings, today)
    users = [a for a in sitting.attendees if a.present and a.side is Side.USERS]
    if not users:
        raise Refused(_("Aucune personne du côté des usagers n’a été notée présente à cette "
                        "réunion : aucune attestation."))
    folder = folder or settings.folder("exports") / _folder_name(sitting)
    files = _file_names(users, sitting.starts_at.date())
    # Every PDF is made before a byte is written: a failure leaves the folder as it was.
    documents = {name: attestation_pdf(_attestation(store, sitting, attestation_of=a))
                 for name, a in files.items()}
    return _placed(folder, documents)


# ---- gathering ------------------------------------------------------------------------------


def _gathered(store: Store, meeting_id: int, settings: Settings, today: date) -> _Sitting:
    """The meeting's shared facts; refused unless it was held on a date that was chosen."""
    from comite.usecases.letterhead import committee_stationery

    detail = store.meetings.detail(meeting_id)
    meeting = detail.meeting
    if meeting.status is not MeetingStatus.HELD:
        raise Refused(_("La réunion « {title} » n’a pas été tenue (elle est « {status} ») : une "
                        "attestation de présence se délivre pour une réunion qui a eu lieu.")
                      .format(title=meeting.title[:80], status=meeting.status.label.lower()))
    slot = detail.chosen_slot
    if slot is None and meeting.starts_at is None:
        raise Refused(_("La réunion « {title} » n’a pas de date retenue : ses heures ne peuvent "
                        "pas être attestées.").format(title=meeting.title[:80]))
    starts_at = local(slot.starts_at if slot else meeting.starts_at, meeting.timezone)
    ends_at = local(slot.ends_at, meeting.timezone) if slot else ends(starts_at,
                                                                      meeting.duration_minutes)
    sitting = store.sitting.get(meeting_id)
    stationery = committee_stationery(store, meeting.committee_id)
    attendees, _quorum = store.minutes.attendance(meeting_id)
    return _Sitting(
        meeting=meeting, starts_at=starts_at, ends_at=ends_at,
        sitting_end=local(sitting.ended_at, meeting.timezone) if sitting and sitting.ended_at
        else None,
        attendees=tuple(attendees), signer=_signer(store, meeting, settings),
        stationery=stationery, issued_on=today,
        issued_at=stationery.letterhead.city.strip() or meeting.structure_city.strip())


def _signer(store: Store, meeting: Meeting, settings: Settings) -> "Signer":
    """The committee's organizer, as the letters name them; refused without a name, which
    every certificate prints above the signature."""
    from comite.exports.pdf.attestation import Signer

    coordinator = organizer(store, meeting.committee_id, settings)
    if not coordinator.name.strip():
        raise Refused(_("Indiquez le nom de la personne qui signe les attestations (la "
                        "coordination de la structure, ou les réglages : F2 dans l’application) : "
                        "il figure sur chacune."))
    gender = None
    if coordinator.person_id is not None:
        gender = store.people.get(coordinator.person_id).gender
    return Signer(name=coordinator.name.strip(), role=coordinator.role.strip(), gender=gender)


def _present(sitting: _Sitting, person_id: int, store: Store) -> Attendee:
    """The person's row at the meeting, once noted present; refused otherwise (never invited,
    excused, absent, represented, or nothing noted)."""
    for attendee in sitting.attendees:
        if attendee.person_id == person_id and attendee.present:
            return attendee
    person = store.people.get(person_id)
    raise Refused(gendered(_("{name} n’a pas été noté(e) présent(e) à cette réunion : aucune "
                             "attestation."), person.gender).format(name=person.full_name))


def _attestation(store: Store, sitting: _Sitting, attestation_of: Attendee) -> "Attestation":
    from comite.exports.pdf.attestation import Attestation

    attendee = attestation_of
    person = store.people.get(attendee.person_id)
    seats = [m for m in store.memberships.of_person(person.id)
             if m.committee_id == sitting.meeting.committee_id]
    return Attestation(
        person_name=person.full_name, gender=gender_of(person.sex), roles=person.roles,
        seat=attendee.seat, substitute_for_name=attendee.substitute_for_name,
        function=seats[0].function if seats else None, meeting=sitting.meeting,
        starts_at=sitting.starts_at, ends_at=sitting.ends_at,
        presence=presence(attendee, sitting.starts_at, sitting.ends_at, sitting.sitting_end),
        signer=sitting.signer, issued_on=sitting.issued_on, issued_at=sitting.issued_at,
        stationery=sitting.stationery, for_employer=attendee.side is Side.USERS)


def presence(attendee: Attendee, starts_at: datetime, ends_at: datetime,
             sitting_end: datetime | None) -> "Presence":
    """The hours a certificate gives, in the meeting's time (`starts_at`'s zone).

    A check-in notes the moment it is typed: a time on another day than the meeting's, or an
    arrival after the meeting ended, was typed afterwards (the presences filled in later), not
    at the door, and is no hour of presence. An arrival that is none is the meeting's start; a
    departure that is none is the end of the séance when the coordinator closed it in the app
    that day, else the meeting's planned end — each said so on the certificate."""
    from comite.exports.pdf.attestation import Presence, Until

    zone = starts_at.tzinfo
    day = starts_at.date()

    def that_day(moment: datetime | None) -> datetime | None:
        moment = moment.astimezone(zone) if moment is not None else None
        return moment if moment is not None and moment.date() == day else None

    sitting_end = that_day(sitting_end)
    end = sitting_end or ends_at
    arrived = that_day(attendee.arrived_at)
    if arrived is not None and arrived >= end:
        arrived = None
    arrival = arrived or starts_at
    left = that_day(attendee.left_at)
    if left is not None and left > arrival:
        return Presence(arrival, left, arrived is not None, Until.DEPARTURE)
    until = Until.SITTING_END if sitting_end is not None and sitting_end > arrival \
        else Until.PLANNED_END
    stop = sitting_end if until is Until.SITTING_END else ends_at
    return Presence(arrival, max(stop, arrival), arrived is not None, until)


# ---- files ----------------------------------------------------------------------------------


def _file_name(attendee: Attendee, day: date, numbered: bool = False) -> str:
    """« attestation-lea-durand-2026-10-09.pdf »: the person, in ASCII, and the meeting's day;
    with the invitee's number when two people would share the name."""
    from comite.exports.files import slug

    who = slug(attendee.name) + (f"-{attendee.invitee_id}" if numbered else "")
    return f"attestation-{who}-{day.isoformat()}.pdf"


def _file_names(attendees: list[Attendee], day: date) -> dict[str, Attendee]:
    from comite.exports.files import slug

    taken = Counter(slug(a.name) for a in attendees)
    return {_file_name(a, day, taken[slug(a.name)] > 1): a for a in attendees}


def _folder_name(sitting: _Sitting) -> str:
    from comite.exports.files import slug

    return f"attestations-{sitting.starts_at.date().isoformat()}-{slug(sitting.meeting.title)}"


def _placed(folder: Path, documents: dict[str, bytes]) -> list[Path]:
    """The files put into `folder` together (`FileBatch`); on any failure, the folder as it was,
    and the folders this call made removed."""
    from comite.exports.files import FileBatch, missing_folders, remove_empty

    made = missing_folders(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        batch = FileBatch(folder)
    except BaseException:
        remove_empty(made)
        raise
    try:
        paths = [batch.write(name, data) for name, data in documents.items()]
        batch.place()
    except BaseException:
        batch.undo()
        remove_empty(made)
        raise
    batch.done()
    return paths
