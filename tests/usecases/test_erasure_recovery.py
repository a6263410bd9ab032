"""An erasure stopped after the database part (killed, power cut) is finished at the next start.

The interruption is simulated as it happens: the store's deletion commits (with its journal
row), the file sweep never runs. The next `comite` command, or the app, sweeps her files and
lists the shared documents to make again, naming her by number only."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from comite.store import PersonInput, Store, open_store
from comite.usecases.privacy import erase_person, finish_erasures
from comite.usecases.settings import Settings, save
from tests.cli.run import in_process

NAME = "Anaïs Quenardel"
EMAIL = "anais.quenardel@example.org"


@dataclass(frozen=True)
class Interrupted:
    """A database where her erasure committed and no file was swept: what the sweep must do."""

    db: Path
    settings: Settings
    person_id: int
    theirs: tuple[Path, ...]  # to be removed
    collective: Path  # someone else's invitation that names her: listed, kept
    untouched: Path


@contextmanager
def opened(db: Path) -> Iterator[Store]:
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def interrupted_erasure(root: Path) -> Interrupted:
    settings = Settings(inbox=str(root / "boite-de-reception"), outbox=str(root / "boite-d-envoi"),
                        exports=str(root / "exports"))
    access = settings.folder("exports") / "droit-d-acces" / "anais-quenardel-2027-03-15.json"
    reply = settings.folder("inbox") / "processed" / "reponse.eml"
    collective = settings.folder("outbox") / "2027-04-02-comite" / "lina-roy.eml"
    untouched = settings.folder("exports") / "bilan.txt"
    for path, text in ((access, f'{{"nom": "{NAME}", "note_de_sante": "Sclérose"}}'),
                       (reply, f"From: {EMAIL}\r\nSubject: Accepté\r\n\r\nOui."),
                       (collective, f"To: lina.roy@example.org\r\n\r\nTitulaire du siège : {NAME}"),
                       (untouched, "Bilan de l’année : 4 réunions.")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    db = root / "comite.sqlite"
    with opened(db) as store:
        store.people.create(PersonInput(last_name="Roy", first_name="Lina",
                                        email="lina.roy@example.org"))
        her = store.people.create(PersonInput(last_name="Quenardel", first_name="Anaïs",
                                              email=EMAIL))
        store.privacy.erase(her.id)  # committed; the process stops here: no sweep
    return Interrupted(db=db, settings=settings, person_id=her.id, theirs=(access, reply),
                       collective=collective, untouched=untouched)


def pending(db: Path) -> int:
    with opened(db) as store:
        return len(store.privacy.pending_erasures())


def test_finishing_sweeps_her_files_lists_the_shared_ones_and_empties_the_journal(tmp_path):
    case = interrupted_erasure(tmp_path)
    with opened(case.db) as store:
        assert store.erasures_pending()
        [summary] = finish_erasures(store, case.settings)
        assert summary.name == f"la personne n° {case.person_id}"
        assert summary.person_id == case.person_id
        assert summary.removed == sorted(case.theirs)
        assert summary.collective == [case.collective]
        assert (summary.not_removed, summary.kept_unreadable, summary.log_emptied) == ([], [], True)
        assert not store.erasures_pending()
        assert finish_erasures(store, case.settings) == [], "nothing left: nothing done"
    assert not any(path.exists() for path in case.theirs)
    assert case.collective.is_file() and case.untouched.is_file()


def test_a_sweep_run_twice_is_harmless(tmp_path):
    """Killed during the sweep: the next start sweeps again from the start."""
    from comite.sync.erasure_files import Folders, sweep

    case = interrupted_erasure(tmp_path)
    with opened(case.db) as store:
        [erasure] = store.privacy.pending_erasures()
        folders = Folders(inbox=case.settings.folder("inbox"),
                          outbox=case.settings.folder("outbox"),
                          exports=case.settings.folder("exports"))
        first = sweep(erasure, folders)  # the sweep done, the journal not yet emptied
        assert sorted(first.removed) == sorted(case.theirs)
        [summary] = finish_erasures(store, case.settings)
        assert (summary.removed, summary.collective) == ([], [case.collective])
        assert summary.not_removed == [] and summary.kept_unreadable == []


def test_a_whole_erasure_leaves_no_journal_row(tmp_path):
    case = interrupted_erasure(tmp_path)
    with opened(case.db) as store:
        finish_erasures(store, case.settings)
        lina = store.people.page("Roy").rows[0]
        summary = erase_person(store, case.settings, lina.id)
        assert summary.name == "Lina Roy" and summary.person_id == lina.id
        assert not store.erasures_pending()


@pytest.mark.parametrize("command", [["ls", "people"], ["check"]])
def test_the_next_command_finishes_it_and_says_so_on_stderr(capsys, tmp_path, command):
    case = interrupted_erasure(tmp_path)
    save(case.settings)
    code, out, err = in_process(capsys, *command, "--db", str(case.db))
    assert code == 0
    assert f"un effacement interrompu est terminé — la personne n° {case.person_id}" in err
    assert "Documents collectifs à régénérer (1)" in err and f"  {case.collective}" in err
    assert "Fichiers supprimés (2)." in err
    assert "quenardel" not in (out + err).lower(), "her number only, not even a file's name"
    if command == ["ls", "people"]:
        assert "Lina" in out and "Traceback" not in err
    assert not any(path.exists() for path in case.theirs) and pending(case.db) == 0
    code, out, err = in_process(capsys, *command, "--db", str(case.db))
    assert (code, err) == (0, ""), "said once: the journal is empty"


def test_a_charter_command_finishes_it_too(capsys, tmp_path):
    case = interrupted_erasure(tmp_path)
    save(case.settings)
    code, _out, err = in_process(capsys, "charter", "templates", "--db", str(case.db))
    assert code == 0 and f"la personne n° {case.person_id}" in err
    assert pending(case.db) == 0


def test_a_failing_finish_is_said_in_french_and_the_command_still_runs(capsys, tmp_path,
                                                                       monkeypatch):
    case = interrupted_erasure(tmp_path)
    save(case.settings)

    def full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("comite.usecases.privacy.finish_erasures", full)
    code, out, err = in_process(capsys, "ls", "people", "--db", str(case.db))
    assert code == 0 and "Lina" in out
    assert err == ("comite : un effacement interrompu n’a pas pu être terminé (le disque est "
                   "plein) ; il le sera au prochain lancement de comite.\n")
    assert pending(case.db) == 1
