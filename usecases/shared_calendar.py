"""The meetings' dates shared with colleagues, alike for `comite sync` and the app: one read-only
.ics feed per committee in the folder the settings name (a synced folder to subscribe to), and
the structure's shared calendar (CalDAV). Both carry dates, places and committees — never who
is invited (exports.shared_calendar)."""

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from comite.exports.caldav import CalendarConfig, Publication, Publisher
from comite.store import Store
from comite.store.calendar import SHOWN
from comite.store.committee_models import Committee
from comite.usecases.settings import (
    Settings,
    caldav_trusted_certificate,
    calendar_feed_folder,
    calendar_wanted,
)

# Every committee, and every meeting a feed may show, past ones included: a subscriber's
# calendar keeps the history it was shown (the shared calendar publishes as many, exports.caldav).
_ALL = 100_000


def calendar_config(settings: Settings) -> CalendarConfig | None:
    """None when no shared calendar is set (caldav_url empty): nothing is published there."""
    if not calendar_wanted(settings):
        return None
    return CalendarConfig(url=settings.caldav_url.strip(), user=settings.caldav_user.strip(),
                          certificate=caldav_trusted_certificate(settings))


def feed_name(committee: Committee) -> str:
    """The feed's file name: readable, and stable as long as the committee keeps its name (the
    id tells apart two committees of one name, in two structures)."""
    from comite.exports.files import slug

    return f"{slug(committee.name)}-{committee.id}.ics"


def write_feeds(store: Store, folder: Path) -> list[Path]:
    """One .ics per active committee in `folder`; returns the files written. A file whose
    content did not change (its DTSTAMP aside) is left alone: a synced folder would send it to
    every subscriber again, every run. Raises OSError (a full disk, a read-only folder)."""
    from comite.exports.files import atomic_write

    stamp = datetime.now(UTC)
    written = []
    for summary in store.committees.all(limit=_ALL):
        path = folder / feed_name(summary.committee)
        data = _feed(store, summary.committee, stamp)
        if not _unchanged(path, data):
            written.append(atomic_write(path, data))
    return written


def publish(store: Store, settings: Settings, *,
            on_feeds: Callable[[list[Path]], None] | None = None) -> Publication | None:
    """The feeds written (when a folder is set), then the shared calendar published (when an
    address is set); the calendar's Publication, or None without one. `on_feeds` is told the
    feeds written before the calendar is reached: a server that does not answer must not hide
    them. Raises OSError from the feeds, CalendarUnreachable / CalendarRefused from the server
    (what waits stays pending: the next publication sends it)."""
    if (folder := calendar_feed_folder(settings)) is not None:
        written = write_feeds(store, folder)
        if on_feeds is not None:
            on_feeds(written)
    if (config := calendar_config(settings)) is None:
        return None
    return Publisher(store, config).publish()


def _feed(store: Store, committee: Committee, stamp: datetime) -> bytes:
    from comite.exports.shared_calendar import committee_feed

    meetings = store.meetings.all(committee_id=committee.id, statuses=SHOWN, limit=_ALL)
    return committee_feed([store.meetings.detail(meeting.id) for meeting in meetings],
                          committee.name, stamp)


def _unchanged(path: Path, data: bytes) -> bool:
    """Whether `path` already holds `data` but for the DTSTAMP lines (the time it was written)."""
    try:
        if path.stat().st_size != len(data):  # a DTSTAMP line has one length: no need to read
            return False
        before = path.read_bytes()
    except OSError:  # absent, or unreadable: written again, and the write says a fault
        return False
    return _without_stamps(before) == _without_stamps(data)


def _without_stamps(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(b"DTSTAMP")]
