"""Issue 22, item 6: a patient partenaire's charter opens on an easy-to-read page (what I do,
what the team does, how to stop, whom to call, with a phone), in large print; the other roles'
charters are unchanged, and a charter issued before keeps its layout and its bytes. Real
store and templates, the PDFs read back by pypdf (text and font sizes) and rendered by pdfium."""

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from comite.exports.pdf.charter import render_charter
from comite.exports.pdf.charter_easy import I_DO, THE_TEAM_DOES, TO_STOP
from comite.store import open_store
from comite.store.charters import BLANK, EASY_CONTACT, EASY_PHONE, LAYOUT, PROOF_AT_FOOT
from comite.store.committee_models import Role
from tests.exports.charter_drafts import draft_for, fill_demo
from tests.exports.pdf_pages import assert_renders_well, flat, reader, texts

EASY_TITLE = "Ma charte en mots simples"
HEADINGS = ("Ce que je fais", "Ce que fait l’équipe", "Si je veux arrêter", "La personne à contacter")
SENTENCES = (*I_DO, *THE_TEAM_DOES, *TO_STOP)
# The letterhead and the foot of the page are the document's, in their usual small print.
SMALL_PRINT_OK = ("Texte de cette charte", "L’empreinte", "Référence", "page ")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict:
    store = open_store(tmp_path_factory.mktemp("charte-facile") / "comite.sqlite")
    try:
        engagements = fill_demo(store)
        roles = {e.person_id: set(store.people.get(e.person_id).roles) for e in engagements}
        partner = next(e for e in engagements if Role.PATIENT_PARTNER in roles[e.person_id])
        others = [e for e in engagements if Role.PATIENT_PARTNER not in roles[e.person_id]]
        yield {"store": store, "partner": partner, "others": others}
    finally:
        store.close()


def sized_runs(pdf: bytes, page: int) -> list[tuple[str, float]]:
    """Each run of text on the page with its font size, as pypdf's visitor sees them."""
    runs: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            runs.append((text.strip(), size * abs(tm[0]) if tm[0] else size))

    reader(pdf).pages[page].extract_text(visitor_text=visit)
    return runs


def test_a_patient_partner_s_charter_opens_on_the_easy_page(demo, tmp_path: Path):
    store = demo["store"]
    draft = draft_for(store, demo["partner"], "patient-partenaire")
    pdf = render_charter(draft)
    first, second = (flat(page) for page in texts(pdf)[:2])
    assert first.split(EASY_TITLE)[0].strip(), "the letterhead heads the page"
    for text in (EASY_TITLE, *HEADINGS, *SENTENCES, "La charte complète est dans les pages suivantes."):
        assert text in first, text
    assert f"Cette charte est entre {draft.data['person']} et {draft.data['structure_le']}." in first
    coordinator = store.people.get(store.structures.get(
        store.committees.get(demo["partner"].committee_id).structure_id).coordinator_id)
    assert (draft.data[EASY_CONTACT], draft.data[EASY_PHONE]) == (coordinator.full_name, coordinator.phone)
    assert f"{coordinator.full_name} Téléphone : {coordinator.phone}" in first
    assert "MSP veut dire une maison de santé" in first
    assert second.startswith("Charte d’engagement réciproque"), "the full charter follows, whole"
    assert "Ma charte en mots simples" not in second
    assert assert_renders_well(pdf, tmp_path, "facile") == len(texts(pdf))


def test_the_easy_page_is_in_large_print(demo):
    pdf = render_charter(draft_for(demo["store"], demo["partner"], "patient-partenaire"))
    runs = sized_runs(pdf, 0)
    large = flat(" ".join(text for text, size in runs if size >= 14))
    small = [(text, size) for text, size in runs if size < 14]
    for text in (EASY_TITLE, *HEADINGS, *SENTENCES):
        assert text in large, text
    letterhead = demo["store"].structures.letterhead(
        demo["store"].committees.get(demo["partner"].committee_id).structure_id)
    allowed = (*SMALL_PRINT_OK, letterhead.name, *letterhead.lines)
    assert all(any(text.startswith(ok) or ok.startswith(text) or text in ok for ok in allowed)
               for text, _size in small), small
    assert max(size for run, size in runs if EASY_TITLE in run) >= 20


def test_the_other_roles_charters_are_unchanged(demo):
    """Layout « 2 » as before, no easy page, no new value: the same reference and the same
    bytes as before the easy page existed."""
    assert demo["others"]
    for engagement in demo["others"]:
        template = demo["store"].charters.suggested(engagement.person_id, engagement.committee_id)
        draft = draft_for(demo["store"], engagement, template.template_id)
        assert draft.data[LAYOUT] == PROOF_AT_FOOT
        assert EASY_CONTACT not in draft.data and EASY_PHONE not in draft.data
        first = flat(texts(render_charter(draft))[0])
        assert EASY_TITLE not in first and "Charte d’engagement réciproque" in first


def test_a_charter_issued_before_keeps_its_layout_and_its_bytes(demo):
    """A patient partenaire's charter issued with layout « 2 » renders again as it was signed;
    one issued now with the easy page renders again the same, too."""
    store = demo["store"]
    now = draft_for(store, demo["partner"], "patient-partenaire", place="Valmont")
    before = replace(now, uid="CH-AVANTFACIL", data={
        key: value for key, value in {**now.data, LAYOUT: PROOF_AT_FOOT}.items()
        if key not in (EASY_CONTACT, EASY_PHONE)})
    for draft in (before, now):
        pdf = render_charter(draft)
        charter = store.charters.record(draft, hashlib.sha256(pdf).hexdigest())
        again = render_charter(store.charters.redraft(charter.id))
        assert hashlib.sha256(again).hexdigest() == charter.pdf_sha256
    assert EASY_TITLE not in flat(texts(render_charter(before))[0])


def test_without_a_coordinator_the_structure_and_its_phone_are_the_contact(demo):
    store = demo["store"]
    committee = store.committees.get(demo["partner"].committee_id)
    structure = store.structures.get(committee.structure_id)
    store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                            address=structure.address, phone="", email=structure.email,
                            article=structure.article)
    try:
        draft = draft_for(store, demo["partner"], "patient-partenaire")
        first = flat(texts(render_charter(draft))[0])
        assert draft.data[EASY_CONTACT] == "la MSP des Tilleuls"
        assert f"la MSP des Tilleuls Téléphone : {BLANK}" in first, "a line to write it by hand"
    finally:
        store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                                address=structure.address, phone=structure.phone,
                                email=structure.email, coordinator_id=structure.coordinator_id,
                                article=structure.article)


@pytest.mark.parametrize(("sex", "role"), [("female", "patiente ou aidante partenaire"),
                                           ("male", "patient ou aidant partenaire"),
                                           ("", "patient(e) ou aidant(e) partenaire")])
def test_the_new_charter_names_the_role_agreed_with_the_person(demo, sex, role):
    from comite.store import PersonInput

    store = demo["store"]
    person = store.people.get(demo["partner"].person_id)
    store.people.update(person.id, PersonInput(
        last_name=person.last_name, first_name=person.first_name, email=person.email,
        phone=person.phone, roles=person.roles, birth_year=person.birth_year, sex=sex,
        territory=person.territory, lived_as=person.lived_as))
    draft = draft_for(store, demo["partner"], "patient-partenaire")
    assert draft.data["role"] == role
    assert f"en qualité de {role}." in flat(" ".join(texts(render_charter(draft))[1:]))
