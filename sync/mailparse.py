"""The calendar parts of an e-mail message (.eml), wherever the sending client put them."""

from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr

from comite.kernel.i18n import _
from comite.sync.errors import InboxRefusal

_CALENDAR_TYPES = ("text/calendar", "application/ics", "application/x-ics")


@dataclass(frozen=True, slots=True)
class MailCalendars:
    sender: str  # the From address, case-folded; '' when unreadable
    parts: tuple[bytes, ...]  # each calendar part, decoded from base64/quoted-printable, UTF-8


def calendar_parts(data: bytes) -> MailCalendars:
    """Every text/calendar part (at any depth) and .ics attachment of the message `data`;
    raises InboxRefusal when there is none."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    parts: list[bytes] = []
    for part in message.walk():
        if part.is_multipart() or not _is_calendar(part):
            continue
        payload = _payload(part)
        if payload and payload not in parts:  # Outlook and Gmail send it inline and attached
            parts.append(payload)
    if not parts:
        raise InboxRefusal(_("Ce message ne contient pas de réponse d’agenda."),
                           _("Si l’invité a répondu par écrit, saisissez sa réponse vous-même "
                             "dans l’écran de la réunion."))
    return MailCalendars(sender=_sender(message), parts=tuple(parts))


def _is_calendar(part: EmailMessage) -> bool:
    if part.get_content_type() in _CALENDAR_TYPES:
        return True
    try:
        name = part.get_filename() or ""
    except (ValueError, TypeError, IndexError):  # a malformed Content-Disposition
        return False
    return name.strip().lower().endswith(".ics")


def _payload(part: EmailMessage) -> bytes:
    raw = part.get_payload(decode=True) or b""
    charset = (part.get_content_charset() or "utf-8").lower()
    if charset in ("utf-8", "utf8", "us-ascii", "ascii"):
        return raw
    try:  # a client that declared another charset: iCalendar wants UTF-8
        return raw.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return raw


def _sender(message: EmailMessage) -> str:
    try:
        return parseaddr(str(message.get("From", "")))[1].strip().casefold()
    except (ValueError, TypeError, IndexError):
        return ""
