"""`comite import framadate REUNION FICHIER`: a Framadate poll's answers into a meeting, on the
inbox's terms (every column one of its slots, every name sure), or nothing at all.

The parser is built at every `comite` start: the Framadate reader is imported when it runs.
"""

import argparse
import sys
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Store

OK, REFUSED = 0, 2


def add_parser(commands, db: argparse.ArgumentParser) -> None:
    """`comite import` and its sources, under the main parser's `commands`."""
    load = commands.add_parser("import", parents=[db],
                               help=_("importer des réponses venues d’ailleurs (Framadate)"))
    sources = load.add_subparsers(dest="source", metavar="SOURCE", required=True,
                                  parser_class=type(load))
    framadate = sources.add_parser(
        "framadate", parents=[db],
        help=_("les réponses d’un sondage Framadate (« Export Tableur (CSV) ») ; seulement si "
               "chaque colonne est un créneau de la réunion et chaque nom reconnu"))
    framadate.add_argument("meeting", metavar="REUNION", help=_("numéro, UID ou morceau du titre"))
    framadate.add_argument("file", type=Path, metavar="FICHIER", help=_("l’export CSV de Framadate"))
    order = framadate.add_mutually_exclusive_group()
    order.add_argument("--jour-d-abord", dest="order", action="store_const", const="day_first",
                       help=_("quand le fichier ne le dit pas : « 1/2/27 » est le 1er février"))
    order.add_argument("--mois-d-abord", dest="order", action="store_const", const="month_first",
                       help=_("quand le fichier ne le dit pas : « 1/2/27 » est le 2 janvier"))


def run(store: Store, args: argparse.Namespace) -> int:
    """Exit 0 when imported, 2 when refused (the French reason and what to do on stderr)."""
    from comite.sync.apply import import_poll
    from comite.sync.errors import InboxRefusal
    from comite.sync.framadate import MAX_BYTES
    from comite.sync.framadate_languages import DateOrder

    meeting_id = store.meetings.resolve(args.meeting).id
    try:
        if not args.file.is_file():
            raise InboxRefusal(_("Aucun fichier à cet endroit : {path}.").format(path=args.file),
                               _("Vérifiez le chemin de l’export."))
        if args.file.stat().st_size > MAX_BYTES:
            raise InboxRefusal(_("Ce fichier est trop gros pour un export de sondage."),
                               _("Vérifiez que c’est bien l’export du sondage Framadate."))
        applied = import_poll(store, meeting_id, args.file.read_bytes(),
                              DateOrder(args.order) if args.order else None)
    except InboxRefusal as refusal:
        print(_("comite : {message}").format(message=refusal.reason), file=sys.stderr)
        if refusal.advice:
            print(refusal.advice, file=sys.stderr)
        return REFUSED
    print(applied.reason)
    return OK
