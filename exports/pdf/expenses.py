"""Expense statements (« état de frais ») of the users who engage, per person, structure and year.

Each statement: the structure's letterhead; « État de frais {year} »; the person's name; one
line per expense — the day, what it was for (the meeting's title, else the note), the
kilometres × the rate in force that day, the other costs with what they are, the amount and
whether a receipt is attached —; the total. Several statements make one PDF, a page each, and
a last page of totals (per person, then the whole).

Amounts are the store's (`comite.store.expense_models`): this module adds nothing up itself
beyond the totals, from cents. Every text from the database goes through `markup`.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from comite.exports.french import NBSP, day_month_year
from comite.exports.pdf.document import (
    RULE,
    SHADE,
    DocumentInfo,
    markup,
    render_pdf,
    styles,
    table,
)
from comite.exports.pdf.letterhead import Stationery, letterhead_block
from comite.exports.pdf.letters import paragraph, widths
from comite.kernel.i18n import _
from comite.store.expense_models import Expense, euros, km_text, rate_text


@dataclass(frozen=True, slots=True)
class Statement:
    """One person's expenses of one year, at one structure (who reimburses them)."""

    person_name: str
    structure_name: str
    year: int
    stationery: Stationery
    expenses: tuple[Expense, ...]

    @property
    def total_cents(self) -> int:
        return sum(expense.amount_cents for expense in self.expenses)

    @property
    def km(self) -> float:
        return sum(expense.km for expense in self.expenses)


def statements_pdf(statements: list[Statement], made_on: date) -> bytes:
    """The statements, a page (or more) each; several end with a page of totals."""
    story: list[Flowable] = []
    for number, statement in enumerate(statements):
        if number:
            story.append(PageBreak())
        story += _statement(statement, made_on)
    if len(statements) > 1:
        story += [PageBreak(), *_totals(statements, made_on)]
    return render_pdf(story, _info(statements))


def write_statements(statements: list[Statement], made_on: date, out: Path) -> Path:
    """Write the PDF at once (never half a file) and return `out`."""
    from comite.exports.files import atomic_write

    atomic_write(out, statements_pdf(statements, made_on))
    return out


def _statement(statement: Statement, made_on: date) -> list[Flowable]:
    s = styles()
    return [
        letterhead_block(statement.stationery),
        Spacer(1, 6 * mm),
        paragraph(_("État de frais {year}").format(year=statement.year), s.title),
        paragraph(_("Remboursement des frais de {name}").format(
            name=f"<b>{markup(statement.person_name)}</b>"), s.body),
        Spacer(1, 3 * mm),
        _lines(statement),
        Spacer(1, 4 * mm),
        paragraph(_("Établi le {day}, d’après les frais inscrits dans comite. Les kilomètres "
                    "sont comptés au taux de la structure le jour où chaque dépense a été "
                    "inscrite ; chaque montant est arrondi au centime le plus proche.").format(
                        day=day_month_year(made_on).replace(" ", NBSP)), s.small),
    ]


_HEADINGS = (_("Date"), _("Objet"), _("Kilomètres"), _("Autres frais"), _("Montant"),
             _("Justif."))


def _lines(statement: Statement) -> Flowable:
    cell, right = _cell(), _right()
    head = [paragraph(f"<b>{text}</b>", right if number == 4 else cell)
            for number, text in enumerate(_HEADINGS)]
    rows = [head]
    for expense in statement.expenses:
        rows.append([
            paragraph(expense.spent_on.strftime("%d/%m/%Y"), cell),
            paragraph(markup(expense.label or _("Frais")), cell),
            paragraph(_kilometres(expense), cell),
            paragraph(_other(expense), cell),
            paragraph(euros(expense.amount_cents), right),
            paragraph(_("oui") if expense.receipts else _("non"), cell),
        ])
    rows.append(["", paragraph(f"<b>{_('Total')}</b>", cell), "", "",
                 paragraph(f"<b>{euros(statement.total_cents)}</b>", right), ""])
    return table(rows, widths(0.14, 0.26, 0.2, 0.17, 0.12, 0.11), [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 1, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (5, 0), (5, -1), 8),
    ], repeatRows=1)


@cache
def _cell() -> ParagraphStyle:
    """A table's cell: a little smaller than the text, so that a line of six columns holds a
    distance and its rate whole, still in full black."""
    return ParagraphStyle("expense_cell", parent=styles().cell, fontSize=9.5, leading=12)


@cache
def _right() -> ParagraphStyle:
    """Amounts line up on the right, as in any account."""
    return ParagraphStyle("expense_right", parent=_cell(), alignment=TA_RIGHT)


def _kilometres(expense: Expense) -> str:
    """« 12,5 km × 0,32 € », then « = 4,00 € » below; « — » when none."""
    if not expense.km:
        return "—"
    return _("{km}{nbsp}km{nbsp}×{nbsp}{rate}{nbsp}€<br/>= {amount}").format(
        km=km_text(expense.km), rate=rate_text(expense.km_rate_mills), nbsp=NBSP,
        amount=euros(expense.km_cents))


def _other(expense: Expense) -> str:
    if not expense.other_cents:
        return "—"
    return f"{markup(expense.other_label)}<br/>{euros(expense.other_cents)}"


def _totals(statements: list[Statement], made_on: date) -> list[Flowable]:
    s = styles()
    cell, right = _cell(), _right()
    rows = [[paragraph(f"<b>{text}</b>", right if number > 1 else cell) for number, text in
             enumerate((_("Personne"), _("Structure"), _("Dépenses"), _("Kilomètres"),
                        _("Montant")))]]
    for statement in statements:
        rows.append([paragraph(markup(statement.person_name), cell),
                     paragraph(markup(statement.structure_name), cell),
                     paragraph(str(len(statement.expenses)), right),
                     paragraph(km_text(statement.km), right),
                     paragraph(euros(statement.total_cents), right)])
    rows.append([paragraph(f"<b>{_('Total')}</b>", cell), "",
                 paragraph(str(sum(len(st.expenses) for st in statements)), right),
                 paragraph(km_text(sum(st.km for st in statements)), right),
                 paragraph(f"<b>{euros(sum(st.total_cents for st in statements))}</b>",
                           right)])
    return [
        letterhead_block(statements[0].stationery) if _one_structure(statements) else Spacer(1, 0),
        Spacer(1, 6 * mm),
        paragraph(_("Frais {year} : récapitulatif").format(year=statements[0].year), s.title),
        Spacer(1, 3 * mm),
        table(rows, widths(0.26, 0.28, 0.14, 0.16, 0.16), [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("LINEABOVE", (0, -1), (-1, -1), 1, RULE),
        ], repeatRows=1),
        Spacer(1, 4 * mm),
        paragraph(_("Établi le {day}.").format(day=day_month_year(made_on).replace(" ", NBSP)),
                  s.small),
    ]


def _one_structure(statements: list[Statement]) -> bool:
    return len({statement.structure_name for statement in statements}) == 1


def _info(statements: list[Statement]) -> DocumentInfo:
    first = statements[0]
    names = {statement.person_name for statement in statements}
    title = (_("État de frais {year} — {name}").format(year=first.year, name=first.person_name)
             if len(names) == 1 else _("États de frais {year}").format(year=first.year))
    return DocumentInfo(title=title, author=first.structure_name,
                        subject=_("Frais des usagers qui s’engagent (défraiement)"))
