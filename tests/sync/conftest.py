"""Fixtures of the sync suite: a real store in tmp_path with a meeting in poll, real files.

The reply files in tests/data/replies carry placeholders ({{UID}}, {{EMAIL}}, {{SEQUENCE}},
{{DTSTAMP}}, {{FROM}}, {{CALENDAR_BASE64}}) that `reply_bytes` and `eml_bytes` fill with the
test meeting's real values.
"""

import base64
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from comite.store import MeetingInput, MembershipInput, PersonInput, Store, open_store
from comite.store.committee_models import CommitteeKind, StructureKind
from comite.store.meeting_models import Invitee, MeetingDetail, Slot
from comite.sync.inbox import Inbox, InboxResult, Outcome
from comite.sync.watcher import FolderWatcher

DATA = Path(__file__).resolve().parents[1] / "data"
REPLIES = DATA / "replies"
HOSTILE = DATA / "hostile" / "inbox"
LATER = 3600.0  # seconds added to "now" so that every file counts as settled

# Invented people; two Dupont so that « J. Dupont » is ambiguous.
PEOPLE = (
    ("Dupont", "Jeanne", "jeanne.dupont@example.org"),
    ("Dupont", "Jean", "jean.dupont@example.org"),
    ("Martin", "Pierre", "pierre.martin@example.org"),
    ("Le Gall", "Marie-Claire", "marie-claire.legall@example.org"),
    ("Nguyen", "Sophie", "sophie.nguyen@example.org"),
    ("Benali", "Ahmed", ""),
)


@dataclass(frozen=True)
class PollMeeting:
    store: Store
    meeting_id: int
    slots: dict[str, Slot]  # "janvier" 12/01/2027 18:00, "janvier-soir" 20:30, "juillet" 13/07 18:00
    invitees: dict[str, Invitee]  # by first name

    def detail(self) -> MeetingDetail:
        return self.store.meetings.detail(self.meeting_id)

    def answer(self, first_name: str, slot: str):
        vote = self.detail().vote(self.invitees[first_name].id, self.slots[slot].id)
        return None if vote is None else vote.answer


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "comite.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def poll(store: Store) -> PollMeeting:
    return make_poll(store)


# The poll's slots: name → (local start, place).
SPRING = {
    "janvier": (datetime(2027, 1, 12, 18, 0), ""),
    "janvier-soir": (datetime(2027, 1, 12, 20, 30), ""),
    "juillet": (datetime(2027, 7, 13, 18, 0), "Mairie"),
}


def make_poll(store: Store, title: str = "Comité de printemps",
              when: dict[str, tuple[datetime, str]] = SPRING) -> PollMeeting:
    structure = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")
    committee = store.committees.create(structure.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE)
    for last, first, email in PEOPLE:
        person = store.people.create(PersonInput(last_name=last, first_name=first, email=email))
        store.memberships.add(committee.id, person.id, MembershipInput())
    meeting = store.meetings.create(committee.id, MeetingInput(title=title))
    slots = {name: store.meetings.add_slot(meeting.id, starts_at, place)
             for name, (starts_at, place) in when.items()}
    store.meetings.open_poll(meeting.id)
    invitees = {invitee.name.split()[0]: invitee for invitee in store.meetings.detail(meeting.id).invitees}
    return PollMeeting(store, meeting.id, slots, invitees)


def fill(template: bytes, **values: str) -> bytes:
    for key, value in values.items():
        template = template.replace(b"{{" + key.encode() + b"}}", value.encode())
    assert b"{{" not in template, "a placeholder was left unfilled"
    return template


def reply_bytes(name: str, uid: str, email: str, sequence: int = 0,
                stamp: str = "20251201T091500Z", folder: Path = REPLIES) -> bytes:
    return fill((folder / name).read_bytes(), UID=uid, EMAIL=email, SEQUENCE=str(sequence), DTSTAMP=stamp)


def reply_files(poll: PollMeeting, folder: Path, count: int) -> list[str]:
    """`count` calendar replies, each its own bytes (another sender, slot or time of sending),
    written into `folder` at once; their names, in order."""
    addresses = [invitee.email for invitee in poll.detail().invitees if invitee.email]
    uids = [slot.uid for slot in poll.slots.values()]
    names = []
    for number in range(count):
        sent = datetime(2025, 11, 1, 8, 0) + timedelta(minutes=number)
        data = reply_bytes("outlook-accepted.ics", uids[number % len(uids)],
                           addresses[number % len(addresses)], stamp=f"{sent:%Y%m%dT%H%M%S}Z")
        names.append(f"reponse-{number:03d}.ics")
        (folder / names[-1]).write_bytes(data)
    return names


def eml_bytes(calendar: bytes, sender: str) -> bytes:
    encoded = base64.encodebytes(calendar).decode().replace("\n", "\r\n").rstrip()
    return fill((REPLIES / "outlook-nested.eml").read_bytes(), CALENDAR_BASE64=encoded, FROM=sender)


@pytest.fixture
def inbox_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "boite"
    folder.mkdir()
    return folder


@pytest.fixture
def inbox(inbox_dir: Path, store: Store) -> Inbox:
    return Inbox(inbox_dir, store)


def settle(inbox: Inbox) -> list[InboxResult]:
    """Two scans as if the files had rested long enough: the first sees them, the second takes
    them. Returns what was done (not the files still waiting at the first scan)."""
    first = inbox.scan(now=time.time() + LATER)
    second = inbox.scan(now=time.time() + LATER)
    return [result for result in first + second if result.outcome is not Outcome.WAITING]


def database_state(store: Store) -> list[str]:
    """Every row of every table but the inbox's own memory (what it saw, how far it read the
    mailbox), to prove a file or a message changed nothing."""
    return [line for line in store.db.connection().iterdump()
            if '"inbox_files"' not in line and '"mailbox_marks"' not in line]


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll `condition` until it holds or `timeout` passes: watcher threads act on their own time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def watchdog_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if type(thread).__module__.startswith("watchdog")]


@pytest.fixture
def watchers():
    """`start(watcher)` starts a FolderWatcher on its own thread; at the end of the test every one
    is stopped, and its thread and its observer's must have ended."""
    started: list[FolderWatcher] = []

    def start(watcher: FolderWatcher) -> FolderWatcher:
        watcher.start()
        started.append(watcher)
        return watcher

    yield start
    for watcher in started:
        watcher.stop(wait=True)
    names = {watcher.name for watcher in started}
    assert not [thread for thread in threading.enumerate() if thread.name in names], \
        "the watcher did not stop"
    assert watchdog_threads() == [], "the observer was not stopped and joined"
