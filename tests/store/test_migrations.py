"""Schema migrations (PRAGMA user_version) and the pragmas every connection gets."""

import sqlite3
import threading

import pytest
import sqlite_utils

from comite.store import PersonInput, open_store
from comite.store import migrations as migrations_module
from comite.store.db import inspect_existing
from comite.store.migrations import LATEST, MIGRATIONS, migrate

TABLES = {"structures", "committees", "people", "person_roles", "people_fts", "memberships",
          "meetings", "audit_log"}


def _user_version(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_latest_is_the_number_of_migrations():
    assert LATEST == len(MIGRATIONS) >= 1


def test_new_file_is_migrated_to_latest(db_path):
    open_store(db_path).close()
    assert _user_version(db_path) == LATEST
    tables = set(sqlite_utils.Database(db_path).table_names())
    assert tables >= TABLES


def test_empty_file_is_migrated_to_latest(tmp_path):
    path = tmp_path / "vide.sqlite"
    path.touch()
    open_store(path).close()
    assert _user_version(path) == LATEST
    assert set(sqlite_utils.Database(path).table_names()) >= TABLES


def test_the_schema_as_an_independent_reader_sees_it(db_path):
    open_store(db_path).close()
    db = sqlite_utils.Database(db_path)
    people = db["people"]
    assert {"id", "uid", "first_name", "last_name", "sort_key", "email", "phone", "note"} <= set(
        people.columns_dict)
    assert {fk.other_table for fk in db["memberships"].foreign_keys} == {
        "committees", "people", "memberships"}
    assert "USING fts5" in db["people_fts"].schema
    triggers = {t.name for t in db.triggers}
    assert {"people_fts_insert", "people_fts_delete", "people_fts_update"} <= triggers


def test_opening_twice_is_idempotent(db_path):
    first = open_store(db_path)
    first.people.create(PersonInput(last_name="Martin"))
    first.close()
    schema = sqlite_utils.Database(db_path).execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()

    second = open_store(db_path)
    try:
        assert second.schema_version() == LATEST
        assert second.people.count() == 1
        assert len(second.audit.recent()) == 1
    finally:
        second.close()
    assert sqlite_utils.Database(db_path).execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema


def test_migrate_on_an_up_to_date_connection_does_nothing(store):
    conn = store.db.connection()
    assert migrate(conn) == LATEST
    assert migrate(conn, target=0) == LATEST  # never goes backwards
    assert store.schema_version() == LATEST


def test_migration_steps_from_zero(tmp_path):
    conn = sqlite3.connect(tmp_path / "pas-a-pas.sqlite", isolation_level=None)
    try:
        for version in range(1, LATEST + 1):
            assert migrate(conn, target=version) == version
            assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    finally:
        conn.close()


def test_a_failing_migration_is_rolled_back_whole(store, monkeypatch):
    broken = ("CREATE TABLE half_done (id INTEGER PRIMARY KEY)", "THIS IS NOT SQL")
    monkeypatch.setattr(migrations_module, "MIGRATIONS", (*MIGRATIONS, broken))
    conn = store.db.connection()
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, target=LATEST + 1)
    assert store.schema_version() == LATEST
    assert "half_done" not in sqlite_utils.Database(store.path).table_names()
    assert not conn.in_transaction


def test_concurrent_first_opens_migrate_once(db_path):
    """Several processes (here threads, each with its own Store) open a new file at once."""
    errors, stores = [], []
    start = threading.Barrier(4)

    def opener():
        start.wait()
        try:
            stores.append(open_store(db_path))
        except Exception as error:  # collected and reported below
            errors.append(error)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert [s.schema_version() for s in stores] == [LATEST] * 4
        stores[0].people.create(PersonInput(last_name="Martin"))
        assert stores[3].people.count() == 1
    finally:
        for opened in stores:
            opened.close()


class _ProbeLettingAMigrationLand:
    """The opening check's connection, through which another opener's first migration commits
    just after the check's `after`-th statement."""

    def __init__(self, conn: sqlite3.Connection, after: int, land) -> None:
        self._conn, self._after, self._land = conn, after, land
        self.statements = 0

    def execute(self, *args):
        cursor = self._conn.execute(*args)
        self.statements += 1
        if self.statements == self._after:
            self._land()
        return cursor

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def test_a_first_migration_landing_during_the_check_is_not_another_application(
        tmp_path, monkeypatch):
    """Another comite migrates the new file while this one checks it: wherever among the
    check's reads its first migration lands, the file is not taken for another application's.

    (Regression: user_version, application_id and the table count were three statements, so
    three snapshots; comite's tables could be counted without its application_id, and one of
    several first opens of the same file refused it.)
    """
    real_connect = sqlite3.connect
    landed = []
    for after in range(1, 10):
        path = tmp_path / f"apres-{after}.sqlite"
        other = real_connect(path, isolation_level=None)
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("PRAGMA user_version")  # its first read makes the -wal, as migrate's does
        probes = []

        def connect(*args, _other=other, _after=after, _probes=probes, **kwargs):
            probe = _ProbeLettingAMigrationLand(
                real_connect(*args, **kwargs), _after, lambda: migrate(_other, target=1))
            _probes.append(probe)
            return probe

        monkeypatch.setattr(sqlite3, "connect", connect)
        try:
            assert inspect_existing(path, LATEST) in (0, 1)
        finally:
            monkeypatch.setattr(sqlite3, "connect", real_connect)
            other.close()
        if sum(probe.statements for probe in probes) < after:
            break  # the check made fewer statements: every place has been tried
        landed.append(after)
    assert landed, "the migration never landed during the check"


def test_an_opener_waits_while_another_switches_the_new_file_to_wal(db_path):
    """Another opener holds the write lock of the new file (switching it to WAL): this one waits.

    (Regression: SQLite never waits for the write lock a reading statement asks for, so the
    switch, which reads the header then writes it, failed at once with 'database is locked'.)
    """
    db_path.touch()
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.2, other.execute, ("COMMIT",))
    release.start()
    try:
        opened = open_store(db_path)
        try:
            assert opened.schema_version() == LATEST
        finally:
            opened.close()
    finally:
        release.join()
        other.close()


# --- connections ----------------------------------------------------------------------------


def test_connection_pragmas(store, db_path):
    conn = store.db.connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    # WAL is a property of the file: an independent connection sees it too
    other = sqlite3.connect(db_path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()


def test_each_thread_has_its_own_connection_with_the_same_pragmas(store):
    main = store.db.connection()
    assert store.db.connection() is main
    seen = {}

    def worker():
        conn = store.db.connection()
        seen["conn"] = conn
        seen["foreign_keys"] = conn.execute("PRAGMA foreign_keys").fetchone()[0]
        seen["count"] = store.people.count()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen["conn"] is not main
    assert seen["foreign_keys"] == 1
    assert seen["count"] == 0


def test_write_rolls_back_on_error(store):
    with pytest.raises(RuntimeError), store.db.write() as conn:
        conn.execute("INSERT INTO audit_log (at, actor, action, entity) VALUES ('t','a','b','c')")
        raise RuntimeError("interrompu")
    assert store.db.connection().execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
    assert not store.db.connection().in_transaction
    with store.db.write() as conn:  # the connection is still usable
        conn.execute("INSERT INTO audit_log (at, actor, action, entity) VALUES ('t','a','b','c')")
    assert store.db.connection().execute("SELECT count(*) FROM audit_log").fetchone()[0] == 1


def test_write_takes_the_write_lock_at_once(store, db_path):
    """BEGIN IMMEDIATE: while a write is open, another connection cannot start writing."""
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with store.db.write(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError), store.db.write() as conn:
        conn.execute("INSERT INTO person_roles (person_id, role) VALUES (4242, 'coordinator')")


def test_close_closes_every_threads_connection(store):
    conns = [store.db.connection()]

    def worker():
        conns.append(store.db.connection())

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    store.close()
    for conn in conns:
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")
    assert store.people.count() == 0  # a new connection is opened on demand
