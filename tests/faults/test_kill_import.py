"""`comite recruit import` killed at random (SIGKILL) while it reads a few hundred candidacies:
the import is one transaction, so the base holds all of them or none, never a part; an import
cut before its commit, run again, brings them all, once.

The window is one whole import, timed in this run; the kills are spread over it, seeded
(COMITE_KILL_SEED=<the printed seed> replays the same points)."""

import shutil
from pathlib import Path

from comite.store import open_store
from tests.faults.kill import kill_after, run, seeded, spread, tracebacks

CANDIDATES = 1500
RUNS = 5
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


def _state(db: Path) -> tuple[int, int, list]:
    store = open_store(db)
    try:
        conn = store.db.connection()
        return (conn.execute("SELECT count(*) FROM people").fetchone()[0],
                conn.execute("SELECT count(*) FROM candidates").fetchone()[0], store.integrity())
    finally:
        store.close()


def test_an_import_killed_anywhere_leaves_all_or_nothing(tmp_path):
    env = {name: str(tmp_path / name.lower()) for name in XDG}
    sheet = tmp_path / "candidats.csv"
    rows = [f"Candidat{n:03d};Camille;camille.{n}@example.org;;patient partenaire;;Affiche;;;"
            for n in range(CANDIDATES)]
    sheet.write_text("Nom;Prénom;E-mail;Téléphone;Rôle;Comité;Origine;Prochaine étape;Date;Notes\n"
                     + "\n".join(rows) + "\n", encoding="utf-8")
    pristine = tmp_path / "vide.sqlite"
    open_store(pristine).close()
    db = tmp_path / "comite.sqlite"

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(pristine, db)

    fresh()
    whole = run("recruit", "import", str(sheet), "--db", str(db), env=env)
    assert whole.returncode == 0, whole.stderr
    assert _state(db) == (CANDIDATES, CANDIDATES, [])

    rng, seed = seeded()
    outcomes = {"none": 0, "all": 0}
    for delay in spread(rng, RUNS, 0.05 * whole.elapsed, whole.elapsed):
        fresh()
        cut = kill_after(delay, "recruit", "import", str(sheet), "--db", str(db), env=env)
        assert not tracebacks(cut.stdout, cut.stderr), (seed, delay)
        people, candidacies, integrity = _state(db)
        assert integrity == [], (seed, delay)
        assert (people, candidacies) in ((0, 0), (CANDIDATES, CANDIDATES)), (seed, delay, people)
        outcomes["none" if people == 0 else "all"] += 1
        if people == 0:
            again = run("recruit", "import", str(sheet), "--db", str(db), env=env)
            assert again.returncode == 0 and not tracebacks(again.stderr), (seed, again.stderr)
            assert _state(db) == (CANDIDATES, CANDIDATES, []), (seed, delay)
    assert outcomes["none"] >= 1, f"some kills fell before the commit ({outcomes}, seed {seed})"
