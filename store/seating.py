"""Who sits where at a committee's table, and the order everyone is listed in.

One order for every list of a committee's people — the committee page, the meeting grid, the
séance and the minutes: each titulaire followed by their suppléant(e)s, then the suppléant(e)s
whose titulaire is not in the list, then everyone else (guests). Read top to bottom, a
suppléant(e) is always under the titulaire they stand in for, never under someone else's;
`marked` says which ones a screen marks « ↳ ». Pure functions, tested alone.
"""

from collections.abc import Callable, Iterable
from typing import TypeVar

from comite.store.committee_models import Function, Membership, Seat
from comite.store.meeting_models import Invitee, InviteeSeat
from comite.store.minutes_models import Attendee

Row = TypeVar("Row")
# A row's seat at the table, and the titular membership whose seat it holds or can fill.
Place = tuple[InviteeSeat, int | None]


def seat_at_table(membership_id: int, seat: str, function: str,
                  substitute_for: int | None) -> Place:
    """How a membership sits at a meeting: a guest holds no seat, a titulaire their own, a
    suppléant(e) the one of the titulaire they stand in for (None: no titulaire)."""
    if function == Function.GUEST:
        return InviteeSeat.GUEST, None
    if seat == Seat.TITULAR:
        return InviteeSeat.TITULAR, membership_id
    return InviteeSeat.SUBSTITUTE, substitute_for


def membership_place(membership: Membership) -> Place:
    return seat_at_table(membership.id, membership.seat, membership.function,
                         membership.substitute_for)


def invitee_place(invitee: Invitee | Attendee) -> Place:
    return invitee.seat, invitee.seat_key


def _seated(places: Iterable[Place]) -> frozenset[int]:
    """The seats whose titulaire is in the list."""
    return frozenset(key for seat, key in places if seat is InviteeSeat.TITULAR and key is not None)


def marked(rows: Iterable[Row], place: Callable[[Row], Place]) -> list[tuple[Row, bool]]:
    """Each row (in the order given), and whether it is a suppléant(e) whose titulaire is in
    the list: the one a screen marks « ↳ », under that titulaire. Any other suppléant(e) is
    listed after every titulaire, and left unmarked so as to read as nobody's."""
    rows = list(rows)
    seated = _seated(map(place, rows))
    return [(row, _under(place(row), seated)) for row in rows]


def _under(place: Place, seated: frozenset[int]) -> bool:
    seat, key = place
    return seat is InviteeSeat.SUBSTITUTE and key in seated


def seating_order(rows: Iterable[Row], place: Callable[[Row], Place]) -> list[Row]:
    """The rows in the table's order (module docstring); within each group they keep the
    order given, so the query decides who comes first (the présidente, then by name)."""
    rows = list(rows)
    places = [place(row) for row in rows]
    seated = _seated(places)
    titulars: list[tuple[Row, int | None]] = []
    under: dict[int, list[Row]] = {}
    orphans: list[Row] = []  # no titulaire, or one not in this list (not invited, mandate ended)
    others: list[Row] = []
    for row, (seat, key) in zip(rows, places, strict=True):
        if seat is InviteeSeat.TITULAR:
            titulars.append((row, key))
        elif _under((seat, key), seated):
            under.setdefault(key, []).append(row)
        elif seat is InviteeSeat.SUBSTITUTE:
            orphans.append(row)
        else:
            others.append(row)
    ordered: list[Row] = []
    for row, key in titulars:
        ordered.append(row)
        # pop: a seat listed twice (never so in the base) shows its suppléant(e)s once.
        ordered += under.pop(key, []) if key is not None else []
    return ordered + orphans + others
