"""Time as the store records it: aware, stored as ISO 8601 UTC."""

import uuid
from datetime import UTC, date, datetime


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def today() -> date:
    """The day it is in France (kernel.zones.DEFAULT_ZONE), for every layer: the day a charter
    is made and signed, a mandate ends, minutes are circulated. The machine's own zone may be
    another (a server in UTC is a day behind Paris from 23:00 or 22:00): never date.today()."""
    from comite.kernel.zones import DEFAULT_ZONE, zone

    return datetime.now(zone(DEFAULT_ZONE)).date()


def new_uid() -> str:
    """A stable identifier for anything that may leave the machine."""
    return str(uuid.uuid4())


def date_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def years_after(day: date, years: int) -> date:
    """The same day `years` later; a 29 February lands on the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, or that month's last day when it is shorter."""
    from calendar import monthrange

    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))
