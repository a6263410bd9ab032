"""`comite report year`: the committee's year as a PDF and a CSV (both into the exports folder
by default), read back; a wrong extension, an unknown committee or year refused in French, exit
code 2, nothing written."""

import csv
from pathlib import Path

from pypdf import PdfReader

from tests.cli.run import in_subprocess


def test_the_year_report_written_by_default_and_by_name(tmp_path):
    db = tmp_path / "c.sqlite"
    in_subprocess("demo", "--db", str(db))
    done = in_subprocess("report", "year", "2026", "--committee", "Comité des usagers",
                         "--db", str(db))
    assert (done.returncode, done.stderr) == (0, "")
    pdf, table = [line.split(" : ", 1)[1] for line in done.stdout.splitlines()]
    assert pdf.endswith("bilan-2026-comite-des-usagers.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "L’année 2026 du Comité des usagers" in text and "Équilibre de la parole" in text
    with open(table, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) > 20
    named = tmp_path / "bilan.csv"
    again = in_subprocess("report", "year", "2026", "--committee", "Comité des usagers",
                          "--out", str(named), "--db", str(db))
    assert again.returncode == 0 and named.read_bytes() == Path(table).read_bytes()


def test_refusals_write_nothing(tmp_path):
    db = tmp_path / "c.sqlite"
    in_subprocess("demo", "--db", str(db))
    for args, said in ((["2026", "--committee", "Comité des usagers", "--out",
                         str(tmp_path / "b.txt")], "ni l’un ni l’autre"),
                       (["2026", "--committee", "Inconnu"], "Aucun comité ne correspond"),
                       (["26", "--committee", "Comité des usagers"], "par exemple 2026")):
        done = in_subprocess("report", "year", *args, "--db", str(db))
        assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "b.txt").exists()
