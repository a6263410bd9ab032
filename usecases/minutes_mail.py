"""Sending the minutes to the members: when they are circulated for remarks, adopted, signed.

`prepare_minutes_mail` writes, for the minutes' present status, an e-mail to each member with
an address (the PDF of that version attached, and the easy-to-read PDF for those who asked for
it) and one batch of letters to print for the members without, and records them;
`send_minutes_mail` sends the e-mails through the settings' server. Without a server they wait
in the outbox. Never twice the same status to the same person: someone who received it (an
e-mail sent, a letter written for printing) is not written to again for that status.
"""

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from comite.kernel.i18n import _
from comite.store import Refused, Store
from comite.store.minutes_models import MinutesStatus
from comite.usecases.minutes import MinutesKind, write_minutes
from comite.usecases.organizer import organizer
from comite.usecases.outbox import send_with_settings
from comite.usecases.settings import Settings

if TYPE_CHECKING:
    from comite.exports.minutes_outbox import MinutesOutboxResult
    from comite.exports.smtp import SendResult

log = logging.getLogger("comite.usecases.minutes_mail")


def prepare_minutes_mail(store: Store, meeting_id: int, settings: Settings,
                         outbox: Path | None = None,
                         now: datetime | None = None) -> "MinutesOutboxResult":
    """Write and record the messages of the minutes' present status to everyone who has not
    received it yet; refused (French) while the minutes are a draft."""
    from comite.exports.files import slug
    from comite.exports.ical import Organizer
    from comite.exports.minutes_mail import Attachment
    from comite.exports.minutes_outbox import checked_sender, write_minutes_outbox
    from comite.exports.outbox_folders import minutes_folder
    from comite.usecases.letterhead import committee_stationery

    doc = store.minutes.document(meeting_id)
    status = doc.state.status
    if status is MinutesStatus.DRAFT:
        raise Refused(_("Le compte rendu est encore un brouillon : diffusez-le d’abord pour "
                        "remarques (« d » sur sa page)."))
    mail = store.minutes_mail
    done = [m for m in mail.messages(meeting_id) if m.status is status and m.sent_at]
    reached = {m.person_id for m in done}
    recipients = mail.recipients(meeting_id)
    owed = [r for r in recipients if r.person_id not in reached]
    coordinator = organizer(store, doc.meeting.committee_id, settings)
    sender = Organizer(name=coordinator.name, email=coordinator.email)
    checked_sender(owed, sender)  # before any file is written
    folder = minutes_folder(outbox or settings.folder("outbox"), store.meetings.detail(meeting_id))
    name = slug(doc.meeting.title)
    full = write_minutes(store, meeting_id, MinutesKind.FULL, settings,
                         folder / MinutesKind.FULL.file_name.format(slug=name))
    easy = None
    # Beside the full version whenever someone reads it: the folder shows what each received.
    if any(r.easy_read for r in recipients):
        easy = write_minutes(store, meeting_id, MinutesKind.EASY, settings,
                             folder / MinutesKind.EASY.file_name.format(slug=name))
    result = write_minutes_outbox(
        doc, owed, Attachment(full.name, full.read_bytes()),
        Attachment(easy.name, easy.read_bytes()) if easy else None, folder, sender,
        coordinator.phone, kept=frozenset(m.file_name for m in done), now=now,
        stationery=committee_stationery(store, doc.meeting.committee_id))
    mail.record(meeting_id, result.records)
    log.info("minutes (%s) written: %d e-mail(s), %d letter(s)", status, len(result.emails),
             len(result.on_paper))
    return result


def send_minutes_mail(store: Store, meeting_id: int, emails: list[Path],
                      settings: Settings) -> list["SendResult"]:
    """Send written minutes' e-mails through the settings' server; each one sent is marked so."""
    return send_with_settings(emails, settings, lambda name, sent_at: store.minutes_mail.mark_sent(
        meeting_id, name, sent_at))
