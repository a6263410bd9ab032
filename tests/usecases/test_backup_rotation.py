"""Which backups the rotation keeps: the newest of each of the last 7 days, 4 ISO weeks and 12
months that have one, never one older than the longest retention period — over a simulated
year of daily backups, the kept set written out by hand here (the calendar read, not the rule
run again); then `rotate()` on a real folder of dated names, every other file left as it was."""

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from comite.usecases.backup import archive_name, created_at, rotate
from comite.usecases.backup_rotation import DAILY, MONTHLY, WEEKLY, kept

NOW = datetime(2026, 11, 18, 2, 30, tzinfo=UTC)  # a Wednesday, ISO week 47


def at(day: str, hour: int = 2, minute: int = 30) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC).replace(
        hour=hour, minute=minute)


def daily(first: str, last: str) -> list[datetime]:
    """A backup every night at 02:30 from `first` to `last`, both included."""
    day, stamps = at(first), []
    while day <= at(last):
        stamps.append(day)
        day += timedelta(days=1)
    return stamps


def days(stamps: set[datetime]) -> list[str]:
    return sorted(stamp.date().isoformat() for stamp in stamps)


# A year and a half of nightly backups up to NOW, read on the calendar:
LAST_SEVEN_DAYS = [f"2026-11-{day}" for day in range(12, 19)]
LAST_DAYS_OF_THE_ELEVEN_MONTHS_BEFORE = [
    "2025-12-31", "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
    "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31"]


def test_a_year_of_nightly_backups_keeps_seven_days_four_weeks_twelve_months():
    stamps = daily("2025-05-01", "2026-11-18")
    chosen = kept(stamps, NOW, longest_retention_months=36)
    assert days(chosen) == sorted(
        [*LAST_SEVEN_DAYS, "2026-11-01", "2026-11-08", *LAST_DAYS_OF_THE_ELEVEN_MONTHS_BEFORE])
    assert "2026-11-15" in days(chosen), "week 46's newest is also one of the seven days"
    assert len(chosen) == 20 <= DAILY + WEEKLY + MONTHLY
    assert max(stamps) in chosen and chosen <= set(stamps)


def test_each_period_keeps_its_newest_backup_and_no_more_periods_than_its_count():
    stamps = daily("2025-05-01", "2026-11-18")
    chosen = kept(stamps, NOW, longest_retention_months=36)
    by_day = {stamp.date() for stamp in chosen}
    by_week = {stamp.isocalendar()[:2] for stamp in chosen}
    by_month = {(stamp.year, stamp.month) for stamp in chosen}
    assert len(by_day) == len(chosen), "never two of one day"
    assert len(by_month) == MONTHLY and min(by_month) == (2025, 12)
    # Seven days span two weeks (W46, W47): with W44 and W45, four weeks and then the months'.
    assert {(2026, 44), (2026, 45), (2026, 46), (2026, 47)} <= by_week
    for stamp in chosen - {s for s in chosen if s.date() >= date(2026, 11, 12)}:
        same_month = [s for s in stamps if (s.year, s.month) == (stamp.year, stamp.month)]
        same_week = [s for s in stamps if s.isocalendar()[:2] == stamp.isocalendar()[:2]]
        assert stamp in (max(same_month), max(same_week)), stamp


def test_a_short_retention_period_removes_the_older_monthly_backups():
    stamps = daily("2025-05-01", "2026-11-18")
    chosen = kept(stamps, NOW, longest_retention_months=6)
    assert min(chosen).date() >= date(2026, 5, 18), "nothing older than six months"
    assert days(chosen) == sorted(
        [*LAST_SEVEN_DAYS, "2026-11-01", "2026-11-08",
         "2026-05-31", "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31"])


def test_nothing_older_than_the_retention_period_is_kept_not_even_the_newest():
    stamps = daily("2024-01-01", "2024-03-01")
    assert kept(stamps, NOW, longest_retention_months=24) == set()
    assert len(kept(stamps, NOW, longest_retention_months=36)) == 7 + 2 + 1, (
        "seven nights, two more Sundays, January's last: the most recent that have one")


def test_of_several_backups_a_day_only_the_newest_of_each_day_stays():
    stamps = [at("2026-11-16", hour) for hour in range(24)] + [
        at("2026-11-17", hour) for hour in range(24)] + [at("2026-11-18", hour) for hour in range(3)]
    chosen = kept(stamps, NOW, longest_retention_months=36)
    assert chosen == {at("2026-11-16", 23), at("2026-11-17", 23), at("2026-11-18", 2)}


def test_a_gap_of_weeks_keeps_the_last_seven_days_that_had_one():
    """The laptop stayed shut a month: the seven days kept are the last seven with a backup."""
    stamps = [*daily("2026-09-20", "2026-10-10"), at("2026-11-18")]
    chosen = kept(stamps, NOW, longest_retention_months=36)
    assert days(chosen) == ["2026-09-27", "2026-09-30",  # W39's Sunday, September's last
                            "2026-10-04",  # W40's Sunday
                            "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08", "2026-10-09",
                            "2026-10-10", "2026-11-18"]


def test_the_weeks_are_iso_weeks_across_the_new_year():
    """2026 has an ISO week 53, Monday 28 December to Sunday 3 January 2027: one week, whose
    newest is 3 January, so the fourth week kept is W51's Sunday."""
    now = at("2027-01-06")  # a Wednesday, 2027-W01
    chosen = kept(daily("2026-12-01", "2027-01-06"), now, longest_retention_months=36)
    assert days(chosen) == ["2026-12-20", "2026-12-27",  # W51, W52 (W53 and W01: in the days)
                            "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04",
                            "2027-01-05", "2027-01-06"]


# ---- rotate() on a folder --------------------------------------------------------------------


def test_rotate_deletes_the_backups_not_kept_and_leaves_every_other_file(tmp_path: Path):
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    stamps = daily("2025-05-01", "2026-11-18")
    for stamp in stamps:
        (folder / archive_name(stamp)).write_bytes(b"PK")
    others = {
        "effacements.txt": b"# comite\n",
        "notes.txt": "Sauvegardes de l’association".encode(),
        "comite-sauvegarde-20250101-000000Z.zip.part": b"a download stopped",
        ".comite-sauvegarde-20250101-000000Z.zip.abc.tmp": b"a backup being written",
        "comite-sauvegarde-2025.zip": b"a name that is not a backup's",
    }
    for name, data in others.items():
        (folder / name).write_bytes(data)
    (folder / archive_name(at("2025-01-01"))).mkdir()  # a folder of that name: not a backup

    removed = rotate(folder, NOW, longest_retention_months=36)

    left = {created_at(path.name) for path in folder.iterdir() if path.is_file()} - {None}
    assert left == kept(stamps, NOW, 36) and len(left) == 20
    assert removed == sorted(archive_name(stamp) for stamp in set(stamps) - left)
    assert len(removed) == len(stamps) - 20
    assert {name: (folder / name).read_bytes() for name in others} == others
    assert (folder / archive_name(at("2025-01-01"))).is_dir()


def test_rotate_with_the_retention_period_of_the_base(tmp_path: Path):
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    for stamp in daily("2026-01-01", "2026-11-18"):
        (folder / archive_name(stamp)).write_bytes(b"PK")
    rotate(folder, NOW, longest_retention_months=6)
    names = sorted(path.name for path in folder.iterdir())
    assert names[0] == archive_name(at("2026-05-31")) and len(names) == 15


def test_a_backup_name_says_when_and_nothing_else():
    stamp = datetime(2026, 11, 18, 3, 4, 5, tzinfo=UTC)
    assert archive_name(stamp) == "comite-sauvegarde-20261118-030405Z.zip"
    assert created_at(archive_name(stamp)) == stamp
    paris = stamp.astimezone(ZoneInfo("Europe/Paris"))
    assert archive_name(paris) == archive_name(stamp), "always in UTC"
    for other in ("comite-sauvegarde-20261118-030405Z.zip.tmp", "comite.sqlite",
                  "comite-sauvegarde-20261118-030405.zip", "Comite-sauvegarde-20261118-030405Z.zip"):
        assert created_at(other) is None


def test_rotate_forgets_an_archive_a_killed_backup_left_half_written_after_an_hour(tmp_path: Path):
    left = tmp_path / ".comite-sauvegarde-20260101-080000Z.zip.k3j2h1.tmp"
    writing = tmp_path / ".comite-sauvegarde-20260101-090000Z.zip.a8b7c6.tmp"
    for partial in (left, writing):
        partial.write_bytes(b"PK\x03\x04 encrypted, unfinished")
    now = datetime.now(UTC)
    two_hours_ago = (now - timedelta(hours=2)).timestamp()
    os.utime(left, (two_hours_ago, two_hours_ago))
    rotate(tmp_path, now, longest_retention_months=36)
    assert not left.exists()
    assert writing.exists(), "another comite may be writing it now"
