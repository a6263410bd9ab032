"""Which backups to keep, pure: the newest of each of the last 7 days, 4 weeks and 12 months
that have one, never one older than personal data may be kept.

A backup holds everyone the base held that day, including people erased since (a restore
erases them again) and people whose retention period ran out: keeping it longer than the
longest retention period would keep their data past it.
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime

from comite.kernel.clock import months_before

DAILY, WEEKLY, MONTHLY = 7, 4, 12


def kept(stamps: Iterable[datetime], now: datetime, longest_retention_months: int) -> set[datetime]:
    """The backups (by their time) to keep among `stamps`; the others may be deleted. The
    newest is always kept unless it is too old: it is the one a restore would want."""
    oldest_allowed = months_before(now.date(), longest_retention_months)
    candidates = sorted((s for s in stamps if s.date() >= oldest_allowed), reverse=True)
    keep: set[datetime] = set(candidates[:1])
    for period, count in ((_day, DAILY), (_week, WEEKLY), (_month, MONTHLY)):
        keep |= _newest_per_period(candidates, period, count)
    return keep


def _newest_per_period(newest_first: list[datetime], period: Callable[[datetime], object],
                       count: int) -> set[datetime]:
    """The newest backup of each of the `count` most recent periods that have one."""
    chosen: dict[object, datetime] = {}
    for stamp in newest_first:
        key = period(stamp)
        if key not in chosen:
            if len(chosen) == count:
                break
            chosen[key] = stamp
    return set(chosen.values())


def _day(stamp: datetime) -> date:
    return stamp.date()


def _week(stamp: datetime) -> tuple[int, int]:
    year, week, _weekday = stamp.isocalendar()
    return year, week


def _month(stamp: datetime) -> tuple[int, int]:
    return stamp.year, stamp.month
