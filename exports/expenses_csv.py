"""Expenses of a year as a spreadsheet: one row per expense with its person, then a total row per
statement (person and structure) and the total of all. Amounts are written as French decimals
(« 12,48 ») in their own columns, so that a spreadsheet sums them; a cell a spreadsheet would
run as a formula gets an apostrophe before it (`year_csv.as_text`)."""

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from comite.exports.files import atomic_write
from comite.exports.year_csv import as_text
from comite.kernel.i18n import _
from comite.store.expense_models import amount_text, km_text, rate_text

if TYPE_CHECKING:  # reportlab stays unloaded for a CSV
    from comite.exports.pdf.expenses import Statement

HEADINGS = (_("Personne"), _("Structure"), _("Date"), _("Réunion ou objet"), _("Kilomètres"),
            _("Taux (€/km)"), _("Indemnité kilométrique (€)"), _("Autres frais (€)"),
            _("Nature des autres frais"), _("Montant (€)"), _("Justificatifs"))


def expenses_csv(statements: "list[Statement]") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for statement in statements:
        for expense in statement.expenses:
            writer.writerow([as_text(cell) for cell in (
                statement.person_name, statement.structure_name, expense.spent_on.isoformat(),
                expense.label, km_text(expense.km), rate_text(expense.km_rate_mills),
                amount_text(expense.km_cents), amount_text(expense.other_cents), expense.other_label,
                amount_text(expense.amount_cents), str(len(expense.receipts)))])
        writer.writerow([as_text(cell) for cell in (
            statement.person_name, statement.structure_name, "", _("Total"),
            km_text(statement.km), "", "", "", "", amount_text(statement.total_cents), "")])
    everything = sum(statement.total_cents for statement in statements)
    writer.writerow([_("Total général"), "", "", "", km_text(sum(s.km for s in statements)), "",
                     "", "", "", amount_text(everything), ""])
    return buffer.getvalue().encode("utf-8-sig")


def write_expenses_csv(statements: "list[Statement]", path: Path) -> Path:
    """Write the file at once: never a half-written one."""
    return atomic_write(Path(path), expenses_csv(statements))
