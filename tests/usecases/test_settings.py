"""The settings' folders are checked like any form: full paths, a folder that exists or whose
parent does (created only once the coordinator agreed), French reasons, never the system's
English, and a relative path never read from wherever the app was started."""

import errno
from pathlib import Path

import pytest

from comite.store.errors import ValidationError
from comite.usecases import paths
from comite.usecases.settings import (
    FOLDERS,
    Settings,
    chosen_folder,
    create_folders,
    missing_folders,
    validated,
)


def refusal(**typed: str) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        validated(Settings(**typed))
    return refused.value.errors


@pytest.mark.parametrize("field", FOLDERS)
def test_a_relative_folder_is_refused_and_says_to_give_the_full_path(field):
    assert "chemin complet" in refusal(**{field: "exports/comite"})[field]


@pytest.mark.parametrize("field", FOLDERS)
def test_a_folder_whose_parent_is_missing_is_refused_and_nothing_is_made(field, tmp_path):
    typed = tmp_path / "absent" / "encore" / field
    assert "Ni ce dossier ni le dossier qui le contient" in refusal(**{field: str(typed)})[field]
    assert not (tmp_path / "absent").exists()


@pytest.mark.parametrize("field", FOLDERS)
def test_a_file_or_a_path_through_a_file_is_refused(field, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("x")
    assert "C’est un fichier" in refusal(**{field: str(note)})[field]
    assert "est un fichier, pas un dossier" in refusal(**{field: str(note / "dedans")})[field]


def test_an_invisible_character_is_refused(tmp_path):
    assert "caractère invisible" in refusal(outbox=f"{tmp_path}/en\x00voi")["outbox"]


def test_a_missing_folder_is_accepted_then_listed_to_ask_before_creating_it(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    settings = validated(Settings(inbox=str(tmp_path / "reponses"), outbox=str(tmp_path),
                                  exports="~/exports"))
    assert missing_folders(settings) == [("inbox", tmp_path / "reponses"),
                                         ("exports", tmp_path / "exports")]
    assert not (tmp_path / "reponses").exists(), "nothing is made before the coordinator agrees"
    create_folders(missing_folders(settings))
    assert (tmp_path / "reponses").is_dir() and (tmp_path / "exports").is_dir()
    assert missing_folders(settings) == []


def test_a_folder_that_cannot_be_created_says_why_in_french(tmp_path, monkeypatch):
    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "mkdir", full)
    with pytest.raises(ValidationError) as refused:
        create_folders([("outbox", tmp_path / "envoi")])
    said = refused.value.errors["outbox"]
    assert said == "Le dossier n’a pas pu être créé : le disque est plein."
    assert "No space" not in said


def test_the_inbox_is_a_folder_of_its_own(tmp_path):
    assert "dossier à elle" in refusal(inbox=str(tmp_path), exports=str(tmp_path))["inbox"]
    paths.data_dir().mkdir(parents=True)
    assert "dossier à elle" in refusal(inbox=str(paths.data_dir() / "boite-d-envoi"))["inbox"]
    validated(Settings(inbox=str(tmp_path / "a"), outbox=str(tmp_path)))


def test_a_relative_folder_saved_earlier_is_read_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings(exports="exports-comite", backup_folder="sauvegardes")
    assert settings.folder("exports") == paths.data_dir() / "exports-comite"
    assert chosen_folder(settings.backup_folder) == paths.data_dir() / "sauvegardes"
    assert Settings(outbox="~/envoi").folder("outbox") == Path.home() / "envoi"


def test_a_folder_left_as_saved_is_not_checked_again(tmp_path):
    unplugged = str(tmp_path / "cle-usb" / "sauvegardes")
    saved = Settings(backup_folder=unplugged, exports="ancien")
    again = validated(Settings(backup_folder=unplugged, exports="ancien",
                               coordinator_phone="05 94 00 00 00"), saved=saved)
    assert again.coordinator_phone == "05 94 00 00 00" and again.backup_folder == unplugged
    assert missing_folders(again, saved=saved) == []
    assert "Ni ce dossier" in refusal(backup_folder=unplugged)["backup_folder"]


def test_the_coordinators_role_is_one_line_and_is_saved(tmp_path):
    """Issue 22: the role signs every message (« Martine Perrin, coordinatrice de la MSP »)."""
    from comite.usecases.settings import load, save

    typed = validated(Settings(coordinator_role="  coordinatrice\n de la MSP. "))
    assert typed.coordinator_role == "coordinatrice de la MSP"
    save(typed, tmp_path / "settings.toml")
    assert load(tmp_path / "settings.toml")[0].coordinator_role == "coordinatrice de la MSP"
    assert "trop long" in refusal(coordinator_role="x" * 81)["coordinator_role"]
