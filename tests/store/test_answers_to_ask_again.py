"""Answers given before a slot's date or time moved (issue 14): kept on record, « à redemander »,
never counted; a new answer replaces them. A new place or duration keeps the date: they stand."""

from datetime import datetime, timedelta

from comite.store import MeetingInput
from comite.store.meeting_models import Answer, AnswerSource, MeetingStatus, ReplyOutcome
from comite.store.scoring import score_meeting
from tests.store.meeting_setup import MEMBER, PRESIDENT, SUMMER, WINTER, invitees, meeting_in, poll

LOUISE = "louise.martin@example.org"


def score(store, meeting_id: int, slot_id: int):
    return next(s for s in score_meeting(store.meetings.detail(meeting_id)) if s.slot.id == slot_id)


def answered(store, committee):
    """A poll where the présidente and Paul said oui (phone) to winter, si nécessaire (paper) to
    summer."""
    meeting, (winter, summer) = poll(store, committee.id)
    people = invitees(store, meeting.id)
    for name in (PRESIDENT, MEMBER):
        store.meetings.record_vote(people[name].id, winter.id, Answer.YES, AnswerSource.PHONE)
        store.meetings.record_vote(people[name].id, summer.id, Answer.IF_NEED_BE, AnswerSource.PAPER)
    return meeting, (winter, summer), people


def test_moving_a_poll_slot_makes_its_answers_to_ask_again(store, committee, members):
    meeting, (winter, summer), people = answered(store, committee)
    assert score(store, meeting.id, winter.id).seats_covered == 2

    store.meetings.update_slot(winter.id, WINTER + timedelta(days=1))

    detail = store.meetings.detail(meeting.id)
    # Kept on record, with what was said and how…
    kept = [detail.vote(people[name].id, winter.id) for name in (PRESIDENT, MEMBER)]
    assert [(v.answer, v.source, v.to_ask_again) for v in kept] == [
        (Answer.YES, AnswerSource.PHONE, True)] * 2
    assert detail.to_ask_again(winter.id) == (people[PRESIDENT].id, people[MEMBER].id)
    # …but counted nowhere: no seat covered, no quorum, no oui.
    moved = score(store, meeting.id, winter.id)
    assert (moved.yes, moved.if_need_be, moved.no, moved.seats_covered, moved.quorum_reached) == (
        0, 0, 0, 0, False)
    assert moved.no_answer == len(detail.invitees)
    assert moved.required_missing == (PRESIDENT,)
    # The other slot did not move: its answers stand.
    assert detail.to_ask_again(summer.id) == ()
    assert score(store, meeting.id, summer.id).if_need_be == 2
    assert store.meetings.get(meeting.id).answered == 2  # they answered on summer


def test_only_answers_to_ask_again_count_as_nobody_answered(store, committee, members):
    meeting, (winter, _summer) = poll(store, committee.id)
    president = invitees(store, meeting.id)[PRESIDENT]
    store.meetings.record_vote(president.id, winter.id, Answer.YES)
    store.meetings.update_slot(winter.id, WINTER + timedelta(hours=2))
    assert store.meetings.get(meeting.id).answered == 0


def test_a_new_answer_replaces_the_one_to_ask_again(store, committee, members):
    meeting, (winter, _summer), people = answered(store, committee)
    store.meetings.update_slot(winter.id, WINTER + timedelta(days=1))

    store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.NO, AnswerSource.PAPER)

    detail = store.meetings.detail(meeting.id)
    vote = detail.vote(people[PRESIDENT].id, winter.id)
    assert (vote.answer, vote.source, vote.to_ask_again) == (Answer.NO, AnswerSource.PAPER, False)
    assert detail.to_ask_again(winter.id) == (people[MEMBER].id,)
    moved = score(store, meeting.id, winter.id)
    assert (moved.no, moved.yes, moved.required_refused) == (1, 0, (PRESIDENT,))


def test_a_calendar_reply_to_the_new_time_replaces_it_and_one_to_the_old_does_not(
        store, committee, members):
    meeting, (winter, _summer), people = answered(store, committee)
    store.meetings.update_slot(winter.id, WINTER + timedelta(days=1))  # SEQUENCE 1
    assert store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", sequence=0).outcome is (
        ReplyOutcome.STALE)
    assert store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id).to_ask_again
    assert store.meetings.apply_reply(winter.uid, LOUISE, "TENTATIVE", sequence=1).outcome is (
        ReplyOutcome.APPLIED)
    vote = store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id)
    assert (vote.answer, vote.to_ask_again) == (Answer.IF_NEED_BE, False)


def test_a_framadate_import_replaces_it(store, committee, members):
    meeting, (winter, _summer), people = answered(store, committee)
    store.meetings.update_slot(winter.id, WINTER + timedelta(days=1))
    store.meetings.import_votes(meeting.id, {people[MEMBER].id: {winter.id: Answer.YES}})
    assert store.meetings.detail(meeting.id).to_ask_again(winter.id) == (people[PRESIDENT].id,)


def test_moving_twice_keeps_them_to_ask_again(store, committee, members):
    meeting, (winter, _summer), people = answered(store, committee)
    store.meetings.update_slot(winter.id, WINTER + timedelta(days=1))
    store.meetings.update_slot(winter.id, WINTER + timedelta(days=2))
    assert store.meetings.detail(meeting.id).to_ask_again(winter.id) == (
        people[PRESIDENT].id, people[MEMBER].id)
    # Even back to the first date: they were given before it changed.
    store.meetings.update_slot(winter.id, WINTER)
    assert len(store.meetings.detail(meeting.id).to_ask_again(winter.id)) == 2


def test_a_new_place_or_duration_keeps_the_answers(store, committee, members):
    """The date is the same: what people said about it still holds (SEQUENCE still + 1)."""
    meeting, (winter, _summer), _people = answered(store, committee)
    assert store.meetings.update_slot(winter.id, WINTER, "Mairie, salle 2").sequence == 1
    store.meetings.update(meeting.id, MeetingInput(title=meeting.title, place="Annexe",
                                                   duration_minutes=90))
    assert store.meetings.slot(winter.id).sequence == 2
    detail = store.meetings.detail(meeting.id)
    assert detail.to_ask_again(winter.id) == ()
    assert not any(vote.to_ask_again for vote in detail.votes)
    assert score(store, meeting.id, winter.id).yes == 2


def test_an_answer_no_for_the_old_date_asks_no_confirmation(store, committee, members):
    """The présidente said no to the old date: choosing the new one needs no « retenir quand
    même »."""
    meeting, (winter, _summer) = poll(store, committee.id)
    president = invitees(store, meeting.id)[PRESIDENT]
    store.meetings.record_vote(president.id, winter.id, Answer.NO)
    store.meetings.update_slot(winter.id, WINTER + timedelta(days=1))
    assert store.meetings.choose_slot(winter.id).status is MeetingStatus.CONVENED


def test_rescheduling_a_convened_meeting_makes_the_polls_answers_to_ask_again(
        store, committee, members):
    meeting, (winter, summer) = poll(store, committee.id)
    people = invitees(store, meeting.id)
    store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.YES)
    store.meetings.record_vote(people[PRESIDENT].id, summer.id, Answer.YES)
    store.meetings.choose_slot(winter.id)

    store.meetings.reschedule(meeting.id, WINTER, "Mairie")  # the place only
    assert store.meetings.detail(meeting.id).to_ask_again(winter.id) == ()

    store.meetings.reschedule(meeting.id, datetime(2027, 1, 19, 18, 0))
    detail = store.meetings.detail(meeting.id)
    assert detail.to_ask_again(winter.id) == (people[PRESIDENT].id,)
    assert detail.vote(people[PRESIDENT].id, winter.id).answer is Answer.YES  # on record
    assert detail.to_ask_again(summer.id) == ()  # the released slot did not move
    assert score(store, meeting.id, winter.id).yes == 0


def test_a_draft_slot_moved_keeps_nothing_to_ask_again(store, committee, members):
    meeting, (slot,) = meeting_in(store, committee.id, MeetingStatus.DRAFT)
    store.meetings.update_slot(slot.id, SUMMER)
    assert store.meetings.detail(meeting.id).to_ask_again(slot.id) == ()
