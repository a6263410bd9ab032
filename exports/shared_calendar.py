"""A meeting as the structure's shared calendar and the committee's feed show it: its dates, its
place and its committee — never who is invited (no ATTENDEE, no ORGANIZER, no name).

Servers that schedule (Nextcloud, SOGo, iCloud) e-mail every ATTENDEE of an uploaded event:
without any, nobody is written to because of comite; and colleagues need the date, not the list
of the patients' representatives.

One meeting is one calendar object (RFC 4791 §4.1: one UID per resource, no METHOD), under the
meeting's own UID — not a slot's, which the invitees' calendars hold. During the poll, the
dates still proposed are one tentative event: the first date as DTSTART, every date as RDATE
(the first one too, which ical.js needs), so the meeting stays one resource that moves to the
chosen date in place (ETag changes, UID kept); once a date is chosen, one confirmed event. A
draft, a cancelled meeting, or a poll without a date left has no object: its resource is
removed.
"""

from datetime import UTC, datetime

from icalendar import Calendar, Event

from comite.exports.ical import PRODID, location, text_value
from comite.exports.vtimezone import vtimezone
from comite.kernel.grammar import of_the
from comite.kernel.i18n import _
from comite.store.calendar import SHOWN
from comite.store.meeting_models import MeetingDetail, MeetingStatus, Slot, SlotStatus


def dates(detail: MeetingDetail) -> tuple[Slot, ...]:
    """The slots the calendar shows: the chosen one, or during the poll the proposed ones."""
    if detail.meeting.status not in SHOWN:
        return ()
    chosen = detail.chosen_slot
    if chosen is not None:
        return (chosen,)
    if detail.meeting.status is not MeetingStatus.POLL:
        return ()
    return tuple(sorted((slot for slot in detail.slots if slot.status is SlotStatus.PROPOSED),
                        key=lambda slot: slot.starts_at))


def meeting_event(detail: MeetingDetail, stamp: datetime, zoned: bool = True) -> Event | None:
    """The meeting's one event, or None when the calendar must not show it."""
    shown = dates(detail)
    if not shown:
        return None
    meeting, first = detail.meeting, shown[0]
    confirmed = detail.chosen_slot is not None
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", max(slot.sequence for slot in shown))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", first.starts_at if zoned else first.starts_at.astimezone(UTC))
    event.add("duration", first.ends_at - first.starts_at)
    if len(shown) > 1:
        # The first date too: RFC 5545 counts an instance once, and ical.js (web calendars)
        # expands an RDATE set without its DTSTART (kewisch/ical.js#534).
        for date in shown:
            event.add("rdate", date.starts_at if zoned else date.starts_at.astimezone(UTC))
    title = text_value(meeting.title)
    event.add("summary", title if confirmed else _("Date possible (sondage) : {title}").format(
        title=title))
    event.add("status", "CONFIRMED" if confirmed else "TENTATIVE")
    event.add("transp", "OPAQUE" if confirmed else "TRANSPARENT")
    if where := location(detail, first):
        event.add("location", where)
    event.add("description", _description(detail, confirmed, len(shown)))
    return event


def meeting_object(detail: MeetingDetail, stamp: datetime) -> bytes | None:
    """The calendar object resource of one meeting (no METHOD), or None."""
    return _calendar([detail], stamp, name="")


def committee_feed(details: list[MeetingDetail], name: str, stamp: datetime) -> bytes:
    """A committee's meetings as one read-only calendar to subscribe to (always a calendar, if
    empty: a subscribed feed that vanishes looks like an error)."""
    return _calendar(details, stamp, name=name) or _empty(name)


def _calendar(details: list[MeetingDetail], stamp: datetime, name: str) -> bytes | None:
    calendar = _head(name)
    zones: set[str] = set()
    events = []
    for detail in details:
        shown = dates(detail)
        if not shown:
            continue
        zone_name = detail.meeting.timezone
        zone = vtimezone(zone_name, [moment for slot in shown for moment in (slot.starts_at,
                                                                             slot.ends_at)])
        if zone is not None and zone_name not in zones:
            zones.add(zone_name)
            calendar.add_component(zone)
        events.append(meeting_event(detail, stamp, zoned=zone is not None))
    if not events:
        return None
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _head(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", text_value(name))
    return calendar


def _empty(name: str) -> bytes:
    return _head(name).to_ical()


def _description(detail: MeetingDetail, confirmed: bool, count: int) -> str:
    meeting = detail.meeting
    committee = of_the(meeting.committee_article, text_value(meeting.committee_name))
    lines = [_("Réunion {of_committee}.").format(of_committee=committee)]
    if not confirmed:
        lines.append(_("Date encore à choisir entre les {count} dates proposées aux membres : "
                       "elle sera confirmée ici.").format(count=count) if count > 1 else
                     _("Date proposée aux membres, encore à confirmer ici."))
    return "\n".join(lines)
