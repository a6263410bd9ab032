"""`comite report expenses YEAR [--person PERSONNE] [--structure STRUCTURE] --out FICHIER`: the
expense statements (états de frais) of the users who engage, as a PDF (one statement per person
and structure, a page of totals when there are several) or a spreadsheet (.csv)."""

import argparse
from pathlib import Path

from comite.kernel import clock
from comite.kernel.i18n import _
from comite.store import Store

OK = 0


def add_parser(documents, db: argparse.ArgumentParser) -> None:
    expenses = documents.add_parser(
        "expenses", parents=[db],
        help=_("états de frais de l’année des usagers qui s’engagent (défraiement) : par "
               "personne, avec les totaux ; PDF ou tableur CSV"))
    expenses.add_argument("year", type=int, metavar="ANNEE", help=_("l’année civile, ex. 2026"))
    expenses.add_argument("--person", metavar="PERSONNE",
                          help=_("numéro, référence (UID), e-mail ou nom de la personne (sinon "
                                 "tout le monde)"))
    expenses.add_argument("--structure", metavar="STRUCTURE",
                          help=_("numéro ou morceau du nom de la structure qui rembourse"))
    expenses.add_argument("--out", type=Path, required=True, metavar="FICHIER",
                          help=_("FICHIER.pdf ou FICHIER.csv"))


def run(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.committees import resolve_structure
    from comite.cli.privacy import resolve_person
    from comite.usecases.expenses import write_expense_report

    person_id = resolve_person(store, args.person)[0] if args.person else None
    structure_id = resolve_structure(store, args.structure).id if args.structure else None
    path = write_expense_report(store, args.year, args.out.expanduser(), clock.today(),
                                person_id=person_id, structure_id=structure_id)
    print(_("États de frais {year} : {path}").format(year=args.year, path=path))
    return OK
