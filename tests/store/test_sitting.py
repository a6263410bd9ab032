"""The séance en cours: opening it holds the meeting, the clock runs per item, the floor is
counted for users and professionals."""

from datetime import UTC, datetime, timedelta

import pytest

from comite.store import PersonInput
from comite.store.committee_models import Role
from comite.store.errors import NeedsConfirmation, NotFound, Refused
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


def _roles(store, membership, first, last, email, *roles):
    store.people.update(membership.person_id, PersonInput(
        last_name=last, first_name=first, email=email, roles=roles))


def test_the_floor_is_counted_by_side(store, convened, members):
    people = invitees(store, convened.id)
    _roles(store, members.president, "Louise", "Martin", "louise.martin@example.org",
           Role.USER_REPRESENTATIVE)
    _roles(store, members.member, "Paul", "Petit", "Paul.Petit@example.org", Role.PROFESSIONAL)
    session = store.sitting.start(convened.id, now=START)
    item = session.current_item_id
    for name in ("Louise Martin", "Paul Petit", "Marc Roux"):
        store.minutes.check_in(people[name].id, now=START)
    for name in ("Louise Martin", "Louise Martin", "Paul Petit", "Marc Roux"):
        store.sitting.take_floor(item, people[name].id)
    store.sitting.take_floor(item, people["Paul Petit"].id)
    store.sitting.undo_floor(item, people["Paul Petit"].id)
    floor = store.sitting.floor(convened.id)
    assert [(f.name, f.side, f.turns) for f in floor] == [
        ("Louise Martin", Side.USERS, 2), ("Paul Petit", Side.PROFESSIONALS, 1),
        ("Marc Roux", Side.OTHERS, 1)]
    assert floor_totals(floor) == {Side.USERS: 2, Side.PROFESSIONALS: 1, Side.OTHERS: 1}
    assert floor_totals(floor, item_id=item + 1000) == dict.fromkeys(Side, 0)


def test_the_floor_is_for_those_in_the_room(store, convened):
    people = invitees(store, convened.id)
    item = store.sitting.start(convened.id, now=START).current_item_id
    paul = people["Paul Petit"].id
    with pytest.raises(NeedsConfirmation, match="Paul Petit n’est pas noté"):
        store.sitting.take_floor(item, paul)
    assert store.sitting.floor(convened.id) == []
    # Asked, the coordinator agrees: arrival and turn together.
    store.sitting.take_floor(item, paul, now=START + timedelta(minutes=3), check_in=True)
    him = {a.name: a for a in store.minutes.attendance(convened.id)[0]}["Paul Petit"]
    assert him.present and him.arrived_at == START + timedelta(minutes=3)
    assert [f.turns for f in store.sitting.floor(convened.id)] == [1]
    # Gone: asked again before a turn is counted.
    store.minutes.check_out(paul, now=START + timedelta(minutes=30))
    with pytest.raises(NeedsConfirmation):
        store.sitting.take_floor(item, paul)


def test_someone_who_walks_in_joins_the_table(store, convened, committee):
    doctor = store.people.create(PersonInput(last_name="Benali", first_name="Karim",
                                             roles=(Role.PROFESSIONAL,)))
    with pytest.raises(Refused, match="pas ouverte"):
        store.sitting.join(convened.id, doctor.id, now=START)
    item = store.sitting.start(convened.id, now=START).current_item_id
    invitee_id = store.sitting.join(convened.id, doctor.id, now=START + timedelta(minutes=12))
    him = {a.name: a for a in store.minutes.attendance(convened.id)[0]}["Karim Benali"]
    assert (him.invitee_id, him.present, him.side) == (invitee_id, True, Side.PROFESSIONALS)
    assert him.arrived_at == START + timedelta(minutes=12)
    store.sitting.take_floor(item, invitee_id)
    # Already at the table: joining again only checks in, never a second row.
    paul = invitees(store, convened.id)["Paul Petit"].id
    assert store.sitting.join(convened.id, store.meetings.invitee(paul).person_id) == paul
    assert len(store.meetings.detail(convened.id).invitees) == 6
    with pytest.raises(NotFound):
        store.sitting.join(convened.id, 9999)


def test_no_seance_once_the_minutes_are_adopted(store, convened, committee):
    store.sitting.start(convened.id, now=START)
    store.minutes.adopt(convened.id)
    with pytest.raises(Refused, match="adopté"):
        store.sitting.start(convened.id, now=START)


def test_everyone_at_the_table_owns_conclusions_and_gives_opinions(store, convened, committee,
                                                                    structure, add_person):
    """The structure's coordinator (not invited), a doctor who walked in, a member: each can own
    a conclusion and give an opinion on a candidacy."""
    from comite.store.committee_models import Role
    from comite.store.conclusions import ConclusionInput
    from comite.store.recruitment import CandidateInput
    from comite.store.recruitment_models import OpinionKind, Source

    claire = add_person("Morel", "Claire", email="claire@example.org")
    store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                            coordinator_id=claire.id)
    doctor = add_person("Benali", "Karim", roles=[Role.PROFESSIONAL])
    item = store.sitting.start(convened.id, now=START).current_item_id
    store.sitting.join(convened.id, doctor.id, now=START)
    owners = dict(store.conclusions.owners(convened.id))
    assert {claire.id, doctor.id} <= set(owners)
    member = next(iter(invitees(store, convened.id).values())).person_id
    for owner in (claire.id, doctor.id, member):
        taken = store.conclusions.add(item, ConclusionInput("Rappeler l’ARS", owner_id=owner))
        assert taken.owner_id == owner
    nadia = add_person("Lefèvre", "Nadia")
    candidacy = store.recruitment.add(nadia.id, CandidateInput(
        role=Role.PATIENT_PARTNER, source=Source.WAITING_ROOM, committee_id=committee.id), START.date())
    for author in (claire.id, doctor.id, member):
        store.recruitment.give_opinion(candidacy.id, author, OpinionKind.FAVOURABLE, "", START.date())
    assert {o.author_id for o in store.recruitment.opinions(candidacy.id)} == {
        claire.id, doctor.id, member}
    sides = {a.person_id: a.side for a in store.minutes.attendance(convened.id)[0]}
    assert sides[doctor.id] is Side.PROFESSIONALS
