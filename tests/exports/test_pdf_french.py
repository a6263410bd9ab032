"""French dates for printed documents, from the module's own table (never the system locale)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from comite.exports.french import NBSP, clock, day_month_year, french_spaces, long_date, time_range

PARIS = ZoneInfo("Europe/Paris")


def spaced(text: str) -> str:
    return text.replace(NBSP, " ")


def test_long_date_names_the_weekday_and_the_month():
    assert long_date(date(2027, 1, 12)) == "mardi 12 janvier 2027"
    assert long_date(date(2027, 8, 15)) == "dimanche 15 août 2027"
    assert long_date(date(2026, 12, 31)) == "jeudi 31 décembre 2026"


def test_every_weekday_of_a_week():
    monday = date(2027, 1, 4)
    names = [long_date(monday + timedelta(days=n)).split()[0] for n in range(7)]
    assert names == ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def test_first_of_the_month_is_premier():
    assert long_date(date(2027, 2, 1)) == "lundi 1er février 2027"
    assert day_month_year(date(2027, 2, 1)) == "1er février 2027"
    assert day_month_year(date(2027, 2, 11)) == "11 février 2027"


def test_times_use_the_french_hour_sign_and_never_break():
    start = datetime(2027, 1, 12, 9, 5, tzinfo=PARIS)
    assert clock(start) == f"09{NBSP}h{NBSP}05"
    assert " " not in clock(start)
    assert spaced(time_range(start.replace(hour=18, minute=0), start.replace(hour=20, minute=0))) == (
        "18 h 00 – 20 h 00")


def test_a_meeting_past_midnight_says_it_ends_the_next_day():
    start = datetime(2027, 1, 12, 22, 30, tzinfo=PARIS)
    assert spaced(time_range(start, start + timedelta(hours=2))) == "22 h 30 – 00 h 30 (le lendemain)"


def test_no_break_before_french_punctuation_nor_inside_quotes():
    text = french_spaces("Réunion : « Comité » ; oui ! non ?")
    assert text == f"Réunion{NBSP}: «{NBSP}Comité{NBSP}»{NBSP}; oui{NBSP}! non{NBSP}?"
    assert french_spaces("https://visio.example.org/a:b") == "https://visio.example.org/a:b"
