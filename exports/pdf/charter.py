"""The charte d'engagement réciproque as a PDF: the filled template's text, then a signature
block with a box for each side, each holding an empty PDF signature field.

Every page says, in small print at its foot and in words for the person who signs, which
template's text it carries (id, version, the start of its hash), and the charter's reference,
so a printed copy can be traced back to its record; its head is the structure's letterhead,
as on every document a structure sends. The Info dictionary
carries the same facts in full (/ComiteCharter, /ComiteTemplate, /ComiteTemplateVersion,
/ComiteTemplateHash) for a program to read. The same draft always gives the same bytes: the
store records their sha256, and a signed copy that comes back is matched by it.

The letterhead is the one the draft's values fixed when the charter was issued
(`store.charters.letterhead_of`), never the structure's of today; its logo is the file the
caller found by the sha256 those values recorded. A charter issued before letterheads has none,
and renders as it always did.
"""

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFString
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from comite.exports.files import atomic_write
from comite.exports.french import NBSP, french_spaces
from comite.exports.pdf import fallback
from comite.exports.pdf.charter_easy import easy_page
from comite.exports.pdf.document import FONT, FONT_BOLD, INK, MUTED, RULE, DocumentInfo, render_pdf
from comite.exports.pdf.letterhead import Stationery, letterhead_block
from comite.exports.pdf.markdown import Heading, filled_flowables
from comite.kernel.i18n import _
from comite.store.charter_models import Side
from comite.store.charters import (
    BLANK,
    EASY_FIRST,
    HANDWRITTEN,
    LAYOUT,
    PROOF_AT_FOOT,
    CharterDraft,
    letterhead_of,
)

BOX_GAP = 10 * mm
BOX_PADDING = 3.5 * mm
SIGNING_AREA = 26 * mm
DOTS = "…………………………"


def render_charter(draft: CharterDraft, logo: Path | None = None) -> bytes:
    """The charter's PDF; the same draft (and logo) always gives the same bytes."""
    return render_pdf(charter_story(draft, logo), charter_info(draft))


def write_charter(draft: CharterDraft, path: Path, logo: Path | None = None) -> Path:
    """Write the charter's PDF to `path` at once (never a half-written file) and return it."""
    atomic_write(Path(path), render_charter(draft, logo))
    return Path(path)


def charter_info(draft: CharterDraft) -> DocumentInfo:
    template = draft.template
    title = _("Charte d’engagement — {person}").format(person=draft.data["person"])
    at_foot = _proof_at_foot(draft)
    return DocumentInfo(
        title=title,
        author=draft.data["structure"],
        subject=_("{template} · {committee}").format(template=template.title,
                                                     committee=draft.data["committee"]),
        keywords=_("charte d’engagement réciproque, {uid}").format(uid=draft.uid),
        header="" if at_foot else _("Modèle {id} · version {version} · empreinte {hash}").format(
            id=template.template_id, version=template.version, hash=template.short_hash),
        footnote=proof(draft) if at_foot else "",
        footer=_("Référence {uid} · {title}").format(uid=draft.uid, title=title),
        extra=(("ComiteCharter", draft.uid), ("ComiteTemplate", template.template_id),
               ("ComiteTemplateVersion", str(template.version)),
               ("ComiteTemplateHash", template.content_hash)),
    )


def proof(draft: CharterDraft) -> str:
    """Which template's text the charter carries, said to the person who reads and signs it."""
    template = draft.template
    return french_spaces(_(
        "Texte de cette charte : modèle « {id} », version {version}, empreinte {hash}.\n"
        "L’empreinte est calculée sur le texte du modèle : elle permet de vérifier que ce texte "
        "n’a pas été modifié.").format(id=template.template_id, version=template.version,
                                       hash=template.short_hash))


def _proof_at_foot(draft: CharterDraft) -> bool:
    """Whether the charter was issued with its proof at the foot (`store.charters.LAYOUT`);
    one issued before keeps the proof as its header, and only its signatures' section with the
    boxes, as it was signed: the same values always give the same bytes."""
    return draft.data.get(LAYOUT) in (PROOF_AT_FOOT, EASY_FIRST)


def charter_story(draft: CharterDraft, logo: Path | None = None) -> list[Flowable]:
    """The letterhead it was issued with, the easy-to-read page when its layout has one, the
    text, its last article kept on one page with the signatures' section and boxes."""
    head = letterhead_of(draft.data)
    letterhead = [letterhead_block(Stationery(head, logo))] if head else []
    if draft.data.get(LAYOUT) == EASY_FIRST:
        letterhead = [*letterhead, *easy_page(draft.data), PageBreak()]
    # The values as the store filled them in: a date left blank is a line of dots to write on.
    shown = {key: (value or BLANK) if key in HANDWRITTEN else value for key, value in draft.data.items()}
    body = filled_flowables(draft.template.body, shown, draft.markdown)
    starts = [index for index, flowable in enumerate(body)
              if isinstance(flowable, Heading) and flowable.level <= 2]
    last = starts[-1] if starts else len(body)
    signing = [*body[last:], Spacer(1, 3 * mm), signature_block(draft)]
    if not _proof_at_foot(draft):
        return [*letterhead, *body[:last], KeepTogether(signing)]
    # Signatures never stand alone on a page: the last article moves with them. Should it be
    # taller than a page, it splits, and its last paragraph still goes with the signatures.
    article = starts[-2] if len(starts) > 1 else last
    closing = body[article:last]
    return [*letterhead, *body[:article],
            KeepTogether([*closing[:-1], KeepTogether([*closing[-1:], *signing])])]


# ---- the signature block --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    """One kind of line in a signature box: its face, size and colour, the room it takes."""

    font: str
    size: float
    leading: float
    color: object
    space_after: float = 0.0


NAME = _Line(FONT, 10.5, 13.5, INK)
SIDE = _Line(FONT_BOLD, 10.5, 13.5, INK, 1)
DETAIL = _Line(FONT, 9, 12, MUTED, 5)
FILL_IN = _Line(FONT, 10.5, 13.5, INK, 4)


def signature_block(draft: CharterDraft) -> Flowable:
    """Two boxes side by side: who signs for each side, a date line, and a signing area that
    is also an empty signature field, for a hand on paper or a signature in a PDF reader."""
    data = draft.data
    return SignatureBoxes([
        _box(Side.STRUCTURE, data["team_signatory"], data["structure"]),
        _box(Side.PERSON, data["person"], data["role"]),
    ])


def _box(side: Side, signer: str, detail: str) -> "_Box":
    return _Box(
        [(side.label, SIDE), (signer, NAME), (detail, DETAIL),
         (_("Date{nbsp}: {dots}").format(nbsp=NBSP, dots=DOTS), FILL_IN),
         (_("Signature{nbsp}:").format(nbsp=NBSP), FILL_IN)],
        SignatureField(side.field_name, _tooltip(side), SIGNING_AREA))


def _tooltip(side: Side) -> str:
    if side is Side.STRUCTURE:
        return _("Signature pour la structure")
    return _("Signature de la personne engagée")


@dataclass(frozen=True, slots=True)
class _Box:
    texts: list[tuple[str, _Line]]
    field: "SignatureField"


class SignatureBoxes(Flowable):
    """Framed boxes side by side, never split, their signing areas level at the bottom.

    Their text is plain (a name, a role, « Date : … »), drawn as strings wrapped to the box
    rather than as a table of paragraphs: the block is measured each time a page is sought
    for it and the last section, and paragraphs made that a tenth of a charter's cost.
    Being plain strings, the names need no escaping: they print exactly as typed.
    """

    def __init__(self, boxes: list[_Box]) -> None:
        super().__init__()
        self.boxes = boxes
        self._measured_for: float | None = None
        self._lines: list[list[tuple[list[str], _Line]]] = []  # per box, per text: its lines
        self._box_width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._measured_for != available_width:
            count = len(self.boxes)
            self._box_width = (available_width - BOX_GAP * (count - 1)) / count
            inner = self._box_width - 2 * BOX_PADDING
            self._lines = [[(_wrapped(text, kind, inner), kind) for text, kind in box.texts]
                           for box in self.boxes]
            for box in self.boxes:
                box.field.wrap(inner, SIGNING_AREA)
            text = max(sum(kind.leading * len(pieces) + kind.space_after for pieces, kind in texts)
                       for texts in self._lines)
            self.width, self.height = available_width, text + SIGNING_AREA + 2 * BOX_PADDING
            self._measured_for = available_width
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []  # whole on the next page

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        for index, (box, texts) in enumerate(zip(self.boxes, self._lines, strict=True)):
            left = index * (self._box_width + BOX_GAP)
            canvas.rect(left, 0, self._box_width, self.height, stroke=1, fill=0)
            top = self.height - BOX_PADDING
            for pieces, kind in texts:
                canvas.setFont(kind.font, kind.size)
                canvas.setFillColor(kind.color)
                for piece in pieces:
                    top -= kind.leading
                    # The baseline sits where a paragraph of this leading would put it.
                    fallback.draw_string(canvas, left + BOX_PADDING,
                                         top + kind.leading - kind.size, piece, kind.font, kind.size)
                top -= kind.space_after
            box.field.drawOn(canvas, left + BOX_PADDING, BOX_PADDING)
        canvas.restoreState()


def _wrapped(text: str, kind: _Line, width: float) -> list[str]:
    """`text` in lines of at most `width` points, broken between words; a word longer than
    the box (a long hyphen-less name) is cut wherever it must."""
    from reportlab.lib.utils import simpleSplit

    def measured(piece: str) -> float:  # as drawn: the fallback's characters are wider
        return fallback.string_width(piece, kind.font, kind.size)

    lines = []
    for line in simpleSplit(text, kind.font, kind.size, width) or [""]:
        while measured(line) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and measured(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


class SignatureField(Flowable):
    """A dashed area to sign in, under an empty PDF signature field (/FT /Sig) of the same size.

    ReportLab draws form fields of every kind but signatures: the widget is written here as
    a plain annotation dictionary and registered with the canvas's AcroForm, where a PDF
    reader (or pyHanko) finds it by its name and fills it when someone signs.
    """

    def __init__(self, name: str, tooltip: str, height: float) -> None:
        super().__init__()
        self.name = name
        self.tooltip = tooltip
        self.width = 0.0
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setFillColor(MUTED)
        canvas.setLineWidth(0.6)
        canvas.setDash(2, 2)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.restoreState()
        self._add_field()

    def _add_field(self) -> None:
        canvas = self.canv
        left, bottom = canvas.absolutePosition(0, 0)
        right, top = canvas.absolutePosition(self.width, self.height)
        widget = PDFDictionary({
            "Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "FT": PDFName("Sig"),
            "T": PDFString(self.name), "TU": PDFString(self.tooltip),
            "F": 4,  # print: the field's appearance, once signed, shows on paper too
            "Rect": PDFArray([round(v, 2) for v in (left, bottom, right, top)]),
            # The pages are written when the document ends (the footer counts them): the
            # page's name is known now, its object later.
            "P": PDFObjectReference(f"Page{canvas.getPageNumber()}"),
        })
        form = canvas.acroForm
        canvas._addAnnotation(widget)
        form.fields.append(form.getRef(widget))
