"""Answers entered by the coordinator (phone, paper) or imported (Framadate): where they come
from, who entered them and when, and the all-or-nothing import."""

from datetime import UTC, datetime, timedelta

import pytest

from comite.store import NotFound, Refused, ValidationError, open_store
from comite.store.meeting_models import Answer, AnswerSource, MeetingStatus
from tests.store.meeting_setup import (
    AUTUMN,
    GUEST,
    MEMBER,
    NO_EMAIL,
    PRESIDENT,
    SUBSTITUTE,
    SUMMER,
    WINTER,
    invitees,
    meeting_in,
    poll,
)


def vote_count(store) -> int:
    return store.db.connection().execute("SELECT count(*) FROM votes").fetchone()[0]


def test_record_vote_keeps_its_provenance(store, opened):
    meeting, (winter, _summer), people = opened
    before = datetime.now(UTC).replace(microsecond=0)
    store.meetings.record_vote(people[NO_EMAIL].id, winter.id, Answer.IF_NEED_BE, AnswerSource.PAPER,
                               "  Viendra si son fils l’accompagne ")
    vote = store.meetings.detail(meeting.id).vote(people[NO_EMAIL].id, winter.id)
    assert (vote.answer, vote.source, vote.comment) == (
        Answer.IF_NEED_BE, AnswerSource.PAPER, "Viendra si son fils l’accompagne")
    assert vote.entered_by == store.actor == "coordination"
    entered = datetime.fromisoformat(vote.entered_at)
    assert entered.utcoffset() == timedelta(0)
    assert before <= entered <= datetime.now(UTC)


def test_entered_by_is_whoever_opened_the_store(store, db_path, opened):
    meeting, (winter, _summer), people = opened
    desk = open_store(db_path, actor="accueil")
    try:
        desk.meetings.record_vote(people[MEMBER].id, winter.id, "yes", "phone")
    finally:
        desk.close()
    vote = store.meetings.detail(meeting.id).vote(people[MEMBER].id, winter.id)
    assert (vote.entered_by, vote.source, vote.answer) == ("accueil", AnswerSource.PHONE, Answer.YES)


def test_a_new_answer_replaces_the_old_and_none_clears_it(store, opened):
    meeting, (winter, summer), people = opened
    president = people[PRESIDENT].id
    store.meetings.record_vote(president, winter.id, Answer.YES)
    store.meetings.record_vote(president, summer.id, Answer.NO)
    assert store.meetings.get(meeting.id).answered == 1
    store.meetings.record_vote(president, winter.id, Answer.NO, AnswerSource.PAPER)
    detail = store.meetings.detail(meeting.id)
    assert (detail.vote(president, winter.id).answer, detail.vote(president, winter.id).source) == (
        Answer.NO, AnswerSource.PAPER)
    assert len(detail.votes) == 2

    store.meetings.record_vote(president, winter.id, None)
    assert store.meetings.detail(meeting.id).vote(president, winter.id) is None
    assert store.meetings.get(meeting.id).answered == 1  # still an answer for summer
    store.meetings.record_vote(president, summer.id, None)
    assert store.meetings.get(meeting.id).answered == 0
    store.meetings.record_vote(president, summer.id, None)  # clearing nothing is harmless


def test_answered_counts_people_not_votes(store, opened):
    meeting, (winter, summer), people = opened
    for name in (PRESIDENT, GUEST):
        store.meetings.record_vote(people[name].id, winter.id, Answer.YES)
        store.meetings.record_vote(people[name].id, summer.id, Answer.NO)
    assert (store.meetings.get(meeting.id).answered, store.meetings.get(meeting.id).invitees) == (2, 5)


def test_a_comment_too_long_is_refused_by_field(store, opened):
    _meeting, (winter, _summer), people = opened
    with pytest.raises(ValidationError) as caught:
        store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.YES, comment="x" * 501)
    assert list(caught.value.errors) == ["comment"]
    assert vote_count(store) == 0


def test_the_grid_scores_what_was_entered(store, opened):
    meeting, (winter, summer), people = opened
    store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.NO)
    store.meetings.record_vote(people[SUBSTITUTE].id, winter.id, Answer.YES)
    store.meetings.record_vote(people[MEMBER].id, winter.id, Answer.IF_NEED_BE)
    store.meetings.record_vote(people[GUEST].id, summer.id, Answer.YES)
    detail, scores = store.meetings.grid(meeting.id)
    assert detail == store.meetings.detail(meeting.id)
    by_slot = {score.slot.id: score for score in scores}
    assert (by_slot[winter.id].seats_covered, by_slot[winter.id].seats) == (2, 3)
    assert by_slot[winter.id].quorum_reached
    assert by_slot[winter.id].required_missing == ()
    assert (by_slot[summer.id].seats_covered, by_slot[summer.id].yes) == (0, 1)
    assert by_slot[summer.id].required_missing == (PRESIDENT,)


def test_a_vote_on_a_released_slot_is_refused(store, committee, members):
    meeting, (winter, _summer, _autumn) = poll(store, committee.id, WINTER, SUMMER, AUTUMN)
    store.meetings.remove_slot(winter.id)
    with pytest.raises(Refused) as caught:
        store.meetings.record_vote(invitees(store, meeting.id)[PRESIDENT].id, winter.id, Answer.YES)
    assert caught.value.message == "Ce créneau a été retiré du sondage."
    assert vote_count(store) == 0


@pytest.mark.parametrize(("status", "shown"), [
    (MeetingStatus.DRAFT, "brouillon"), (MeetingStatus.CONVENED, "convoquée"),
    (MeetingStatus.HELD, "tenue"), (MeetingStatus.CANCELLED, "annulée"),
])
def test_a_vote_outside_the_poll_is_refused(store, committee, members, status, shown):
    meeting, proposed = meeting_in(store, committee.id, status)
    with pytest.raises(Refused) as caught:
        store.meetings.record_vote(invitees(store, meeting.id)[PRESIDENT].id, proposed[0].id, Answer.YES)
    assert caught.value.message == f"Impossible : la réunion est « {shown} »."
    assert vote_count(store) == 0


def test_a_vote_on_a_slot_of_another_meeting_is_refused(store, committee, opened):
    _meeting, (_winter, _summer), people = opened
    _other, (other_slot, _other_summer) = poll(store, committee.id, title="Autre réunion")
    with pytest.raises(Refused) as caught:
        store.meetings.record_vote(people[PRESIDENT].id, other_slot.id, Answer.YES)
    assert caught.value.message == "Ce créneau n’appartient pas à la réunion de cette personne."
    assert vote_count(store) == 0


def test_unknown_invitee_or_slot(store, opened):
    _meeting, (winter, _summer), people = opened
    with pytest.raises(NotFound, match="Cette personne n’est plus invitée"):
        store.meetings.record_vote(4242, winter.id, Answer.YES)
    with pytest.raises(NotFound, match="Ce créneau n’existe plus"):
        store.meetings.record_vote(people[PRESIDENT].id, 4242, Answer.YES)


# ---- import ----------------------------------------------------------------------------------


def test_import_votes_writes_them_all_with_their_source(store, opened):
    meeting, (winter, summer), people = opened
    count = store.meetings.import_votes(meeting.id, {
        people[PRESIDENT].id: {winter.id: Answer.YES, summer.id: Answer.NO},
        people[MEMBER].id: {winter.id: Answer.IF_NEED_BE},
    })
    assert count == 3
    votes = store.meetings.detail(meeting.id).votes
    assert {(v.invitee_id, v.slot_id, v.answer) for v in votes} == {
        (people[PRESIDENT].id, winter.id, Answer.YES), (people[PRESIDENT].id, summer.id, Answer.NO),
        (people[MEMBER].id, winter.id, Answer.IF_NEED_BE)}
    assert {(v.source, v.entered_by) for v in votes} == {(AnswerSource.FRAMADATE, "coordination")}


def test_import_votes_replaces_earlier_answers(store, opened):
    meeting, (winter, _summer), people = opened
    store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.NO)
    store.meetings.import_votes(meeting.id, {people[PRESIDENT].id: {winter.id: Answer.YES}},
                                AnswerSource.PAPER)
    vote = store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id)
    assert (vote.answer, vote.source) == (Answer.YES, AnswerSource.PAPER)


def test_import_votes_is_all_or_nothing(store, committee, opened):
    meeting, (winter, summer), people = opened
    other, _slots = poll(store, committee.id, title="Autre réunion")
    stranger = invitees(store, other.id)[PRESIDENT].id
    store.meetings.record_vote(people[GUEST].id, winter.id, Answer.NO)
    for bad in (4242, stranger):
        with pytest.raises(Refused) as caught:
            store.meetings.import_votes(meeting.id, {
                people[PRESIDENT].id: {winter.id: Answer.YES},  # good, and written first
                people[MEMBER].id: {summer.id: Answer.YES},
                bad: {winter.id: Answer.YES},
            })
        assert caught.value.message == "Une des personnes n’est plus invitée : rien n’a été importé."
        assert vote_count(store) == 1
    assert store.meetings.detail(meeting.id).vote(people[GUEST].id, winter.id).answer is Answer.NO


def test_import_votes_refuses_a_slot_no_longer_proposed(store, committee, members):
    meeting, (winter, summer, _autumn) = poll(store, committee.id, WINTER, SUMMER, AUTUMN)
    store.meetings.remove_slot(winter.id)
    people = invitees(store, meeting.id)
    with pytest.raises(Refused) as caught:
        store.meetings.import_votes(meeting.id, {people[PRESIDENT].id: {summer.id: Answer.YES,
                                                                       winter.id: Answer.YES}})
    assert caught.value.message == "Un des créneaux n’est plus proposé : rien n’a été importé."
    assert vote_count(store) == 0


def test_import_votes_outside_the_poll_is_refused(store, committee, members):
    meeting, proposed = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    president = invitees(store, meeting.id)[PRESIDENT].id
    with pytest.raises(Refused, match="convoquée"):
        store.meetings.import_votes(meeting.id, {president: {proposed[0].id: Answer.YES}})
    assert vote_count(store) == 0


def test_several_use_cases_in_one_transaction_land_together_or_not_at_all(store, opened):
    meeting, (winter, summer), people = opened
    with pytest.raises(RuntimeError), store.transaction():
        store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.YES)
        store.meetings.import_votes(meeting.id, {people[MEMBER].id: {summer.id: Answer.YES}})
        raise RuntimeError("interrompu")
    assert vote_count(store) == 0
    with store.transaction():
        store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.YES)
        store.meetings.import_votes(meeting.id, {people[MEMBER].id: {summer.id: Answer.YES}})
    assert vote_count(store) == 2
