"""`comite restore` and `comite backup` killed at random (SIGKILL, as a power cut) never leave
a mix: the base is the old one or the restored one, whole, and she who was erased since the
backup stays erased; a backup is in the folder whole or not at all.

One scenario, built once (tests/usecases/backup_world.py): the example data with its files, a
backup made, then her erasure (the ledger notes her) and a person added after the backup. Each
run starts from a copy of it, starts the command in a subprocess, SIGKILLs it after a random
delay, then runs `comite ls people --json` — the next command, which finishes an erasure a kill
left half done — and, for the restore, another whole restore, which must sweep away the staging
base in clear a kill may have left beside the real one.

The delays are spread over the window of one whole command, measured in the same run, seeded:
COMITE_KILL_SEED=<the printed seed> replays the same points of it.
"""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from comite.store import PersonInput, open_store
from comite.usecases.backup import make_backup
from comite.usecases.privacy import erase_person
from tests.faults.kill import at_home, kill_after, run, seeded, spread, tracebacks
from tests.usecases.backup_world import PASSPHRASE, build

RUNS = 12
ADDED = "Postérieure"  # the person added after the backup: only the old base has her
ADDED_NAME = f"Personne {ADDED}"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    base = tmp_path_factory.mktemp("kill-backup")
    home = base / "run"
    with at_home(home) as env:
        world = build(home / "remis")
        folder = home / "sauvegardes"
        store = open_store(world.db)
        try:
            archive = make_backup(store, world.settings, PASSPHRASE, to=folder).path
            erase_person(store, world.settings, world.her)
            store.people.create(PersonInput(last_name=ADDED, first_name="Personne"))
        finally:
            store.close()
    shutil.copytree(home, base / "template")
    return {"base": base, "home": home, "world": world, "archive": archive, "folder": folder,
            "env": {**env, "COMITE_DB": "", "COMITE_BACKUP_PASSPHRASE": PASSPHRASE,
                    "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}}


def _restore_template(scenario) -> None:
    shutil.rmtree(scenario["home"])
    shutil.copytree(scenario["base"] / "template", scenario["home"])


def _shape(db: Path) -> dict[str, int]:
    """Rows per table (the audit log aside: each run writes its own), and the base sound."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'audit_log'")]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    finally:
        conn.close()


def _listed(env) -> list[str]:
    """`comite ls people --json`: the names it shows, its output free of tracebacks."""
    after = run("ls", "people", "--json", env=env)
    assert after.returncode == 0 and not tracebacks(after.stdout, after.stderr), after
    return [person["name"] for person in json.loads(after.stdout)]


def _staged(data: Path) -> list[str]:
    return sorted(p.name for p in data.iterdir() if ".restauration-" in p.name and p.name.startswith("."))


def test_a_restore_killed_at_random_leaves_the_old_base_or_the_restored_one(scenario):
    world, env, archive = scenario["world"], scenario["env"], str(scenario["archive"])
    data = world.db.parent
    old = _shape(world.db)
    whole = run("restore", archive, "--db", str(world.db), env=env)  # the window, measured here
    assert whole.returncode == 0 and "1 personne effacée" in whole.stdout, whole
    restored = _shape(world.db)
    assert restored != old and restored["people"] == old["people"] - 1, "the added one is gone"
    assert ADDED_NAME not in _listed(env)

    rng, seed = seeded()
    counts = {"old": 0, "restored": 0, "done": 0}
    for delay in spread(rng, RUNS, 0.1 * whole.elapsed, whole.elapsed):
        _restore_template(scenario)
        killed = kill_after(delay, "restore", archive, "--db", str(world.db), env=env)
        said = f"seed {seed}, delay {delay:.3f} s"
        assert not tracebacks(killed.stdout, killed.stderr), (said, killed)
        names = _listed(env)
        assert "Anaïs Quenardel" not in names, (said, "erased since the backup: erased again")
        shape = _shape(world.db)
        if ADDED_NAME in names:
            assert shape == old, (said, "the old base, whole")
            counts["old"] += 1
        else:
            assert shape == restored, (said, "the restored base, whole")
            counts["done" if not killed.killed else "restored"] += 1
        assert [path for path in world.her_files if path.exists()] == [], said
        again = run("restore", archive, "--db", str(world.db), env=env)
        assert again.returncode == 0 and not tracebacks(again.stdout, again.stderr), (said, again)
        assert _staged(data) == [], (said, "no staging base left in clear")
        assert _shape(world.db) == restored, said
    print(f"kill harness, restore: {RUNS} runs left the old base {counts['old']} times, the "
          f"restored one {counts['restored']} times, {counts['done']} ended before the kill "
          f"(one whole restore: {whole.elapsed:.2f} s)")
    assert counts["old"] > 0, (seed, counts)


def test_a_backup_killed_at_random_leaves_no_visible_partial_archive(scenario):
    from comite.usecases.backup_archive import opened

    env, folder, world = scenario["env"], scenario["folder"], scenario["world"]
    _restore_template(scenario)
    first = {p.name for p in folder.glob("*.zip")}
    whole = run("backup", "--to", str(folder), "--db", str(world.db), env=env)
    assert whole.returncode == 0 and not tracebacks(whole.stdout, whole.stderr), whole

    rng, seed = seeded()
    written = hidden = 0
    for delay in spread(rng, RUNS // 2, 0.1 * whole.elapsed, whole.elapsed):
        _restore_template(scenario)
        killed = kill_after(delay, "backup", "--to", str(folder), "--db", str(world.db), env=env)
        said = f"seed {seed}, delay {delay:.3f} s"
        assert not tracebacks(killed.stdout, killed.stderr), (said, killed)
        made = sorted(p for p in folder.glob("*.zip") if p.name not in first)
        assert len(made) <= 1, said
        for archive in made:  # whole, or not there
            with opened(archive, PASSPHRASE) as backup:
                assert backup.manifest.files, said
            written += 1
        assert not [p for p in folder.iterdir() if not p.name.startswith(".") and p.suffix != ".zip"
                    and p.name != "effacements.txt"], said
        assert _listed(env) and _shape(world.db), said
        hidden += len(list(folder.glob(".comite-sauvegarde-*.tmp")))  # encrypted, half written
    print(f"kill harness, backup: {RUNS // 2} runs, {written} archives whole, none partial, "
          f"{hidden} hidden temporary files left (one whole backup: {whole.elapsed:.2f} s)")
