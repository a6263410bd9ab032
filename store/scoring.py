"""How well each proposed slot suits the committee: pure functions, tested alone.

A seat is covered on a slot when its titulaire or one of their suppléants can come
(oui or si nécessaire); the quorum is counted as everywhere else (`comite.store.quorum`).
An answer given for an earlier date or time of the slot
(`Vote.to_ask_again`) does not count: it is as if nobody had answered.
"""

from collections.abc import Iterable, Mapping, Sequence

from comite.store.meeting_models import Answer, Invitee, MeetingDetail, Slot, SlotScore
from comite.store.quorum import seat_quorum


def score_slot(
    slot: Slot,
    invitees: Sequence[Invitee],
    answers: Mapping[int, Answer],
    quorum: int | None = None,
) -> SlotScore:
    """`answers` maps an invitee id to their answer for this slot (absent: no answer)."""
    covered = {invitee.seat_key for invitee in invitees
               if invitee.id in answers and answers[invitee.id].can_come}
    seats = seat_quorum((invitee.seat_key for invitee in invitees), covered, quorum)
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
        seats_covered=seats.covered, seats=seats.seats, quorum_needed=seats.needed,
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
