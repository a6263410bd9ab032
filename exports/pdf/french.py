"""Dates and times written the French way, from a small table rather than the system locale
(a coordinator's machine may run in English, or have no French locale installed)."""

from datetime import date, datetime

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
# A no-break space: ReportLab never breaks a line there, and « 18 h 00 » must stay whole.
NBSP = "\u00a0"


def day_month_year(day: date) -> str:
    """« 12 janvier 2027 »; the first of the month is « 1er », as French usage wants."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """« mardi 12 janvier 2027 »."""
    return f"{DAYS[day.weekday()]} {day_month_year(day)}"


def clock(moment: datetime) -> str:
    """« 18 h 00 »."""
    return f"{moment.hour:02d}{NBSP}h{NBSP}{moment.minute:02d}"


def time_range(start: datetime, end: datetime) -> str:
    """« 18 h 00 – 20 h 00 »; a meeting that ends after midnight says so."""
    ending = clock(end)
    if end.date() != start.date():
        ending += f"{NBSP}(le lendemain)"
    return f"{clock(start)}{NBSP}– {ending}"


_TIGHT = str.maketrans({" ": NBSP})
_BEFORE = (" :", " ;", " !", " ?", " »")


def french_spaces(text: str) -> str:
    """No line break between a word and the « : ; ! ? » that follows it, nor inside « guillemets »."""
    for pair in _BEFORE:
        text = text.replace(pair, pair.translate(_TIGHT))
    return text.replace("« ", "«" + NBSP)
