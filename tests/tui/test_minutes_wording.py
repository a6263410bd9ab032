"""How the minutes page says attendance: every status its colour, a guess dimmed, times as the
minutes print them, and long names that wrap after a hyphen rather than inside a word."""

from dataclasses import replace
from itertools import pairwise

from comite.store.meeting_models import InviteeSeat
from comite.store.minutes_models import AttendanceStatus
from comite.tui.screens.minutes import NAME_WIDTH, STATUS_STYLE, attendance_cell
from comite.tui.wording import attendee_names, breakable
from tests.exports.minutes_records import SAT, attendee, sat


def test_every_status_has_its_colour_and_a_guess_is_dimmed():
    assert set(STATUS_STYLE) == set(AttendanceStatus)
    noted = {STATUS_STYLE[s] for s in (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTED,
                                       AttendanceStatus.REPRESENTED, AttendanceStatus.EXCUSED,
                                       AttendanceStatus.ABSENT)}
    assert len(noted) == 5, "each noted status reads in its own colour"
    guess = attendance_cell(replace(SAT[0], status=AttendanceStatus.ANNOUNCED, confirmed=False))
    assert str(guess) == "Annoncé(e) — présence à noter"
    assert {"dim", "italic", "green"} <= set(str(guess.style).split())
    silent = attendance_cell(replace(SAT[0], status=AttendanceStatus.NO_ANSWER, confirmed=False))
    assert str(silent.style) == "dim italic"


def test_the_cell_gives_the_times_the_minutes_print():
    late = SAT[3]  # arrived 18 h 40, left 19 h 10 (Paris)
    assert str(attendance_cell(late, sat())) == "Présent(e) (arrivé(e) à 18 h 40, parti(e) à 19 h 10)"
    assert str(attendance_cell(late)) == "Présent(e)"  # no document: no zone to read times in
    assert str(attendance_cell(SAT[1], sat())) == "A donné pouvoir à Élodie Lefèvre"


def test_a_long_compound_name_breaks_after_a_hyphen_only_where_the_line_ends():
    name = "Marie-Françoise de La Tour d’Auvergne-Lœwenbruck"
    assert breakable(name, NAME_WIDTH) == "Marie-Françoise de La Tour d’Auvergne- Lœwenbruck"
    assert breakable("Jean-Marie-Christophe-Alexandre Roux", 20) == \
        "Jean-Marie- Christophe-Alexandre Roux"
    # What fits, or has no hyphen to break after, is left as it is.
    for kept in ("Léa Durand", "Jean-Marie Roux", "Anticonstitutionnellementissime"):
        assert breakable(kept, 20) == kept, kept
    # Each piece is as long as fits: two pieces never share a line, so the space added is
    # always where the line ends.
    for pieces in (breakable(name, 20).split(" ")[-2:],
                   breakable("Jean-Marie-Christophe-Alexandre", 20).split()):
        assert all(len(a) + 1 + len(b) > 20 for a, b in pairwise(pieces))


def test_only_a_suppleant_under_her_titular_is_marked():
    """An orphan suppléant(e) (titulaire not invited) is listed after the titulaires, unmarked:
    « ↳ » there would read as the previous titulaire's."""
    titular = attendee(1, "Anne Roy", InviteeSeat.TITULAR, AttendanceStatus.PRESENT, seat_key=1)
    hers = attendee(2, "Léa Roy", InviteeSeat.SUBSTITUTE, AttendanceStatus.PRESENT, seat_key=1)
    orphan = attendee(3, "Marc Vidal", InviteeSeat.SUBSTITUTE, AttendanceStatus.ABSENT, seat_key=9)
    guest = attendee(4, "Dr Karim Benali", InviteeSeat.GUEST, AttendanceStatus.PRESENT,
                     seat_key=None)
    assert [name for _a, name in attendee_names([titular, hers, orphan, guest])] == [
        "Anne Roy", "↳ Léa Roy", "Marc Vidal", "Dr Karim Benali (inv.)"]
