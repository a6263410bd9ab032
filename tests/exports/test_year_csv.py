"""The year in figures as a spreadsheet file, read back with Python's csv: the hand-built year of
`tests/store/test_year_figures.py`, whose numbers are worked out there by hand."""

import csv
import dataclasses
import io

from comite.exports.year_csv import SECTIONS, write_year_csv, year_csv
from comite.store.disclosure import NOTE, SMALL
from tests.store import test_year_figures as hand_built
from tests.store.test_year_figures import TODAY, YEAR

year = hand_built.year  # the hand-built year, as a fixture of this module


def _read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM a French Excel needs
    assert b"\r\n" in data
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _figures(rows: list[list[str]]) -> dict[tuple[str, str], tuple[str, str]]:
    start = rows.index(["Rubrique", "Indicateur", "Valeur", "Unité"]) + 1
    return {(section, figure): (value, unit) for section, figure, value, unit in rows[start:]}


def test_the_figures_are_the_stores(store, year, tmp_path):
    figures = store.year.figures(year.committee_id, YEAR, today=TODAY)
    path = write_year_csv(figures, tmp_path / "bilan.csv", structure_name="MSP des Tilleuls")
    rows = _read(path.read_bytes())
    assert rows[0] == ["Bilan de l’année", "2027"]
    assert ["Comité", "Comité des usagers"] in rows and ["Note", NOTE] in rows
    got = _figures(rows)
    assert {section for section, _figure in got} >= set(SECTIONS)
    assert got["Réunions tenues et prévues", "Tenues"] == ("3", "réunions")
    assert got["Réunions tenues et prévues", "Prévues (convoquées ou en sondage)"] == ("2", "réunions")
    assert got["Réunions tenues et prévues", "Annulées"] == ("1", "réunion")  # 1: singular
    assert got["Réunions tenues et prévues", "3e trimestre 2027 : tenues"] == ("0", "réunion")
    # Seats covered 10 of 12 = 83 %; titulaires 9 of 12 = 75 %; 12 present over 3 meetings.
    assert got["Assiduité", "Sièges occupés sur l’année"] == ("83", "%")
    assert got["Assiduité", "Titulaires : taux de présence"] == ("75", "%")
    assert got["Assiduité", "Usagers : taux de présence"] == ("56", "%")  # 5 of 9
    assert got["Assiduité", "Personnes présentes par réunion, en moyenne"] == ("4", "personnes")
    assert got["Assiduité", "9 février 2027 — Février : présents"] == ("5", "personnes")
    assert got["Assiduité", "11 mai 2027 — Mai : sièges occupés"] == ("3", "sièges")
    assert got["Équilibre de la parole", "Prises de parole notées"] == ("18", "prises de parole")
    assert got["Équilibre de la parole", "Professionnels : part de la parole"] == ("50", "%")
    assert got["Conclusions", "Prises dans l’année"] == ("6", "conclusions")
    assert got["Conclusions", "Faites"] == ("2", "conclusions")
    assert got["Conclusions", "Abandonnées"] == ("1", "conclusion")
    assert got["Conclusions", "Encore ouvertes"] == ("3", "conclusions")
    assert got["Conclusions", "Reportées ×1"] == ("3", "conclusions")
    assert got["Conclusions reportées", "Refaire l’affiche de la salle d’attente"] == ("×3", "faite")
    assert got["Degrés de participation", "Consultation"] == ("5", "points de l’ordre du jour")
    assert got["Degrés de participation", "Partenariat"] == ("1", "point de l’ordre du jour")
    # Sessions and hours are no count of people: as they are.
    assert got["Recrutement et formations", "Formations : heures en tout"] == ("54", "h")
    assert got["Recrutement et formations", "Formations : séances en tout"] == ("3", "séances")


def test_counts_of_people_from_one_to_four_are_masked(store, year):
    rows = _figures(_read(year_csv(store.year.figures(year.committee_id, YEAR, today=TODAY))))
    # Spotted 2, trained 2, members 6 (titulaires 4, users 3): people, masked below 5.
    assert rows["Recrutement et formations", "Candidatures à l’étape « Repéré(e) »"][0] == SMALL
    assert rows["Recrutement et formations", "Personnes formées"][0] == SMALL
    assert rows["Recrutement et formations", "Candidatures à l’étape « Charte signée »"][0] == "0"
    assert rows["Composition", "Membres au 15 septembre 2027"][0] == "6"
    assert rows["Composition", "Siège : Titulaires"][0] == SMALL
    assert rows["Composition", "Côté : Usagers"][0] == SMALL
    # Present at a meeting is no category of people the report publishes as such: as it is.
    assert rows["Assiduité", "22 juin 2027 — Juin : présents"][0] == "4"
    values = [value for value, _unit in rows.values()]
    assert not {"1", "2", "3", "4"} & {rows[key][0] for key in rows if key[0] == "Composition"}
    assert SMALL in values


def test_a_formula_from_an_older_base_is_neutralised(store, year):
    """The store refuses a name or a text a spreadsheet would run; an older base may still hold
    one, in the committee's name or a conclusion's text."""
    figures = store.year.figures(year.committee_id, YEAR, today=TODAY)
    hostile = '=HYPERLINK("http://evil.example","clic")'
    carried = figures.conclusions.carried[0]
    figures = dataclasses.replace(
        figures, committee_name=hostile,
        conclusions=dataclasses.replace(figures.conclusions, carried=(
            dataclasses.replace(carried, conclusion=dataclasses.replace(
                carried.conclusion, text="@SUM(A1:A9)")), *figures.conclusions.carried[1:])))
    rows = _read(year_csv(figures, structure_name="-2+3+cmd|' /C calc'!A0"))
    assert ["Comité", "'" + hostile] in rows
    assert ["Structure", "'-2+3+cmd|' /C calc'!A0"] in rows
    assert ["Conclusions reportées", "'@SUM(A1:A9)", "×3", "faite"] in rows
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@"), row


def test_a_year_without_meetings_says_no_rate(store, year):
    rows = _figures(_read(year_csv(store.year.figures(year.committee_id, 2025, today=TODAY))))
    assert rows["Assiduité", "Sièges occupés sur l’année"] == ("sans objet", "")
    assert rows["Réunions tenues et prévues", "Tenues"] == ("0", "réunion")


def test_the_recommendations_and_a_cdus_seats_are_rows_too(store):
    from datetime import date

    from comite.exports.year_csv import COMMISSION, RECOMMENDATIONS, year_rows
    from comite.store import MembershipInput, PersonInput
    from comite.store.committee_models import CduSeat, CommitteeKind, Function, Role, StructureKind

    structure = store.structures.create("Centre hospitalier", StructureKind.HOSPITAL, "Valmont")
    cdu = store.committees.create(structure.id, "CDU du Centre hospitalier", CommitteeKind.CDU)
    with store.transaction():
        ru = store.people.create(PersonInput(last_name="Roy", first_name="Rémi",
                                             roles=(Role.USER_REPRESENTATIVE,))).id
        store.memberships.add(cdu.id, ru, MembershipInput(
            cdu_seat=CduSeat.USER_REPRESENTATIVE, function=Function.PRESIDENT))
    rows = year_rows(store.year.figures(cdu.id, 2027, today=date(2028, 1, 10)))
    commission = [(row.figure, row.value) for row in rows if row.section == COMMISSION]
    assert (f"{CduSeat.USER_REPRESENTATIVE.label} : titulaires", "1") in commission
    assert (Function.PRESIDENT.label, "Rémi Roy") in commission
    assert not [row for row in rows if row.section == RECOMMENDATIONS]  # none made


def test_the_years_recommendation_is_a_row_with_where_it_stands(store, year):
    figures = store.year.figures(year.committee_id, YEAR, today=TODAY)
    got = _figures(_read(year_csv(figures)))
    (recommendation,) = figures.recommendations  # C5 of the hand-built year
    assert got["Recommandations", recommendation.text] == (str(YEAR), "ouverte")
