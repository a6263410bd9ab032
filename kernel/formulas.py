"""The one rule for text a spreadsheet would run as a formula, shared by every layer: the
store refuses such text where it is typed, the CSV import where a file brings it, and the
CSV exports neutralise what an older base still holds.

A text is a formula when, after any leading invisible characters (spaces of any kind, line
breaks, zero-width marks: they hide the start from a reader, not from a spreadsheet), it
starts with:
    `=`  always;
    `+`  (`+1+1`), except in a phone number when the whole text is one: + then digits and
         the separators of a number (« +33 6 12 34 56 78 »): that is what a + means there;
    `-`  (`-1+1`, `-2+3+cmd|…`), except a text of dashes only (« - » is how many spreadsheets
         say « nothing »: no formula hides in it);
    `@`  (`@SUM(…)`, Excel and Lotus);
or when its very first character is a tab or a carriage return, which a spreadsheet reads as
a cell separator or keeps in front of a formula to hide it.
"""

import re
import unicodedata

FORMULA_CHARACTERS = ("=", "+", "-", "@")
HIDING_CHARACTERS = ("\t", "\r")
# + then at least 8 digits among a phone number's separators (ITU: 8 to 15 digits).
_PHONE = re.compile(r"^\+[\d\s.\-()]+$")


def formula_start(text: str, *, phone: bool = False) -> str | None:
    """The character that makes `text` a formula (one of FORMULA_CHARACTERS or
    HIDING_CHARACTERS), or None when a spreadsheet takes it as plain text."""
    if text[:1] in HIDING_CHARACTERS:
        return text[0]
    start = _visible(text)
    if not start or start[0] not in FORMULA_CHARACTERS:
        return None
    if start[0] == "-" and not start.strip("-").strip():
        return None
    if start[0] == "+" and phone and _is_phone_number(start):
        return None
    return start[0]


def _visible(text: str) -> str:
    """`text` from its first character a reader sees."""
    for index, character in enumerate(text):
        if not (character.isspace() or unicodedata.category(character) == "Cf"):
            return text[index:]
    return ""


def _is_phone_number(text: str) -> bool:
    return bool(_PHONE.match(text.rstrip())) and 8 <= sum(ch.isdigit() for ch in text) <= 15
