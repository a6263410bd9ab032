"""E-mail messages carrying an invitation (iMIP, RFC 6047), ready to open and send.

Each message is multipart/mixed: a multipart/alternative with the French text and the
text/calendar part (its `method=` the METHOD inside, which is what makes Outlook, Gmail and
Thunderbird show the answer buttons), then the same .ics as an attachment for the clients
that only import files. `X-Unsent: 1` makes Outlook open the .eml as a draft to send.

The `email` package takes about 3 ms to lay out one such message here, too slow for 150 of
them (50 invitees × 3 dates). So it lays out one frame per date and purpose, with markers
where each recipient's parts go; a recipient's message is that frame with its To: and
Message-ID: headers (folded and encoded by the package's own header classes) and its text
and calendar, encoded as the frame's headers declare, put in place of the markers.
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

from comite.exports.agenda_lines import agenda_lines
from comite.exports.french import moment, span
from comite.exports.ical import CalendarMessage, Organizer, Purpose, clean_name, place
from comite.kernel.i18n import _
from comite.store.meeting_models import InviteeSeat, MeetingDetail

_ATTACHMENT_NAMES = {"REQUEST": "invitation.ics", "CANCEL": "annulation.ics"}
# « =_ » cannot occur in quoted-printable nor base64 text: safe as boundaries and markers.
_BOUNDARIES = ("=_comite_mixed", "=_comite_alternative")
_TEXT_MARK = b"=_comite_text"
_CALENDAR_MARK = b"=_comite_calendar"


@dataclass(frozen=True, slots=True)
class _Frame:
    """The whole message but To:, Message-ID:, the text and the calendar. The markers are looked
    for below the headers only: a title may contain anything, a marker included."""

    headers: bytes
    body: bytes

    def fill(self, message: CalendarMessage, text: str, organizer: Organizer) -> bytes:
        invitee = message.invitee
        # A non-ASCII mailbox name (élodie@…) can only travel as SMTPUTF8.
        chosen = policy.SMTP if invitee.email.isascii() else policy.SMTPUTF8
        headers = "".join(chosen.header_factory(name, value).fold(policy=chosen) for name, value in (
            ("To", _address(invitee.name, invitee.email)),
            ("Message-ID", _message_id(message, organizer)),
        )).encode("utf-8")
        body = self.body.replace(_TEXT_MARK, _crlf(quopri.encodestring(text.encode())))
        return headers + self.headers + body.replace(_CALENDAR_MARK, _crlf(base64.encodebytes(message.ics)))


def build_emails(messages: Iterable[CalendarMessage], detail: MeetingDetail, organizer: Organizer,
                 now: datetime) -> list[bytes]:
    """The .eml bytes (CRLF line ends) of each message, in order; `organizer` already checked."""
    frames: dict[tuple[int, Purpose], _Frame] = {}
    emails = []
    for message in messages:
        key = (message.slot.id, message.purpose)
        if key not in frames:
            frames[key] = _frame(message, organizer, now)
        emails.append(frames[key].fill(message, _body(message, detail, organizer), organizer))
    return emails


def build_email(message: CalendarMessage, detail: MeetingDetail, organizer: Organizer,
                now: datetime) -> bytes:
    return build_emails([message], detail, organizer, now)[0]


def _frame(message: CalendarMessage, organizer: Organizer, now: datetime) -> _Frame:
    mail = EmailMessage(policy=policy.SMTP)
    mail["From"] = _address(organizer.name, organizer.email)
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(now.astimezone(UTC).replace(microsecond=0))
    mail["X-Unsent"] = "1"
    mail["MIME-Version"] = "1.0"
    text = MIMEPart(policy=policy.SMTP)
    text.set_raw("Content-Type", 'text/plain; charset="utf-8"')
    text.set_raw("Content-Transfer-Encoding", "quoted-printable")
    text.set_payload(_TEXT_MARK.decode())
    # Written by hand: the email package would quote the method (method="REQUEST"), legal MIME
    # but not what Outlook and Gmail themselves send.
    calendar = _base64_part(f'text/calendar; charset="UTF-8"; method={message.method}')
    name = _ATTACHMENT_NAMES[message.method]
    attachment = _base64_part(f'application/ics; name="{name}"')
    attachment.set_raw("Content-Disposition", f'attachment; filename="{name}"')
    alternative = _multipart("alternative", _BOUNDARIES[1], text, calendar)
    mail.set_raw("Content-Type", f'multipart/mixed; boundary="{_BOUNDARIES[0]}"')
    mail.attach(alternative)
    mail.attach(attachment)
    headers, blank, body = mail.as_bytes().partition(b"\r\n\r\n")
    return _Frame(headers + blank, body)


def _address(name: str, email: str) -> Address:
    # Given in two halves: Address(addr_spec=…) rejects a non-ASCII local part outright, while
    # the SMTPUTF8 policy chosen for it writes it as is.
    local, _at, domain = email.rpartition("@")
    return Address(clean_name(name), username=local, domain=domain)


def _base64_part(content_type: str) -> MIMEPart:
    part = MIMEPart(policy=policy.SMTP)
    part.set_raw("Content-Type", content_type)
    part.set_raw("Content-Transfer-Encoding", "base64")
    part.set_payload(_CALENDAR_MARK.decode())
    return part


def _multipart(subtype: str, boundary: str, *parts: MIMEPart) -> MIMEPart:
    multipart = MIMEPart(policy=policy.SMTP)
    multipart.set_raw("Content-Type", f'multipart/{subtype}; boundary="{boundary}"')
    for part in parts:
        multipart.attach(part)
    return multipart


def _crlf(encoded: bytes) -> bytes:
    return encoded.rstrip(b"\n").replace(b"\n", b"\r\n")


def _message_id(message: CalendarMessage, organizer: Organizer) -> str:
    # Derived from the content: the same message written twice keeps its identity, and no host
    # name (often the coordinator's own name) leaks into it as make_msgid() would do.
    digest = hashlib.sha256(message.ics + message.invitee.email.encode()).hexdigest()[:32]
    return f"<{digest}@{organizer.email.rpartition('@')[2]}>"


def _body(message: CalendarMessage, detail: MeetingDetail, organizer: Organizer) -> str:
    meeting, slot, invitee = detail.meeting, message.slot, message.invitee
    names = {"organizer": clean_name(organizer.name), "title": meeting.title,
             "committee": meeting.committee_name}
    lines = [_("Bonjour {name},").format(name=clean_name(invitee.name)), ""]
    lines += [_INTRO[message.purpose].format(**names)]
    chosen = detail.chosen_slot
    if message.purpose is Purpose.RELEASED and chosen is not None:
        lines += [_("La réunion aura lieu le {when}.").format(when=moment(chosen.starts_at))]
    lines += ["", _("Quand : {when}").format(when=span(slot.starts_at, slot.ends_at, meeting.timezone))]
    where = place(detail, slot)
    if where:
        lines += [_("Où : {place}").format(place=where)]
    if meeting.video_url:
        lines += [_("Visio : {link}").format(link=meeting.video_url)]
    lines += ["", *_ANSWER[message.purpose]]
    if message.purpose.method == "REQUEST":
        if invitee.seat is InviteeSeat.SUBSTITUTE and invitee.substitute_for_name:
            lines += ["", _("Vous êtes invité(e) en tant que suppléant(e). Titulaire du siège : "
                            "{name}.").format(name=invitee.substitute_for_name)]
        if meeting.description.strip():
            lines += ["", meeting.description.strip()]
        if detail.agenda:
            lines += ["", _("Ordre du jour :"), *agenda_lines(detail)]
    lines += ["", _("Cordialement,"), names["organizer"], organizer.email]
    return "\n".join(lines) + "\n"


_INTRO = {
    Purpose.HOLD: _("{organizer} vous propose une date pour la réunion « {title} » ({committee}). "
                    "Plusieurs dates sont proposées, chacune dans son propre message : merci de "
                    "répondre à chacune."),
    Purpose.CONVOCATION: _("{organizer} vous invite à la réunion « {title} » ({committee})."),
    Purpose.RELEASED: _("Cette date n’a pas été retenue pour la réunion « {title} » ({committee}) : "
                        "vous pouvez la retirer de votre agenda."),
    Purpose.CANCELLED: _("La réunion « {title} » ({committee}) est annulée."),
    Purpose.REMOVED: _("Vous n’êtes plus invité(e) à la réunion « {title} » ({committee}) : "
                       "votre agenda vous propose de la retirer."),
}
_ANSWER = {
    Purpose.HOLD: (
        _("Pour répondre, utilisez les boutons de l’invitation dans votre messagerie ou votre agenda :"),
        _("- Accepter : oui, cette date me convient ;"),
        _("- Peut-être : si nécessaire ;"),
        _("- Refuser : non."),
        _("Vous pouvez aussi répondre à ce message ou appeler la coordination."),
    ),
    Purpose.CONVOCATION: (
        _("Pour répondre, utilisez les boutons de l’invitation dans votre messagerie ou votre agenda :"),
        _("Accepter si vous venez, Refuser si vous ne pouvez pas venir."),
    ),
    Purpose.RELEASED: (_("Aucune réponse n’est attendue."),),
    Purpose.CANCELLED: (_("Aucune réponse n’est attendue : votre agenda vous propose de retirer "
                          "cette réunion."),),
    Purpose.REMOVED: (_("Aucune réponse n’est attendue."),),
}
