"""The year report as a PDF, read back by pypdf (text) and pdfium (font sizes, pages rendered):
on the hand-built year of `tests/store/test_year_figures.py`, the figures the store gives; on the
example data, a report with content."""

from datetime import date, datetime

import pytest

from comite.exports.pdf.year_report import render_year_report, write_year_report
from comite.exports.year_csv import SECTIONS
from comite.store import MembershipInput, PersonInput
from comite.store.committee_models import CduSeat, CommitteeKind, Function, Role, StructureKind
from comite.store.disclosure import NOTE, SMALL
from comite.usecases.letterhead import committee_stationery
from tests.example_store import TODAY as EXAMPLE_TODAY
from tests.exports.pdf_pages import (
    assert_renders_well,
    flat,
    opened,
    printed_in,
    reader,
    text_glyphs,
    texts,
)
from tests.store import test_year_figures as hand_built
from tests.store.meeting_setup import held
from tests.store.test_year_figures import TODAY, YEAR

year = hand_built.year  # the hand-built year, as a fixture of this module


@pytest.fixture
def report(store, year) -> tuple[bytes, object]:
    figures = store.year.figures(year.committee_id, YEAR, today=TODAY)
    pdf = render_year_report(figures, committee_stationery(store, year.committee_id), article="le",
                             structure_name="MSP des Tilleuls")
    return pdf, figures


def test_every_section_after_the_easy_page(report):
    pdf, _figures = report
    pages = [flat(text) for text in texts(pdf)]
    assert pages[0].startswith("MSP des Tilleuls")
    assert "L’année 2027 du Comité des usagers" in pages[0]
    rest = " ".join(pages[1:])
    assert "Bilan 2027 du Comité des usagers" in pages[1]
    positions = [rest.index(title) for title in (*SECTIONS[:-1], "Composition au 15 septembre 2027")]
    assert positions == sorted(positions)  # in the report's order
    for chart in ("Présents et sièges à la table, réunion par réunion",
                  "Prises de parole par côté, réunion par réunion",
                  "De l’information au partenariat →"):
        assert chart in rest


def test_the_easy_page_says_each_figure_in_a_sentence(report):
    pdf, figures = report
    easy = flat(texts(pdf)[0])
    assert f"Il y a eu {figures.meetings.held} réunions cette année." in easy
    assert f"{figures.meetings.planned} autres réunions sont prévues." in easy
    assert "En moyenne, 4 personnes sont venues à chaque réunion." in easy  # (5 + 3 + 4) / 3
    assert "83 % des places à la table étaient occupées." in easy  # 10 of 12
    assert "Les usagers ont pris la parole 8 fois." in easy
    assert f"Le comité a décidé {figures.conclusions.taken} choses." in easy
    assert "2 sont faites. 3 sont encore à faire. 1 a été abandonnée." in easy
    assert "La plus reportée a été suivie à 3 réunions : « Refaire l’affiche de la salle d’attente »." in easy
    # Two people spotted: a count of people, never printed from 1 to 4.
    assert "Moins de 5 nouvelles personnes ont été repérées pour rejoindre le comité." in easy
    assert "Aujourd’hui, le Comité des usagers compte 6 membres." in easy
    assert "(s)" not in easy


def test_the_easy_page_is_in_large_print(report):
    pdf, _figures = report
    with opened(pdf) as document:
        sizes = {round(glyph.size, 1) for glyph in text_glyphs(document[0])}
        later = {round(glyph.size, 1) for glyph in text_glyphs(document[1])}
    assert sizes and min(sizes) >= 14, sizes
    assert min(later) < 14  # the sections after it are ordinary print


def test_the_figures_are_the_stores(report):
    pdf, figures = report
    rest = " ".join(flat(text) for text in texts(pdf)[1:])
    counts = figures.meetings
    assert (f"Tenues {counts.held} Convoquées, pas encore tenues {counts.convened} "
            f"En sondage de dates {counts.polled}") in rest
    assert f"Annulées {counts.cancelled}" in rest
    assert "2e trimestre 2027 2 0" in rest and "4e trimestre 2027 0 2" in rest
    assert "9 février 2027 Février 5 4 sur 4 atteint" in rest
    assert "Sièges occupés sur l’année : 83 % (10 sur 12)." in rest
    assert "Titulaires 9 12 75 %" in rest and "Usagers 5 9 56 %" in rest
    assert "Usagers 8 44 % Professionnels 9 50 % Autres 1 6 % Toutes 18" in rest
    found = figures.conclusions
    assert (f"Conclusions prises dans l’année {found.taken} Faites {found.done} "
            f"Abandonnées {found.abandoned} Encore ouvertes {found.open}") in rest
    assert "Suivies à une réunion suivante : 5 conclusions (×1 : 3, ×2 : 1, ×3 : 1)." in rest
    assert "×3 Refaire l’affiche de la salle d’attente faite" in rest
    assert "×2 Tester un rappel des rendez-vous par SMS (short message service)" not in rest
    assert "Information 3 Consultation 5 Collaboration 3 Partenariat 1" in rest
    assert "Formation ETP (40 h) 2 40 < 5" in rest  # sessions and hours as they are
    assert "En tout 3 54 < 5" in rest


def test_counts_of_people_read_less_than_five(report):
    pdf, _figures = report
    rest = " ".join(flat(text) for text in texts(pdf)[1:])
    assert "Repéré(e) < 5 Contacté(e) < 5" in rest  # 2 and 2
    assert "Charte signée 0" in rest  # a 0 points at nobody
    assert "Membres au 15 septembre 2027 : 6." in rest
    assert f"Titulaires {SMALL} Suppléantes et suppléants {SMALL}" in rest  # 4 and 1
    assert flat(NOTE) in rest


def test_only_the_shipped_fonts_and_pages_that_render(report, tmp_path):
    pdf, _figures = report
    with opened(pdf) as document:
        fonts = {font for index in range(len(document)) for _char, font in printed_in(document[index])}
    assert fonts and all("DejaVuSans" in font for font in fonts), fonts
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            assert "DejaVuSans" in font.get_object()["/BaseFont"]
    # Charts on pages 3 and 4, looked at while writing this test (a bar per meeting, its value
    # above it, the legend under it).
    assert assert_renders_well(pdf, tmp_path, "bilan") == 5


def test_the_same_figures_give_the_same_bytes(report, store, year, tmp_path):
    pdf, figures = report
    path = write_year_report(figures, committee_stationery(store, year.committee_id),
                             tmp_path / "bilan.pdf", article="le", structure_name="MSP des Tilleuls")
    assert path.read_bytes() == pdf
    meta = reader(pdf).metadata
    assert meta.title == "Bilan 2027 — Comité des usagers"
    assert meta.subject == "L’année 2027 du Comité des usagers en chiffres"


def test_a_cdu_says_its_quarter_without_a_meeting_and_spells_its_name(store):
    structure = store.structures.create("Centre hospitalier", StructureKind.HOSPITAL, "Valmont")
    cdu = store.committees.create(structure.id, "CDU du Centre hospitalier", CommitteeKind.CDU)
    with store.transaction():
        person = store.people.create(PersonInput(last_name="Roy", first_name="Rémi",
                                                 roles=(Role.USER_REPRESENTATIVE,))).id
        store.memberships.add(cdu.id, person, MembershipInput(cdu_seat=CduSeat.USER_REPRESENTATIVE))
    held(store, cdu.id, datetime(2027, 2, 16, 14, 0))
    held(store, cdu.id, datetime(2027, 8, 24, 14, 0))
    figures = store.year.figures(cdu.id, YEAR, today=date(2028, 1, 10))
    pages = [flat(text) for text in texts(render_year_report(figures, article="la"))]
    assert pages[0].startswith("L’année 2027 de la CDU du Centre hospitalier (commission des usagers)")
    assert "Au 2e trimestre 2027, il n’y a pas eu de réunion." in pages[0]
    assert "Au 4e trimestre 2027, il n’y a pas eu de réunion." in pages[0]
    assert "À la fin de l’année, la CDU du Centre hospitalier compte moins de 5 membres." in pages[0]
    rest = " ".join(pages[1:])
    assert "La CDU se réunit au moins une fois par trimestre" in rest
    assert "Trimestres écoulés sans réunion tenue : 2e trimestre 2027, 4e trimestre 2027." in rest
    assert "(commission des usagers)" not in rest  # spelled out once, on the first page
    assert f"Membres au 31 décembre 2027 : {SMALL}." in rest


def test_the_example_committee_gives_a_full_report(example, tmp_path):
    comite = next(s.committee for s in example.committees.all()
                  if s.committee.kind is CommitteeKind.USERS_COMMITTEE)
    figures = example.year.figures(comite.id, EXAMPLE_TODAY.year, today=EXAMPLE_TODAY)
    pdf = render_year_report(figures, committee_stationery(example, comite.id),
                             article=comite.article, structure_name=comite.structure_name)
    pages = [flat(text) for text in texts(pdf)]
    assert f"Il y a eu {figures.meetings.held} réunions cette année." in pages[0]
    rest = " ".join(pages[1:])
    assert all(title in rest for title in SECTIONS[:-1])
    assert figures.conclusions.carried[0].conclusion.text.split()[0] in rest
    assert assert_renders_well(pdf, tmp_path, "exemple") >= 4


def test_the_years_recommendations_and_where_they_stand(report):
    pdf, figures = report
    assert figures.recommendations, "the hand-built year makes one (C5)"
    rest = " ".join(flat(text) for text in texts(pdf)[1:])
    assert "Recommandations" in rest and "Faites en 2027" in rest
    for recommendation in figures.recommendations:
        assert flat(recommendation.text) in rest
    assert "Aucune recommandation faite en 2026." in rest


def test_a_cdu_report_gives_its_seats_by_category_its_presidency_and_what_it_lacks(store):
    structure = store.structures.create("Centre hospitalier", StructureKind.HOSPITAL, "Valmont")
    cdu = store.committees.create(structure.id, "CDU du Centre hospitalier", CommitteeKind.CDU)
    with store.transaction():
        ru = store.people.create(PersonInput(last_name="Roy", first_name="Rémi", sex="male",
                                             roles=(Role.USER_REPRESENTATIVE,))).id
        other = store.people.create(PersonInput(last_name="Lenoir", first_name="Anne", sex="female",
                                                roles=(Role.USER_REPRESENTATIVE,))).id
        store.memberships.add(cdu.id, ru, MembershipInput(
            cdu_seat=CduSeat.USER_REPRESENTATIVE, function=Function.PRESIDENT,
            elected_on=date(2026, 3, 2)))
        store.memberships.add(cdu.id, other, MembershipInput(cdu_seat=CduSeat.USER_REPRESENTATIVE))
    figures = store.year.figures(cdu.id, YEAR, today=date(2028, 1, 10))
    by = {c.category: (c.titulars, c.substitutes) for c in figures.cdu.categories}
    assert by[CduSeat.USER_REPRESENTATIVE] == (2, 0) and by[CduSeat.MEDIATOR_DOCTOR] == (0, 0)
    rest = " ".join(flat(text) for text in texts(render_year_report(figures, article="la"))[1:])
    assert "La commission des usagers au 31 décembre 2027" in rest
    assert "Président : Rémi Roy (" in rest and "élu le 2 mars 2026" in rest
    assert "Pas de représentant(e) légal(e)" in rest  # what the law asks and the CDU lacks
    assert "n’a pas de suppléant(e)" in rest


def test_a_comite_report_has_no_commission_section(report):
    pdf, figures = report
    assert figures.cdu is None
    assert "La commission des usagers au" not in " ".join(flat(text) for text in texts(pdf))
