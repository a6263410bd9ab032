"""Every PDF a structure sends carries its letterhead (issue 15): paper convocations (poll,
convened, cancelled), the minutes (full, easy to read, internal), the answer to a right of
access and a newly issued charter — written through the use cases the app and the command line
call, on the example data with a logo set, read back by pypdf (text, images) and rendered by
pdfium."""

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from comite.exports.pdf.charter import render_charter
from comite.store import open_store
from comite.store.charter_template import fill, parse
from comite.store.charters import (
    BLANK,
    HANDWRITTEN,
    LAYOUT,
    LETTERHEAD_ADDRESS,
    LETTERHEAD_EMAIL,
    LETTERHEAD_LOGO,
    LETTERHEAD_PHONE,
    CharterDraft,
    letterhead_of,
)
from comite.store.committee_models import Letterhead
from comite.store.demo import fill_small
from comite.usecases import paths
from comite.usecases.charters import make_pdf
from comite.usecases.letterhead import check_logo, keep
from comite.usecases.minutes import MinutesKind, write_minutes
from comite.usecases.outbox import write_convocations
from comite.usecases.privacy import export_access
from comite.usecases.settings import Settings
from tests.exports.charter_drafts import SIGNATORY, shipped_templates
from tests.exports.logos import make_logo
from tests.exports.pdf_pages import assert_renders_well, flat, reader, texts

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(tmp_path: Path):
    """The example data, each structure with the same logo, copied as the structure form does."""
    store = open_store(tmp_path / "comite.sqlite")
    fill_small(store, TODAY)
    logo = check_logo(make_logo(tmp_path / "logo.png"))
    keep(logo)
    for structure in store.structures.all():
        store.structures.set_logo(structure.id, logo.file_name)
    yield store
    store.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(coordinator_name="Françoise Lefèvre", coordinator_phone="06 39 98 00 01",
                    exports=str(tmp_path / "exports"))


def meeting_titled(store, piece: str):
    return next(m for m in store.meetings.all() if piece in m.title)


def letterhead_of_committee(store, committee_id: int) -> Letterhead:
    return store.structures.letterhead(store.committees.get(committee_id).structure_id)


def assert_headed(pdf: bytes | Path, head: Letterhead, pages: list[int] | None = None) -> None:
    """The letterhead's name, first address line, phone and e-mail, and the logo, on each of
    `pages` (the first page when None)."""
    every = texts(pdf)
    document = reader(pdf)
    for number in pages or [0]:
        text = flat(every[number])
        for expected in (head.name, head.address.splitlines()[0], head.phone, head.email):
            assert expected in text, (number, expected)
        assert len(document.pages[number].images) == 1, number


def first_pages(pdf: Path) -> list[int]:
    """The page each letter starts on: the one that greets its reader."""
    return [number for number, text in enumerate(texts(pdf)) if "Bonjour " in text]


# ---- letters ------------------------------------------------------------------------------------


@pytest.mark.parametrize("piece", ["Prochain", "trimestrielle", "annulée"])
def test_each_paper_letter_starts_under_the_letterhead(demo, settings, tmp_path: Path, piece: str):
    if piece == "annulée":
        meeting = meeting_titled(demo, "trimestrielle")
        demo.meetings.cancel(meeting.id)
    else:
        meeting = meeting_titled(demo, piece)
    pdf = write_convocations(demo, meeting.id, settings)
    head = letterhead_of_committee(demo, meeting.committee_id)
    starts = first_pages(pdf)
    assert starts and len(starts) == sum(1 for i in demo.meetings.detail(meeting.id).invitees
                                         if not i.email)
    assert_headed(pdf, head, starts)
    assert meeting.committee_name in flat(texts(pdf)[0])  # the committee still names the letter
    assert_renders_well(pdf, tmp_path, f"lettre-{piece}")


# ---- minutes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [MinutesKind.FULL, MinutesKind.EASY, MinutesKind.INTERNAL])
def test_the_minutes_start_under_the_letterhead(demo, settings, tmp_path: Path, kind: MinutesKind):
    meeting = meeting_titled(demo, "bilan")
    pdf = write_minutes(demo, meeting.id, kind, settings)
    assert_headed(pdf, letterhead_of_committee(demo, meeting.committee_id))
    assert len(reader(pdf).pages[1].images) == 0  # the first page only
    assert_renders_well(pdf, tmp_path, f"compte-rendu-{kind}")


# ---- right of access ----------------------------------------------------------------------------


def test_the_answer_to_a_right_of_access_is_headed_by_the_persons_structure(demo, settings,
                                                                            tmp_path: Path):
    seat = demo.memberships.of_committee(meeting_titled(demo, "trimestrielle").committee_id)[0]
    made = export_access(demo, settings, seat.person_id, None, False, TODAY)
    assert_headed(made.pdf_path, letterhead_of_committee(demo, seat.committee_id))
    assert_renders_well(made.pdf_path, tmp_path, "droit-d-acces")


# ---- charters -----------------------------------------------------------------------------------


def engaged(store):
    store.charters.sync_catalog(shipped_templates())
    return next(e for e in store.charters.engagements() if e.committee_name == "Comité des usagers")


def draft(store, engagement, **values: str) -> CharterDraft:
    template = store.charters.suggested(engagement.person_id, engagement.committee_id)
    return store.charters.draft(engagement.person_id, engagement.committee_id, template.template_id,
                                {"team_signatory": SIGNATORY, **values}, TODAY)


def test_a_new_charter_fixes_its_letterhead_and_its_logo_by_sha256(demo, tmp_path: Path):
    engagement = engaged(demo)
    structure = demo.structures.get(demo.committees.get(engagement.committee_id).structure_id)
    made = draft(demo, engagement)
    assert letterhead_of(made.data) == replace(structure.letterhead, logo="")
    assert made.data[LETTERHEAD_LOGO] == structure.logo.removesuffix(".png")
    charter, pdf = make_pdf(demo, made, tmp_path / "charte.pdf")
    assert_headed(pdf, structure.letterhead)
    assert_renders_well(pdf, tmp_path, "charte")
    # The structure moves and drops its logo: the charter issued keeps what it was issued with.
    demo.structures.update(structure.id, structure.name, structure.kind, structure.city,
                           address="3 place du Marché\n42990 Valmont-sur-Loire",
                           phone=structure.phone, email=structure.email)
    demo.structures.set_logo(structure.id, "")
    again = demo.charters.redraft(charter.id)
    assert hashlib.sha256(make_pdf(demo, again, tmp_path / "encore.pdf")[1].read_bytes()).hexdigest() \
        == charter.pdf_sha256
    # A charter drafted now is another charter, with the new letterhead and no logo.
    now = draft(demo, engagement)
    assert now.uid != charter.uid
    text = flat(texts(render_charter(now))[0])
    assert "3 place du Marché" in text and "12 rue des Tilleuls" not in text
    assert len(reader(render_charter(now)).pages[0].images) == 0


def test_the_access_report_names_a_charters_letterhead_values_in_french(demo, settings,
                                                                         tmp_path: Path):
    engagement = engaged(demo)
    make_pdf(demo, draft(demo, engagement), tmp_path / "charte.pdf")
    text = flat(" ".join(texts(export_access(demo, settings, engagement.person_id, None, False,
                                             TODAY).pdf_path)))
    assert "L’adresse de la structure (en-tête) 12 rue des Tilleuls" in text
    assert "La version de la mise en page de son PDF 2" in text
    assert "letterhead" not in text and "layout" not in text


def test_a_charter_whose_logo_file_is_gone_renders_without_it(demo, tmp_path: Path):
    made = draft(demo, engaged(demo))
    for copy in paths.logos_dir().iterdir():
        copy.unlink()
    charter, pdf = make_pdf(demo, made, tmp_path / "charte.pdf")
    assert len(reader(pdf).pages[0].images) == 0
    assert charter.uid == made.uid


# A charter as the app drafted it before letterheads (no letterhead keys in its values), and the
# sha256 its PDF had then (rendered on the commit before letterheads, ac00cb5): the store keeps
# that sha256 as the charter's proof, so the same values must still give the same bytes.
OLD_TEMPLATE = """---
id: avant-en-tete
title: Charte d’engagement réciproque — avant l’en-tête
version: 3
roles: [patient_partner]
---

# Charte d’engagement réciproque

**{{ structure }}** ({{ structure_city }}) — {{ committee }}

## Les parties

Cette charte est conclue entre {{ structure }}, représentée par {{ team_signatory }}, et
{{ person }}, qui rejoint « {{ committee }} » en qualité de {{ role }}, à partir du
{{ start_date }}, pour {{ duration }}.

## Défraiement et données

{{ compensation }} Les données sont gardées {{ retention }} après la fin de l’engagement.

## Signatures

Fait à {{ place }}, le {{ signature_date }}.
"""
OLD_DATA = {"structure": "MSP des Tilleuls", "structure_city": "Villeurbanne",
            "committee": "Comité des usagers", "person": "Zoé Dupont & <b>Fils</b>",
            "role": "patiente partenaire", "team_signatory": "Dr Hélène Kervella",
            "start_date": "15/03/2026", "duration": "un an, renouvelable", "place": "",
            "signature_date": "", "compensation": "Les frais de déplacement sont remboursés.",
            "retention": "deux ans"}
OLD_SHA256 = "dc9f64589908c8af820f37d22bfab551e08dd2af2c10d228d8d49dc16eff8775"


def test_a_charter_drafted_before_letterheads_renders_byte_for_byte_as_it_did(tmp_path: Path):
    template = parse(OLD_TEMPLATE)
    shown = {k: (v or BLANK) if k in HANDWRITTEN else v for k, v in OLD_DATA.items()}
    old = CharterDraft(uid="CH-AVANTENTET", person_id=1, committee_id=1, template=template,
                       data=OLD_DATA, markdown=fill(template, shown))
    assert letterhead_of(old.data) is None
    logo = make_logo(tmp_path / "logo.png")  # a logo at hand changes nothing for it
    for pdf in (render_charter(old), render_charter(old, logo)):
        assert hashlib.sha256(pdf).hexdigest() == OLD_SHA256


# The same charter drafted while the proof of its template headed the pages (the letterhead
# keys, no `layout` among its values), and its PDF's sha256 then (rendered on commit f92f03f).
HEADED_DATA = {**OLD_DATA, LETTERHEAD_ADDRESS: "12 rue des Tilleuls\n42990 Valmont-sur-Loire",
               LETTERHEAD_PHONE: "04 65 71 20 10", LETTERHEAD_EMAIL: "", LETTERHEAD_LOGO: ""}
HEADED_SHA256 = "2b7989b93ef84ee9578449a4fb0ee63a537ff199db5cc09ada7bfe050067935c"


def test_a_charter_issued_with_its_proof_as_a_header_renders_byte_for_byte_as_it_did():
    template = parse(OLD_TEMPLATE)
    shown = {k: (v or BLANK) if k in HANDWRITTEN else v for k, v in HEADED_DATA.items()}
    old = CharterDraft(uid="CH-PREUVETETE", person_id=1, committee_id=1, template=template,
                       data=HEADED_DATA, markdown=fill(template, shown))
    assert LAYOUT not in old.data and letterhead_of(old.data) is not None
    pdf = render_charter(old)
    assert hashlib.sha256(pdf).hexdigest() == HEADED_SHA256
    assert f"Modèle avant-en-tete · version 3 · empreinte {template.short_hash}" in texts(pdf)[0]
