"""Which conclusions a meeting's « Suite donnée aux conclusions précédentes » lists, and how many
times each has been carried: a pure rule over the committee's timeline, tested alone.

A conclusion opened at meeting O shows at every later meeting M of its committee while it is
open; it also shows, one last time, at the meeting where it was closed (so the minutes record
the follow-up). Its count at M is the number of meetings after O up to and including M.
"""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Dated:
    """A meeting of the committee on its timeline; `at` sorts (ISO UTC; undated ones last)."""

    meeting_id: int
    at: str


@dataclass(frozen=True, slots=True)
class Facts:
    conclusion_id: int
    opened_in: int
    open: bool
    closed_in: int | None
    closed_at: str | None  # ISO UTC


UNDATED = "9999"


def carried(timeline: Sequence[Dated], facts: Sequence[Facts], meeting_id: int) -> list[tuple[int, int]]:
    """(conclusion id, times carried) for the meeting, in the order the facts came."""
    order = sorted(timeline, key=lambda dated: (dated.at, dated.meeting_id))
    position = {dated.meeting_id: index for index, dated in enumerate(order)}
    if meeting_id not in position:
        return []
    here = position[meeting_id]
    at = order[here].at
    shown = []
    for fact in facts:
        opened = position.get(fact.opened_in)
        if opened is None or opened >= here:
            continue
        if not fact.open and not _still_open_at(fact, here, at, position):
            continue
        shown.append((fact.conclusion_id, here - opened))
    return shown


def _still_open_at(fact: Facts, here: int, at: str, position: dict[int, int]) -> bool:
    """A closed conclusion still belongs to the meetings up to the one that closed it."""
    if fact.closed_in is not None and fact.closed_in in position:
        return position[fact.closed_in] >= here
    return fact.closed_at is not None and at != UNDATED and fact.closed_at >= at
