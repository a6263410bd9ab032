"""Slot scoring, pure: seats covered by a titulaire or a suppléant, quorum, required members."""

from datetime import UTC, datetime, timedelta

import pytest

from comite.store.meeting_models import (
    Answer,
    AnswerSource,
    Invitee,
    InviteeSeat,
    Meeting,
    MeetingDetail,
    MeetingStatus,
    PartStat,
    Slot,
    SlotStatus,
    Vote,
)
from comite.store.quorum import quorum_needed
from comite.store.scoring import best, ranking_key, score_meeting, score_slot

YES, MAYBE, NO = Answer.YES, Answer.IF_NEED_BE, Answer.NO

# Seats are keyed by the titular membership id: 10, 20 and 30 here.
PRESIDENT, SUBSTITUTE, MEMBER, THIRD, GUEST = 1, 2, 3, 4, 5


def invitee(invitee_id: int, name: str, seat: InviteeSeat, seat_key: int | None,
            required: bool = False) -> Invitee:
    return Invitee(id=invitee_id, person_id=100 + invitee_id, name=name, email="", phone="",
                   seat=seat, seat_key=seat_key, substitute_for_name="", required=required,
                   partstat=PartStat.NEEDS_ACTION, comment="")


def slot(slot_id: int = 1, status: SlotStatus = SlotStatus.PROPOSED) -> Slot:
    start = datetime(2027, 1, 12, 17, 0, tzinfo=UTC) + timedelta(days=slot_id)
    return Slot(id=slot_id, uid=f"slot-{slot_id}", meeting_id=1, starts_at=start,
                ends_at=start + timedelta(hours=2), place="", sequence=0, status=status)


COMMITTEE = (
    invitee(PRESIDENT, "Louise Martin", InviteeSeat.TITULAR, 10, required=True),
    invitee(SUBSTITUTE, "Léa Durand", InviteeSeat.SUBSTITUTE, 10),
    invitee(MEMBER, "Paul Petit", InviteeSeat.TITULAR, 20),
    invitee(THIRD, "Marc Roux", InviteeSeat.TITULAR, 30),
    invitee(GUEST, "Nadia Haddad", InviteeSeat.GUEST, None),
)


def score(answers: dict[int, Answer], invitees=COMMITTEE, quorum: int | None = None, slot_id: int = 1):
    return score_slot(slot(slot_id), invitees, answers, quorum)


def test_no_answer_at_all():
    result = score({})
    assert (result.yes, result.if_need_be, result.no, result.no_answer) == (0, 0, 0, 5)
    assert (result.seats_covered, result.seats, result.quorum_needed) == (0, 3, 2)
    assert not result.quorum_reached
    assert result.required_missing == ("Louise Martin",)
    assert result.required_refused == ()


def test_answers_are_counted_by_kind():
    result = score({PRESIDENT: YES, SUBSTITUTE: MAYBE, MEMBER: NO, GUEST: YES})
    assert (result.yes, result.if_need_be, result.no, result.no_answer) == (2, 1, 1, 1)


@pytest.mark.parametrize(("answers", "covered"), [
    ({PRESIDENT: YES}, 1),
    ({PRESIDENT: MAYBE}, 1),  # « si nécessaire » still covers the seat
    ({PRESIDENT: NO}, 0),
    ({PRESIDENT: NO, SUBSTITUTE: YES}, 1),  # the suppléante fills the présidente's seat
    ({SUBSTITUTE: MAYBE}, 1),
    ({PRESIDENT: NO, SUBSTITUTE: NO}, 0),
    ({PRESIDENT: YES, SUBSTITUTE: YES}, 1),  # two people on one seat count once
    ({PRESIDENT: YES, MEMBER: YES, THIRD: MAYBE}, 3),
    ({GUEST: YES}, 0),  # a guest never holds a seat
    ({MEMBER: YES, GUEST: YES}, 1),
])
def test_seats_covered(answers, covered):
    result = score(answers)
    assert result.seats_covered == covered
    assert result.seats == 3


def test_guests_are_not_seats():
    guests = (invitee(1, "Nadia Haddad", InviteeSeat.GUEST, None),
              invitee(2, "Hugo Blanc", InviteeSeat.GUEST, None))
    result = score({1: YES, 2: YES}, invitees=guests)
    assert (result.seats_covered, result.seats, result.quorum_needed, result.yes) == (0, 0, 0, 2)


def test_a_suppleant_whose_titulaire_is_not_invited_still_counts_for_that_seat():
    alone = (invitee(SUBSTITUTE, "Léa Durand", InviteeSeat.SUBSTITUTE, 10),)
    assert (score({SUBSTITUTE: YES}, invitees=alone).seats_covered,
            score({}, invitees=alone).seats) == (1, 1)


def test_answers_of_people_not_invited_are_ignored():
    result = score({PRESIDENT: YES, 999: YES})
    assert (result.yes, result.no_answer, result.seats_covered) == (1, 4, 1)


@pytest.mark.parametrize(("seats", "needed"), [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (12, 7)])
def test_default_quorum_is_more_than_half_of_the_seats(seats, needed):
    assert quorum_needed(seats, None) == needed


@pytest.mark.parametrize("quorum", [0, 1, 2, 7])
def test_an_explicit_quorum_is_used_as_it_is(quorum):
    assert quorum_needed(12, quorum) == quorum


@pytest.mark.parametrize(("answers", "quorum", "reached"), [
    ({PRESIDENT: YES}, None, False),  # 1 seat of 3: majority is 2
    ({PRESIDENT: YES, MEMBER: MAYBE}, None, True),
    ({SUBSTITUTE: YES, MEMBER: YES}, None, True),
    ({PRESIDENT: YES, SUBSTITUTE: YES}, None, False),  # one seat, twice
    ({PRESIDENT: YES}, 1, True),
    ({PRESIDENT: YES, MEMBER: YES}, 3, False),
    ({PRESIDENT: YES, MEMBER: YES, THIRD: YES}, 3, True),
])
def test_quorum_counts_covered_seats(answers, quorum, reached):
    result = score(answers, quorum=quorum)
    assert result.quorum_needed == (quorum if quorum is not None else 2)
    assert result.quorum_reached is reached


@pytest.mark.parametrize(("answers", "missing", "refused"), [
    ({PRESIDENT: YES}, (), ()),
    ({PRESIDENT: MAYBE}, (), ()),
    ({}, ("Louise Martin",), ()),  # no answer yet: missing, but she did not say no
    ({PRESIDENT: NO}, ("Louise Martin",), ("Louise Martin",)),
    ({PRESIDENT: NO, SUBSTITUTE: YES}, (), ()),  # her seat is covered by her suppléante
    ({PRESIDENT: NO, SUBSTITUTE: MAYBE}, (), ()),
    ({PRESIDENT: NO, SUBSTITUTE: NO}, ("Louise Martin",), ("Louise Martin",)),
    ({SUBSTITUTE: NO}, ("Louise Martin",), ()),  # only her own « non » is a refusal
    ({SUBSTITUTE: YES}, (), ()),
])
def test_required_titulaire(answers, missing, refused):
    result = score(answers)
    assert result.required_missing == missing
    assert result.required_refused == refused


@pytest.mark.parametrize(("answer", "missing", "refused"), [
    (None, True, False),
    (YES, False, False),
    (MAYBE, False, False),
    (NO, True, True),
])
def test_required_guest_counts_on_their_own_answer(answer, missing, refused):
    speaker = invitee(6, "Hugo Blanc", InviteeSeat.GUEST, None, required=True)
    answers = {PRESIDENT: YES} if answer is None else {PRESIDENT: YES, 6: answer}
    result = score(answers, invitees=(*COMMITTEE, speaker))
    assert ("Hugo Blanc" in result.required_missing) is missing
    assert ("Hugo Blanc" in result.required_refused) is refused
    assert result.seats == 3


def test_every_required_member_is_named_in_order():
    invitees = (invitee(1, "Louise Martin", InviteeSeat.TITULAR, 10, required=True),
                invitee(2, "Paul Petit", InviteeSeat.TITULAR, 20, required=True),
                invitee(3, "Hugo Blanc", InviteeSeat.GUEST, None, required=True))
    result = score({1: NO, 3: NO}, invitees=invitees)
    assert result.required_missing == ("Louise Martin", "Paul Petit", "Hugo Blanc")
    assert result.required_refused == ("Louise Martin", "Hugo Blanc")


# ---- ranking -----------------------------------------------------------------------------


def test_most_seats_first_even_with_a_required_member_missing():
    more_seats = score({PRESIDENT: NO, MEMBER: YES, THIRD: YES}, slot_id=1)
    fewer_seats = score({PRESIDENT: YES}, slot_id=2)
    assert (more_seats.seats_covered, more_seats.required_missing) == (2, ("Louise Martin",))
    assert ranking_key(more_seats) > ranking_key(fewer_seats)
    assert best([fewer_seats, more_seats]) is more_seats


def test_same_seats_fewer_required_missing_first():
    without_president = score({MEMBER: YES, THIRD: YES}, slot_id=1)
    with_president = score({PRESIDENT: MAYBE, MEMBER: MAYBE}, slot_id=2)
    assert without_president.seats_covered == with_president.seats_covered == 2
    assert best([without_president, with_president]) is with_president


def test_same_seats_and_required_then_most_oui():
    mostly_maybe = score({PRESIDENT: MAYBE, MEMBER: MAYBE, GUEST: YES}, slot_id=1)
    mostly_yes = score({PRESIDENT: YES, MEMBER: YES}, slot_id=2)
    assert (mostly_maybe.yes, mostly_yes.yes) == (1, 2)
    ranked = sorted([mostly_maybe, mostly_yes], key=ranking_key, reverse=True)
    assert [s.slot.id for s in ranked] == [2, 1]


def test_then_most_si_necessaire():
    one_maybe = score({PRESIDENT: YES, MEMBER: YES}, slot_id=1)
    two_maybes = score({PRESIDENT: YES, MEMBER: YES, GUEST: MAYBE}, slot_id=2)
    assert best([one_maybe, two_maybes]) is two_maybes


def test_best_of_nothing():
    assert best([]) is None


# ---- a whole meeting ---------------------------------------------------------------------


def test_score_meeting_scores_every_slot_with_the_meetings_quorum():
    slots = (slot(1), slot(2), slot(3, SlotStatus.RELEASED))
    meeting = Meeting(
        id=1, uid="meeting-1", committee_id=1, committee_name="Comité des usagers", title="Comité",
        status=MeetingStatus.POLL, place="", video_url="", duration_minutes=120,
        timezone="Europe/Paris", description="", quorum=1, starts_at=None, invitees=5, answered=2)

    def vote(invitee_id: int, slot_id: int, answer: Answer) -> Vote:
        return Vote(invitee_id=invitee_id, slot_id=slot_id, answer=answer, source=AnswerSource.PHONE,
                    entered_by="coordination", entered_at="2026-11-23T10:00:00+00:00", comment="")

    detail = MeetingDetail(meeting=meeting, slots=slots, invitees=COMMITTEE, votes=(
        vote(PRESIDENT, 1, YES), vote(MEMBER, 1, NO), vote(PRESIDENT, 2, NO), vote(MEMBER, 3, YES)))
    scores = score_meeting(detail)
    # Released slots keep their score: their answers stay on record and are shown.
    assert [s.slot.id for s in scores] == [1, 2, 3]
    assert [(s.yes, s.no, s.seats_covered) for s in scores] == [(1, 1, 1), (0, 1, 0), (1, 0, 1)]
    assert [s.quorum_needed for s in scores] == [1, 1, 1]
    assert [s.quorum_reached for s in scores] == [True, False, True]
    assert scores[1].required_refused == ("Louise Martin",)
