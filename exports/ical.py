"""iTIP objects (RFC 5546) for a meeting: one calendar object per slot and per recipient (the
e-mail of each person gathers theirs: exports/mail.py).

During the poll each proposed slot is a tentative hold (REQUEST, STATUS:TENTATIVE) with the
slot's own UID; once convened the chosen slot is confirmed under the same UID; released slots
and cancelled meetings go out as CANCEL. SEQUENCE is the store's: it bumps it on every change.

Each message names only its recipient as ATTENDEE (RFC 5546 allows the full list or a part of
it). The members of a comité des usagers are patients' representatives: listing everyone would
hand each recipient the others' addresses; and a client finds « me » by matching its mailbox to
an ATTENDEE, which one ATTENDEE equal to the To: address makes certain, in Outlook, Thunderbird
and Google alike.
"""

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vCalAddress

from comite.exports import message_words as words
from comite.exports.agenda_lines import agenda_lines
from comite.exports.french import long_date, moment
from comite.exports.vtimezone import vtimezone
from comite.kernel.glossary import FirstUse
from comite.kernel.grammar import gender_of, gendered, of_the
from comite.kernel.i18n import _
from comite.store.errors import Refused
from comite.store.meeting_models import (
    Cancellation,
    Invitee,
    InviteeSeat,
    MeetingDetail,
    PartStat,
    Slot,
    SlotStatus,
)
from comite.store.sending import Purpose, planned
from comite.store.validation import FieldError
from comite.store.validation import email as checked_email

PRODID = "-//comite//comite 0.1//FR"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Organizer:
    """The coordinator, as ORGANIZER of every invitation and From: of every message."""

    name: str
    email: str
    phone: str = ""  # said in every message, for those who answer by phone
    role: str = ""  # « coordinatrice de la MSP » (settings' coordinator_role)


@dataclass(frozen=True, slots=True)
class CalendarMessage:
    purpose: Purpose
    slot: Slot
    invitee: Invitee
    ics: bytes

    @property
    def method(self) -> str:
        return self.purpose.method

    @property
    def uid(self) -> str:
        return self.slot.uid

    @property
    def sequence(self) -> int:
        return self.slot.sequence


_STATUS = {Purpose.HOLD: "TENTATIVE", Purpose.CONVOCATION: "CONFIRMED",
           Purpose.RELEASED: "CANCELLED", Purpose.CANCELLED: "CANCELLED",
           Purpose.REMOVED: "CANCELLED"}


def build_messages(detail: MeetingDetail, organizer: Organizer, now: datetime) -> list[CalendarMessage]:
    """Every message the meeting's present state calls for, to invitees who have an e-mail.

    `now` (aware) becomes DTSTAMP, so the same state and the same `now` give the same bytes.
    """
    sender = checked_organizer(organizer)
    stamp = now.astimezone(UTC).replace(microsecond=0)
    messages = []
    for slot, purpose in planned(detail):
        before, after = _calendar_around_attendee(detail, slot, purpose, sender, stamp)
        for invitee in detail.invitees:
            if invitee.email:
                messages.append(CalendarMessage(
                    purpose=purpose, slot=slot, invitee=invitee,
                    ics=before + _attendee_line(invitee, purpose) + after))
    return messages


def build_cancellation(detail: MeetingDetail, cancellation: Cancellation, organizer: Organizer,
                       now: datetime) -> CalendarMessage | None:
    """The CANCEL for one person removed from the meeting: their invitation's UID, a SEQUENCE
    above theirs, they alone as ATTENDEE. None when the date is gone or they have no e-mail."""
    slot = next((s for s in detail.slots if s.uid == cancellation.uid), None)
    if slot is None or not cancellation.email:
        return None
    sender = checked_organizer(organizer)
    stamp = now.astimezone(UTC).replace(microsecond=0)
    slot = replace(slot, sequence=cancellation.sequence)
    person = Invitee(
        id=0, person_id=cancellation.person_id, name=cancellation.name, email=cancellation.email,
        phone="", seat=InviteeSeat.GUEST, seat_key=None, substitute_for_name="", required=False,
        partstat=PartStat.NEEDS_ACTION, comment="", sex=cancellation.sex)
    before, after = _calendar_around_attendee(detail, slot, Purpose.REMOVED, sender, stamp,
                                              gender_of(cancellation.sex))
    return CalendarMessage(purpose=Purpose.REMOVED, slot=slot, invitee=person,
                           ics=before + _attendee_line(person, Purpose.REMOVED) + after)


def checked_organizer(organizer: Organizer) -> Organizer:
    if not organizer.email.strip():
        raise Refused(_("Indiquez votre adresse e-mail de coordination dans les réglages (F2) : "
                        "elle devient l’organisateur des invitations."))
    try:
        address = checked_email("email", organizer.email)
    except FieldError:
        # The address itself stays out of the message: it may end up in a log.
        raise Refused(_("L’adresse e-mail de coordination indiquée dans les réglages (F2) n’est pas "
                        "valide (exemple : coordination@msp-example.org).")) from None
    return replace(organizer, name=clean_name(organizer.name) or address, email=address)


def clean_name(text: str) -> str:
    """A name fit for a CN parameter or a header: one line, no double quote (iCalendar has no
    escape for it inside a quoted parameter value)."""
    return " ".join(_CONTROL.sub(" ", text).replace('"', "'").split())


def place(detail: MeetingDetail, slot: Slot) -> str:
    """Where it happens: a chosen slot's place was copied to the meeting, which a reschedule may
    have changed since; a proposed slot's own place wins over the meeting's."""
    meeting = detail.meeting
    if slot.status is SlotStatus.CHOSEN:
        return meeting.place or slot.place
    return slot.place or meeting.place


def _calendar_around_attendee(
    detail: MeetingDetail, slot: Slot, purpose: Purpose, organizer: Organizer, stamp: datetime,
    gender: str | None = None,
) -> tuple[bytes, bytes]:
    """The calendar object of one slot, cut just after BEGIN:VEVENT where each recipient's
    ATTENDEE line goes: the rest is the same for all, and serializing it once per slot instead of
    once per person is what keeps 50 invitees × 3 dates within the time budget."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", purpose.method)
    zone = vtimezone(detail.meeting.timezone, [slot.starts_at, slot.ends_at])
    if zone is not None:
        calendar.add_component(zone)
    calendar.add_component(_event(detail, slot, purpose, organizer, stamp, zone is not None,
                                  gender))
    # Text values escape line breaks, so this line can only be the component's own start.
    before, cut, after = calendar.to_ical().partition(b"\r\nBEGIN:VEVENT\r\n")
    return before + cut, after


def _event(
    detail: MeetingDetail, slot: Slot, purpose: Purpose, organizer: Organizer, stamp: datetime,
    zoned: bool, gender: str | None = None,
) -> Event:
    title = text_value(detail.meeting.title)
    event = Event()
    event.add("uid", slot.uid)
    event.add("sequence", slot.sequence)
    event.add("dtstamp", stamp)
    # Without a VTIMEZONE a client cannot read TZID: the instants then travel in UTC.
    event.add("dtstart", slot.starts_at if zoned else slot.starts_at.astimezone(UTC))
    event.add("dtend", slot.ends_at if zoned else slot.ends_at.astimezone(UTC))
    event.add("summary", _summary(title, purpose))
    event.add("status", _STATUS[purpose])
    where = location(detail, slot)
    if where:
        event.add("location", where)
    # Shared by every recipient of the slot, but for a removal, written to one person: agreed.
    event.add("description", gendered(_description(detail, slot, purpose, organizer), gender))
    event.add("organizer", _address(organizer.email, organizer.name))
    if purpose is Purpose.HOLD:
        # Outlook shows a hold as « provisoire » only through its own property.
        event.add("x-microsoft-cdo-busystatus", "TENTATIVE")
    # A reminder for the date chosen only: the day before each date a poll proposes would ring
    # for meetings that will not take place.
    if purpose is Purpose.CONVOCATION:
        event.add_component(_alarm(title))
    return event


def _summary(title: str, purpose: Purpose) -> str:
    return {
        Purpose.HOLD: _("Proposition de date (sondage) : {title}"),
        Purpose.CONVOCATION: "{title}",
        Purpose.RELEASED: _("Date non retenue : {title}"),
        Purpose.CANCELLED: _("Annulée : {title}"),
        Purpose.REMOVED: _("Annulée pour vous : {title}"),
    }[purpose].format(title=title)


def location(detail: MeetingDetail, slot: Slot) -> str:
    """The room, the street, then the ways to join from afar: what a phone's map and a
    calendar's « join » line read."""
    meeting = detail.meeting
    here = [part for part in (text_value(place(detail, slot)), meeting.full_address) if part]
    afar = []
    if meeting.video_url:
        afar.append(_("visio : {link}").format(link=meeting.video_url))
    if meeting.dial_in:
        afar.append(_("par téléphone : {number}").format(number=meeting.dial_in))
    text = " — ".join(([", ".join(here)] if here else []) + afar)
    return text[:1].upper() + text[1:]


def _description(detail: MeetingDetail, slot: Slot, purpose: Purpose,
                 organizer: Organizer) -> str:
    meeting = detail.meeting
    names = {"title": text_value(meeting.title), "committee": of_the(meeting.committee_article,
                                                                text_value(meeting.committee_name))}
    chosen = detail.chosen_slot
    if purpose is Purpose.RELEASED:
        # The date kept first: the reader of this calendar entry must not note the wrong one.
        paragraphs = [_("Le {day} n’est pas retenu : rien à noter dans votre agenda.").format(
            day=long_date(slot.starts_at))]
        if chosen is not None:
            paragraphs.insert(0, _("La réunion « {title} » {committee} aura lieu le {when}.").format(
                when=moment(chosen.starts_at), **names))
    else:
        paragraphs = [{
            Purpose.HOLD: _("Une des dates proposées pour la réunion « {title} » {committee}. "
                            "Répondez depuis votre agenda : Accepter = oui, je peux venir ; "
                            "Peut-être = oui si nécessaire, si aucune autre date ne convient ; "
                            "Refuser = non, je ne peux pas venir. Nous vous confirmerons la date "
                            "retenue par e-mail."),
            Purpose.CONVOCATION: _("Invitation à la réunion « {title} » {committee}. Répondez "
                                   "depuis votre agenda : Accepter si vous venez, Refuser si vous "
                                   "ne pouvez pas venir."),
            Purpose.CANCELLED: _("La réunion « {title} » {committee} est annulée."),
            Purpose.REMOVED: _("Vous n’êtes plus invité(e) à la réunion « {title} » {committee} : "
                               "cette date est retirée de votre agenda."),
        }[purpose].format(**names)]
    if purpose is Purpose.HOLD and meeting.reply_by is not None:
        paragraphs.append(_("Merci de répondre au plus tard le {day}.").format(
            day=long_date(meeting.reply_by)))
    if purpose.method == "REQUEST":
        paragraphs += [f"{label} : {text_value(text)}" for label, text in (
            *words.where_lines(meeting), *words.remote_lines(meeting, on_paper=False))]
        if meeting.description.strip():
            paragraphs.append(text_value(meeting.description.strip()))
        # A poll's date is a hold, not yet the meeting: its agenda is in the e-mail, and comes
        # with the convocation.
        if detail.agenda and purpose is not Purpose.HOLD:
            paragraphs.append("\n".join([_("Ordre du jour :"), *map(text_value, agenda_lines(detail))]))
    paragraphs.append(_contact(organizer))
    return FirstUse(words.names_of(meeting))("\n\n".join(paragraphs))


def _contact(organizer: Organizer) -> str:
    """Who to call or write to, with what to call them on."""
    who = f"{organizer.name}, {organizer.role}" if organizer.role else organizer.name
    ways = [way for way in (organizer.phone, organizer.email) if way]
    return _("Contact : {who} — {ways}").format(who=text_value(who), ways=" — ".join(ways))


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = clean_name(name)
    return address


def _attendee_line(invitee: Invitee, purpose: Purpose) -> bytes:
    """The recipient's ATTENDEE content line, folded and escaped by icalendar."""
    address = _address(invitee.email, invitee.name)
    address.params["CUTYPE"] = "INDIVIDUAL"
    # Titulaires hold the seats; suppléants and guests come when needed or when asked.
    address.params["ROLE"] = ("REQ-PARTICIPANT" if invitee.seat is InviteeSeat.TITULAR
                              else "OPT-PARTICIPANT")
    address.params["PARTSTAT"] = "NEEDS-ACTION"
    # A cancellation expects no answer (RFC 5545 RSVP: « a favor of a reply is requested »).
    address.params["RSVP"] = "TRUE" if purpose.method == "REQUEST" else "FALSE"
    return Event().content_line("ATTENDEE", address).to_ical() + b"\r\n"


def _alarm(title: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-1))
    alarm.add("description", _("Rappel : « {title} » a lieu demain.").format(title=title))
    return alarm


def text_value(text: str) -> str:
    """Free text for a TEXT value: line breaks kept, other control characters (invalid in
    iCalendar) dropped."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
