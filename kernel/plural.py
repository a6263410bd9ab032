"""How a count reads in French: the one rule every layer uses.

French puts 0 and 1 in the singular (« 0 membre », « 1 membre ») and the plural from 2 on
(« 2 membres »), unlike English, where only 1 is singular.
"""


def plural(n: int, one: str, many: str) -> str:
    """The form French gives to `n` of something: `one` for 0 and 1, `many` from 2 on."""
    return one if n < 2 else many


def count(n: int, one: str, many: str) -> str:
    """« 0 membre », « 1 membre », « 12 membres », « 1 234 membres »: the number, its thousands
    parted by a narrow no-break space (U+202F, as French typography wants), then the word."""
    return f"{n:,}".replace(",", "\u202f") + " " + plural(n, one, many)
