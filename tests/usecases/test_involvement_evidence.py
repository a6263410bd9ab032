"""Evidence of an action of user involvement: copied beside the database when its content is a
PDF, a PNG or a JPEG, recorded in the same step; every hostile file of
tests/data/hostile/evidence/ (and the directory, the missing file, the file over 20 MB made
here) refused in French naming it, with nothing written — no copy, no row."""

import hashlib
from datetime import date
from pathlib import Path

import pytest

from comite.store import open_store
from comite.store.committee_models import StructureKind
from comite.store.errors import NotFound, ValidationError
from comite.store.involvement import ActionInput
from comite.store.involvement_models import ActionKind
from comite.sync.errors import InboxRefusal
from comite.sync.received_files import MAX_BYTES
from comite.usecases import paths
from comite.usecases.involvement import add_evidence, delete_action, remove_evidence

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "evidence"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "comite.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def action_id(store) -> int:
    msp = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")
    return store.involvement.create(msp.id, ActionInput(
        "Questionnaire de satisfaction", ActionKind.SATISFACTION_SURVEY, "01/03/2026")).id


def copies() -> list[str]:
    folder = paths.evidence_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def nothing_written(store, action_id: int) -> None:
    assert copies() == []
    assert store.involvement.get(action_id).evidence == ()


def test_a_pdf_is_copied_and_recorded_with_its_sha256(store, action_id, tmp_path):
    source = tmp_path / "Synthèse Dupont.pdf"
    source.write_bytes(PDF)
    evidence = add_evidence(store, action_id, source, "02/05/2026", "Synthèse des réponses")
    copy = Path(evidence.path)
    assert copy.parent == paths.evidence_dir() and copy.name.startswith("preuve-")
    assert "Dupont" not in copy.name and copy.suffix == ".pdf"
    assert copy.read_bytes() == PDF and evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (evidence.label, evidence.dated_on) == ("Synthèse des réponses", date(2026, 5, 2))
    assert store.involvement.get(action_id).evidence == (evidence,)


def test_removing_evidence_removes_the_row_then_the_file(store, action_id, tmp_path):
    source = tmp_path / "affiche.png"
    source.write_bytes(PNG)
    evidence = add_evidence(store, action_id, source, "2026-03-01")
    assert Path(evidence.path).suffix == ".png"
    remove_evidence(store, evidence.id)
    nothing_written(store, action_id)
    assert source.exists()  # the coordinator's own file is never touched


def test_deleting_an_action_removes_its_evidence_files(store, action_id, tmp_path):
    source = tmp_path / "a.pdf"
    source.write_bytes(PDF)
    add_evidence(store, action_id, source, "2026-03-01")
    add_evidence(store, action_id, source, "2026-03-02")
    assert len(copies()) == 2
    delete_action(store, action_id)
    assert copies() == []
    with pytest.raises(NotFound):
        store.involvement.get(action_id)


def test_a_copy_the_store_refuses_is_discarded(store, action_id, tmp_path):
    source = tmp_path / "a.pdf"
    source.write_bytes(PDF)
    with pytest.raises(ValidationError) as refused:
        add_evidence(store, action_id, source, "31/02/2026")
    assert "n’existe pas dans le calendrier" in refused.value.errors["dated_on"]
    nothing_written(store, action_id)
    with pytest.raises(NotFound):
        add_evidence(store, 9999, source, "2026-03-01")
    assert copies() == []


def test_every_hostile_evidence_file_is_listed_here():
    assert {p.name for p in HOSTILE.iterdir() if p.name != "README.md"} == {
        "compte-rendu-word.pdf", "page-web.pdf", "vide.pdf", "affiche.png", "affiche.jpg",
        "raccourci.pdf", "synthese.txt.pdf"}


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir() if p.name != "README.md"))
def test_a_hostile_file_is_refused_by_name_with_nothing_written(store, action_id, name):
    with pytest.raises(InboxRefusal) as refused:
        add_evidence(store, action_id, HOSTILE / name, "2026-03-01")
    assert name in refused.value.reason
    assert "n’est ni un PDF ni une image PNG ou JPEG" in refused.value.reason
    assert "PDF" in refused.value.advice
    nothing_written(store, action_id)


def test_a_directory_a_missing_file_and_a_huge_one_are_refused(store, action_id, tmp_path):
    folder = tmp_path / "preuve.pdf"
    folder.mkdir()
    huge = tmp_path / "scan-géant.pdf"
    with open(huge, "wb") as handle:
        handle.write(PDF)
        handle.truncate(MAX_BYTES + 1)
    said = {}
    for source in (folder, tmp_path / "absente.pdf", huge):
        with pytest.raises(InboxRefusal) as refused:
            add_evidence(store, action_id, source, "2026-03-01")
        said[source.name] = refused.value.reason
    assert "n’est pas un fichier ordinaire" in said["preuve.pdf"]
    assert "introuvable" in said["absente.pdf"]
    assert "trop gros pour une preuve" in said["scan-géant.pdf"]
    nothing_written(store, action_id)
