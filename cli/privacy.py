"""`comite privacy …`: a person's right of access and right to erasure, each in one command; the
retention queue and the retention policy.

The parser is built at every `comite` start: what the commands need is imported when they run.
"""

import argparse
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from comite.cli.people import person_by_number
from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store import NotFound, Refused, Store

if TYPE_CHECKING:
    from comite.usecases.privacy import ErasureSummary
    from comite.usecases.settings import Settings

OK, FAILURE, REFUSED = 0, 1, 2
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
# Names listed when several people match: enough to recognise them, not the whole file.
_LISTED = 10


def add_parser(commands, db: argparse.ArgumentParser) -> None:
    """`comite privacy` and its commands, under the main parser's `commands`."""
    privacy = commands.add_parser("privacy", parents=[db],
                                  help=_("données personnelles : droit d’accès, effacement, "
                                         "durées de conservation"))
    verbs = privacy.add_subparsers(dest="verb", metavar="ACTION", required=True,
                                   parser_class=type(privacy))
    person = _("numéro, référence (UID), e-mail ou nom de la personne")

    export = verbs.add_parser("export", parents=[db],
                              help=_("droit d’accès : tout ce qui est enregistré sur une personne, "
                                     "en JSON et en PDF"))
    export.add_argument("person", metavar="PERSONNE", help=person)
    export.add_argument("--out", type=Path, metavar="DOSSIER",
                        help=_("sinon le dossier des exports, sous-dossier droit-d-acces"))
    export.add_argument("--sante", action="store_true",
                        help=_("joindre la note de santé (sur demande expresse de la personne)"))

    erase = verbs.add_parser("erase", parents=[db],
                             help=_("droit à l’effacement : retirer une personne de partout"))
    erase.add_argument("person", metavar="PERSONNE", help=person)
    erase.add_argument("--yes", action="store_true",
                       help=_("confirmer sans question (scripts) ; sinon son nom est demandé"))

    queue = verbs.add_parser("queue", parents=[db],
                             help=_("les personnes que les règles de conservation proposent "
                                    "d’effacer ou de revoir"))
    queue.add_argument("--json", action="store_true", help=_("sortie JSON stable, pour les scripts"))

    policy = verbs.add_parser("policy", parents=[db],
                              help=_("afficher ou régler les durées de conservation"))
    policy.add_argument("--non-retenu", type=int, dest="not_retained", metavar="MOIS",
                        help=_("mois de conservation après une candidature non retenue"))
    policy.add_argument("--inactif", type=int, dest="inactive", metavar="MOIS",
                        help=_("mois sans activité avant de proposer une revue"))


def run(store: Store, args: argparse.Namespace) -> int:
    return _VERBS[args.verb](store, args)


# ---- finding the person ------------------------------------------------------------------------


def resolve_person(store: Store, text: str) -> tuple[int, str]:
    """The one person named exactly on the command line: by number, reference (UID), e-mail
    or full name (« Prénom Nom » or « Nom Prénom », case and accents aside). Erasing is final:
    a part of a name or of an address is never enough — the people it could mean are listed,
    to be named by their number."""
    text = text.strip()
    if not text:
        raise Refused(_("Indiquez le numéro, l’e-mail ou le nom de la personne (voir « comite "
                        "ls people »)."))
    if text.isdigit():
        return person_by_number(store, text)
    if _UUID.fullmatch(text):
        return _by_uid(store, text.lower())
    near = _matches(store, text)
    found = _exact(store, text, near)
    if len(found) > 1:
        raise Refused(_("Plusieurs personnes correspondent à « {text} » : {names}. Donnez "
                        "son numéro.").format(text=text[:60], names=_listing(found)))
    if found:
        return found[0].id, found[0].full_name
    if near:
        raise Refused(_("Aucune personne n’a exactement « {text} » pour nom ou e-mail ; voulez-vous "
                        "dire : {names} ? Donnez son numéro.").format(text=text[:60],
                                                                     names=_listing(near)))
    raise NotFound(_("Aucune personne ne correspond à « {text} » (voir « comite ls people "
                     "--search … »).").format(text=text[:60]))


def _exact(store: Store, text: str, near: list) -> list:
    """The people whose e-mail, or whose full name either way round, is exactly the text."""
    from comite.store.validation import fold

    if "@" in text:
        found = {row.id: row for row in near if row.email.casefold() == text.casefold()}
        if (person := store.people.by_email(text)) is not None:  # whatever the search index says
            found.setdefault(person.id, person)
        return sorted(found.values(), key=lambda person: person.id)
    wanted = _words(fold(text))
    # A row's sort key is « Nom Prénom » folded: the reverse order, whatever words each holds.
    return [row for row in near if wanted in (_words(fold(row.full_name)), _words(row.sort_key))]


def _words(text: str) -> str:
    return " ".join(text.split())


def _listing(people: list) -> str:
    names = ", ".join(f"{person.full_name} (n° {person.id})" for person in people[:_LISTED])
    if len(people) > _LISTED:
        names += _(" et {others}").format(
            others=plural.count(len(people) - _LISTED, _("autre"), _("autres")))
    return names


def _matches(store: Store, text: str) -> list:
    rows, after = [], None
    while True:
        page = store.people.page(text, after=after, limit=200)
        rows += page.rows
        if not page.has_more or len(rows) > 1000:
            return rows
        after = (page.rows[-1].sort_key, page.rows[-1].id)


def _by_uid(store: Store, uid: str) -> tuple[int, str]:
    person = store.people.by_uid(uid)
    return person.id, person.full_name


def _today() -> date:
    from comite.kernel.zones import DEFAULT_ZONE, zone

    return datetime.now(zone(DEFAULT_ZONE)).date()


# ---- export ------------------------------------------------------------------------------------


def _export(store: Store, args: argparse.Namespace) -> int:
    from comite.usecases import settings
    from comite.usecases.privacy import export_access

    current, _warning = settings.load()
    person_id, name = resolve_person(store, args.person)
    written = export_access(store, current, person_id, args.out, args.sante, _today())
    print(_("Droit d’accès — {name} (n° {id}) :").format(name=name, id=person_id))
    print(_("JSON : {path}").format(path=written.json_path))
    print(_("PDF : {path}").format(path=written.pdf_path))
    print(_("Ces fichiers contiennent ses données personnelles{health} : remettez-les-lui de façon "
            "sûre, puis supprimez-les.").format(
        health=_(", note de santé comprise") if args.sante else ""))
    return OK


# ---- erase -------------------------------------------------------------------------------------


def _erase(store: Store, args: argparse.Namespace) -> int:
    from comite.usecases import settings
    from comite.usecases.privacy import erase_person

    current, _warning = settings.load()
    person_id, name = resolve_person(store, args.person)
    if not args.yes:
        _print_plan(store, current, person_id, name)
        if not sys.stdin.isatty():
            raise Refused(_("Rien n’a été effacé : la confirmation se tape au clavier. Dans un "
                            "script, ajoutez --yes."))
        if not _confirmed(name):
            print(_("Rien n’a été effacé."), file=sys.stderr)
            return REFUSED
    summary = erase_person(store, current, person_id)
    _print_summary(summary, person_id)
    if summary.not_removed:
        # Done in the base, not in every file: a script must not take it for complete.
        print(_("comite : effacement incomplet, {files} à supprimer à la main (voir "
                "ci-dessus).").format(files=plural.count(len(summary.not_removed), _("fichier"),
                                                         _("fichiers"))), file=sys.stderr)
        return FAILURE
    return OK


def _confirmed(name: str) -> bool:
    from comite.store.validation import fold

    try:
        answer = input(_("Pour confirmer, tapez son nom (« {name} ») ou « oui » : ").format(name=name))
    except EOFError:
        return False
    return fold(answer.strip()) in {fold(name), "oui"}


def _print_plan(store: Store, current: "Settings", person_id: int, name: str) -> None:
    """What the erasure will remove, from the store's own lists."""
    charters = store.charters.of_person(person_id)
    trainings = store.trainings.of_person(person_id)
    invitations, answers, files = _meeting_traces(store, person_id, current.folder("outbox"))
    files += [Path(s.scan_path) for c in charters for s in c.signatures if s.scan_path]
    files += [Path(t.certificate_path) for t in trainings if t.certificate_path]
    folder = current.folder("exports") / "chartes"
    files += [path for c in charters for path in sorted(folder.glob(f"charte-{c.uid}-*.pdf"))]
    lines = [
        (_("appartenances à un comité"), len(store.memberships.of_person(person_id))),
        (_("candidatures (avec parcours, critères cochés et avis)"),
         len(store.recruitment.of_person(person_id))),
        (_("consentements"), len(store.consents.of_person(person_id))),
        (_("note de santé"), _("oui") if store.consents.has_health_note(person_id) else 0),
        (_("formations"), len(trainings)),
        (_("chartes (et leurs signatures)"), len(charters)),
        (_("invitations à des réunions"), invitations),
        (_("réponses aux sondages de date"), answers),
    ]
    print(_("{name} (n° {id}) — l’effacement supprimera :").format(name=name, id=person_id))
    print(_("  sa fiche, ses rôles et son historique de revue"))
    for label, count in lines:
        if count:
            print(f"  {label} : {count}")
    known = list(dict.fromkeys(path for path in files if path.is_file()))
    print(_("  fichiers : ses invitations dans la boîte d’envoi, tout fichier des dossiers de "
            "réception et d’exports qui nomme cette personne{and_these}").format(
        and_these=_(", et ceux-ci :") if known else "."))
    for path in known:
        print(f"    {path}")
    print(_("Ailleurs (notes, comptes rendus…), son nom, son e-mail et son téléphone seront "
            "remplacés par « [personne effacée] » ; le journal ne gardera que son numéro. Les PDF "
            "communs qui la nomment (comptes rendus, convocations) et les invitations d’autres "
            "personnes qui la citent seront listés, à refaire."))


def _meeting_traces(store: Store, person_id: int, outbox: Path) -> tuple[int, int, list[Path]]:
    """How many meetings they were invited to, how many poll answers they gave, and their
    invitation files waiting in the outbox."""
    invited = answers = 0
    names: set[str] = set()
    for meeting in store.meetings.all(limit=1_000_000):
        detail = store.meetings.detail(meeting.id)
        mine = {i.id for i in detail.invitees if i.person_id == person_id}
        if not mine:
            continue
        invited += 1
        answers += sum(1 for vote in detail.votes if vote.invitee_id in mine)
        names |= {r.file_name for r in store.meetings.invitations(meeting.id) if r.invitee_id in mine}
    files = [path for name in sorted(names) for suffix in (".eml", ".ics")
             for path in sorted(outbox.glob(f"*/{Path(name).stem}{suffix}"))]
    return invited, answers, files


def _print_summary(summary: "ErasureSummary", person_id: int) -> None:
    print(_("{name} (n° {id}) : effacement fait. Plus rien de cette personne dans la base ; "
            "{replaced} ailleurs ; le journal ne garde que son numéro.").format(
        name=summary.name, id=person_id, replaced=plural.count(
            summary.redacted, _("mention remplacée"), _("mentions remplacées"))))
    _print_files(summary, sys.stdout)


def _print_files(summary: "ErasureSummary", out: TextIO, *, removed: bool = True) -> None:
    """The files the sweep removed (their paths, or with `removed` False their number: a file's
    name may be the person's), and what is left to do by hand, path by path."""
    if not summary.log_emptied:
        print(_("comite est ouvert ailleurs : fermez-le pour que les dernières traces quittent le "
                "journal de la base (le fichier -wal à côté d’elle)."), file=out)
    print(_("Fichiers supprimés ({n}){colon}").format(
        n=len(summary.removed), colon=" :" if removed else "."), file=out)
    for path in summary.removed if removed else ():
        print(f"  {path}", file=out)
    if summary.not_removed:
        print(_("À supprimer à la main ({n}) — ces fichiers la concernent mais n’ont pas pu être "
                "supprimés ; supprimez-les vous-même :").format(n=len(summary.not_removed)),
              file=out)
        for left in summary.not_removed:
            print(f"  {left.path}  ({left.why})", file=out)
    if summary.collective:
        print(_("Documents collectifs à régénérer ({n}) — ils nomment encore cette personne ; "
                "refaites-les depuis la base, qui ne la nomme plus (« comite export minutes … », "
                "« comite export convocations … », et pour les invitations d’autres personnes dans "
                "la boîte d’envoi « comite export invitations REUNION ») :").format(
            n=len(summary.collective)), file=out)
        for path in summary.collective:
            print(f"  {path}", file=out)
    if summary.kept_unreadable:
        print(_("À vérifier ({n}) — fichiers illisibles : ouvrez-les pour voir s’ils nomment "
                "cette personne :")
              .format(n=len(summary.kept_unreadable)), file=out)
        for path in summary.kept_unreadable:
            print(f"  {path}", file=out)


def finish_erasures(store: Store) -> None:
    """Before any command, when an erasure was stopped after the database part (a kill, a power
    cut): sweep its files now, and say on stderr what was done and what is left to do. One cheap
    query when there is none."""
    if not store.erasures_pending():
        return
    import sqlite3

    from comite.kernel.errors import system_reason
    from comite.store import StoreError
    from comite.usecases import settings
    from comite.usecases.privacy import finish_erasures

    current, _warning = settings.load()
    try:
        summaries = finish_erasures(store, current)
    except (StoreError, OSError, sqlite3.Error) as error:
        why = (error.message if isinstance(error, StoreError) else system_reason(error)
               if isinstance(error, OSError) else _("la base n’a pas pu être modifiée"))
        print(_("comite : un effacement interrompu n’a pas pu être terminé ({why}) ; il le sera "
                "au prochain lancement de comite.").format(why=why), file=sys.stderr)
        return
    for summary in summaries:
        print(_("comite : un effacement interrompu est terminé — {name} n’était déjà plus dans la "
                "base ; ses fichiers sont maintenant balayés.").format(name=summary.name),
              file=sys.stderr)
        _print_files(summary, sys.stderr, removed=False)


# ---- retention ---------------------------------------------------------------------------------


def _queue(store: Store, args: argparse.Namespace) -> int:
    from comite.store.privacy_models import RetentionReason

    cases = store.privacy.retention_queue(_today())
    rows = [{"id": c.person_id, "name": c.person_name, "reason": c.reason.value,
             "label": c.reason.label, "since": c.since.isoformat(), "months": c.months,
             "proposal": "erase" if c.reason is RetentionReason.NOT_RETAINED else "review"}
            for c in cases]
    if args.json:
        import json

        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return OK
    if not rows:
        print(_("Personne à effacer ni à revoir aujourd’hui."))
        return OK
    for case, row in zip(cases, rows, strict=True):
        proposal = (_("à effacer (comite privacy erase {id})") if row["proposal"] == "erase"
                    else _("à revoir : garder ou effacer")).format(id=case.person_id)
        print("\t".join((str(case.person_id), case.person_name, case.reason.label,
                         _("depuis le {day}").format(day=case.since.strftime("%d/%m/%Y")),
                         proposal)))
    return OK


def _policy(store: Store, args: argparse.Namespace) -> int:
    policy = store.privacy.policy()
    if args.not_retained is not None or args.inactive is not None:
        policy = store.privacy.set_policy(
            policy.not_retained_months if args.not_retained is None else args.not_retained,
            policy.inactive_months if args.inactive is None else args.inactive)
        print(_("Durées de conservation enregistrées."))
    print(_("Candidature non retenue : effacement proposé {n} mois après la décision.").format(
        n=policy.not_retained_months))
    print(_("Sans activité : revue proposée après {n} mois.").format(n=policy.inactive_months))
    return OK


_VERBS = {"export": _export, "erase": _erase, "queue": _queue, "policy": _policy}
