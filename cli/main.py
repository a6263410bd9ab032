"""`comite`: the command line. Exit codes: 0 ok, 1 failure, 2 bad usage or refused input."""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from comite.kernel import clock
from comite.kernel.i18n import _
from comite.store import Store, StoreError, open_store
from comite.usecases import logs, paths
from comite.usecases import settings as settings_file

OK, FAILURE, REFUSED = 0, 1, 2


class _Version(argparse.Action):
    """Looks the version up only when asked: importlib.metadata costs ~30 ms at every start."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("comite")
        except PackageNotFoundError:
            found = _("inconnue")
        print(f"comite {found}")
        parser.exit(OK)


# argparse ships no French catalogue: its few error sentences, said in French here.
_ARGPARSE_FRENCH = (
    ("the following arguments are required", _("arguments obligatoires manquants")),
    ("unrecognized arguments", _("arguments inconnus")),
    ("invalid choice", _("choix invalide")),
    ("choose from", _("choisir parmi")),
    ("expected one argument", _("une valeur est attendue")),
    ("invalid int value", _("nombre entier attendu, et non")),
    ("not allowed with argument", _("incompatible avec l’argument")),
)


class _FrenchFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, _("utilisation : ") if prefix is None else prefix)


class _FrenchParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, formatter_class=_FrenchFormatter, add_help=False, **kwargs)
        self._positionals.title = _("arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("afficher cette aide et quitter"))

    def error(self, message: str) -> None:
        for english, french in _ARGPARSE_FRENCH:
            message = message.replace(english, french)
        self.print_usage(sys.stderr)
        self.exit(REFUSED, _("comite : erreur : {message}\n").format(message=message))


def build_parser() -> argparse.ArgumentParser:
    db = argparse.ArgumentParser(add_help=False, formatter_class=_FrenchFormatter)
    db.add_argument("--db", type=Path, default=argparse.SUPPRESS, metavar="FICHIER",
                    help=_("la base à utiliser (sinon $COMITE_DB, sinon le dossier de données)"))
    parser = _FrenchParser(
        prog="comite", parents=[db],
        description=_("Comités et commissions des usagers : membres, réunions, chartes."),
    )
    parser.add_argument("--version", action=_Version, help=_("afficher la version et quitter"))
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE",
                                     parser_class=_FrenchParser)
    demo = commands.add_parser("demo", parents=[db], help=_("remplir une base vide avec l’exemple"))
    demo.add_argument("--size", choices=("small", "large"), default="small",
                      help=_("small : ~40 personnes ; large : 200 structures, 20 000 personnes"))
    listing = commands.add_parser("ls", parents=[db],
                                  help=_("lister les comités, les personnes, les réunions ou les "
                                         "recommandations d’un comité"))
    listing.add_argument("what", choices=("committees", "people", "meetings", "recommendations"),
                         metavar="committees|people|meetings|recommendations")
    listing.add_argument("committee", nargs="?", metavar="COMITE",
                         help=_("recommendations : le comité (numéro, UID ou morceau du nom)"))
    listing.add_argument("--year", type=int, metavar="ANNEE",
                         help=_("recommendations : l’année (sinon l’année en cours)"))
    listing.add_argument("--json", action="store_true", help=_("sortie JSON stable, pour les scripts"))
    listing.add_argument("--search", default="", metavar="TEXTE",
                         help=_("personnes : filtrer par nom, e-mail, profession…"))
    listing.add_argument("--archived", action="store_true", help=_("comités : inclure les archivés"))
    show = commands.add_parser("show", parents=[db], help=_("afficher une réunion en détail"))
    show.add_argument("what", choices=("meeting",), metavar="meeting")
    show.add_argument("meeting", metavar="REUNION", help=_("numéro, UID ou morceau du titre"))
    show.add_argument("--json", action="store_true", help=_("sortie JSON stable, pour les scripts"))
    export = commands.add_parser("export", parents=[db],
                                 help=_("écrire les invitations (.eml + .ics), les convocations PDF, "
                                        "le compte rendu ou la composition d’un comité"))
    export.add_argument("what", choices=("invitations", "convocations", "minutes", "composition"),
                        metavar="invitations|convocations|minutes|composition")
    export.add_argument("meeting", metavar="REUNION|COMITE",
                        help=_("numéro, UID ou morceau du titre ; composition : numéro ou morceau "
                               "du nom du comité"))
    export.add_argument("--out", metavar="CHEMIN",
                        help=_("invitations : dossier (sinon la boîte d’envoi) ; "
                               "convocations : fichier PDF ; minutes : fichier PDF, ou .md pour le "
                               "texte à coller dans un e-mail (sinon le dossier des exports) ; "
                               "composition : FICHIER.csv ou .pdf (sinon les deux, dans les exports)"))
    export.add_argument("--send", action="store_true",
                        help=_("invitations, minutes : les envoyer aussi par le serveur réglé "
                               "(minutes : aux membres, la version diffusée, adoptée ou signée)"))
    export.add_argument("--variant", choices=("full", "easy"), metavar="full|easy",
                        help=_("minutes : complet (défaut) ou facile à lire, pour les usagers"))
    export.add_argument("--confidential", action="store_true",
                        help=_("minutes : version interne, avec les passages confidentiels"))
    export.add_argument("--parole-nominative", dest="floor_names", action="store_true",
                        help=_("minutes : les prises de parole avec le nom de chacun (sinon par "
                               "côté seulement : usagers, professionnels, autres)"))
    sync = commands.add_parser("sync", parents=[db],
                               help=_("lire la boîte de réception et la messagerie (réponses d’agenda, "
                                      "Framadate), publier l’agenda partagé et les flux .ics"))
    sync.add_argument("--inbox", metavar="DOSSIER", help=_("sinon celui des réglages"))
    once = sync.add_mutually_exclusive_group()
    once.add_argument("--once", action="store_true", help=_("une lecture puis quitter (défaut)"))
    once.add_argument("--watch", action="store_true", help=_("surveiller jusqu’à Ctrl+C"))
    commands.add_parser("check", parents=[db], help=_("vérifier la base et afficher les chemins"))
    from comite.cli.backup import add_parser as add_backup_parser
    from comite.cli.charters import add_parser as add_charter_parser
    from comite.cli.imports import add_parser as add_import_parser
    from comite.cli.privacy import add_parser as add_privacy_parser
    from comite.cli.recruit import add_parser as add_recruit_parser
    from comite.cli.report import add_parser as add_report_parser

    add_charter_parser(commands, db)
    add_import_parser(commands, db)
    add_recruit_parser(commands, db)
    add_privacy_parser(commands, db)
    add_backup_parser(commands, db)
    add_report_parser(commands, db)
    return parser


def _app_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """`comite` or `comite --db FICHIER`: the app opens, and the subcommands' parsers (6 ms of
    the start-up) need not be built. None for anything else."""
    if not argv:
        return argparse.Namespace(command=None)
    if len(argv) == 2 and argv[0] == "--db":
        return argparse.Namespace(command=None, db=Path(argv[1]))
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > len("--db="):
        return argparse.Namespace(command=None, db=Path(argv[0].removeprefix("--db=")))
    return None


def main(argv: Sequence[str] | None = None) -> int:
    from comite.cli.faults import flushed

    return flushed(_main(argv))


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _app_only(argv) or build_parser().parse_args(argv)
    logs.setup()
    db_path = getattr(args, "db", None) or paths.default_db()
    from comite.cli.faults import quiet_logging, said

    quiet_logging()
    from comite.usecases.restore import STALE_STAGE_S, forget_stale_stages

    forget_stale_stages(db_path, older_than_s=STALE_STAGE_S)
    try:
        if args.command is None:
            return _run_app(db_path)
        if args.command == "charter":  # opens the database itself: some work without one
            from comite.cli.charters import run

            return run(db_path, args)
        if args.command in ("backup", "restore"):  # a restore must work when the base does not
            from comite.cli.backup import run as run_backup

            return run_backup(db_path, args)
        if args.command in ("ls", "check", "show", "export", "sync", "import", "privacy",
                            "recruit", "report") and not db_path.exists():
            print(_("comite : la base {path} n’existe pas (rien n’a été créé) ; vérifiez le "
                    "chemin, ou créez-la avec « comite demo » ou en ouvrant « comite ».")
                  .format(path=db_path), file=sys.stderr)
            return REFUSED
        store = open_store(db_path, actor=settings_file.audit_actor())
        try:
            from comite.cli.privacy import finish_erasures  # loaded with the parser already

            finish_erasures(store)
            return _COMMANDS[args.command](store, args)
        finally:
            store.close()
    except StoreError as error:
        print(_("comite : {message}").format(message=error.message), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return FAILURE
    except BrokenPipeError:
        # The reader (`| head`) went away: not an error of ours, and nothing left to say.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    # After BrokenPipeError, which is an OSError too: the last wall, never a traceback.
    except Exception as error:
        return said(error, db_path)


def _run_app(db_path: Path) -> int:
    store = open_store(db_path, actor=settings_file.audit_actor())
    from comite.tui.app import ComiteApp

    app = ComiteApp(store)
    try:
        app.run()
    finally:
        app.store.close()  # the app may have switched to the example database
    return app.return_code or OK


def _demo(store: Store, args: argparse.Namespace) -> int:
    from comite.usecases.demo import fill_demo

    summary = fill_demo(store, clock.today(), paths.charter_templates_dir(),
                        large=args.size == "large")
    print(_("Exemple créé dans {path} : {s} structures, {c} comités, {p} personnes, "
            "{m} appartenances.").format(path=store.path, s=summary.structures,
                                         c=summary.committees, p=summary.people,
                                         m=summary.memberships))
    return OK


def _ls(store: Store, args: argparse.Namespace) -> int:
    if (args.what == "recommendations") != (args.committee is not None):
        print(_("comite : « comite ls recommendations COMITE » : le comité se donne pour ses "
                "recommandations, et seulement pour elles."), file=sys.stderr)
        return REFUSED
    if args.what == "recommendations":
        return _recommendations(store, args)
    if args.what == "meetings":
        from comite.cli.meetings import meeting_rows

        rows = meeting_rows(store)
    elif args.what == "committees":
        from comite.cli.committees import committee_rows

        rows = committee_rows(store, args.archived, clock.today(), detail=args.json)
    else:
        rows = _people_rows(store, args.search)
    if args.json:
        _print_json(rows)
        return OK
    for row in rows:
        print("\t".join(_text(_in_words(key, value)) for key, value in row.items()))
    return OK


def _in_words(key: str, value: object) -> object:
    """What the JSON gives as a code (« poll », « cdu », « user_representative », an ISO
    moment), as a person reads it in the tab-separated lines."""
    from comite.store.committee_models import CommitteeKind, Role
    from comite.store.meeting_models import MeetingStatus

    if key == "status":
        return MeetingStatus(value).label
    if key == "kind":
        return CommitteeKind(value).label
    if key == "roles":
        return [Role(role).label for role in value]
    if key == "starts_at" and value:
        from datetime import datetime

        return f"{datetime.fromisoformat(value):%d/%m/%Y %H:%M}"
    return value


def _recommendations(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.committees import print_recommendations, recommendation_rows, resolve_committee

    committee = resolve_committee(store, args.committee)
    year = args.year or clock.today().year
    if args.json:
        _print_json(recommendation_rows(store, committee, year))
    else:
        print_recommendations(store, committee, year)
    return OK


def _show(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.meetings import meeting_record, print_meeting

    meeting_id = store.meetings.resolve(args.meeting).id
    detail, scores = store.meetings.grid(meeting_id)
    minutes = store.minutes.document(meeting_id)
    unsent = store.meetings.unsent(meeting_id)
    if args.json:
        _print_json(meeting_record(detail, scores, store.meetings.pending_replies(meeting_id),
                                   minutes, unsent))
    else:
        print_meeting(detail, scores, minutes, unsent)
    return OK


def _export(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.documents import export

    return export(store, args)


def _sync(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.documents import sync

    return sync(store, args)


def _import(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.imports import run

    return run(store, args)


def _privacy(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.privacy import run

    return run(store, args)


def _recruit(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.recruit import run

    return run(store, args)


def _report(store: Store, args: argparse.Namespace) -> int:
    from comite.cli.report import run

    return run(store, args)


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    print()


def _text(value: object) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("archivé") if value else _("actif")
    return str(value)


def _people_rows(store: Store, search: str) -> list[dict[str, object]]:
    rows, after = [], None
    while True:
        page = store.people.page(search, after=after, limit=1000)
        rows += [{"id": r.id, "name": r.full_name, "email": r.email, "phone": r.phone,
                  "roles": [role.value for role in r.roles]} for r in page.rows]
        if not page.has_more:
            return rows
        after = (page.rows[-1].sort_key, page.rows[-1].id)


def _check(store: Store, args: argparse.Namespace) -> int:
    from comite.usecases import settings

    current, warning = settings.load()
    problems = store.integrity()
    print(_("Base : {path}").format(path=store.path))
    print(_("Schéma : version {v}").format(v=store.schema_version()))
    print(_("Intégrité : {state}").format(state=_("bonne") if not problems else "; ".join(problems)))
    print(_("Réglages : {path}").format(path=settings.settings_file()))
    print(_("Journal : {path}").format(path=paths.log_dir() / "comite.log"))
    for label, name in ((_("Boîte de réception"), "inbox"), (_("Boîte d’envoi"), "outbox"),
                        (_("Exports"), "exports")):
        print(f"{label} : {current.folder(name)}")
    none = _("aucun (réglages, F2)")
    print(_("Messagerie lue : {where}").format(where=(
        f"{current.imap_user.strip()} @ {current.imap_host.strip()}" if current.imap_host.strip()
        else none)))
    print(_("Agenda partagé : {where}").format(where=current.caldav_url.strip() or none))
    print(_("Flux .ics : {where}").format(where=settings.calendar_feed_folder(current) or none))
    last = store.backups.last()
    print(_("Sauvegardes : {folder} ; dernière : {when}").format(
        folder=current.backup_folder or _("aucun dossier choisi (réglages, F2)"),
        when=_local(last.created_at) if last else _("aucune")))
    if warning:
        print(warning, file=sys.stderr)
    return FAILURE if problems else OK


def _local(moment) -> str:
    from comite.kernel.zones import DEFAULT_ZONE, zone

    return moment.astimezone(zone(DEFAULT_ZONE)).strftime("%d/%m/%Y %H:%M")


_COMMANDS = {"demo": _demo, "ls": _ls, "show": _show, "check": _check, "export": _export,
             "sync": _sync, "import": _import, "privacy": _privacy, "recruit": _recruit,
             "report": _report}
