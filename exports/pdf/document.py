"""The frame every PDF of comite shares: the shipped fonts, paragraph styles, A4 pages with a
footer (title, « page x / y ») and, when asked, a header line or a footnote in small print above
the footer, the metadata, and byte-for-byte reproducible output.

One module per document kind (convocation, charter, minutes…) builds a story of flowables
and hands it to `write_pdf`. Never a system font: the DejaVu files shipped beside this module
cover every French character, the typographic quotes, « ○ » and « ✂ »; what they lack (👩,
most emoji) is printed in the fallback font (`exports.pdf.fallback`), through `markup` for
paragraphs and `fallback.draw_string` on the canvas.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle

from comite.exports.files import atomic_write
from comite.exports.pdf import fallback, unicode_map
from comite.kernel.i18n import _

FONTS = Path(__file__).with_name("fonts")
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
CREATOR = "comite"
LANGUAGE = "fr-FR"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_SIDE = 20 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 19 * mm
FOOTER_BASELINE = 10 * mm
# A header, when asked for, sits just inside the top margin with a rule under it; the text
# then starts HEADER_ROOM lower.
HEADER_ROOM = 10 * mm
HEADER_BASELINE = PAGE_HEIGHT - MARGIN_TOP - 3 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
# A footnote, when asked for, is small print just above the footer's rule, wrapped to the text's
# width (never cut: it may carry a hash someone checks); the text then ends that much higher.
FOOTNOTE_SIZE = 7.5
FOOTNOTE_LEADING = 9.5
FOOTNOTE_BASELINE = FOOTER_BASELINE + 6.5 * mm

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#ececec")
WATERMARK = colors.HexColor("#b03030")  # a draft mark: red, made pale by its transparency


@cache
def register_fonts() -> None:
    """Register the shipped DejaVu fonts once per process, and tie bold to <b> in paragraphs;
    then the fallback font, and the ToUnicode map readers need past U+FFFF."""
    unicode_map.apply()
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    # No oblique face is shipped: <i> falls back to the upright face rather than to Helvetica.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    fallback.drawn()


@dataclass(frozen=True, slots=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    body_right: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


@cache
def styles() -> Styles:
    """The paragraph styles of every document: large, plain and high-contrast, since many readers
    see poorly; French text is left-aligned (justified text leaves holes at these sizes)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=15, textColor=INK,
                          spaceAfter=5)
    cell = ParagraphStyle("cell", parent=body, fontSize=10.5, leading=13.5, spaceAfter=0)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=15, leading=19,
                             spaceAfter=2),
        heading=ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, fontSize=12, leading=16,
                               spaceBefore=6, spaceAfter=3),
        body=body,
        body_right=ParagraphStyle("body_right", parent=body, alignment=TA_RIGHT),
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=6 * mm, bulletIndent=2 * mm,
                              bulletFontName=FONT, spaceAfter=2),
        small=ParagraphStyle("small", parent=body, fontSize=9, leading=12, textColor=MUTED),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
    )


def markup(text: str) -> str:
    """Text read from the database, made safe for ReportLab's paragraph mini-markup: a name such
    as `Dupont & <b>Fils</b>` prints as typed; line breaks typed by the user are kept; what DejaVu
    lacks prints in the fallback font."""
    return "<br/>".join(fallback.escaped(line) for line in text.splitlines())


def table(rows: list[list[object]], widths: list[float], commands: Iterable[tuple[object, ...]] = (),
          **options: object) -> Table:
    """A Table whose plain-text cells, even empty ones, use the shipped font: ReportLab's
    default is Helvetica, which would otherwise slip into the file unembedded."""
    built = Table(rows, colWidths=widths, **options)
    built.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands]))
    return built


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The PDF's metadata; `title` also heads the footer of every page, unless `footer` says
    otherwise. `header`, when given, is printed at the top of every page, `footnote` in small
    print at the foot of every page, `watermark` across every page. `extra` adds entries to the
    PDF's Info dictionary, as (name, text) pairs: names are letters and digits only."""

    title: str
    author: str
    subject: str = ""
    header: str = ""
    footer: str = ""
    footnote: str = ""
    keywords: str = ""
    extra: tuple[tuple[str, str], ...] = ()
    watermark: str = ""  # across every page, diagonal and pale: « PROJET » until adopted


def render_pdf(story: Iterable[Flowable], info: DocumentInfo) -> bytes:
    """The PDF as bytes. Same story, same info → same bytes (`invariant`: fixed dates and ID)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_SIDE, rightMargin=MARGIN_SIDE,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=info.title, author=info.author, subject=info.subject, keywords=info.keywords,
        creator=CREATOR,
        lang=LANGUAGE, invariant=1, displayDocTitle=1,
        # The canvas otherwise starts in Helvetica, which would appear, unembedded, in the file.
        initialFontName=FONT, initialFontSize=11, initialLeading=15,
    )
    footnote = footnote_lines(info.footnote)
    # The footnote's lines, and a line's room between them and the text.
    raised = (len(footnote) + 1) * FOOTNOTE_LEADING if footnote else 0
    height = doc.height - (HEADER_ROOM if info.header else 0) - raised
    frame = Frame(doc.leftMargin, doc.bottomMargin + raised, doc.width, height, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(list(story), canvasmaker=partial(_FooterCanvas, footer=info.footer or info.title,
                                               header=info.header, footnote=footnote,
                                               extra=info.extra, watermark=info.watermark))
    return buffer.getvalue()


def footnote_lines(text: str) -> list[str]:
    """`text`'s lines, each wrapped to the text's width in the footnote's size, between words."""
    from reportlab.lib.utils import simpleSplit

    register_fonts()
    return [piece for line in text.splitlines()
            for piece in simpleSplit(line, FONT, FOOTNOTE_SIZE, TEXT_WIDTH)]


def write_pdf(path: Path, story: Iterable[Flowable], info: DocumentInfo) -> Path:
    """Build the whole file in memory, then replace `path` at once: never a half-written PDF."""
    atomic_write(path, render_pdf(story, info))
    return path


class _FooterCanvas(Canvas):
    """Holds the pages back until the end, so that each footer can give the page count."""

    def __init__(self, *args: object, footer: str, header: str = "", footnote: Iterable[str] = (),
                 extra: tuple[tuple[str, str], ...] = (), watermark: str = "",
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._watermark = watermark
        self._header = header
        self._footnote = list(footnote)
        self._held_pages: list[dict[str, object]] = []
        if extra:
            # Before the document template sets the title and author on it.
            self._doc.info = _Info(extra)

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            if self._header:
                self._draw_header()
            if self._footnote:
                self._draw_footnote()
            if self._watermark:
                self._draw_watermark()
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        pages = _("page {number} / {total}").format(number=number, total=total)
        size = 8.5
        right = PAGE_WIDTH - MARGIN_SIDE
        room = TEXT_WIDTH - self.stringWidth(pages, FONT, size) - 8 * mm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN_SIDE, FOOTER_BASELINE + 4 * mm, right, FOOTER_BASELINE + 4 * mm)
        self.setFillColor(MUTED)
        self.setFont(FONT, size)
        fallback.draw_string(self, MARGIN_SIDE, FOOTER_BASELINE, _fit(self._footer, room, size),
                             FONT, size)
        self.drawRightString(right, FOOTER_BASELINE, pages)
        self.restoreState()

    def _draw_header(self) -> None:
        size = 8.5
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        rule = HEADER_BASELINE - 2.5 * mm
        self.line(MARGIN_SIDE, rule, PAGE_WIDTH - MARGIN_SIDE, rule)
        self.setFillColor(MUTED)
        self.setFont(FONT, size)
        fallback.draw_string(self, MARGIN_SIDE, HEADER_BASELINE, _fit(self._header, TEXT_WIDTH, size),
                             FONT, size)
        self.restoreState()

    def _draw_watermark(self) -> None:
        """Large, diagonal, half-transparent over the page: seen at once, the text under it
        still read (drawn last, so that no table's shading hides it)."""
        size = 110
        self.saveState()
        self.setFillColor(WATERMARK)
        self.setFillAlpha(0.22)
        self.setFont(FONT_BOLD, size)
        self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        self.rotate(50)
        self.drawCentredString(0, -size / 3, self._watermark)
        self.restoreState()

    def _draw_footnote(self) -> None:
        self.saveState()
        self.setFillColor(MUTED)
        self.setFont(FONT, FOOTNOTE_SIZE)
        for index, line in enumerate(reversed(self._footnote)):  # the last line nearest the rule
            self.drawString(MARGIN_SIDE, FOOTNOTE_BASELINE + index * FOOTNOTE_LEADING, line)
        self.restoreState()


class _Info(PDFInfo):
    """The Info dictionary with entries of our own (/ComiteCharter…) after the standard ones."""

    def __init__(self, extra: tuple[tuple[str, str], ...]) -> None:
        super().__init__()
        for name, _value in extra:
            if not name.isascii() or not name.isalnum():
                raise ValueError(f"Info key {name!r}: letters and digits only")
        self._extra = extra

    def digest(self, md5object: object) -> None:
        super().digest(md5object)  # the file's /ID, reproducible: made from the metadata
        for name, value in self._extra:
            md5object.update(f"{name}={value}".encode())

    def format(self, document: object) -> bytes:
        # PDFInfo.format with the same standard entries, then ours.
        date = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries = {
            "Title": PDFString(self.title), "Author": PDFString(self.author),
            "CreationDate": date, "ModDate": date, "Producer": PDFString(self.producer),
            "Creator": PDFString(self.creator), "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords), "Trapped": PDFName(self.trapped),
        }
        entries.update((name, PDFString(value)) for name, value in self._extra)
        return PDFDictionary(entries).format(document)


def _fit(text: str, width: float, size: float) -> str:
    """`text` on one line of `width` points, shortened with « … » when it is too long."""
    if fallback.string_width(text, FONT, size) <= width:
        return text
    while text and fallback.string_width(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
