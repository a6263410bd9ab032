"""`comite export composition COMITE`: a committee's composition as it may be given to others
(small counts masked), as a spreadsheet file and a PDF."""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from comite.kernel import clock
from comite.kernel.i18n import _
from comite.store import NotFound, Refused, Store
from comite.store.committee_models import Committee

if TYPE_CHECKING:
    from comite.usecases.settings import Settings

OK = 0


def export(store: Store, current: "Settings", args: argparse.Namespace) -> int:
    from comite.usecases.composition import export_composition

    if args.send:
        raise Refused(_("--send n’envoie que les invitations et le compte rendu : la composition "
                        "s’écrit dans un fichier, à joindre vous-même."))
    committee = resolve_committee(store, args.meeting)
    written = export_composition(store, current, committee.id, clock.today(),
                                 Path(args.out) if args.out else None)
    print(_("Composition — {name}, petits nombres masqués :").format(name=committee.name))
    for path in written:
        print(f"{path.suffix[1:].upper()} : {path}")
    return OK


def resolve_committee(store: Store, text: str) -> Committee:
    """A committee named on a command line: its number, or a piece of its name or of its
    structure's; a name given whole wins over the longer names it is a piece of."""
    from comite.store.validation import fold

    text = text.strip()
    if not text:
        raise Refused(_("Indiquez le numéro du comité ou un mot de son nom (voir « comite ls "
                        "committees »)."))
    if text.isdigit():
        try:
            return store.committees.get(int(text))
        except NotFound:
            raise NotFound(_("Aucun comité n° {n} (voir « comite ls committees »).").format(
                n=text[:12])) from None
    found = store.committees.find(text)
    found = [c for c in found if fold(c.name) == fold(text)] or found
    if not found:
        raise NotFound(_("Aucun comité ne correspond à « {text} » (voir « comite ls "
                         "committees »).").format(text=text[:60]))
    if len(found) > 1:
        raise Refused(_("Plusieurs comités correspondent à « {text} » : {names}. Donnez son "
                        "numéro.").format(text=text[:60], names=", ".join(
                            f"{c.name} (n° {c.id})" for c in found)))
    return found[0]
