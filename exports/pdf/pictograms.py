"""A few simple pictograms for the easy-to-read documents, drawn here with ReportLab's graphics
(so no image file, and no licence to ship with one): a calendar (when), a person (who to ask),
a telephone (how to call), a check mark (what was decided).

Each is drawn once per document as a PDF form named « Picto… » and placed wherever it is used:
the file stays small, and a test (or a screen reader's tools) finds each pictogram by its name
in the page's resources.
"""

from collections.abc import Callable
from enum import StrEnum

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, Wedge
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from comite.exports.pdf.document import INK, table

# Drawn on a grid of 100 × 100, scaled to the size asked.
GRID = 100
BLUE = colors.HexColor("#1f5f9f")
GREEN = colors.HexColor("#2e7d32")
WHITE = colors.white


class Picture(StrEnum):
    CALENDAR = "Calendar"
    PERSON = "Person"
    PHONE = "Phone"
    CHECK = "Check"

    @property
    def form_name(self) -> str:
        """The name of its form in the PDF (« PictoCalendar »)."""
        return f"Picto{self.value}"


def _calendar() -> Drawing:
    d = Drawing(GRID, GRID)
    d.add(Rect(8, 6, 84, 80, rx=8, ry=8, fillColor=WHITE, strokeColor=INK, strokeWidth=6))
    d.add(Rect(8, 62, 84, 24, rx=8, ry=8, fillColor=BLUE, strokeColor=INK, strokeWidth=6))
    for x in (30, 70):  # the rings
        d.add(Line(x, 78, x, 96, strokeColor=INK, strokeWidth=8, strokeLineCap=1))
    for row in range(2):  # the days
        for column in range(3):
            d.add(Rect(20 + column * 22, 16 + row * 20, 14, 12, fillColor=INK, strokeColor=None))
    return d


def _person() -> Drawing:
    d = Drawing(GRID, GRID)
    d.add(Circle(50, 70, 20, fillColor=BLUE, strokeColor=INK, strokeWidth=4))
    d.add(Wedge(50, 6, 40, 0, 180, fillColor=BLUE, strokeColor=INK, strokeWidth=4))
    return d


def _phone() -> Drawing:
    d = Drawing(GRID, GRID)
    d.add(Rect(26, 4, 48, 92, rx=9, ry=9, fillColor=INK, strokeColor=None))
    d.add(Rect(32, 22, 36, 60, fillColor=WHITE, strokeColor=None))  # the screen
    d.add(Circle(50, 13, 5, fillColor=WHITE, strokeColor=None))  # the button
    d.add(Line(42, 88, 58, 88, strokeColor=WHITE, strokeWidth=3, strokeLineCap=1))
    return d


def _check() -> Drawing:
    d = Drawing(GRID, GRID)
    d.add(Circle(50, 50, 46, fillColor=GREEN, strokeColor=None))
    d.add(PolyLine([26, 52, 43, 34, 75, 68], strokeColor=WHITE, strokeWidth=12, strokeLineCap=1,
                   strokeLineJoin=1))
    return d


_DRAWN: dict[Picture, Callable[[], Drawing]] = {
    Picture.CALENDAR: _calendar, Picture.PERSON: _person, Picture.PHONE: _phone,
    Picture.CHECK: _check,
}


class Pictogram(Flowable):
    """One pictogram, `size` points wide and high."""

    def __init__(self, picture: Picture, size: float = 10 * mm) -> None:
        super().__init__()
        self.picture = picture
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        name = self.picture.form_name
        if not canvas.hasForm(name):
            canvas.beginForm(name, 0, 0, GRID, GRID)
            renderPDF.draw(_DRAWN[self.picture](), canvas, 0, 0)
            canvas.endForm()
        canvas.saveState()
        canvas.scale(self.size / GRID, self.size / GRID)
        canvas.doForm(name)
        canvas.restoreState()


def beside(picture: Picture, content: list[Flowable], width: float, size: float = 10 * mm) -> Table:
    """`content` with its pictogram on its left, the two kept together on one page."""
    gutter = size + 4 * mm
    return table([[Pictogram(picture, size), content]], [gutter, width - gutter], [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])
