"""`comite report aci ANNEE --structure STRUCTURE [--out FICHIER.pdf]`: the evidence pack for
the ACI indicator « implication des usagers » of a structure's year (level 1 and level 2, each
claim with its dated evidence), from its actions register."""

import argparse
from pathlib import Path

from comite.kernel import clock
from comite.kernel.i18n import _
from comite.store import Store

OK = 0


def add_parser(documents, db: argparse.ArgumentParser) -> None:
    aci = documents.add_parser(
        "aci", parents=[db],
        help=_("le dossier de preuves de l’indicateur ACI « implication des usagers » d’une "
               "structure pour une année (PDF à son en-tête ; petits nombres masqués)"))
    aci.add_argument("year", type=int, metavar="ANNEE", help=_("l’année civile, ex. 2026"))
    aci.add_argument("--structure", required=True, metavar="STRUCTURE",
                     help=_("numéro ou morceau du nom de la structure"))
    aci.add_argument("--out", type=Path, metavar="FICHIER",
                     help=_("FICHIER.pdf (sinon dans le dossier des exports)"))


def run(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.committees import resolve_structure
    from comite.usecases import settings as settings_file
    from comite.usecases.involvement import count_line, pack_name, write_aci_pack

    structure = resolve_structure(store, args.structure)
    if args.out is not None:
        out = args.out.expanduser()
    else:
        current, _warning = settings_file.load()
        out = current.folder("exports") / pack_name(store, structure.id, args.year)
    today = clock.today()
    path = write_aci_pack(store, structure.id, args.year, out, today=today)
    print(_("Implication des usagers {year} ({lines}) : {path}").format(
        year=args.year, lines=count_line(store, structure.id, args.year, today), path=path))
    return OK
