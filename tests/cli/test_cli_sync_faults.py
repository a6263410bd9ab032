"""`comite sync --once` as a script meets the machine's faults: a full disk, an inbox that
cannot be written, another reader of the same inbox. Real subprocesses; each ends in bounded
time with a French message and no traceback, the database sound, nothing applied twice."""

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from comite.store import open_store
from comite.usecases import paths
from tests.cli.run import ROOT, in_subprocess
from tests.sync.conftest import make_poll, reply_files

COUNT = 200


def comite(*args: str) -> list[str]:
    return [sys.executable, "-m", "comite.cli", *args]


@pytest.fixture
def replies(tmp_path) -> tuple[Path, Path, list[str]]:
    """A database with a meeting in poll, and an inbox of 200 replies to it."""
    db = tmp_path / "comite.sqlite"
    store = open_store(db)
    try:
        poll = make_poll(store)
        inbox = tmp_path / "boite"
        inbox.mkdir()
        names = reply_files(poll, inbox, COUNT)
    finally:
        store.close()
    return db, inbox, names


def counts(db: Path) -> dict[str, object]:
    store = open_store(db)
    try:
        conn = store.db.connection()
        return {
            "replies": conn.execute("SELECT count(*) FROM replies").fetchone()[0],
            "audit": conn.execute("SELECT count(*) FROM audit_log WHERE action = 'reply'").fetchone()[0],
            "files": conn.execute("SELECT count(*) FROM inbox_files").fetchone()[0],
            "integrity": store.integrity(),
        }
    finally:
        store.close()


def told(stdout: str) -> list[str]:
    """The files a run says it applied (« reponse-001.ics : traité — … »)."""
    return [line.split(" : traité — ")[0] for line in stdout.splitlines() if " : traité — " in line]


def test_a_full_disk_ends_the_sync_in_french_and_the_rest_is_applied_once_freed(replies):
    """The disk made full without root: RLIMIT_FSIZE in the child, which then gets EFBIG (SIGXFSZ
    ignored, as Python does anyway) and SQLite an I/O error. Before, every such error counted as
    « waiting »: the scan looped for ever and logged 4 MB in 25 s."""
    db, inbox, names = replies
    limit = db.stat().st_size  # the write-ahead log may grow as big as the database: a few replies

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    began = time.monotonic()
    result = subprocess.run(comite("sync", "--once", "--inbox", str(inbox), "--db", str(db)),
                            capture_output=True, text=True, timeout=60, cwd=ROOT,
                            preexec_fn=full_disk)
    assert time.monotonic() - began < 20
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("comite : La base de données n’a pas pu enregistrer « reponse-")
    assert result.stderr.endswith(" : le disque n’a pas pu écrire (il est plein, ou défaillant). Rien de ce "
                                  "fichier n’a été appliqué ; les fichiers restants attendent dans "
                                  "la boîte de réception.\n")
    applied = told(result.stdout)
    assert 0 < len(applied) < COUNT
    log = paths.log_dir() / "comite.log"
    assert log.stat().st_size < 10_000, "a few lines, not a flood"
    after_fault = counts(db)
    assert after_fault == {"replies": len(applied), "audit": len(applied), "files": len(applied),
                           "integrity": []}

    freed = in_subprocess("sync", "--once", "--inbox", str(inbox), "--db", str(db))
    assert freed.returncode == 0, freed.stderr
    assert sorted(applied + told(freed.stdout)) == names, "each file told once, over the two runs"
    assert counts(db) == {"replies": COUNT, "audit": COUNT, "files": COUNT, "integrity": []}
    assert sorted(os.listdir(inbox / "processed")) == names


def test_an_inbox_that_cannot_be_written_ends_the_sync_in_french_before_anything_is_applied(
        replies, tmp_path):
    """Two ways that hold as root too: an inbox path under a file (no folder can be made there),
    and processed/ taken by a file (no reply could be moved out of the inbox once applied)."""
    db, inbox, _names = replies
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    under_a_file = in_subprocess("sync", "--once", "--inbox", str(blocker / "boite"), "--db", str(db))
    assert (under_a_file.returncode, under_a_file.stdout) == (1, "")
    assert under_a_file.stderr == (f"comite : impossible d’écrire dans {blocker / 'boite'} : un "
                                   "élément du chemin n’est pas un dossier. Rien n’a été enregistré "
                                   "dans la base.\n")

    (inbox / "processed").write_text("pas un dossier", encoding="utf-8")
    taken = in_subprocess("sync", "--once", "--inbox", str(inbox), "--db", str(db))
    assert (taken.returncode, taken.stdout) == (1, "")
    assert taken.stderr == (f"comite : « reponse-000.ics » n’a pas pu être rangé dans "
                            f"{inbox / 'processed'} : un élément du chemin n’est pas un dossier. "
                            "Rien de ce fichier n’a été appliqué. Les fichiers restants attendent "
                            "dans la boîte de réception.\n")
    assert counts(db) == {"replies": 0, "audit": 0, "files": 0, "integrity": []}


@pytest.mark.skipif(os.geteuid() == 0, reason="as root (here os.geteuid() == 0), chmod does not "
                    "make a folder read-only; the test above makes the same point as root")
def test_a_read_only_inbox_ends_the_sync_in_french_before_anything_is_applied(replies):
    db, inbox, _names = replies
    inbox.chmod(0o555)
    try:
        result = in_subprocess("sync", "--once", "--inbox", str(inbox), "--db", str(db))
    finally:
        inbox.chmod(0o755)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("comite : « reponse-000.ics » n’a pas pu être rangé dans ")
    assert "l’accès est refusé" in result.stderr and "Traceback" not in result.stderr
    assert counts(db)["replies"] == 0


def test_two_syncs_at_once_apply_each_of_200_replies_once(replies):
    """Before, 1 to 12 of 200 replies were recorded twice, with two audit lines, and both runs
    said « traité »."""
    db, inbox, names = replies
    runs = [subprocess.Popen(comite("sync", "--once", "--inbox", str(inbox), "--db", str(db)),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
            for _run in range(2)]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _out, err in outputs]
    assert [err for _out, err in outputs] == ["", ""]
    shares = [told(out) for out, _err in outputs]
    assert sorted(shares[0] + shares[1]) == names, [len(share) for share in shares]
    assert counts(db) == {"replies": COUNT, "audit": COUNT, "files": COUNT, "integrity": []}
    assert sorted(os.listdir(inbox / "processed")) == names


def test_a_watching_sync_says_a_fault_once_and_ends_cleanly_on_sigterm(replies):
    db, inbox, _names = replies
    (inbox / "processed").write_text("pas un dossier", encoding="utf-8")
    watching = subprocess.Popen(comite("sync", "--watch", "--inbox", str(inbox), "--db", str(db)),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    log = paths.log_dir() / "comite.log"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (log.exists() and "inbox: fault" in log.read_text()):
            time.sleep(0.05)  # its first scans: a look, then the fault
        for number in range(3):  # changes while it waits: no new try, no new message
            (inbox / f"note-{number}.tmp").write_text("en cours", encoding="utf-8")
            time.sleep(0.1)
    finally:
        watching.send_signal(signal.SIGTERM)
        out, err = watching.communicate(timeout=30)
    assert watching.returncode == 0, err
    assert out.startswith("Surveillance de ")
    assert err == (f"comite : « reponse-000.ics » n’a pas pu être rangé dans {inbox / 'processed'} : "
                   "un élément du chemin n’est pas un dossier. Rien de ce fichier n’a été appliqué. "
                   "Les fichiers restants attendent dans la boîte de réception. Nouvel essai dans un "
                   "moment, puis de plus en plus espacé.\n")
    assert counts(db)["replies"] == 0
