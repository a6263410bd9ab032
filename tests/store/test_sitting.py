"""The séance en cours: opening it holds the meeting, the clock runs per item, the floor is
counted for users and professionals."""

from datetime import UTC, datetime, timedelta

import pytest

from comite.store import PersonInput
from comite.store.committee_models import Role
from comite.store.errors import Refused
from comite.store.meeting_models import MeetingStatus
from comite.store.minutes_models import Side
from comite.store.sitting import floor_totals
from tests.store.meeting_setup import invitees, poll

START = datetime(2027, 1, 12, 17, 0, tzinfo=UTC)  # 18:00 in Paris


@pytest.fixture
def convened(store, committee, members):
    meeting, slots = poll(store, committee.id)
    store.meetings.choose_slot(slots[0].id, confirmed=True)
    return meeting


def test_too_early_or_not_convened_is_refused(store, convened, committee):
    with pytest.raises(Refused, match="tenue"):
        store.sitting.start(convened.id, now=START - timedelta(hours=3))
    assert store.meetings.get(convened.id).status is MeetingStatus.CONVENED
    polled, _slots = poll(store, committee.id, title="Autre")
    with pytest.raises(Refused, match="convoquée"):
        store.sitting.start(polled.id, now=START)


def test_the_clock_runs_per_item(store, convened):
    session = store.sitting.start(convened.id, now=START - timedelta(minutes=10))
    assert store.meetings.get(convened.id).status is MeetingStatus.HELD
    items = store.agenda.agenda(convened.id).items
    assert session.current_item_id == items[0].id
    session = store.sitting.move(convened.id, +1, now=START + timedelta(minutes=5))
    assert session.current_item_id == items[1].id
    first = store.agenda.item(items[0].id)
    assert first.spent_seconds == 15 * 60
    second = store.agenda.item(items[1].id)
    assert store.sitting.spent_seconds(second, session, START + timedelta(minutes=8)) == 180
    store.sitting.move(convened.id, -5, now=START + timedelta(minutes=10))  # back to the first
    assert store.agenda.item(items[0].id).spent_seconds == 15 * 60
    assert store.agenda.item(items[1].id).spent_seconds == 5 * 60
    store.sitting.end(convened.id, now=START + timedelta(minutes=12))
    assert store.agenda.item(items[0].id).spent_seconds == 17 * 60
    # Resuming after closing the app (or ending too soon) keeps what was counted.
    resumed = store.sitting.start(convened.id, now=START + timedelta(minutes=20))
    assert resumed.ended_at is None and resumed.current_item_id == items[0].id


def test_the_floor_is_counted_by_side(store, convened, members):
    people = invitees(store, convened.id)
    store.people.update(members.president.person_id, PersonInput(
        last_name="Martin", first_name="Louise", email="louise.martin@example.org",
        roles=(Role.USER_REPRESENTATIVE,)))
    session = store.sitting.start(convened.id, now=START)
    item = session.current_item_id
    for name in ("Louise Martin", "Louise Martin", "Paul Petit"):
        store.sitting.take_floor(item, people[name].id)
    store.sitting.take_floor(item, people["Paul Petit"].id)
    store.sitting.undo_floor(item, people["Paul Petit"].id)
    floor = store.sitting.floor(convened.id)
    assert [(f.name, f.side, f.turns) for f in floor] == [
        ("Louise Martin", Side.USERS, 2), ("Paul Petit", Side.PROFESSIONALS, 1)]
    assert floor_totals(floor) == {Side.USERS: 2, Side.PROFESSIONALS: 1}
    assert floor_totals(floor, item_id=item + 1000) == {Side.USERS: 0, Side.PROFESSIONALS: 0}


def test_no_seance_once_the_minutes_are_adopted(store, convened, committee):
    store.sitting.start(convened.id, now=START)
    store.minutes.adopt(convened.id)
    with pytest.raises(Refused, match="adopté"):
        store.sitting.start(convened.id, now=START)
