"""`comite backup` and `comite restore` as real commands in a subprocess (stdin not a terminal,
no keyring): exit code 0 when done, 2 when refused with nothing replaced, 1 for a fault of the
machine; French sentences, never a traceback; the passphrase from COMITE_BACKUP_PASSPHRASE, and
without it a message that names that variable."""

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from comite.store import open_store
from comite.usecases import paths
from comite.usecases.privacy import erase_person
from comite.usecases.settings import save
from tests.cli.run import ROOT
from tests.cli.test_cli_faults import limited
from tests.usecases.backup_world import PASSPHRASE, World, build, rows, tree

VARIABLE = "COMITE_BACKUP_PASSPHRASE"
HOSTILE = ROOT / "tests" / "data" / "hostile" / "backup"


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    """The subprocesses find no system keyring (nor the developer's own), the passphrase set."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv(VARIABLE, PASSPHRASE)


@pytest.fixture
def world(tmp_path) -> World:
    return build(tmp_path / "remis")


def comite(*args: str, **env: str | None) -> subprocess.CompletedProcess:
    """`comite ARGS` with stdin not a terminal; `VARIABLE=None` takes a variable away."""
    environment = {**os.environ, **{k: v for k, v in env.items() if v is not None}}
    for name in [k for k, v in env.items() if v is None]:
        environment.pop(name, None)
    done = subprocess.run([sys.executable, "-m", "comite.cli", *args], capture_output=True,
                          text=True, timeout=120, env=environment, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr
    return done


def refused(done: subprocess.CompletedProcess) -> str:
    """A refusal: exit code 2, one French sentence on stderr, nothing on stdout."""
    assert done.returncode == 2 and done.stdout == "", done
    assert done.stderr.startswith("comite : ") and done.stderr.count("\n") == 1, done.stderr
    return done.stderr


def backed_up(world: World, folder) -> str:
    done = comite("backup", "--to", str(folder), "--db", str(world.db))
    assert done.returncode == 0 and done.stderr == "", done
    [archive] = folder.glob("*.zip")
    return str(archive)


def test_backup_writes_one_archive_and_says_where_and_what(world, tmp_path):
    folder = tmp_path / "cle-usb"
    done = comite("backup", "--to", str(folder), "--db", str(world.db))
    assert done.returncode == 0 and done.stderr == "", done
    [archive] = folder.glob("*.zip")
    assert re.fullmatch(r"comite-sauvegarde-\d{8}-\d{6}Z\.zip", archive.name)
    assert re.fullmatch(rf"Sauvegarde écrite : {re.escape(str(archive))} \(\d+ ko ; la base et "
                        r"\d+ fichiers\)\.\n", done.stdout), done.stdout
    assert sorted(p.name for p in folder.iterdir()) == [archive.name]


def test_backup_says_how_many_older_backups_the_rotation_removed_and_why(world, tmp_path):
    from comite.usecases.backup import archive_name

    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    now = datetime.now(UTC)
    for days_ago in (400, 370, 31, 30):  # two older than six months
        (folder / archive_name(now - timedelta(days=days_ago))).write_bytes(b"PK")
    store = open_store(world.db)
    try:
        store.privacy.set_policy(6, 6)
    finally:
        store.close()
    done = comite("backup", "--to", str(folder), "--db", str(world.db))
    assert done.returncode == 0, done
    assert done.stdout.splitlines()[1] == (
        "Rotation : 2 anciennes sauvegardes supprimées (restent la plus récente de chacun des 7 "
        "derniers jours, des 4 dernières semaines et des 12 derniers mois, aucune plus ancienne "
        "que la durée de conservation des données).")
    assert len(list(folder.glob("*.zip"))) == 3


@pytest.mark.parametrize("lost", [1, 2])
def test_backup_says_how_many_files_the_base_names_were_not_found(world, tmp_path, lost):
    for certificate in sorted(paths.training_certificates_dir().iterdir())[:lost]:
        certificate.unlink()
    done = comite("backup", "--to", str(tmp_path / "sauvegardes"), "--db", str(world.db))
    assert done.returncode == 0, done
    assert done.stdout.splitlines()[1] == {
        1: "1 fichier cité par la base est introuvable : il n’est pas dans la sauvegarde.",
        2: "2 fichiers cités par la base sont introuvables : ils ne sont pas dans la sauvegarde.",
    }[lost]


def test_backup_goes_to_the_folder_of_the_settings(world, tmp_path):
    from dataclasses import replace

    save(replace(world.settings, backup_folder=str(tmp_path / "nas")))
    done = comite("backup", "--db", str(world.db))
    assert done.returncode == 0 and len(list((tmp_path / "nas").glob("*.zip"))) == 1, done


def test_backup_without_a_folder_says_where_to_choose_one(world):
    said = refused(comite("backup", "--db", str(world.db)))
    assert said == ("comite : Aucun dossier de sauvegarde n’est choisi : indiquez-le dans les "
                    "réglages (F2) ou avec --to DOSSIER.\n")


def test_backup_without_a_passphrase_names_the_variable_and_writes_nothing(world, tmp_path):
    folder = tmp_path / "sauvegardes"
    said = refused(comite("backup", "--to", str(folder), "--db", str(world.db), **{VARIABLE: None}))
    assert VARIABLE in said and "phrase de passe" in said
    assert not folder.exists() or list(folder.iterdir()) == []


def test_backup_with_a_short_passphrase_is_refused(world, tmp_path):
    folder = tmp_path / "sauvegardes"
    said = refused(comite("backup", "--to", str(folder), "--db", str(world.db), **{VARIABLE: "court"}))
    assert "au moins 12 caractères" in said and not folder.exists()


def test_backup_of_a_base_that_is_not_there_is_refused(tmp_path):
    said = refused(comite("backup", "--to", str(tmp_path / "s"), "--db", str(tmp_path / "absente.sqlite")))
    assert "n’existe pas : rien à sauvegarder" in said and not (tmp_path / "s").exists()


def test_backup_on_a_full_disk_says_so_and_leaves_no_partial_archive(world, tmp_path):
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    done = limited("backup", "--to", str(folder), "--db", str(world.db), file_size=48 * 1024)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done
    assert done.stderr.startswith(f"comite : impossible d’écrire dans {folder}"), done.stderr
    assert "le disque est plein" in done.stderr and done.stderr.count("\n") == 1
    assert list(folder.iterdir()) == [], "no archive, not even the hidden one being written"


def test_restore_puts_the_backup_back_and_keeps_the_replaced_base(world, tmp_path):
    before = rows(world.db)
    archive = backed_up(world, tmp_path / "sauvegardes")
    world.db.write_bytes(b"not a base any more" * 100)
    done = comite("restore", archive, "--db", str(world.db))
    assert done.returncode == 0 and done.stderr == "", done
    lines = done.stdout.splitlines()
    assert re.fullmatch(rf"Sauvegarde du \d+ \w+ \d{{4}} à \d\d:\d\d remise en place : "
                        rf"{re.escape(str(world.db))}\.", lines[0]), lines[0]
    assert lines[1].startswith(f"La base remplacée est gardée : {world.db}.avant-restauration-")
    assert lines[2:] == ["Fichiers remis en place : 0."]
    assert rows(world.db) == before


def test_restore_onto_a_new_machine_makes_the_base(world, tmp_path):
    before = rows(world.db)
    archive = backed_up(world, tmp_path / "sauvegardes")
    target = tmp_path / "nouveau" / "comite.sqlite"
    done = comite("restore", archive, "--db", str(target))
    assert done.returncode == 0 and "La base remplacée" not in done.stdout, done
    assert rows(target) == before


def test_restore_says_who_was_erased_again_by_number_of_people_only(world, tmp_path):
    archive = backed_up(world, tmp_path / "sauvegardes")
    store = open_store(world.db)
    try:
        erase_person(store, world.settings, world.her)
    finally:
        store.close()
    done = comite("restore", archive, "--db", str(world.db))
    assert done.returncode == 0, done
    assert "1 personne effacée depuis cette sauvegarde l’est de nouveau." in done.stdout
    assert "quenardel" not in done.stdout.lower()
    listed = comite("ls", "people", "--json", "--db", str(world.db))
    assert listed.returncode == 0 and "Quenardel" not in listed.stdout and listed.stderr == ""


@pytest.mark.parametrize(("passphrase", "said"), [
    ("pas la bonne phrase",
     "La phrase de passe ne correspond pas à cette sauvegarde : rien n’a été remplacé."),
    (None, f"Aucune phrase de passe : définissez {VARIABLE} pour ouvrir cette sauvegarde."),
])
def test_restore_without_the_right_passphrase_replaces_nothing(world, tmp_path, passphrase, said):
    archive = backed_up(world, tmp_path / "sauvegardes")
    before = tree(paths.data_dir())
    done = comite("restore", archive, "--db", str(world.db), **{VARIABLE: passphrase})
    assert refused(done) == f"comite : {said}\n"
    assert tree(paths.data_dir()) == before


@pytest.mark.parametrize(("name", "said"), [
    ("non-chiffree.zip", "n’est pas chiffrée : ce n’est pas une sauvegarde de comite"),
    ("chemin-remontant.zip", "Cette sauvegarde est abîmée"),
    ("schema-futur.zip", "vient d’une version plus récente de comite"),
])
def test_restore_of_a_hostile_backup_is_refused_and_replaces_nothing(world, name, said):
    before = tree(paths.data_dir())
    done = comite("restore", str(HOSTILE / name), "--db", str(world.db),
                  **{VARIABLE: "phrase de passe des fichiers hostiles"})
    assert said in refused(done)
    assert tree(paths.data_dir()) == before


def test_restore_of_a_file_that_is_not_there_says_so(world, tmp_path):
    said = refused(comite("restore", str(tmp_path / "perdue.zip"), "--db", str(world.db)))
    assert said == f"comite : Le fichier {tmp_path / 'perdue.zip'} n’existe pas.\n"


def test_any_command_forgets_the_clear_base_a_killed_restore_left_but_not_a_running_one(world):
    left = world.db.with_name(f".{world.db.name}.restauration-20261201-101010")
    running = world.db.with_name(f".{world.db.name}.restauration-20261204-080000")
    for stage in (left, running):
        stage.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    hour_ago = (datetime.now(UTC) - timedelta(hours=1)).timestamp()
    os.utime(left, (hour_ago, hour_ago))
    assert comite("check", "--db", str(world.db)).returncode == 0
    assert not left.exists(), "the clear copy of a killed restore does not outlive the next start"
    assert running.exists(), "a restore still at work keeps its base"
