"""`comite export composition COMITE` through the real `main()` on the example database: the
files in the exports folder or the one named, read back; a committee named by a piece of its
name; refusals in French, exit 2, nothing written."""

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from comite.kernel import clock
from comite.store import open_store
from tests.cli.run import in_process
from tests.exports.pdf_pages import flat, texts

CDU = "Commission des usagers (CDU)"


@pytest.fixture(scope="module")
def ids(demo_db) -> dict[str, int]:
    store = open_store(demo_db)
    try:
        return {s.committee.name: s.committee.id for s in store.committees.all()}
    finally:
        store.close()


@pytest.fixture(autouse=True)
def example_day(monkeypatch):
    """The day the example was made: the members counted and the file's name stay the same."""
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 23))


def exports_folder(home: Path) -> Path:
    return home / "xdg_data_home" / "comite" / "exports"


def table(path: Path) -> dict[tuple[str, str], str]:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""),
                           delimiter=";"))
    return {(row[0], row[1]): row[2] for row in rows[7:]}


def test_export_composition_writes_the_csv_and_the_pdf_in_the_exports_folder(
        capsys, db, ids, isolated_folders):
    code, out, err = in_process(capsys, "export", "composition", str(ids[CDU]), "--db", str(db))
    assert code == 0, err
    folder = exports_folder(isolated_folders)
    stem = folder / "composition-commission-des-usagers-cdu-2026-11-23"
    assert out == (f"Composition — {CDU}, petits nombres masqués :\n"
                   f"CSV : {stem}.csv\nPDF : {stem}.pdf\n")
    counts = table(Path(f"{stem}.csv"))
    assert counts[("Sexe", "Femme")] == "< 5", "4 women on the screen, « < 5 » in the file"
    assert "Femme < 5" in flat(" ".join(texts(Path(f"{stem}.pdf"))))


def test_a_piece_of_the_name_and_a_named_csv(capsys, db, ids, tmp_path):
    target = tmp_path / "cdu.csv"
    code, out, err = in_process(capsys, "export", "composition", "commission des",
                                "--out", str(target), "--db", str(db))
    assert code == 0, err
    assert out.endswith(f"CSV : {target}\n") and "PDF" not in out
    assert table(target)[("Rôle", "Professionnel(le) de santé")] == "n.d."


@pytest.mark.parametrize(("args", "said"), [
    (["MSP des Tilleuls"], "Plusieurs comités correspondent à « MSP des Tilleuls »"),
    (["Nulle part"], "Aucun comité ne correspond à « Nulle part »"),
    (["999"], "Aucun comité n° 999"),
    (["1", "--out", "{tmp}/cdu.xlsx"], "s’exporte en .csv (tableur) ou en .pdf"),
    (["1", "--send"], "--send n’envoie que les invitations et le compte rendu"),
    (["1", "--variant", "easy"], "--parole-nominative ne servent qu’au compte rendu"),
])
def test_refusals_are_french_exit_2_and_write_nothing(capsys, db, tmp_path, isolated_folders,
                                                      args, said):
    args = [part.format(tmp=tmp_path) for part in args]
    code, out, err = in_process(capsys, "export", "composition", *args, "--db", str(db))
    assert (code, out) == (2, "")
    assert said in err
    assert not exports_folder(isolated_folders).exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".csv", ".pdf", ".xlsx")]
