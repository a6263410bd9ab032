"""The minutes' lifecycle — brouillon → diffusé pour remarques → adopté → signé — and the lock:
any edit after signature asks first, then voids the signatures."""

from datetime import date, datetime

import pytest

from comite.store import NeedsConfirmation
from comite.store.agenda import ItemInput
from comite.store.conclusions import ConclusionInput
from comite.store.errors import Refused, ValidationError
from comite.store.lifecycle import advance, can_remove_conclusion, edit_voids_signatures
from comite.store.minutes_models import AttendanceStatus, MinutesStatus
from tests.store.meeting_setup import first_topic, held, invitees, poll

TODAY = date(2027, 2, 1)


@pytest.mark.parametrize(("status", "step", "after"), [
    (MinutesStatus.DRAFT, "circulate", MinutesStatus.CIRCULATED),
    (MinutesStatus.CIRCULATED, "circulate", MinutesStatus.CIRCULATED),  # a new deadline
    (MinutesStatus.DRAFT, "adopt", MinutesStatus.ADOPTED),
    (MinutesStatus.CIRCULATED, "adopt", MinutesStatus.ADOPTED),
    (MinutesStatus.ADOPTED, "sign", MinutesStatus.SIGNED),
])
def test_allowed_steps(status, step, after):
    assert advance(status, step) is after


@pytest.mark.parametrize(("status", "step"), [
    (MinutesStatus.DRAFT, "sign"), (MinutesStatus.CIRCULATED, "sign"),
    (MinutesStatus.ADOPTED, "circulate"), (MinutesStatus.ADOPTED, "adopt"),
    (MinutesStatus.SIGNED, "sign"), (MinutesStatus.SIGNED, "circulate"),
])
def test_refused_steps_say_why(status, step):
    with pytest.raises(Refused) as refused:
        advance(status, step)
    assert refused.value.message


def test_only_signed_minutes_are_locked_and_only_drafts_lose_conclusions():
    assert [edit_voids_signatures(s) for s in MinutesStatus] == [False, False, False, True]
    assert [can_remove_conclusion(s) for s in MinutesStatus] == [True, True, False, False]


@pytest.fixture
def two(store, committee, members):
    """January's meeting held, February's held too (its agenda adopts January's minutes)."""
    january = held(store, committee.id, datetime(2027, 1, 12, 18, 0), "Janvier")
    february = held(store, committee.id, datetime(2027, 2, 9, 18, 0), "Février")
    return january, february


def test_from_draft_to_signed(store, two):
    january, february = two
    minutes = store.minutes
    assert minutes.state(january.id).status is MinutesStatus.DRAFT
    with pytest.raises(ValidationError, match="passée"):
        minutes.circulate(january.id, "20/01/2027", today=TODAY)
    with pytest.raises(ValidationError):
        minutes.circulate(january.id, "", today=TODAY)
    state = minutes.circulate(january.id, "15/02/2027", today=TODAY)
    assert (state.status, state.remarks_until) == (MinutesStatus.CIRCULATED, date(2027, 2, 15))
    with pytest.raises(Refused, match="adopté"):
        minutes.sign(january.id, [("Louise Martin", "Présidente")])
    state = minutes.adopt(january.id)
    # Found by itself: the meeting whose agenda holds « Adoption du compte rendu ».
    assert (state.status, state.adopted_in_meeting_id, state.adopted_in_title) == (
        MinutesStatus.ADOPTED, february.id, "Février")
    with pytest.raises(ValidationError):
        minutes.sign(january.id, [])
    state = minutes.sign(january.id, [("Louise Martin", "Présidente"),
                                      ("Paul Petit", "Secrétaire de séance")], date(2027, 2, 9))
    assert state.locked and [s.signer for s in state.signatures] == ["Louise Martin", "Paul Petit"]
    actions = [e.action for e in store.audit.recent() if e.entity == "minutes"]
    assert actions[:3] == ["sign", "adopt", "circulate"]


def test_the_next_meeting_adopts_the_last_minutes_whichever_is_created_first(store, committee,
                                                                             members):
    # Created before the January meeting is held: gets the item when January is held.
    january, _slots = poll(store, committee.id, datetime(2027, 1, 12, 18, 0), title="Janvier")
    february, _slots = poll(store, committee.id, datetime(2027, 2, 9, 18, 0), title="Février")
    assert [i.kind.value for i in store.agenda.agenda(february.id).items].count("adoption") == 0
    store.meetings.choose_slot(store.meetings.detail(january.id).slots[0].id, confirmed=True)
    store.meetings.mark_held(january.id, now=datetime(2027, 1, 13, 9, 0).astimezone())
    items = store.agenda.agenda(february.id).items
    assert (items[0].kind.value, items[0].title, items[0].adopts_meeting_id) == (
        "adoption", "Adoption du compte rendu du 12/01/2027", january.id)
    # Created after: gets it at once; adopted minutes are not put to the vote again.
    store.minutes.adopt(january.id, in_meeting_id=february.id)
    march, _slots = poll(store, committee.id, datetime(2027, 3, 9, 18, 0), title="Mars")
    assert "adoption" not in [i.kind.value for i in store.agenda.agenda(march.id).items]


def test_a_meeting_planned_long_ahead_moves_on_to_the_minutes_still_to_adopt(store, committee,
                                                                              members):
    # June is planned before January is held; February adopts January's minutes, then is held.
    june, _slots = poll(store, committee.id, datetime(2027, 6, 8, 18, 0), title="Juin")
    january, _slots = poll(store, committee.id, datetime(2027, 1, 12, 18, 0), title="Janvier")
    store.meetings.choose_slot(store.meetings.detail(january.id).slots[0].id, confirmed=True)
    store.meetings.mark_held(january.id, now=datetime(2027, 1, 13, 9, 0).astimezone())
    february, _slots = poll(store, committee.id, datetime(2027, 2, 9, 18, 0), title="Février")
    store.meetings.choose_slot(store.meetings.detail(february.id).slots[0].id, confirmed=True)
    store.minutes.adopt(january.id, in_meeting_id=february.id)
    store.meetings.mark_held(february.id, now=datetime(2027, 2, 10, 9, 0).astimezone())
    adoption = store.agenda.agenda(june.id).items[0]
    assert (adoption.kind.value, adoption.adopts_meeting_id, adoption.title) == (
        "adoption", february.id, "Adoption du compte rendu du 09/02/2027")
    assert [i.kind.value for i in store.agenda.agenda(june.id).items].count("adoption") == 1


def test_an_adoption_the_seance_settled_stays(store, committee, members):
    january, _slots = poll(store, committee.id, datetime(2027, 1, 12, 18, 0), title="Janvier")
    february, _slots = poll(store, committee.id, datetime(2027, 2, 9, 18, 0), title="Février")
    march, _slots = poll(store, committee.id, datetime(2027, 3, 9, 18, 0), title="Mars")
    store.meetings.choose_slot(store.meetings.detail(january.id).slots[0].id, confirmed=True)
    store.meetings.mark_held(january.id, now=datetime(2027, 1, 13, 9, 0).astimezone())
    item = store.agenda.agenda(march.id).items[0]
    store.agenda.update_item(item.id, ItemInput(title=item.title, outcome="postponed"),
                             confirmed=True)
    store.minutes.adopt(january.id, in_meeting_id=february.id)
    store.meetings.choose_slot(store.meetings.detail(february.id).slots[0].id, confirmed=True)
    store.meetings.mark_held(february.id, now=datetime(2027, 2, 10, 9, 0).astimezone())
    assert store.agenda.agenda(march.id).items[0].adopts_meeting_id == january.id


def test_lifecycle_needs_a_held_meeting(store, committee, members):
    meeting, _slots = poll(store, committee.id)
    with pytest.raises(Refused, match="tenue"):
        store.minutes.circulate(meeting.id, "01/01/2099")
    with pytest.raises(Refused, match="même comité"):
        january = held(store, committee.id, datetime(2027, 1, 12, 18, 0))
        store.minutes.adopt(january.id, in_meeting_id=january.id)


@pytest.fixture
def signed(store, two, members):
    january, february = two
    topic = first_topic(store, january.id)
    store.minutes.write_notes(topic, "Notes adoptées.")
    conclusion = store.conclusions.add(topic, ConclusionInput("Relire le livret"))
    store.minutes.adopt(january.id, in_meeting_id=february.id)
    store.minutes.sign(january.id, [("Louise Martin", "Présidente")])
    return january, topic, conclusion


EDITS = {
    "notes": lambda store, m, topic, c, **kw: store.minutes.write_notes(topic, "Changé", **kw),
    "confidential notes": lambda store, m, topic, c, **kw: store.minutes.write_notes(
        topic, "Secret", confidential=True, **kw),
    "attendance": lambda store, m, topic, c, **kw: store.minutes.set_attendance(
        invitees(store, m.id)["Paul Petit"].id, AttendanceStatus.EXCUSED, **kw),
    "conclusion text": lambda store, m, topic, c, **kw: store.conclusions.update(
        c.id, ConclusionInput("Relire et imprimer le livret"), **kw),
    "new conclusion": lambda store, m, topic, c, **kw: store.conclusions.add(
        topic, ConclusionInput("Une de plus"), **kw),
    "agenda item": lambda store, m, topic, c, **kw: store.agenda.update_item(
        topic, ItemInput("Autre titre"), **kw),
    "new item": lambda store, m, topic, c, **kw: store.agenda.add_item(
        m.id, ItemInput("Point ajouté"), **kw),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_any_edit_after_signature_asks_first_then_voids(store, signed, edit):
    meeting, topic, conclusion = signed
    before = store.minutes.document(meeting.id)
    with pytest.raises(NeedsConfirmation, match="Louise Martin") as asked:
        edit(store, meeting, topic, conclusion)
    assert "annule" in asked.value.message
    assert store.minutes.edit_question(meeting.id) == asked.value.message  # asked before typing
    assert store.minutes.document(meeting.id) == before  # nothing changed yet
    edit(store, meeting, topic, conclusion, confirmed=True)
    state = store.minutes.state(meeting.id)
    assert (state.status, state.signatures, state.locked) == (MinutesStatus.ADOPTED, (), False)
    assert state.voided_at is not None and store.minutes.edit_question(meeting.id) is None
    assert any(e.action == "void_signatures" for e in store.audit.recent())
    # Signed again, the old signatures stay voided on record, the new one counts.
    state = store.minutes.sign(meeting.id, [("Paul Petit", "Président de séance")])
    assert [s.signer for s in state.signatures] == ["Paul Petit"]


def test_an_unchanged_save_does_not_void(store, signed):
    meeting, topic, _conclusion = signed
    store.minutes.write_notes(topic, "Notes adoptées.")  # the same text, saved again
    assert store.minutes.state(meeting.id).locked
