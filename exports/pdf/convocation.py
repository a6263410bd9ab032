"""The printed invitation to choose a meeting date, with a personal reply slip, for the people
the coordinator reaches on paper (many users of a health committee have no e-mail).

One part per invitee, each on its own page: a short letter (the dates proposed, how to answer),
then, below a dashed cut line, a « Coupon-réponse » carrying the person's name and a reference
(« Réf. R12-I34 »: meeting 12, invitee 34) so the coordinator can type the answers in quickly.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from exports.french import NBSP, day_month_year, french_spaces, long_date, time_range
from exports.pdf.document import (
    FONT,
    MUTED,
    RULE,
    SHADE,
    TEXT_WIDTH,
    DocumentInfo,
    markup,
    styles,
    table,
    write_pdf,
)
from store.errors import Refused
from store.i18n import _
from store.meeting_models import Invitee, Meeting, MeetingDetail, MeetingStatus, Slot, SlotStatus
from store.zones import zone

# The answer boxes are drawn as large « ○ » so that an unsteady hand can tick them.
CIRCLE = f'<font size="15">○</font>{NBSP}'
_NO_SIDE_PADDING = (("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0))


@dataclass(frozen=True, slots=True)
class _Letter:
    """What every part of one batch shares."""

    meeting: Meeting
    slots: tuple[Slot, ...]
    organizer_name: str
    organizer_phone: str
    written_on: date


def write_convocations(
    detail: MeetingDetail, out: Path, *, organizer_name: str, organizer_phone: str = "",
    invitee_ids: Iterable[int] | None = None, now: datetime | None = None,
) -> Path:
    """Write to `out` one letter with its reply slip per invitee, and return `out`.

    `invitee_ids` None means every invitee without an e-mail address. `now` dates the letters
    (today in the meeting's zone when None); the same inputs always give the same bytes.
    """
    meeting = detail.meeting
    if meeting.status is MeetingStatus.DRAFT:
        raise Refused(_("Ouvrez d’abord le sondage de cette réunion : les coupons-réponses servent "
                        "à choisir sa date."))
    if meeting.status is not MeetingStatus.POLL:
        raise Refused(_(
            "Les coupons-réponses servent à choisir une date, et cette réunion n’est plus en "
            "sondage (elle est « {status} »).").format(status=meeting.status.label))
    if not organizer_name.strip():
        raise Refused(_(
            "Indiquez le nom de la personne à qui rendre le coupon : il figure sur chaque lettre."))
    slots = tuple(slot for slot in detail.slots if slot.status is SlotStatus.PROPOSED)
    if not slots:
        raise Refused(_("Aucun créneau n’est proposé pour cette réunion : ajoutez-en au moins un."))
    letter = _Letter(meeting, slots, organizer_name.strip(), organizer_phone.strip(),
                     _today(meeting, now))
    story: list[Flowable] = []
    for invitee in _recipients(detail, invitee_ids):
        if story:
            story.append(PageBreak())
        story.append(_part(letter, invitee))
    info = DocumentInfo(
        title=_("Choix de la date : {title}").format(title=meeting.title),
        author=letter.organizer_name,
        subject=_("Lettres et coupons-réponses : {committee}").format(committee=meeting.committee_name),
    )
    return write_pdf(out, story, info)


def reference(meeting_id: int, invitee_id: int) -> str:
    """The code printed on a slip, short enough to read out on the phone."""
    return f"R{meeting_id}-I{invitee_id}"


def _paragraph(text: str, style: ParagraphStyle, **options: str) -> Paragraph:
    """A paragraph of French text: no line break before « : ; ! ? » nor inside « guillemets »."""
    return Paragraph(french_spaces(text), style, **options)


def _today(meeting: Meeting, now: datetime | None) -> date:
    moment = now if now is not None else datetime.now(zone(meeting.timezone))
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone(meeting.timezone))
    return moment.date()


def _recipients(detail: MeetingDetail, invitee_ids: Iterable[int] | None) -> list[Invitee]:
    if invitee_ids is None:
        chosen = [invitee for invitee in detail.invitees if not invitee.email.strip()]
        if not chosen:
            raise Refused(_(
                "Toutes les personnes invitées ont une adresse e-mail : il n’y a pas de lettre à "
                "imprimer. Choisissez les personnes à qui vous voulez écrire sur papier."))
        return chosen
    wanted = set(invitee_ids)
    if not wanted:
        raise Refused(_("Choisissez au moins une personne à qui écrire."))
    chosen = [invitee for invitee in detail.invitees if invitee.id in wanted]
    if len(chosen) != len(wanted):
        raise Refused(_(
            "Certaines personnes choisies ne sont plus invitées à cette réunion : "
            "rouvrez la réunion et choisissez à nouveau."))
    return chosen


def _part(letter: _Letter, invitee: Invitee) -> Flowable:
    """One person's letter and slip; the slip never splits, and stays with the letter when the
    page has room (with many dates the slip moves, whole, to the next page)."""
    slip = KeepTogether([Spacer(1, 7 * mm), CutLine(), Spacer(1, 4 * mm), *_slip(letter, invitee)])
    return KeepTogether([*_letter(letter, invitee), slip])


def _letterhead(letter: _Letter) -> Table:
    """The committee's name on the left, the letter's date on the right, a rule below."""
    s = styles()
    return table(
        [[_paragraph(markup(letter.meeting.committee_name), s.title),
          _paragraph(_("Le {day}").format(day=day_month_year(letter.written_on)), s.body_right)]],
        _widths(0.68, 0.32),
        [("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_SIDE_PADDING,
         ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])


def _letter(letter: _Letter, invitee: Invitee) -> list[Flowable]:
    s = styles()
    meeting = letter.meeting
    several = len(letter.slots) > 1
    flow: list[Flowable] = [
        _letterhead(letter), Spacer(1, 5 * mm),
        _paragraph(_("Bonjour {name},").format(name=markup(invitee.name)), s.body),
        _paragraph(_("Nous préparons une réunion : <b>« {title} »</b>.").format(
            title=markup(meeting.title)), s.body),
        _paragraph(_(
            "Nous voulons choisir la date ensemble. Voici les dates que nous proposons. "
            "Dites-nous lesquelles vous conviennent : nous garderons celle qui arrange le plus "
            "de monde.") if several else _(
            "Voici la date que nous proposons. Dites-nous si elle vous convient."), s.body),
        Spacer(1, 1 * mm),
        _slot_table(letter),
        Spacer(1, 2 * mm),
    ]
    if meeting.description.strip():
        flow += [_paragraph(_("Au programme"), s.heading),
                 _paragraph(markup(meeting.description.strip()), s.body)]
    if meeting.video_url:
        flow.append(_paragraph(_("Vous pourrez aussi participer à distance, en visioconférence : {url}")
                              .format(url=markup(meeting.video_url)), s.body))
    flow += [_paragraph(_("Comment répondre ?"), s.heading),
             _paragraph(_("Remplissez le coupon-réponse, puis découpez-le. Ensuite :"), s.body),
             *_ways_to_answer(letter), Spacer(1, 1.5 * mm),
             _paragraph(_("« Si nécessaire » veut dire : cette date ne m’arrange pas, mais je peux venir "
                         "s’il le faut."), s.body),
             _paragraph(_("Merci pour votre réponse. À bientôt !"), s.body),
             _paragraph(markup(letter.organizer_name), s.heading)]
    return flow


def _ways_to_answer(letter: _Letter) -> list[Flowable]:
    name = markup(letter.organizer_name)
    ways = [_("donnez-le à l’accueil ;"),
            _("ou envoyez-le par la poste, à l’attention de {name}").format(name=name)]
    if letter.organizer_phone:
        ways[-1] += " ;"
        ways.append(_("ou appelez {name} au <b>{phone}</b> et dites-lui vos réponses.").format(
            name=name, phone=markup(letter.organizer_phone).replace(" ", NBSP)))
    else:
        ways[-1] += "."
    return [_paragraph(way, styles().bullet, bulletText="•") for way in ways]


def _widths(*fractions: float) -> list[float]:
    return [TEXT_WIDTH * fraction for fraction in fractions]


def _place(meeting: Meeting, slot: Slot) -> str:
    return slot.place or meeting.place or _("lieu précisé plus tard")


def _slot_table(letter: _Letter) -> Table:
    s = styles()
    rows = [[_paragraph(_("Date"), s.cell_bold), _paragraph(_("Horaire"), s.cell_bold),
             _paragraph(_("Lieu"), s.cell_bold)]]
    for number, slot in enumerate(letter.slots, start=1):
        rows.append([
            _paragraph(f"{number}.{NBSP}{long_date(slot.starts_at)}", s.cell),
            _paragraph(time_range(slot.starts_at, slot.ends_at), s.cell),
            _paragraph(markup(_place(letter.meeting, slot)), s.cell),
        ])
    return table(rows, _widths(0.36, 0.23, 0.41), [
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ], repeatRows=1)


def _slip(letter: _Letter, invitee: Invitee) -> list[Flowable]:
    s = styles()
    code = reference(letter.meeting.id, invitee.id)
    head = table(
        [[_paragraph(_("Coupon-réponse"), s.title),
          _paragraph(_("<b>Réf.{nbsp}{code}</b>").format(nbsp=NBSP, code=code), s.body_right)],
         [_paragraph(_("Nom : <b>{name}</b>").format(name=markup(invitee.name)), s.body), ""],
         [_paragraph(_("Réunion : {title}").format(title=markup(letter.meeting.title)), s.body),
          ""]],
        _widths(0.7, 0.3),
        [*_NO_SIDE_PADDING, ("TOPPADDING", (0, 0), (-1, -1), 0),
         ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("SPAN", (0, 1), (1, 1)), ("SPAN", (0, 2), (1, 2)),
         ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    return [head, Spacer(1, 1 * mm),
            _paragraph(_("Pour chaque date, cochez une seule case."), s.body),
            _answer_table(letter),
            Spacer(1, 3 * mm),
            _paragraph(_("Un mot pour nous (facultatif) :"), s.body),
            Spacer(1, 6 * mm), WritingLine(), Spacer(1, 6 * mm), WritingLine()]


def _answer_table(letter: _Letter) -> Table:
    s = styles()
    rows = [[_paragraph(f"{number}.{NBSP}{long_date(slot.starts_at)}<br/>"
                       f"{time_range(slot.starts_at, slot.ends_at)}", s.cell),
             _paragraph(CIRCLE + _("Oui"), s.cell),
             _paragraph(CIRCLE + _("Si nécessaire"), s.cell),
             _paragraph(CIRCLE + _("Non"), s.cell)]
            for number, slot in enumerate(letter.slots, start=1)]
    return table(rows, _widths(0.43, 0.16, 0.25, 0.16), [
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ])


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
