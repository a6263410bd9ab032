"""Expense statements on the example's expenses: the PDF read back with pypdf (each person's
lines and total equal to the store's), every page rendered; the CSV read back with Python's csv
(a row per expense, totals, and a cell a spreadsheet would run neutralised)."""

import csv
import io
import re
from datetime import date

import pytest

from comite.exports.expenses_csv import HEADINGS, expenses_csv
from comite.exports.pdf.expenses import statements_pdf
from comite.store.expense_models import euros
from comite.store.expenses import ExpenseInput
from comite.usecases.expenses import NoExpenses, statements, write_expense_report
from tests.exports.pdf_pages import assert_renders_well, flat, texts

MADE_ON = date(2026, 12, 1)


@pytest.fixture
def expenses(example):
    return example


def person(store, name: str) -> int:
    first, last = name.split(" ", 1)
    return store.db.connection().execute(
        "SELECT id FROM people WHERE first_name = ? AND last_name = ?", (first, last)).fetchone()[0]


def plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def test_one_persons_statement_reads_back_with_the_stores_total(expenses, tmp_path):
    martine = person(expenses, "Martine Perrin")
    made = statements(expenses, 2026, person_id=martine)
    assert len(made) == 1 and made[0].total_cents == 313 + 313 + 763
    pdf = statements_pdf(made, MADE_ON)
    pages = texts(pdf)
    assert len(pages) == 1
    text = flat(pages[0])
    assert "Centre hospitalier de Valmont" in text  # the letterhead
    assert "État de frais 2026" in text and "Martine Perrin" in text
    assert "CDU — qualité et sécurité des soins" in text
    assert "12,5 km × 0,25 € = 3,13 €" in text and "26/02/2026" in text
    assert "Parking de l’hôpital 4,50 €" in text
    assert plain(euros(made[0].total_cents)) == "13,89 €" and "Total 13,89 €" in text
    assert "Établi le 1er décembre 2026" in text
    assert text.count(" non") == 3  # no receipt attached yet
    assert assert_renders_well(pdf, tmp_path, "expenses-one") == 1


def test_everybodys_statements_a_page_each_then_the_totals(expenses, tmp_path):
    made = statements(expenses, 2026)
    assert [s.person_name for s in made] == ["Chloé Muller", "Inès David", "Léo Lambert",
                                             "Martine Perrin"]
    store_total = sum(e.amount_cents for e in expenses.expenses.of_year(2026))
    out = write_expense_report(expenses, 2026, tmp_path / "frais.pdf", MADE_ON)
    pages = [flat(page) for page in texts(out)]
    assert len(pages) == 5
    for page, statement in zip(pages, made, strict=False):
        assert statement.person_name in page
        assert f"Total {plain(euros(statement.total_cents))}" in page
    totals = pages[-1]
    assert "Frais 2026 : récapitulatif" in totals
    found = re.search(r"Total 10 [\d,]+ ([\d  ,]+ €)", totals)
    assert found and found.group(1) == plain(euros(store_total))
    assert assert_renders_well(out, tmp_path, "expenses-all") == 5


def test_a_receipt_attached_reads_yes(expenses):
    martine = person(expenses, "Martine Perrin")
    parking = next(e for e in expenses.expenses.of_person(martine, 2026) if e.other_cents)
    expenses.expenses.add_receipt(parking.id, "", "/x.pdf", "ab" * 32)
    text = flat(texts(statements_pdf(statements(expenses, 2026, person_id=martine), MADE_ON))[0])
    assert "7,63 € oui" in text


def test_the_csv_reads_back_with_a_row_per_expense_and_totals(expenses, tmp_path):
    hospital = next(s.id for s in expenses.structures.all() if s.name.startswith("Centre"))
    chloe = person(expenses, "Chloé Muller")
    expenses.expenses.create(chloe, ExpenseInput(
        spent_on="02/06/2026", structure_id=hospital, other="2",
        other_label="Ticket de bus", note="=HYPERLINK(\"http://x\")"))
    made = statements(expenses, 2026, structure_id=hospital)
    out = write_expense_report(expenses, 2026, tmp_path / "frais.csv", MADE_ON,
                               structure_id=hospital)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == HEADINGS
    lines = [r for r in rows[1:] if r[3] not in ("Total",) and r[0] != "Total général"]
    assert len(lines) == sum(len(s.expenses) for s in made) == 7
    assert {r[1] for r in rows[1:-1]} == {"Centre hospitalier de Valmont"}
    bus = next(r for r in lines if r[8] == "Ticket de bus")
    assert bus[3] == "'=HYPERLINK(\"http://x\")", "a formula is neutralised"
    assert bus[9] == "2,00" and bus[4] == "0"
    totals = {r[0]: r[9] for r in rows if r[3] == "Total"}
    assert totals == {"Chloé Muller": "19,25", "Martine Perrin": "13,89"}
    assert rows[-1][0] == "Total général" and rows[-1][9] == "33,14"
    assert expenses_csv(made) == out.read_bytes()


def test_nothing_to_state_is_said_in_french(expenses, tmp_path):
    nobody = person(expenses, "Jules Morin")
    with pytest.raises(NoExpenses, match="Aucuns frais inscrits pour Jules Morin en 2026"):
        write_expense_report(expenses, 2026, tmp_path / "frais.pdf", MADE_ON, person_id=nobody)
    assert NoExpenses.exit_code == 1
    assert not (tmp_path / "frais.pdf").exists()
