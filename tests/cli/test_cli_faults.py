"""Faults of the machine, met by the real command (issue 18): a full disk (RLIMIT_FSIZE in a
subprocess, without root: SQLite and the files then get EFBIG), `/dev/full`, read-only files and
paths under a regular file, a database busy beyond its timeout, a kill in the middle of `demo`.
Each ends with exit code 1 (2 for a file refused before anything is touched), one French
sentence, no traceback, the database intact and no file the database does not know about."""

import errno
import os
import random
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from comite.store import db as store_db
from comite.store import open_store
from tests.cli.run import ROOT, in_process, in_subprocess

MEETING = "Prochain comité des usagers"


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


@pytest.fixture
def organizer():
    from comite.usecases.settings import Settings, save

    save(Settings(coordinator_name="Claire Martin", coordinator_email="coordination@example.org"))


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


def test_importing_candidates_on_a_full_disk_imports_nothing(db):
    """The issue's `recruit import` traceback: the import is one transaction, said in French."""
    candidates = ROOT / "tests" / "data" / "candidats" / "virgules.csv"
    before = rows(db, "people")
    result = limited("recruit", "import", str(candidates), "--db", str(db), file_size=40_000)
    assert result.returncode == 1
    assert said_in_french(result.stderr).startswith(f"comite : la base {db} n’a pas pu être "
                                                    "utilisée : le disque ")
    intact(db)
    assert rows(db, "people") == before


@pytest.fixture
def database_elsewhere(db):
    """The database on a disk with room, the outbox on the full one (the issue's `--out <full
    disk>`): with the size limit on every file of the process, SQLite could not even open the
    database (its -shm file is 32 kB). A reader holding it open keeps -wal and -shm there, made
    by this process, so the limited one need not grow them."""
    keeper = sqlite3.connect(db)
    keeper.execute("SELECT count(*) FROM people").fetchone()
    yield db
    keeper.close()


# The second case needs every file under 12 000 bytes (the poll's e-mail, three .ics inside,
# is about 11 900) while the database's record takes more (its WAL, about 12 400): an e-mail
# grown by a few hundred bytes closes that window (a poll's holds carry no agenda for this).
@pytest.mark.parametrize(("file_size", "failing"), [
    (5_000, "the first .eml"),  # the small .ics files fit, the first .eml does not
    (12_000, "the record"),  # every file fits; the database's record of them does not
])
def test_exporting_invitations_to_a_full_disk_removes_what_it_wrote(tmp_path, database_elsewhere,
                                                                    organizer, file_size, failing):
    """The issue's « 25 of 44 files the database does not know about »: none are left."""
    db, out = database_elsewhere, tmp_path / "envoi"
    result = limited("export", "invitations", MEETING, "--out", str(out), "--db", str(db),
                     file_size=file_size)
    assert result.returncode == 1
    stderr = said_in_french(result.stderr)
    if failing == "the record":
        assert stderr.startswith(f"comite : La base {db} n’a pas pu être utilisée : le disque ")
    else:
        assert stderr.startswith(f"comite : Impossible d’écrire dans {out} : le disque est "
                                 "plein")
    assert stderr.endswith(" Les invitations déjà écrites ont été retirées ; rien n’a été "
                           "enregistré dans la base.\n")
    assert not out.exists(), files_in(out)
    intact(db)
    assert rows(db, "invitations") == 0


def test_a_second_export_that_fails_leaves_the_first_one_as_it_was(tmp_path, database_elsewhere,
                                                                   organizer):
    db, out = database_elsewhere, tmp_path / "envoi"
    assert limited("export", "invitations", MEETING, "--out", str(out), "--db",
                   str(db)).returncode == 0
    listing = files_in(out)
    before = {name: (out / name).read_bytes() for name in listing if (out / name).is_file()}
    recorded = rows(db, "invitations")
    result = limited("export", "invitations", MEETING, "--out", str(out), "--db", str(db),
                     file_size=5_000)
    assert result.returncode == 1
    said_in_french(result.stderr)
    assert files_in(out) == listing
    assert {name: (out / name).read_bytes() for name in before} == before
    assert rows(db, "invitations") == recorded
    intact(db)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("what", ["convocations", "minutes"])
def test_a_document_written_to_dev_full_says_the_disk_is_full(capsys, db, organizer, what):
    """A path that is not a file is written as a stream, never replaced by one (as root,
    replacing /dev/full would break the machine)."""
    meeting = MEETING if what == "convocations" else "Comité des usagers — printemps"
    code, out, err = in_process(capsys, "export", what, meeting, "--out", "/dev/full",
                                "--db", str(db))
    assert (code, out) == (1, "")
    assert said_in_french(err) == ("comite : impossible d’écrire dans /dev/full : le disque est "
                                   "plein. Rien n’a été enregistré dans la base.\n")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_charter_that_cannot_be_written_is_not_recorded(capsys, db):
    """Recorded and written together (usecases.charters.make_pdf): no charter the database
    knows without its file."""
    from comite.sync.charter_catalog import sync_catalog

    store = open_store(db)
    try:
        sync_catalog(store, Path("/nonexistent"))
        engagement = store.charters.engagements()[0]
        template = store.charters.suggested(engagement.person_id, engagement.committee_id)
    finally:
        store.close()
    code, _out, err = in_process(capsys, "charter", "render", str(engagement.person_id),
                                 "--committee", str(engagement.committee_id), "--template",
                                 template.template_id, "--set", "team_signatory=Claire Martin",
                                 "--out", "/dev/full", "--db", str(db))
    assert code == 1
    assert "le disque est plein" in said_in_french(err)
    assert rows(db, "charters") == 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_output_to_a_full_disk_is_said_in_french(db):
    with open("/dev/full", "w") as full:
        result = limited("ls", "people", "--db", str(db), stdout=full)
    assert result.returncode == 1
    assert "le disque est plein" in said_in_french(result.stderr)


# ---- read-only, refused, not a folder ----------------------------------------------------------


def test_a_path_under_a_regular_file_is_said_in_french(tmp_path, db, organizer):
    """ENOTDIR: what a read-only or missing folder looks like, even to root."""
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier")
    result = in_subprocess("export", "invitations", MEETING, "--out", str(blocker / "envoi"),
                           "--db", str(db))
    assert result.returncode == 1
    stderr = said_in_french(result.stderr)
    assert f"dans {blocker}" in stderr and "n’est pas un dossier" in stderr
    assert files_in(tmp_path) == ["comite.sqlite", "un-fichier"]
    created = in_subprocess("demo", "--db", str(blocker / "base.sqlite"))
    assert created.returncode == 2
    assert said_in_french(created.stderr) == (
        f"comite : Impossible de créer le dossier {blocker} : un fichier du même nom est déjà "
        "là.\n")


def test_a_name_too_long_is_said_in_french(tmp_path, db, organizer):
    out = tmp_path / ("n" * 300)
    result = in_subprocess("export", "invitations", MEETING, "--out", str(out), "--db", str(db))
    assert result.returncode == 1
    assert "le nom est trop long" in said_in_french(result.stderr)
    assert files_in(tmp_path) == ["comite.sqlite"]


@pytest.mark.skipif(os.geteuid() == 0, reason="file modes do not stop root")
@pytest.mark.parametrize("command", [("check",), ("demo",), ("ls", "people")])
def test_a_database_in_a_read_only_folder_is_said_in_french(tmp_path, command):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    db = folder / "comite.sqlite"
    assert in_subprocess("demo", "--db", str(db)).returncode == 0
    folder.chmod(0o555)
    try:
        result = in_subprocess(*command, "--db", str(db))
    finally:
        folder.chmod(0o755)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr
    assert "l’accès est refusé" in result.stderr or "lecture seule" in result.stderr
    intact(db)


@pytest.mark.skipif(os.geteuid() == 0, reason="file modes do not stop root")
def test_exporting_into_a_read_only_folder_is_said_in_french(tmp_path, db, organizer):
    out = tmp_path / "envoi"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = in_subprocess("export", "invitations", MEETING, "--out", str(out), "--db",
                               str(db))
    finally:
        out.chmod(0o755)
    assert result.returncode == 1
    assert "l’accès est refusé" in said_in_french(result.stderr)
    assert files_in(out) == []


# ---- a database busy beyond its timeout ------------------------------------------------------


@pytest.fixture
def busy(monkeypatch):
    """Another program holds the database's write lock longer than comite waits for it."""
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 150)
    holders = []

    def hold(db: Path) -> None:
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        holders.append(holder)

    yield hold
    for holder in holders:
        holder.rollback()
        holder.close()


def test_a_busy_database_leaves_no_invitation_written(capsys, tmp_path, db, organizer, busy):
    """The files are written, then the record waits for the lock and gives up: the files go."""
    out = tmp_path / "envoi"
    busy(db)
    code, stdout, err = in_process(capsys, "export", "invitations", MEETING, "--out", str(out),
                                   "--db", str(db))
    assert (code, stdout) == (1, "")
    said = said_in_french(err)
    assert said.startswith(f"comite : La base {db} n’a pas pu être utilisée : elle est occupée "
                           "par un autre programme")
    assert "Les invitations déjà écrites ont été retirées" in said
    assert not out.exists()


def test_a_busy_database_stops_demo_in_french(capsys, tmp_path, busy):
    db = tmp_path / "vide.sqlite"
    open_store(db).close()
    busy(db)
    code, _out, err = in_process(capsys, "demo", "--db", str(db))
    assert code == 1
    assert "elle est occupée par un autre programme" in said_in_french(err)
    assert rows(db, "people") == 0


# ---- anything else ---------------------------------------------------------------------------


def test_an_unexpected_error_is_said_in_french_and_logged_without_its_message(capsys, db,
                                                                              monkeypatch):
    from comite.cli import main as cli_main
    from comite.usecases import paths

    def boom(store, args):
        raise RuntimeError("Marie Curie, 06 12 34 56 78")

    monkeypatch.setitem(cli_main._COMMANDS, "ls", boom)
    code, out, err = in_process(capsys, "ls", "people", "--db", str(db))
    assert (code, out) == (1, "")
    assert said_in_french(err).startswith("comite : une erreur inattendue a interrompu la "
                                          "commande.")
    assert "Marie" not in err
    log = (paths.log_dir() / "comite.log").read_text(encoding="utf-8")
    assert "unexpected RuntimeError" in log and "Marie" not in log


def test_environmental_errors_from_anywhere_say_their_french_reason(capsys, db, monkeypatch):
    from comite.cli import main as cli_main

    faults = {
        OSError(errno.EROFS, "Read-only file system", "/media/cle"):
            "impossible d’écrire dans /media/cle : le disque est en lecture seule",
        PermissionError(errno.EPERM, "Operation not permitted", "/srv/partage"):
            "impossible d’écrire dans /srv/partage : l’opération n’est pas permise",
        OSError(errno.EFBIG, "File too large"): "impossible d’écrire : le disque est plein",
    }
    for error, words in faults.items():
        def fail(store, args, error=error):
            raise error

        monkeypatch.setitem(cli_main._COMMANDS, "ls", fail)
        code, _out, err = in_process(capsys, "ls", "people", "--db", str(db))
        assert code == 1
        assert words in said_in_french(err)


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
