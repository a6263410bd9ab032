"""Meetings: creation (every member invited on their seat), the form's checks, and the
lifecycle brouillon → sondage → convoquée → tenue, or annulée."""

from datetime import UTC, datetime

import pytest

from comite.store import MeetingInput, MembershipInput, NotFound, Refused, ValidationError
from comite.store.committee_models import CommitteeKind
from comite.store.meeting_models import InviteeSeat, MeetingStatus, PartStat, SlotStatus
from tests.store.meeting_setup import (
    AFTER_ALL,
    GUEST,
    MEMBER,
    NO_EMAIL,
    PRESIDENT,
    SUBSTITUTE,
    WINTER,
    invitees,
    meeting_in,
    poll,
)


def test_a_new_meeting_is_a_draft_with_its_fields(store, committee, members):
    meeting = store.meetings.create(committee.id, MeetingInput(
        title="  Comité   de printemps ", place="Salle des Tilleuls",
        video_url="https://visio.example.org/comite", duration_minutes="90",
        timezone="Indian/Reunion", description="1. Tour de table\n2. Questions diverses", quorum=" 3 "))
    assert meeting.status is MeetingStatus.DRAFT
    assert meeting.title == "Comité de printemps"
    assert (meeting.committee_id, meeting.committee_name) == (committee.id, "Comité des usagers")
    assert (meeting.place, meeting.video_url) == ("Salle des Tilleuls", "https://visio.example.org/comite")
    assert (meeting.duration_minutes, meeting.timezone, meeting.quorum) == (90, "Indian/Reunion", 3)
    assert meeting.description == "1. Tour de table\n2. Questions diverses"
    assert (meeting.starts_at, meeting.invitees, meeting.answered) == (None, 5, 0)
    assert len(meeting.uid) >= 32
    assert store.meetings.get(meeting.id) == meeting


def test_defaults(store, committee):
    meeting = store.meetings.create(committee.id, MeetingInput(title="Comité", timezone=" "))
    assert (meeting.place, meeting.video_url, meeting.description) == ("", "", "")
    assert (meeting.duration_minutes, meeting.timezone, meeting.quorum) == (120, "Europe/Paris", None)


def test_every_member_is_invited_on_their_seat(store, committee, members):
    meeting = store.meetings.create(committee.id, MeetingInput(title="Comité de printemps"))
    found = invitees(store, meeting.id)
    seats = {name: (i.seat, i.seat_key, i.required, i.substitute_for_name) for name, i in found.items()}
    assert seats == {
        PRESIDENT: (InviteeSeat.TITULAR, members.president.id, True, ""),
        SUBSTITUTE: (InviteeSeat.SUBSTITUTE, members.president.id, False, PRESIDENT),
        MEMBER: (InviteeSeat.TITULAR, members.member.id, False, ""),
        NO_EMAIL: (InviteeSeat.TITULAR, members.no_email.id, False, ""),
        GUEST: (InviteeSeat.GUEST, None, False, ""),
    }
    assert {i.partstat for i in found.values()} == {PartStat.NEEDS_ACTION}
    assert found[PRESIDENT].person_id == members.president.person_id
    assert (found[MEMBER].email, found[NO_EMAIL].email) == ("Paul.Petit@example.org", "")
    assert found[NO_EMAIL].phone == "06 39 98 10 04"
    # The required titulaire leading, each suppléante under her titulaire, guests last.
    assert list(found) == [PRESIDENT, SUBSTITUTE, MEMBER, NO_EMAIL, GUEST]


def test_members_of_other_committees_are_not_invited(store, structure, committee, members, add_person):
    other = store.committees.create(structure.id, "Groupe de travail", CommitteeKind.WORKING_GROUP)
    store.memberships.add(other.id, add_person("Blanc", "Hugo").id, MembershipInput())
    meeting = store.meetings.create(committee.id, MeetingInput(title="Comité"))
    assert "Hugo Blanc" not in invitees(store, meeting.id)
    assert store.meetings.create(other.id, MeetingInput(title="Groupe")).invitees == 1


def test_an_archived_committee_is_not_convened(store, committee, members):
    store.committees.set_archived(committee.id, True)
    with pytest.raises(Refused) as caught:
        store.meetings.create(committee.id, MeetingInput(title="Comité"))
    assert caught.value.message == "Ce comité est archivé : réactivez-le avant de le réunir."
    assert store.meetings.all() == []


def test_an_unknown_committee_is_refused(store):
    with pytest.raises(NotFound, match="Ce comité n’existe plus"):
        store.meetings.create(4242, MeetingInput(title="Comité"))


# ---- the form's checks -----------------------------------------------------------------------


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": ""}, "title"),
    ({"title": "   \n "}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"duration_minutes": 4}, "duration_minutes"),
    ({"duration_minutes": "1441"}, "duration_minutes"),
    ({"duration_minutes": "deux heures"}, "duration_minutes"),
    ({"duration_minutes": "1.5"}, "duration_minutes"),
    ({"duration_minutes": ""}, "duration_minutes"),
    ({"video_url": "visio.example.org/comite"}, "video_url"),
    ({"video_url": "ftp://visio.example.org/comite"}, "video_url"),
    ({"video_url": "javascript:alert(1)"}, "video_url"),
    ({"video_url": "https://visio.example.org/comite\r\nBcc: tous@example.org"}, "video_url"),
    ({"video_url": "https://visio.example.org/" + "x" * 500}, "video_url"),
    ({"timezone": "Europe/Pariss"}, "timezone"),
    ({"timezone": "Europe"}, "timezone"),
    ({"quorum": "deux"}, "quorum"),
    ({"quorum": "-1"}, "quorum"),
    ({"quorum": "2,5"}, "quorum"),
    ({"quorum": "²"}, "quorum"),
    ({"quorum": "1" * 30}, "quorum"),
    ({"place": "x" * 301}, "place"),
    ({"description": "x" * 10_001}, "description"),
])
def test_a_bad_field_is_refused_and_named(store, committee, fields, field):
    values = {"title": "Comité de printemps", **fields}
    with pytest.raises(ValidationError) as caught:
        store.meetings.create(committee.id, MeetingInput(**values))
    assert list(caught.value.errors) == [field]
    message = caught.value.errors[field]
    assert message.endswith(".") and "Error" not in message  # a French sentence, not Python's
    assert store.meetings.all() == []


def test_every_bad_field_is_named_at_once(store, committee):
    with pytest.raises(ValidationError) as caught:
        store.meetings.create(committee.id, MeetingInput(
            title="", duration_minutes="x", timezone="Nulle/Part", quorum="x"))
    assert set(caught.value.errors) == {"title", "duration_minutes", "timezone", "quorum"}
    assert caught.value.errors["title"] == "Le titre est obligatoire."
    assert caught.value.errors["duration_minutes"] == (
        "Indiquez une durée en minutes, entre 5 et 1440 (par exemple 120).")
    assert caught.value.errors["quorum"] == (
        "Le quorum est un nombre de sièges (laissez vide : la majorité des sièges).")


@pytest.mark.parametrize("url", ["https://visio.example.org/comite", "HTTPS://Visio.example.org/c?id=4",
                                 "http://visio.example.org/comite", ""])
def test_acceptable_video_links(store, committee, url):
    assert store.meetings.create(committee.id, MeetingInput(title="Comité", video_url=url)).video_url == url


# ---- the lifecycle ---------------------------------------------------------------------------


def test_from_draft_to_held(store, committee, members):
    meeting = store.meetings.create(committee.id, MeetingInput(title="Comité de printemps"))
    with pytest.raises(Refused) as caught:
        store.meetings.open_poll(meeting.id)
    assert caught.value.message == "Proposez au moins un créneau avant d’ouvrir le sondage."
    assert store.meetings.get(meeting.id).status is MeetingStatus.DRAFT

    slot = store.meetings.add_slot(meeting.id, WINTER)
    assert store.meetings.open_poll(meeting.id).status is MeetingStatus.POLL
    convened = store.meetings.choose_slot(slot.id)
    assert convened.status is MeetingStatus.CONVENED
    assert convened.starts_at == slot.starts_at

    with pytest.raises(Refused) as caught:
        store.meetings.mark_held(meeting.id, now=datetime(2027, 1, 12, 16, 59, tzinfo=UTC))
    assert caught.value.message == ("Cette réunion n’a pas encore commencé : elle sera « tenue » "
                                    "le jour venu.")
    assert store.meetings.get(meeting.id).status is MeetingStatus.CONVENED
    held = store.meetings.mark_held(meeting.id, now=datetime(2027, 1, 12, 17, 0, tzinfo=UTC))
    assert held.status is MeetingStatus.HELD


def test_a_poll_needs_someone_to_ask(store, committee):
    """A committee without members: nobody is invited, so there is no one to poll."""
    meeting = store.meetings.create(committee.id, MeetingInput(title="Comité"))
    store.meetings.add_slot(meeting.id, WINTER)
    with pytest.raises(Refused) as caught:
        store.meetings.open_poll(meeting.id)
    assert caught.value.message == "Invitez au moins une personne avant d’ouvrir le sondage."
    assert store.meetings.get(meeting.id).status is MeetingStatus.DRAFT


def test_mark_held_takes_the_chosen_start_not_the_first_slot(store, committee, members):
    meeting, (_winter, summer) = poll(store, committee.id)
    store.meetings.choose_slot(summer.id)
    with pytest.raises(Refused):
        store.meetings.mark_held(meeting.id, now=datetime(2027, 2, 1, tzinfo=UTC))
    assert store.meetings.mark_held(meeting.id, now=AFTER_ALL).status is MeetingStatus.HELD


@pytest.mark.parametrize("status", [MeetingStatus.POLL, MeetingStatus.CONVENED])
def test_cancel_from_each_status_that_sent_something(store, committee, members, status):
    meeting, _slots = meeting_in(store, committee.id, status)
    assert store.meetings.cancel(meeting.id).status is MeetingStatus.CANCELLED


def test_a_draft_is_deleted_not_cancelled(store, committee, members):
    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.DRAFT)
    with pytest.raises(Refused, match="supprimez-le"):
        store.meetings.cancel(meeting.id)
    assert store.meetings.get(meeting.id).status is MeetingStatus.DRAFT


def _try(store, action: str, meeting_id: int, slot_id: int) -> None:
    meetings = store.meetings
    {
        "open_poll": lambda: meetings.open_poll(meeting_id),
        "choose_slot": lambda: meetings.choose_slot(slot_id, confirmed=True),
        "mark_held": lambda: meetings.mark_held(meeting_id, now=AFTER_ALL),
        "cancel": lambda: meetings.cancel(meeting_id),
        "delete": lambda: meetings.delete(meeting_id),
        "reschedule": lambda: meetings.reschedule(meeting_id, datetime(2027, 2, 2, 18, 0)),
        "add_slot": lambda: meetings.add_slot(meeting_id, datetime(2027, 2, 2, 18, 0)),
        "update_slot": lambda: meetings.update_slot(slot_id, datetime(2027, 2, 2, 18, 0)),
        "remove_slot": lambda: meetings.remove_slot(slot_id),
        "update": lambda: meetings.update(meeting_id, MeetingInput(title="Autre titre")),
    }[action]()


FORBIDDEN = {
    MeetingStatus.DRAFT: ("brouillon", ("mark_held", "reschedule")),  # cancel: above; choose: below
    MeetingStatus.POLL: ("sondage", ("open_poll", "mark_held", "delete", "reschedule")),
    MeetingStatus.CONVENED: ("convoquée", ("open_poll", "choose_slot", "delete", "add_slot",
                                          "update_slot", "remove_slot")),
    MeetingStatus.HELD: ("tenue", ("cancel", "mark_held", "reschedule", "update", "delete", "open_poll")),
    MeetingStatus.CANCELLED: ("annulée", ("cancel", "open_poll", "choose_slot", "add_slot", "update",
                                         "mark_held", "reschedule")),
}


@pytest.mark.parametrize("status", list(FORBIDDEN))
def test_forbidden_transitions_are_refused_in_french(store, committee, members, status):
    shown, actions = FORBIDDEN[status]
    meeting, proposed = meeting_in(store, committee.id, status)
    before = store.meetings.detail(meeting.id)
    for action in actions:
        with pytest.raises(Refused) as caught:
            _try(store, action, meeting.id, proposed[0].id)
        assert (action, caught.value.message) == (action, f"Impossible : la réunion est « {shown} ».")
    assert store.meetings.detail(meeting.id) == before


# ---- convened directly from the draft, without a poll ----------------------------------------

BEFORE_ALL = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_a_draft_with_one_slot_is_convened_directly(store, committee, members):
    meeting, (slot,) = meeting_in(store, committee.id, MeetingStatus.DRAFT)
    assert store.meetings.convene_refusal(meeting.id, slot.id, now=BEFORE_ALL) is None
    convened = store.meetings.choose_slot(slot.id, now=BEFORE_ALL)

    assert convened.status is MeetingStatus.CONVENED
    assert convened.starts_at == slot.starts_at
    (chosen,) = store.meetings.detail(meeting.id).slots
    # The same convocation as after a poll: same UID, SEQUENCE 1, everyone asked.
    assert (chosen.id, chosen.uid, chosen.status, chosen.sequence) == (
        slot.id, slot.uid, SlotStatus.CHOSEN, 1)
    assert {i.partstat for i in invitees(store, meeting.id).values()} == {PartStat.NEEDS_ACTION}
    entries = store.audit.recent(5)
    assert [(e.action, e.entity, e.entity_id, e.fields) for e in entries[:2]] == [
        ("choose", "slot", slot.id, ()), ("status", "meeting", meeting.id, ("convened",))]


def test_a_draft_with_several_slots_is_convened_on_the_chosen_one_the_others_go(
        store, committee, members):
    """Decided: allowed. The other dates went to nobody, so they are deleted as a draft's slot
    is, not released: no « date non retenue » is sent for a date nobody was offered."""
    meeting = store.meetings.create(committee.id, MeetingInput(title="CDU", place="Salle A"))
    winter = store.meetings.add_slot(meeting.id, WINTER)
    summer = store.meetings.add_slot(meeting.id, datetime(2027, 7, 13, 18, 0), "Salle B")
    convened = store.meetings.convene(meeting.id, summer.id, now=BEFORE_ALL)

    assert (convened.status, convened.starts_at, convened.place) == (
        MeetingStatus.CONVENED, summer.starts_at, "Salle B")
    assert [(s.id, s.status, s.sequence) for s in store.meetings.detail(meeting.id).slots] == [
        (summer.id, SlotStatus.CHOSEN, 1)]
    done = [(e.action, e.entity, e.entity_id) for e in store.audit.recent(5)]
    assert ("delete", "slot", winter.id) in done and ("choose", "slot", summer.id) in done


def test_a_draft_is_convened_today_but_not_on_a_day_gone_by(store, committee, members):
    meeting, (slot,) = meeting_in(store, committee.id, MeetingStatus.DRAFT)  # 12/01/2027 18:00 Paris
    later_that_day = datetime(2027, 1, 12, 22, 30, tzinfo=UTC)  # 23:30 in Paris
    next_day = datetime(2027, 1, 12, 23, 30, tzinfo=UTC)  # 00:30 the 13th in Paris
    expected = ("Le mardi 12 janvier 2027 est passé : proposez une date à venir pour convoquer "
                "la réunion.")
    assert store.meetings.convene_refusal(meeting.id, slot.id, now=next_day) == expected
    with pytest.raises(Refused) as caught:
        store.meetings.choose_slot(slot.id, now=next_day)
    assert caught.value.message == expected
    assert store.meetings.get(meeting.id).status is MeetingStatus.DRAFT
    assert store.meetings.choose_slot(slot.id, now=later_that_day).status is MeetingStatus.CONVENED


def test_a_poll_keeps_its_rules_whatever_the_date(store, committee, members):
    meeting, (winter, _summer) = poll(store, committee.id)
    convened = store.meetings.choose_slot(winter.id, now=AFTER_ALL)
    assert convened.status is MeetingStatus.CONVENED
    assert [s.status for s in store.meetings.detail(meeting.id).slots] == [
        SlotStatus.CHOSEN, SlotStatus.RELEASED]


def test_a_draft_without_invitees_or_with_another_meetings_slot_is_refused(store, committee, members):
    empty_committee = store.committees.create(committee.structure_id, "Groupe vide",
                                              CommitteeKind.WORKING_GROUP)
    empty = store.meetings.create(empty_committee.id, MeetingInput(title="Personne"))
    lonely = store.meetings.add_slot(empty.id, WINTER)
    other, (foreign,) = meeting_in(store, committee.id, MeetingStatus.DRAFT)
    cases = [(empty.id, lonely.id, "Invitez au moins une personne avant de convoquer la réunion."),
             (empty.id, foreign.id, "Ce créneau n’appartient pas à cette réunion.")]
    for meeting_id, slot_id, message in cases:
        assert store.meetings.convene_refusal(meeting_id, slot_id, now=BEFORE_ALL) == message
        with pytest.raises(Refused) as caught:
            store.meetings.convene(meeting_id, slot_id, now=BEFORE_ALL)
        assert caught.value.message == message
    assert {store.meetings.get(m).status for m in (empty.id, other.id)} == {MeetingStatus.DRAFT}


@pytest.mark.parametrize(("status", "shown"), [(MeetingStatus.CANCELLED, "annulée"),
                                               (MeetingStatus.HELD, "tenue"),
                                               (MeetingStatus.CONVENED, "convoquée")])
def test_a_meeting_past_the_choice_is_still_refused_in_french(store, committee, members, status, shown):
    meeting, proposed = meeting_in(store, committee.id, status)
    before = store.meetings.detail(meeting.id)
    expected = f"Impossible : la réunion est « {shown} »."
    assert store.meetings.convene_refusal(meeting.id, proposed[0].id, now=BEFORE_ALL) == expected
    with pytest.raises(Refused) as caught:
        store.meetings.convene(meeting.id, proposed[0].id, confirmed=True, now=BEFORE_ALL)
    assert caught.value.message == expected
    assert store.meetings.detail(meeting.id) == before


def test_only_a_draft_is_deleted(store, committee, members):
    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.DRAFT)
    store.meetings.delete(meeting.id)
    with pytest.raises(NotFound) as caught:
        store.meetings.get(meeting.id)
    assert caught.value.message == "Cette réunion n’existe plus."
    conn = store.db.connection()
    for table in ("slots", "invitees"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_unknown_meeting(store):
    for call in (lambda: store.meetings.detail(77), lambda: store.meetings.open_poll(77),
                 lambda: store.meetings.cancel(77), lambda: store.meetings.add_slot(77, WINTER)):
        with pytest.raises(NotFound, match="Cette réunion n’existe plus"):
            call()


# ---- invitees beyond the members -------------------------------------------------------------


def test_invite_a_guest_from_outside(store, committee, members, add_person):
    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.POLL)
    speaker = add_person("Blanc", "Hugo", email="hugo.blanc@example.org")
    guest = store.meetings.invite(meeting.id, speaker.id)
    assert (guest.name, guest.seat, guest.seat_key, guest.required) == (
        "Hugo Blanc", InviteeSeat.GUEST, None, False)
    assert store.meetings.get(meeting.id).invitees == 6
    with pytest.raises(Refused, match="déjà invitée"):
        store.meetings.invite(meeting.id, speaker.id)
    with pytest.raises(NotFound, match="Cette personne n’existe plus"):
        store.meetings.invite(meeting.id, 4242)
    assert store.meetings.set_required(guest.id, True).required is True
    store.meetings.uninvite(guest.id)
    assert "Hugo Blanc" not in invitees(store, meeting.id)


def test_required_is_fixed_once_convened(store, committee, members):
    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    president = invitees(store, meeting.id)[PRESIDENT]
    with pytest.raises(Refused, match="convoquée"):
        store.meetings.set_required(president.id, False)
