"""Every typed character prints (issue 21): what the DejaVu faces lack (👩, a flag, a skin
tone) is drawn in the fallback font (`exports.pdf.fallback`), in every PDF kind. Each PDF is
read back by pypdf (the characters are there, ToUnicode right past U+FFFF) and by pdfium
(every character it finds is drawn by a font whose table has it: no empty box); each kind's
first page is rendered to PNG beside the test's files."""

import hashlib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2.raw as pdfium_c
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from comite.exports.pdf import fallback, unicode_map
from comite.exports.pdf.access_report import render_access_pdf
from comite.exports.pdf.charter import render_charter
from comite.exports.pdf.composition import write_composition_pdf
from comite.exports.pdf.convocation import write_convocations
from comite.exports.pdf.document import (
    FONT,
    FONT_BOLD,
    MARGIN_BOTTOM,
    PAGE_WIDTH,
    DocumentInfo,
    markup,
    render_pdf,
    styles,
)
from comite.exports.pdf.minutes import render_minutes
from comite.exports.pdf.minutes_easy import render_minutes_easy
from comite.store import MeetingInput, MembershipInput, PersonInput, Store, open_store
from comite.store.agenda import ItemInput
from comite.store.committee_models import CommitteeKind
from comite.store.demo import fill_small
from comite.store.disclosure import disclose
from comite.sync.charter_catalog import load_catalog
from tests.exports.minutes_records import document, item, meeting
from tests.exports.pdf_pages import assert_renders_well, flat, opened, printed_in, texts

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
LINES = (Path(__file__).resolve().parents[1] / "data" / "hostile" / "printed-characters.txt"
         ).read_text(encoding="utf-8").splitlines()
LAST, FIRST, TITLE = LINES[3], LINES[1], LINES[0]
COMMITTEE = LINES[6]


def drawn_by() -> dict[str, frozenset[int]]:
    """PostScript name → the characters that font draws, for every font our PDFs use."""
    styles()
    fonts = {}
    for name in (FONT, FONT_BOLD, fallback.FALLBACK):
        face = pdfmetrics.getFont(name).face
        fonts[face.name.decode() if isinstance(face.name, bytes) else face.name] = frozenset(
            code for code, glyph in face.charToGlyph.items() if glyph)
    return fonts


def assert_prints_every_character(pdf: bytes | Path, folder: Path, name: str,
                                  expected: list[str]) -> None:
    whole = flat(" ".join(texts(pdf)))
    for text in expected:
        assert flat(text) in whole, (name, text)
    fonts = drawn_by()
    with opened(pdf) as doc:
        for index in range(len(doc)):
            for character, font in printed_in(doc[index]):
                assert font in fonts, (name, font)
                assert ord(character) in fonts[font], (name, index + 1, character, font)
    assert_renders_well(pdf, folder, name)


def test_markup_puts_only_what_dejavu_lacks_in_the_fallback():
    assert markup("Zoé 😊 & 👩") == 'Zoé 😊 &amp; <font name="NotoEmoji">👩</font>'
    assert markup("<b>👩👩</b>") == '&lt;b&gt;<font name="NotoEmoji">👩👩</font>&lt;/b&gt;'


def test_the_fallback_holds_nothing_a_dejavu_face_draws():
    fonts = drawn_by()
    both = fonts["DejaVuSans"] & fonts["DejaVuSans-Bold"]
    assert fallback.drawn().isdisjoint(map(chr, both))
    assert "👩" in fallback.drawn() and ord("😊") in both


def test_reportlab_still_writes_a_wrong_map_past_u_ffff():
    """When ReportLab writes <D83DDC69> itself, `unicode_map` has no reason to be: remove it."""
    assert "<1F469>" in unicode_map._REPORTLAB_MAP("F", [0x41, 0x1F469])
    assert "<D83DDC69>" in unicode_map.utf16_map("F", [0x41, 0x1F469])


def test_a_paragraph_the_footer_and_bold_text_print_every_line(tmp_path):
    s = styles()
    story = [Paragraph(markup(line), s.title if n % 2 else s.body) for n, line in enumerate(LINES)]
    pdf = render_pdf(story, DocumentInfo(title=TITLE, author=FIRST, header=LINES[2]))
    assert_prints_every_character(pdf, tmp_path, "paragraphs", LINES)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Store:
    """The example, with a person and a committee named with the hostile lines."""
    store = open_store(tmp_path_factory.mktemp("emoji") / "comite.sqlite")
    fill_small(store, TODAY)
    yield store
    store.close()


@pytest.fixture(scope="module")
def named(demo: Store) -> dict[str, int]:
    structure = next(s.committee.structure_id for s in demo.committees.all())
    committee = demo.committees.create(structure, COMMITTEE, CommitteeKind.USERS_COMMITTEE)
    person = demo.people.create(PersonInput(last_name=LAST, first_name=FIRST,
                                            profession=LINES[2], association=LINES[5],
                                            note="\n".join(LINES), phone="06 39 98 12 34"))
    demo.memberships.add(committee.id, person.id, MembershipInput(designated_by=LINES[4]))
    catalog = load_catalog(Path("/nonexistent-user-templates"))  # the shipped templates only
    demo.charters.sync_catalog(catalog.templates, keep=catalog.held)
    return {"committee": committee.id, "person": person.id}


def test_the_convocation(demo, named, tmp_path):
    meeting_id = demo.meetings.create(named["committee"], MeetingInput(
        title=TITLE, place=LINES[4])).id
    demo.meetings.add_slot(meeting_id, datetime(2027, 1, 12, 18, 0))
    for line in LINES:
        demo.agenda.add_item(meeting_id, ItemInput(line, duration_minutes=5), confirmed=True)
    demo.meetings.open_poll(meeting_id)
    out = write_convocations(demo.meetings.detail(meeting_id), tmp_path / "lettres.pdf",
                             organizer_name=LINES[1], now=NOW,
                             agenda=demo.agenda.agenda(meeting_id).items)
    assert_prints_every_character(out, tmp_path, "convocation", [f"{FIRST} {LAST}", *LINES])


def test_the_minutes_and_their_easy_read_version(tmp_path):
    minutes = document(meeting=meeting(title=TITLE),
                       items=tuple(item(n, line) for n, line in enumerate(LINES, start=1)))
    assert_prints_every_character(render_minutes(minutes), tmp_path, "minutes", LINES)
    assert_prints_every_character(render_minutes_easy(minutes), tmp_path, "minutes-easy", LINES)


def test_the_charter(demo, named, tmp_path):
    draft = demo.charters.draft(named["person"], named["committee"], "patient-partenaire",
                                {"team_signatory": LINES[0]}, TODAY)
    pdf = render_charter(draft)
    demo.charters.record(draft, hashlib.sha256(pdf).hexdigest())
    assert_prints_every_character(pdf, tmp_path, "charter", [COMMITTEE])
    fonts_seen = set()
    with opened(pdf) as doc:
        for index in range(len(doc)):
            fonts_seen |= {font for character, font in printed_in(doc[index]) if character == "👩"}
    assert fonts_seen == {"NotoEmoji-Regular"}, "the signature boxes draw 👩 too"


def test_a_signer_named_in_emoji_stays_in_the_signature_box(demo, named):
    """The boxes' lines are measured as drawn: 👩 is wider in the fallback than DejaVu's box."""
    draft = demo.charters.draft(named["person"], named["committee"], "patient-partenaire",
                                {"team_signatory": "👩" * 60}, TODAY)
    with opened(render_charter(draft)) as doc:
        textpage = doc[len(doc) - 1].get_textpage()
        boxes = [textpage.get_charbox(index) for index in range(textpage.count_chars())
                 if pdfium_c.FPDFText_GetUnicode(textpage.raw, index) == 0xD83D]  # 👩 😊 start so
    in_the_left_box = [(left, right) for left, bottom, right, _top in boxes
                       if left < PAGE_WIDTH / 2 and bottom > MARGIN_BOTTOM]
    assert len(in_the_left_box) == 60, "every 👩 on the team's side, none run into the other box"
    assert max(right for _left, right in in_the_left_box) < PAGE_WIDTH / 2


def test_the_access_report(demo, named, tmp_path):
    pdf = render_access_pdf(demo.privacy.access_report(named["person"]), LINES[1])
    assert_prints_every_character(pdf, tmp_path, "access", LINES)


def test_the_composition(demo, named, tmp_path):
    shown = disclose(demo.committees.composition(named["committee"], TODAY))
    out = write_composition_pdf(shown, COMMITTEE, LINES[2], tmp_path / "composition.pdf", LINES[1])
    assert_prints_every_character(out, tmp_path, "composition", [COMMITTEE, LINES[2]])


def test_the_check_sees_an_empty_box(tmp_path):
    """Without `markup`, ReportLab draws 👩 with DejaVu's glyph 0, a box that reads as U+0000:
    the check says so."""
    pdf = render_pdf([Paragraph("Claire 👩", styles().body)], DocumentInfo(title="Essai", author="A"))
    with opened(pdf) as doc:
        assert ("\x00", "DejaVuSans") in printed_in(doc[0])
    with pytest.raises(AssertionError):
        assert_prints_every_character(pdf, tmp_path, "box", ["Claire"])  # not ["Claire 👩"]
