"""VTIMEZONE components written as yearly rules, the form every calendar client reads.

`icalendar`'s own `Timezone.from_tzinfo` lists each change as an RDATE; Outlook ignores RDATE
inside VTIMEZONE (MS-STANOICAL) and would shift the meeting by an hour half the year. So the
two changes of the event's year are read from zoneinfo and written back as
`RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=…`; the result is checked against zoneinfo before use.
"""

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

# Observances start in 1970, as Outlook and most servers write them: before any event we send.
_EPOCH_YEAR = 1970
# Neighbouring years where a rule must hold too: they tell « last Sunday » from « fourth Sunday ».
_CHECKED_YEARS = range(-3, 4)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True, slots=True)
class _Change:
    """One yearly clock change: on the `nth` `weekday` of `month` at `wall` time (old offset)."""

    month: int
    weekday: int
    nth: int  # 1..4, or -1 for the last one of the month
    wall: timedelta  # time of day, before the change
    before: timedelta
    after: timedelta
    name: str

    def on(self, year: int) -> datetime:
        """The UTC instant of this change in `year`."""
        day = _nth_weekday(year, self.month, self.weekday, self.nth)
        return datetime(day.year, day.month, day.day, tzinfo=UTC) + self.wall - self.before

    @property
    def byday(self) -> str:
        return f"{self.nth}{_WEEKDAYS[self.weekday]}"


def vtimezone(zone_name: str, instants: list[datetime]) -> Timezone | None:
    """The VTIMEZONE for `zone_name` that gives every one of `instants` its right offset, or None
    when the zone's changes are not a yearly weekday rule (the event is then written in UTC)."""
    tz = ZoneInfo(zone_name)
    year = min(instants).astimezone(tz).year
    changes = _changes(tz, year)
    if changes is None:
        return None
    if not changes:
        return _fixed(zone_name, tz, year)
    if not all(_offset(changes, instant) == instant.astimezone(tz).utcoffset() for instant in instants):
        return None
    component = Timezone()
    component.add("tzid", zone_name)
    for change in changes:
        component.add_component(_observance(change))
    return component


@lru_cache(maxsize=64)
def _changes(tz: ZoneInfo, year: int) -> tuple[_Change, ...] | None:
    """The two yearly changes of `year`, () for a zone without any, None for anything else."""
    instants = _transitions(tz, year)
    if not instants:
        return ()
    if len(instants) != 2:
        return None
    changes = [_rule(tz, instant, year) for instant in instants]
    if any(change is None for change in changes):
        return None
    return tuple(changes)


def _transitions(tz: ZoneInfo, year: int) -> list[datetime]:
    """Instants (UTC, to the second) where the zone's offset changes during `year`."""
    start = datetime(year, 1, 1, tzinfo=UTC)
    days = 366 if calendar.isleap(year) else 365
    found = []
    for day in range(days):
        low, high = start + timedelta(days=day), start + timedelta(days=day + 1)
        if low.astimezone(tz).utcoffset() == high.astimezone(tz).utcoffset():
            continue
        # Bisect the day down to the second at which the new offset begins.
        while high - low > timedelta(seconds=1):
            middle = low + (high - low) / 2
            if middle.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset():
                low = middle
            else:
                high = middle
        found.append(high.replace(microsecond=0))
    return found


def _rule(tz: ZoneInfo, instant: datetime, year: int) -> _Change | None:
    before = (instant - timedelta(seconds=1)).astimezone(tz).utcoffset()
    after_local = instant.astimezone(tz)
    after = after_local.utcoffset()
    wall = (instant + before).replace(tzinfo=None)
    weekday, last_day = wall.weekday(), calendar.monthrange(wall.year, wall.month)[1]
    ordinal = (wall.day - 1) // 7 + 1
    candidates = ([-1] if wall.day + 7 > last_day else []) + ([ordinal] if ordinal <= 4 else [])
    rules = [
        _Change(month=wall.month, weekday=weekday, nth=nth,
                wall=wall - datetime(wall.year, wall.month, wall.day), before=before, after=after,
                name=after_local.tzname() or "")
        for nth in candidates
    ]

    # A rule tied to something else than the calendar (Ramadan in Casablanca, « the Friday before
    # the last Sunday ») fails in some neighbouring year: the event is then written in UTC.
    return next((rule for rule in rules
                 if all(_happens(tz, rule, year + shift) for shift in _CHECKED_YEARS)), None)


def _happens(tz: ZoneInfo, rule: _Change, year: int) -> bool:
    moment = rule.on(year)
    return ((moment - timedelta(seconds=1)).astimezone(tz).utcoffset() == rule.before
            and moment.astimezone(tz).utcoffset() == rule.after)


def _offset(changes: tuple[_Change, ...], instant: datetime) -> timedelta:
    """The offset a client computes from our rules: the latest change at or before `instant`."""
    year = instant.astimezone(UTC).year
    past = [(change.on(y), change) for y in (year - 1, year) for change in changes]
    return max((item for item in past if item[0] <= instant), key=lambda item: item[0])[1].after


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    days = [day for day in calendar.Calendar().itermonthdates(year, month)
            if day.month == month and day.weekday() == weekday]
    return days[nth - 1] if nth > 0 else days[-1]


def _observance(change: _Change) -> TimezoneStandard | TimezoneDaylight:
    # The observance with the larger offset is summer time, whatever tzdata calls it (Dublin).
    observance = TimezoneDaylight() if change.after > change.before else TimezoneStandard()
    first = _nth_weekday(_EPOCH_YEAR, change.month, change.weekday, change.nth)
    observance.add("dtstart", datetime(first.year, first.month, first.day) + change.wall)
    observance.add("tzoffsetfrom", change.before)
    observance.add("tzoffsetto", change.after)
    observance.add("rrule", {"freq": "yearly", "bymonth": change.month, "byday": change.byday})
    if change.name:
        observance.add("tzname", change.name)
    return observance


def _fixed(zone_name: str, tz: ZoneInfo, year: int) -> Timezone:
    moment = datetime(year, 7, 1, tzinfo=UTC).astimezone(tz)
    component = Timezone()
    component.add("tzid", zone_name)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(_EPOCH_YEAR, 1, 1))
    standard.add("tzoffsetfrom", moment.utcoffset())
    standard.add("tzoffsetto", moment.utcoffset())
    if moment.tzname():
        standard.add("tzname", moment.tzname())
    component.add_component(standard)
    return component
