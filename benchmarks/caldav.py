"""50 meetings in poll published to the structure's shared calendar (CalDAV, issue 24), against
the bare PUTs of the very same objects.

The server: Radicale on 127.0.0.1 (`tests/caldav_server.py`, served by wsgiref on a thread of
this process, its collections in the run's scratch folder), one for the run. wsgiref answers in
HTTP/1.0 and closes the connection after each answer: comite's client and the floor's alike
connect again for every request (http.client does it by itself), so both pay the same.

The store: made for the run (`open_store` in a scratch folder), a structure, a committee of six
and 50 meetings in poll on 3 dates each (`tests/sync/conftest.make_poll`'s, then 49 more).

Subject: `exports.caldav.Publisher(store, CalendarConfig(url, user), secret=…).publish()` into
an empty calendar — each round a new collection (MKCALENDAR), so each round the plan finds 50
objects to send and sends 50 PUTs (If-None-Match: *), each noted in the store with its ETag,
then counts what is left pending. Checked after the clock: 50 sent, no conflict, nothing
pending, 50 objects on the server.

Floor, in the same rounds on the same server: the 50 bodies `exports.shared_calendar.
meeting_object` gives for these meetings (built before the clock) PUT bare from one
http.client connection, with Basic auth and If-None-Match: *, into another new empty
collection; each answer read and checked (201). What the subject adds above it is its plan
(every meeting read and rendered twice, its digest and its body, and again for the pending
count) and the 50 notes in the store. The floor goes first in even rounds, the subject in odd
ones, so that a drift of the machine falls on both.

Budget: none in the issue beyond the ratio, which is reported. Reported beside, unbudgeted: a
second `publish()` right after each round's, nothing changed (it must send nothing), against
the same floor.
"""

import base64
import http.client
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.common import Figure, isolate, median, timed

ROUNDS = 5
MEETINGS = 50
TIMEOUT_S = 20
MKCALENDAR = (b'<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" '
              b'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>'
              b"Agenda de la MSP</D:displayname></D:prop></D:set></C:mkcalendar>")
STAMP = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the floor's DTSTAMP


def _store(path: Path):
    """A store with 50 meetings in poll on 3 dates each, one committee of six."""
    from comite.store import MeetingInput, open_store
    from tests.sync.conftest import make_poll

    store = open_store(path)
    poll = make_poll(store)
    committee = poll.detail().meeting.committee_id
    for number in range(MEETINGS - 1):
        meeting = store.meetings.create(committee, MeetingInput(title=f"Réunion {number + 1}"))
        first = datetime(2027, 2, 1, 18, 0) + timedelta(days=number)
        store.meetings.add_slot(meeting.id, first)
        store.meetings.add_slot(meeting.id, first + timedelta(days=2, hours=-4))
        store.meetings.add_slot(meeting.id, first + timedelta(days=7), "Salle du conseil")
        store.meetings.open_poll(meeting.id)
    return store


def _bodies(store) -> dict[str, bytes]:
    """Each meeting's object as comite sends it: UID → body."""
    from comite.exports.shared_calendar import meeting_object
    from comite.store.calendar import SHOWN

    bodies = {}
    for meeting in store.meetings.all(statuses=SHOWN, limit=100_000):
        body = meeting_object(store.meetings.detail(meeting.id), STAMP)
        if body is not None:
            bodies[meeting.uid] = body
    return bodies


class _Calendars:
    """New empty collections on the server, one per round and side."""

    def __init__(self, server) -> None:
        from tests.caldav_server import USER

        self.server = server
        self.user = USER
        self.count = 0

    def new(self, side: str) -> str:
        """The path of a new empty calendar collection, ending with « / »."""
        self.count += 1
        path = f"/{self.user}/{side}-{self.count}/"
        status, _headers, _body = self.server.request("MKCALENDAR", path, MKCALENDAR,
                                                      {"Content-Type": "application/xml"})
        if status != 201:
            raise RuntimeError(f"MKCALENDAR {path}: {status}")
        return path

    def size(self, path: str) -> int:
        """How many objects the collection holds."""
        status, _headers, body = self.server.request(
            "PROPFIND", path, b'<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop>'
            b"<D:getetag/></D:prop></D:propfind>", {"Depth": "1", "Content-Type": "application/xml"})
        if status != 207:
            raise RuntimeError(f"PROPFIND {path}: {status}")
        return body.count(b".ics</")


def _bare_puts(port: int, path: str, bodies: dict[str, bytes]) -> None:
    """Every body PUT into `path` from one http.client connection, each answer read."""
    from tests.caldav_server import PASSWORD, USER

    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode("ascii")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_S)
    try:
        for uid, body in bodies.items():
            connection.request("PUT", f"{path}{uid}.ics", body=body, headers={
                "Authorization": f"Basic {token}", "If-None-Match": "*",
                "Content-Type": "text/calendar; charset=utf-8"})
            answer = connection.getresponse()
            answer.read()
            if answer.status != 201:
                raise RuntimeError(f"bare PUT: {answer.status}")
    finally:
        connection.close()


def run(folder: Path | None = None, rounds: int = ROUNDS) -> list[Figure]:
    from comite.exports.caldav import CalendarConfig, Publisher
    from tests.caldav_server import PASSWORD, USER, CaldavServer

    with tempfile.TemporaryDirectory(prefix="comite-caldav-", dir=folder) as scratch:
        root = Path(scratch)
        (root / "radicale").mkdir()
        server = CaldavServer(root / "radicale").start()
        store = _store(root / "comite.sqlite")
        try:
            bodies = _bodies(store)
            if len(bodies) != MEETINGS:
                raise RuntimeError(f"{len(bodies)} objects for {MEETINGS} meetings")
            calendars = _Calendars(server)
            base = f"http://127.0.0.1:{server.port}"
            _bare_puts(server.port, calendars.new("echauffement"), bodies)  # warms up, not counted
            floor, subject, again = [], [], []

            def bare() -> None:
                path = calendars.new("plancher")
                floor.append(timed(lambda: _bare_puts(server.port, path, bodies)))
                if calendars.size(path) != MEETINGS:
                    raise RuntimeError("the floor's calendar does not hold every object")

            def published() -> None:
                path = calendars.new("sujet")
                publisher = Publisher(store, CalendarConfig(base + path, USER), secret=PASSWORD)
                done = []
                subject.append(timed(lambda: done.append(publisher.publish())))
                first = done[-1]
                if (first.sent, first.removed, first.conflicts, first.pending) != (MEETINGS, 0, [], 0):
                    raise RuntimeError(f"the publication did: {first}")
                again.append(timed(lambda: done.append(publisher.publish())))
                if done[-1].sent or done[-1].removed or done[-1].conflicts:
                    raise RuntimeError(f"the publication with nothing changed did: {done[-1]}")
                if calendars.size(path) != MEETINGS:
                    raise RuntimeError("the subject's calendar does not hold every object")

            for number in range(rounds):
                for side in ((bare, published) if number % 2 == 0 else (published, bare)):
                    side()
        finally:
            store.close()
            server.stop()
    print("  publish() of 50 meetings, each round (s): " + " ".join(f"{value:.3f}" for value in subject))
    print("  50 bare PUTs, each round (s): " + " ".join(f"{value:.3f}" for value in floor))
    name = f"CalDAV: publish() of {MEETINGS} meetings in poll (3 dates) vs {MEETINGS} bare PUTs"
    return [
        Figure(f"{name}, {rounds} rounds", median(floor), median(subject), "s"),
        Figure("CalDAV: publish() again, nothing changed, vs the same bare PUTs", median(floor),
               median(again), "s"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    with tempfile.TemporaryDirectory(prefix="comite-bench-") as home:
        isolate(Path(home))
        print_table(run())
