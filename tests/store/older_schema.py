"""A database of an earlier schema holding today's example data: the earlier version's schema,
built by its own migrations, and every row of every table copied into the columns it has."""

import sqlite3
from pathlib import Path

from comite.store.migrations import migrate


def as_version(source: Path, target: Path, version: int) -> None:
    conn = sqlite3.connect(target, isolation_level=None)
    migrate(conn, target=version)
    conn.execute("ATTACH DATABASE ? AS new", (str(source),))
    conn.execute("BEGIN")
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        names = ", ".join(row[1] for row in conn.execute(f"PRAGMA main.table_info({table})"))
        conn.execute(f"DELETE FROM main.{table}")
        conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM new.{table}")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE new")
    conn.close()


# Tables added after the migration tests that count rows were written: empty on arrival, they
# are no row a migration lost or made.
_ADDED_SINCE_V13 = {"mailbox_marks", "calendar_resources", "involvement_actions",
                    "involvement_participants", "involvement_evidence", "complaints",
                    "esatis_scores", "adverse_events", "expenses", "expense_receipts"}


def row_counts(path: Path, *left_out: str) -> dict[str, int]:
    """How many rows each table holds (the full-text index's own tables, `left_out` and the
    empty tables later versions add aside): what a migration must leave as it found."""
    conn = sqlite3.connect(path)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'people_fts%'") if row[0] not in left_out]
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}
        return {table: count for table, count in counts.items()
                if count or table not in _ADDED_SINCE_V13}
    finally:
        conn.close()


def columns(path: Path, table: str) -> set[str]:
    """The names of a table's columns in the base at `path`."""
    conn = sqlite3.connect(path)
    try:
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    finally:
        conn.close()
