"""A committee's composition as it may be printed for others: under the structure's letterhead,
the counts `comite.store.disclosure` masked, criterion by criterion, and what the marks mean.

The same table as a spreadsheet file is `exports.composition`.
"""

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from comite.exports.composition import withheld_label
from comite.exports.french import NBSP, day_month_year
from comite.exports.pdf.document import RULE, SHADE, DocumentInfo, markup, styles, table, write_pdf
from comite.exports.pdf.letterhead import Stationery, letterhead_block
from comite.exports.pdf.letters import paragraph, widths
from comite.kernel.i18n import _
from comite.store.disclosure import NOTE, WITHHELD
from comite.store.privacy_models import ShownComposition, ShownCriterion


def write_composition_pdf(shown: ShownComposition, committee_name: str, structure_name: str,
                          path: Path, author: str, *, stationery: Stationery | None = None) -> Path:
    """Write the PDF to `path` at once and return it, under the letterhead when given."""
    info = DocumentInfo(
        title=_("Composition — {name}").format(name=committee_name), author=author,
        subject=_("Composition du comité au {day}, petits nombres masqués").format(
            day=day_month_year(shown.on)),
        keywords=_("composition, représentativité, comité des usagers"))
    return write_pdf(Path(path), composition_story(shown, committee_name, structure_name,
                                                   stationery), info)


def composition_story(shown: ShownComposition, committee_name: str, structure_name: str,
                      stationery: Stationery | None = None) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [letterhead_block(stationery)] if stationery else []
    story += [
        paragraph(markup(_("Composition — {name}").format(name=committee_name)), s.title),
        paragraph(markup(_("{structure} · membres au mandat en cours le {day} : {members}").format(
            structure=structure_name, day=day_month_year(shown.on), members=shown.members)),
            s.body),
        paragraph(markup(NOTE), s.small),
        Spacer(1, 3 * mm),
    ]
    story += [_criterion(criterion) for criterion in shown.by]
    return story


def _criterion(criterion: ShownCriterion) -> Flowable:
    """A ruled table headed by the criterion: each category and its count or mark."""
    s = styles()
    cells = ([(withheld_label(), WITHHELD)] if criterion.withheld
             else [(cell.label, cell.shown) for cell in criterion.cells])
    rows = [[paragraph(markup(criterion.title), s.cell_bold),
             paragraph(markup(_("Membres")), s.cell_bold)]]
    rows += [[paragraph(markup(label), s.cell),
              paragraph(markup(count.replace(" ", NBSP)), s.cell)] for label, count in cells]
    grid = table(rows, widths(0.78, 0.22), [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)], repeatRows=1)
    return KeepTogether([grid, Spacer(1, 4 * mm)])
