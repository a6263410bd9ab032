"""A meeting as the shared calendar and the feed show it, read back by icalendar and vobject:
one UID (the meeting's), no METHOD, no ATTENDEE, no ORGANIZER, no invitee's name; the poll's
dates as one tentative event (DTSTART and RDATE), the chosen date confirmed under the same UID;
nothing for a draft or a cancelled meeting."""

from datetime import UTC, datetime

import icalendar
import vobject

from comite.exports.shared_calendar import committee_feed, meeting_object
from comite.store import MeetingInput
from tests.sync.conftest import PEOPLE, make_poll

STAMP = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def read(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    assert "METHOD" not in calendar
    vobject.readOne(data.decode("utf-8"))  # a second, independent reader parses it too
    return list(calendar.walk("VEVENT"))


def no_people(data: bytes) -> None:
    text = data.decode("utf-8")
    assert "ATTENDEE" not in text and "ORGANIZER" not in text
    for last, first, email in PEOPLE:
        assert f"{first} {last}" not in text and last not in text
        assert not email or email not in text


def test_a_poll_is_one_tentative_event_with_its_dates_then_the_chosen_one_confirmed(store):
    poll = make_poll(store)
    data = meeting_object(poll.detail(), STAMP)
    (event,) = read(data)
    no_people(data)
    meeting = poll.detail().meeting
    assert str(event["UID"]) == meeting.uid
    assert str(event["STATUS"]) == "TENTATIVE"
    starts = [moment.dt for rdate in (
        event["RDATE"] if isinstance(event["RDATE"], list) else [event["RDATE"]]) for moment in rdate.dts]
    assert sorted(starts) == sorted(slot.starts_at for slot in poll.slots.values())
    assert event.decoded("DTSTART") == min(starts)
    assert "Comité de printemps" in str(event["SUMMARY"])
    store.meetings.choose_slot(poll.slots["juillet"].id, confirmed=True)
    chosen = meeting_object(poll.detail(), STAMP)
    (event,) = read(chosen)
    no_people(chosen)
    assert str(event["UID"]) == meeting.uid and str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("DTSTART") == poll.slots["juillet"].starts_at
    assert "RDATE" not in event and "Mairie" in str(event["LOCATION"])


def test_a_draft_or_a_cancelled_meeting_has_no_object_and_the_feed_stays_a_calendar(store):
    poll = make_poll(store)
    draft = store.meetings.create(poll.detail().meeting.committee_id, MeetingInput(title="Brouillon"))
    assert meeting_object(store.meetings.detail(draft.id), STAMP) is None
    feed = committee_feed([poll.detail(), store.meetings.detail(draft.id)], "Comité des usagers", STAMP)
    assert [str(event["UID"]) for event in read(feed)] == [poll.detail().meeting.uid]
    assert b"X-WR-CALNAME:Comit" in feed
    store.meetings.cancel(poll.meeting_id)
    assert meeting_object(poll.detail(), STAMP) is None
    empty = committee_feed([poll.detail()], "Comité des usagers", STAMP)
    assert read(empty) == []
