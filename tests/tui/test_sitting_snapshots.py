"""The séance and the grid of the meeting it held, at 80×24, on the example data at a fixed
date and fixed times: a few people checked in, a suppléant(e) standing for an absent
titulaire, the coordinator who walked in, a departure, some turns.

Update after an intended change with: .venv/bin/python -m pytest tests/tui/test_sitting_snapshots.py
--snapshot-update, then look at the new SVGs in tests/tui/__snapshots__/.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from comite.store.committee_models import Role
from comite.store.meeting_models import InviteeSeat, PartStat
from comite.store.minutes_models import Side
from comite.tui.screens.sitting import SittingScreen
from tests.tui.conftest import make_app, wait_for

# The example's next meeting is polled on 23/12/2026 at 18:00 (its best slot) among others.
START = datetime(2026, 12, 23, 18, 0, tzinfo=ZoneInfo("Europe/Paris"))


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def seance_under_way(store) -> int:
    """The example's next meeting convened on its poll's best slot (23/12/2026, 18:00), its
    séance at its second item since 18:10; the coordinator, not on the list, walked in."""
    meeting = next(m for m in store.meetings.all() if m.status.value == "poll")
    people = store.minutes.attendance(meeting.id)[0]
    coordinator = next(a for a in people if Role.COORDINATOR in store.people.get(a.person_id).roles)
    store.meetings.uninvite(coordinator.invitee_id)
    slot = next(s for s in store.meetings.detail(meeting.id).slots if s.starts_at == START)
    store.meetings.choose_slot(slot.id, confirmed=True, now=at(-24 * 60))
    people = store.minutes.attendance(meeting.id)[0]
    substitute = next(a for a in people if a.seat is InviteeSeat.SUBSTITUTE)
    titular = next(a for a in people if a.seat is InviteeSeat.TITULAR
                   and a.seat_key == substitute.seat_key)
    others = [a for a in people if a.seat is InviteeSeat.TITULAR and a is not titular]
    users = [a for a in others if a.side is Side.USERS]
    professional = next(a for a in others if a.side is Side.PROFESSIONALS)
    store.meetings.record_attendance(titular.invitee_id, PartStat.DECLINED)
    for a in users[:4]:
        store.meetings.record_attendance(a.invitee_id, PartStat.ACCEPTED)
    store.sitting.start(meeting.id, now=at(-5))
    for minutes, a in enumerate((users[0], professional, substitute, users[1])):
        store.minutes.check_in(a.invitee_id, now=at(minutes - 3))
    walk_in = store.sitting.join(meeting.id, coordinator.person_id, now=at(4))
    item = store.sitting.move(meeting.id, 1, now=at(10)).current_item_id
    for minutes, invitee_id in enumerate((users[0].invitee_id, professional.invitee_id,
                                          walk_in, users[0].invitee_id, substitute.invitee_id)):
        store.sitting.take_floor(item, invitee_id, now=at(11 + minutes))
    store.minutes.check_out(users[1].invitee_id, now=at(14))
    return meeting.id


@pytest.fixture
def fixed_clock(monkeypatch):
    """The séance's clock at 18:16: its item's time reads the same on every run."""
    monkeypatch.setattr(SittingScreen, "now", staticmethod(lambda: at(16)))


def opening(page, ready):
    """What the snapshot runs first: `page` pushed, and shown once `ready(page)` holds."""
    async def run_before(pilot):
        pilot.app.push_screen(page)
        await wait_for(pilot, lambda: pilot.app.screen is page and ready(page))
        await pilot.pause()

    return run_before


def test_seance(snap_compare, demo_store, fixed_clock):
    page = SittingScreen(seance_under_way(demo_store))
    assert snap_compare(make_app(demo_store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=opening(page, lambda page: page.item is not None))


def test_grid_of_a_held_meeting(snap_compare, demo_store):
    """After the séance: the chosen slot's seats, quorum and required people are the
    séance's."""
    from comite.tui.screens.meeting import MeetingScreen

    meeting_id = seance_under_way(demo_store)
    demo_store.sitting.end(meeting_id, now=at(120))
    page = MeetingScreen(meeting_id)
    assert snap_compare(make_app(demo_store, watch_inbox=False), terminal_size=(80, 24),
                        run_before=opening(page, lambda page: page.detail is not None))
