"""The faults of the machine said in French, once, for the command line and the app alike
(comite.store.errors.fault_message): real SQLite errors, not made-up ones."""

import errno
import sqlite3

import pytest

from comite.store.errors import database_reason, fault_message


def real_error(db, setup: str, statement: str) -> sqlite3.Error:
    conn = sqlite3.connect(db, isolation_level=None, timeout=0)
    conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
    conn.execute(setup)
    try:
        conn.execute(statement)
    except sqlite3.Error as error:
        return error
    finally:
        conn.close()
    raise AssertionError("no error")


def test_a_full_database_says_the_disk_is_full(tmp_path):
    db = tmp_path / "base.sqlite"
    error = real_error(db, "PRAGMA max_page_count = 2",
                       "INSERT INTO t SELECT zeroblob(100000)")
    assert fault_message(error, database=db) == (
        f"La base {db} n’a pas pu être utilisée : le disque est plein.")


def test_a_busy_database_says_another_program_holds_it(tmp_path):
    db = tmp_path / "base.sqlite"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    try:
        error = real_error(db, "SELECT 1", "BEGIN IMMEDIATE")
    finally:
        holder.close()
    assert "occupée par un autre programme" in fault_message(error, database=db)


def test_a_read_only_database_says_so(tmp_path):
    db = tmp_path / "base.sqlite"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as refused:
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    assert "lecture seule" in database_reason(refused.value, db)


def test_a_database_in_a_folder_that_is_not_one(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    with pytest.raises(sqlite3.OperationalError) as refused:
        sqlite3.connect(blocker / "base.sqlite").execute("CREATE TABLE t (x)")
    assert fault_message(refused.value, database=blocker / "base.sqlite") == (
        f"La base {blocker / 'base.sqlite'} n’a pas pu être utilisée : un élément du chemin "
        "n’est pas un dossier.")


@pytest.mark.parametrize(("error", "said"), [
    (OSError(errno.ENOSPC, "No space left on device", "/media/cle"),
     "Impossible d’écrire dans /media/cle : le disque est plein."),
    (OSError(errno.EFBIG, "File too large"),
     "Impossible d’écrire : le disque est plein (taille de fichier maximale atteinte)."),
    (OSError(errno.EROFS, "Read-only file system", "/media/cle"),
     "Impossible d’écrire dans /media/cle : le disque est en lecture seule."),
    (OSError(errno.ENAMETOOLONG, "File name too long", "/tmp/x"),
     "Impossible d’écrire dans /tmp/x : le nom est trop long."),
])
def test_system_errors_are_said_in_french(error, said):
    assert fault_message(error) == said


def test_what_is_no_fault_of_the_machine_is_not_said_here():
    assert fault_message(ValueError("x")) is None
    assert fault_message(RecursionError()) is None
