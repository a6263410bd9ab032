"""Whether comite's PDFs can draw a character: what cannot print is refused where it is typed.

The table (`printable_ranges.RANGES`) is written from the shipped fonts by
exports/pdf/fonts/make_printable.py; a test checks it against them.
"""

from bisect import bisect_right
from functools import cache

from comite.kernel.printable_ranges import RANGES


@cache
def _firsts() -> list[int]:
    return [first for first, _last in RANGES]


def printable(character: str) -> bool:
    code = ord(character)
    index = bisect_right(_firsts(), code) - 1
    return index >= 0 and RANGES[index][1] >= code


def first_unprintable(text: str) -> str | None:
    """The first character of `text` a PDF of comite would draw as an empty box, if any."""
    if text.isascii() and text.isprintable():
        return None
    return next((c for c in dict.fromkeys(text) if not printable(c)), None)
