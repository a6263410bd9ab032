"""E-mail messages carrying invitations (iMIP, RFC 6047), ready to open and send: one message
per person for each state of the meeting, whatever the number of dates it concerns.

iTIP allows one UID per METHOD object (RFC 5546 §3.2.2), and the mail clients that show answer
buttons act on one calendar part only (docs/invitations.md has the evidence). So a message
carries at most one calendar part inline, its « main » object — the convocation, or the only
object of the message — in a multipart/alternative with the French text (its `method=` the
METHOD inside, which is what makes Outlook, Gmail and Thunderbird show the answer buttons),
then a copy of it attached for the clients that only import files. Every other object (each
date of a poll, a date no longer kept) is attached as its own file, `date-N.ics`, N being the
date's number in the text: an agenda that opens it can answer for that date, and the text says
how to answer otherwise (reply, phone). `X-Unsent: 1` makes Outlook open the .eml as a draft.

The `email` package takes about 3 ms to lay out one such message here, too slow for 50
invitees. So it lays out one frame per shape of message (the same dates for the same
purposes), with markers where each recipient's parts go; a recipient's message is that frame
with its To: and Message-ID: headers (folded and encoded by the package's own header classes)
and its text and calendar objects, encoded as the frame's headers declare, put in place of the
markers.
"""

import base64
import hashlib
import quopri
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime

from comite.exports.french import moment
from comite.exports.ical import CalendarMessage, Organizer, Purpose, clean_name
from comite.exports.mail_text import body as text_of
from comite.kernel.i18n import _
from comite.store.meeting_models import Invitee, MeetingDetail

_MAIN_NAMES = {"REQUEST": "invitation.ics", "CANCEL": "annulation.ics"}
# « =_ » cannot occur in quoted-printable nor base64 text: safe as boundaries and markers.
_BOUNDARIES = ("=_comite_mixed", "=_comite_alternative")
_TEXT_MARK = b"=_comite_text"


def _calendar_mark(index: int) -> bytes:
    # Closed by « _ » so that the mark of object 1 is not the start of the mark of object 10.
    return f"=_comite_calendar_{index}_".encode()


@dataclass(frozen=True, slots=True)
class Letter:
    """One e-mail to one person: every calendar object the meeting's state owes them, in the
    order of the meeting's dates."""

    invitee: Invitee
    parts: tuple[CalendarMessage, ...]

    @property
    def main(self) -> CalendarMessage | None:
        """The object answered from the message itself: the convocation, or the only object."""
        convocation = [part for part in self.parts if part.purpose is Purpose.CONVOCATION]
        if convocation:
            return convocation[0]
        return self.parts[0] if len(self.parts) == 1 else None

    @property
    def purpose(self) -> Purpose:
        """What the message is about: a convocation or a poll before the dates it withdraws."""
        purposes = {part.purpose for part in self.parts}
        for purpose in (Purpose.CONVOCATION, Purpose.HOLD):
            if purpose in purposes:
                return purpose
        return self.parts[0].purpose

    @property
    def shape(self) -> tuple[tuple[int, Purpose], ...]:
        return tuple((part.slot.id, part.purpose) for part in self.parts)


def letters(messages: Iterable[CalendarMessage]) -> list[Letter]:
    """The calendar objects grouped into one letter per recipient, in the recipients' order."""
    grouped: dict[tuple[int, int], list[CalendarMessage]] = {}
    people: dict[tuple[int, int], Invitee] = {}
    for message in messages:
        # An invitee, or (id 0) someone removed: two people sharing an address get one each.
        key = (message.invitee.id, message.invitee.person_id)
        grouped.setdefault(key, []).append(message)
        people.setdefault(key, message.invitee)
    return [Letter(people[key], tuple(sorted(parts, key=lambda part: part.slot.starts_at)))
            for key, parts in grouped.items()]


@dataclass(frozen=True, slots=True)
class _Frame:
    """The whole message but To:, Message-ID:, the text and the calendar objects. The markers
    are looked for below the headers only: a title may contain anything, a marker included."""

    headers: bytes
    body: bytes

    def fill(self, letter: Letter, text: str, organizer: Organizer) -> bytes:
        invitee = letter.invitee
        # A non-ASCII mailbox name (élodie@…) can only travel as SMTPUTF8.
        chosen = policy.SMTP if invitee.email.isascii() else policy.SMTPUTF8
        headers = "".join(chosen.header_factory(name, value).fold(policy=chosen) for name, value in (
            ("To", address(invitee.name, invitee.email)),
            ("Message-ID", _message_id(letter, organizer)),
        )).encode("utf-8")
        body = self.body.replace(_TEXT_MARK, _crlf(quopri.encodestring(text.encode())))
        for index, part in enumerate(letter.parts):
            body = body.replace(_calendar_mark(index), _crlf(base64.encodebytes(part.ics)))
        return headers + self.headers + body


def build_emails(mail: Iterable[Letter], detail: MeetingDetail, organizer: Organizer,
                 now: datetime) -> list[bytes]:
    """The .eml bytes (CRLF line ends) of each letter, in order; `organizer` already checked."""
    numbers = date_numbers(detail)
    frames: dict[tuple[tuple[int, Purpose], ...], _Frame] = {}
    emails = []
    for letter in mail:
        if letter.shape not in frames:
            frames[letter.shape] = _frame(letter, detail, organizer, now, numbers)
        emails.append(frames[letter.shape].fill(letter, text_of(letter, detail, organizer, numbers),
                                                organizer))
    return emails


def date_numbers(detail: MeetingDetail) -> dict[int, int]:
    """Each slot's number, as the text lists the dates and as its file is named (date-N.ics)."""
    return {slot.id: number for number, slot in enumerate(detail.slots, start=1)}


def attachment_name(part: CalendarMessage, numbers: dict[int, int]) -> str:
    return f"date-{numbers[part.slot.id]}.ics"


def _frame(letter: Letter, detail: MeetingDetail, organizer: Organizer, now: datetime,
           numbers: dict[int, int]) -> _Frame:
    mail = EmailMessage(policy=policy.SMTP)
    mail["From"] = address(organizer.name, organizer.email)
    mail["Subject"] = subject(letter, detail)
    mail["Date"] = format_datetime(now.astimezone(UTC).replace(microsecond=0))
    mail["X-Unsent"] = "1"
    mail["MIME-Version"] = "1.0"
    text = MIMEPart(policy=policy.SMTP)
    text.set_raw("Content-Type", 'text/plain; charset="utf-8"')
    text.set_raw("Content-Transfer-Encoding", "quoted-printable")
    text.set_payload(_TEXT_MARK.decode())
    main = letter.main
    mail.set_raw("Content-Type", f'multipart/mixed; boundary="{_BOUNDARIES[0]}"')
    if main is None:
        mail.attach(text)
    else:
        index = letter.parts.index(main)
        # Written by hand: the email package would quote the method (method="REQUEST"), legal
        # MIME but not what Outlook and Gmail themselves send.
        calendar = _base64_part(f'text/calendar; charset="UTF-8"; method={main.method}', index)
        mail.attach(_multipart("alternative", _BOUNDARIES[1], text, calendar))
        mail.attach(_attachment(_MAIN_NAMES[main.method], index))
    for index, part in enumerate(letter.parts):
        if part is not main:
            mail.attach(_attachment(attachment_name(part, numbers), index))
    headers, blank, body = mail.as_bytes().partition(b"\r\n\r\n")
    return _Frame(headers + blank, body)


def subject(letter: Letter, detail: MeetingDetail) -> str:
    title = clean_name(detail.meeting.title)
    main = letter.main
    if letter.purpose is Purpose.HOLD:
        return _("Sondage : quelle date pour « {title} » ?").format(title=title)
    heading = {
        Purpose.CONVOCATION: _("Invitation"), Purpose.RELEASED: _("Date non retenue"),
        Purpose.CANCELLED: _("Annulation"), Purpose.REMOVED: _("Annulation"),
    }[letter.purpose]
    when = f" — {moment(main.slot.starts_at)}" if main is not None else ""
    return f"{heading} : {title}{when}"


def address(name: str, email: str) -> Address:
    # Given in two halves: Address(addr_spec=…) rejects a non-ASCII local part outright, while
    # the SMTPUTF8 policy chosen for it writes it as is.
    local, _at, domain = email.rpartition("@")
    return Address(clean_name(name), username=local, domain=domain)


def _base64_part(content_type: str, index: int) -> MIMEPart:
    part = MIMEPart(policy=policy.SMTP)
    part.set_raw("Content-Type", content_type)
    part.set_raw("Content-Transfer-Encoding", "base64")
    part.set_payload(_calendar_mark(index).decode())
    return part


def _attachment(name: str, index: int) -> MIMEPart:
    # application/ics, not text/calendar: the message's one iMIP part stays the inline one,
    # which is the part every client acts on; a file is opened by the person, date by date.
    part = _base64_part(f'application/ics; name="{name}"', index)
    part.set_raw("Content-Disposition", f'attachment; filename="{name}"')
    return part


def _multipart(subtype: str, boundary: str, *parts: MIMEPart) -> MIMEPart:
    multipart = MIMEPart(policy=policy.SMTP)
    multipart.set_raw("Content-Type", f'multipart/{subtype}; boundary="{boundary}"')
    for part in parts:
        multipart.attach(part)
    return multipart


def _crlf(encoded: bytes) -> bytes:
    return encoded.rstrip(b"\n").replace(b"\n", b"\r\n")


def _message_id(letter: Letter, organizer: Organizer) -> str:
    # Derived from the content: the same message written twice keeps its identity, and no host
    # name (often the coordinator's own name) leaks into it as make_msgid() would do.
    digest = hashlib.sha256(b"".join(part.ics for part in letter.parts)
                            + letter.invitee.email.encode()).hexdigest()[:32]
    return f"<{digest}@{organizer.email.rpartition('@')[2]}>"
