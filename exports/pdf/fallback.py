"""The fallback font: a character the shipped DejaVu faces cannot draw (👩, most emoji) is
printed in a subset of Noto Emoji (`fonts/NotoEmoji-subset.ttf`, made by
`fonts/make_emoji_subset.py`) rather than as an empty box.

ReportLab has no fallback of its own: a paragraph's text is split here into runs, and the runs
the fallback draws are put in a `<font>` tag; text drawn straight on a canvas (a footer, a
signature box) goes run by run. The subset holds only characters a DejaVu face lacks, so
« does the fallback have it » is the whole rule. A character neither font has (a script
DejaVu does not cover) is refused where it is typed (`kernel.printable`, whose table
fonts/make_printable.py writes from these fonts).
"""

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FALLBACK = "NotoEmoji"
_FILE = Path(__file__).with_name("fonts") / "NotoEmoji-subset.ttf"


@cache
def drawn() -> frozenset[str]:
    """The characters the fallback draws; registers it once per process."""
    font = TTFont(FALLBACK, str(_FILE))
    pdfmetrics.registerFont(font)
    # One face: inside <b> or <i>, an emoji is drawn as it is rather than refused.
    pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK,
                                  boldItalic=FALLBACK)
    return frozenset(map(chr, font.face.charToGlyph))


@cache
def _runs() -> re.Pattern[str]:
    """A run of the fallback's characters, as one regular expression (of ranges: a class of a
    thousand single characters is ten times slower)."""
    ranges: list[list[int]] = []
    for code in sorted(map(ord, drawn())):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    members = "".join(f"{re.escape(chr(first))}-{re.escape(chr(last))}" for first, last in ranges)
    return re.compile(f"([{members}]+)")


def runs(text: str) -> Iterator[tuple[bool, str]]:
    """`text` in runs: (True, run) for the fallback's characters, (False, run) for the others."""
    if drawn().isdisjoint(text):
        yield False, text
        return
    for index, run in enumerate(_runs().split(text)):
        if run:
            yield index % 2 == 1, run


def escaped(text: str) -> str:
    """Plain text made safe for ReportLab's paragraph markup, the fallback's runs tagged
    (escaping leaves them as they are: they are none of `& < >`)."""
    safe = escape(text)
    if drawn().isdisjoint(text):  # nearly always: one pass in C, where the expression takes 400
        return safe
    return _runs().sub(lambda run: f'<font name="{FALLBACK}">{run.group()}</font>', safe)


def string_width(text: str, font: str, size: float) -> float:
    """The width `text` takes on a line when drawn by `draw_string`."""
    return sum(pdfmetrics.stringWidth(run, FALLBACK if in_fallback else font, size)
               for in_fallback, run in runs(text))


def draw_string(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """`text` from (x, y) on the canvas, each run in the font that draws it; the canvas's font
    is `font` again afterwards."""
    for in_fallback, run in runs(text):
        canvas.setFont(FALLBACK if in_fallback else font, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, FALLBACK if in_fallback else font, size)
    canvas.setFont(font, size)
