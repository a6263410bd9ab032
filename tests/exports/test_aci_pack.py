"""The ACI evidence pack, read back by pypdf and rendered by pdfium: on the hand-built year of
`tests/store/test_involvement.py`, every claim of the store printed under its level with its
figures masked by the year report's rule (« < 5 »), its dates and evidence; an empty year, one
clear page; on the example's MSP, a pack with the letterhead and an image's thumbnail."""

from datetime import date

import pytest

from comite.exports.pdf.aci_pack import render_aci_pack
from comite.store.involvement import ActionInput
from comite.store.involvement_models import ActionKind
from comite.usecases.involvement import add_evidence, write_aci_pack
from comite.usecases.letterhead import stationery
from tests.example_store import TODAY as EXAMPLE_TODAY
from tests.exports.pdf_pages import assert_renders_well, flat, opened, reader, texts
from tests.store import test_involvement as hand_built
from tests.store.test_involvement import TODAY, YEAR

year = hand_built.year  # the hand-built year, as a fixture of this module


@pytest.fixture
def pack(store, year) -> tuple[bytes, object]:
    register = store.involvement.year(year.structure_id, YEAR, TODAY)
    return render_aci_pack(register, stationery(store, year.structure_id), today=TODAY), register


def test_the_first_page_sums_up_each_level(pack):
    pdf, register = pack
    first = flat(texts(pdf)[0])
    assert first.startswith("MSP des Tilleuls")  # the letterhead
    assert "Implication des usagers — année 2027" in first
    assert "registre arrêté le 15 septembre 2027" in first
    # Level 1: 6 lines, 2 typed, 4 from the comité (its points of consultation), 1 dated proof
    # (the questionnaire's file) + 1 per agenda point (the séance noted, no minutes): 1 + 4 = 5.
    assert "Niveau 1 — informer et consulter les usagers 6 2 4 5" in first
    # Level 2: 6 lines, 1 typed (the workshop, no file), 5 derived: 2 meetings + 2 points
    # (one proof each) + the working group (Chloé's mandate) = 5 proofs.
    assert "Niveau 2 — co-construire et co-décider avec les usagers 6 1 5 5" in first
    assert register.level(1) and register.level(2)


def test_each_level_prints_its_claims_with_dates_degree_and_people(pack):
    pdf, register = pack
    pages = [flat(text) for text in texts(pdf)]
    level1, level2 = " ".join(pages[1:]).split(
        "Niveau 2 — co-construire et co-décider avec les usagers 1. ")
    for claim in register.level(1):
        assert claim.title in level1
    for claim in register.level(2):
        assert claim.title in level2
    # The questionnaire: 212 users, one professional masked; its evidence dated and hashed.
    assert "du 1er mars 2027 au 30 avril 2027" in level1
    assert "usagers : 212 · professionnels : < 5" in level1
    assert ("Synthèse des réponses, daté du 2 mai 2027 — fichier preuve-a.pdf, empreinte "
            "SHA-256 abababababab…") in level1
    assert "Consultation" in level1
    # The workshop: Chloé and 6 others (7 users, shown), Denis (1 professional, masked).
    assert "usagers : 7 · professionnels : < 5" in level2
    assert "Usager référent dans un groupe de travail" in level2
    assert "Groupe de travail avec des usagers — Parcours diabète" in level2
    assert "Séance tenue, présences notées, daté du 9 février 2027" in level2
    assert all("« < 5 » : de 1 à 4 personnes" in page for page in pages)  # the footnote


def test_the_pdf_says_what_it_is(pack):
    pdf, _register = pack
    meta = reader(pdf).metadata
    assert meta.title == "Implication des usagers 2027 — MSP des Tilleuls"
    assert "ACI" in meta.subject


def test_an_empty_year_prints_one_clear_page(store, year):
    register = store.involvement.year(year.structure_id, 2020, TODAY)
    pdf = render_aci_pack(register, stationery(store, year.structure_id), today=TODAY)
    [page] = [flat(text) for text in texts(pdf)]
    assert "Rien n’a été enregistré pour 2020" in page
    assert "ni le niveau 1 ni le niveau 2" in page


def test_the_example_msp_pack_renders_with_a_thumbnail(example, tmp_path):
    from comite.store.involvement_models import ActionKind
    from tests.exports.logos import make_logo

    msp = next(s for s in example.structures.all() if s.name == "MSP des Tilleuls")
    survey = next(a for a in example.involvement.of_year(msp.id, 2026)
                  if a.kind is ActionKind.SATISFACTION_SURVEY)
    before = write_aci_pack(example, msp.id, 2026, tmp_path / "avant.pdf", today=EXAMPLE_TODAY)
    photo = tmp_path / "affiche-salle-attente.png"
    make_logo(photo)
    add_evidence(example, survey.id, photo, date(2026, 5, 4), "Photo de l’affiche du questionnaire")
    out = write_aci_pack(example, msp.id, 2026, tmp_path / "aci.pdf", today=EXAMPLE_TODAY)
    text = flat(" ".join(texts(out)))
    assert "Questionnaire de satisfaction des patients 2026" in text
    assert "Photo de l’affiche du questionnaire, daté du 4 mai 2026" in text
    assert images(out) == images(before) + 1  # the photo's thumbnail
    assert assert_renders_well(out, tmp_path, "aci") >= 3


def images(path) -> int:
    """The image objects of every page (pdfium's type 3)."""
    with opened(path) as document:
        return sum(1 for page in document for obj in page.get_objects() if obj.type == 3)


def test_a_wrong_extension_is_refused_with_nothing_written(store, year, tmp_path):
    from comite.store.errors import Refused

    with pytest.raises(Refused, match=r"\.pdf"):
        write_aci_pack(store, year.structure_id, YEAR, tmp_path / "aci.docx", today=TODAY)
    assert not (tmp_path / "aci.docx").exists()


def test_a_title_written_as_markup_prints_as_typed(store, year):
    store.involvement.update(year.poster, ActionInput(
        "Affiches <b>&amp; flyers</b>", ActionKind.POSTER, "2026-11-01", "2027-02-28"))
    register = store.involvement.year(year.structure_id, YEAR, TODAY)
    pdf = render_aci_pack(register, None, today=TODAY)
    assert "Affiches <b>&amp; flyers</b>" in flat(" ".join(texts(pdf)))
