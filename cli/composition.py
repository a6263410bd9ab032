"""`comite export composition COMITE`: a committee's composition as it may be given to others
(small counts masked), as a spreadsheet file and a PDF."""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from comite.cli.committees import resolve_committee
from comite.kernel import clock
from comite.kernel.i18n import _
from comite.store import Refused, Store

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
