"""The one quorum rule, for the meeting grid (who can come on a slot), the séance (who is
checked in) and the minutes: a seat is covered when its titulaire or one of their
suppléant(e)s is there; the quorum is the meeting's own figure, or else more than half of the
seats at the table. A seat whose titulaire is not there and not replaced is not covered."""

from collections.abc import Iterable

from comite.store.minutes_models import Quorum


def quorum_needed(seats: int, figure: int | None) -> int:
    return figure if figure is not None else (seats // 2 + 1 if seats else 0)


def seat_quorum(seat_keys: Iterable[int | None], there: Iterable[int | None],
                figure: int | None) -> Quorum:
    """`seat_keys`: the seat of everyone at the table (None: a guest, who holds none);
    `there`: the seats of those who are (or can be) there."""
    seats = {key for key in seat_keys if key is not None}
    covered = {key for key in there if key is not None} & seats
    return Quorum(seats=len(seats), covered=len(covered), needed=quorum_needed(len(seats), figure))
