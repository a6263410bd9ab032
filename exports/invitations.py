"""The outbox: one folder per meeting holding, for each message to send, its .eml and its .ics.

The folder always shows the meeting's present state: writing again replaces the files of the
same slot and person, and removes the messages a previous state left that no longer apply
(a person no longer invited, a renamed person), so nothing stale can be sent by mistake.

Someone removed after their invitation was written gets, once, a CANCEL of their own
(« annulation-01-jeanne-dupont »), never rewritten; its files stay in the folder until they are
invited again (their new invitation then takes its place).
"""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from itertools import count
from pathlib import Path

from comite.exports.files import atomic_write, slug, sync_folder
from comite.exports.ical import (
    CalendarMessage,
    Organizer,
    build_cancellation,
    build_messages,
    checked_organizer,
)
from comite.exports.mail import build_emails
from comite.store.meeting_models import (
    Cancellation,
    InvitationRecord,
    Invitee,
    MeetingDetail,
    SlotStatus,
)

# Marks a folder as this meeting's, so a new date or title renames it instead of adding one.
_MARKER = ".comite-reunion"
_WRITTEN = (".eml", ".ics")


@dataclass(frozen=True, slots=True)
class OutboxResult:
    folder: Path
    emails: tuple[Path, ...]  # the .eml files, to open or to send
    calendars: tuple[Path, ...]  # the matching .ics files, same order
    records: tuple[InvitationRecord, ...]  # for store.meetings.record_invitations
    without_email: tuple[str, ...]  # names of invitees to reach on paper instead
    cancelled: tuple[Cancellation, ...] = ()  # written now: for store.meetings.record_cancellations


def write_outbox(detail: MeetingDetail, organizer: Organizer, outbox: Path,
                 now: datetime | None = None,
                 cancellations: tuple[Cancellation, ...] = ()) -> OutboxResult:
    """Write every message the meeting's state calls for under `outbox`; refused (French
    message) when there is nothing to send or no organizer address. `cancellations` are those
    of people removed from the meeting (store.meetings.cancellations): the ones not yet written
    are written, the files of those written before are left as they are."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    sender = checked_organizer(organizer)
    messages = build_messages(detail, sender, now)
    folder = _meeting_folder(Path(outbox), detail)
    names = _file_stems(detail)
    emails, calendars, records = [], [], []
    for message, email in zip(messages, build_emails(messages, detail, sender, now), strict=True):
        stem = names[message.slot.id, message.invitee.id]
        calendars.append(atomic_write(folder / f"{stem}.ics", message.ics, sync_parent=False))
        emails.append(atomic_write(folder / f"{stem}.eml", email, sync_parent=False))
        records.append(_record(message, f"{stem}.eml", now))
    cancelled, kept = _write_cancellations(detail, sender, folder, now, cancellations)
    for path in cancelled:
        calendars.append(path.with_suffix(".ics"))
        emails.append(path)
    _remove_stale(folder, keep={path.name for path in emails + calendars} | kept)
    sync_folder(folder)
    return OutboxResult(
        folder=folder, emails=tuple(emails), calendars=tuple(calendars), records=tuple(records),
        without_email=tuple(invitee.name for invitee in detail.invitees if not invitee.email),
        cancelled=tuple(cancelled.values()))


def _write_cancellations(
    detail: MeetingDetail, sender: Organizer, folder: Path, now: datetime,
    cancellations: tuple[Cancellation, ...],
) -> tuple[dict[Path, Cancellation], set[str]]:
    """The .eml (with its .ics) of each cancellation written now, and the file names of those
    written before, to keep unless the person is invited again (their new invitation wins)."""
    invited = {invitee.person_id for invitee in detail.invitees}
    kept = {f"{Path(c.file_name).stem}{suffix}" for c in cancellations
            if c.written_at and c.file_name and c.person_id not in invited for suffix in _WRITTEN}
    numbers = {slot.uid: number for number, slot in enumerate(detail.slots, start=1)}
    written: dict[Path, Cancellation] = {}
    taken = {Path(name).stem for name in kept}
    for cancellation in cancellations:
        if cancellation.written_at or cancellation.person_id in invited:
            continue
        message = build_cancellation(detail, cancellation, sender, now)
        if message is None:
            continue
        stem = f"annulation-{numbers[cancellation.uid]:02d}-{slug(cancellation.name)}"
        if stem in taken:
            stem = f"{stem}-{cancellation.id}"
        taken.add(stem)
        [email] = build_emails([message], detail, sender, now)
        atomic_write(folder / f"{stem}.ics", message.ics, sync_parent=False)
        path = atomic_write(folder / f"{stem}.eml", email, sync_parent=False)
        written[path] = replace(cancellation, file_name=path.name,
                                written_at=now.isoformat(timespec="seconds"))
    return written, kept


def _meeting_folder(outbox: Path, detail: MeetingDetail) -> Path:
    """« 2027-01-12-comite-de-printemps »; the meeting's earlier folder is renamed to it, and a
    folder of the same name that is not this meeting's (a namesake, the user's own) is left be."""
    uid = detail.meeting.uid
    ours = [marker.parent for marker in outbox.glob(f"*/{_MARKER}")
            if marker.read_text(encoding="utf-8").strip() == uid]
    base = f"{_meeting_day(detail).isoformat()}-{slug(detail.meeting.title)}"
    for number in count(1):
        folder = outbox / (base if number == 1 else f"{base}-{number}")
        if folder in ours:
            break
        if not folder.exists():
            if ours:
                ours[0].rename(folder)
            break
    atomic_write(folder / _MARKER, uid.encode())
    return folder


def _meeting_day(detail: MeetingDetail) -> date:
    """The chosen date once convened, else the first date still proposed (or any, if none is)."""
    chosen = detail.chosen_slot
    if chosen is not None:
        return chosen.starts_at.date()
    standing = [slot for slot in detail.slots if slot.status is SlotStatus.PROPOSED] or list(detail.slots)
    return min(slot.starts_at for slot in standing).date()


def _file_stems(detail: MeetingDetail) -> dict[tuple[int, int], str]:
    """« 01-jeanne-dupont » per slot (in date order) and person; namesakes get their number."""
    people = _people_names(detail.invitees)
    return {(slot.id, invitee.id): f"{number:02d}-{people[invitee.id]}"
            for number, slot in enumerate(detail.slots, start=1) for invitee in detail.invitees}


def _people_names(invitees: tuple[Invitee, ...]) -> dict[int, str]:
    names = {invitee.id: slug(invitee.name) for invitee in invitees}
    taken = Counter(names.values())
    return {key: name if taken[name] == 1 else f"{name}-{key}" for key, name in names.items()}


def _record(message: CalendarMessage, file_name: str, now: datetime) -> InvitationRecord:
    return InvitationRecord(
        invitee_id=message.invitee.id, uid=message.uid, method=message.method,
        sequence=message.sequence, file_name=file_name, written_at=now.isoformat(timespec="seconds"),
        sent_at=None)


def _remove_stale(folder: Path, keep: set[str]) -> None:
    for path in folder.iterdir():
        if path.suffix in _WRITTEN and path.name not in keep and path.is_file():
            path.unlink()

