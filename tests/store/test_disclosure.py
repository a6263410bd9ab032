"""What a composition may say to others: « < 5 » from 1 to 4, a second count masked when a
total would give the first back, a criterion withheld when nothing else protects it. The
rule is `comite.store.disclosure`'s; here it is checked alone, then against a reader who
subtracts."""

from datetime import date
from itertools import product

import pytest

from comite.store.disclosure import SMALL, WITHHELD, disclose, disclose_criterion
from comite.store.privacy_models import Composition, CountCell

DAY = date(2026, 11, 23)


def shown(*counts: int) -> list[str] | None:
    """The marks of one criterion with these counts; None when it is withheld."""
    criterion = disclose_criterion("Sexe", [CountCell(f"c{i}", n) for i, n in enumerate(counts)])
    return None if criterion.withheld else [cell.shown for cell in criterion.cells]


def test_no_small_count_shows_every_count_and_its_zeros():
    assert shown(6, 7, 0, 12) == ["6", "7", "0", "12"]


def test_one_small_count_gets_a_second_masked_the_smallest_other():
    # 3 alone would be 28 − 6 − 7 − 12: the 6, smallest other count, goes too.
    assert shown(3, 12, 6, 7) == [SMALL, "12", WITHHELD, "7"]


def test_the_second_count_skips_zeros_and_takes_the_first_of_equals():
    assert shown(0, 2, 9, 9, 0) == ["0", SMALL, WITHHELD, "9", "0"]


def test_two_small_counts_protect_each_other():
    assert shown(2, 3, 10) == [SMALL, SMALL, "10"]


def test_two_small_counts_that_could_only_be_ones_get_a_third():
    # 12 − 10 = 2 = 1 + 1: both would be known.
    assert shown(1, 1, 10) == [SMALL, SMALL, WITHHELD]


def test_a_criterion_where_all_are_small():
    assert shown(2, 2, 1) == [SMALL, SMALL, SMALL]  # 5 = 2 + 2 + 1: each 1 or 2 or 3, not known
    assert shown(1, 1, 1, 1, 1) is None, "five ones among five members: withheld"
    assert shown(4, 4, 0) is None, "two « < 5 » adding up to 8 are two 4"


def test_a_second_count_of_five_beside_a_one_gives_both_away_so_the_criterion_goes():
    assert shown(1, 5, 0) is None  # 6 = « < 5 » + « n.d. ≥ 5 »: 1 and 5


def test_the_masked_counts_are_always_the_ones_under_five_plus_the_fewest_more():
    assert shown(4, 5, 5, 20) == [SMALL, WITHHELD, WITHHELD, "20"]  # n.d. ≤ 5 = 5


def test_a_total_under_five_shows_only_that():
    composition = Composition(1, 3, (("Sexe", (CountCell("Femme", 3), CountCell("Homme", 0))),
                                     ("Âge", (CountCell("75 ans et plus", 3),))), DAY)
    published = disclose(composition)
    assert published.members == SMALL
    assert all(c.withheld and c.cells == () for c in published.by)
    assert [c.title for c in published.by] == ["Sexe", "Âge"]


def test_from_five_members_the_total_is_exact():
    composition = Composition(1, 5, (("Sexe", (CountCell("Femme", 5), CountCell("Homme", 0))),), DAY)
    published = disclose(composition)
    assert published.members == "5" and published.on == DAY
    assert [(c.label, c.shown) for c in published.by[0].cells] == [("Femme", "5"), ("Homme", "0")]


def solutions(marks: list[str], total: int) -> list[tuple[int, ...]]:
    """Every set of counts a reader who knows the rule could take for these marks: a « < 5 » is
    1 to 4, an « n.d. » 5 or more and at most the smallest count shown, and they add up to the
    total."""
    ceiling = min((int(m) for m in marks if m not in (SMALL, WITHHELD) and int(m)), default=total)
    ranges = [range(1, 5) if m == SMALL else range(5, ceiling + 1) if m == WITHHELD
              else (int(m),) for m in marks]
    return [counts for counts in product(*ranges) if sum(counts) == total]


@pytest.mark.parametrize("cells", range(1, 5))
def test_no_masked_count_can_be_worked_out_by_a_reader_who_tries_everything(cells):
    """Every criterion of up to four categories of up to 12 members: no masked count has only
    one value among the counts that fit what is published."""
    for counts in product(range(13), repeat=cells):
        if sum(counts) < 5:
            continue
        marks = shown(*counts)
        if marks is None:
            continue
        fits = solutions(marks, sum(counts))
        assert counts in fits, (counts, marks)
        for i, mark in enumerate(marks):
            if mark in (SMALL, WITHHELD):
                assert len({fit[i] for fit in fits}) > 1, (counts, marks, i)
            else:
                assert mark == str(counts[i]) and not 0 < counts[i] < 5
