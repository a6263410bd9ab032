"""Calendar replies (iTIP METHOD:REPLY) read from an .ics file or a message's calendar part.

Lenient where real clients are sloppy (no ORGANIZER, « Accepté : » in the SUMMARY, Windows
zone names, addresses in any case, METHOD missing, the organizer relayed among the attendees),
strict where it matters: only UID, SEQUENCE, DTSTAMP, the attendee's address, PARTSTAT and
COMMENT are taken, and the ORGANIZER's address only to tell it apart from the one who answers;
nothing else in the file (times, summary) is ever read, so an unknown TZID cannot break a reply.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from icalendar import Parameters, vDDDTypes
from icalendar.parser import Contentlines
from icalendar.timezone import tzp

from comite.kernel.i18n import _
from comite.sync.errors import InboxRefusal

USABLE_PARTSTATS = ("ACCEPTED", "TENTATIVE", "DECLINED")
COMMENT_LIMIT = 500  # the store refuses longer comments
_ADDRESS = re.compile(r"^[^@\s<>,;:\"()\[\]]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$")
_WANTED = {"UID", "SEQUENCE", "DTSTAMP", "ATTENDEE", "COMMENT", "ORGANIZER"}
_NOT_REPLIES = {
    "REQUEST": "une invitation (REQUEST)",
    "CANCEL": "une annulation (CANCEL)",
    "PUBLISH": "un événement publié (PUBLISH)",
    "COUNTER": "une proposition d’un autre horaire (COUNTER)",
    "REFRESH": "une demande de renvoi de l’invitation (REFRESH)",
    "DECLINECOUNTER": "un refus de contre-proposition (DECLINECOUNTER)",
    "ADD": "un ajout d’occurrences (ADD)",
}


_Event = dict[str, list[tuple[Parameters, str]]]


@dataclass(frozen=True, slots=True)
class CalendarReply:
    uid: str
    attendee: str  # e-mail, case-folded, without mailto:
    partstat: str  # one of USABLE_PARTSTATS
    comment: str
    sequence: int
    stamp: datetime | None  # aware, UTC


def parse_replies(data: bytes, organizers: Iterable[str] = ()) -> list[CalendarReply]:
    """Every reply in the calendar file `data`; raises InboxRefusal (French) when there is none
    or when the file is not a reply at all.

    `organizers`: the coordinator's addresses known elsewhere (the settings); with each event's
    own ORGANIZER, an attendee at one of them is the organizer, not someone who answers."""
    known = {address for address in map(_plain_address, organizers) if address}
    methods, events = _read(_text(data))
    for method in methods:
        if method and method != "REPLY":
            raise InboxRefusal(
                _("Ce fichier d’agenda est {what}, pas une réponse à une invitation.").format(
                    what=_(_NOT_REPLIES.get(method, "un message d’agenda d’un autre type"))),
                _("Seules les réponses des invités (Accepter, Peut-être, Refuser) se déposent "
                  "dans la boîte de réception."))
    if not events:
        raise InboxRefusal(_("Ce fichier d’agenda ne contient aucun événement."),
                           _("Déposez la réponse reçue de l’invité (fichier .ics ou message .eml)."))
    return list(dict.fromkeys(_reply(event, known) for event in events))  # the same reply twice counts once


def _text(data: bytes) -> str:
    if b"\x00" in data[:8192]:  # an image, a PDF, a program… renamed .ics
        raise _not_a_calendar()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise InboxRefusal(
            _("Ce fichier n’est pas un fichier d’agenda lisible : il n’est pas encodé en UTF-8, "
              "comme l’exige le format iCalendar."),
            _("Demandez à l’invité de renvoyer sa réponse depuis son agenda, ou saisissez-la "
              "vous-même dans l’écran de la réunion.")) from None
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise _not_a_calendar()
    return text


def _read(text: str) -> tuple[list[str], list[_Event]]:
    """METHOD of each calendar, and the wanted properties of each VEVENT directly in one.

    icalendar's content-line reader (unfolding, parameters, escapes) without its component
    parser: that one interprets every value, and a custom time zone it cannot read (Outlook's
    « Customized Time Zone », an offset of +2500) would make it refuse the whole reply."""
    methods: list[str] = []
    events: list[_Event] = []
    stack: list[str] = []
    for line in Contentlines.from_ical(text):
        if not line.strip():
            continue
        try:
            name, params, value = line.parts()
        except ValueError:
            raise _unreadable() from None
        name = name.upper()
        if name == "BEGIN":
            stack.append(value.strip().upper())
            if stack == ["VCALENDAR", "VEVENT"]:
                events.append({})
        elif name == "END":
            if not stack or stack.pop() != value.strip().upper():
                raise _unreadable()
        elif stack == ["VCALENDAR"] and name == "METHOD":
            methods.append(value.strip().upper())
        elif stack == ["VCALENDAR", "VEVENT"] and name in _WANTED:
            events[-1].setdefault(name, []).append((params, value))
    if stack:  # a BEGIN without its END: the file was cut
        raise _unreadable()
    return methods, events


def _not_a_calendar() -> InboxRefusal:
    return InboxRefusal(_("Ce fichier n’est pas un fichier d’agenda (iCalendar), malgré son nom."),
                        _("Vérifiez le fichier déposé : une réponse d’agenda est un fichier .ics "
                          "qui commence par « BEGIN:VCALENDAR », ou un message .eml qui en contient un."))


def _unreadable() -> InboxRefusal:
    return InboxRefusal(
        _("Ce fichier d’agenda est illisible ou incomplet (peut-être tronqué pendant la copie)."),
        _("Redéposez le fichier d’origine ; s’il est abîmé, saisissez la réponse vous-même "
          "dans l’écran de la réunion."))


def _reply(event: _Event, organizers: set[str]) -> CalendarReply:
    uid = _first(event, "UID").strip()
    if not uid or len(uid) > 255 or any(unicodedata.category(ch) == "Cc" for ch in uid):
        raise InboxRefusal(_("Cette réponse d’agenda n’a pas d’identifiant d’événement (UID) "
                             "utilisable."), _("Saisissez la réponse vous-même dans l’écran de la réunion."))
    params, address = _single_attendee(event, organizers)
    partstat = str(params.get("PARTSTAT", "")).strip().upper()
    if partstat not in USABLE_PARTSTATS:
        raise InboxRefusal(
            _("Cette réponse d’agenda ne dit pas si la personne vient (statut « {value} »).").format(
                value=_printable(partstat, 20) or _("absent")),
            _("Une réponse utilisable accepte, accepte provisoirement ou refuse l’invitation."))
    comment = "\n".join(value for _params, value in event.get("COMMENT", []))
    return CalendarReply(uid=uid, attendee=_address(params, address), partstat=partstat,
                         comment=_printable(comment, COMMENT_LIMIT, keep_lines=True),
                         sequence=_sequence(event), stamp=_stamp(event))


def _first(event: _Event, name: str) -> str:
    found = event.get(name)
    return found[0][1] if found else ""


def _single_attendee(event: _Event, organizers: set[str]) -> tuple[Parameters, str]:
    attendees = event.get("ATTENDEE", [])
    if not attendees:
        raise InboxRefusal(_("Cette réponse d’agenda ne dit pas qui répond (aucun ATTENDEE)."),
                           _("Saisissez la réponse vous-même dans l’écran de la réunion."))
    if len(attendees) == 1:
        return attendees[0]
    # RFC 5546 §3.2.3: a REPLY carries one ATTENDEE, the one who answers. A CalDAV server
    # relaying it (Apple Calendar's often does) also lists the organizer: that line is set
    # aside, never applied. Setting lines aside only narrows who the reply speaks for, so a
    # forged ORGANIZER cannot make it answer for anyone it did not already name.
    organizers = organizers | {address for params, value in event.get("ORGANIZER", [])
                               if (address := _plain_address(value, params))}
    others = [attendee for attendee in attendees
              if _plain_address(attendee[1], attendee[0]) not in organizers]
    if len(others) != 1:
        # A reply speaks for one person; with several, anyone could answer for the others.
        raise InboxRefusal(
            _("Cette réponse d’agenda parle pour plusieurs personnes à la fois ({count})."
              ).format(count=len(others) or len(attendees)),
            _("Une réponse d’agenda ne concerne qu’un invité : saisissez ces réponses vous-même "
              "dans l’écran de la réunion."))
    return others[0]


def _address(params: Parameters, value: str) -> str:
    address = _plain_address(value, params)
    if not address:
        raise InboxRefusal(_("L’adresse de la personne qui répond est illisible."),
                           _("Saisissez la réponse vous-même dans l’écran de la réunion."))
    return address


def _plain_address(value: str, params: Parameters | None = None) -> str:
    """The e-mail of a calendar address, case-folded, without mailto:; "" when unreadable."""
    value = value.strip()
    if value.casefold().startswith("mailto:"):
        value = value[len("mailto:"):]
    elif "@" not in value and params is not None:  # Apple may write urn:uuid:… with the address in EMAIL=
        value = str(params.get("EMAIL", ""))
    value = value.strip().casefold()
    return value if len(value) <= 254 and _ADDRESS.match(value) else ""


def _sequence(event: _Event) -> int:
    text = _first(event, "SEQUENCE").strip()
    if not text:
        return 0
    if not text.isdigit() or int(text) >= 2**31:
        raise InboxRefusal(_("Le numéro de version (SEQUENCE) de cette réponse d’agenda est "
                             "illisible."), _("Saisissez la réponse vous-même dans l’écran de la réunion."))
    return int(text)


def _stamp(event: _Event) -> datetime | None:
    found = event.get("DTSTAMP")
    if not found:
        return None
    params, text = found[0]
    try:
        value = vDDDTypes.from_ical(text.strip())
    except ValueError:
        raise InboxRefusal(_("La date d’envoi (DTSTAMP) de cette réponse d’agenda est invalide."),
                           _("Demandez à l’invité de renvoyer sa réponse, ou saisissez-la vous-même "
                             "dans l’écran de la réunion.")) from None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            # Floating or in an unknown zone: UTC is the rule for DTSTAMP, and it only orders replies.
            zone = tzp.timezone(str(params["TZID"])) if "TZID" in params else None
            value = value.replace(tzinfo=zone or UTC)
        return value.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    raise InboxRefusal(_("La date d’envoi (DTSTAMP) de cette réponse d’agenda est invalide."))


def _printable(text: str, limit: int, keep_lines: bool = False) -> str:
    """Without control characters (a terminal would obey them), at most `limit` characters."""
    kept = []
    for ch in unicodedata.normalize("NFC", text):
        if ch == "\n" and keep_lines:
            kept.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf") or ch in "\u2028\u2029":
            kept.append(" " if ch in "\t\r\n" else "")
        else:
            kept.append(ch)
    return "".join(kept).strip()[:limit].strip()
