"""A structure's logo: taken only when its content is a sound PNG or JPEG of reasonable size,
copied into the data folder's logos/ under its sha256; every hostile file of
tests/data/hostile/logo/ refused with a French message naming it, nothing copied."""

import hashlib
import os
from pathlib import Path

import pytest

from comite.store import open_store
from comite.store.committee_models import StructureKind
from comite.store.errors import ValidationError
from comite.usecases import paths
from comite.usecases.letterhead import (
    FIELD,
    check_logo,
    keep,
    logo_by_sha256,
    logo_file,
    person_stationery,
    stationery,
)
from tests.exports.logos import make_heavy_png, make_logo

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "logo"
# Each hostile file and a word its refusal must say.
REFUSALS = {
    "texte.png": "n’est pas une image PNG ou JPEG",
    "document.png": "n’est pas une image PNG ou JPEG",
    "logo.svg": "n’est pas une image PNG ou JPEG",
    "image.gif": "n’est pas une image PNG ou JPEG",
    "vide.png": "n’est pas une image PNG ou JPEG",
    "tronque.png": "abîmée ou incomplète",
    "tronque.jpg": "abîmée ou incomplète",
    "faux-jpeg.jpg": "abîmée ou incomplète",
    "octet-change.png": "abîmée ou incomplète",
    "bombe.png": "trop de pixels",
}


def refusal(source: Path) -> str:
    with pytest.raises(ValidationError) as raised:
        check_logo(source)
    assert list(raised.value.errors) == [FIELD]
    return raised.value.errors[FIELD]


def test_every_hostile_logo_is_listed_here():
    assert {p.name for p in HOSTILE.iterdir() if p.name != "README.md"} == set(REFUSALS)


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_a_hostile_logo_is_refused_by_name_and_nothing_is_copied(name: str):
    message = refusal(HOSTILE / name)
    assert name in message and REFUSALS[name] in message
    assert not paths.logos_dir().exists()


def test_a_logo_over_2_mb_is_refused_before_it_is_decoded(tmp_path: Path):
    heavy = make_heavy_png(tmp_path / "logo-haute-definition.png")
    assert heavy.stat().st_size > 2 * 2**20
    message = refusal(heavy)
    assert "logo-haute-definition.png est trop lourd pour un logo (2,9 Mo ; 2 Mo au plus)" in message


def test_a_folder_and_a_missing_path_are_refused(tmp_path: Path):
    (tmp_path / "logos.png").mkdir()
    assert "n’est pas un fichier ordinaire" in refusal(tmp_path / "logos.png")
    assert "Fichier introuvable : absent.png" in refusal(tmp_path / "absent.png")


def test_a_wide_but_small_image_is_refused_by_its_side(tmp_path: Path):
    banner = make_logo(tmp_path / "banniere.png", (4001, 40))
    assert "trop de pixels" in refusal(banner)
    assert check_logo(make_logo(tmp_path / "juste.png", (4000, 40))).suffix == "png"


@pytest.mark.parametrize(("kind", "name", "suffix"), [
    ("PNG", "logo.png", "png"), ("JPEG", "logo.jpeg", "jpg"),
    ("PNG", "renommé.jpg", "png"),  # taken by its content, named by it
])
def test_a_sound_logo_is_copied_under_its_sha256(tmp_path: Path, kind: str, name: str, suffix: str):
    source = make_logo(tmp_path / name, kind=kind)
    logo = check_logo(source)
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    assert logo.file_name == f"{sha}.{suffix}"
    copy = keep(logo)
    assert copy == paths.logos_dir() / logo.file_name
    assert copy.read_bytes() == source.read_bytes()
    assert logo_file(logo.file_name) == copy and logo_by_sha256(sha) == copy
    written = copy.stat().st_mtime_ns
    os.utime(copy, ns=(written - 10**9, written - 10**9))
    assert keep(logo) == copy and copy.stat().st_mtime_ns == written - 10**9  # not written again


def test_a_logo_file_gone_or_changed_is_no_logo(tmp_path: Path):
    copy = keep(check_logo(make_logo(tmp_path / "logo.png")))
    assert logo_file(copy.name) == copy
    copy.write_bytes(copy.read_bytes() + b"\0")  # no longer the file that was checked
    assert logo_file(copy.name) is None
    copy.unlink()
    assert logo_file(copy.name) is None
    assert logo_file("") is None and logo_file("../comite.sqlite") is None


def test_the_letterhead_handed_to_the_exports(tmp_path: Path):
    store = open_store(tmp_path / "comite.sqlite")
    try:
        msp = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont",
                                      address="12 rue des Tilleuls", phone="04 65 71 20 10")
        logo = check_logo(make_logo(tmp_path / "logo.png"))
        store.structures.set_logo(msp.id, logo.file_name)
        assert stationery(store, msp.id).logo is None  # not copied: printed without it
        copy = keep(logo)
        made = stationery(store, msp.id)
        assert made.logo == copy and made.letterhead == store.structures.letterhead(msp.id)
        # Someone without a seat: the only structure speaks; with two, none can.
        assert person_stationery(store, 999).letterhead.name == "MSP des Tilleuls"
        store.structures.create("Centre hospitalier", StructureKind.HOSPITAL)
        assert person_stationery(store, 999) is None
    finally:
        store.close()
