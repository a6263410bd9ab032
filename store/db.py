"""The SQLite file: opening checks, one connection per thread, write transactions.

Plain `sqlite3` here because start-up is a feature: `sqlite_utils` costs 0.15 s to import,
so it is used only where its helpers pay (bulk loading, introspection).
"""

import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from comite.kernel.i18n import _
from comite.store.errors import DatabaseRefused
from comite.store.location import check_database_location
from comite.store.validation import fold

SQLITE_HEADER = b"SQLite format 3\x00"
# Written in every comite database ("comi"), so another program's SQLite file is never migrated.
APPLICATION_ID = 0x636F6D69
BUSY_TIMEOUT_MS = 10_000
# How long an opener sleeps between two tries at switching a new file to WAL.
WAL_SWITCH_RETRY_S = 0.01
# One statement, so one snapshot. As three statements they were three, and another comite's
# first migration committing between them (both creating the same file) showed comite's
# tables without comite's application_id: the file was refused as another application's.
_IDENTITY = ("SELECT user_version, application_id, (SELECT count(*) FROM sqlite_master)"
             " FROM pragma_user_version, pragma_application_id")


def _refuse(path: Path, why: str) -> DatabaseRefused:
    return DatabaseRefused(_("Impossible d’utiliser {path} : {why}.").format(path=path, why=why))


def inspect_existing(path: Path, known_version: int, *, check_location: bool = True) -> int:
    """The schema version of the file at `path` (0 for a new or empty file).

    Raises DatabaseRefused, touching nothing, when the file must not be opened for writing.
    """
    if check_location and (unsafe := check_database_location(path)):
        raise _refuse(
            path,
            unsafe.reason
            + _(". Placez la base sur le disque local (par défaut dans le dossier de données "
                "de l’utilisateur) ; seuls les fichiers exportés et la boîte de réception "
                "peuvent être dans un dossier synchronisé"),
        )
    if not path.exists():
        return 0
    if not path.is_file():
        raise _refuse(path, _("ce n’est pas un fichier"))
    mode = path.stat().st_mode
    if not mode & stat.S_IWUSR:
        raise _refuse(path, _("le fichier est en lecture seule ; rendez-le modifiable ou "
                               "choisissez un autre fichier avec --db"))
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        return 0
    if header != SQLITE_HEADER:
        raise _refuse(path, _("ce fichier n’est pas une base de données comite (SQLite)"))
    try:
        version, application, objects = _read_identity(path)
    except sqlite3.DatabaseError:
        raise _refuse(path, _("le fichier SQLite est illisible ou abîmé")) from None
    if objects and application != APPLICATION_ID:
        raise _refuse(path, _("cette base SQLite appartient à une autre application"))
    if version > known_version:
        raise _refuse(
            path,
            _("la base a été créée par une version plus récente de comite (schéma {found}, "
              "cette version connaît le schéma {known}) ; mettez comite à jour").format(
                found=version, known=known_version
            ),
        )
    return version


def _read_identity(path: Path) -> tuple[int, int, int]:
    """user_version, application_id and the number of schema objects, as of one moment."""
    # immutable=1 reads the file without creating -wal/-shm beside it; when a -wal is already
    # there (not cleanly closed, or open elsewhere) its content counts, so read through it.
    wal = path.with_name(path.name + "-wal").exists()
    probe = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro{'' if wal else '&immutable=1'}", uri=True)
    try:
        return probe.execute(_IDENTITY).fetchone()
    finally:
        probe.close()


def is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds the lock (SQLITE_BUSY, SQLITE_LOCKED): the one database error
    that another try may cure. A full disk, a read-only file or an I/O error stays as it is."""
    code = getattr(error, "sqlite_errorcode", None) or 0
    return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def switch_to_wal(conn: sqlite3.Connection) -> None:
    """Put the file in WAL mode (a property of the file, kept once set).

    Several openers of a new file all switch it. The switch reads the header, then writes it,
    and SQLite never waits for the write lock a reader asks for (two such readers would wait
    for each other): the loser gets 'database is locked' at once, whatever the busy timeout.
    So the timeout is applied here: try again until the other opener's switch is done.
    """
    if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() > deadline:
                raise
        time.sleep(WAL_SWITCH_RETRY_S)


class Database:
    """Hands each thread its own connection, as SQLite wants, and closes them all at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: dict[int, tuple[threading.Thread, sqlite3.Connection]] = {}

    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._forget_finished_threads()
                self._open[threading.get_ident()] = (threading.current_thread(), conn)
        return conn

    def _connect(self) -> sqlite3.Connection:
        # check_same_thread is off only so close() may close a finished thread's connection;
        # each connection is still used by a single thread.
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.create_function("fold", 1, fold, deterministic=True)
        return conn

    def _forget_finished_threads(self) -> None:
        for ident, (thread, conn) in list(self._open.items()):
            if not thread.is_alive():
                conn.close()
                del self._open[ident]

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; BEGIN IMMEDIATE takes the write lock before the first read.

        Inside an open write, it joins it: several use cases then land together or not at all.
        """
        conn = self.connection()
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may already have rolled back by itself
                conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            for _thread, conn in self._open.values():
                conn.close()
            self._open.clear()
        self._local = threading.local()
