"""The letterhead at the top of every document a structure sends (letters, minutes, the answer
to a right of access, charters): its logo on the left, scaled to one height with its
proportions kept, then its name and how to reach it (`Letterhead.lines`), a rule below.

The logo arrives as a file the application layer found and checked (`usecases.letterhead`);
None prints the letterhead without one.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, Table

from comite.exports.french import NBSP, french_spaces
from comite.exports.pdf.document import FONT_BOLD, MUTED, RULE, TEXT_WIDTH, markup, styles, table
from comite.store.committee_models import Letterhead

LOGO_HEIGHT = 18 * mm
LOGO_MAX_WIDTH = 45 * mm  # a wide logo is scaled down to this width, its height with it
LOGO_GAP = 5 * mm


@dataclass(frozen=True, slots=True)
class Stationery:
    """What a document's letterhead prints: the structure's letterhead and its logo's file."""

    letterhead: Letterhead
    logo: Path | None = None


@dataclass(frozen=True, slots=True)
class _Styles:
    name: ParagraphStyle
    line: ParagraphStyle


@cache
def _styles(large: bool) -> _Styles:
    body = styles().body
    if large:  # the easy-to-read documents: nothing under 14 points
        return _Styles(
            ParagraphStyle("head_name_large", parent=body, fontName=FONT_BOLD, fontSize=18,
                           leading=23, spaceAfter=2),
            ParagraphStyle("head_line_large", parent=body, fontSize=14, leading=19, spaceAfter=0))
    return _Styles(
        ParagraphStyle("head_name", parent=body, fontName=FONT_BOLD, fontSize=13, leading=16,
                       spaceAfter=2),
        ParagraphStyle("head_line", parent=body, fontSize=9.5, leading=12.5, textColor=MUTED,
                       spaceAfter=0))


def letterhead_block(stationery: Stationery, *, large: bool = False) -> Table:
    """The letterhead across the page, a rule below; `large` for the easy-to-read documents."""
    head = stationery.letterhead
    s = _styles(large)
    text = [Paragraph(french_spaces(markup(head.name)), s.name),
            *(Paragraph(french_spaces(markup(line)), s.line) for line in _lines(head, large))]
    row: list[object] = [text]
    widths = [TEXT_WIDTH]
    logo = _logo(stationery.logo)
    if logo is not None:
        row.insert(0, logo)
        widths = [logo.drawWidth + LOGO_GAP, TEXT_WIDTH - logo.drawWidth - LOGO_GAP]
    return table([row], widths, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE)], spaceAfter=5 * mm)


def _lines(head: Letterhead, large: bool) -> list[str]:
    """`Letterhead.lines`, the phone number never cut; in large print the phone and the e-mail
    on lines of their own, as they would not fit on one."""
    reach = [text for text in (head.phone.replace(" ", NBSP), head.email) if text]
    address = list(head.lines[:-1] if reach else head.lines)
    if large:
        return address + reach
    return address + ([" · ".join(reach)] if reach else [])


def _logo(path: Path | None) -> Image | None:
    """The logo at LOGO_HEIGHT, narrower than LOGO_MAX_WIDTH, its proportions kept."""
    if path is None:
        return None
    from reportlab.lib.utils import ImageReader

    width, height = ImageReader(str(path)).getSize()
    scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
    # mask="auto": a transparent background stays transparent, not black.
    return Image(str(path), width=width * scale, height=height * scale, mask="auto")
