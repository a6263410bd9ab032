"""`comite` as scripts use it: real subprocesses, real files, exit codes 0 / 1 / 2."""

import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from tests.cli.run import in_process, in_subprocess

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"




def test_version():
    result = in_subprocess("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("comite ")


def test_demo_then_ls_json_is_stable(tmp_path):
    db = tmp_path / "exemple.sqlite"
    made = in_subprocess("demo", "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert "40 personnes" in made.stdout
    committees = json.loads(in_subprocess("ls", "committees", "--json", "--db", str(db)).stdout)
    assert {c["name"] for c in committees} >= {"Commission des usagers (CDU)", "Comité des usagers"}
    assert set(committees[0]) == {"id", "uid", "name", "kind", "structure", "archived", "members",
                                  "coordinator", "cdu_gaps", "quarters"}
    people = json.loads(in_subprocess("ls", "people", "--json", "--db", str(db)).stdout)
    assert len(people) == 40
    assert set(people[0]) == {"id", "name", "email", "phone", "roles"}
    # The MSP's coordinator is designated on the structure; the hospital has none.
    [coordinator] = [p for p in people if p["roles"] == ["coordinator"]]
    by_name = {c["name"]: c for c in committees}
    assert by_name["Comité des usagers"]["coordinator"] == coordinator["name"]
    assert by_name["Commission des usagers (CDU)"]["coordinator"] == ""
    again = json.loads(in_subprocess("ls", "people", "--json", "--db", str(db)).stdout)
    assert again == people, "the same database gives the same output"


def test_ls_lines_say_in_french_what_the_json_gives_as_codes(tmp_path, capsys):
    """The tab-separated lines are read by people: « Sondage », « Commission des usagers
    (CDU) », « Pair-aidant(e) », « 22/12/2026 14:00 » (the meeting's own time); the JSON keeps
    its codes for scripts."""
    db = str(tmp_path / "exemple.sqlite")
    assert in_process(capsys, "demo", "--db", db)[0] == 0
    meetings = in_process(capsys, "ls", "meetings", "--db", db)[1]
    # The example's dates follow the day it is made: the convened meeting's, as the JSON has it.
    listing = json.loads(in_process(capsys, "ls", "meetings", "--json", "--db", db)[1])
    convened = next(m for m in listing if m["status"] == "convened")
    when = datetime.fromisoformat(convened["starts_at"]).strftime("%d/%m/%Y %H:%M")
    assert "\tSondage\t" in meetings and f"\tConvoquée\t{when}\t" in meetings
    assert "\tpoll\t" not in meetings and "T14:00:00" not in meetings
    committees = in_process(capsys, "ls", "committees", "--db", db)[1]
    assert "\tCommission des usagers (CDU)\tCentre hospitalier" in committees
    people = in_process(capsys, "ls", "people", "--db", db)[1]
    assert "Pair-aidant(e)" in people and "peer_helper" not in people
    assert '"peer_helper"' in in_process(capsys, "ls", "people", "--json", "--db", db)[1]


def test_demo_refuses_a_database_that_has_data(tmp_path):
    db = tmp_path / "base.sqlite"
    assert in_subprocess("demo", "--db", str(db)).returncode == 0
    before = db.read_bytes()
    second = in_subprocess("demo", "--db", str(db))
    assert second.returncode == 2
    assert "déjà des données" in second.stderr
    assert db.read_bytes() == before


def test_comite_db_environment_variable_is_used_by_every_command(tmp_path):
    db = tmp_path / "env.sqlite"
    env = {"COMITE_DB": str(db)}
    assert in_subprocess("demo", env=env).returncode == 0
    listed = in_subprocess("ls", "committees", "--json", env=env)
    assert len(json.loads(listed.stdout)) == 3
    checked = in_subprocess("check", env=env)
    assert checked.returncode == 0
    assert str(db) in checked.stdout
    assert "Intégrité : bonne" in checked.stdout
    assert "Sauvegardes : aucun dossier choisi (réglages, F2) ; dernière : aucune" in checked.stdout


def test_search_filters_people(tmp_path):
    db = tmp_path / "s.sqlite"
    in_subprocess("demo", "--db", str(db))
    everyone = json.loads(in_subprocess("ls", "people", "--json", "--db", str(db)).stdout)
    target = everyone[0]
    last_name = target["name"].split()[-1]
    found = json.loads(in_subprocess("ls", "people", "--json", "--search", last_name[:3],
                                     "--db", str(db)).stdout)
    assert target in found
    assert 0 < len(found) < len(everyone)


def test_bad_usage_exits_2_in_french():
    result = in_subprocess("ls", "nimportequoi")
    assert result.returncode == 2
    assert "erreur" in result.stderr


@pytest.mark.parametrize("name", ["not-a-database.sqlite", "newer-schema.sqlite", "truncated.sqlite"])
def test_hostile_database_files_are_refused_untouched(tmp_path, name):
    db = tmp_path / name
    shutil.copy(HOSTILE / name, db)
    before = db.read_bytes()
    for args in (("check",), ("ls", "people"), ("demo",)):
        result = in_subprocess(*args, "--db", str(db))
        assert result.returncode == 2, (args, result.stderr)
        assert "Impossible d’utiliser" in result.stderr
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "no -wal or -shm left beside it"


def test_newer_schema_says_to_update(tmp_path):
    db = tmp_path / "n.sqlite"
    shutil.copy(HOSTILE / "newer-schema.sqlite", db)
    assert "version plus récente" in in_subprocess("check", "--db", str(db)).stderr


def test_read_only_database_is_refused(tmp_path):
    db = tmp_path / "ro.sqlite"
    in_subprocess("demo", "--db", str(db))
    db.chmod(0o444)
    before = db.read_bytes()
    result = in_subprocess("ls", "people", "--db", str(db))
    assert result.returncode == 2
    assert "lecture seule" in result.stderr
    assert db.read_bytes() == before


def test_database_in_a_synced_folder_is_refused_with_where_to_go(tmp_path):
    synced = tmp_path / "Nextcloud"
    synced.mkdir()
    (synced / ".nextcloudsync.log").write_text("")
    result = in_subprocess("demo", "--db", str(synced / "comite.sqlite"))
    assert result.returncode == 2
    assert "Nextcloud" in result.stderr and "disque local" in result.stderr
    assert not (synced / "comite.sqlite").exists()


def test_check_reports_integrity_and_paths(tmp_path):
    db = tmp_path / "c.sqlite"
    in_subprocess("demo", "--db", str(db))
    result = in_subprocess("check", "--db", str(db))
    assert result.returncode == 0
    for expected in ("Schéma : version", "Intégrité : bonne", "Réglages :", "Journal :",
                     "Boîte de réception :", "Messagerie lue : aucun (réglages, F2)",
                     "Agenda partagé : aucun (réglages, F2)", "Flux .ics : aucun (réglages, F2)"):
        assert expected in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_help_is_in_french():
    result = in_subprocess("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("utilisation : comite")
    assert "afficher cette aide" in result.stdout
    assert "choix invalide" in in_subprocess("ls", "x").stderr


def test_ls_and_check_never_create_a_mistyped_database(tmp_path):
    missing = tmp_path / "faute-de-frappe" / "comite.sqlite"
    for args in (("check",), ("ls", "people")):
        result = in_subprocess(*args, "--db", str(missing))
        assert result.returncode == 2
        assert "n’existe pas" in result.stderr
    assert not missing.parent.exists()


def test_the_audit_log_names_the_coordinator_of_the_settings(tmp_path):
    from comite.usecases.settings import settings_file

    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text('coordinator_name = "Claire Dubois"\n', encoding="utf-8")
    db = tmp_path / "exemple.sqlite"
    assert in_subprocess("demo", "--db", str(db)).returncode == 0
    actors = {row[0] for row in sqlite3.connect(db).execute("SELECT DISTINCT actor FROM audit_log")}
    assert actors == {"Claire Dubois"}


@pytest.mark.parametrize("argv", [[], ["--db", "base.sqlite"], ["--db=base.sqlite"]])
def test_opening_the_app_reads_the_same_as_the_full_parser(argv):
    from comite.cli.main import _app_only, build_parser

    quick, full = _app_only(argv), build_parser().parse_args(argv)
    assert quick is not None and quick.command is full.command is None
    assert getattr(quick, "db", None) == getattr(full, "db", None)


@pytest.mark.parametrize("argv", [["ls", "people"], ["--db", "x", "check"], ["--version"], ["-h"],
                                  ["--db="]])
def test_anything_else_goes_through_the_full_parser(argv):
    from comite.cli.main import _app_only

    assert _app_only(argv) is None
