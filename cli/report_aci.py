"""`comite report aci ANNEE --structure STRUCTURE [--out FICHIER.pdf]`: the evidence pack for
the ACI indicator « implication des usagers » of a structure's year (level 1 and level 2, each
claim with its dated evidence), from its actions register."""

import argparse
from pathlib import Path

from comite.kernel import clock
from comite.kernel.i18n import _
from comite.store import Store
from comite.store.committee_models import Structure
from comite.store.errors import NotFound, Refused
from comite.store.validation import fold

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
    from comite.usecases import settings as settings_file
    from comite.usecases.involvement import count_line, pack_name, write_aci_pack

    if not 2000 <= args.year <= 2100:
        raise Refused(_("L’année s’écrit en entier, par exemple 2026."))
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


def resolve_structure(store: Store, text: str) -> Structure:
    """A structure named on a command line: its number, or its name or a piece of it (case and
    accents aside) — a name given whole wins over the longer names it is a piece of."""
    text = text.strip()
    if not text:
        raise Refused(_("Indiquez le numéro de la structure ou un mot de son nom."))
    if text.isdigit():
        try:
            return store.structures.get(int(text))
        except NotFound:
            raise NotFound(_("Aucune structure n° {n}.").format(n=text[:12])) from None
    every = store.structures.all()
    wanted = fold(text)
    found = ([s for s in every if fold(s.name) == wanted]
             or [s for s in every if wanted in fold(s.name)])
    if not found:
        raise NotFound(_("Aucune structure ne correspond à « {text} » : {names}.").format(
            text=text[:60], names=", ".join(f"{s.name} (n° {s.id})" for s in every[:6])
            or _("la base n’en a aucune")))
    if len(found) > 1:
        raise Refused(_("Plusieurs structures correspondent à « {text} » : {names}. Donnez son "
                        "numéro.").format(text=text[:60], names=", ".join(
                            f"{s.name} (n° {s.id})" for s in found[:6])))
    return found[0]
