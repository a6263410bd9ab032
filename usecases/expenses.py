"""Expenses of the users who engage, where files are involved. Receipts: a ticket or an invoice
the coordinator points at is checked by its content, copied beside the database
(`paths.receipts_dir()`), then recorded; removing a receipt, or the expense, removes the copies
too. Statements: per person, structure and year, as a PDF or a spreadsheet. Called alike by the
app and the command line."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from comite.kernel.i18n import _
from comite.store import Refused, Store, StoreError
from comite.store.committee_models import Letterhead
from comite.store.expense_models import Expense, Receipt
from comite.sync.received_files import Document, discard, receive_and_record
from comite.usecases import paths

if TYPE_CHECKING:  # reportlab: imported where a PDF is made, never at start-up
    from comite.exports.pdf.expenses import Statement
    from comite.exports.pdf.letterhead import Stationery

RECEIPT = Document(
    prefix="justificatif", noun=_("un justificatif"),
    what=_("Un justificatif se joint en PDF, ou en image PNG ou JPEG (photo ou scan du ticket, "
           "de la facture) ; une photo HEIC d’iPhone s’exporte d’abord en JPEG."))


def attach_receipt(store: Store, expense_id: int, source: Path, label: str = "") -> Receipt:
    """Raises InboxRefusal (French reason and advice) for a file that is not a receipt, OSError
    when the copy cannot be written; either way nothing is kept. A copy the store refuses
    (the expense removed meanwhile, a label refused) is taken away again."""
    return receive_and_record(
        Path(source), paths.receipts_dir(), RECEIPT,
        lambda copy, sha256: store.expenses.add_receipt(expense_id, label, str(copy), sha256))


def remove_receipt(store: Store, receipt_id: int) -> Receipt:
    receipt = store.expenses.remove_receipt(receipt_id)
    discard(receipt.path, paths.receipts_dir())
    return receipt


def delete_expense(store: Store, expense_id: int) -> Expense:
    """The expense and its receipts' copies."""
    expense = store.expenses.delete(expense_id)
    for receipt in expense.receipts:
        discard(receipt.path, paths.receipts_dir())
    return expense


# ---- statements ------------------------------------------------------------------------------


class NoExpenses(StoreError):
    """Nothing recorded to state (exit code 1: nothing was written, nothing was wrong)."""


def statements(store: Store, year: int, person_id: int | None = None,
               structure_id: int | None = None) -> "list[Statement]":
    """The year's statements: one per person and structure that reimburses them, by name."""
    from comite.exports.pdf.expenses import Statement

    found = (store.expenses.of_person(person_id, year) if person_id is not None
             else store.expenses.of_year(year, structure_id))
    if structure_id is not None:
        found = [expense for expense in found if expense.structure_id == structure_id]
    groups: dict[tuple[int, int | None], list[Expense]] = {}
    for expense in found:
        groups.setdefault((expense.person_id, expense.structure_id), []).append(expense)
    made = [Statement(person_name=store.people.get(person).full_name,
                      structure_name=expenses[0].structure_name, year=year,
                      stationery=_stationery(store, structure), expenses=tuple(expenses))
            for (person, structure), expenses in groups.items()]
    return sorted(made, key=lambda s: (s.person_name.casefold(), s.structure_name.casefold()))


def write_expense_report(store: Store, year: int, out: Path, today: date, *,
                         person_id: int | None = None, structure_id: int | None = None) -> Path:
    """The statements as a PDF, or as a spreadsheet (.csv); raises NoExpenses when there is
    nothing to state, Refused for another kind of file."""
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".csv"):
        raise Refused(_("Les états de frais s’écrivent en PDF ou en CSV : nommez un fichier "
                        ".pdf ou .csv."))
    made = statements(store, year, person_id, structure_id)
    if not made:
        raise NoExpenses(_nothing_said(store, year, person_id))
    if suffix == ".csv":
        from comite.exports.expenses_csv import write_expenses_csv

        return write_expenses_csv(made, out)
    from comite.exports.pdf.expenses import write_statements

    return write_statements(made, today, out)


def _nothing_said(store: Store, year: int, person_id: int | None) -> str:
    if person_id is None:
        return _("Aucuns frais inscrits en {year} : aucun état de frais à écrire.").format(
            year=year)
    return _("Aucuns frais inscrits pour {name} en {year} : aucun état de frais à écrire "
             "(les frais s’inscrivent sur sa fiche, rubrique « Frais », ou depuis la "
             "séance).").format(name=store.people.get(person_id).full_name, year=year)


def _stationery(store: Store, structure_id: int | None) -> "Stationery":
    from comite.exports.pdf.letterhead import Stationery
    from comite.usecases.letterhead import stationery

    if structure_id is None:  # the structure was deleted since: its rows stay, unheaded
        return Stationery(Letterhead(name=""))
    return stationery(store, structure_id)
