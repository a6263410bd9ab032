"""French dates and hours of the e-mail text, independent of the machine's locale."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from comite.exports.french import clock, moment, span, zone_label

PARIS = ZoneInfo("Europe/Paris")


def test_a_span_within_a_day_names_the_day_both_hours_and_the_zone():
    start = datetime(2027, 1, 12, 18, 0, tzinfo=PARIS)
    assert span(start, datetime(2027, 1, 12, 20, 0, tzinfo=PARIS), "Europe/Paris") == (
        "mardi 12 janvier 2027 de 18 h 00 à 20 h 00 (heure de Paris)")


def test_a_span_past_midnight_names_both_days():
    start = datetime(2027, 7, 31, 22, 30, tzinfo=PARIS)
    assert span(start, datetime(2027, 8, 1, 1, 5, tzinfo=PARIS), "Europe/Paris") == (
        "du samedi 31 juillet 2027 à 22 h 30 au dimanche 1er août 2027 à 01 h 05 (heure de Paris)")


def test_the_end_is_told_in_the_zone_of_the_start():
    start = datetime(2027, 3, 1, 9, 0, tzinfo=PARIS)
    assert span(start, datetime(2027, 3, 1, 10, 0, tzinfo=ZoneInfo("UTC")), "Europe/Paris").endswith(
        "de 09 h 00 à 11 h 00 (heure de Paris)")


@pytest.mark.parametrize(("zone", "label"), [
    ("Europe/Paris", "heure de Paris"), ("America/New_York", "heure de New York"),
    ("Indian/Reunion", "heure de La Réunion"), ("America/Cayenne", "heure de Guyane"),
    ("UTC", "temps universel"),
])
def test_zone_labels(zone, label):
    assert zone_label(zone) == label


def test_moment_and_clock():
    assert moment(datetime(2027, 6, 1, 9, 5, tzinfo=PARIS)) == "mardi 1er juin 2027 à 09 h 05"
    assert clock(datetime(2027, 6, 1, 0, 0), " ") == "00 h 00"
