"""`comite report attestation` as a real command, in a subprocess, on the example data: its
year's review was held, checked in as people came (one professional leaving early), one
titulaire excused and sat for by their suppléant, others never noted. One certificate, the batch
for every user noted present (one file each, the users' side only), the refusals in French with
their exit code and nothing written, a folder that cannot be written said in French."""

import os
from pathlib import Path

import pytest

from comite.store import open_store
from comite.store.minutes_models import Side
from tests.cli.run import in_subprocess
from tests.exports.pdf_pages import flat, texts

REVIEW = "bilan de l’année"  # « Comité des usagers — bilan de l’année », held
CDU = "CDU — réunion trimestrielle"  # convened, not yet held


@pytest.fixture(scope="module")
def present(demo_db) -> dict[Side, list[str]]:
    """Who the example notes present at its year's review, by side."""
    store = open_store(demo_db)
    try:
        attendees, _quorum = store.minutes.attendance(store.meetings.resolve(REVIEW).id)
    finally:
        store.close()
    by_side: dict[Side, list[str]] = {side: [] for side in Side}
    for attendee in attendees:
        if attendee.present:
            by_side[attendee.side].append(attendee.name)
    return by_side


def report(db: Path, *args: str):
    return in_subprocess("report", "attestation", *args, "--db", str(db))


def said_in_french(stderr: str) -> str:
    """One French sentence on stderr, never a traceback."""
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert stderr.startswith("comite : ") and stderr.count("\n") == 1, stderr
    return stderr


def files_in(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_one_certificate(db, tmp_path):
    out = tmp_path / "ines.pdf"
    result = report(db, "Inès David", "--meeting", REVIEW, "--out", str(out))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"Attestation de présence : {out}\n"
    text = flat(texts(out)[0])
    assert "Attestation de présence" in text and "MSP des Tilleuls" in text
    assert "atteste qu’Inès David était présente à la réunion « Comité des usagers — bilan " \
           "de l’année »" in text
    assert "Date vendredi 9 octobre 2026" in text
    assert "Présence de 18 h 00 à 20 h 00 (fin prévue de la réunion : départ non noté)" in text


def test_a_folder_as_out_gets_the_file_named_after_the_person(db, tmp_path):
    result = report(db, "Jules Morin", "--meeting", REVIEW, "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "attestation-jules-morin-2026-10-09.pdf"
    assert result.stdout == f"Attestation de présence : {path}\n"
    assert "Présence de 17 h 56 à 19 h 10" in flat(texts(path)[0])


def test_the_batch_is_one_file_per_user_present(db, tmp_path, present):
    folder = tmp_path / "attestations"
    result = report(db, "--meeting", REVIEW, "--all-present", "--out", str(folder))
    assert (result.returncode, result.stderr) == (0, "")
    users = present[Side.USERS]
    assert len(users) == 4 and present[Side.PROFESSIONALS], "users and professionals came"
    written = files_in(folder)
    first, *names = result.stdout.splitlines()
    assert (first, sorted(names)) == (f"4 attestations écrites dans {folder}", written)
    assert len(written) == len(users)
    named = {flat(texts(folder / name)[0]).split("Nom ", 1)[1].split(" Qualité")[0]
             for name in written}
    assert named == set(users)
    assert not any(name in named for name in present[Side.PROFESSIONALS])
    assert all(name.isascii() and name.startswith("attestation-") for name in written)


def test_without_out_the_batch_goes_into_a_folder_of_the_exports(db, isolated_folders):
    result = report(db, "--meeting", REVIEW, "--all-present")
    assert result.returncode == 0, result.stderr
    folder = (isolated_folders / "xdg_data_home" / "comite" / "exports"
              / "attestations-2026-10-09-comite-des-usagers-bilan-de-lannee")
    assert result.stdout.startswith(f"4 attestations écrites dans {folder}\n"), result.stdout
    assert len(files_in(folder)) == 4


@pytest.mark.parametrize(("args", "said"), [
    (["Manon Richard", "--meeting", REVIEW],
     "comite : Manon Richard n’a pas été notée présente à cette réunion : aucune attestation.\n"),
    (["Bernard Petit", "--meeting", REVIEW],  # excused, his suppléant sat for him
     "comite : Bernard Petit n’a pas été noté présent à cette réunion : aucune attestation.\n"),
    (["Inès David", "--meeting", CDU],
     "comite : La réunion « CDU — réunion trimestrielle » n’a pas été tenue (elle est "
     "« convoquée ») : une attestation de présence se délivre pour une réunion qui a eu lieu.\n"),
    (["--all-present", "--meeting", CDU], "n’a pas été tenue"),
    (["Personne Inconnue", "--meeting", REVIEW],
     "comite : Aucune personne ne correspond à « Personne Inconnue » (voir « comite ls people "
     "--search … »).\n"),
    (["999", "--meeting", REVIEW], "comite : Aucune personne n° 999 (voir « comite ls people »).\n"),
    (["Inès David", "--meeting", "999"],
     "comite : Aucune réunion n° 999 (voir « comite ls meetings »).\n"),
    (["Inès David", "--meeting", "Nulle part"], "Aucune réunion ne correspond à « Nulle part »"),
    (["--meeting", REVIEW], "Nommez une personne"),
    (["Inès David", "--meeting", REVIEW, "--all-present"], "Nommez une personne"),
    (["--meeting", REVIEW, "--all-present", "--out", "{tmp}/lot.pdf"],
     "--out nomme un dossier"),
    (["Inès David", "--meeting", REVIEW, "--out", "{tmp}/ines.docx"],
     "Une attestation s’écrit en PDF"),
])
def test_refusals_are_french_exit_2_and_write_nothing(db, tmp_path, isolated_folders, args, said):
    before = files_in(tmp_path)
    result = report(db, *[arg.format(tmp=tmp_path) for arg in args])
    assert (result.returncode, result.stdout) == (2, "")
    assert said in said_in_french(result.stderr)
    assert files_in(tmp_path) == before
    assert not (isolated_folders / "xdg_data_home" / "comite" / "exports").exists()


def test_without_the_meeting_argparse_says_it_in_french(db):
    result = report(db, "Inès David")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "arguments obligatoires manquants" in result.stderr and "--meeting" in result.stderr


@pytest.mark.parametrize("batch", [False, True])
def test_a_folder_that_cannot_be_made_is_said_in_french(db, tmp_path, batch):
    """A file where the folder should be (ENOTDIR, what stops root too)."""
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier")
    args = (["--all-present", "--out", str(blocker / "lot")] if batch
            else ["Inès David", "--out", str(blocker / "ines.pdf")])
    result = report(db, "--meeting", REVIEW, *args)
    assert (result.returncode, result.stdout) == (1, "")
    stderr = said_in_french(result.stderr)
    assert stderr.startswith(f"comite : impossible d’écrire dans {blocker}")
    assert "n’est pas un dossier" in stderr or "un fichier du même nom est déjà là" in stderr
    assert files_in(tmp_path) == ["comite.sqlite", "un-fichier"]


@pytest.mark.skipif(os.geteuid() == 0, reason="file modes do not stop root")
def test_a_read_only_folder_is_said_in_french_and_left_empty(db, tmp_path):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = report(db, "--meeting", REVIEW, "--all-present", "--out", str(folder))
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert "l’accès est refusé" in said_in_french(result.stderr)
    assert files_in(folder) == []
