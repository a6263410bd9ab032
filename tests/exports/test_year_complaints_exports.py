"""A CDU's complaints and quality of care in its year's report (PDF, read back by pypdf and
rendered by pdfium) and its CSV (read back by csv): the figures of the hand-built register of
`tests/store/test_year_complaints.py`, grown by eleven complaints so that counts per service and
per theme can be shown, masked as counts of people are."""

import csv
import io
from datetime import date

import pytest

from comite.exports.pdf.year_report import render_year_report
from comite.exports.year_csv import COMPLAINTS, COMPLAINTS_NOTE, QUALITY, year_csv
from comite.kernel import clock
from comite.store.committee_models import CommitteeKind, StructureKind
from comite.store.complaints import ComplaintInput
from comite.store.disclosure import SMALL, WITHHELD
from tests.exports.pdf_pages import assert_renders_well, flat, texts
from tests.store import test_year_complaints as hand_built
from tests.store.test_year_complaints import TODAY

cdu_year = hand_built.cdu_year  # the hand-built register, as a fixture of this module


@pytest.fixture(autouse=True)
def after_the_year(monkeypatch):
    """The cases of 2027 are received by the time the tests read them (a date to come is
    refused)."""
    monkeypatch.setattr(clock, "today", lambda: date(2027, 12, 31))


@pytest.fixture
def grown(store, cdu_year):
    """Six more complaints of waiting at the Urgences, five of medical care at the Maternité,
    received in 2027, neither acknowledged nor answered: Urgences 2 + 6 = 8, Maternité 1 + 5 =
    6, no service 1; waiting 2 + 6 = 8, medical care 1 + 5 = 6, billing 1 — 15 complaints.
    Masked: the 1 reads « < 5 »; 15 − 8 − 6 would give it back, so the smaller count shown (6)
    reads « n.d. »; then the two masked ones (7 together: 1 to 4, and 5 to 8) are no longer known."""
    cdu, _march, _june = cdu_year
    for n in range(6):
        store.complaints.add(cdu.id, ComplaintInput(
            f"REC-2027-1{n:02d}", date(2027, 7, 1 + n), theme="waiting", service="Urgences"))
    for n in range(5):
        store.complaints.add(cdu.id, ComplaintInput(
            f"REC-2027-2{n:02d}", date(2027, 8, 1 + n), theme="medical_care",
            service="Maternité", channel="in_person"))
    return store.year.figures(cdu.id, 2027, TODAY)


def _csv_figures(data: bytes) -> tuple[list[list[str]], dict[tuple[str, str], tuple[str, str]]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    start = rows.index(["Rubrique", "Indicateur", "Valeur", "Unité"]) + 1
    return rows, {(section, figure): (value, unit) for section, figure, value, unit in rows[start:]}


def test_the_csv_gives_the_stores_figures_masked_per_service(grown):
    rows, got = _csv_figures(year_csv(grown))
    assert ["Note", COMPLAINTS_NOTE] in rows
    assert got[COMPLAINTS, "Réclamations reçues"] == ("15", "réclamations")
    assert got[COMPLAINTS, "Éloges reçus"] == ("1", "éloge")
    assert got[COMPLAINTS, "Service : Urgences"] == ("8", "réclamations")
    assert got[COMPLAINTS, "Service : Maternité"] == (WITHHELD, "réclamations")
    assert got[COMPLAINTS, "Service : Service non précisé"] == (SMALL, "réclamations")
    # Themes exact: a theme names no place, and masked they would say nothing.
    assert got[COMPLAINTS, "Thème : Accueil, attente, délais"] == ("8", "réclamations")
    assert got[COMPLAINTS, "Thème : Prise en charge médicale"] == ("6", "réclamations")
    assert got[COMPLAINTS, "Thème : Facturation, frais"] == ("1", "réclamations")
    assert got[COMPLAINTS, "Thème : Hôtellerie, restauration, locaux"] == ("0", "réclamations")
    # Channels are exact: letter 1, e-mail 1, phone 1, online 1, 6 + 5 letters by default…
    assert got[COMPLAINTS, "Canal : Courrier"] == ("7", "réclamations")  # 1 + the 6 added
    assert got[COMPLAINTS, "Canal : Sur place"] == ("5", "réclamations")
    # Delays: the eleven added took no step; acknowledged in 3, 1, 5 days; answered in 30, 20, 10.
    assert got[COMPLAINTS, "Accusé de réception : réclamations concernées"] == ("3", "réclamations")
    assert got[COMPLAINTS, "Accusé de réception : délai médian"] == ("3", "jours")
    assert got[COMPLAINTS, "Réponse : délai moyen"] == ("20", "jours")
    assert got[COMPLAINTS, "Médiations"] == ("3", "médiations")
    assert got[COMPLAINTS, "Médiation médicale"] == ("1", "médiation")
    assert got[COMPLAINTS, "Rencontre dans les 8 jours de la saisine (R. 1112-93)"] == (
        "2", "médiations")
    assert got[COMPLAINTS, "Compte rendu au-delà de 8 jours"] == ("1", "médiation")
    assert got[COMPLAINTS, "Compte rendu attendu"] == ("1", "médiation")
    assert got[COMPLAINTS, "Suite donnée : en cours"] == ("12", "réclamations")  # 1 + 11
    assert got[COMPLAINTS, "Examinées en réunion de la commission"] == ("1", "réclamation")
    assert got[QUALITY, "9 mars 2027 — Mars : e-Satis MCO +48 h"] == ("74,5", "/100")
    assert got[QUALITY, "9 mars 2027 — Mars : e-Satis SMR"] == ("non renseigné", "")
    assert got[QUALITY, "9 mars 2027 — Mars : événements indésirables graves"] == (
        "2", "événements")
    assert got[QUALITY, "9 mars 2027 — Mars : ce qui a été fait"] == ("RMM", "")
    assert got[QUALITY, "8 juin 2027 — Juin : événements indésirables graves"] == (
        "non renseigné", "")
    assert got[QUALITY, "Événements indésirables graves présentés dans l’année"] == (
        "2", "événements")


def test_fewer_than_five_complaints_give_no_detail_per_service(store, cdu_year):
    cdu, _march, _june = cdu_year
    _rows, got = _csv_figures(year_csv(store.year.figures(cdu.id, 2027, TODAY)))
    assert got[COMPLAINTS, "Réclamations reçues"] == ("4", "réclamations")
    assert got[COMPLAINTS, "Service : tous"] == (WITHHELD, "réclamations")
    assert (COMPLAINTS, "Service : Urgences") not in got


def test_a_comite_has_no_complaints_rows(store):
    structure = store.structures.create("MSP", StructureKind.MSP, "Valmont")
    committee = store.committees.create(structure.id, "Comité", CommitteeKind.USERS_COMMITTEE)
    _rows, got = _csv_figures(year_csv(store.year.figures(committee.id, 2027, TODAY)))
    assert not {section for section, _figure in got} & {COMPLAINTS, QUALITY}


def test_the_pdf_gives_the_same_figures(grown, tmp_path):
    pdf = render_year_report(grown, article="la")
    pages = [flat(text) for text in texts(pdf)]
    assert "La commission a reçu 15 réclamations et 1 éloge." in pages[0]
    assert "3 réclamations ont reçu leur réponse." in pages[0]
    rest = " ".join(pages[1:])
    assert "Plaintes, réclamations et éloges" in rest and "Qualité et sécurité des soins" in rest
    assert "Reçues dans l’année : 15 réclamations et 1 éloge." in rest
    assert "Urgences 8" in rest and f"Maternité {WITHHELD}" in rest
    assert f"Service non précisé {SMALL}" in rest
    assert "Facturation, frais 1" in rest and "Prise en charge médicale 6" in rest
    assert "Accusé de réception 3 3 j 3 j" in rest and "Réponse 3 20 j 20 j" in rest
    assert "Médiations médicale et non médicale 1" in rest
    assert "Rencontre après la saisine 2 1" in rest
    assert "Compte rendu après la rencontre 1 1 1" in rest
    assert "1 dossier examiné en réunion de la commission." in rest
    assert "09/03 — T1 74,5 — — — 2" in rest and "08/06 — T2 — — — — —" in rest
    assert "2 événements indésirables graves présentés dans l’année." in rest
    assert "9 mars 2027 — Mars : RMM" in rest
    assert "Réclamations par service : masquées" in rest  # the footnote
    assert assert_renders_well(pdf, tmp_path, "plaintes") >= 3


def test_a_cdu_without_cases_says_so(store):
    structure = store.structures.create("Centre hospitalier", StructureKind.HOSPITAL, "Valmont")
    cdu = store.committees.create(structure.id, "CDU", CommitteeKind.CDU)
    figures = store.year.figures(cdu.id, 2027, TODAY)
    pages = [flat(text) for text in texts(render_year_report(figures, article="la"))]
    assert "La commission a reçu" not in pages[0]
    rest = " ".join(pages[1:])
    assert "Reçues dans l’année : 0 réclamation et 0 éloge." in rest
    assert "Aucune médiation dans l’année." in rest
    assert "Aucune réunion tenue : rien n’a été présenté." in rest

