"""Training certificates: a real PDF, PNG or JPEG is copied beside the database with its sha256;
anything else (tests/data/hostile/attestation/, a file too big, a folder, a missing path, a named
pipe) is refused in French with nothing written."""

import hashlib
import io
import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from comite.sync.errors import InboxRefusal
from comite.sync.received_files import MAX_BYTES
from comite.sync.training_certificates import discard, receive_certificate

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "attestation"
HOSTILE_FILES = sorted(p.name for p in HOSTILE.iterdir() if p.name != "README.md")


def make_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawString(72, 760, "Attestation de formation de base des représentants des usagers")
    canvas.showPage()
    canvas.save()
    return path


def make_image(path: Path, kind: str) -> Path:
    from PIL import Image

    Image.new("RGB", (40, 20), (200, 30, 30)).save(path, kind)
    return path


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_pdf_is_copied_with_its_sha256(tmp_path):
    source = make_pdf(tmp_path / "attestation RU.pdf")
    folder = tmp_path / "formations"
    copy, sha = receive_certificate(source, folder)
    assert copy.parent == folder and copy.suffix == ".pdf"
    assert copy.read_bytes() == source.read_bytes()
    assert sha == hashlib.sha256(source.read_bytes()).hexdigest()
    assert "RU" not in copy.name, "the copy's name says nothing of the person or the file"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert "représentants des usagers" in PdfReader(copy).pages[0].extract_text()
    assert source.exists(), "the coordinator's own file stays where it was"


@pytest.mark.parametrize(("kind", "suffix"), [("PNG", ".png"), ("JPEG", ".jpg")])
def test_an_image_is_copied_under_the_suffix_of_its_content(tmp_path, kind, suffix):
    from PIL import Image

    # A photo named .pdf: what it is counts, not its name.
    source = make_image(tmp_path / "photo.pdf", kind)
    copy, sha = receive_certificate(source, tmp_path / "formations")
    assert copy.suffix == suffix
    assert sha == hashlib.sha256(source.read_bytes()).hexdigest()
    assert Image.open(io.BytesIO(copy.read_bytes())).size == (40, 20)


def test_two_copies_of_one_file_are_two_files(tmp_path):
    """Removing one training's certificate must never take another training's."""
    source = make_pdf(tmp_path / "a.pdf")
    folder = tmp_path / "formations"
    first, _sha = receive_certificate(source, folder)
    second, _sha = receive_certificate(source, folder)
    assert first != second
    assert discard(first, folder)
    assert second.exists()


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_hostile_files_are_refused_and_nothing_is_written(tmp_path, name):
    folder = tmp_path / "formations"
    with pytest.raises(InboxRefusal) as refused:
        receive_certificate(HOSTILE / name, folder)
    assert name in refused.value.reason
    assert "ni un PDF ni une image PNG ou JPEG" in refused.value.reason
    assert "PDF" in refused.value.advice
    assert files_in(folder) == []


def test_too_big_a_file_is_refused_unread(tmp_path):
    big = tmp_path / "scan-600dpi.pdf"
    with open(big, "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(MAX_BYTES + 1)  # sparse: 20 MB on paper, nothing on the disk
    folder = tmp_path / "formations"
    with pytest.raises(InboxRefusal) as refused:
        receive_certificate(big, folder)
    assert "trop gros" in refused.value.reason and "20 Mo" in refused.value.reason
    assert files_in(folder) == []


def test_a_file_of_exactly_20_mb_is_taken(tmp_path):
    edge = tmp_path / "limite.pdf"
    with open(edge, "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(MAX_BYTES)
    copy, _sha = receive_certificate(edge, tmp_path / "formations")
    assert copy.stat().st_size == MAX_BYTES


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "formations"
    with pytest.raises(InboxRefusal) as refused:
        receive_certificate(tmp_path, folder)
    assert "n’est pas un fichier ordinaire" in refused.value.reason
    assert files_in(folder) == []


def test_a_missing_file_is_refused(tmp_path):
    folder = tmp_path / "formations"
    with pytest.raises(InboxRefusal) as refused:
        receive_certificate(tmp_path / "envolée.pdf", folder)
    assert "Fichier introuvable : envolée.pdf" in refused.value.reason
    assert "Ctrl+O" in refused.value.advice
    assert not folder.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_without_being_opened(tmp_path):
    pipe = tmp_path / "attestation.pdf"
    os.mkfifo(pipe)
    with pytest.raises(InboxRefusal) as refused:
        receive_certificate(pipe, tmp_path / "formations")  # opening it would block forever
    assert "n’est pas un fichier ordinaire" in refused.value.reason


def test_discard_removes_only_inside_the_certificates_folder(tmp_path):
    folder = tmp_path / "formations"
    mine, _sha = receive_certificate(make_pdf(tmp_path / "a.pdf"), folder)
    elsewhere = make_pdf(tmp_path / "ailleurs.pdf")
    assert not discard(elsewhere, folder), "a path recorded elsewhere is never ours to delete"
    assert not discard(folder / ".." / "ailleurs.pdf", folder)
    assert elsewhere.exists()
    assert not discard("", folder)
    assert discard(str(mine), folder)
    assert not mine.exists()
    assert not discard(mine, folder), "already gone: nothing to do"
