"""The outbox folder: one folder per meeting, one .eml and one .ics per message, always the
meeting's present state (rewritten in place, renamed with the date, stale messages gone)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from comite.exports.invitations import write_outbox
from comite.store import MeetingInput
from comite.store.errors import Refused
from tests.exports.invitation_setup import NOW, ORGANIZER, Member, add_committee

WINTER = datetime(2027, 1, 12, 18, 0)
SUMMER = datetime(2027, 7, 13, 18, 0)


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    return tmp_path / "envoi"  # beside the database file, which must not be mistaken for ours


def names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def method_of(path: Path) -> str:
    return str(Calendar.from_ical(path.read_bytes())["METHOD"])


def test_a_folder_per_meeting_one_message_per_person_and_each_date_beside_it(outbox, make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    result = write_outbox(detail, ORGANIZER, outbox, NOW)

    assert result.folder == outbox / "2027-01-12-comite-de-printemps"
    # The invitees' order: each titulaire followed by their suppléant(e)s, then guests.
    people = ("elodie-lefevre", "jean-noel-celik", "thi-hoa-nguyen", "zoe-dupont-b-fils-b-le-grand")
    assert [p.name for p in result.emails] == [f"{person}.eml" for person in people]
    assert [p.name for p in result.calendars] == [
        f"{person}-date-{n}.ics" for person in people for n in (1, 2)]
    assert names(result.folder) == ({p.name for p in result.emails + result.calendars}
                                    | {".comite-reunion"})
    assert (result.folder / ".comite-reunion").read_text() == detail.meeting.uid
    assert result.without_email == ("Gérard Martin",)


def test_the_records_are_what_the_store_keeps_of_each_message(store, outbox, make_meeting):
    detail = make_meeting([WINTER])
    result = write_outbox(detail, ORGANIZER, outbox, NOW)
    store.meetings.record_invitations(detail.meeting.id, list(result.records))

    by_id = {invitee.id: invitee for invitee in detail.invitees}
    for record, eml in zip(result.records, result.emails, strict=True):
        assert record.file_name == eml.name and by_id[record.invitee_id].email
        assert (record.uid, record.method, record.sequence) == (detail.slots[0].uid, "REQUEST", 0)
        assert record.written_at == "2026-11-23T09:00:00+00:00" and record.sent_at is None
    assert sorted(store.meetings.invitations(detail.meeting.id), key=lambda r: r.invitee_id) == sorted(
        result.records, key=lambda r: r.invitee_id)


def test_writing_the_same_state_again_replaces_the_files(outbox, make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    first = write_outbox(detail, ORGANIZER, outbox, NOW)
    contents = {path: path.read_bytes() for path in first.emails + first.calendars}
    second = write_outbox(detail, ORGANIZER, outbox, NOW)

    assert second.folder == first.folder and names(outbox) == {first.folder.name}
    assert {path: path.read_bytes() for path in second.emails + second.calendars} == contents
    assert len(list(first.folder.iterdir())) == len(contents) + 1, "no duplicate, no temporary file"


def test_after_the_choice_the_folder_takes_the_date_and_the_files_their_new_method(
        store, outbox, make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    before = write_outbox(detail, ORGANIZER, outbox, NOW)
    (before.folder / "mes-notes.txt").write_text("à garder")
    store.meetings.choose_slot(detail.slots[1].id)
    after = write_outbox(store.meetings.detail(detail.meeting.id), ORGANIZER, outbox, NOW)

    assert names(outbox) == {"2027-07-13-comite-de-printemps"} == {after.folder.name}
    assert {p.name for p in after.emails} == {p.name for p in before.emails}
    assert {method_of(p) for p in after.calendars if p.name.endswith("-date-1.ics")} == {"CANCEL"}
    assert {method_of(p) for p in after.calendars if p.name.endswith("-date-2.ics")} == {"REQUEST"}
    assert (after.folder / "mes-notes.txt").read_text() == "à garder", "only our own files are managed"


def test_messages_for_someone_no_longer_invited_are_removed(store, outbox, make_meeting):
    detail = make_meeting([WINTER])
    write_outbox(detail, ORGANIZER, outbox, NOW)
    leaving = next(i for i in detail.invitees if i.email == "thi-hoa.nguyen@example.org")
    store.meetings.uninvite(leaving.id)
    result = write_outbox(store.meetings.detail(detail.meeting.id), ORGANIZER, outbox, NOW)

    assert not any("nguyen" in name for name in names(result.folder))
    assert len(result.emails) == 3


def test_a_folder_of_the_same_name_that_is_not_this_meetings_is_left_alone(outbox, make_meeting):
    foreign = outbox / "2027-01-12-comite-de-printemps"
    foreign.mkdir(parents=True)
    (foreign / "01-elodie-lefevre.eml").write_bytes(b"le brouillon de quelqu'un d'autre")
    result = write_outbox(make_meeting([WINTER]), ORGANIZER, outbox, NOW)

    assert result.folder.name == "2027-01-12-comite-de-printemps-2"
    assert names(foreign) == {"01-elodie-lefevre.eml"}
    assert (foreign / "01-elodie-lefevre.eml").read_bytes() == b"le brouillon de quelqu'un d'autre"


def test_namesakes_get_distinct_files(store, outbox):
    committee = add_committee(store, (Member("Martin", "Marie", "marie.martin.1@example.org"),
                                      Member("Martin", "Marie", "marie.martin.2@example.org")), name="CDU")
    meeting = store.meetings.create(committee, MeetingInput(title="CDU de mars"))
    store.meetings.add_slot(meeting.id, WINTER)
    store.meetings.open_poll(meeting.id)
    result = write_outbox(store.meetings.detail(meeting.id), ORGANIZER, outbox, NOW)

    assert len({path.name for path in result.emails}) == 2
    assert all(path.name.startswith("marie-martin-") for path in result.emails)


def test_nothing_is_written_when_there_is_nothing_to_send(outbox, make_meeting):
    with pytest.raises(Refused, match="brouillon"):
        write_outbox(make_meeting([WINTER], poll=False), ORGANIZER, outbox, NOW)
    assert not (outbox).exists()


def test_without_now_the_stamp_is_the_present(outbox, make_meeting):
    before = datetime.now(UTC).replace(microsecond=0)
    result = write_outbox(make_meeting([WINTER]), ORGANIZER, outbox)
    written = datetime.fromisoformat(result.records[0].written_at)
    assert before <= written <= datetime.now(UTC)
    assert Calendar.from_ical(result.calendars[0].read_bytes()).walk("VEVENT")[0]["DTSTAMP"].dt == written


def _convocation_view(path: Path) -> tuple[str, dict[str, list[str]]]:
    """What vobject reads in one .ics: its METHOD and every property of the event but its UID
    (each meeting has its own), parameters included."""
    import vobject

    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    event = calendar.vevent
    properties = {name: sorted(line.serialize() for line in lines)
                  for name, lines in event.contents.items() if name != "uid"}
    return calendar.method.value, properties


def test_convened_directly_the_convocation_is_the_same_request_as_after_a_poll(
        store, outbox, make_meeting):
    """A CDU convened on a date set in advance, without a poll: the same messages go out."""
    before = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    polled = make_meeting([WINTER])
    store.meetings.choose_slot(polled.slots[0].id, now=before)
    direct = make_meeting([WINTER, SUMMER], poll=False)
    store.meetings.convene(direct.meeting.id, direct.slots[0].id, now=before)

    after_poll = write_outbox(store.meetings.detail(polled.meeting.id), ORGANIZER, outbox, NOW)
    straight = write_outbox(store.meetings.detail(direct.meeting.id), ORGANIZER, outbox, NOW)

    # Only the convocation: the draft's other date went to nobody, so nothing cancels it.
    assert [p.name for p in straight.calendars] == [p.name for p in after_poll.calendars]
    assert len(straight.calendars) == 4
    for polled_ics, direct_ics in zip(after_poll.calendars, straight.calendars, strict=True):
        method, event = _convocation_view(direct_ics)
        assert (method, event) == _convocation_view(polled_ics)
        assert method == "REQUEST"
        assert event["status"] == ["STATUS:CONFIRMED\r\n"]
        assert event["sequence"] == ["SEQUENCE:1\r\n"]
    assert {r.method for r in straight.records} == {"REQUEST"}
    assert {r.uid for r in straight.records} == {direct.slots[0].uid}
