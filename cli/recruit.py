"""`comite recruit …`: import candidates from a spreadsheet (CSV), list the candidacies.

The parser is built at every `comite` start: the recruitment records and the CSV reader are
imported when a command runs.
"""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from comite.kernel import clock, plural
from comite.kernel.i18n import _
from comite.store import Refused, Store

OK, FAILURE, REFUSED = 0, 1, 2


def add_parser(commands, db: argparse.ArgumentParser) -> None:
    """`comite recruit` and its commands, under the main parser's `commands`."""
    recruit = commands.add_parser("recruit", parents=[db],
                                  help=_("recrutement : importer des candidatures, les lister"))
    verbs = recruit.add_subparsers(dest="verb", metavar="ACTION", required=True,
                                   parser_class=type(recruit))
    load = verbs.add_parser("import", parents=[db],
                            help=_("importer des candidatures depuis un tableau CSV (tout ou rien)"))
    load.add_argument("file", type=Path, metavar="FICHIER.csv",
                      help=_("colonnes : nom, prénom, e-mail, téléphone, rôle, comité, origine, "
                             "prochaine étape, date, notes (nom, rôle et origine obligatoires)"))
    load.add_argument("--dry-run", action="store_true",
                      help=_("vérifier le fichier sans rien écrire"))
    listing = verbs.add_parser("ls", parents=[db], help=_("lister les candidatures"))
    listing.add_argument("--json", action="store_true", help=_("sortie JSON stable, pour les scripts"))
    listing.add_argument("--stage", action="append", default=[], metavar="ÉTAPE",
                         help=_("seulement cette étape (répétable) : repéré, contacté, rencontré, "
                                "en formation, charte signée, actif, non retenu, sorti"))


def run(store: Store, args: argparse.Namespace) -> int:
    """Exit 0 when done, 2 when refused (the French reason on stderr; nothing written)."""
    try:
        if args.verb == "import":
            return _import(store, args)
        return _ls(store, args)
    except Refused as refusal:
        print(_("comite : {message}").format(message=refusal.message), file=sys.stderr)
        return REFUSED


def _import(store: Store, args: argparse.Namespace) -> int:
    from comite.sync.candidates_csv import import_candidates, read_candidates

    if args.dry_run:
        rows = read_candidates(args.file, store)
        linked = len({row.person_id for row in rows if row.person_id is not None})
        created = sum(1 for row in rows if row.person_id is None and row.same_as_line is None)
        print(_("{file} vérifié : {candidacies} ({created} à créer, {linked} à une fiche "
                "existante). Rien n’a été écrit (--dry-run).").format(
                    file=args.file.name,
                    candidacies=plural.count(len(rows), _("candidature"), _("candidatures")),
                    created=plural.count(created, _("personne"), _("personnes")),
                    linked=plural.count(linked, _("rattachée"), _("rattachées"))))
        return OK
    today = getattr(args, "today", None) or clock.today()
    result = import_candidates(store, args.file, today)
    print(_("{candidacies} depuis {file} : {created}, {linked} à une fiche existante.").format(
        file=args.file.name,
        candidacies=plural.count(result.candidacies, _("candidature importée"),
                                 _("candidatures importées")),
        created=plural.count(result.created_people, _("personne créée"), _("personnes créées")),
        linked=plural.count(result.linked_people, _("rattachée"), _("rattachées"))))
    return OK


def _ls(store: Store, args: argparse.Namespace) -> int:
    stages = [_stage(text) for text in args.stage]
    rows = []
    for stage, candidates in store.recruitment.board(include_closed=True).items():
        if stages and stage not in stages:
            continue
        rows += [{
            "id": c.id, "person_id": c.person_id, "person": c.person_name,
            "role": c.role.value, "committee_id": c.committee_id, "committee": c.committee_name,
            "source": c.source.value, "stage": c.stage.value,
            "stage_since": c.stage_since.isoformat(), "next_step": c.next_step,
            "next_step_on": c.next_step_on.isoformat() if c.next_step_on else None,
        } for c in candidates]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return OK
    from comite.store.committee_models import Role
    from comite.store.recruitment_models import Stage

    for row in rows:
        day = date.fromisoformat(row["next_step_on"]).strftime("%d/%m/%Y") \
            if row["next_step_on"] else ""
        print("\t".join((str(row["id"]), Stage(row["stage"]).label, row["person"],
                         Role(row["role"]).short_label, row["committee"], row["next_step"], day)))
    return OK


def _stage(text: str):
    """A stage from its value (« met ») or its French label (« rencontré », « Rencontré(e) »)."""
    from comite.store.recruitment_models import Stage
    from comite.store.validation import fold

    wanted = fold(text).replace("(e)", "").replace("(ve)", "").strip()
    for stage in Stage:
        label = fold(stage.label).replace("(e)", "").replace("(ve)", "").strip()
        if wanted in (stage.value, label):
            return stage
    raise Refused(_("« {text} » n’est pas une étape. Étapes : {known}.").format(
        text=text, known=", ".join(stage.label for stage in Stage)))
