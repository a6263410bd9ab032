"""Every .ics written to the outbox, read back by three independent parsers: `icalendar`,
`vobject` and ical.js (Thunderbird's). Each must place the meeting at the instant zoneinfo gives
for the local time the coordinator typed, in winter and in summer, in Paris and elsewhere."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from comite.exports.invitations import write_outbox
from tests.exports.invitation_setup import HOSTILE, NOW, ORGANIZER

CASES = {
    "paris-winter": ("Europe/Paris", datetime(2027, 1, 12, 18, 0)),  # UTC+1
    "paris-summer": ("Europe/Paris", datetime(2027, 7, 13, 18, 0)),  # UTC+2
    "new-york-before-dst": ("America/New_York", datetime(2027, 3, 9, 9, 0)),  # EST, 2SU March is the 14th
    "new-york-after-dst": ("America/New_York", datetime(2027, 3, 16, 9, 0)),  # EDT
    "new-york-november": ("America/New_York", datetime(2027, 11, 9, 9, 0)),  # EST again (1SU November)
    "reunion": ("Indian/Reunion", datetime(2027, 1, 12, 18, 0)),  # UTC+4 all year, no DST
    "sydney-summer": ("Australia/Sydney", datetime(2027, 1, 12, 18, 0)),  # AEDT, UTC+11
    "sydney-winter": ("Australia/Sydney", datetime(2027, 7, 13, 18, 0)),  # AEST, UTC+10
    "casablanca-utc-fallback": ("Africa/Casablanca", datetime(2027, 1, 12, 18, 0)),
}


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def icalendar_view(path: Path) -> dict:
    calendar = Calendar.from_ical(path.read_bytes())
    (event,) = calendar.walk("VEVENT")
    return {"method": str(calendar["METHOD"]), "uid": str(event["UID"]), "sequence": int(event["SEQUENCE"]),
            "status": str(event["STATUS"]), "start": utc_text(event["DTSTART"].dt),
            "end": utc_text(event["DTEND"].dt), "cn": event["ATTENDEE"].params["CN"]}


def vobject_view(path: Path) -> dict:
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    event = calendar.vevent
    return {"method": calendar.method.value, "uid": event.uid.value, "sequence": int(event.sequence.value),
            "status": event.status.value, "start": utc_text(event.dtstart.value),
            "end": utc_text(event.dtend.value), "cn": event.attendee.params["CN"][0]}


def ical_js_view(read: dict) -> dict:
    (event,) = read["events"]
    return {"method": read["method"], "uid": event["uid"], "sequence": event["sequence"],
            "status": event["status"], "start": event["start"].replace(".000", ""),
            "end": event["end"].replace(".000", ""), "cn": event["attendees"][0]["params"]["cn"]}


@pytest.mark.parametrize("case", CASES)
def test_three_readers_place_the_meeting_where_zoneinfo_does(case, tmp_path, make_meeting, ical_js):
    zone, local = CASES[case]
    detail = make_meeting([local], timezone=zone)
    result = write_outbox(detail, ORGANIZER, tmp_path / "envoi", NOW)
    expected_start = local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    slot = detail.slots[0]

    js = ical_js(list(result.calendars))
    assert len(js) == len(result.calendars) == 4
    for path, js_read in zip(result.calendars, js, strict=True):
        views = {"icalendar": icalendar_view(path), "vobject": vobject_view(path),
                 "ical.js": ical_js_view(js_read)}
        for reader, view in views.items():
            assert view["start"] == utc_text(expected_start), reader
            assert view["end"] == utc_text(slot.ends_at), reader
            assert (view["method"], view["uid"], view["sequence"], view["status"]) == (
                "REQUEST", slot.uid, 0, "TENTATIVE"), reader
        assert len({view["cn"] for view in views.values()}) == 1, views
        (event,) = js_read["events"]
        assert event["tzid"] == ("UTC" if case.endswith("utc-fallback") else zone)
        assert event["alarms"] == [], "a date the poll only proposes rings no reminder"


def test_the_readers_agree_on_a_convocation_and_its_released_dates(store, tmp_path, make_meeting, ical_js):
    detail = make_meeting([datetime(2027, 1, 12, 18, 0), datetime(2027, 7, 13, 18, 0)])
    store.meetings.choose_slot(detail.slots[1].id)
    result = write_outbox(store.meetings.detail(detail.meeting.id), ORGANIZER, tmp_path, NOW)

    seen = {}
    for path, js_read in zip(result.calendars, ical_js(list(result.calendars)), strict=True):
        views = [icalendar_view(path), vobject_view(path), ical_js_view(js_read)]
        assert all({k: v for k, v in view.items() if k != "cn"} ==
                   {k: v for k, v in views[0].items() if k != "cn"} for view in views)
        seen[views[0]["uid"]] = (views[0]["method"], views[0]["sequence"], views[0]["status"])
    assert seen == {detail.slots[0].uid: ("CANCEL", 1, "CANCELLED"),
                    detail.slots[1].uid: ("REQUEST", 1, "CONFIRMED")}


def test_the_hostile_name_reaches_every_reader_intact(tmp_path, make_meeting, ical_js):
    result = write_outbox(make_meeting([datetime(2027, 1, 12, 18, 0)]), ORGANIZER, tmp_path, NOW)
    (path,) = [p for p in result.calendars if "dupont" in p.name]
    (js_read,) = ical_js([path])

    expected = "Zoé " + HOSTILE.replace('"', "'")
    assert icalendar_view(path)["cn"] == vobject_view(path)["cn"] == ical_js_view(js_read)["cn"] == expected
    (event,) = js_read["events"]
    assert event["attendees"][0]["value"] == "mailto:zoe.dupont@example.org"
    assert event["attendees"][0]["params"] == {"cn": expected, "role": "OPT-PARTICIPANT",
                                                "partstat": "NEEDS-ACTION", "rsvp": "TRUE",
                                                "cutype": "INDIVIDUAL"}
    assert event["organizer"] == {"value": "mailto:coordination@example.org",
                                  "params": {"cn": "Coordination de la MSP des Tilleuls"}}


def test_a_three_date_poll_is_one_message_per_person_whose_every_date_every_reader_reads(
        tmp_path, make_meeting, ical_js):
    """Issue 14, part 3: one message per person; the text names every date; each date's
    calendar object, taken out of the message itself, read the same by the three readers."""
    from email import message_from_bytes, policy

    days = [datetime(2027, 1, 12, 18, 0), datetime(2027, 1, 19, 18, 0), datetime(2027, 1, 26, 14, 30)]
    detail = make_meeting(days)
    result = write_outbox(detail, ORGANIZER, tmp_path, NOW)
    invited = {i.email: i for i in detail.invitees if i.email}
    assert len(result.emails) == len(invited)
    seen = set()
    for eml in result.emails:
        message = message_from_bytes(eml.read_bytes(), policy=policy.default)
        (recipient,) = message["To"].addresses
        seen.add(recipient.addr_spec)
        text = message.get_body(("plain",)).get_content()
        for number, when in enumerate(("mardi 12 janvier 2027 de 18 h 00", "mardi 19 janvier 2027 de 18 h 00",
                                       "mardi 26 janvier 2027 de 14 h 30"), start=1):
            assert f"{number}. {when}" in text
        parts = []
        for attachment in message.iter_attachments():
            path = tmp_path / f"{eml.stem}-{attachment.get_filename()}"
            path.write_bytes(attachment.get_payload(decode=True))
            parts.append(path)
        assert [p.name.rsplit("-", 2)[-2:] for p in parts] == [["date", f"{n}.ics"] for n in (1, 2, 3)]
        for path, js_read, slot in zip(parts, ical_js(parts), detail.slots, strict=True):
            views = [icalendar_view(path), vobject_view(path), ical_js_view(js_read)]
            assert all(view == views[0] for view in views[1:])
            assert (views[0]["method"], views[0]["uid"], views[0]["status"]) == (
                "REQUEST", slot.uid, "TENTATIVE")
            assert views[0]["start"] == utc_text(slot.starts_at)
            assert vobject.readOne(path.read_text(encoding="utf-8")).vevent.attendee.value == (
                f"mailto:{recipient.addr_spec}")
    assert seen == set(invited)
