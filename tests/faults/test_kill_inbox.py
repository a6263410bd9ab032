"""`comite sync --once` killed at random (SIGKILL, as a power cut) while it applies an inbox of
calendar replies: the next scan finishes the work, and no reply is ever applied twice.

The window is one whole scan of the same inbox, timed in this run; the kills are spread over it,
seeded (COMITE_KILL_SEED=<the printed seed> replays the same points). After each kill, another
`comite sync --once` runs to its end; then the database is sound, every reply is recorded once
with one audit line, every file is filed once, and no output shows a traceback.
"""

import os
import shutil
import time
from pathlib import Path

from comite.store import open_store
from comite.store.inbox import PROCESSED
from comite.sync.inbox import FILING_GRACE_SECONDS
from tests.faults.kill import kill_after, run, seeded, spread, tracebacks
from tests.sync.conftest import make_poll, reply_files

REPLIES = 120
RUNS = 6
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


def _counts(db: Path) -> tuple[int, int, int, list]:
    store = open_store(db)
    try:
        conn = store.db.connection()
        return (conn.execute("SELECT count(*) FROM replies").fetchone()[0],
                conn.execute("SELECT count(*) FROM audit_log WHERE action = 'reply'").fetchone()[0],
                conn.execute("SELECT count(*) FROM inbox_files WHERE outcome = ?",
                             (PROCESSED,)).fetchone()[0],
                store.integrity())
    finally:
        store.close()


def test_a_scan_killed_anywhere_is_finished_by_the_next_and_nothing_is_applied_twice(tmp_path):
    env = {name: str(tmp_path / name.lower()) for name in XDG}
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    store = open_store(pristine / "comite.sqlite")
    try:
        (pristine / "boite").mkdir()
        names = reply_files(make_poll(store), pristine / "boite", REPLIES)
    finally:
        store.close()
    rested = time.time() - 3600  # the files rested long ago: a scan takes them at once
    for name in names:
        os.utime(pristine / "boite" / name, (rested, rested))

    def fresh() -> tuple[Path, Path]:
        work = tmp_path / "work"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(pristine, work)
        return work / "comite.sqlite", work / "boite"

    db, inbox = fresh()
    whole = run("sync", "--inbox", str(inbox), "--once", "--db", str(db), env=env)
    assert whole.returncode == 0, whole.stderr
    assert _counts(db) == (REPLIES, REPLIES, REPLIES, [])

    rng, seed = seeded()
    killed, waited = 0, False
    for delay in spread(rng, RUNS, 0.05 * whole.elapsed, whole.elapsed):
        db, inbox = fresh()
        cut = kill_after(delay, "sync", "--inbox", str(inbox), "--once", "--db", str(db), env=env)
        killed += cut.killed
        after = run("sync", "--inbox", str(inbox), "--once", "--db", str(db), env=env)
        assert after.returncode == 0, (seed, delay, after.stderr)
        assert not tracebacks(cut.stdout, cut.stderr, after.stdout, after.stderr), (seed, delay)
        assert _counts(db) == (REPLIES, REPLIES, REPLIES, []), (seed, delay)
        # Killed between its commit and its move, a file stays a moment, applied: a scan leaves
        # it to the reader that applied it, then files it as « déjà traité » once FILING_GRACE
        # has passed — never applies it again.
        left = sorted(set(os.listdir(inbox)) - {"processed"})
        assert sorted(os.listdir(inbox / "processed") + left) == names, (seed, delay)
        if left and not waited:  # once is enough: the wait is the grace itself
            waited = True
            time.sleep(FILING_GRACE_SECONDS + 0.5)
            late = run("sync", "--inbox", str(inbox), "--once", "--db", str(db), env=env)
            assert "Déjà traité" in late.stdout, (seed, delay, late.stdout)
            assert sorted(os.listdir(inbox)) == ["processed"], (seed, delay)
            assert _counts(db) == (REPLIES, REPLIES, REPLIES, []), (seed, delay)
    assert killed >= RUNS // 2, f"most runs were cut mid-scan (seed {seed})"
