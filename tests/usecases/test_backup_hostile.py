"""Every hostile backup of tests/data/hostile/backup/ (made by make.py there) is refused by
`restore_backup` with a French message saying nothing was replaced, and nothing is written:
the base, the data folder and everything around it byte-identical, no file where a manifest
tried to send one. Made here, not committed: a folder, a missing path, a path under a file, a
named pipe (refused without being opened: the test cannot hang) and a file that cannot be read."""

import os
import shutil
import threading
from pathlib import Path

import pytest

from comite.store import Refused, open_store
from comite.store.demo import fill_small
from comite.usecases import paths
from comite.usecases.restore import restore_backup
from comite.usecases.settings import Settings
from tests.example_store import TODAY
from tests.usecases.backup_world import tree

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "backup"
PASSPHRASE = "phrase de passe des fichiers hostiles"  # make.py's
OUTSIDE = Path("/tmp/comite-sauvegarde-hostile/hors-du-dossier.txt")  # make.py's absolute path
NOT_OURS = "n’est pas une sauvegarde de comite"
DAMAGED = "Cette sauvegarde est abîmée"
UNREADABLE = "La base contenue dans cette sauvegarde est illisible"
# Each hostile backup and what its refusal must say.
SAID = {
    "pas-un-zip.zip": NOT_OURS,
    "vide.zip": NOT_OURS,
    "tronquee.zip": "elle est tronquée",
    "non-chiffree.zip": "n’est pas chiffrée",
    "sans-manifeste.zip": NOT_OURS,
    "autre-phrase.zip": "La phrase de passe ne correspond pas à cette sauvegarde",
    "chemin-remontant.zip": DAMAGED,
    "chemin-remontant-envoi.zip": DAMAGED,
    "chemin-absolu.zip": DAMAGED,
    "antislash.zip": DAMAGED,
    "entree-remontante.zip": DAMAGED,
    "vise-la-base.zip": DAMAGED,
    "vise-le-registre.zip": DAMAGED,
    "vise-les-modeles.zip": DAMAGED,
    "racine-inconnue.zip": DAMAGED,
    "empreinte-fausse.zip": DAMAGED,
    "schema-futur.zip": "vient d’une version plus récente de comite (schéma 99",
    "base-plus-recente.zip": UNREADABLE,
    "autre-application.zip": UNREADABLE,
    "base-illisible.zip": UNREADABLE,
}


@pytest.fixture
def home(isolated_folders) -> Path:
    """The example data in the default data folder, with the files a restore could clobber."""
    store = open_store(paths.default_db())
    try:
        fill_small(store, TODAY)
    finally:
        store.close()
    for path, text in ((paths.erasure_ledger(), "# comite\n"),
                       (paths.charter_templates_dir() / "charte.md", "---\nid: charte\n---\n"),
                       (paths.training_certificates_dir() / "attestation.txt", "l’attestation")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    yield isolated_folders
    shutil.rmtree(OUTSIDE.parent, ignore_errors=True)


def test_every_hostile_backup_is_listed_here():
    assert sorted(p.name for p in HOSTILE.glob("*.zip")) == sorted(SAID)


@pytest.mark.parametrize("name", sorted(SAID))
def test_a_hostile_backup_is_refused_in_french_and_nothing_is_written(home, tmp_path, name):
    received = tmp_path / "recue" / name
    received.parent.mkdir()
    shutil.copyfile(HOSTILE / name, received)
    assert not OUTSIDE.exists()
    before, base = tree(home), paths.default_db().read_bytes()

    with pytest.raises(Refused) as refusal:
        restore_backup(received, paths.default_db(), PASSPHRASE, Settings())

    message = refusal.value.message
    assert SAID[name] in message, message
    assert "rien n’a été remplacé" in message.lower(), message
    assert tree(home) == before and paths.default_db().read_bytes() == base
    assert not OUTSIDE.exists() and not OUTSIDE.parent.exists()
    assert received.read_bytes() == (HOSTILE / name).read_bytes(), "the archive itself left as it was"
    assert sorted(p.name for p in received.parent.iterdir()) == [name]


def refused_without_writing(home: Path, archive: Path) -> str:
    before = tree(home)
    with pytest.raises(Refused) as refusal:
        restore_backup(archive, paths.default_db(), PASSPHRASE, Settings())
    assert tree(home) == before
    return refusal.value.message


def test_a_folder_a_missing_path_or_a_path_under_a_file_is_refused_by_its_name(home, tmp_path):
    assert refused_without_writing(home, tmp_path) == (
        f"{tmp_path} est un dossier : indiquez le fichier .zip de la sauvegarde.")
    for missing in (tmp_path / "perdue.zip", paths.default_db() / "dedans.zip"):
        assert refused_without_writing(home, missing) == f"Le fichier {missing} n’existe pas."


def test_a_named_pipe_is_refused_without_being_opened(home, tmp_path):
    pipe = tmp_path / "comite-sauvegarde-20261123-070000Z.zip"
    os.mkfifo(pipe)
    # Were it opened, the restore would wait for a writer: one comes after 5 s, and the message
    # is then another one.
    unblock = threading.Timer(5, lambda: os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)))
    unblock.start()
    try:
        message = refused_without_writing(home, pipe)
    finally:
        unblock.cancel()
    assert message == (f"{pipe} n’est pas un fichier ordinaire : indiquez le fichier .zip de la "
                       "sauvegarde. Rien n’a été remplacé.")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_that_cannot_be_read_says_why(home, tmp_path):
    locked = tmp_path / "comite-sauvegarde-20261123-070000Z.zip"
    shutil.copyfile(HOSTILE / "autre-phrase.zip", locked)
    locked.chmod(0)
    assert "l’accès est refusé" in refused_without_writing(home, locked)
