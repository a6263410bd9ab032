"""People search: `store.people.page(query, limit=50)` against the bare FTS5 query.

The floor is `SELECT rowid FROM people_fts WHERE people_fts MATCH ? LIMIT 50` with the very
match string the store builds, on the same connection; each query runs floor then subject,
round after round, so both see the same noise.
"""

import sqlite3
from functools import partial
from pathlib import Path

from benchmarks.common import Figure, label, median, percentile, timed

BUDGET_P95_MS = 20.0
ROUNDS = 15
PAGE = 50

# Prefixes of 2, 3 and 4 letters of the names in store/demo.py, accented or not, and two words.
QUERIES = (
    "ma", "mar", "mart", "du", "dup", "dub", "hél", "hel", "ber", "bern", "nguy", "le", "leg",
    "lef", "ca", "cam", "jul", "fon", "gu", "da si", "martin ca", "le ga",
)

FLOOR_SQL = "SELECT rowid FROM people_fts WHERE people_fts MATCH ? LIMIT 50"


def run(databases: dict[int, Path]) -> list[Figure]:
    from comite.store import open_store
    from comite.store.people import fts_query

    figures = []
    for people, path in databases.items():
        store = open_store(path)
        try:
            conn = store.db.connection()
            matches = {query: fts_query(query) for query in QUERIES}
            for query in QUERIES:  # warm the page cache and the statement cache
                conn.execute(FLOOR_SQL, (matches[query],)).fetchall()
                store.people.page(query, limit=PAGE)
            floors: list[float] = []
            subjects: dict[str, list[float]] = {query: [] for query in QUERIES}
            for _round in range(ROUNDS):
                for query in QUERIES:
                    floors.append(timed(partial(_floor, conn, matches[query])))
                    subjects[query].append(timed(partial(store.people.page, query, limit=PAGE)))
        finally:
            store.close()
        every = [value for values in subjects.values() for value in values]
        p95 = percentile(every, 95)
        slowest = sorted(QUERIES, key=lambda q: median(subjects[q]), reverse=True)[:4]
        print(f"  search {label(people)}: slowest queries (median ms): " + ", ".join(
            f"{q!r} {median(subjects[q]) * 1000:.1f}" for q in slowest))
        name = f"people search {label(people)}, {len(QUERIES)} queries × {ROUNDS}"
        figures += [
            Figure(f"{name}, p50", median(floors), median(every), "ms"),
            Figure(f"{name}, p95", percentile(floors, 95), p95, "ms",
                   f"p95 ≤ {BUDGET_P95_MS:g} ms", p95 * 1000 <= BUDGET_P95_MS),
        ]
    return figures


def _floor(conn: sqlite3.Connection, match: str) -> list:
    return conn.execute(FLOOR_SQL, (match,)).fetchall()
