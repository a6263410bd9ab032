"""Reading a PDF back the way a broken layout would show: the text (pypdf), where each word
sits and how large (pdfium's text layer), and each page rendered to a bitmap (pdfium). Neither
reader shares code with ReportLab, which wrote the file."""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2
import pypdfium2.raw as pdfium_c

from comite.exports.pdf.document import MARGIN_BOTTOM, MARGIN_SIDE, MARGIN_TOP, PAGE_HEIGHT, PAGE_WIDTH

# The footer sits below the text frame; nothing may be lower than its baseline's descenders.
FOOTER_FLOOR = 7 * 72 / 25.4


def reader(pdf: bytes | Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def texts(pdf: bytes | Path) -> list[str]:
    """Each page's text, no-break spaces made plain."""
    return [page.extract_text().replace("\xa0", " ").replace("\u202f", " ") for page in reader(pdf).pages]


def flat(text: str) -> str:
    """Text on one line, for sentences that wrap."""
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Glyph:
    char: str
    left: float
    bottom: float
    right: float
    top: float
    size: float


@contextmanager
def opened(pdf: bytes | Path) -> Iterator[pypdfium2.PdfDocument]:
    document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        yield document
    finally:
        document.close()


def glyphs(page: pypdfium2.PdfPage) -> list[Glyph]:
    """Every printed character with its box (points, origin bottom left) and font size."""
    textpage = page.get_textpage()
    found = []
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if not char.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        found.append(Glyph(char, left, bottom, right, top,
                           pdfium_c.FPDFText_GetFontSize(textpage.raw, index)))
    return found


def printed_in(page: pypdfium2.PdfPage) -> list[tuple[str, str]]:
    """Every character of the page's text layer with the PostScript name of the font that
    draws it (pdfium counts UTF-16 units: a character past U+FFFF is put back together)."""
    import ctypes

    textpage = page.get_textpage()
    found: list[tuple[str, str]] = []
    pending = ""
    for index in range(textpage.count_chars()):
        unit = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
        if "\ud800" <= unit <= "\udbff":
            pending = unit
            continue
        name = ctypes.create_string_buffer(256)
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, 256, None)
        if name.value:  # pdfium's own spaces between words have no font
            text = (pending + unit).encode("utf-16-be", "surrogatepass").decode("utf-16-be")
            found.append((text, name.value.decode()))
        pending = ""
    return found


def where(page: pypdfium2.PdfPage, text: str) -> list[tuple[float, float]]:
    """(left, top) of the first character of each place `text` is printed on the page."""
    textpage = page.get_textpage()
    searcher = textpage.search(text, match_case=True)
    places = []
    while (hit := searcher.get_next()) is not None:
        left, _bottom, _right, top = textpage.get_charbox(hit[0])
        places.append((left, top))
    return places


def same_row(page: pypdfium2.PdfPage, *cells: str) -> bool:
    """Whether the cells are printed left to right on one line, as a table row is (a capital
    with an accent stands 2 points taller; rows are 13 points apart at least)."""
    first = where(page, cells[0])
    for left, top in first:
        previous = left
        for cell in cells[1:]:
            on_line = [x for x, y in where(page, cell) if abs(y - top) < 4 and x > previous]
            if not on_line:
                break
            previous = min(on_line)
        else:
            return True
    return False


def assert_inside_the_page(page: pypdfium2.PdfPage, number: int) -> None:
    """No character runs into the side margins, above the top margin or below the footer."""
    for glyph in glyphs(page):
        assert glyph.left >= MARGIN_SIDE - 1 and glyph.right <= PAGE_WIDTH - MARGIN_SIDE + 1, (number, glyph)
        assert glyph.bottom >= FOOTER_FLOOR and glyph.top <= PAGE_HEIGHT - MARGIN_TOP + 2, (number, glyph)


def text_glyphs(page: pypdfium2.PdfPage) -> list[Glyph]:
    """The characters of the text frame, the footer left out."""
    return [glyph for glyph in glyphs(page) if glyph.bottom >= MARGIN_BOTTOM - 1]


def assert_renders_well(pdf: bytes | Path, folder: Path, name: str) -> int:
    """Render every page to PNG: each shows something, and the side margins stay white (a
    table too wide or a word too long would print there). Returns the page count."""
    with opened(pdf) as document:
        for index in range(len(document)):
            page = document[index]
            assert_inside_the_page(page, index + 1)
            image = page.render(scale=1).to_pil().convert("L")
            path = folder / f"{name}-{index + 1}.png"
            image.save(path)
            assert path.stat().st_size > 3_000
            histogram = image.histogram()
            dark = sum(histogram[:128]) / (image.width * image.height)
            # A page of header and footer alone is ~0.0002 dark; two short sections ~0.0018.
            assert dark > 0.0008, f"page {index + 1} is blank"
            margin = int(MARGIN_SIDE) - 3
            for strip in ((0, 0, margin, image.height),
                          (image.width - margin, 0, image.width, image.height)):
                darkest, _lightest = image.crop(strip).getextrema()
                assert darkest >= 250, f"page {index + 1}: ink in the margin {strip}"
        return len(document)
