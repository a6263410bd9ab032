"""`comite report expenses` on the example with its expenses: one person's statement, everybody's
with the page of totals, the spreadsheet, one structure; a person with no expenses, a wrong
kind of file and an unknown structure refused in French with nothing written."""

import csv
import io

import pytest

from tests.cli.run import in_process, in_subprocess
from tests.exports.pdf_pages import flat, texts


@pytest.fixture
def with_expenses(db):
    """The example base: its users' expenses are part of it."""
    return db


def report(capsys, db, *args: str) -> tuple[int, str, str]:
    return in_process(capsys, "report", "expenses", *args, "--db", str(db))


def test_one_persons_statement(capsys, with_expenses, tmp_path):
    out = tmp_path / "martine.pdf"
    code, said, err = report(capsys, with_expenses, "2026", "--person", "Martine Perrin",
                             "--out", str(out))
    assert (code, err) == (0, "") and said == f"États de frais 2026 : {out}\n"
    pages = texts(out)
    assert len(pages) == 1 and "Total 13,89 €" in flat(pages[0])


def test_everybody_then_the_totals_and_the_spreadsheet(capsys, with_expenses, tmp_path):
    code, _said, _err = report(capsys, with_expenses, "2026", "--out", str(tmp_path / "a.pdf"))
    pages = texts(tmp_path / "a.pdf")
    assert code == 0 and len(pages) == 5 and "Total 10 205,3 62,76 €" in flat(pages[-1])
    code, _said, _err = report(capsys, with_expenses, "2026", "--structure", "tilleuls",
                               "--out", str(tmp_path / "msp.csv"))
    rows = list(csv.reader(io.StringIO((tmp_path / "msp.csv").read_text("utf-8-sig")),
                           delimiter=";"))
    assert code == 0 and {r[0] for r in rows[1:-1]} == {"Inès David", "Léo Lambert"}
    assert rows[-1][0] == "Total général" and rows[-1][9] == "31,62"


def test_refusals_are_said_in_french_with_nothing_written(with_expenses, tmp_path):
    for args, said, code in (
            (("--person", "Jules Morin"), "Aucuns frais inscrits pour Jules Morin en 2026", 1),
            (("--structure", "Clinique"), "Aucune structure ne correspond à « Clinique »", 2),
    ):
        result = in_subprocess("report", "expenses", "2026", *args, "--out",
                               str(tmp_path / "x.pdf"), "--db", str(with_expenses))
        assert result.returncode == code, result.stderr
        assert result.stderr.startswith(f"comite : {said}") and "Traceback" not in result.stderr
    result = in_subprocess("report", "expenses", "2026", "--out", str(tmp_path / "x.xlsx"),
                           "--db", str(with_expenses))
    assert result.returncode == 2 and "PDF ou en CSV" in result.stderr
    assert list(tmp_path.glob("x.*")) == []
