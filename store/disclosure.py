"""What a committee's composition may say outside the coordinator's screen: counts that nobody
can turn back into a person. A pure function, tested alone.

The coordinator sees exact counts (she knows every member by name). What is exported or printed
for others follows this rule, criterion by criterion (role, age band, sex, territory, lived
experience; each counts every member once, so its counts add up to the published total):

1. A committee of fewer than 5 members publishes nothing but that: its total reads « < 5 » and
   every criterion is withheld (« n.d. », no category named).
2. Primary suppression: a count from 1 to 4 reads « < 5 ». A 0 is shown as 0.
3. Secondary suppression: while one masked count could still be worked out exactly, the smallest
   non-zero count still shown (the first of equals) is masked too, as « n.d. » — always 5 or
   more, since every count under 5 is masked already.
4. When every non-zero count of a criterion is masked and one can still be worked out, the
   whole criterion is withheld.

« Worked out » means: someone who reads the table and knows this rule knows that the
criterion's counts add up to the total, that a « < 5 » is 1 to 4, and that an « n.d. » is 5 or
more and no more than the smallest count shown (rule 3 takes the smallest). The masked counts
add up to the total minus the counts shown; each of them thus lies between a lowest and a
highest possible value, and when the two meet, the count is known. So one masked count beside
shown ones is always given a second (rule 3), two « < 5 » adding up to 2 (both 1) or to 8 (both
4) are not left alone, nor are six territories of one member each among six members (rule 4).
What the rule does not promise: that a « < 5 » could still be any of 1 to 4 (the table may
narrow it to 1 or 2, never to one value), nor anything across criteria, which are published as
separate counts and never crossed.
"""

from collections.abc import Sequence

from comite.kernel.i18n import _
from comite.store.privacy_models import (
    Composition,
    CountCell,
    ShownCell,
    ShownComposition,
    ShownCriterion,
)

SMALL_CELL = 5
SMALL = "< 5"
WITHHELD = "n.d."
NOTE = _("« < 5 » : de 1 à 4 personnes, nombre masqué pour que personne ne soit reconnu ; "
         "« n.d. » (non diffusé) : nombre masqué pour qu’un petit nombre ne se retrouve pas par "
         "différence avec le total.")


def disclose(composition: Composition) -> ShownComposition:
    """The composition as it may leave the coordinator's screen (rules in the module's text)."""
    if composition.members < SMALL_CELL:
        return ShownComposition(composition.committee_id, SMALL,
                                tuple(ShownCriterion(title, (), withheld=True)
                                      for title, _cells in composition.by), composition.on)
    return ShownComposition(composition.committee_id, str(composition.members),
                            tuple(disclose_criterion(title, cells)
                                  for title, cells in composition.by), composition.on)


def disclose_criterion(title: str, cells: Sequence[CountCell]) -> ShownCriterion:
    """One criterion of a committee of 5 members or more, its cells masked by rules 2 to 4."""
    counts = [cell.count for cell in cells]
    # A 0 points at nobody, and a reader of the composition needs to see an empty category (no
    # one under 25, no carer). That « < 5 » then means 1 to 4 is what `_known` reckons with.
    small = {i for i, count in enumerate(counts) if 0 < count < SMALL_CELL}
    hidden: set[int] = set()  # rule 3's « n.d. »
    while _known(counts, small, hidden):
        shown = [i for i, count in enumerate(counts) if count and i not in small | hidden]
        if not shown:
            return ShownCriterion(title, (), withheld=True)
        hidden.add(min(shown, key=lambda i: (counts[i], i)))
    return ShownCriterion(title, tuple(
        ShownCell(cell.label, SMALL if i in small else WITHHELD if i in hidden else str(cell.count))
        for i, cell in enumerate(cells)))


def _known(counts: list[int], small: set[int], hidden: set[int]) -> bool:
    """Whether a masked count has one possible value given the total, the counts shown and
    what the marks mean."""
    masked = small | hidden
    if not masked:
        return False
    total = sum(counts)
    left = total - sum(count for i, count in enumerate(counts) if i not in masked)
    shown = [count for i, count in enumerate(counts) if i not in masked and count]
    ceiling = min(shown, default=total)
    bounds = {i: (1, SMALL_CELL - 1) if i in small else (SMALL_CELL, ceiling) for i in masked}
    lows = sum(low for low, _high in bounds.values())
    highs = sum(high for _low, high in bounds.values())
    for low, high in bounds.values():
        lowest = max(low, left - (highs - high))
        highest = min(high, left - (lows - low))
        if lowest >= highest:
            return True
    return False
