"""Calendar replies (iTIP REPLY): to a tentative hold they are a vote, to the convocation a
PARTSTAT. Older replies are kept on record but never overwrite a fresher answer."""

from datetime import UTC, datetime, timedelta

import pytest

from comite.store import NotFound, PersonInput, Refused
from comite.store.meeting_models import Answer, AnswerSource, MeetingStatus, PartStat, ReplyOutcome
from tests.store.meeting_setup import (
    AUTUMN,
    MEMBER,
    PRESIDENT,
    SUMMER,
    WINTER,
    invitees,
    meeting_in,
    poll,
)

LOUISE = "louise.martin@example.org"
EARLY = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def replies(store) -> list[tuple[str, str, str, int]]:
    return [(row["attendee"], row["partstat"], row["outcome"], row["sequence"])
            for row in store.db.connection().execute("SELECT * FROM replies ORDER BY id")]


@pytest.mark.parametrize(("partstat", "answer"), [
    ("ACCEPTED", Answer.YES), ("TENTATIVE", Answer.IF_NEED_BE), ("DECLINED", Answer.NO),
    ("accepted", Answer.YES), (" Declined ", Answer.NO),
])
def test_a_reply_to_a_hold_is_a_vote_from_the_calendar(store, opened, partstat, answer):
    meeting, (winter, _summer), people = opened
    result = store.meetings.apply_reply(winter.uid, LOUISE, partstat, sequence=0, stamp=EARLY,
                                        comment="Je serai un peu en retard")
    assert (result.outcome, result.meeting_id, result.invitee_name) == (
        ReplyOutcome.APPLIED, meeting.id, PRESIDENT)
    vote = store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id)
    assert (vote.answer, vote.source, vote.comment) == (answer, AnswerSource.CALENDAR,
                                                       "Je serai un peu en retard")
    assert store.meetings.get(meeting.id).answered == 1
    assert replies(store) == [(LOUISE, partstat.strip().upper(), "applied", 0)]


@pytest.mark.parametrize("attendee", [
    "LOUISE.MARTIN@EXAMPLE.ORG", "mailto:louise.martin@example.org", "MAILTO:Louise.Martin@example.org",
    "Mailto:louise.martin@Example.Org", "  mailto:louise.martin@example.org  ",
])
def test_the_address_is_matched_whatever_its_case(store, opened, attendee):
    meeting, (winter, _summer), people = opened
    assert store.meetings.apply_reply(winter.uid, attendee, "ACCEPTED").outcome is ReplyOutcome.APPLIED
    assert store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id).answer is Answer.YES


def test_an_address_stored_with_capitals_is_matched_too(store, opened):
    _meeting, (winter, _summer), _people = opened
    result = store.meetings.apply_reply(winter.uid, "mailto:paul.petit@example.org", "DECLINED")
    assert (result.outcome, result.invitee_name) == (ReplyOutcome.APPLIED, MEMBER)


# ---- unknown senders and events --------------------------------------------------------------


def test_an_unknown_sender_waits_for_the_coordinator(store, opened):
    meeting, (winter, _summer), people = opened
    result = store.meetings.apply_reply(winter.uid, "mailto:Inconnu@Example.net", "ACCEPTED",
                                        stamp=EARLY, comment="Je viendrai avec ma fille.")
    assert (result.outcome, result.meeting_id, result.invitee_name) == (ReplyOutcome.PENDING, meeting.id, "")
    assert store.meetings.detail(meeting.id).votes == ()
    [pending] = store.meetings.pending_replies()
    assert (pending.meeting_id, pending.meeting_title, pending.slot_id) == (
        meeting.id, "Comité de printemps", winter.id)
    assert (pending.attendee, pending.partstat, pending.comment) == (
        "inconnu@example.net", "ACCEPTED", "Je viendrai avec ma fille.")
    assert store.meetings.pending_replies(meeting.id) == [pending]
    assert store.meetings.pending_replies(meeting.id + 1) == []

    outcome = store.meetings.accept_pending(pending.id, people[MEMBER].id)
    assert outcome is ReplyOutcome.APPLIED
    vote = store.meetings.detail(meeting.id).vote(people[MEMBER].id, winter.id)
    assert (vote.answer, vote.source, vote.comment) == (
        Answer.YES, AnswerSource.CALENDAR, "Je viendrai avec ma fille.")
    assert store.meetings.pending_replies() == []
    with pytest.raises(NotFound, match="Cette réponse a déjà été traitée"):
        store.meetings.accept_pending(pending.id, people[MEMBER].id)


def test_a_pending_reply_is_given_only_to_an_invitee_of_its_meeting(store, committee, opened):
    _meeting, (winter, _summer), _people = opened
    other, _slots = poll(store, committee.id, title="Autre réunion")
    store.meetings.apply_reply(winter.uid, "inconnu@example.net", "ACCEPTED")
    [pending] = store.meetings.pending_replies()
    with pytest.raises(Refused, match="Cette personne n’est pas invitée à cette réunion"):
        store.meetings.accept_pending(pending.id, invitees(store, other.id)[PRESIDENT].id)
    assert store.meetings.pending_replies() == [pending]


def test_dismiss_a_pending_reply(store, opened):
    meeting, (winter, _summer), _people = opened
    store.meetings.apply_reply(winter.uid, "inconnu@example.net", "DECLINED")
    [pending] = store.meetings.pending_replies()
    store.meetings.dismiss_pending(pending.id)
    assert store.meetings.pending_replies() == []
    assert [outcome for _a, _p, outcome, _s in replies(store)] == ["dismissed"]
    assert store.meetings.detail(meeting.id).votes == ()
    with pytest.raises(NotFound, match="Cette réponse a déjà été traitée"):
        store.meetings.dismiss_pending(pending.id)


def test_a_shared_address_is_left_to_the_coordinator(store, committee, members, add_person):
    """Two invitees with one address (a couple, a family mailbox): the reply names neither."""
    partner = add_person("Martin", "Gérard", email=LOUISE)
    meeting, (winter, _summer) = poll(store, committee.id)
    store.meetings.invite(meeting.id, partner.id)
    assert store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED").outcome is ReplyOutcome.PENDING
    assert store.meetings.detail(meeting.id).votes == ()


def test_someone_without_an_address_is_never_matched_by_an_empty_one(store, opened):
    meeting, (winter, _summer), _people = opened
    assert store.meetings.apply_reply(winter.uid, "mailto:", "ACCEPTED").outcome is ReplyOutcome.PENDING
    assert store.meetings.detail(meeting.id).votes == ()


def test_an_unknown_uid_is_refused_and_nothing_is_kept(store, opened):
    with pytest.raises(NotFound) as caught:
        store.meetings.apply_reply("pas-de-chez-nous@example.net", LOUISE, "ACCEPTED")
    assert caught.value.message == (
        "Cette réponse concerne un événement inconnu (UID pas-de-chez-nous@example.net) : "
        "elle ne répond à aucune invitation envoyée par comite.")
    assert replies(store) == []


@pytest.mark.parametrize("partstat", ["NEEDS-ACTION", "DELEGATED", "", "OUI", "X-ACCEPTED"])
def test_a_reply_without_a_usable_partstat_is_refused(store, opened, partstat):
    meeting, (winter, _summer), _people = opened
    with pytest.raises(Refused) as caught:
        store.meetings.apply_reply(winter.uid, LOUISE, partstat)
    assert caught.value.message == ("Réponse d’agenda sans statut de participation utilisable "
                                    f"(PARTSTAT « {partstat} »).")
    assert replies(store) == []
    assert store.meetings.detail(meeting.id).votes == ()


def test_a_long_comment_from_a_calendar_is_cut_not_refused(store, opened):
    meeting, (winter, _summer), people = opened
    result = store.meetings.apply_reply(winter.uid, LOUISE, "TENTATIVE", comment="très long " * 200)
    assert result.outcome is ReplyOutcome.APPLIED
    vote = store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id)
    assert len(vote.comment) == 500 and vote.comment.startswith("très long")


# ---- freshness -------------------------------------------------------------------------------


def test_an_older_reply_is_kept_but_not_obeyed(store, opened):
    meeting, (winter, _summer), people = opened
    assert store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", stamp=LATER).outcome is (
        ReplyOutcome.APPLIED)
    late = store.meetings.apply_reply(winter.uid, LOUISE, "DECLINED", stamp=EARLY)
    assert (late.outcome, late.invitee_name) == (ReplyOutcome.STALE, PRESIDENT)
    assert store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id).answer is Answer.YES
    assert replies(store) == [(LOUISE, "ACCEPTED", "applied", 0), (LOUISE, "DECLINED", "stale", 0)]


def test_the_same_reply_twice_is_applied_twice_harmlessly(store, opened):
    meeting, (winter, _summer), _people = opened
    for _ in range(2):
        assert store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", stamp=EARLY).outcome is (
            ReplyOutcome.APPLIED)
    assert len(store.meetings.detail(meeting.id).votes) == 1


def test_a_reply_to_an_earlier_version_of_the_hold_is_stale(store, opened):
    """The slot moved (SEQUENCE 1): an answer about the old time says nothing about the new."""
    meeting, (winter, _summer), people = opened
    store.meetings.update_slot(winter.id, WINTER + timedelta(hours=1))
    old = store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", sequence=0, stamp=LATER)
    assert old.outcome is ReplyOutcome.STALE
    assert store.meetings.detail(meeting.id).votes == ()
    new = store.meetings.apply_reply(winter.uid, LOUISE, "DECLINED", sequence=1, stamp=EARLY)
    assert new.outcome is ReplyOutcome.APPLIED
    # A higher SEQUENCE wins even with an older DTSTAMP; a lower one loses even if newer.
    assert store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", sequence=0,
                                      stamp=LATER + timedelta(days=1)).outcome is ReplyOutcome.STALE
    assert store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id).answer is Answer.NO
    assert [(outcome, sequence) for _a, _p, outcome, sequence in replies(store)] == [
        ("stale", 0), ("applied", 1), ("stale", 0)]


def test_a_sequence_from_the_future_does_not_lock_the_answer(store, opened):
    """A calendar that sends SEQUENCE 99 for a hold we sent at 0 must not make every later,
    correct reply of that person look stale."""
    meeting, (winter, _summer), people = opened
    store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", sequence=99, stamp=EARLY)
    assert store.meetings.apply_reply(winter.uid, LOUISE, "DECLINED", sequence=0, stamp=LATER).outcome is (
        ReplyOutcome.APPLIED)
    assert store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id).answer is Answer.NO


def test_a_stamp_from_the_future_does_not_lock_the_answer(store, opened):
    """A sender's clock set years ahead: its reply counts as received now, not in 2099."""
    meeting, (winter, _summer), people = opened
    store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", stamp=datetime(2099, 1, 1, tzinfo=UTC))
    assert store.meetings.apply_reply(winter.uid, LOUISE, "DECLINED").outcome is ReplyOutcome.APPLIED
    assert store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id).answer is Answer.NO


def test_a_later_phone_call_beats_an_older_calendar_reply(store, opened):
    meeting, (winter, _summer), people = opened
    store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.IF_NEED_BE, AnswerSource.PHONE)
    late = store.meetings.apply_reply(winter.uid, LOUISE, "DECLINED", stamp=EARLY)
    assert late.outcome is ReplyOutcome.STALE
    vote = store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id)
    assert (vote.answer, vote.source) == (Answer.IF_NEED_BE, AnswerSource.PHONE)
    # A reply written after the call (here: no DTSTAMP, so as received) is the fresher answer.
    assert store.meetings.apply_reply(winter.uid, LOUISE, "DECLINED").outcome is ReplyOutcome.APPLIED
    vote = store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id)
    assert (vote.answer, vote.source) == (Answer.NO, AnswerSource.CALENDAR)


def test_a_phone_call_overrides_any_calendar_reply(store, opened):
    """The coordinator typing an answer is always the latest word."""
    meeting, (winter, _summer), people = opened
    store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED")
    store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.NO, AnswerSource.PHONE)
    assert store.meetings.detail(meeting.id).vote(people[PRESIDENT].id, winter.id).answer is Answer.NO


def test_a_reply_to_a_released_hold_is_stale(store, committee, members):
    meeting, (winter, _summer, _autumn) = poll(store, committee.id, WINTER, SUMMER, AUTUMN)
    store.meetings.remove_slot(winter.id)
    result = store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", sequence=1)
    assert result.outcome is ReplyOutcome.STALE
    assert store.meetings.detail(meeting.id).votes == ()


def test_a_pending_reply_accepted_later_is_checked_for_freshness(store, opened):
    meeting, (winter, _summer), people = opened
    store.meetings.apply_reply(winter.uid, "inconnu@example.net", "ACCEPTED", stamp=EARLY)
    store.meetings.record_vote(people[MEMBER].id, winter.id, Answer.NO)
    [pending] = store.meetings.pending_replies()
    assert store.meetings.accept_pending(pending.id, people[MEMBER].id) is ReplyOutcome.STALE
    assert store.meetings.detail(meeting.id).vote(people[MEMBER].id, winter.id).answer is Answer.NO
    assert store.meetings.pending_replies() == []


# ---- after the convocation -------------------------------------------------------------------


def test_a_reply_to_the_convocation_sets_the_partstat(store, committee, members):
    meeting, (winter, summer) = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    chosen = store.meetings.slot(winter.id)
    assert chosen.sequence == 1
    result = store.meetings.apply_reply(chosen.uid, LOUISE, "TENTATIVE", sequence=1, stamp=EARLY,
                                        comment="Sous réserve")
    assert result.outcome is ReplyOutcome.APPLIED
    president = invitees(store, meeting.id)[PRESIDENT]
    assert (president.partstat, president.comment) == (PartStat.TENTATIVE, "Sous réserve")
    assert store.meetings.get(meeting.id).answered == 1
    assert store.meetings.detail(meeting.id).votes == ()  # the poll is over: no vote written

    older = store.meetings.apply_reply(chosen.uid, LOUISE, "DECLINED", sequence=1,
                                       stamp=EARLY - timedelta(hours=1))
    assert older.outcome is ReplyOutcome.STALE
    newer = store.meetings.apply_reply(chosen.uid, LOUISE, "ACCEPTED", sequence=1, stamp=LATER)
    assert newer.outcome is ReplyOutcome.APPLIED
    assert invitees(store, meeting.id)[PRESIDENT].partstat is PartStat.ACCEPTED

    released = store.meetings.apply_reply(summer.uid, LOUISE, "DECLINED", sequence=1)
    assert released.outcome is ReplyOutcome.STALE
    assert invitees(store, meeting.id)[PRESIDENT].partstat is PartStat.ACCEPTED


def test_a_late_reply_to_the_hold_does_not_answer_the_convocation(store, committee, members):
    """The hold went out at SEQUENCE 0, the convocation at 1: « yes, I could » is not
    « yes, I will come »."""
    meeting, (winter, _summer) = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    result = store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", sequence=0)
    assert result.outcome is ReplyOutcome.STALE
    assert invitees(store, meeting.id)[PRESIDENT].partstat is PartStat.NEEDS_ACTION
    assert store.meetings.get(meeting.id).answered == 0


def test_after_a_reschedule_only_replies_to_the_new_time_count(store, committee, members):
    meeting, (winter, _summer) = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", sequence=1, stamp=EARLY)
    store.meetings.reschedule(meeting.id, datetime(2027, 1, 19, 18, 0))
    assert invitees(store, meeting.id)[PRESIDENT].partstat is PartStat.NEEDS_ACTION
    late = store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED", sequence=1, stamp=LATER)
    assert late.outcome is ReplyOutcome.STALE
    assert invitees(store, meeting.id)[PRESIDENT].partstat is PartStat.NEEDS_ACTION
    fresh = store.meetings.apply_reply(winter.uid, LOUISE, "DECLINED", sequence=2, stamp=EARLY)
    assert fresh.outcome is ReplyOutcome.APPLIED
    assert invitees(store, meeting.id)[PRESIDENT].partstat is PartStat.DECLINED


def test_a_late_reply_after_the_meeting_was_held_still_counts(store, committee, members):
    meeting, (winter, _summer) = meeting_in(store, committee.id, MeetingStatus.HELD)
    assert store.meetings.apply_reply(winter.uid, LOUISE, "DECLINED", sequence=1).outcome is (
        ReplyOutcome.APPLIED)
    assert invitees(store, meeting.id)[PRESIDENT].partstat is PartStat.DECLINED


@pytest.mark.parametrize("status", [MeetingStatus.CANCELLED, MeetingStatus.DRAFT])
def test_a_reply_to_a_meeting_not_asking_is_stale(store, committee, members, status):
    meeting, proposed = meeting_in(store, committee.id, status)
    slot = store.meetings.slot(proposed[0].id)
    result = store.meetings.apply_reply(slot.uid, LOUISE, "ACCEPTED", sequence=slot.sequence)
    assert result.outcome is ReplyOutcome.STALE
    assert store.meetings.detail(meeting.id).votes == ()
    assert invitees(store, meeting.id)[PRESIDENT].partstat is PartStat.NEEDS_ACTION


def test_replies_follow_the_person_not_the_name(store, committee, members):
    """The address is read from the people table at reply time: a corrected address works."""
    _meeting, (winter, _summer) = poll(store, committee.id)
    louise = store.people.get(members.president.person_id)
    store.people.update(louise.id, PersonInput(last_name="Martin", first_name="Louise",
                                               email="l.martin@example.org"))
    assert store.meetings.apply_reply(winter.uid, LOUISE, "ACCEPTED").outcome is ReplyOutcome.PENDING
    assert store.meetings.apply_reply(winter.uid, "l.martin@example.org", "ACCEPTED").outcome is (
        ReplyOutcome.APPLIED)


def test_attendance_said_on_paper_is_recorded_and_a_later_calendar_reply_still_counts(
        store, committee, members):
    from comite.store.meeting_models import PartStat
    from tests.store.meeting_setup import MEMBER, invitees, meeting_in

    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.CONVENED)
    member = invitees(store, meeting.id)[MEMBER]
    store.meetings.record_attendance(member.id, PartStat.ACCEPTED)
    assert store.meetings.invitee(member.id).partstat is PartStat.ACCEPTED
    chosen = store.meetings.detail(meeting.id).chosen_slot
    later = datetime.now(UTC) + timedelta(seconds=5)
    store.meetings.apply_reply(chosen.uid, member.email, "DECLINED", sequence=chosen.sequence,
                               stamp=later)
    assert store.meetings.invitee(member.id).partstat is PartStat.DECLINED
    store.meetings.record_attendance(member.id, None)
    assert store.meetings.invitee(member.id).partstat is PartStat.NEEDS_ACTION


def test_attendance_is_only_for_a_convened_meeting(store, committee, members):
    from tests.store.meeting_setup import MEMBER, invitees, meeting_in

    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.POLL)
    with pytest.raises(Refused):
        store.meetings.record_attendance(invitees(store, meeting.id)[MEMBER].id, "ACCEPTED")
