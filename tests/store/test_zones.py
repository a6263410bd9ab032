"""Wall-clock times in an IANA zone: a slot must be one single instant for everyone, so the
hour skipped in spring and the hour lived twice in autumn are refused, in French."""

from datetime import UTC, datetime, timedelta

import pytest

from comite.kernel.zones import DEFAULT_ZONE, ends, from_utc_iso, local, to_utc, utc_iso, zone
from comite.store.validation import FieldError


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(("zone_name", "wall_clock", "instant"), [
    # Paris: UTC+1 in winter, UTC+2 in summer, and on both sides of each change.
    ("Europe/Paris", datetime(2027, 1, 12, 18, 0), utc(2027, 1, 12, 17, 0)),
    ("Europe/Paris", datetime(2027, 7, 13, 18, 0), utc(2027, 7, 13, 16, 0)),
    ("Europe/Paris", datetime(2026, 3, 29, 1, 59), utc(2026, 3, 29, 0, 59)),
    ("Europe/Paris", datetime(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0)),
    ("Europe/Paris", datetime(2026, 10, 25, 1, 59), utc(2026, 10, 24, 23, 59)),
    ("Europe/Paris", datetime(2026, 10, 25, 3, 0), utc(2026, 10, 25, 2, 0)),
    ("America/New_York", datetime(2027, 1, 12, 18, 0), utc(2027, 1, 12, 23, 0)),
    ("America/New_York", datetime(2027, 7, 13, 18, 0), utc(2027, 7, 13, 22, 0)),
    # La Réunion has no summer time: the nights Paris changes mean nothing there.
    ("Indian/Reunion", datetime(2026, 3, 29, 2, 30), utc(2026, 3, 28, 22, 30)),
    ("Indian/Reunion", datetime(2026, 10, 25, 2, 30), utc(2026, 10, 24, 22, 30)),
    ("Indian/Reunion", datetime(2027, 7, 13, 18, 0), utc(2027, 7, 13, 14, 0)),
])
def test_wall_clock_to_utc(zone_name, wall_clock, instant):
    converted = to_utc(wall_clock, zone_name)
    assert converted == instant
    assert converted.utcoffset() == timedelta(0)
    assert local(converted, zone_name).replace(tzinfo=None) == wall_clock


@pytest.mark.parametrize(("zone_name", "wall_clock", "shown"), [
    ("Europe/Paris", datetime(2026, 3, 29, 2, 30), "29/03/2026 à 02:30"),
    ("Europe/Paris", datetime(2026, 3, 29, 2, 0), "29/03/2026 à 02:00"),
    ("Europe/Paris", datetime(2027, 3, 28, 2, 59), "28/03/2027 à 02:59"),
    ("America/New_York", datetime(2026, 3, 8, 2, 30), "08/03/2026 à 02:30"),
])
def test_the_hour_skipped_in_spring_is_refused(zone_name, wall_clock, shown):
    with pytest.raises(FieldError) as caught:
        to_utc(wall_clock, zone_name)
    assert caught.value.field == "start"
    assert caught.value.message == (
        f"Le {shown} n’existe pas : les horloges avancent d’une heure cette nuit-là "
        "(passage à l’heure d’été). Choisissez une autre heure.")


@pytest.mark.parametrize(("zone_name", "wall_clock", "shown"), [
    ("Europe/Paris", datetime(2026, 10, 25, 2, 30), "25/10/2026 à 02:30"),
    ("Europe/Paris", datetime(2026, 10, 25, 2, 0), "25/10/2026 à 02:00"),
    ("Europe/Paris", datetime(2026, 10, 25, 2, 59), "25/10/2026 à 02:59"),
    ("America/New_York", datetime(2026, 11, 1, 1, 30), "01/11/2026 à 01:30"),
])
def test_the_hour_lived_twice_in_autumn_is_refused(zone_name, wall_clock, shown):
    with pytest.raises(FieldError) as caught:
        to_utc(wall_clock, zone_name)
    assert caught.value.field == "start"
    assert caught.value.message == (
        f"Le {shown} a lieu deux fois : les horloges reculent d’une heure cette nuit-là "
        "(passage à l’heure d’hiver). Choisissez une autre heure.")


def test_the_refusal_names_the_field_it_is_about():
    with pytest.raises(FieldError) as caught:
        to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Paris", field="new_start")
    assert caught.value.field == "new_start"


def test_an_aware_time_keeps_its_instant():
    """An aware datetime already names one instant: it is never re-read as Paris time."""
    instant = utc(2027, 1, 12, 17, 0)
    assert to_utc(instant, "Europe/Paris") == instant
    assert to_utc(instant.astimezone(zone("America/New_York")), "Europe/Paris") == instant


@pytest.mark.parametrize("name", [
    "Europe/Pariss", "Lune/Mer_de_la_Tranquillité", "", "Europe", "../../etc/passwd",
    "/etc/localtime", "Europe/Paris\x00", "x" * 300,
])
def test_an_unknown_zone_is_refused_in_french(name):
    with pytest.raises(FieldError) as caught:
        zone(name)
    assert caught.value.field == "timezone"
    assert "n’est pas un fuseau horaire connu (exemple : Europe/Paris)." in caught.value.message
    assert "\x00" not in caught.value.message
    assert len(caught.value.message) < 200


def test_an_unknown_zone_is_refused_when_converting():
    with pytest.raises(FieldError) as caught:
        to_utc(datetime(2027, 1, 12, 18, 0), "Mars/Olympus_Mons")
    assert caught.value.field == "timezone"


def test_default_zone_and_stored_form():
    assert DEFAULT_ZONE == "Europe/Paris"
    instant = to_utc(datetime(2027, 1, 12, 18, 0), DEFAULT_ZONE)
    assert utc_iso(instant) == "2027-01-12T17:00:00+00:00"
    shown = from_utc_iso("2027-01-12T17:00:00+00:00", DEFAULT_ZONE)
    assert (shown.hour, shown.utcoffset()) == (18, timedelta(hours=1))
    assert ends(shown, 120).hour == 20


def test_an_end_across_the_change_of_hour_is_counted_in_real_minutes():
    """A 2-hour meeting starting at 01:00 the night of the autumn change ends at 02:00 local
    (the clocks went back in between): a duration is real time, not wall-clock arithmetic."""
    start = from_utc_iso(utc_iso(to_utc(datetime(2026, 10, 25, 1, 0), "Europe/Paris")), "Europe/Paris")
    end = ends(start, 120)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=2)
    assert end.astimezone(UTC) == utc(2026, 10, 25, 1, 0)
    assert (end.hour, end.utcoffset()) == (2, timedelta(hours=1))
