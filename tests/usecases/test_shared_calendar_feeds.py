"""Each committee's read-only .ics feed, written from the example data into a folder: one file
per active committee, read back by icalendar, vobject and ical.js (the poll's dates: DTSTART and
RDATE), no ATTENDEE, no ORGANIZER, nobody's name; a feed whose content did not change is not
written again (a synced folder would send it to every subscriber); a cancelled meeting leaves
its committee's feed; a folder that cannot be written is an OSError, said in French."""

from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
import vobject

from comite.store.calendar import SHOWN
from comite.store.errors import fault_message
from comite.store.meeting_models import MeetingStatus
from comite.usecases import shared_calendar
from comite.usecases.shared_calendar import feed_name, write_feeds
from tests.usecases.test_backup import unwritable


def feeds(store) -> dict[int, str]:
    """The feed's file name of each active committee, by its id."""
    return {summary.committee.id: feed_name(summary.committee) for summary in store.committees.all()}


def shown(store, committee_id: int) -> dict[str, object]:
    """The committee's meetings a feed shows, by UID: their details."""
    return {meeting.uid: store.meetings.detail(meeting.id)
            for meeting in store.meetings.all(committee_id=committee_id, statuses=SHOWN)}


def unfolded(path: Path) -> str:
    """The file's text with its long lines put back whole: a name folded at 75 octets is found."""
    return path.read_text(encoding="utf-8").replace("\r\n ", "")


def at(moment: datetime, monkeypatch) -> None:
    """The feeds' clock: DTSTAMP says `moment`."""

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment

    monkeypatch.setattr(shared_calendar, "datetime", Clock)


def test_each_committee_has_its_feed_read_alike_by_three_readers(example, tmp_path, ical_js):
    folder = tmp_path / "agenda"
    written = write_feeds(example, folder)
    names = feeds(example)
    assert sorted(path.name for path in written) == sorted(names.values())
    assert sorted(path.name for path in folder.iterdir()) == sorted(names.values())
    assert "comite-des-usagers-1.ics" in names.values()  # a readable ASCII name, its id after
    by_path = {Path(read["path"]).name: read for read in ical_js(written)}
    polls = 0
    for committee_id, name in names.items():
        path, meetings = folder / name, shown(example, committee_id)
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert "METHOD" not in calendar
        assert str(calendar["X-WR-CALNAME"]) == example.committees.get(committee_id).name
        events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
        assert events.keys() == meetings.keys()
        others = {event.uid.value: event for event in vobject.readOne(
            path.read_text(encoding="utf-8")).contents.get("vevent", [])}
        js = {event["uid"]: event for event in by_path[name]["events"]}
        assert others.keys() == js.keys() == meetings.keys()
        assert by_path[name]["name"] == str(calendar["X-WR-CALNAME"])
        for uid, detail in meetings.items():
            starts = sorted(slot.starts_at for slot in shared_calendar_dates(detail))
            assert starts_read_by_icalendar(events[uid]) == starts
            assert starts_read_by_vobject(others[uid]) == starts
            assert starts_read_by_ical_js(js[uid]) == [utc_text(start) for start in starts]
            polls += detail.meeting.status is MeetingStatus.POLL and len(starts) > 1
    assert polls == 1, "the example's poll, its three dates in one event"


def shared_calendar_dates(detail):
    from comite.exports.shared_calendar import dates

    return dates(detail)


def starts_read_by_icalendar(event) -> list[datetime]:
    rdates = event.get("RDATE", [])
    rdates = rdates if isinstance(rdates, list) else [rdates]
    # An instance is counted once (RFC 5545): the first date is DTSTART and an RDATE too.
    return sorted({event.decoded("DTSTART")} | {moment.dt for rdate in rdates for moment in rdate.dts})


def starts_read_by_vobject(event) -> list[datetime]:
    recurring = event.getrruleset(addRDate=True)  # None for a single date
    return sorted(recurring) if recurring is not None else [event.dtstart.value]


def starts_read_by_ical_js(event: dict) -> list[str]:
    assert event["tzid"] == "Europe/Paris"  # placed in the file's own VTIMEZONE, not floating
    starts = sorted({event["start"], *event["rdates"]})
    # ical.js's expansion leaves DTSTART out of an event without RRULE (kewisch/ical.js#534):
    # the first date is an RDATE too, so a web calendar built on it shows every date.
    assert set(event["occurrences"]) == set(starts)
    return [start.replace(".000", "") for start in starts]


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_no_feed_names_anyone_nor_invites_anyone(example, tmp_path):
    written = write_feeds(example, tmp_path / "agenda")
    people = example.db.connection().execute(
        "SELECT first_name, last_name, email FROM people").fetchall()
    assert len(people) > 10
    for path in written:
        text = unfolded(path)
        assert "ATTENDEE" not in text and "ORGANIZER" not in text and "mailto:" not in text
        for first, last, email in people:
            assert f"{first} {last}" not in text and f"{last} {first}" not in text, path.name
            assert f" {last}" not in text, (path.name, last)  # as a word, alone
            assert not email or email not in text


def test_a_feed_unchanged_is_not_written_again_a_changed_one_is(example, tmp_path, monkeypatch):
    folder = tmp_path / "agenda"
    at(datetime(2026, 12, 1, 9, 0, tzinfo=UTC), monkeypatch)
    write_feeds(example, folder)
    before = {path.name: (path.stat().st_ino, path.stat().st_mtime_ns, path.read_bytes())
              for path in folder.iterdir()}

    at(datetime(2026, 12, 2, 10, 30, tzinfo=UTC), monkeypatch)  # another DTSTAMP, nothing else
    assert write_feeds(example, folder) == []
    assert {path.name: (path.stat().st_ino, path.stat().st_mtime_ns, path.read_bytes())
            for path in folder.iterdir()} == before

    poll = next(meeting for meeting in example.meetings.all(statuses=(MeetingStatus.POLL,)))
    example.meetings.choose_slot(example.meetings.detail(poll.id).slots[-1].id, confirmed=True)
    (changed,) = write_feeds(example, folder)
    assert changed.name == feed_name(example.committees.get(poll.committee_id))
    assert "DTSTAMP:20261202T103000Z" in changed.read_text(encoding="utf-8")
    assert all(path.read_bytes() == before[path.name][2] for path in folder.iterdir()
               if path != changed)


def test_a_cancelled_meeting_leaves_its_committees_feed(example, tmp_path):
    folder = tmp_path / "agenda"
    write_feeds(example, folder)
    convened = example.meetings.all(statuses=(MeetingStatus.CONVENED,))[0]
    path = folder / feed_name(example.committees.get(convened.committee_id))
    assert convened.uid in unfolded(path)
    example.meetings.cancel(convened.id)
    assert write_feeds(example, folder) == [path]
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert convened.uid not in unfolded(path)
    assert {str(event["UID"]) for event in calendar.walk("VEVENT")} == set(
        shown(example, convened.committee_id))
    assert "X-WR-CALNAME" in calendar  # still a calendar: a feed that vanished looks broken


def test_a_folder_that_cannot_be_written_is_an_oserror_said_in_french(example, tmp_path):
    folder = tmp_path / "agenda"
    folder.mkdir()
    with unwritable(folder), pytest.raises(OSError) as raised:
        write_feeds(example, folder)
    assert list(folder.iterdir()) == []
    message = fault_message(raised.value)
    assert message.startswith(f"Impossible d’écrire dans {folder} : "), message
