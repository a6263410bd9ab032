"""Dates written the French way, from a small table rather than the system locale (a
coordinator's machine may run in English, or have no French locale installed)."""

from datetime import date

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


def day_month_year(day: date) -> str:
    """« 12 janvier 2027 »; the first of the month is « 1er », as French usage wants."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """« mardi 12 janvier 2027 »."""
    return f"{DAYS[day.weekday()]} {day_month_year(day)}"
