"""The committee's dates published to a real CalDAV server (Radicale on 127.0.0.1): publish,
move (the ETag changes, the UID stays), cancel (the object goes), a colleague's change on the
server (a conflict said, nothing overwritten), the server down (pending, then sent); every
object read back by icalendar and vobject without ATTENDEE."""

from datetime import datetime

import icalendar
import pytest
import vobject

from comite.exports.caldav import (
    CalendarConfig,
    CalendarRefused,
    CalendarUnreachable,
    Publisher,
)
from comite.store import MeetingInput
from tests.caldav_server import CALENDAR, PASSWORD, USER
from tests.imap_server import self_signed
from tests.sync.conftest import make_poll


def publisher(store, server, secret: str = PASSWORD) -> Publisher:
    return Publisher(store, CalendarConfig(server.url, USER), secret=secret)


def read_back(body: bytes) -> icalendar.Event:
    assert b"ATTENDEE" not in body and b"ORGANIZER" not in body and b"METHOD" not in body
    vobject.readOne(body.decode("utf-8"))
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    return event


def etag(server, uid: str) -> str:
    return server.request("HEAD", f"{CALENDAR}{uid}.ics")[1].get("ETag", "")


def test_publish_move_and_cancel(store, caldav_server):
    server = caldav_server()
    poll = make_poll(store)
    draft = store.meetings.create(poll.detail().meeting.committee_id, MeetingInput(title="Brouillon"))
    uid = poll.detail().meeting.uid
    calendar = publisher(store, server)
    assert calendar.pending() == 1  # the draft has no date to show
    done = calendar.publish()
    assert (done.sent, done.removed, done.conflicts, done.pending) == (1, 0, [], 0)
    objects = server.objects()
    assert list(objects) == [f"{uid}.ics"]
    assert str(read_back(objects[f"{uid}.ics"])["STATUS"]) == "TENTATIVE"
    first = etag(server, uid)
    assert calendar.publish().sent == 0  # nothing changed: nothing sent

    store.meetings.choose_slot(poll.slots["juillet"].id, confirmed=True)
    assert calendar.pending() == 1
    assert calendar.publish().sent == 1
    event = read_back(server.objects()[f"{uid}.ics"])
    assert (str(event["UID"]), str(event["STATUS"])) == (uid, "CONFIRMED")
    assert event.decoded("DTSTART") == poll.slots["juillet"].starts_at
    assert etag(server, uid) not in ("", first)

    store.meetings.cancel(poll.meeting_id)
    done = calendar.publish()
    assert (done.sent, done.removed) == (0, 1)
    assert server.objects() == {}
    assert store.meetings.get(draft.id).title == "Brouillon"


def test_a_colleagues_change_is_a_conflict_never_overwritten(store, caldav_server):
    server = caldav_server()
    poll = make_poll(store)
    uid = poll.detail().meeting.uid
    calendar = publisher(store, server)
    calendar.publish()
    path = f"{CALENDAR}{uid}.ics"
    theirs = server.objects()[f"{uid}.ics"].replace(b"LOCATION:Mairie", b"LOCATION:Salle B")
    theirs = theirs.replace(b"SUMMARY:", b"SUMMARY:[salle B] ")
    assert server.request("PUT", path, theirs, {"Content-Type": "text/calendar"})[0] in (201, 204)
    store.meetings.choose_slot(poll.slots["janvier"].id, confirmed=True)
    done = calendar.publish()
    assert done.sent == 0 and len(done.conflicts) == 1
    assert "modifiée dans l’agenda partagé par quelqu’un d’autre" in done.conflicts[0]
    assert server.objects()[f"{uid}.ics"] == theirs  # the colleague's edit kept
    assert calendar.pending() == 0 and calendar.publish().conflicts == done.conflicts
    # The coordinator chooses comite's version: it replaces theirs, knowingly.
    store.calendar.replace_theirs(server.url, uid)
    assert calendar.publish().sent == 1
    assert str(read_back(server.objects()[f"{uid}.ics"])["STATUS"]) == "CONFIRMED"


def test_the_server_down_keeps_changes_pending_then_sends_them(store, caldav_server):
    server = caldav_server()
    poll = make_poll(store)
    calendar = publisher(store, server)
    server.stop()
    with pytest.raises(CalendarUnreachable, match="ne répond pas"):
        calendar.publish()
    assert calendar.pending() == 1
    server.start()
    assert calendar.publish().sent == 1 and calendar.pending() == 0
    assert list(server.objects()) == [f"{poll.detail().meeting.uid}.ics"]


def test_a_wrong_password_and_a_wrong_address_are_said(store, caldav_server):
    server = caldav_server()
    make_poll(store)
    with pytest.raises(CalendarRefused, match="identifiant ou mot de passe incorrect"):
        publisher(store, server, secret="faux").publish()
    wrong = Publisher(store, CalendarConfig(server.url.replace("/comite/", "/absent/"), USER),
                      secret=PASSWORD)
    with pytest.raises(CalendarRefused, match="introuvable"):
        wrong.publish()
    remote = Publisher(store, CalendarConfig("http://agenda.example.org/cal/", USER), secret=PASSWORD)
    with pytest.raises(CalendarRefused, match="https://"):
        remote.publish()
    assert store.calendar.published(server.url) == {}


def test_fifty_meetings_are_published_once_each(store, caldav_server):
    server = caldav_server()
    poll = make_poll(store)
    committee = poll.detail().meeting.committee_id
    for number in range(49):
        meeting = store.meetings.create(committee, MeetingInput(title=f"Réunion {number}"))
        store.meetings.add_slot(meeting.id, datetime(2027, 2, 1 + number % 28, 18, 0))
        store.meetings.open_poll(meeting.id)
    done = publisher(store, server).publish()
    assert done.sent == 50 and len(server.objects()) == 50


def test_an_object_sent_by_a_publication_stopped_before_noting_it_is_recognised(store, caldav_server):
    server = caldav_server()
    poll = make_poll(store)
    uid = poll.detail().meeting.uid
    calendar = publisher(store, server)
    calendar.publish()
    store.calendar.forget(server.url, uid)  # as if killed between the server's answer and the note
    done = calendar.publish()
    assert (done.sent, done.conflicts) == (1, [])
    assert store.calendar.published(server.url)[uid].etag == etag(server, uid)


def test_an_untrusted_certificate_is_refused_and_a_trusted_one_accepted(store, caldav_server,
                                                                         tmp_path):
    pem, context = self_signed(tmp_path)
    server = caldav_server(tls=context)
    make_poll(store)
    with pytest.raises(CalendarRefused, match="n’est pas reconnu"):
        publisher(store, server).publish()
    assert server.objects() == {} and store.calendar.published(server.url) == {}
    trusted = Publisher(store, CalendarConfig(server.url, USER, certificate=pem), secret=PASSWORD)
    assert trusted.publish().sent == 1 and len(server.objects()) == 1
