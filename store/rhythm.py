"""How often a committee meets, quarter by quarter: a commission des usagers meets at least
once a quarter (R. 1112-88 CSP). Read from the meetings' chosen or proposed dates, in the
meeting's own time zone."""

import sqlite3
from datetime import date

from comite.kernel.zones import from_utc_iso
from comite.store.committee_models import QuarterCount
from comite.store.minutes import quarter_of


def _quarter_starts(year: int) -> list[date]:
    return [date(year, month, 1) for month in (1, 4, 7, 10)]


def year_quarters(conn: sqlite3.Connection, committee_id: int, year: int,
                  today: date) -> list[QuarterCount]:
    """The four quarters of `year`: meetings held, and planned (convened, or polled on a date
    of the quarter and neither held nor cancelled)."""
    rows = conn.execute(
        "SELECT m.id, m.status, m.timezone, s.starts_at, s.status AS slot_status FROM meetings m "
        "JOIN slots s ON s.meeting_id = m.id WHERE m.committee_id = ? "
        "AND ((m.status IN ('held', 'convened') AND s.status = 'chosen') "
        "OR (m.status = 'poll' AND s.status = 'proposed'))", (committee_id,)).fetchall()
    held: dict[date, set[int]] = {}
    planned: dict[date, set[int]] = {}
    for row in rows:
        day = from_utc_iso(row["starts_at"], row["timezone"]).date()
        if day.year != year:
            continue
        start = quarter_of(day)[0]
        (held if row["status"] == "held" else planned).setdefault(start, set()).add(row["id"])
    current = quarter_of(today)[0]
    return [QuarterCount(name=quarter_of(start)[2], held=len(held.get(start, ())),
                         planned=len(planned.get(start, set()) - held.get(start, set())),
                         current=start == current)
            for start in _quarter_starts(year)]
