"""A committee's year report, in one call for the command line (`comite report year`) and the
app's « Bilan »: the year's figures (`store.year.figures`) written as a PDF under the letterhead
of the committee's structure, or as a spreadsheet file (CSV), by the suffix of the file asked
for. Each is written at once (`exports.files.atomic_write`): never a half-written report.
"""

from datetime import date
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Refused, Store

SUFFIXES = (".pdf", ".csv")


def report_name(store: Store, committee_id: int, year: int) -> str:
    """The files' name without extension: « bilan-2026-comite-des-usagers »."""
    from comite.exports.files import slug

    return f"bilan-{year}-{slug(store.committees.get(committee_id).name)}"


def write_year_report(store: Store, committee_id: int, year: int, out: Path, *,
                      today: date | None = None) -> Path:
    """Write the year `year` of the committee to `out` (.pdf or .csv, else refused with nothing
    written) and return it; the figures as the base holds them `today`."""
    out = Path(out).expanduser()
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise Refused(_("Le bilan s’écrit en .pdf (à lire, à imprimer) ou en .csv (tableur) : "
                        "« {name} » n’a ni l’un ni l’autre pour extension.").format(name=out.name))
    committee = store.committees.get(committee_id)
    figures = store.year.figures(committee_id, year, today)
    if suffix == ".csv":
        from comite.exports.year_csv import write_year_csv

        return write_year_csv(figures, out, structure_name=committee.structure_name)
    from comite.exports.pdf.year_report import write_year_report as write_pdf
    from comite.usecases.letterhead import committee_stationery

    return write_pdf(figures, committee_stationery(store, committee_id), out,
                     article=committee.article, structure_name=committee.structure_name)
