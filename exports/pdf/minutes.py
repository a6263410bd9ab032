"""The minutes (compte rendu) as a PDF: who was there (with late arrivals and early departures)
and the quorum, the follow-up of earlier conclusions, each agenda item with its notes and the
conclusions taken in it, the balance of the floor between the sides, the relevé de conclusions,
and the signature lines.

The floor is counted by side (usagers, professionnels, autres); the speakers' names only when
the coordinator asks for them (`floor_names`).

Confidential notes (a réclamation naming a patient) stay out of the circulated copy. The
internal copy prints them in marked boxes and says « Version interne » at its top, in the
footer of every page (the footer carries the document's title) and in the PDF's title.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from comite.exports import minutes_parts as parts
from comite.exports.french import NBSP, day_month_year
from comite.exports.pdf.document import (
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    SHADE,
    DocumentInfo,
    markup,
    render_pdf,
    styles,
    table,
    write_pdf,
)
from comite.exports.pdf.letterhead import Stationery, letterhead_block
from comite.exports.pdf.letters import NO_SIDE_PADDING, WritingLine, paragraph, widths
from comite.kernel.glossary import FirstUse
from comite.kernel.i18n import _
from comite.store.minutes_models import AgendaItem, Conclusion, MinutesDocument

# A row taller than what is left of the page may break inside, once this many points fit.
SPLIT_IN_ROW = 40
# A heading moves to the next page with what follows it when less than this is left; with
# more room, what follows starts under it and breaks where the page ends.
ROOM_FOR_A_START = 45 * mm
ROOM_FOR_AN_ITEM = 55 * mm
# Cells of one short word from our own vocabulary (« Titulaire », « Décision », « 2.1 ») are
# plain strings in this font and size: a paragraph per cell would double the cost of a long
# relevé, and they never need wrapping.
GRID = (("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 10.5),
        ("LEADING", (0, 0), (-1, -1), 13.5), ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4))


def write_minutes(doc: MinutesDocument, out: Path, *, include_confidential: bool = False,
                  stationery: Stationery | None = None, floor_names: bool = False) -> Path:
    """Write the minutes to `out` and return it, under the structure's letterhead when
    `stationery` is given; the same document always gives the same bytes."""
    return write_pdf(out, minutes_story(doc, include_confidential, stationery, floor_names),
                     minutes_info(doc, include_confidential))


def render_minutes(doc: MinutesDocument, *, include_confidential: bool = False,
                   stationery: Stationery | None = None, floor_names: bool = False) -> bytes:
    """The same PDF as bytes, without touching the disk."""
    return render_pdf(minutes_story(doc, include_confidential, stationery, floor_names),
                      minutes_info(doc, include_confidential))


def minutes_info(doc: MinutesDocument, include_confidential: bool = False) -> DocumentInfo:
    """The internal copy says so first, where the footer's shortening cannot cut it off."""
    title = parts.title(doc)
    internal = include_confidential and parts.has_confidential(doc)
    if internal:
        title = f"{parts.INTERNAL} · {title}"
    subject = _("Compte rendu de la réunion du {day} : {committee}").format(
        day=parts.held_on(doc), committee=doc.meeting.committee_name)
    return DocumentInfo(title=title, author=parts.author(doc), subject=subject,
                        header=parts.SECRECY if internal else "",
                        watermark="" if doc.adopted else parts.DRAFT_MARK)


def minutes_story(doc: MinutesDocument, include_confidential: bool = False,
                  stationery: Stationery | None = None, floor_names: bool = False) -> list[Flowable]:
    internal = include_confidential and parts.has_confidential(doc)
    every = parts.numbered(doc)
    # Each abbreviation spelled out where the reader first meets it, in reading order.
    spell = FirstUse(parts.names(doc))
    story: list[Flowable] = [letterhead_block(stationery)] if stationery else []
    story += [*_head(doc, internal, spell), _attendance(doc), _carried(doc, spell)]
    agenda = _("Ordre du jour")
    if not doc.items:
        story.append(_section(agenda, paragraph(_("L’ordre du jour est vide."), styles().body)))
    for index, item in enumerate(doc.items):
        # The heading goes with the first item, never alone at the foot of a page.
        story.append(_item(item, parts.numbered_in(item, every), internal, spell,
                           heading=agenda if index == 0 else None))
    story += [*_floor(doc, floor_names), _relevé(every), _signatures(doc)]
    return story


@dataclass(frozen=True, slots=True)
class _Styles:
    """The few styles only the minutes use."""

    section: ParagraphStyle
    item: ParagraphStyle
    facts: ParagraphStyle
    outcome: ParagraphStyle
    cell_small: ParagraphStyle
    signatures: ParagraphStyle
    conclusion: ParagraphStyle
    conclusion_who: ParagraphStyle


@cache
def _styles() -> _Styles:
    s = styles()
    return _Styles(
        section=ParagraphStyle("minutes_section", parent=s.heading, fontSize=13, leading=17,
                               spaceBefore=10, spaceAfter=4),
        item=ParagraphStyle("minutes_item", parent=s.heading, spaceBefore=8, spaceAfter=1),
        # Sentences a member reads (who presented, the users' part): ink, not grey.
        facts=ParagraphStyle("minutes_facts", parent=s.small, textColor=INK, spaceAfter=4),
        outcome=ParagraphStyle("minutes_outcome", parent=s.body, spaceAfter=3),
        cell_small=ParagraphStyle("minutes_cell_small", parent=s.cell, fontSize=9, leading=11.5,
                                  textColor=MUTED),
        signatures=ParagraphStyle("minutes_signatures", parent=s.heading, fontSize=13, leading=17,
                                  spaceBefore=6, spaceAfter=2),
        conclusion=ParagraphStyle("minutes_conclusion", parent=s.body, leftIndent=12 * mm,
                                  bulletIndent=1 * mm, bulletFontName=FONT_BOLD, spaceBefore=3,
                                  spaceAfter=0),
        conclusion_who=ParagraphStyle("minutes_conclusion_who", parent=s.body, fontSize=10, leading=13,
                                      textColor=MUTED, leftIndent=12 * mm, spaceAfter=2),
    )


def _heading(text: str) -> Paragraph:
    return paragraph(text, _styles().section)


class _RowTable(Table):
    """A table that breaks between rows, and inside a row only when that row, at the top of a
    page, is still too tall for it: ReportLab would otherwise cut a row at the foot of any page,
    under a repeated header row."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        self.splitInRow = SPLIT_IN_ROW if frame is not None and getattr(frame, "_atTop", 0) else 0
        return super().split(available_width, available_height)


def _grid(rows: list[list[object]], fractions: tuple[float, ...]) -> Table:
    """A ruled table with a shaded header row, repeated on every page it runs onto."""
    built = _RowTable(rows, colWidths=widths(*fractions), repeatRows=1)
    built.setStyle(TableStyle(GRID))
    return built


def _section(title: str, *body: Flowable) -> Flowable:
    """A heading never left alone at the foot of a page."""
    return _StartsWithRoom([_heading(title), *body], ROOM_FOR_A_START)


class _StartsWithRoom(KeepTogether):
    """Flowables that move, together, to the next page when they do not fit in what is left and
    that is less than `room`; with more room they start here and break where the page ends.
    (ReportLab's own KeepTogether moves them whenever they do not fit, leaving pages blank
    before a long table; it also measures them all each time, which this one does only when
    the page is nearly full.)"""

    def __init__(self, flowables: list[Flowable], room: float) -> None:
        super().__init__(flowables)
        self._room = room

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 0xFFFFFF  # never drawn whole: the frame asks `split`

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        content = list(self._content)
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        if at_top or self._fits(available_width, available_height):
            return content
        if available_height >= self._room and self._start_fits(available_width, available_height):
            return content
        return [self.FrameBreak(), *content]

    def _start_fits(self, available_width: float, available_height: float) -> bool:
        """The first flowable and the start of the second fit: a table's first rows (its
        header and one row, which never break at the foot of a page), a paragraph whole.
        Without it a heading could stay alone above a table whose first row is tall."""
        used = 0.0
        for index, flowable in enumerate(self._content[:2]):
            _width, height = flowable.wrapOn(self.canv, available_width, available_height)
            if index and isinstance(flowable, Table):
                height = sum(flowable._rowHeights[:flowable.repeatRows + 1])
            used += height + (flowable.getSpaceBefore() if index else flowable.getSpaceAfter())
        return used <= available_height

    def _fits(self, available_width: float, available_height: float) -> bool:
        used = 0.0
        for index, flowable in enumerate(self._content):
            _width, height = flowable.wrapOn(self.canv, available_width, available_height)
            used += height + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if index else 0)
            if used > available_height:
                return False
        return True


# ---- head ----------------------------------------------------------------------------------


def _head(doc: MinutesDocument, internal: bool, spell: FirstUse) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = []
    if internal:
        flow += [_marked_box([paragraph(f"<b>{parts.INTERNAL}</b>", s.body), paragraph(_(
            "Les passages marqués « {mark} » ne sortent pas du comité : pour diffuser ce compte "
            "rendu, exportez la version sans passages confidentiels.").format(mark=parts.CONFIDENTIAL),
            s.small)]), Spacer(1, 4 * mm)]
    rows = [[paragraph(_("Date"), s.cell),
             paragraph(markup(parts.held_from_to(doc, NBSP)), s.cell_bold)]]
    if parts.where(doc):
        rows.append([paragraph(_("Lieu"), s.cell), paragraph(markup(parts.where(doc)), s.cell)])
    rows.append([paragraph(_("Statut"), s.cell),
                 paragraph(markup(parts.status_line(doc.state)), s.cell_bold)])
    rows.append([paragraph(_("Prochaine réunion"), s.cell),
                 paragraph(markup(parts.capitalized(parts.next_meeting(doc, NBSP))), s.cell)])
    facts = table(rows, widths(0.22, 0.78), [
        *NO_SIDE_PADDING, ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE), ("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE),
        ("TOPPADDING", (0, 0), (-1, 0), 5), ("BOTTOMPADDING", (0, -1), (-1, -1), 5)])
    flow += [paragraph(markup(parts.title(doc)), s.title),
             paragraph(markup(spell(parts.committee_line(doc))), s.body),
             Spacer(1, 1 * mm), facts]
    return flow


# ---- attendance ----------------------------------------------------------------------------


def _attendance(doc: MinutesDocument) -> Flowable:
    s, x = styles(), _styles()
    title = _("Présences")
    if not doc.attendees:
        return _section(title, paragraph(_("Personne n’était invité à cette réunion."), s.body))
    rows: list[list[object]] = [[paragraph(_("Nom"), s.cell_bold), paragraph(_("Siège"), s.cell_bold),
                                 paragraph(_("Présence"), s.cell_bold)]]
    for attendee in doc.attendees:
        seat: object = parts.seat(attendee)
        if parts.seat_detail(attendee):
            seat = [paragraph(parts.seat(attendee), s.cell),
                    paragraph(markup(parts.seat_detail(attendee)), x.cell_small)]
        presence: object = parts.presence_noted(attendee, doc, NBSP)
        if presence != attendee.status.label:  # a name or times, which may wrap
            presence = paragraph(markup(str(presence)), s.cell)
        rows.append([paragraph(markup(attendee.name), s.cell), seat, presence])
    summary: list[Flowable] = [Spacer(1, 2 * mm),
                               paragraph(markup(parts.counts_line(doc.attendees)), s.body)]
    if parts.quorum_line(doc.quorum):
        summary.append(paragraph(f"<b>{markup(parts.quorum_line(doc.quorum))}</b>", s.body))
    return _section(title, _grid(rows, (0.34, 0.24, 0.42)), *summary)


# ---- follow-up of earlier conclusions ------------------------------------------------------


def _carried(doc: MinutesDocument, spell: FirstUse) -> Flowable:
    s, x = styles(), _styles()
    title = _("Suite donnée aux conclusions précédentes")
    if not doc.carried:
        return _section(title, paragraph(_("Aucune conclusion des réunions précédentes n’était "
                                           "encore ouverte."), s.body))
    rows: list[list[object]] = [[paragraph(header, s.cell_bold) for header in
                                 (_("Conclusion"), _("Qui"), _("Échéance"), _("Suivi"))]]
    day = parts.meeting_day(doc)
    for carried in doc.carried:
        conclusion = carried.conclusion
        rows.append([
            [paragraph(f"<b>{conclusion.kind.label}</b> — {markup(spell(conclusion.text))}", s.cell),
             paragraph(markup(parts.capitalized(parts.opened_line(conclusion))), x.cell_small)],
            paragraph(markup(parts.capitalized(parts.owner(conclusion))), s.cell),
            paragraph(parts.due(conclusion), s.cell),
            [paragraph(f"<b>{carried.label}</b>", s.cell),
             paragraph(markup(parts.follow_up(carried, day)), s.cell)],
        ])
    return _section(title, _grid(rows, (0.42, 0.18, 0.18, 0.22)))


# ---- agenda items --------------------------------------------------------------------------


def _item(item: AgendaItem, taken: list[parts.Numbered], internal: bool, spell: FirstUse,
          heading: str | None = None) -> Flowable:
    """A short item stays whole; a long one starts under its heading and breaks where it must:
    its title, who presented it and the users' part in words, what came of it (when said),
    the notes, the conclusions taken."""
    s, x = styles(), _styles()
    flow: list[Flowable] = [] if heading is None else [_heading(heading)]
    flow += [
        paragraph(f"{item.position}.&nbsp;{markup(spell(item.title))}", x.item),
        paragraph(markup(parts.item_facts(item)), x.facts),
    ]
    if parts.outcome(item):
        flow.append(paragraph(_("<b>Issue :</b> {outcome}").format(
            outcome=markup(parts.outcome(item))), x.outcome))
    flow += _notes(spell(item.notes), s.body)
    secret = internal and bool(item.confidential_notes.strip())
    if secret:
        flow += [Spacer(1, 1 * mm),
                 _marked_box([paragraph(f"<b>{parts.CONFIDENTIAL}</b>", s.body),
                              *_notes(item.confidential_notes, s.body)]),
                 Spacer(1, 2 * mm)]
    if not item.notes.strip() and not taken and not secret and not parts.outcome(item):
        flow.append(paragraph(_("Pas de notes pour ce point."), s.small))
    for entry in taken:
        conclusion = entry.conclusion
        who = _("Qui : {owner} · {due}").format(owner=markup(parts.owner(conclusion)),
                                                due=_when(conclusion))
        # Its number as the bullet, and one style a paragraph: a paragraph mixing faces or
        # colours takes ReportLab's slow path, half the cost of a long meeting's minutes.
        flow += [paragraph(f"{conclusion.kind.label} — {markup(spell(conclusion.text))}", x.conclusion,
                           bulletText=entry.number),
                 paragraph(who, x.conclusion_who)]
    return _StartsWithRoom(flow, ROOM_FOR_AN_ITEM)


def _when(conclusion: Conclusion) -> str:
    if conclusion.due_on is None:
        return parts.due(conclusion)
    return _("pour le {day}").format(day=parts.due(conclusion))


def _notes(text: str, style: ParagraphStyle) -> list[Flowable]:
    """One paragraph per block of the notes: a blank line typed starts a new paragraph."""
    blocks, current = [], []
    for line in text.strip().splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return [paragraph(markup(block), style) for block in blocks]


def _marked_box(content: list[Flowable]) -> Table:
    """A shaded box with a heavy frame, that may break across pages when it is long."""
    return table([[content]], widths(1.0), [
        ("BOX", (0, 0), (-1, -1), 1.6, INK), ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm)],
        splitInRow=SPLIT_IN_ROW)


# ---- the floor ----------------------------------------------------------------------------


def _floor(doc: MinutesDocument, names: bool) -> list[Flowable]:
    """« Prises de parole »: turns by side and their share, over the whole meeting and on each
    item where they were counted; each speaker's turns when `names`. Nothing when none was
    counted."""
    counted = parts.floor_rows(doc)
    if not counted:
        return []
    s, x = styles(), _styles()
    rows: list[list[object]] = [[paragraph(header, s.cell_bold) for header in (
        _("Point"), *(side.label for side in parts.SIDES), _("Total"))]]
    for row in counted:
        label = f"<b>{markup(row.label)}</b>" if row.item is None else markup(row.label)
        rows.append([paragraph(label, s.cell), *(parts.share_text(share, NBSP) for share in row.shares),
                     str(row.total)])
    about = paragraph(_("Les tours de parole notés pendant la séance, par côté : usagers, "
                        "professionnels, autres personnes (invitées sans rôle au comité)."), x.facts)
    flow: list[Flowable] = [_section(_("Prises de parole"), about,
                                     _grid(rows, (0.35, 0.16, 0.21, 0.15, 0.13)))]
    if names:
        named: list[list[object]] = [[paragraph(header, s.cell_bold) for header in
                                      (_("Nom"), _("Côté"), _("Prises de parole"))]]
        named += [[paragraph(markup(speaker.name), s.cell), speaker.side.label, str(speaker.turns)]
                  for speaker in parts.speakers(doc)]
        flow += [Spacer(1, 3 * mm), paragraph(_("Par personne, sur toute la réunion :"), s.body),
                 _grid(named, (0.5, 0.25, 0.25))]
    return flow


# ---- relevé de conclusions -----------------------------------------------------------------


def _relevé(every: list[parts.Numbered]) -> Flowable:
    s = styles()
    title = _("Relevé de conclusions")
    if not every:
        return _section(title, paragraph(_("Aucune conclusion n’a été prise à cette réunion."), s.body))
    rows: list[list[object]] = [[paragraph(header, s.cell_bold) for header in
                                 (_("N°"), _("Nature"), _("Conclusion"), _("Qui"), _("Échéance"))]]
    for entry in every:
        conclusion = entry.conclusion
        rows.append([entry.number, conclusion.kind.label, paragraph(markup(conclusion.text), s.cell),
                     paragraph(markup(parts.capitalized(parts.owner(conclusion))), s.cell),
                     paragraph(parts.due(conclusion), s.cell)])
    return _section(title, _grid(rows, (0.075, 0.135, 0.41, 0.2, 0.18)))


# ---- signatures ----------------------------------------------------------------------------


def _signatures(doc: MinutesDocument) -> Flowable:
    """Two signature lines side by side (more when others signed), kept together on one page."""
    s = styles()
    cells = []
    for capacity, signature in parts.signature_slots(doc.state):
        if signature is None:
            signer = _("Nom :")
        else:
            signer = _("{name}, le {day}").format(name=markup(signature.signer),
                                                  day=day_month_year(signature.signed_on))
        cells.append([paragraph(f"<b>{markup(capacity)}</b>", s.body), paragraph(signer, s.body),
                      Spacer(1, 10 * mm), WritingLine(),
                      paragraph(_("Signature") if signature else _("Date et signature"), s.small)])
    rows = [cells[index:index + 2] for index in range(0, len(cells), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append("")
    grid = table(rows, widths(0.5, 0.5), [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 0)])
    return KeepTogether([paragraph(_("Signatures"), _styles().signatures), grid])
