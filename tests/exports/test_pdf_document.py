"""The frame every PDF shares, read back with pypdf (an independent reader)."""

import io
from pathlib import Path

import pypdf
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import PageBreak, Paragraph, Table

from comite.exports.pdf.document import (
    FONT,
    FONT_BOLD,
    FONTS,
    DocumentInfo,
    markup,
    render_pdf,
    styles,
    table,
    write_pdf,
)

INFO = DocumentInfo(title="Compte rendu : séance d’hiver", author="Hélène Kervella",
                    subject="Comité des usagers — essai")
HOSTILE = "Dupont & <b>Fils</b> <font size=40>énorme</font> </para>"


def parts(count: int) -> list:
    s = styles()
    story: list = []
    for number in range(1, count + 1):
        if story:
            story.append(PageBreak())
        story.append(Paragraph(f"<b>Partie {number}</b>", s.heading))
        story.append(Paragraph(markup(f"{HOSTILE}\nœuvre, élève, « guillemets »"), s.body))
    return story


def read(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def plain(page: pypdf.PageObject) -> str:
    return page.extract_text().replace("\xa0", " ")


def fonts(reader: pypdf.PdfReader) -> list[tuple[str, bool]]:
    """(BaseFont, embedded as TrueType) for every font of every page."""
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            found.append((str(font["/BaseFont"]),
                          descriptor is not None and "/FontFile2" in descriptor.get_object()))
    return found


def test_fonts_are_the_shipped_files():
    styles()
    assert Path(pdfmetrics.getFont(FONT).face.filename) == FONTS / "DejaVuSans.ttf"
    assert Path(pdfmetrics.getFont(FONT_BOLD).face.filename) == FONTS / "DejaVuSans-Bold.ttf"


def test_every_page_footer_gives_the_title_and_page_x_of_y():
    reader = read(render_pdf(parts(3), INFO))
    assert len(reader.pages) == 3
    for number, page in enumerate(reader.pages, start=1):
        text = plain(page)
        assert f"page {number} / 3" in text
        assert INFO.title in text
        assert f"Partie {number}" in text


def test_flowing_text_is_counted_too():
    s = styles()
    story = [Paragraph(f"Ligne {n} : le texte continue sur la page suivante.", s.body)
             for n in range(150)]
    reader = read(render_pdf(story, INFO))
    total = len(reader.pages)
    assert total >= 3
    assert f"page {total} / {total}" in plain(reader.pages[-1])
    assert "Ligne 149" in plain(reader.pages[-1])


def test_a_long_title_is_shortened_in_the_footer_but_whole_in_the_metadata():
    title = "Réunion extraordinaire " * 12
    reader = read(render_pdf(parts(1), DocumentInfo(title=title.strip(), author="A")))
    footer = plain(reader.pages[0]).splitlines()[-2:]
    assert any(line.endswith("…") and len(line) < len(title) for line in footer), footer
    assert "page 1 / 1" in plain(reader.pages[0])
    assert reader.metadata.title == title.strip()


def test_text_from_the_database_prints_as_typed():
    text = plain(read(render_pdf(parts(1), INFO)).pages[0])
    assert HOSTILE in text
    assert "œuvre, élève, « guillemets »" in text
    assert "&amp;" not in text and "&lt;" not in text


def test_only_the_shipped_fonts_are_used_and_all_are_embedded():
    s = styles()
    story = [*parts(2), table([["", Paragraph("cellule", s.cell)], ["texte brut", ""]], [200, 200])]
    found = fonts(read(render_pdf(story, INFO)))
    assert found
    for name, embedded in found:
        assert name.split("+")[-1] in {"/DejaVuSans", "DejaVuSans", "DejaVuSans-Bold"}, name
        assert embedded, name


def test_the_font_check_catches_a_table_left_in_helvetica():
    # ReportLab's own Table draws plain-text cells in Helvetica: the reason `table()` exists.
    story = [Table([["texte brut", ""]], colWidths=[200, 200])]
    found = fonts(read(render_pdf(story, INFO)))
    assert ("/Helvetica", False) in found


def test_metadata_and_language():
    reader = read(render_pdf(parts(1), INFO))
    meta = reader.metadata
    assert (meta.title, meta.author, meta.subject, meta.creator) == (
        INFO.title, INFO.author, INFO.subject, "comite")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr-FR"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True


def test_same_story_same_bytes():
    first = render_pdf(parts(2), INFO)
    assert render_pdf(parts(2), INFO) == first
    assert render_pdf(parts(2), DocumentInfo(title="Autre titre", author=INFO.author)) != first


def test_write_pdf_replaces_the_file_in_one_step(tmp_path: Path):
    target = tmp_path / "sortie" / "document.pdf"
    target.parent.mkdir()
    target.write_bytes(b"ancienne version")
    assert write_pdf(target, parts(1), INFO) == target
    assert target.read_bytes() == render_pdf(parts(1), INFO)
    assert sorted(p.name for p in target.parent.iterdir()) == ["document.pdf"]
