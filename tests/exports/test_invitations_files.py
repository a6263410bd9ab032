"""atomic_write never leaves half a file nor a temporary one; slug makes safe file names."""

import os

import pytest

from comite.exports.files import atomic_write, slug


def temporaries(folder):
    return [path for path in folder.iterdir() if path.name.endswith(".tmp")]


def test_writes_creating_the_folders_and_replaces_an_older_file(tmp_path):
    target = tmp_path / "a" / "b" / "invitation.ics"
    assert atomic_write(target, b"premier") == target
    atomic_write(target, b"second")
    assert target.read_bytes() == b"second"
    assert os.listdir(target.parent) == ["invitation.ics"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary_one(tmp_path):
    target = tmp_path / "invitation.ics"
    target.write_bytes(b"ancien")
    with pytest.raises(TypeError):
        atomic_write(target, "pas des octets")  # type: ignore[arg-type]
    assert target.read_bytes() == b"ancien" and temporaries(tmp_path) == []


def test_a_failed_replace_removes_the_temporary_one(tmp_path):
    target = tmp_path / "occupé"
    (target / "dedans").mkdir(parents=True)
    with pytest.raises(OSError):
        atomic_write(target, b"contenu")
    assert target.is_dir() and temporaries(tmp_path) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Comité de printemps", "comite-de-printemps"),
    ("Œuvre sociale & Cœur", "oeuvre-sociale-coeur"),
    ('Dupont & <b>Fils</b> "Le Grand" ; , :', "dupont-b-fils-b-le-grand"),
    ("../../etc/passwd", "etc-passwd"),
    ("???", "sans-nom"),
    ("Réunion " * 20, "reunion-reunion-reunion-reunion-reunion"),
])
def test_slug(text, expected):
    assert slug(text) == expected
    assert len(slug(text)) <= 40
