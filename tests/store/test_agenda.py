"""The ordre du jour: the committee's usual items on every new meeting, editing and reordering,
the total against the meeting's length, the committee's own template."""

import pytest

from comite.store import MeetingInput
from comite.store.agenda import ItemInput
from comite.store.errors import NotFound, Refused, ValidationError
from comite.store.minutes_models import Participation, Purpose


def new_meeting(store, committee_id, title="Comité", minutes=120):
    return store.meetings.create(committee_id, MeetingInput(title=title, duration_minutes=minutes))


def titles(store, meeting_id):
    return [item.title for item in store.agenda.agenda(meeting_id).items]


def test_a_cdu_starts_with_its_usual_items(store, structure):
    cdu = store.committees.create(structure.id, "Commission des usagers", "cdu")
    agenda = store.agenda.agenda(new_meeting(store, cdu.id).id)
    assert agenda.items[0].title == "Réclamations et plaintes du trimestre"
    assert "Projet des usagers" in [item.title for item in agenda.items]
    assert [item.position for item in agenda.items] == list(range(1, len(agenda.items) + 1))
    assert agenda.carried == ()


def test_add_edit_reorder_remove(store, committee):
    meeting = new_meeting(store, committee.id)
    agenda = store.agenda
    poster = agenda.add_item(meeting.id, ItemInput(
        "Affiche de la salle d’attente", "Nadia Haddad", "25", Purpose.DECISION,
        Participation.PARTNERSHIP))
    assert (poster.position, poster.presenter, poster.duration_minutes, poster.purpose,
            poster.participation) == (len(titles(store, meeting.id)), "Nadia Haddad", 25,
                                      Purpose.DECISION, Participation.PARTNERSHIP)
    agenda.move_item(poster.id, -1)
    assert titles(store, meeting.id)[-2] == "Affiche de la salle d’attente"
    for _step in range(10):  # stops at the top
        agenda.move_item(poster.id, -1)
    assert titles(store, meeting.id)[0] == "Affiche de la salle d’attente"
    agenda.update_item(poster.id, ItemInput("Affiche : le choix", duration_minutes=30))
    assert agenda.item(poster.id).title == "Affiche : le choix"
    agenda.remove_item(poster.id)
    with pytest.raises(NotFound):
        agenda.item(poster.id)
    entries = [(e.action, e.entity) for e in store.audit.recent()]
    assert ("delete", "agenda_item") in entries and ("create", "agenda_item") in entries


@pytest.mark.parametrize(("item", "field"), [
    (ItemInput(""), "title"), (ItemInput("Point", duration_minutes="0"), "duration_minutes"),
    (ItemInput("Point", duration_minutes="1 h"), "duration_minutes"),
    (ItemInput("Point", purpose="vote"), "purpose"),
    (ItemInput("Point", participation="délégation"), "participation"),
])
def test_bad_items_are_refused_field_by_field(store, committee, item, field):
    meeting = new_meeting(store, committee.id)
    before = titles(store, meeting.id)
    with pytest.raises(ValidationError) as refused:
        store.agenda.add_item(meeting.id, item)
    assert field in refused.value.errors
    assert titles(store, meeting.id) == before


def test_the_total_is_weighed_against_the_meeting_length(store, committee):
    meeting = new_meeting(store, committee.id, minutes=60)
    agenda = store.agenda.agenda(meeting.id)
    assert agenda.total_minutes == sum(item.duration_minutes for item in agenda.items)
    assert agenda.overrun_minutes == max(0, agenda.total_minutes - 60)
    store.agenda.add_item(meeting.id, ItemInput("Long débat", duration_minutes=90))
    assert store.agenda.agenda(meeting.id).overrun_minutes == agenda.total_minutes + 90 - 60


def test_the_committee_template_feeds_its_next_meetings(store, committee, structure):
    first = new_meeting(store, committee.id)
    for item in store.agenda.agenda(first.id).items[1:]:
        store.agenda.remove_item(item.id)
    store.agenda.add_item(first.id, ItemInput("Boîte à idées", duration_minutes=15,
                                              participation=Participation.COLLABORATION))
    assert store.agenda.save_template(first.id) == 2
    second = new_meeting(store, committee.id)
    assert titles(store, second.id) == titles(store, first.id)
    assert store.agenda.template(committee.id)[1].participation is Participation.COLLABORATION
    other = store.committees.create(structure.id, "Autre comité", "comite_usagers")
    assert titles(store, new_meeting(store, other.id).id) != titles(store, second.id)


def test_an_empty_agenda_is_no_template(store, committee):
    meeting = new_meeting(store, committee.id)
    for item in store.agenda.agenda(meeting.id).items:
        store.agenda.remove_item(item.id)
    with pytest.raises(Refused, match="vide"):
        store.agenda.save_template(meeting.id)


def test_a_cancelled_meeting_keeps_its_agenda(store, committee, members):
    from tests.store.meeting_setup import poll

    meeting, _slots = poll(store, committee.id)
    store.meetings.cancel(meeting.id)
    with pytest.raises(Refused, match="annulée"):
        store.agenda.add_item(meeting.id, ItemInput("Trop tard"))
