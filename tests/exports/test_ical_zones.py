"""VTIMEZONE written as yearly rules: read back by dateutil's own VTIMEZONE reader (`tzical`),
every offset of the year must be zoneinfo's, right up to the second of each clock change."""

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.tz import tzical
from icalendar import Timezone

from comite.exports.vtimezone import vtimezone

YEAR = 2027
# Paris and the overseas departments and collectivities, the zones of the brief, and the odd
# ones: southern summers, half-hour and 45-minute offsets, Dublin's « negative » summer time,
# Havana changing at midnight, Asuncion and Sao Paulo that gave up summer time.
ZONES = (
    "Europe/Paris", "Indian/Reunion", "Indian/Mayotte", "America/Martinique", "America/Guadeloupe",
    "America/Cayenne", "America/Miquelon", "Pacific/Noumea", "Pacific/Tahiti", "America/New_York",
    "Australia/Sydney", "Pacific/Auckland", "Pacific/Chatham", "America/St_Johns", "Europe/Dublin",
    "Europe/London", "America/Havana", "America/Asuncion", "America/Sao_Paulo", "Asia/Kolkata",
)
# Their changes follow Ramadan or « Sunday on or after the 2nd »: no yearly BYDAY rule says it.
UNWRITABLE = ("Africa/Casablanca", "America/Santiago", "Asia/Jerusalem", "Africa/Cairo")


def written(name: str, local: datetime) -> Timezone:
    """The VTIMEZONE for an event at `local` in `name`, as a reader parses it back."""
    return Timezone.from_ical(vtimezone(name, [local.replace(tzinfo=ZoneInfo(name))]).to_ical())


def changes(zone: ZoneInfo) -> list[datetime]:
    """The instants of the year where zoneinfo's offset changes, found by a plain minute scan
    around every hour where it differs (independent of the code under test)."""
    found = []
    moment = datetime(YEAR, 1, 1, tzinfo=UTC)
    while moment.year == YEAR:
        after = moment + timedelta(hours=1)
        if moment.astimezone(zone).utcoffset() != after.astimezone(zone).utcoffset():
            minute = moment
            while minute.astimezone(zone).utcoffset() == moment.astimezone(zone).utcoffset():
                minute += timedelta(minutes=1)
            found.append(minute)
        moment = after
    return found


@pytest.mark.parametrize("name", ZONES)
def test_every_offset_of_the_year_matches_zoneinfo(name):
    zone = ZoneInfo(name)
    component = vtimezone(name, [datetime(YEAR, 6, 1, 12, tzinfo=zone)])
    assert component is not None
    text = component.to_ical().decode()
    assert "RDATE" not in text
    read = tzical(io.StringIO(text)).get(name)

    every_six_hours = [datetime(YEAR, 1, 1, tzinfo=UTC) + timedelta(hours=6 * n) for n in range(4 * 365)]
    around_changes = [change + timedelta(seconds=delta) for change in changes(zone) for delta in (-1, 0)]
    for moment in every_six_hours + around_changes:
        assert moment.astimezone(read).utcoffset() == moment.astimezone(zone).utcoffset(), moment


def test_paris_changes_on_the_last_sundays_of_march_and_october():
    component = vtimezone("Europe/Paris", [datetime(YEAR, 1, 12, 18, tzinfo=ZoneInfo("Europe/Paris"))])
    text = component.to_ical().decode()
    assert "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" in text
    assert "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" in text
    assert "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200" in text
    assert "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100" in text


def test_new_york_changes_on_the_second_sunday_of_march_and_the_first_of_november():
    component = written("America/New_York", datetime(YEAR, 7, 1))
    rules = {part.name: dict(part["RRULE"]) for part in component.subcomponents}
    assert rules == {"DAYLIGHT": {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["2SU"]},
                     "STANDARD": {"FREQ": ["YEARLY"], "BYMONTH": [11], "BYDAY": ["1SU"]}}


def test_sydney_summer_starts_in_october_and_ends_in_april():
    component = written("Australia/Sydney", datetime(YEAR, 1, 12))
    rules = {part.name: (dict(part["RRULE"])["BYMONTH"], part["TZOFFSETTO"].td)
             for part in component.subcomponents}
    assert rules == {"DAYLIGHT": ([10], timedelta(hours=11)), "STANDARD": ([4], timedelta(hours=10))}


def test_a_zone_without_summer_time_is_one_fixed_standard_observance():
    (standard,) = written("Indian/Reunion", datetime(YEAR, 1, 12)).subcomponents
    assert standard.name == "STANDARD" and "RRULE" not in standard
    assert standard["TZOFFSETFROM"].td == standard["TZOFFSETTO"].td == timedelta(hours=4)


@pytest.mark.parametrize("name", UNWRITABLE)
def test_a_zone_whose_changes_follow_no_yearly_rule_gets_none(name):
    assert vtimezone(name, [datetime(YEAR, 1, 12, tzinfo=ZoneInfo(name))]) is None
