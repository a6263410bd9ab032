"""Receipts of expenses: a real PDF or photo is copied beside the database and recorded; every
hostile file (tests/data/hostile/receipts/) is refused in French with nothing written; removing
a receipt or its expense removes the copy."""

import hashlib
from pathlib import Path

import pytest

from comite.store import NotFound, open_store
from comite.store.committee_models import StructureKind
from comite.store.expenses import ExpenseInput
from comite.store.people import PersonInput
from comite.sync.errors import InboxRefusal
from comite.sync.received_files import MAX_BYTES
from comite.usecases import paths
from comite.usecases.expenses import attach_receipt, delete_expense, remove_receipt

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "receipts"
HOSTILE_FILES = sorted(p.name for p in HOSTILE.iterdir() if p.name != "README.md")


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "comite.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def expense(store):
    structure = store.structures.create("MSP des Tilleuls", StructureKind.MSP, km_rate="0,32")
    person = store.people.create(PersonInput(last_name="Martin", first_name="Louise"))
    return store.expenses.create(person.id, ExpenseInput(
        spent_on="12/03/2026", structure_id=structure.id, other="4,50", other_label="Parking"))


def make_pdf(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    canvas.drawString(72, 760, "Ticket de parking — 4,50 €")
    canvas.showPage()
    canvas.save()
    return path


def kept_files() -> list[Path]:
    folder = paths.receipts_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_receipt_is_copied_recorded_and_removed(store, expense, tmp_path):
    source = make_pdf(tmp_path / "ticket Louise Martin.pdf")
    receipt = attach_receipt(store, expense.id, source, "Ticket de parking")
    copy = Path(receipt.path)
    assert copy.parent == paths.receipts_dir() and copy.name.startswith("justificatif-")
    assert "Martin" not in copy.name
    assert receipt.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert store.expenses.get(expense.id).receipts == (receipt,)
    remove_receipt(store, receipt.id)
    assert not copy.exists() and store.expenses.get(expense.id).receipts == ()
    assert source.exists(), "the coordinator's own file stays where it was"


def test_deleting_the_expense_removes_its_receipts_copies(store, expense, tmp_path):
    receipts = [attach_receipt(store, expense.id, make_pdf(tmp_path / f"{n}.pdf"))
                for n in range(2)]
    delete_expense(store, expense.id)
    assert not any(Path(r.path).exists() for r in receipts)
    assert kept_files() == []


def test_a_copy_the_store_refuses_is_taken_away(store, expense, tmp_path):
    store.expenses.delete(expense.id)
    with pytest.raises(NotFound, match="n’existe plus"):
        attach_receipt(store, expense.id, make_pdf(tmp_path / "ticket.pdf"))
    assert kept_files() == []


def _nothing_written(store, expense) -> None:
    assert kept_files() == []
    assert store.expenses.get(expense.id).receipts == ()


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_a_hostile_receipt_is_refused_in_french_with_nothing_written(store, expense, name):
    with pytest.raises(InboxRefusal) as refused:
        attach_receipt(store, expense.id, HOSTILE / name)
    assert name in refused.value.reason
    assert "n’est ni un PDF ni une image PNG ou JPEG" in refused.value.reason
    assert "Un justificatif se joint en PDF" in refused.value.advice
    _nothing_written(store, expense)


def test_a_huge_file_a_folder_and_a_missing_path_are_refused(store, expense, tmp_path):
    huge = tmp_path / "scan.pdf"
    with open(huge, "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing to write on the test's disk
    folder = tmp_path / "tickets.pdf"
    folder.mkdir()
    for source, said in ((huge, "trop gros pour un justificatif"),
                         (folder, "n’est pas un fichier ordinaire"),
                         (tmp_path / "absent.pdf", "Fichier introuvable")):
        with pytest.raises(InboxRefusal, match=said):
            attach_receipt(store, expense.id, source)
    _nothing_written(store, expense)
