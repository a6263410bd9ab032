"""Who a name typed on a poll site is, among the invitees: sure, to confirm, or unknown.

Names are compared as words after case and accent folding; « Prénom Nom » and « Nom Prénom »
are the same name (any rotation of the words, so compound names need no splitting).
"""

import re
from collections.abc import Sequence

from comite.store.validation import fold

_WORD = re.compile(r"[^\W_]+")


def words(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(name)))


def same_name(typed: Sequence[str], known: Sequence[str]) -> bool:
    """Every word, in « Prénom Nom » or « Nom Prénom » order."""
    return bool(typed) and len(typed) == len(known) and any(
        tuple(typed) == _rotation(known, shift) for shift in range(len(known)))


def resemblance(typed: Sequence[str], known: Sequence[str]) -> int:
    """0: nothing in common; 1: a whole word in common (« Jean Dupont » for Jeanne Dupont);
    2: the typed words all agree, some as initials or some missing (« J. Dupont », « Dupont »),
    in either order. Initials alone never count: one whole word must agree."""
    shared = {word for word in typed if len(word) > 1} & {word for word in known if len(word) > 1}
    if not shared:
        return 0
    for shift in range(len(known)):
        rotated = _rotation(known, shift)
        shorter, longer = (typed, rotated) if len(typed) <= len(rotated) else (rotated, typed)
        if _aligned(shorter, longer):
            return 2
    return 1


def _rotation(known: Sequence[str], shift: int) -> tuple[str, ...]:
    return tuple(known[shift:]) + tuple(known[:shift])


def _aligned(shorter: Sequence[str], longer: Sequence[str]) -> bool:
    """`shorter` is a subsequence of `longer`, a one-letter word standing for its initial."""
    position = 0
    for word in shorter:
        while position < len(longer) and not _agrees(word, longer[position]):
            position += 1
        if position == len(longer):
            return False
        position += 1
    return True


def _agrees(one: str, other: str) -> bool:
    if one == other:
        return True
    return (len(one) == 1 and other.startswith(one)) or (len(other) == 1 and one.startswith(other))
