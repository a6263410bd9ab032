"""How well each proposed slot suits the committee: pure functions, tested alone.

A seat is covered on a slot when its titulaire or one of their suppléants can come
(oui or si nécessaire). Quorum counts covered seats: the meeting's own figure, or else
more than half of the seats invited. An answer given for an earlier date or time of the slot
(`Vote.to_ask_again`) does not count: it is as if nobody had answered.
"""

from collections.abc import Iterable, Mapping, Sequence

from comite.store.meeting_models import Answer, Invitee, MeetingDetail, Slot, SlotScore


def quorum_needed(seats: int, quorum: int | None) -> int:
    return quorum if quorum is not None else (seats // 2 + 1 if seats else 0)


def score_slot(
    slot: Slot,
    invitees: Sequence[Invitee],
    answers: Mapping[int, Answer],
    quorum: int | None = None,
) -> SlotScore:
    """`answers` maps an invitee id to their answer for this slot (absent: no answer)."""
    seats = {invitee.seat_key for invitee in invitees if invitee.seat_key is not None}
    covered = {
        invitee.seat_key for invitee in invitees
        if invitee.seat_key is not None and invitee.id in answers and answers[invitee.id].can_come
    }
    missing: list[str] = []
    refused: list[str] = []
    for invitee in invitees:
        if not invitee.required:
            continue
        answer = answers.get(invitee.id)
        present = invitee.seat_key in covered if invitee.seat_key is not None else (
            answer is not None and answer.can_come)
        if present:
            continue
        missing.append(invitee.name)
        if answer is Answer.NO:
            refused.append(invitee.name)
    counts = {answer: 0 for answer in Answer}
    for invitee in invitees:
        if invitee.id in answers:
            counts[answers[invitee.id]] += 1
    return SlotScore(
        slot=slot, yes=counts[Answer.YES], if_need_be=counts[Answer.IF_NEED_BE], no=counts[Answer.NO],
        no_answer=len(invitees) - sum(counts.values()),
        seats_covered=len(covered), seats=len(seats), quorum_needed=quorum_needed(len(seats), quorum),
        required_missing=tuple(missing), required_refused=tuple(refused),
    )


def score_meeting(detail: MeetingDetail) -> list[SlotScore]:
    """One score per slot, in the slots' order; released slots too, as their answers stay on
    record and are shown (filter on `score.slot.status` to rank only what is still proposed)."""
    by_slot: dict[int, dict[int, Answer]] = {}
    for vote in detail.votes:
        if vote.to_ask_again:  # given for another date of the slot: says nothing about this one
            continue
        by_slot.setdefault(vote.slot_id, {})[vote.invitee_id] = vote.answer
    return [
        score_slot(slot, detail.invitees, by_slot.get(slot.id, {}), detail.meeting.quorum)
        for slot in detail.slots
    ]


def ranking_key(score: SlotScore) -> tuple[int, int, int, int]:
    """Most seats covered first, then no required member missing, then the most oui."""
    return (score.seats_covered, -len(score.required_missing), score.yes, score.if_need_be)


def best(scores: Iterable[SlotScore]) -> SlotScore | None:
    return max(scores, key=ranking_key, default=None)
