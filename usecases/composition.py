"""A committee's composition exported for others, in one call for the command line and the
composition page: the counts masked by `comite.store.disclosure`, as a spreadsheet file (CSV)
and a PDF under the structure's letterhead, in the exports folder unless a file is named."""

from datetime import date
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Refused, Store
from comite.usecases.settings import Settings

SUFFIXES = (".csv", ".pdf")


def export_composition(store: Store, settings: Settings, committee_id: int, today: date,
                       target: Path | None = None) -> tuple[Path, ...]:
    """The CSV and the PDF side by side in the exports folder; or the one file `target` names,
    its format read from its suffix (.csv or .pdf, else refused with nothing written)."""
    from comite.exports.composition import file_stem, write_composition_csv
    from comite.store.disclosure import disclose

    if target is not None:
        target = Path(target).expanduser()
        if target.suffix.lower() not in SUFFIXES:
            raise Refused(_("La composition s’exporte en .csv (tableur) ou en .pdf : « {name} » "
                            "n’a ni l’un ni l’autre pour extension.").format(name=target.name))
    committee = store.committees.get(committee_id)
    shown = disclose(store.committees.composition(committee_id, today))
    names = (shown, committee.name, committee.structure_name)
    stem = file_stem(committee.name, today)
    targets = [target] if target else [settings.folder("exports") / f"{stem}{s}" for s in SUFFIXES]
    written = []
    for path in targets:
        if path.suffix.lower() == ".csv":
            written.append(write_composition_csv(*names, path))
        else:
            written.append(_write_pdf(store, settings, committee_id, names, path))
    return tuple(written)


def _write_pdf(store: Store, settings: Settings, committee_id: int, names: tuple,
               path: Path) -> Path:
    from comite.exports.pdf.composition import write_composition_pdf
    from comite.usecases.letterhead import committee_stationery

    return write_composition_pdf(*names, path,
                                 author=settings.coordinator_name or _("La coordination du comité"),
                                 stationery=committee_stationery(store, committee_id))
