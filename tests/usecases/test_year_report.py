"""`write_year_report`: the example's year as a PDF or a CSV by the file's suffix, anything else
refused in French with nothing written; a formula an older base still holds neutralised."""

import csv
import io

import pytest

from comite.store import Refused
from comite.store.committee_models import CommitteeKind
from comite.usecases.year_report import write_year_report
from tests.example_store import TODAY
from tests.exports.pdf_pages import flat, texts


@pytest.fixture
def comite(example) -> int:
    return next(s.committee.id for s in example.committees.all()
                if s.committee.kind is CommitteeKind.USERS_COMMITTEE)


def test_a_pdf_under_the_structures_letterhead(example, comite, tmp_path):
    committee = example.committees.get(comite)
    path = write_year_report(example, comite, TODAY.year, tmp_path / "bilan.pdf", today=TODAY)
    assert path == tmp_path / "bilan.pdf"
    first = flat(texts(path)[0])
    assert first.startswith(example.structures.letterhead(committee.structure_id).name)
    assert f"L’année {TODAY.year}" in first
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix not in (".sqlite", ".sqlite-wal",
                                                                         ".sqlite-shm")) == ["bilan.pdf"]


def test_a_csv_by_its_suffix_whatever_its_case(example, comite, tmp_path):
    path = write_year_report(example, comite, TODAY.year, tmp_path / "bilan.CSV", today=TODAY)
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Bilan de l’année", str(TODAY.year)]
    assert ["Structure", example.committees.get(comite).structure_name] in rows


def test_another_suffix_is_refused_with_nothing_written(example, comite, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Refused, match=r"\.pdf .* ou en \.csv .*« bilan\.xlsx »"):
        write_year_report(example, comite, TODAY.year, out / "bilan.xlsx", today=TODAY)
    assert list(out.iterdir()) == []


def test_a_name_an_older_base_holds_reaches_the_spreadsheet_as_text(example, comite, tmp_path):
    hostile = '=HYPERLINK("http://evil.example";"Bilan")'
    with example.transaction():
        example.db.connection().execute("UPDATE committees SET name = ? WHERE id = ?",
                                        (hostile, comite))
    path = write_year_report(example, comite, TODAY.year, tmp_path / "bilan.csv", today=TODAY)
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert ["Comité", "'" + hostile] in rows
    assert all(cell[:1] not in "=+-@" for row in rows for cell in row if cell)
    # The PDF prints it as typed: a name, not markup.
    pdf = write_year_report(example, comite, TODAY.year, tmp_path / "bilan.pdf", today=TODAY)
    assert hostile in flat(texts(pdf)[0])
