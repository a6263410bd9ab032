"""Faults of the machine, met by the real command (issue 18): a full disk (RLIMIT_FSIZE in a
subprocess, without root: SQLite then gets EFBIG) and a kill in the middle of `demo`. Each ends
with one French sentence, no traceback, the database intact and never half an example."""

import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.run import ROOT, in_process


def limited(*args: str, file_size: int | None = None, stdout=subprocess.PIPE,
            timeout: float = 60) -> subprocess.CompletedProcess:
    """`comite ARGS` whose files cannot grow past `file_size` bytes: a full disk, for it."""

    def limit() -> None:
        # Ignored, SIGXFSZ no longer kills the process: the write fails with EFBIG instead.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return subprocess.run([sys.executable, "-m", "comite.cli", *args], stdout=stdout,
                          stderr=subprocess.PIPE, text=True, timeout=timeout, cwd=ROOT,
                          preexec_fn=limit)


def said_in_french(stderr: str) -> str:
    """The one sentence on stderr, checked for what must never be there."""
    assert "Traceback" not in stderr, stderr
    assert "Error" not in stderr and "errno" not in stderr.lower(), stderr
    assert stderr.startswith("comite : ") and stderr.endswith(".\n"), stderr
    assert stderr.count("\n") == 1, stderr
    return stderr


def intact(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def rows(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # no such table: the schema was never made
        return 0
    finally:
        conn.close()


def files_in(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


# ---- a full disk -----------------------------------------------------------------------------


@pytest.mark.parametrize("file_size", [150_000, 600_000])
def test_demo_on_a_full_disk_says_so_leaves_an_empty_base_and_runs_again(tmp_path, file_size):
    """150 kB: the schema itself cannot be written; 600 kB: the people fit, the charters not —
    before issue 18 that committed the people, and `demo` then refused the half-filled base."""
    db = tmp_path / "exemple.sqlite"
    result = limited("demo", "--db", str(db), file_size=file_size)
    assert result.returncode == 1
    stderr = said_in_french(result.stderr)
    assert stderr.startswith(f"comite : la base {db} n’a pas pu être utilisée : le disque ")
    assert "Rien n’a été enregistré dans la base." in stderr
    intact(db)
    assert (rows(db, "people"), rows(db, "charters")) == (0, 0)
    assert set(files_in(tmp_path)) <= {"exemple.sqlite", "exemple.sqlite-wal",
                                       "exemple.sqlite-shm"}
    again = limited("demo", "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert (rows(db, "people"), rows(db, "charters") > 0) == (40, True)


# ---- a kill in the middle of demo --------------------------------------------------------------


def schema_made(db: Path) -> bool:
    try:
        conn = sqlite3.connect(db, timeout=0)
    except sqlite3.Error:
        return False
    try:
        return bool(conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'people'")
                    .fetchone()[0])
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def test_demo_killed_at_random_moments_leaves_an_empty_or_a_whole_example(tmp_path, capsys):
    """People and charters are one transaction: wherever the kill lands, the base is empty
    (`demo` fills it) or complete (`demo` says it has data already) — never half. Each kill
    comes a random time after the schema is made, while the example is being filled (about
    0.3 s here) or just after; the first one early in that window."""
    luck = random.Random(18)
    delays = [luck.uniform(0, 0.03)] + [luck.uniform(0, 0.45) for _ in range(3)]
    outcomes = []
    for run, delay in enumerate(delays):
        db = tmp_path / f"exemple-{run}.sqlite"
        process = subprocess.Popen([sys.executable, "-m", "comite.cli", "demo", "--db", str(db)],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while not schema_made(db) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        intact(db)
        people, charters = rows(db, "people"), rows(db, "charters")
        assert (people, charters > 0) in ((0, False), (40, True)), (delay, people, charters)
        code, out, err = in_process(capsys, "demo", "--db", str(db))
        if people:
            assert code == 2 and "contient déjà des données" in err
        else:
            assert code == 0 and "40 personnes" in out, err
        assert (rows(db, "people"), rows(db, "charters") > 0) == (40, True)
        intact(db)
        outcomes.append(people)
    assert 0 in outcomes, "the early kill landed before the commit"
