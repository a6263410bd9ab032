"""The charter PDF: every shipped template for every example person, read back by pypdf and
pdfium, its two empty signature fields seen by pypdf and pyHanko, and one of them signed."""

import hashlib
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from comite.exports.pdf.charter import BOX_GAP, BOX_PADDING, render_charter, write_charter
from comite.exports.pdf.document import DocumentInfo, render_pdf
from comite.exports.pdf.markdown import Heading, flowables
from comite.store import MembershipInput, open_store
from comite.store.charter_models import PERSON_FIELD, STRUCTURE_FIELD, Side
from comite.store.charter_template import escape_value, fill, parse
from tests.exports.charter_drafts import (
    HOSTILE,
    SIGNATORY,
    Rendered,
    draft_for,
    fill_demo,
    shipped_templates,
)
from tests.exports.pdf_pages import assert_renders_well, flat, glyphs, opened, reader, texts, where

LEAKS = ("<b>", "</b>", "<i>", "**", "\\", "{{", "}}", "{%", "&amp;", "&lt;", "&gt;", "&#", "<br")
TEMPLATE_IDS = {"membre-comite-usagers-msp", "patient-partenaire", "representant-usagers"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict:
    """Every engaged example person × every shipped template, drafted and rendered once."""
    store = open_store(tmp_path_factory.mktemp("charters") / "comite.sqlite")
    try:
        engagements = fill_demo(store)
        rendered = []
        for engagement in engagements:
            for template in store.charters.templates():
                draft = draft_for(store, engagement, template.template_id)
                rendered.append(Rendered(engagement, template, draft, render_charter(draft)))
        suggested = {e.person_id: store.charters.suggested(e.person_id, e.committee_id)
                     for e in engagements}
        yield {"store": store, "rendered": rendered, "suggested": suggested}
    finally:
        store.close()


def _suggested(demo: dict) -> list[Rendered]:
    """Each person's charter on the template the app proposes for them."""
    return [r for r in demo["rendered"]
            if demo["suggested"][r.engagement.person_id] is not None
            and r.template.template_id == demo["suggested"][r.engagement.person_id].template_id]


# ---- the templates ---------------------------------------------------------------------------


def test_three_templates_ship_and_each_covers_the_usual_sections():
    templates = shipped_templates()
    assert {t.template_id for t in templates} == TEMPLATE_IDS
    for template in templates:
        assert template.version >= 1 and template.roles, template.template_id
        for section in ("Les parties", "Ce à quoi l’équipe s’engage", "Ce à quoi la personne s’engage",
                        "Confidentialité et secret", "Données personnelles", "Image et témoignage",
                        "Frais et temps donné", "Durée et fin", "Signatures"):
            assert f"\n## {section}\n" in template.body, (template.template_id, section)
        for field in ("structure", "person", "team_signatory", "retention", "compensation",
                      "start_date", "duration", "place", "signature_date"):
            assert f"{{{{ {field} }}}}" in template.body, (template.template_id, field)
        # RGPD art. 13: the rights and where to complain; the boxes are drawn, not written.
        for words in ("consulter", "corriger", "effacer", "limiter", "opposer", "CNIL", "après la fin"):
            assert words in template.body, (template.template_id, words)
        assert "Fait à {{ place }}, le {{ signature_date }}" in template.body
        assert "La personne engagée :" not in template.body


def test_the_representative_template_names_professional_secrecy_and_its_committees():
    by_id = {t.template_id: t for t in shipped_templates()}
    representative = by_id["representant-usagers"]
    assert "secret professionnel" in representative.body
    # Its secrecy and its grounds are a CDU's: an MSP comité's RU is offered the comité's text.
    assert [k.value for k in representative.committee_kinds] == ["cdu"]
    assert [k.value for k in by_id["membre-comite-usagers-msp"].committee_kinds] == [
        "comite_usagers"]
    assert [r.value for r in representative.roles] == ["user_representative"]
    assert [r.value for r in by_id["patient-partenaire"].roles] == [
        "patient_partner", "expert_patient", "peer_helper", "peer_mediator"]


def test_the_app_proposes_a_template_to_every_engaged_person(demo):
    proposed = {(r.engagement.role.value, r.template.template_id) for r in _suggested(demo)}
    assert ("user_representative", "representant-usagers") in proposed
    assert ("peer_mediator", "patient-partenaire") in proposed
    assert ("patient_partner", "membre-comite-usagers-msp") in proposed
    assert len(_suggested(demo)) == len({r.engagement.person_id for r in demo["rendered"]})


# ---- what the PDF says -----------------------------------------------------------------------


def test_every_charter_reads_back_with_its_names_accents_proof_and_footer(demo):
    assert len(demo["rendered"]) >= 3 * 12
    for rendered in demo["rendered"]:
        data, template = rendered.draft.data, rendered.template
        pages = texts(rendered.pdf)
        whole = flat("\n".join(pages))
        for expected in (data["person"], data["structure"], data["committee"], SIGNATORY,
                         data["start_date"], data["retention"], "Charte d’engagement réciproque",
                         "Confidentialité et secret", "Données personnelles", "Signatures",
                         Side.STRUCTURE.label, Side.PERSON.label, "Fait à Valmont-sur-Loire, le",
                         "réclamation peut être adressée à la CNIL", "l’équipe", "données"):
            assert flat(expected) in whole, (template.template_id, expected)
        proof = (f"Texte de cette charte : modèle « {template.template_id} », version "
                 f"{template.version}, empreinte {template.short_hash}.")
        for number, page in enumerate(pages, start=1):
            assert proof in page, (template.template_id, number)
            assert f"Modèle {template.template_id}" not in page, "no machine talk at the head"
            assert f"page {number} / {len(pages)}" in page
            assert f"Référence {rendered.draft.uid}" in page
        leaked = whole.replace(HOSTILE, "")
        for mark in LEAKS:
            assert mark not in leaked, (template.template_id, data["person"], mark)


def test_a_hostile_name_prints_exactly_as_typed(demo):
    hostile = [r for r in demo["rendered"] if r.draft.data["person"] == HOSTILE]
    assert len(hostile) == len(TEMPLATE_IDS)
    for rendered in hostile:
        whole = flat("\n".join(texts(rendered.pdf)))
        assert whole.count(HOSTILE) >= 4  # the parties, the data section, the box, the footer
        assert "Fils</b> 49" not in whole
        assert reader(rendered.pdf).metadata.title == f"Charte d’engagement — {HOSTILE}"


def test_only_the_shipped_fonts_are_used_and_they_are_embedded(demo):
    for rendered in _suggested(demo):
        found = set()
        for page in reader(rendered.pdf).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else {}
                assert "/FontFile2" in descriptor, font["/BaseFont"]
                found.add(str(font["/BaseFont"]).split("+")[-1])
        assert found == {"DejaVuSans", "DejaVuSans-Bold"}, found


def test_metadata_say_who_what_and_which_template(demo):
    rendered = _suggested(demo)[0]
    pdf = reader(rendered.pdf)
    meta, template = pdf.metadata, rendered.template
    assert meta.title == f"Charte d’engagement — {rendered.draft.data['person']}"
    assert meta.author == rendered.draft.data["structure"]
    assert template.title in meta.subject
    assert (meta["/ComiteCharter"], meta["/ComiteTemplate"], meta["/ComiteTemplateVersion"],
            meta["/ComiteTemplateHash"]) == (rendered.draft.uid, template.template_id,
                                             str(template.version), template.content_hash)
    assert pdf.trailer["/Root"]["/Lang"] == "fr-FR"
    assert {(round(page.mediabox.width), round(page.mediabox.height)) for page in pdf.pages} == {
        (595, 842)}  # A4


def _runs(pdf: bytes) -> list[list[tuple[float, float, str]]]:
    """Each page's text runs as pypdf reads them: (height above the page's bottom edge, font
    size, text), in points, lowest first."""
    pages = []
    for page in reader(pdf).pages:
        runs: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, _font, size, runs=runs):
            if text.strip():
                runs.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], size * (tm[3] or 1),
                             text.replace("\xa0", " ").replace("\u202f", " ").strip()))

        page.extract_text(visitor_text=visit)
        pages.append(sorted(runs))
    return pages


def _one_per_template(demo: dict) -> list[Rendered]:
    return [next(r for r in _suggested(demo) + demo["rendered"] if r.template.template_id == tid)
            for tid in sorted(TEMPLATE_IDS)]


PROOF_STARTS = ("Texte de cette charte", "L’empreinte")


def test_the_template_proof_is_small_print_at_the_foot_of_every_page(demo):
    """Which text was signed is said to the person, under the text, above the footer; the head
    of the first page is the structure's letterhead."""
    for rendered in _one_per_template(demo):
        template = rendered.template
        pages = _runs(rendered.pdf)
        assert pages[0][-1][2] == rendered.draft.data["structure"], "the letterhead heads it"
        for number, runs in enumerate(pages, start=1):
            footer = [y for y, _size, text in runs if text.startswith("Référence")]
            proof = [(y, size) for y, size, text in runs if text.startswith(PROOF_STARTS)]
            text = [y for y, _size, line in runs
                    if not line.startswith(("Référence", "page ", *PROOF_STARTS))]
            where_ = (template.template_id, number)
            assert len(proof) == 2 and len(footer) == 1, where_
            assert footer[0] < min(y for y, _size in proof), where_
            assert max(y for y, _size in proof) < min(text), where_
            assert all(size < 8 for _y, size in proof), where_  # the footer is 8.5, the text 11
        lines = "\n".join(text for _y, _size, text in pages[-1])
        assert (f"« {template.template_id} », version {template.version}, empreinte "
                f"{template.short_hash}.") in lines
        assert "vérifier que ce texte n’a pas été modifié" in lines


def test_the_signatures_share_their_page_with_the_last_article(demo):
    """Never a page of signatures alone: the last article (the section before « Signatures »)
    is printed on the page that holds the boxes."""
    import re

    for rendered in demo["rendered"]:
        headings = re.findall(r"^## (.+)$", rendered.template.body, re.MULTILINE)
        assert headings[-1] == "Signatures"
        pages = texts(rendered.pdf)
        signing = [page for page in pages if Side.PERSON.label in page and Side.STRUCTURE.label in page]
        assert len(signing) == 1 and headings[-2] in signing[0], (
            rendered.template.template_id, rendered.draft.data["person"])


def test_a_charter_signed_on_version_1_renders_and_verifies_with_version_1(tmp_path: Path):
    """The representative's template went on to a version offered to CDUs only: a charter
    signed on version 1 (the same text, offered to both kinds) keeps it, prints it again byte
    for byte, and its signed file verifies."""
    from comite.store.charter_models import SignatureMethod
    from comite.store.committee_models import CommitteeKind, Role
    from comite.sync.charter_verify import verify_pdf

    shipped = shipped_templates()
    current = next(t for t in shipped if t.template_id == "representant-usagers")
    assert current.version > 1
    first = parse(current.text.replace(f"version: {current.version}", "version: 1").replace(
        "committee_kinds: [cdu]", "committee_kinds: [cdu, comite_usagers]"))
    store = open_store(tmp_path / "comite.sqlite")
    try:
        fill_demo(store)
        store.charters.sync_catalog([first, *(t for t in shipped if t is not current)])
        seat = next(e for e in store.charters.engagements()
                    if e.committee_kind is CommitteeKind.CDU and e.role is Role.USER_REPRESENTATIVE)
        draft = draft_for(store, seat, "representant-usagers")
        pdf = render_charter(draft)
        charter = store.charters.record(draft, hashlib.sha256(pdf).hexdigest())
        for side in Side:
            store.charters.sign(charter.id, side, SignatureMethod.PAPER, "X", charter.generated_on)
        signed = tmp_path / "signee.pdf"
        signed.write_bytes(_signed_by_structure(pdf))

        change = store.charters.sync_catalog(shipped)
        assert change.changed == ("representant-usagers",) and change.to_resign == 0
        kept = store.charters.get(charter.id)
        assert kept.status.value == "signed"
        assert (kept.template.version, kept.template.content_hash) == (1, first.content_hash)
        again = render_charter(store.charters.redraft(charter.id))
        assert again == pdf
        assert (f"version 1, empreinte {first.short_hash}."
                in flat(texts(again)[-1]))
        assert reader(again).metadata["/ComiteTemplateVersion"] == "1"
        verdict = verify_pdf(signed)
        assert verdict.state == "valid", verdict.message
        assert store.charters.by_pdf_sha256(verdict.revision_sha256[0]).id == charter.id
    finally:
        store.close()


def _signed_by_structure(pdf: bytes) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    signer, _certificate = _throwaway_signer("Centre hospitalier de Valmont")
    return signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)),
                            signers.PdfSignatureMetadata(field_name=STRUCTURE_FIELD), signer=signer,
                            existing_fields_only=True).getvalue()


# ---- pages as they print ---------------------------------------------------------------------


def test_pages_render_with_white_margins_and_the_boxes_beside_signatures(demo, tmp_path: Path):
    rendered = _suggested(demo) + [r for r in demo["rendered"] if r.draft.data["person"] == HOSTILE]
    for index, charter in enumerate(rendered):
        count = assert_renders_well(charter.pdf, tmp_path, f"charte-{index}")
        assert count == len(reader(charter.pdf).pages) >= 2
        assert _signatures_page(charter.pdf) == count - 1  # the block ends the document


def _signatures_page(pdf: bytes) -> int:
    """The page where « Signatures » is printed, checked to hold both boxes side by side and
    both signature fields inside them."""
    with opened(pdf) as document:
        pages = [i for i in range(len(document)) if where(document[i], "Signatures")]
        assert len(pages) == 1, pages
        page = document[pages[0]]
        (_heading_left, heading_top), = where(page, "Signatures")
        (structure_left, structure_top), = where(page, Side.STRUCTURE.label)
        (person_left, person_top), = where(page, Side.PERSON.label)
        assert abs(structure_top - person_top) < 1 and structure_left < person_left
        assert structure_top < heading_top
    page_object = reader(pdf).pages[pages[0]]
    widgets = {str(a.get_object()["/T"]): [float(v) for v in a.get_object()["/Rect"]]
               for a in page_object.get("/Annots", [])}
    assert set(widgets) == {STRUCTURE_FIELD, PERSON_FIELD}
    left, bottom, right, top = widgets[STRUCTURE_FIELD]
    assert structure_left - 1 < left < right < person_left and bottom < top < structure_top
    assert widgets[PERSON_FIELD][0] > person_left - 1 and widgets[PERSON_FIELD][3] < person_top
    assert right - left > 150 and top - bottom > 60  # room for a hand-written signature
    return pages[0]


@pytest.mark.parametrize("filler", range(22, 40))
def test_the_last_section_and_the_boxes_never_part(demo, filler: int):
    """Whatever the length of the text before it, the last section moves with the boxes."""
    paragraph = "Un paragraphe de remplissage, assez long pour occuper deux lignes de la page, " \
                "pour pousser la fin du texte vers le bas de la page."
    text = ("---\nid: essai\ntitle: Essai\nversion: 1\nroles: [patient_partner]\n---\n"
            "# Charte\n\n" + "\n\n".join([paragraph] * filler)
            + "\n\n## Signatures\n\nFait à {{ place }}, le {{ signature_date }}.\n")
    store = demo["store"]
    store.charters.sync_catalog([*shipped_templates(), parse(text)])
    engagement = demo["rendered"][0].engagement
    pdf = render_charter(draft_for(store, engagement, "essai"))
    assert _signatures_page(pdf) == len(reader(pdf).pages) - 1
    assert "vers le bas de la page." in texts(pdf)[-1], "never the signatures alone on a page"


@pytest.mark.parametrize("filler", range(14, 26))
def test_a_heading_never_ends_a_page(demo, filler: int):
    paragraph = "Un paragraphe de remplissage, assez long pour occuper deux lignes de la page, " \
                "pour pousser le titre suivant vers le bas de la page."
    text = ("---\nid: essai-titre\ntitle: Essai\nversion: 1\nroles: [patient_partner]\n---\n"
            "# Charte\n\n" + "\n\n".join([paragraph] * filler)
            + "\n\n## Au milieu\n\nLa phrase sous le titre.\n\n" + "\n\n".join([paragraph] * 30)
            + "\n\n## Signatures\n\nFait à {{ place }}, le {{ signature_date }}.\n")
    store = demo["store"]
    store.charters.sync_catalog([*shipped_templates(), parse(text)])
    pdf = render_charter(draft_for(store, demo["rendered"][0].engagement, "essai-titre"))
    page = next(page for page in texts(pdf) if "Au milieu" in page)
    assert "La phrase sous le titre." in page


def test_long_names_wrap_inside_their_boxes(demo, tmp_path: Path):
    store = demo["store"]
    rendered = _suggested(demo)[0]
    signatory = "Dr Marie-Hélène de La Tour d’Auvergne-Lauraguais, coordinatrice " * 2
    person = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessen Zoé"
    pdf = render_charter(draft_for(store, rendered.engagement, rendered.template.template_id,
                                   team_signatory=signatory.strip(), person=person))
    assert_renders_well(pdf, tmp_path, "longs")
    page_number = _signatures_page(pdf)
    with opened(pdf) as document:
        page = document[page_number]
        (_left, signatures_top), = where(page, "Signatures")
        (gap_left, _top), = where(page, Side.PERSON.label)
        in_boxes = [g for g in glyphs(page) if g.top < signatures_top - 30 and g.bottom > 60]
        box_right = gap_left - BOX_PADDING - BOX_GAP  # the left box's frame
        assert in_boxes and all(g.right <= box_right or g.left >= gap_left - 1 for g in in_boxes)
    assert flat(person[:40]) in flat(texts(pdf)[page_number].replace("\n", ""))


# ---- signature fields ------------------------------------------------------------------------


def test_both_empty_signature_fields_are_seen_by_pypdf_and_pyhanko(demo):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    for rendered in _suggested(demo):
        fields = reader(rendered.pdf).get_fields()
        assert set(fields) == {STRUCTURE_FIELD, PERSON_FIELD}
        assert all(field["/FT"] == "/Sig" and "/V" not in field for field in fields.values())
        seen = {name: value for name, value, _ref in
                enumerate_sig_fields(PdfFileReader(io.BytesIO(rendered.pdf)))}
        assert seen == {STRUCTURE_FIELD: None, PERSON_FIELD: None}


def test_pyhanko_signs_the_structure_field_and_then_the_person_field(demo, tmp_path: Path):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    original = _suggested(demo)[0].pdf
    signer, certificate = _throwaway_signer("MSP des Tilleuls")
    first = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(original)),
                             signers.PdfSignatureMetadata(field_name=STRUCTURE_FIELD), signer=signer,
                             existing_fields_only=True).getvalue()
    assert first.startswith(original)  # incremental: what comite wrote is untouched
    signed = {name: value is not None for name, value, _ref in
              enumerate_sig_fields(PdfFileReader(io.BytesIO(first)))}
    assert signed == {STRUCTURE_FIELD: True, PERSON_FIELD: False}
    person, person_certificate = _throwaway_signer(HOSTILE)
    both = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(first)),
                            signers.PdfSignatureMetadata(field_name=PERSON_FIELD), signer=person,
                            existing_fields_only=True).getvalue()
    found = PdfFileReader(io.BytesIO(both)).embedded_signatures
    assert [s.field_name for s in found] == [STRUCTURE_FIELD, PERSON_FIELD]
    context = ValidationContext(trust_roots=[certificate, person_certificate])
    for signature in found:
        status = validate_pdf_signature(signature, context)
        assert status.intact and status.valid and status.trusted, signature.field_name
    # The pages a reader shows did not change: the signatures only fill the fields.
    assert texts(both) == texts(original)


def _throwaway_signer(common_name: str):
    """A self-signed certificate and its signer, made for this test only."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    built = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
             .public_key(key.public_key()).serial_number(x509.random_serial_number())
             .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
             .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
             .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                          key_encipherment=False, data_encipherment=False,
                                          key_agreement=False, key_cert_sign=True, crl_sign=False,
                                          encipher_only=False, decipher_only=False), critical=True)
             .sign(key, hashes.SHA256()))
    certificate = asn1_x509.Certificate.load(built.public_bytes(serialization.Encoding.DER))
    private = asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    signer = signers.SimpleSigner(signing_cert=certificate, signing_key=private,
                                  cert_registry=SimpleCertificateStore.from_certs([certificate]))
    return signer, certificate


# ---- the same bytes again --------------------------------------------------------------------


def test_the_same_draft_gives_the_same_bytes_and_a_recorded_charter_renders_again(demo, tmp_path: Path):
    store = demo["store"]
    rendered = _suggested(demo)[1]
    assert render_charter(rendered.draft) == rendered.pdf
    charter = store.charters.record(rendered.draft, hashlib.sha256(rendered.pdf).hexdigest())
    again = render_charter(store.charters.redraft(charter.id))
    assert hashlib.sha256(again).hexdigest() == charter.pdf_sha256
    other = draft_for(store, rendered.engagement, rendered.template.template_id, place="Lyon")
    assert render_charter(other) != rendered.pdf
    target = tmp_path / "chartes" / f"charte-{rendered.draft.uid}.pdf"
    assert write_charter(rendered.draft, target) == target
    assert target.read_bytes() == rendered.pdf
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left


# ---- Markdown → flowables --------------------------------------------------------------------


def test_markdown_blocks_become_headings_paragraphs_lists_and_quotes():
    story = flowables("# Titre\n\n## Partie\n\n### Sous-partie\n\nUn **mot fort**, un *autre* et"
                      " `du code`,  \nà la ligne.\n\n- un\n- deux\n  1. imbriqué\n\n3. trois\n4. quatre"
                      "\n\n> une citation\n\n---\n\nFin.")
    kinds = [type(f).__name__ for f in story]
    # A space after each list, before the text that follows it.
    assert kinds == ["Heading", "Heading", "Heading", "Paragraph", "Paragraph", "Paragraph",
                     "Paragraph", "Spacer", "Paragraph", "Paragraph", "Spacer", "Indenter", "Paragraph",
                     "Indenter", "HRFlowable", "Paragraph"]
    story = [f for f in story if type(f).__name__ not in ("Spacer", "Indenter")]
    assert [f.level for f in story if isinstance(f, Heading)] == [1, 2, 3]
    assert story[3].text == "Un <b>mot fort</b>, un <i>autre</i> et du code,<br/>à la ligne."
    assert [(f.text, f.bulletText) for f in story[4:9]] == [
        ("un", "•"), ("deux", "•"), ("imbriqué", "1."), ("trois", "3."), ("quatre", "4.")]
    assert story[6].style.leftIndent > story[4].style.leftIndent


def test_markdown_escapes_every_value_and_ignores_raw_html():
    template = parse("---\nid: essai\ntitle: Essai\nversion: 1\nroles: [patient_partner]\n---\n"
                     "Bonjour **{{ person }}** : <b>pas du gras</b> & <i>ni italique</i>.\n\n"
                     "- {{ person }}\n")
    markdown = fill(template, {"person": HOSTILE})
    assert escape_value(HOSTILE) in markdown
    story = flowables(markdown)
    assert story[0].text.startswith("Bonjour <b>Zoé Dupont &amp; &lt;b&gt;Fils&lt;/b&gt; {{7*7}}</b>")
    text = flat(texts(render_pdf(story, DocumentInfo(title="Essai", author="MSP")))[0])
    assert f"Bonjour {HOSTILE} : <b>pas du gras</b> & <i>ni italique</i>." in text
    assert f"• {HOSTILE}" in text


def _shape(story: list) -> list:
    """What a story prints, flowable by flowable, to compare two ways of making it."""
    shape = []
    for flowable in story:
        cells = getattr(flowable, "_cellvalues", None)
        shape.append((type(flowable).__name__, getattr(flowable, "text", None),
                      getattr(flowable, "bulletText", None), getattr(flowable, "level", None),
                      getattr(getattr(flowable, "style", None), "name", None),
                      _shape(cells[0][0]) if cells else None))
    return shape


TRICKY = (
    "# {{ person }}\n\n**{{ person }}**, *{{ role }}*_{{ place }}_ et `{{ person }}`.\n",
    "{{ start_date }}. Un début de ligne\n\n- {{ start_date }}. dans une liste\n\n> {{ duration }}\n",
    "{{ place }}\n===\n\n    {{ person }} en code\n\n```\n{{ person }}\n```\n",
    "[lien][ref] {{ person }}\n\n[ref]: {{ place }}\n",
    "Fait à {{ place }}{% if signature_date %}, le {{ signature_date }}{% endif %}.\n",
    "{{ person | upper }} et {{ person }}\n\n1. {{ role }}\n2. {{ compensation }}\n",
)
VALUES = (
    {"person": HOSTILE, "role": "pair-aidant(e)", "place": "", "start_date": "12", "duration": "1 an",
     "signature_date": "", "compensation": "**rien**"},
    {"person": "Éloïse N'Guessan", "role": "(RU)", "place": "Saint-Dié-des-Vosges",
     "start_date": "1er mars 2026", "duration": "- trois ans", "signature_date": "2 avril 2026",
     "compensation": "10 € par réunion"},
)


def test_a_template_parsed_once_sets_exactly_what_a_whole_parse_sets(demo):
    """The shortcut of `filled_flowables` (the body's blocks parsed once for a batch) gives
    the very flowables of a whole parse: for the shipped templates and every example person,
    and for bodies and values made to trip it (digits starting a line, empty values, emphasis
    against a value, code, a link reference, Jinja logic and filters)."""
    from comite.exports.pdf import markdown
    from comite.store.charters import BLANK, HANDWRITTEN

    for rendered in demo["rendered"]:
        draft = rendered.draft
        shown = {k: (v or BLANK) if k in HANDWRITTEN else v for k, v in draft.data.items()}
        skeleton = markdown._skeleton(draft.template.body)
        assert skeleton is not None and skeleton.fits(shown, draft.markdown)  # the shortcut is taken
        assert _shape(markdown.filled_flowables(draft.template.body, shown, draft.markdown)) == _shape(
            flowables(draft.markdown))
    for body in TRICKY:
        template = parse("---\nid: essai\ntitle: Essai\nversion: 1\nroles: [patient_partner]\n---\n" + body)
        for values in VALUES:
            filled = fill(template, values)
            assert _shape(markdown.filled_flowables(template.body, values, filled)) == _shape(
                flowables(filled)), (body, values)


def test_a_link_prints_its_address_and_french_spaces_hold():
    story = flowables("Voir [le site de la CNIL](https://www.cnil.fr) ou <https://www.cnil.fr> ; "
                      "« merci » !")
    assert story[0].text == ("Voir le site de la CNIL (https://www.cnil.fr) ou https://www.cnil.fr\u00a0; "
                             "«\u00a0merci\u00a0»\u00a0!")


def test_the_date_the_person_signs_is_left_to_write_by_hand(demo):
    rendered = _suggested(demo)[0]
    assert rendered.draft.data["signature_date"] == ""
    whole = flat("\n".join(texts(rendered.pdf)))
    assert "le ………………………" in whole and whole.count("Date : …") == 2


@pytest.mark.parametrize("body", ["# " + "titre " * 3000, "## A\n\n> " + "citation " * 3000,
                                  "- > " + "citation " * 3000])
def test_a_heading_or_a_quote_longer_than_a_page_still_prints(body):
    from comite.store.charters import CharterDraft

    template = parse("---\nid: essai\ntitle: Essai\nversion: 1\nroles: [patient_partner]\n---\n" + body)
    values = {"person": "Marie Curie", "structure": "MSP", "committee": "Comité",
              "team_signatory": "Dr Roy", "role": "patiente partenaire"}
    draft = CharterDraft(uid="CH-ESSAI", person_id=1, committee_id=1, template=template, data=values,
                         markdown=fill(template, {}))
    pdf = reader(render_charter(draft))
    assert len(pdf.pages) > 1
    whole = " ".join(page.extract_text() for page in pdf.pages)
    assert whole.count("titre") + whole.count("citation") >= 2900


SENTENCES = {  # (structure, committee) → what the charter says of them, articles and all
    "representant-usagers": ("Cette charte est conclue entre {le_s}, pour qui signe",
                             "qui siège {au_c} en qualité de",
                             "sous la responsabilité {du_s} :"),
    "membre-comite-usagers-msp": ("Cette charte est conclue entre {le_s}, pour qui signe",
                                  "qui rejoint {le_c} en qualité de",
                                  "sous la responsabilité {du_s} :"),
    "patient-partenaire": ("Cette charte est conclue entre {le_s}, pour qui signe",
                           "auprès de l’équipe, au sein {du_c}, en qualité de",
                           "sous la responsabilité {du_s} :"),
}
PLACES = (  # a structure, its committee, and how French names them
    ("MSP du Vieux Port", "msp", "Comité des usagers", "comite_usagers",
     {"le_s": "la MSP du Vieux Port", "du_s": "de la MSP du Vieux Port",
      "le_c": "le Comité des usagers", "au_c": "au Comité des usagers",
      "du_c": "du Comité des usagers"}),
    ("Centre hospitalier de Valmont", "etablissement", "Commission des usagers (CDU)", "cdu",
     {"le_s": "le Centre hospitalier de Valmont", "du_s": "du Centre hospitalier de Valmont",
      "le_c": "la Commission des usagers (CDU)", "au_c": "à la Commission des usagers (CDU)",
      "du_c": "de la Commission des usagers (CDU)"}),
    ("Association Entraide Santé", "association", "Groupe des usagers", "comite_usagers",
     {"le_s": "l’Association Entraide Santé", "du_s": "de l’Association Entraide Santé",
      "le_c": "le Groupe des usagers", "au_c": "au Groupe des usagers",
      "du_c": "du Groupe des usagers"}),
)


@pytest.mark.parametrize("place", PLACES, ids=lambda p: p[1])
def test_each_template_names_the_structure_and_committee_with_their_articles(tmp_path, place):
    """Once « conclue entre Centre hospitalier de Valmont, représentée par… », « qui siège dans
    « Commission des usagers (CDU) » », « MSP du Vieux Port est responsable »."""
    from comite.store import PersonInput
    from comite.store.committee_models import Role

    structure_name, structure_kind, committee_name, committee_kind, said = place
    store = open_store(tmp_path / "comite.sqlite")
    try:
        store.charters.sync_catalog(shipped_templates())
        structure = store.structures.create(structure_name, structure_kind, "Valmont")
        committee = store.committees.create(structure.id, committee_name, committee_kind)
        person = store.people.create(PersonInput(
            last_name="Perrin", first_name="Martine",
            roles=(Role.USER_REPRESENTATIVE, Role.PATIENT_PARTNER)))
        store.memberships.add(committee.id, person.id, MembershipInput())
        seat = next(e for e in store.charters.engagements() if e.person_id == person.id)
        for template_id, sentences in SENTENCES.items():
            whole = flat(" ".join(texts(render_charter(draft_for(store, seat, template_id)))))
            for sentence in sentences:
                assert sentence.format(**said) in whole, (template_id, sentence.format(**said))
    finally:
        store.close()
