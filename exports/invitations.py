"""The outbox: one folder per meeting holding, for each person, one message (.eml) and beside it
each calendar object it carries (« jeanne-dupont-date-2.ics », for an agenda that imports files).

The folder always shows the meeting's present state: writing again replaces the files of the
same person, and removes the files a previous state left that no longer apply (a person no
longer invited, a renamed person, a date withdrawn), so nothing stale can be sent by mistake.

Someone removed after their invitation was written gets, once, a message of their own
cancelling every date they held (« annulation-jeanne-dupont »), never rewritten; its files stay
in the folder until they are invited again (their new invitation then takes its place).
"""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from comite.exports.files import FileBatch, missing_folders, remove_empty, slug
from comite.exports.ical import (
    CalendarMessage,
    Organizer,
    build_cancellation,
    build_messages,
    checked_organizer,
)
from comite.exports.mail import Letter, build_emails, date_numbers, letters
from comite.exports.outbox_folders import meeting_folder, remove_marker
from comite.store.meeting_models import (
    Cancellation,
    InvitationRecord,
    Invitee,
    MeetingDetail,
)

_WRITTEN = (".eml", ".ics")


@dataclass(frozen=True, slots=True)
class OutboxResult:
    folder: Path
    emails: tuple[Path, ...]  # the .eml files, one per person: to open or to send
    calendars: tuple[Path, ...]  # every calendar object of those messages, as its own .ics
    records: tuple[InvitationRecord, ...]  # for store.meetings.record_invitations
    without_email: tuple[str, ...]  # names of invitees to reach on paper instead
    cancelled: tuple[Cancellation, ...] = ()  # written now: for store.meetings.record_cancellations
    # The messages to send now (set by comite.usecases.outbox): those new or changed since the
    # person's last message went out; the others are rewritten but would reach them twice.
    to_send: tuple[Path, ...] = ()


def write_outbox(detail: MeetingDetail, organizer: Organizer, outbox: Path,
                 now: datetime | None = None,
                 cancellations: tuple[Cancellation, ...] = ()) -> OutboxResult:
    """Write every message the meeting's state calls for under `outbox`; refused (French
    message) when there is nothing to send or no organizer address. `cancellations` are those
    of people removed from the meeting (store.meetings.cancellations): the ones not yet written
    are written, the files of those written before are left as they are. All or nothing: a
    failure midway leaves the folder as it was."""
    staged = stage_outbox(detail, organizer, outbox, now, cancellations)
    try:
        staged.place()
    except BaseException:
        staged.undo()
        raise
    staged.done()
    return staged.result


@dataclass(frozen=True, slots=True)
class StagedOutbox:
    """The messages written aside in the meeting's folder, not yet in it: `place()` puts them
    there (and takes out the stale ones), `undo()` leaves the outbox as it was before, folders
    included, `done()` lets the replaced files go."""

    result: OutboxResult
    batch: FileBatch
    stale: frozenset[str]
    fresh_folder: bool  # the meeting's folder was made by this export
    made: tuple[Path, ...]  # the outbox's own folders made by this export, the deepest first

    def place(self) -> None:
        self.batch.place(self.stale)

    def undo(self) -> None:
        self.batch.undo()
        _forget(self.result.folder, self.fresh_folder, self.made)

    def done(self) -> None:
        self.batch.done()


def stage_outbox(detail: MeetingDetail, organizer: Organizer, outbox: Path,
                 now: datetime | None = None,
                 cancellations: tuple[Cancellation, ...] = ()) -> StagedOutbox:
    """`write_outbox`'s messages, written aside in the meeting's folder: the caller records them,
    then places them (or undoes them). A failure here leaves nothing behind."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    sender = checked_organizer(organizer)
    mail = letters(build_messages(detail, sender, now))
    outbox = Path(outbox)
    made = tuple(missing_folders(outbox))
    existing = {entry.name for entry in outbox.iterdir()} if outbox.is_dir() else set()
    try:
        folder = meeting_folder(outbox, detail)
        batch = FileBatch(folder)
    except BaseException:
        remove_empty(made)
        raise
    fresh_folder = folder.name not in existing
    try:
        names = _people_names(detail.invitees)
        emails, calendars, records = [], [], []
        for letter, email in zip(mail, build_emails(mail, detail, sender, now), strict=True):
            path, written = _write_letter(batch, names[letter.invitee.id], letter, email, detail)
            emails.append(path)
            calendars += written
            records += [_record(part, path.name, now) for part in letter.parts]
        cancelled, kept = _write_cancellations(detail, sender, batch, now, cancellations)
    except BaseException:
        batch.undo()
        _forget(folder, fresh_folder, made)
        raise
    for path, (_cancellations, written) in cancelled.items():
        emails.append(path)
        calendars += written
    keep = {path.name for path in emails + calendars} | kept
    stale = frozenset(path.name for path in folder.iterdir()
                      if path.suffix in _WRITTEN and path.name not in keep and path.is_file())
    result = OutboxResult(
        folder=folder, emails=tuple(emails), calendars=tuple(calendars), records=tuple(records),
        without_email=tuple(invitee.name for invitee in detail.invitees if not invitee.email),
        cancelled=tuple(c for done, _written in cancelled.values() for c in done))
    return StagedOutbox(result, batch, stale, fresh_folder, made)


def _forget(folder: Path, fresh: bool, made: tuple[Path, ...]) -> None:
    """Remove the meeting's folder this export made, if only its marker is in it, and the
    outbox's folders it made, if empty."""
    if fresh:
        remove_marker(folder)
    remove_empty(made)


def _write_letter(batch: FileBatch, stem: str, letter: Letter, email: bytes,
                  detail: MeetingDetail) -> tuple[Path, list[Path]]:
    """The message and, beside it, each of its calendar objects; the message's path first."""
    numbers = date_numbers(detail)
    written = [batch.write(f"{stem}-date-{numbers[part.slot.id]}.ics", part.ics)
               for part in letter.parts]
    return batch.write(f"{stem}.eml", email), written


def _write_cancellations(
    detail: MeetingDetail, sender: Organizer, batch: FileBatch, now: datetime,
    cancellations: tuple[Cancellation, ...],
) -> tuple[dict[Path, tuple[list[Cancellation], list[Path]]], set[str]]:
    """For each person removed and not yet written to, their one message cancelling every date
    they held (path → the cancellations it carries, its .ics files); and the file names of
    the messages written before, to keep unless the person is invited again."""
    invited = {invitee.person_id for invitee in detail.invitees}
    earlier = [c for c in cancellations
               if c.written_at and c.file_name and c.person_id not in invited]
    numbers = {slot.uid: number for number, slot in enumerate(detail.slots, start=1)}
    kept = {c.file_name for c in earlier} | {
        f"{Path(c.file_name).stem}-date-{numbers[c.uid]}.ics" for c in earlier if c.uid in numbers}
    taken = {Path(c.file_name).stem for c in earlier}
    owed: dict[int, list[tuple[Cancellation, CalendarMessage]]] = {}
    for cancellation in cancellations:
        if cancellation.written_at or cancellation.person_id in invited:
            continue
        message = build_cancellation(detail, cancellation, sender, now)
        if message is not None:
            owed.setdefault(cancellation.person_id, []).append((cancellation, message))
    written: dict[Path, tuple[list[Cancellation], list[Path]]] = {}
    for person_id, pairs in owed.items():
        stem = f"annulation-{slug(pairs[0][0].name)}"
        if stem in taken:
            stem = f"{stem}-{person_id}"
        taken.add(stem)
        [letter] = letters(message for _cancellation, message in pairs)
        [email] = build_emails([letter], detail, sender, now)
        path, files = _write_letter(batch, stem, letter, email, detail)
        stamp = now.isoformat(timespec="seconds")
        written[path] = ([replace(c, file_name=path.name, written_at=stamp) for c, _m in pairs],
                         files)
    return written, kept


def _people_names(invitees: tuple[Invitee, ...]) -> dict[int, str]:
    names = {invitee.id: slug(invitee.name) for invitee in invitees}
    taken = Counter(names.values())
    return {key: name if taken[name] == 1 else f"{name}-{key}" for key, name in names.items()}


def _record(message: CalendarMessage, file_name: str, now: datetime) -> InvitationRecord:
    return InvitationRecord(
        invitee_id=message.invitee.id, uid=message.uid, method=message.method,
        sequence=message.sequence, file_name=file_name, written_at=now.isoformat(timespec="seconds"),
        sent_at=None)

