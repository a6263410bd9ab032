"""`python -m benchmarks`: measure every budget, print the table, exit 1 if one fails."""

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks.common import SIZES, Figure, build_database, isolate, label, print_table

BENCHMARKS = ("startup", "search", "keystroke", "invitations", "inbox", "reply_grid", "mailbox", "minutes",
              "charters", "privacy", "backup", "caldav", "year_report")
TITLES = {
    "startup": "start-up: real `comite --db` in an 80×24 pty vs bare Textual app",
    "search": "people search: store.people.page vs bare FTS5 query",
    "keystroke": "keystroke → list: Personnes section vs bare Input + DataTable (Pilot)",
    "invitations": "invitations: .eml + .ics of a 50-invitee poll vs the same bytes written bare",
    "inbox": "inbox: reply dropped → vote in the database vs bare watchdog observer",
    "reply_grid": "reply → open grid: real app (Pilot) vs bare watchdog + settle + Static",
    "mailbox": "IMAP reply → open grid: real app (Pilot, IDLE) vs bare imapclient IDLE",
    "minutes": "minutes: PDF of 30 items vs bare ReportLab; carry-over of 200 meetings vs bare SQL",
    "charters": "charters: 200 drafted, rendered and recorded vs bare ReportLab on the same paragraphs",
    "privacy": "privacy: erasure, purge queue and recruitment board on 20k people vs bare SQL",
    "backup": "backup: encrypted archive of the 20k-people base vs the bare SQLite backup API",
    "caldav": "shared calendar: publish() of 50 meetings to CalDAV (Radicale) vs 50 bare PUTs",
    "year_report": "year report: PDF of a year of 12 meetings, 300 conclusions vs the minutes PDF",
}
# Only these read the large databases; the others build their own small ones.
NEEDS_ALL_SIZES = {"search", "keystroke"}
NEEDS_FIRST_SIZE = {"startup", "privacy", "backup"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", action="append", choices=BENCHMARKS,
                        help="run only this benchmark (repeatable)")
    parser.add_argument("--runs", type=int, default=15,
                        help="start-ups of each program (15: the machines are noisy)")
    parser.add_argument("--pilot-press", action="store_true",
                        help="keystroke: send keys with pilot.press (adds its idle waits)")
    args = parser.parse_args(argv)
    chosen = [name for name in BENCHMARKS if name in (args.only or BENCHMARKS)]
    began = time.perf_counter()
    figures: list[Figure] = []
    broken: list[str] = []
    with tempfile.TemporaryDirectory(prefix="comite-bench-") as scratch:
        folder = Path(scratch)
        env = isolate(folder / "home")
        sizes = SIZES if NEEDS_ALL_SIZES & set(chosen) else (
            SIZES[:1] if NEEDS_FIRST_SIZE & set(chosen) else ())
        databases = {}
        for people in sizes:
            start = time.perf_counter()
            databases[people] = build_database(folder, people)
            print(f"database {label(people)}: {people} people, 200 structures, built in "
                  f"{time.perf_counter() - start:.1f} s", flush=True)
        for name in chosen:
            print(TITLES[name] + "…", flush=True)
            try:
                figures += _run(name, databases, env, args, folder)
            except Exception:  # one broken benchmark must not hide the others
                traceback.print_exc()
                broken.append(name)
    print_table(figures)
    failed = [figure.name for figure in figures if figure.holds is False]
    verdict = []
    if failed:
        verdict.append(f"{len(failed)} budget(s) FAILED")
    if broken:
        verdict.append(f"could not measure: {', '.join(broken)}")
    print(f"{len(figures)} figures in {time.perf_counter() - began:.0f} s; "
          + ("; ".join(verdict) if verdict else "every budget holds") + ".")
    return 1 if failed or broken else 0


def _run(name: str, databases: dict[int, Path], env: dict[str, str],
         args: argparse.Namespace, scratch: Path) -> list[Figure]:
    if name == "startup":
        from benchmarks import startup

        return startup.run(databases[SIZES[0]], env, args.runs)
    if name == "search":
        from benchmarks import search

        return search.run(databases)
    if name == "keystroke":
        from benchmarks import keystroke

        return keystroke.run(databases, pilot_press=args.pilot_press)
    if name == "invitations":
        from benchmarks import invitations

        return invitations.run(scratch)
    if name == "inbox":
        from benchmarks import inbox

        return inbox.run(scratch)
    if name == "minutes":
        from benchmarks import minutes

        return minutes.run(scratch)
    if name == "charters":
        from benchmarks import charters

        return charters.run(scratch)
    if name == "privacy":
        from benchmarks import privacy

        return privacy.run(databases[SIZES[0]], scratch)
    if name == "backup":
        from benchmarks import backup

        return backup.run(databases[SIZES[0]], scratch)
    if name == "caldav":
        from benchmarks import caldav

        return caldav.run(scratch)
    if name == "year_report":
        from benchmarks import year_report

        return year_report.run(scratch)
    if name == "mailbox":
        from benchmarks import mailbox

        return mailbox.run(scratch)
    from benchmarks import reply_grid

    return reply_grid.run(scratch)


if __name__ == "__main__":
    sys.exit(main())
