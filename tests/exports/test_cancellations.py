"""Someone removed from a meeting whose invitation was written gets, at the next write, a CANCEL
of their own (RFC 5546 §3.2.5): same UID as their invitation, a greater SEQUENCE, STATUS:CANCELLED,
they alone as ATTENDEE and as recipient; read back by vobject and by ical.js; written once."""

from datetime import datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import vobject

from comite.exports.invitations import write_outbox
from tests.exports.invitation_setup import NOW, ORGANIZER

WINTER = datetime(2027, 1, 12, 18, 0)
SUMMER = datetime(2027, 7, 13, 18, 0)
LEAVING = "thi-hoa.nguyen@example.org"


def write(store, meeting_id: int, outbox: Path, now: datetime = NOW):
    """What « g » does (comite.usecases.outbox.write_invitations), with a fixed `now`."""
    result = write_outbox(store.meetings.detail(meeting_id), ORGANIZER, outbox, now,
                          cancellations=tuple(store.meetings.cancellations(meeting_id)))
    store.meetings.record_invitations(meeting_id, list(result.records))
    store.meetings.record_cancellations(meeting_id, list(result.cancelled))
    return result


def convened(store, make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    store.meetings.choose_slot(detail.slots[0].id, confirmed=True)
    return store.meetings.detail(detail.meeting.id)


def test_the_removed_person_gets_one_cancel_read_by_vobject_and_ical_js(
        store, make_meeting, tmp_path, ical_js):
    outbox = tmp_path / "envoi"
    detail = convened(store, make_meeting)
    first = write(store, detail.meeting.id, outbox)
    leaving = next(i for i in detail.invitees if i.email == LEAVING)
    [invitation] = [r for r in store.meetings.invitations(detail.meeting.id)
                    if r.invitee_id == leaving.id and r.method == "REQUEST"]
    store.meetings.uninvite(leaving.id)

    second = write(store, detail.meeting.id, outbox, NOW + timedelta(hours=1))

    [eml] = [p for p in second.emails if p.name.startswith("annulation-")]
    ics = eml.with_name("annulation-thi-hoa-nguyen-date-1.ics")
    assert eml.name == "annulation-thi-hoa-nguyen.eml" and ics in second.calendars
    assert len(first.emails) == 4 and len(second.emails) == 3 + 1, (
        "the others' messages stay, theirs give way to their one cancellation")
    assert not any("nguyen" in p.name for p in second.emails if p != eml)

    event = vobject.readOne(ics.read_text(encoding="utf-8"))
    assert event.method.value == "CANCEL"
    assert event.vevent.uid.value == invitation.uid == detail.chosen_slot.uid
    assert int(event.vevent.sequence.value) > invitation.sequence
    assert event.vevent.status.value == "CANCELLED"
    assert [a.value for a in event.vevent.contents["attendee"]] == [f"mailto:{LEAVING}"]

    [read] = ical_js([ics])
    [js_event] = read["events"]
    assert read["method"] == "CANCEL" and js_event["status"] == "CANCELLED"
    assert js_event["uid"] == invitation.uid and js_event["sequence"] > invitation.sequence
    assert [a["value"] for a in js_event["attendees"]] == [f"mailto:{LEAVING}"]
    assert js_event["alarms"] == []

    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == LEAVING and message["Cc"] is None
    calendar = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
    assert calendar.get_param("method") == "CANCEL"
    assert calendar.get_content().encode().replace(b"\r\n", b"\n") == ics.read_bytes().replace(
        b"\r\n", b"\n")


def test_written_once_then_kept_and_not_written_again(store, make_meeting, tmp_path):
    outbox = tmp_path / "envoi"
    detail = convened(store, make_meeting)
    write(store, detail.meeting.id, outbox)
    store.meetings.uninvite(next(i for i in detail.invitees if i.email == LEAVING).id)
    second = write(store, detail.meeting.id, outbox)
    [cancel] = [p for p in second.emails if p.name.startswith("annulation-")]
    before = cancel.read_bytes()
    assert store.meetings.cancellations(detail.meeting.id, pending=True) == []

    third = write(store, detail.meeting.id, outbox, NOW + timedelta(days=1))
    assert not any(p.name.startswith("annulation-") for p in third.emails), "not written twice"
    assert third.cancelled == ()
    assert cancel.read_bytes() == before, "its files stay in the folder, untouched, to be sent"


def test_in_a_poll_each_hold_is_cancelled_for_them_in_one_message(store, make_meeting, tmp_path,
                                                                 ical_js):
    outbox = tmp_path / "envoi"
    detail = make_meeting([WINTER, SUMMER])
    write(store, detail.meeting.id, outbox)
    store.meetings.uninvite(next(i for i in detail.invitees if i.email == LEAVING).id)
    result = write(store, detail.meeting.id, outbox)

    assert [p.name for p in result.emails if p.name.startswith("annulation-")] == [
        "annulation-thi-hoa-nguyen.eml"]
    cancels = [p for p in result.calendars if p.name.startswith("annulation-")]
    assert [p.name for p in cancels] == ["annulation-thi-hoa-nguyen-date-1.ics",
                                         "annulation-thi-hoa-nguyen-date-2.ics"]
    read = ical_js(cancels)
    assert [r["events"][0]["uid"] for r in read] == [s.uid for s in detail.slots]
    assert {(r["method"], r["events"][0]["sequence"]) for r in read} == {("CANCEL", 1)}


def test_someone_never_written_to_gets_nothing(store, make_meeting, tmp_path):
    detail = make_meeting([WINTER])
    store.meetings.uninvite(next(i for i in detail.invitees if i.email == LEAVING).id)
    result = write(store, detail.meeting.id, tmp_path / "envoi")
    assert not any(p.name.startswith("annulation-") for p in result.emails)
    assert result.cancelled == ()
