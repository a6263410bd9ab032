"""`comite report …`: the documents that give an account of the committee's work. One
subcommand per document, each a (parser, run) pair in `_REPORTS`: a new report adds its own
`_add_…` function and its entry, nothing else changes.

The parser is built at every `comite` start: the store records, ReportLab and the use cases are
imported when a command runs.
"""

import argparse
from collections.abc import Callable
from pathlib import Path

from comite.cli import report_aci, report_expenses
from comite.kernel import clock, plural
from comite.kernel.i18n import _
from comite.store import Refused, Store

OK = 0

Run = Callable[[Store, argparse.Namespace], int]


def add_parser(commands, db: argparse.ArgumentParser) -> None:
    """`comite report` and its documents, under the main parser's `commands`."""
    report = commands.add_parser("report", parents=[db],
                                 help=_("documents qui rendent compte : bilan de l’année, "
                                        "attestations de présence, états de frais"))
    documents = report.add_subparsers(dest="report", metavar="DOCUMENT", required=True,
                                      parser_class=type(report))
    for add, _run in _REPORTS.values():
        add(documents, db)


def run(store: Store, args: argparse.Namespace) -> int:
    """Exit 0 when written; a refusal (StoreError) is said in French by the caller, exit 2."""
    _add, report = _REPORTS[args.report]
    # Every document of a year takes it the same way (`ANNEE`), checked once for all.
    if getattr(args, "year", None) is not None and not 2000 <= args.year <= 2100:
        raise Refused(_("L’année s’écrit en entier, par exemple 2026."))
    return report(store, args)


# ---- comite report attestation ---------------------------------------------------------------


def _add_attestation(documents, db: argparse.ArgumentParser) -> None:
    attestation = documents.add_parser(
        "attestation", parents=[db],
        help=_("attestation de présence à une réunion tenue (pour un employeur : congé de "
               "représentation), pour une personne ou pour chaque usager noté présent"))
    attestation.add_argument("person", nargs="?", metavar="PERSONNE",
                             help=_("numéro, référence (UID), e-mail ou nom de la personne"))
    attestation.add_argument("--meeting", required=True, metavar="REUNION",
                             help=_("numéro, UID ou morceau du titre de la réunion"))
    attestation.add_argument("--all-present", dest="all_present", action="store_true",
                             help=_("une attestation pour chaque personne du côté des usagers "
                                    "notée présente, dans un dossier"))
    attestation.add_argument("--out", type=Path, metavar="CHEMIN",
                             help=_("une personne : FICHIER.pdf ou dossier ; --all-present : "
                                    "dossier (sinon, le dossier des exports)"))


def _attestation(store: Store, args: argparse.Namespace) -> int:
    from comite.usecases import settings as settings_file

    if (args.person is None) == (not args.all_present):
        raise Refused(_("Nommez une personne (« comite report attestation PERSONNE --meeting "
                        "REUNION ») ou demandez --all-present, pas les deux."))
    meeting_id = store.meetings.resolve(args.meeting).id
    current, _warning = settings_file.load()
    out = args.out.expanduser() if args.out else None
    if args.all_present:
        return _all_present(store, meeting_id, current, out)
    from comite.cli.privacy import resolve_person
    from comite.usecases.attestations import write_attestation

    person_id, _name = resolve_person(store, args.person)
    path = write_attestation(store, meeting_id, person_id, current, out, clock.today())
    print(_("Attestation de présence : {path}").format(path=path))
    return OK


def _all_present(store: Store, meeting_id: int, current, out: Path | None) -> int:
    from comite.usecases.attestations import write_attestations

    if out is not None and out.suffix.lower() == ".pdf":
        raise Refused(_("--all-present écrit un fichier par personne : --out nomme un dossier, "
                        "pas un fichier .pdf."))
    paths = write_attestations(store, meeting_id, current, out, clock.today())
    print(_("{written} dans {folder}").format(
        written=plural.count(len(paths), _("attestation écrite"), _("attestations écrites")),
        folder=paths[0].parent))
    for path in paths:
        print(path.name)
    return OK


# ---- comite report year ----------------------------------------------------------------------


def _add_year(documents, db: argparse.ArgumentParser) -> None:
    year = documents.add_parser(
        "year", parents=[db],
        help=_("le bilan de l’année d’un comité, à remettre (PDF à l’en-tête de la structure, ou "
               "tableur CSV ; petits nombres de personnes masqués)"))
    year.add_argument("year", type=int, metavar="ANNEE", help=_("l’année civile, ex. 2026"))
    year.add_argument("--committee", required=True, metavar="COMITE",
                      help=_("numéro, UID ou morceau du nom du comité"))
    year.add_argument("--out", type=Path, metavar="FICHIER",
                      help=_("FICHIER.pdf ou FICHIER.csv (sinon les deux, dans le dossier des "
                             "exports)"))


def _year(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.committees import resolve_committee
    from comite.usecases import settings as settings_file
    from comite.usecases.year_report import report_name, write_year_report

    committee_id = resolve_committee(store, args.committee).id
    if args.out is not None:
        outs = [args.out.expanduser()]
    else:
        current, _warning = settings_file.load()
        stem = report_name(store, committee_id, args.year)
        outs = [current.folder("exports") / f"{stem}{suffix}" for suffix in (".pdf", ".csv")]
    for out in outs:
        path = write_year_report(store, committee_id, args.year, out, today=clock.today())
        print(_("Bilan {year} : {path}").format(year=args.year, path=path))
    return OK


# Each report: how its parser is added, and what runs it.
_REPORTS: dict[str, tuple[Callable[..., None], Run]] = {
    "year": (_add_year, _year),
    "attestation": (_add_attestation, _attestation),
    "aci": (report_aci.add_parser, report_aci.run),
    "expenses": (report_expenses.add_parser, report_expenses.run),
}
