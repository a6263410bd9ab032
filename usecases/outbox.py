"""A meeting's mail and paper: invitations written to the outbox and recorded, sent through the
server of the settings, paper convocations to print. The command line and the app call these;
each returns what it wrote or sent and raises Refused (or OSError) with nothing half-done."""

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from comite.kernel.i18n import _
from comite.store import Refused, Store
from comite.store.errors import Undone
from comite.store.sending import delivery
from comite.usecases.organizer import organizer
from comite.usecases.settings import Settings

if TYPE_CHECKING:
    from comite.exports.invitations import OutboxResult
    from comite.exports.smtp import SendResult

log = logging.getLogger("comite.usecases.outbox")


def write_invitations(store: Store, meeting_id: int, settings: Settings,
                      folder: Path | None = None) -> "OutboxResult":
    """Write every message the meeting calls for (.eml + .ics) and record them as invitations;
    a cancellation owed to someone removed from the meeting is written once, then recorded.
    `to_send` names the messages that would not reach their person twice: new or changed
    since it was last sent, or never sent."""
    from comite.exports.ical import Organizer
    from comite.exports.invitations import stage_outbox

    owed = store.meetings.unsent(meeting_id).invitee_ids
    previous = store.meetings.invitations(meeting_id)
    delivered = {invitee for invitee, sent in delivery(previous).items() if sent}
    went = {(r.invitee_id, r.uid, r.method, r.sequence): r.sent_at for r in previous if r.sent_at}
    detail = store.meetings.detail(meeting_id)
    coordinator = organizer(store, detail.meeting.committee_id, settings)
    outbox = folder or settings.folder("outbox")
    try:
        staged = stage_outbox(detail, Organizer(name=coordinator.name, email=coordinator.email,
                                                phone=coordinator.phone, role=coordinator.role),
                              outbox, cancellations=tuple(store.meetings.cancellations(meeting_id)))
    except (OSError, sqlite3.Error) as error:
        raise _undone(error, store, outbox) from error
    result = staged.result
    fresh_people = {record.invitee_id for record in result.records
                    if record.invitee_id in owed or record.invitee_id not in delivered}
    # Recorded and put in the folder together: a record that fails takes the files back out,
    # and files that cannot be moved in leave no record.
    try:
        with store.db.write():
            # A message rewritten as it was sent is still sent: its record keeps when it went.
            store.meetings.record_invitations(meeting_id, [
                record if record.invitee_id in fresh_people else replace(
                    record,
                    sent_at=went[record.invitee_id, record.uid, record.method, record.sequence])
                for record in result.records])
            store.meetings.record_cancellations(meeting_id, list(result.cancelled))
            staged.place()
    except BaseException as error:
        staged.undo()
        if isinstance(error, OSError | sqlite3.Error):
            raise _undone(error, store, result.folder) from error
        raise
    staged.done()
    fresh = {record.file_name for record in result.records if record.invitee_id in fresh_people}
    # Cancellations written now, or before and still waiting (their files stay in the folder).
    fresh |= {c.file_name for c in store.meetings.cancellations(meeting_id)
              if c.file_name and not c.sent_at}
    return replace(result, to_send=tuple(path for path in result.emails if path.name in fresh)
                   + tuple(path for name in sorted(fresh - {p.name for p in result.emails})
                           if (path := result.folder / name).is_file()))


def _undone(error: OSError | sqlite3.Error, store: Store, folder: Path) -> Undone:
    """The fault said in French, and that the invitations written before it were removed."""
    from comite.store.errors import fault_message

    log.warning("invitations undone: %s", type(error).__name__)
    return Undone(fault_message(error, where=folder, database=store.path) + " " + _(
        "Les invitations déjà écrites ont été retirées ; rien n’a été enregistré dans la base."))


def send_invitations(store: Store, meeting_id: int, emails: list[Path],
                     settings: Settings) -> list["SendResult"]:
    """Send written messages through the settings' server; each one sent is marked so."""
    return send_with_settings(emails, settings, lambda name, sent_at: store.meetings.mark_sent(
        meeting_id, name, sent_at))


def send_with_settings(emails: list[Path], settings: Settings,
                       mark_sent: Callable[[str, str], object]) -> list["SendResult"]:
    """Send .eml files through the settings' server, each one sent marked by
    `mark_sent(file name, when)`; refused, nothing sent, without a server."""
    from comite.exports.smtp import SmtpConfig, password, send

    if not settings.smtp_host:
        raise Refused(_("Aucun serveur d’envoi n’est réglé (F2 dans l’application) : les "
                        "messages attendent dans la boîte d’envoi."))
    config = SmtpConfig(host=settings.smtp_host, port=int(settings.smtp_port or 587),
                        username=settings.smtp_user, security=settings.smtp_security,
                        from_address=settings.coordinator_email)
    results = send(emails, config, password(config))
    for result in results:
        if result.ok:
            mark_sent(result.path.name, result.sent_at)
    log.info("sent %d message(s), %d failed", sum(r.ok for r in results),
             sum(not r.ok for r in results))
    return results


def write_convocations(store: Store, meeting_id: int, settings: Settings,
                       target: Path | None = None) -> Path:
    """The paper convocations of the meeting, one PDF to print, with its ordre du jour as the
    e-mail gives it."""
    from comite.exports.files import slug
    from comite.exports.pdf.convocation import write_convocations as write_pdf
    from comite.usecases.letterhead import committee_stationery

    detail = store.meetings.detail(meeting_id)
    target = target or settings.folder("exports") / f"convocations-{slug(detail.meeting.title)}.pdf"
    coordinator = organizer(store, detail.meeting.committee_id, settings)
    return write_pdf(detail, target, organizer_name=coordinator.name,
                     organizer_phone=coordinator.phone, organizer_email=coordinator.email,
                     organizer_role=coordinator.role,
                     agenda=store.agenda.agenda(meeting_id).items,
                     stationery=committee_stationery(store, detail.meeting.committee_id))
