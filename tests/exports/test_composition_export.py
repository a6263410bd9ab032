"""A committee's composition for others: the CSV read back by the csv module as a French
spreadsheet would open it (BOM, `;`), the PDF read back by pypdf and rendered by pdfium; in
both, small counts masked by `comite.store.disclosure`, never exact."""

import csv
import io
import sqlite3
from datetime import date

import pytest

from comite.exports.composition import composition_csv, write_composition_csv
from comite.exports.pdf.composition import write_composition_pdf
from comite.store import MembershipInput, PersonInput
from comite.store.committee_models import CommitteeKind, Role, StructureKind
from comite.store.disclosure import NOTE, SMALL, WITHHELD, disclose
from tests.exports.pdf_pages import assert_renders_well, flat, reader, texts

TODAY = date(2026, 11, 23)
STRUCTURE = "Centre hospitalier & <b>Fils</b>"
COMMITTEE = "Commission des usagers ; « CDU »"
FORMULA = '=HYPERLINK("http://evil.example.org","clic")'


def committee_of(store, members: list[dict[str, object]]) -> int:
    structure = store.structures.create(STRUCTURE, StructureKind.HOSPITAL, "Valmont",
                                        address="1 rue de l’Hôpital")
    committee = store.committees.create(structure.id, COMMITTEE, CommitteeKind.CDU)
    for number, fields in enumerate(members):
        person = store.people.create(PersonInput(last_name=f"Membre{number}", **fields))
        store.memberships.add(committee.id, person.id, MembershipInput())
    return committee.id


@pytest.fixture
def ten(store, tmp_path) -> int:
    """Seven women from Valmont born in 1960, three men from a territory typed as a formula:
    the store refuses it now, an older base may hold it (written here as it would have)."""
    women = [dict(sex="female", territory="Valmont", birth_year=1960, lived_as="patient",
                  roles=(Role.USER_REPRESENTATIVE,))] * 7
    men = [dict(sex="male", territory="Formule", birth_year=1960, lived_as="patient",
                roles=(Role.USER_REPRESENTATIVE,))] * 3
    committee = committee_of(store, women + men)
    with sqlite3.connect(tmp_path / "comite.sqlite") as older:
        older.execute("UPDATE people SET territory = ? WHERE territory = 'Formule'", (FORMULA,))
    older.close()
    return committee


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for a French spreadsheet"
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def shown_in(store, committee_id: int):
    return disclose(store.committees.composition(committee_id, TODAY))


def test_the_csv_says_the_committee_the_day_the_note_and_masked_counts(store, ten, tmp_path):
    path = write_composition_csv(shown_in(store, ten), COMMITTEE, STRUCTURE, tmp_path / "c.csv")
    rows = rows_of(path.read_bytes())
    assert rows[:5] == [["Composition du comité", COMMITTEE], ["Structure", STRUCTURE],
                        ["Comptée le", "23 novembre 2026"], ["Membres au mandat en cours", "10"],
                        ["Note", NOTE]]
    assert "« < 5 »" in NOTE and "« n.d. »" in NOTE
    assert rows[5] == [] and rows[6] == ["Critère", "Catégorie", "Membres"]
    table = {(criterion, label): count for criterion, label, count in rows[7:]}
    # 3 men alone would be 10 − 7: the 7 is masked too.
    assert table[("Sexe", "Femme")] == WITHHELD and table[("Sexe", "Homme")] == SMALL
    assert table[("Sexe", "Autre")] == "0"
    assert table[("Âge", "65 à 74 ans")] == "10" and table[("Vécu", "Patient(e)")] == "10"
    assert table[("Territoire", "Valmont")] == WITHHELD
    assert table[("Territoire", "'" + FORMULA)] == SMALL, "a formula is written as text"
    assert {"1", "2", "3", "4", "7"}.isdisjoint(table.values()), "no exact small count"
    assert not list(tmp_path.glob(".*.tmp")), "written at once"


def test_a_committee_under_five_gives_no_count(store, tmp_path):
    committee = committee_of(store, [dict(sex="female", territory="Valmont")] * 3)
    rows = rows_of(composition_csv(shown_in(store, committee), COMMITTEE, STRUCTURE))
    assert rows[3] == ["Membres au mandat en cours", SMALL]
    assert rows[7:] == [[title, "toutes catégories", WITHHELD]
                        for title in ("Rôle", "Âge", "Sexe", "Territoire", "Vécu")]


def test_the_pdf_reads_back_with_the_letterhead_and_masked_counts(store, ten, tmp_path):
    from comite.usecases.letterhead import committee_stationery

    path = write_composition_pdf(shown_in(store, ten), COMMITTEE, STRUCTURE, tmp_path / "c.pdf",
                                 "Claire Coordination",
                                 stationery=committee_stationery(store, ten))
    pdf = reader(path)
    assert pdf.metadata.title == f"Composition — {COMMITTEE}"
    assert pdf.metadata.author == "Claire Coordination"
    text = flat(" ".join(texts(path)))
    assert STRUCTURE in text and "1 rue de l’Hôpital" in text, "the letterhead, as typed"
    assert f"{STRUCTURE} · membres au mandat en cours le 23 novembre 2026 : 10" in text
    assert flat(NOTE) in text
    assert "Homme < 5" in text and f"Femme {WITHHELD}" in text and "Autre 0" in text
    assert "65 à 74 ans 10" in text and f"{FORMULA} < 5" in text
    assert "Homme 3" not in text and "Femme 7" not in text
    assert assert_renders_well(path, tmp_path, "composition") == len(pdf.pages)


def test_the_pdf_of_a_committee_under_five(store, tmp_path):
    committee = committee_of(store, [dict(sex="female", territory="Valmont")] * 3)
    path = write_composition_pdf(shown_in(store, committee), COMMITTEE, STRUCTURE,
                                 tmp_path / "c.pdf", "Claire")
    text = flat(" ".join(texts(path)))
    assert "membres au mandat en cours le 23 novembre 2026 : < 5" in text
    assert text.count(f"toutes catégories {WITHHELD}") == 5 and "Valmont" not in text
