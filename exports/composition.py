"""A committee's composition as it may be given to others, as a spreadsheet file (CSV): the
counts `comite.store.disclosure` masked, the committee, its structure, the day, and what the
marks mean.

Written for a French spreadsheet opened by a double click: UTF-8 with a byte order mark (else
Excel reads « Âge » as « Ã‚ge »), `;` between cells (the comma is the decimal mark), lines ended
by CR LF. A cell a spreadsheet would take for a formula (`comite.kernel.formulas`: `=`, `+`,
`-`, `@` first, or a tab or a carriage return) is written with an apostrophe before it, which
the spreadsheet shows as text and does not print: the store refuses such names where they are
typed, but an older base may still hold one.

The PDF of the same table is `exports.pdf.composition`.
"""

import csv
import io
from datetime import date
from pathlib import Path

from comite.exports.files import atomic_write, slug
from comite.exports.french import day_month_year
from comite.kernel.formulas import formula_start
from comite.kernel.i18n import _
from comite.store.disclosure import NOTE, WITHHELD
from comite.store.privacy_models import ShownComposition

PREFIX = "composition"


def file_stem(committee_name: str, on: date) -> str:
    """« composition-commission-des-usagers-cdu-2026-11-23 »: a committee's exports side by side,
    by date."""
    return f"{PREFIX}-{slug(committee_name)}-{on.isoformat()}"


def withheld_label() -> str:
    """The category of a criterion given no category at all."""
    return _("toutes catégories")


def composition_rows(shown: ShownComposition, committee_name: str,
                     structure_name: str) -> list[list[str]]:
    """What the file and the PDF say, row by row: the heading lines, then one row a category."""
    rows = [[_("Composition du comité"), committee_name],
            [_("Structure"), structure_name],
            [_("Comptée le"), day_month_year(shown.on)],
            [_("Membres au mandat en cours"), shown.members],
            [_("Note"), NOTE],
            [],
            [_("Critère"), _("Catégorie"), _("Membres")]]
    for criterion in shown.by:
        if criterion.withheld:
            rows.append([criterion.title, withheld_label(), WITHHELD])
        rows += [[criterion.title, cell.label, cell.shown] for cell in criterion.cells]
    return rows


def composition_csv(shown: ShownComposition, committee_name: str, structure_name: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in composition_rows(shown, committee_name, structure_name):
        writer.writerow([_as_text(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_composition_csv(shown: ShownComposition, committee_name: str, structure_name: str,
                          path: Path) -> Path:
    """Write the file at once: never a half-written one."""
    return atomic_write(Path(path), composition_csv(shown, committee_name, structure_name))


def _as_text(cell: str) -> str:
    return f"'{cell}" if formula_start(cell) else cell
