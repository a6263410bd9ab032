"""The stationery every paper letter to an invitee shares, whatever it announces: the letterhead,
French paragraphs, the ways to answer the coordinator, the dashed cut line above a reply slip,
and the dotted line to write on.

The letters themselves (dates proposed, date chosen, meeting cancelled) are in `convocation`.
"""

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from comite.exports.french import NBSP, day_month_year, french_spaces
from comite.exports.message_words import Sender
from comite.exports.pdf.document import FONT, MUTED, RULE, TEXT_WIDTH, markup, styles, table
from comite.exports.pdf.letterhead import Stationery, letterhead_block
from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.kernel.zones import zone
from comite.store.meeting_models import Invitee, Meeting, Slot

# The answer boxes are drawn as large « ○ » so that an unsteady hand can tick them.
CIRCLE = f'<font size="15">○</font>{NBSP}'
NO_SIDE_PADDING = (("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0))


@dataclass(frozen=True, slots=True)
class Letter:
    """What every letter of one batch shares. `slots` are the dates the letter speaks of: those
    proposed in a poll, the chosen one once convened, none for a poll that was cancelled.
    `stationery` is the structure's letterhead; None heads the letter with the committee's name
    alone."""

    meeting: Meeting
    slots: tuple[Slot, ...]
    organizer_name: str
    organizer_phone: str
    written_on: date
    stationery: Stationery | None = None
    organizer_email: str = ""
    organizer_role: str = ""  # « coordinatrice de la MSP »
    invitees: tuple[Invitee, ...] = ()  # everyone invited: a titulaire's suppléant(e) is named

    @property
    def sender(self) -> Sender:
        return Sender(name=self.organizer_name, email=self.organizer_email,
                      phone=self.organizer_phone, role=self.organizer_role)

    @property
    def postal_address(self) -> str:
        """Where a slip goes back by post: the coordinator at the structure's street and town;
        "" when the structure has no street address."""
        meeting = self.meeting
        if not meeting.structure_lines(with_city=False):
            return ""
        lines = meeting.structure_lines(with_city=True)
        return ", ".join([meeting.structure_name, *lines] if meeting.structure_name else lines)


def written_on(meeting: Meeting, now: datetime | None) -> date:
    """The day printed on the letter, in the meeting's zone (today when `now` is None)."""
    moment = now if now is not None else datetime.now(zone(meeting.timezone))
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone(meeting.timezone))
    return moment.date()


def paragraph(text: str, style: ParagraphStyle, **options: str) -> Paragraph:
    """A paragraph of French text: no line break before « : ; ! ? » nor inside « guillemets »."""
    return Paragraph(french_spaces(text), style, **options)


def widths(*fractions: float) -> list[float]:
    return [TEXT_WIDTH * fraction for fraction in fractions]


def letterhead(letter: Letter) -> Flowable:
    """The structure's letterhead, then the committee's name on the left and the letter's date
    on the right; without a letterhead, these two above a rule."""
    s = styles()
    line = table(
        [[paragraph(markup(letter.meeting.committee_name), s.title),
          paragraph(_("Le {day}").format(day=day_month_year(letter.written_on)), s.body_right)]],
        widths(0.68, 0.32),
        [("VALIGN", (0, 0), (-1, -1), "TOP"), *NO_SIDE_PADDING,
         *(() if letter.stationery else (("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),)),
         ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    if letter.stationery is None:
        return line
    return KeepTogether([letterhead_block(letter.stationery), line])


def phone_number(letter: Letter) -> str:
    """The coordinator's number, never cut across two lines."""
    return markup(letter.organizer_phone).replace(" ", NBSP)


def ways_to_answer(letter: Letter, by_phone: str) -> list[Flowable]:
    """Where the slip goes back: the reception desk, the post, or a phone call when the
    coordinator left a number; `by_phone` is that last sentence, with {name} and {phone}."""
    name = markup(letter.organizer_name)
    post = _("ou envoyez-le par la poste, à l’attention {of_name}").format(of_name=de(name))
    if letter.postal_address:
        post += _(" : {address}").format(address=markup(letter.postal_address))
    ways = [_("donnez-le à l’accueil ;"), post]
    if letter.organizer_phone:
        ways[-1] += " ;"
        ways.append(by_phone.format(name=name, phone=phone_number(letter)))
    else:
        ways[-1] += "."
    return [paragraph(way, styles().bullet, bulletText="•") for way in ways]


def with_slip(letter: list[Flowable], slip: list[Flowable]) -> Flowable:
    """A letter and, below a cut line, its slip. The slip never splits, and stays with the letter
    when the page has room (with many dates or a long ordre du jour it moves, whole and with its
    cut line, to the next page). The letter itself may run over two pages; the caller starts each
    person's letter on a new page."""
    cut = KeepTogether([Spacer(1, 4 * mm), CutLine(), Spacer(1, 3 * mm), *slip])
    return KeepTogether([*letter, cut])


class CutLine(Flowable):
    """A dashed line across the page with scissors at its left end: « cut here »."""

    height = 5 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        middle = self.height / 2
        canvas.saveState()
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.8)
        canvas.setDash(4, 3)
        canvas.line(7 * mm, middle, self.width, middle)
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 13)
        canvas.drawString(0, middle - 4.5, "✂")
        canvas.restoreState()


class WritingLine(Flowable):
    """A dotted line to write on by hand."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 1

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.setDash(1, 2)
        canvas.line(0, 0, self.width, 0)
        canvas.restoreState()
