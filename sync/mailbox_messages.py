"""Whether a message of the coordinator's mailbox is comite's, and what it does to the store.

A message is comite's when it carries a calendar reply to one of this base's invitations (its
UID is a slot comite sent), a Framadate export whose dates are those of a meeting in poll, or a
charter comite made, signed since; or when it answers a message comite sent (its In-Reply-To or
References name one of comite's Message-IDs) — then whatever is wrong with it is said, in
« comite/à vérifier ». Anything else is not comite's: `NotOurs`, and the message is left exactly
as it was.
"""

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Store
from comite.sync import itip
from comite.sync.apply import Applied, NoPollFits, apply_poll, apply_replies
from comite.sync.errors import InboxRefusal
from comite.sync.mailparse import calendar_parts

# comite's invitations carry `<32 hexadecimal digits@the organizer's domain>` (exports.mail).
_COMITE_ID = re.compile(r"<[0-9a-f]{32}@[^<>\s]+>")
_SUBJECT_CHARACTERS = 120


class NotOurs(Exception):
    """The message is none of comite's: it is left where it is, unread, unmoved."""


@dataclass(frozen=True, slots=True)
class Headers:
    message_id: str
    subject: str
    answers_comite: bool  # In-Reply-To / References name a message comite sent

    @property
    def name(self) -> str:
        """How the inbox's screen names the message: its subject (a reply's subject is the
        meeting's title, « Accepté : Comité de printemps »)."""
        subject = " ".join(self.subject.split())[:_SUBJECT_CHARACTERS]
        return _("Courriel « {subject} »").format(subject=subject or _("sans objet"))


def read_headers(raw: bytes) -> Headers:
    """The few headers that decide, read leniently: a malformed one reads as empty."""
    message = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
    answered = " ".join(_header(message, name) for name in ("In-Reply-To", "References"))
    return Headers(message_id=_header(message, "Message-ID").strip()[:500],
                   subject=_header(message, "Subject"),
                   answers_comite=bool(_COMITE_ID.search(answered)))


def _header(message: EmailMessage, name: str) -> str:
    try:
        return str(message.get(name, "") or "")
    except (ValueError, TypeError, IndexError, AttributeError):  # a header no parser agrees on
        return ""


def apply_message(store: Store, raw: bytes, headers: Headers, *, max_bytes: int,
                  organizers: Iterable[str] = (), charter_pieces: Path | None = None,
                  trusted: Iterable[Path] = ()) -> Applied:
    """Apply the message `raw` inside the caller's transaction. Raises NotOurs for a message
    that is not comite's, InboxRefusal (French) for one of comite's that cannot be used. Past
    `max_bytes`, only a signed charter is read."""
    message = BytesParser(policy=policy.default).parsebytes(raw)
    kinds = _attachments(message)
    if len(raw) > max_bytes and not kinds.pdfs:
        if not headers.answers_comite:
            raise NotOurs
        raise InboxRefusal(_("Message trop gros ({size} Mo) : il n’a pas été lu.").format(
            size=round(len(raw) / 1024 / 1024)),
            _("Une réponse d’agenda pèse quelques Ko : vérifiez le message."))
    if kinds.calendar:
        return _replies(store, raw, headers, organizers)
    for data in kinds.polls:
        try:
            return apply_poll(store, data)
        except NoPollFits:
            continue
        except InboxRefusal:
            if _poll_like(data):
                raise
    if charter_pieces is not None:
        for data in kinds.pdfs:
            if (applied := _charter(store, data, charter_pieces, trusted)) is not None:
                return applied
    if headers.answers_comite:
        raise InboxRefusal(
            _("Ce message répond à un envoi de comite mais ne contient ni réponse d’agenda, ni "
              "export Framadate, ni charte signée."),
            _("Si l’invité a répondu par écrit, saisissez sa réponse vous-même dans l’écran de la "
              "réunion ; le message est resté dans le dossier « comite/à vérifier »."))
    raise NotOurs


def _replies(store: Store, raw: bytes, headers: Headers, organizers: Iterable[str]) -> Applied:
    """Calendar replies: comite's when one of their UIDs is; then every reply is applied, or
    none (the refusal of one refuses the message)."""
    organizers = tuple(organizers)
    mail = calendar_parts(raw)
    replies: list[itip.CalendarReply] = []
    refusal: InboxRefusal | None = None
    for part in mail.parts:
        try:
            replies += itip.parse_replies(part, organizers)
        except InboxRefusal as refused:  # an invitation, a cancellation: another calendar's
            refusal = refusal or refused
    ours = [reply for reply in dict.fromkeys(replies) if store.meetings.knows_uid(reply.uid)]
    if ours:
        return apply_replies(store, ours, mail.sender)
    if not headers.answers_comite:
        raise NotOurs
    if refusal is not None:
        raise refusal
    raise InboxRefusal(
        _("Réponse à une invitation inconnue : cet événement n’a pas été envoyé par comite depuis "
          "cette base (ou sa réunion a été supprimée)."),
        _("Si la réponse concerne bien une de vos réunions, saisissez-la vous-même dans l’écran "
          "de la réunion."))


def _charter(store: Store, data: bytes, pieces: Path, trusted: Iterable[Path]) -> Applied | None:
    """A PDF attached: a charter comite made, signed since, or None (not this base's). A PDF
    that cannot be read, or whose first revision is none of comite's, is another's document;
    one that names a charter of this base and fails is comite's, and refused."""
    from comite.sync.charter_returns import read_origin, receive

    pieces.mkdir(parents=True, exist_ok=True)
    # The verifier reads a file: the attachment is written beside the pieces, then removed.
    with tempfile.TemporaryDirectory(dir=pieces.parent, prefix=".courriel-") as folder:
        path = Path(folder) / "piece-jointe.pdf"
        path.write_bytes(data)
        try:
            receipt = receive(store, path, pieces, trusted=[cert for cert in trusted if cert.is_file()])
        except InboxRefusal:
            if (origin := read_origin(path)) is None or not store.charters.knows_uid(origin.uid):
                return None
            raise
    return Applied(reason=receipt.message, meeting_id=None)


@dataclass(frozen=True, slots=True)
class _Kinds:
    calendar: bool
    polls: tuple[bytes, ...]
    pdfs: tuple[bytes, ...]


def _attachments(message: EmailMessage) -> _Kinds:
    calendar, polls, pdfs = False, [], []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind, name = part.get_content_type(), _filename(part)
        if kind in ("text/calendar", "application/ics", "application/x-ics") or name.endswith(".ics"):
            calendar = True
        elif name.endswith(".csv") or kind == "text/csv":
            polls.append(part.get_payload(decode=True) or b"")
        elif name.endswith(".pdf") or kind == "application/pdf":
            pdfs.append(part.get_payload(decode=True) or b"")
    return _Kinds(calendar, tuple(polls), tuple(pdfs))


def _filename(part: EmailMessage) -> str:
    try:
        return (part.get_filename() or "").strip().lower()
    except (ValueError, TypeError, IndexError):  # a malformed Content-Disposition
        return ""


def _poll_like(data: bytes) -> bool:
    """A Framadate export (it matched a poll but asks the coordinator's eye), not any CSV."""
    from comite.sync import framadate

    try:
        framadate.parse_poll(data)
    except (InboxRefusal, ValueError):
        return False
    return True
