"""Expenses' receipts: a ticket or an invoice the coordinator points at is checked by its content,
copied beside the database (`paths.receipts_dir()`), then recorded; removing a receipt, or the
expense, removes the copies too. Called alike by the app and the command line."""

import contextlib
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Store
from comite.store.expense_models import Expense, Receipt
from comite.sync.received_files import Document, discard, receive
from comite.usecases import paths

RECEIPT = Document(
    prefix="justificatif", noun=_("un justificatif"),
    what=_("Un justificatif se joint en PDF, ou en image PNG ou JPEG (photo ou scan du ticket, "
           "de la facture) ; une photo HEIC d’iPhone s’exporte d’abord en JPEG."))


def attach_receipt(store: Store, expense_id: int, source: Path, label: str = "") -> Receipt:
    """Raises InboxRefusal (French reason and advice) for a file that is not a receipt, OSError
    when the copy cannot be written; either way nothing is kept. A copy the store refuses
    (the expense removed meanwhile, a label refused) is taken away again."""
    folder = paths.receipts_dir()
    copy, sha256 = receive(source, folder, RECEIPT)
    try:
        return store.expenses.add_receipt(expense_id, label, str(copy), sha256)
    except BaseException:
        discard(copy, folder)
        raise


def remove_receipt(store: Store, receipt_id: int) -> Receipt:
    receipt = store.expenses.remove_receipt(receipt_id)
    _discard(receipt.path)
    return receipt


def delete_expense(store: Store, expense_id: int) -> Expense:
    """The expense and its receipts' copies."""
    expense = store.expenses.delete(expense_id)
    for receipt in expense.receipts:
        _discard(receipt.path)
    return expense


def _discard(path: str) -> None:
    # The record no longer points at it: at worst a leftover the next erasure or backup
    # sweep meets, never a record pointing at nothing.
    with contextlib.suppress(OSError):
        discard(path, paths.receipts_dir())
