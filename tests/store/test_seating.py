"""The table's order, pure: each titulaire followed by their suppléant(e)s, then the
suppléant(e)s without a titulaire in the list, then the guests."""

from comite.store.committee_models import Function, Seat
from comite.store.meeting_models import InviteeSeat
from comite.store.seating import marked, seat_at_table, seating_order

T, S, G = InviteeSeat.TITULAR, InviteeSeat.SUBSTITUTE, InviteeSeat.GUEST


def order(*rows: tuple[str, InviteeSeat, int | None]) -> list[str]:
    """The names of (name, seat, seat key) rows, in the table's order."""
    return [name for name, _seat, _key in seating_order(rows, lambda row: (row[1], row[2]))]


def test_each_suppleant_right_under_their_titulaire():
    # As the query gives them: the présidente first, then by name; suppléant(e)s after.
    given = (("Présidente", T, 1), ("Alain", T, 2), ("Zoé", T, 3),
             ("Brigitte (de Zoé)", S, 3), ("Yves (de la présidente)", S, 1),
             ("Xavier (de Zoé)", S, 3))
    assert order(*given) == ["Présidente", "Yves (de la présidente)", "Alain", "Zoé",
                             "Brigitte (de Zoé)", "Xavier (de Zoé)"]


def test_orphans_after_every_titulaire_then_guests():
    given = (("Invitée", G, None), ("Sans titulaire", S, None), ("Alain", T, 2),
             ("De quelqu’un d’absent", S, 99), ("Bruno", T, 3), ("De Bruno", S, 3))
    assert order(*given) == ["Alain", "Bruno", "De Bruno", "Sans titulaire",
                             "De quelqu’un d’absent", "Invitée"]


def test_nobody_is_lost_or_listed_twice():
    given = (("Guest", G, None), ("A", T, 1), ("B", S, 1), ("C", S, None), ("Old", T, None),
             ("D", S, 1))
    assert sorted(order(*given)) == sorted(name for name, _seat, _key in given)
    assert order() == []


def test_a_titulaire_without_a_seat_key_takes_no_orphan():
    # Invitees written before seats had keys (schema V3) have none: they anchor nobody.
    assert order(("Ancien", T, None), ("Sans titulaire", S, None)) == ["Ancien", "Sans titulaire"]


def test_how_a_membership_sits_at_a_meeting():
    assert seat_at_table(7, Seat.TITULAR, Function.PRESIDENT, None) == (T, 7)
    assert seat_at_table(8, Seat.SUBSTITUTE, Function.MEMBER, 7) == (S, 7)
    assert seat_at_table(9, Seat.SUBSTITUTE, Function.MEMBER, None) == (S, None)
    assert seat_at_table(10, Seat.TITULAR, Function.GUEST, None) == (G, None)


def test_marked_under_a_titulaire_only_when_theirs_is_listed():
    rows = (("Alain", T, 2), ("De Alain", S, 2), ("Sans titulaire", S, None),
            ("De quelqu’un d’absent", S, 99), ("Invitée", G, None))
    assert [(row[0], under) for row, under in marked(rows, lambda row: (row[1], row[2]))] == [
        ("Alain", False), ("De Alain", True), ("Sans titulaire", False),
        ("De quelqu’un d’absent", False), ("Invitée", False)]
