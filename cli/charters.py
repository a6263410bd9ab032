"""`comite charter …`: the charter templates, a person's charter as a PDF, the structure's
certificate, signing, checking a signed file, and attaching a returned copy.

Every command first reads the shipped templates and the coordinator's own folder into the
store (when there is a database), as the app does when it starts. The parser is built at every
`comite` start: what the commands need is imported when they run.
"""

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from comite.cli.people import person_by_number
from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.store import NotFound, Refused, Store, ValidationError, open_store
from comite.usecases import paths
from comite.usecases.settings import audit_actor

if TYPE_CHECKING:
    from comite.store.charter_models import Charter, Side

OK, FAILURE, REFUSED = 0, 1, 2
PASSPHRASE_ENV = "COMITE_CERT_PASSPHRASE"


def _side(name: str) -> "Side | None":
    """--side's value as a Side; None for « both »."""
    from comite.store.charter_models import Side

    return {"structure": Side.STRUCTURE, "person": Side.PERSON}.get(name)


def _zone():
    from comite.kernel.zones import DEFAULT_ZONE, zone

    return zone(DEFAULT_ZONE)


def add_parser(commands, db: argparse.ArgumentParser) -> None:
    """`comite charter` and its commands, under the main parser's `commands`."""
    charter = commands.add_parser("charter", parents=[db],
                                  help=_("chartes d’engagement : modèles, PDF, signatures"))
    verbs = charter.add_subparsers(dest="verb", metavar="ACTION", required=True,
                                   parser_class=type(charter))
    listing = verbs.add_parser("templates", parents=[db], help=_("lister les modèles de charte"))
    listing.add_argument("--json", action="store_true", help=_("sortie JSON stable, pour les scripts"))

    render = verbs.add_parser("render", parents=[db], help=_("produire la charte PDF d’une personne"))
    render.add_argument("person", metavar="PERSONNE", help=_("numéro ou nom de la personne"))
    render.add_argument("--template", required=True, metavar="MODELE",
                        help=_("identifiant du modèle (voir « comite charter templates »)"))
    render.add_argument("--committee", metavar="COMITE",
                        help=_("numéro ou nom du comité, si la personne siège dans plusieurs"))
    render.add_argument("--out", metavar="FICHIER", help=_("sinon le dossier des exports"))
    render.add_argument("--set", action="append", default=[], metavar="CHAMP=VALEUR",
                        help=_("valeur d’un champ du modèle (team_signatory=…, place=…)"))

    sign = verbs.add_parser("sign", parents=[db], help=_("signer une charte PDF (signature "
                                                          "électronique)"))
    sign.add_argument("file", type=Path, metavar="FICHIER")
    sign.add_argument("--cert", type=Path, metavar="CERTIFICAT",
                      help=_("certificat PEM ou .p12 (sinon celui de la structure)"))
    sign.add_argument("--key", type=Path, metavar="CLE", help=_("clé privée PEM du certificat"))
    sign.add_argument("--out", type=Path, metavar="FICHIER",
                      help=_("fichier signé (sinon FICHIER-signee.pdf à côté)"))
    sign.add_argument("--side", choices=("structure", "person"), default="structure",
                      metavar="structure|person", help=_("la case à signer (défaut : structure)"))

    certificate = verbs.add_parser("certificate", parents=[db],
                                   help=_("créer le certificat de la structure"))
    certificate.add_argument("--structure", metavar="NOM", help=_("nom de la structure"))
    certificate.add_argument("--replace", action="store_true",
                             help=_("remplacer le certificat existant"))

    verify = verbs.add_parser("verify", parents=[db],
                              help=_("vérifier une charte signée (code 0 si valide, 1 sinon)"))
    verify.add_argument("file", type=Path, metavar="FICHIER")

    attach = verbs.add_parser("attach", parents=[db],
                              help=_("joindre une charte revenue signée (PDF signé ou scan)"))
    attach.add_argument("file", type=Path, metavar="FICHIER")
    attach.add_argument("--charter", metavar="REFERENCE", help=_("CH-… (pour un scan)"))
    attach.add_argument("--side", choices=("structure", "person", "both"), default="both",
                        metavar="structure|person|both", help=_("scan : le côté signé (défaut : les deux)"))
    attach.add_argument("--signer", default="", metavar="NOM", help=_("scan d’un seul côté : qui a signé"))
    attach.add_argument("--date", default="", metavar="JJ/MM/AAAA", help=_("scan : date de signature"))


def run(db_path: Path, args: argparse.Namespace) -> int:
    """One `comite charter` command; the database is opened only when there is one, and only
    the commands that change it need one."""
    needs_db = args.verb in ("render", "attach")
    if needs_db and not db_path.exists():
        print(_("comite : la base {path} n’existe pas (rien n’a été créé) ; vérifiez le chemin, ou "
                "créez-la avec « comite demo » ou en ouvrant « comite ».").format(path=db_path),
              file=sys.stderr)
        return REFUSED
    store = open_store(db_path, actor=audit_actor()) if db_path.exists() else None
    try:
        if store is not None:
            from comite.cli.privacy import finish_erasures

            finish_erasures(store)
        catalog = _read_catalog(store)
        return _VERBS[args.verb](store, catalog, args)
    finally:
        if store is not None:
            store.close()


def _read_catalog(store: Store | None):
    from comite.sync.charter_catalog import load_catalog

    catalog = load_catalog(paths.charter_templates_dir())
    if store is not None:
        store.charters.sync_catalog(catalog.templates, keep=catalog.held)
    return catalog


# ---- templates -----------------------------------------------------------------------------


def _templates(store: Store | None, catalog, args: argparse.Namespace) -> int:
    rows = [{"id": t.template_id, "title": t.title, "version": t.version,
             "roles": [role.value for role in t.roles],
             "committee_kinds": [kind.value for kind in t.committee_kinds],
             "source": t.source.value, "hash": t.content_hash, "short_hash": t.short_hash,
             "file": catalog.files.get(t.template_id, "")}
            for t in catalog.templates]
    if args.json:
        import json

        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for row in rows:
            print("\t".join((row["id"], row["title"], f"v{row['version']}", ",".join(row["roles"]),
                             row["source"], row["short_hash"], row["file"])))
    for problem in catalog.problems:
        print(_("Modèle refusé — {file} : {why}").format(file=problem.file or paths.charter_templates_dir(),
                                                         why=problem.message), file=sys.stderr)
    return OK


# ---- render --------------------------------------------------------------------------------


def _render(store: Store, catalog, args: argparse.Namespace) -> int:
    from comite.usecases import settings
    from comite.usecases.charters import charters_folder, make_pdf, pdf_path

    values = _values(args.set)
    person_id, person_name = _person(store, args.person)
    committee_id = _committee(store, person_id, person_name, args.committee)
    try:
        draft = store.charters.draft(person_id, committee_id, args.template, values, _today())
    except ValidationError as error:
        for field, message in error.errors.items():
            print(_("comite : {field} : {message} (--set {field}=…)").format(field=field,
                                                                          message=message),
                  file=sys.stderr)
        return REFUSED
    current, _warning = settings.load()
    target = Path(args.out).expanduser() if args.out else pdf_path(
        charters_folder(current), draft.uid, person_name)
    charter, target = make_pdf(store, draft, target)
    print(_("Charte {of_person} ({template}, version {version}) : {path}").format(
        of_person=de(charter.person_name), template=draft.template.template_id,
        version=draft.template.version, path=target))
    print(_("Référence : {uid}").format(uid=charter.uid))
    return OK


def _person(store: Store, text: str) -> tuple[int, str]:
    """A person named on the command line: their number, or words of their name."""
    from comite.store.validation import fold

    text = text.strip()
    if not text:
        raise Refused(_("Indiquez le numéro ou le nom de la personne (voir « comite ls people »)."))
    if text.isdigit():
        return person_by_number(store, text)
    rows = list(store.people.page(text, limit=6).rows)
    whole = [row for row in rows if fold(row.full_name) == fold(text)]
    found = whole or rows
    if not found:
        raise NotFound(_("Aucune personne ne correspond à « {text} » (voir « comite ls people "
                         "--search … »).").format(text=text[:60]))
    if len(found) > 1:
        names = ", ".join(f"{row.full_name} (n° {row.id})" for row in found[:5])
        raise Refused(_("Plusieurs personnes correspondent à « {text} » : {names}. Donnez son "
                        "numéro.").format(text=text[:60], names=names))
    return found[0].id, found[0].full_name


def _committee(store: Store, person_id: int, person_name: str, text: str | None) -> int:
    """The committee of the charter: the person's only one, or the one named among theirs."""
    from comite.store.validation import fold

    seats = store.memberships.of_person(person_id)
    committees = {seat.committee_id: seat.committee_name for seat in seats}
    if not committees:
        raise Refused(_("{person} ne siège dans aucun comité : une charte accompagne un "
                        "engagement dans un comité.").format(person=person_name))
    if text is None:
        if len(committees) == 1:
            return next(iter(committees))
        raise Refused(_("{person} siège dans plusieurs comités ({names}) : précisez --committee.")
                      .format(person=person_name, names=_listed(committees)))
    text = text.strip()
    if text.isdigit() and int(text) in committees:
        return int(text)
    found = [cid for cid, name in committees.items() if fold(name) == fold(text)] or [
        cid for cid, name in committees.items() if fold(text) in fold(name)]
    if len(found) != 1:
        raise Refused(_("« {text} » ne désigne pas un seul des comités {of_person} : {names}.")
                      .format(text=text[:60], of_person=de(person_name), names=_listed(committees)))
    return found[0]


def _listed(committees: dict[int, str]) -> str:
    return ", ".join(f"{name} (n° {cid})" for cid, name in committees.items())


def _values(pairs: list[str]) -> dict[str, str]:
    from comite.store.charter_template import PLACEHOLDERS

    values = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        key = key.strip()
        if not equals or key not in PLACEHOLDERS:
            raise Refused(_("« --set {pair} » : écrivez CHAMP=VALEUR, avec un de ces champs : "
                            "{known}.").format(pair=pair[:60], known=", ".join(PLACEHOLDERS)))
        values[key] = value
    return values


def _today() -> date:
    return datetime.now(_zone()).date()


# ---- the structure's certificate, and signing ----------------------------------------------


def _certificate(store: Store | None, catalog, args: argparse.Namespace) -> int:
    from comite.exports.signature import make_certificate, read_certificate

    name = args.structure or _only_structure(store)
    existing = read_certificate(paths.certificate_dir())
    if existing is not None and not args.replace:
        raise Refused(_("La structure a déjà un certificat ({cert}, empreinte {fingerprint}). Le "
                        "remplacer empêcherait de reconnaître les chartes déjà signées avec lui ; "
                        "si c’est bien voulu : --replace.").format(
            cert=existing.cert, fingerprint=_grouped(existing.fingerprint)))
    made = make_certificate(paths.certificate_dir(), name, replace=args.replace)
    print(_("Certificat de « {name} » créé : {cert}").format(name=made.subject, cert=made.cert))
    print(_("Clé privée (lisible par vous seul) : {key}").format(key=made.key))
    print(_("Valable jusqu’au : {day}").format(day=made.not_after.astimezone(_zone())
                                                .strftime("%d/%m/%Y")))
    print(_("Empreinte SHA-256 : {fingerprint}").format(fingerprint=_grouped(made.fingerprint)))
    return OK


def _only_structure(store: Store | None) -> str:
    structures = store.structures.all() if store is not None else []
    if len(structures) == 1:
        return structures[0].name
    raise Refused(_("Indiquez le nom de la structure : --structure \"Maison de santé …\"."))


def _grouped(fingerprint: str) -> str:
    """AB:CD:… as certificate viewers show it, to compare by reading it out."""
    upper = fingerprint.upper()
    return ":".join(upper[i:i + 2] for i in range(0, len(upper), 2))


def _sign(store: Store | None, catalog, args: argparse.Namespace) -> int:
    from comite.exports.signature import read_certificate, sign_pdf

    source = args.file.expanduser()
    certificate = args.cert.expanduser() if args.cert else None
    if certificate is None:
        if read_certificate(paths.certificate_dir()) is None:
            raise Refused(_("La structure n’a pas encore de certificat : créez-le avec « comite "
                            "charter certificate », ou indiquez --cert."))
        certificate = paths.certificate_dir()
    out = args.out.expanduser() if args.out else source.with_name(f"{source.stem}-signee.pdf")
    signed = sign_pdf(source, out, certificate=certificate,
                      key=args.key.expanduser() if args.key else None,
                      passphrase=_passphrase(certificate), field=_side(args.side).field_name)
    print(_("PDF signé ({side}) : {path}").format(side=_side(args.side).label.lower(), path=signed))
    if store is None:
        print(_("Aucune base : la signature n’a été enregistrée dans aucune charte."))
        return OK
    return _record_signed(store, signed)


def _passphrase(certificate: Path) -> bytes | None:
    """From COMITE_CERT_PASSPHRASE, else asked for a .p12 when someone is at the keyboard."""
    if env := os.environ.get(PASSPHRASE_ENV):
        return env.encode("utf-8")
    if certificate.suffix.lower() in (".p12", ".pfx") and sys.stdin.isatty():
        import getpass

        return getpass.getpass(_("Mot de passe {of_file} : ").format(
            of_file=de(certificate.name))).encode("utf-8")
    return None


def _record_signed(store: Store, signed: Path) -> int:
    """A file comite made is recorded as signed; any other PDF was only signed."""
    from comite.sync.charter_returns import receive
    from comite.sync.charter_verify import verify_pdf
    from comite.sync.errors import InboxRefusal

    verdict = verify_pdf(signed, trusted=paths.trusted_certificates())
    first = verdict.revision_sha256[0] if verdict.revision_sha256 else ""
    if not first or store.charters.by_pdf_sha256(first) is None:
        print(_("Ce PDF n’est pas une charte produite par comite dans cette base : rien n’a été "
                "enregistré."))
        return OK
    try:
        receipt = receive(store, signed, paths.charter_pieces_dir(), trusted=paths.trusted_certificates())
    except InboxRefusal as refusal:
        _say_refusal(refusal)
        return FAILURE
    print(receipt.message)
    return OK


# ---- verify ----------------------------------------------------------------------------------


def _verify(store: Store | None, catalog, args: argparse.Namespace) -> int:
    from comite.sync.charter_returns import read_origin
    from comite.sync.charter_verify import verify_pdf

    path = args.file.expanduser()
    verdict = verify_pdf(path, trusted=paths.trusted_certificates())
    print(verdict.message)
    contradicted = False
    if verdict.state != "unreadable":
        first = verdict.revision_sha256[0] if verdict.revision_sha256 else ""
        charter = store.charters.by_pdf_sha256(first) if store is not None and first else None
        if charter is not None:
            _print_charter(charter)
        else:
            contradicted = _print_origin(store, catalog, read_origin(path))
    # Signatures intact on a text that is not the one comite made is not a valid charter.
    return OK if verdict.ok and not contradicted else FAILURE


def _print_charter(charter: "Charter") -> None:
    template = charter.template
    print(_("Charte {uid} {of_person}{committee}, produite le {day} : ce fichier est (ou commence "
            "par) le PDF que comite a produit, à l’octet près.").format(
        uid=charter.uid, of_person=de(charter.person_name),
        committee=f" ({charter.committee_name})" if charter.committee_name else "",
        day=charter.generated_on.strftime("%d/%m/%Y")))
    print(_("Modèle : {id}, version {version} — {title} ; empreinte {hash}").format(
        id=template.template_id, version=template.version, title=template.title,
        hash=template.content_hash))
    if charter.template_changed:
        print(_("Ce modèle a changé depuis : la charte est à faire signer de nouveau."))


def _print_origin(store: Store | None, catalog, origin) -> bool:
    """What the file says it is; True when this database knows that charter and the file's
    first revision is not the PDF it recorded."""
    if origin is None:
        print(_("Ce PDF ne porte pas de référence de charte comite."))
        return False
    known = _by_uid(store, origin.uid) if store is not None else None
    print(_("D’après le fichier lui-même (ce qu’il déclare, sans preuve) : charte {uid}, modèle "
            "{id}, version {version}, empreinte du modèle {hash}.").format(
        uid=origin.uid, id=origin.template_id, version=origin.template_version,
        hash=origin.template_hash))
    if known is not None:
        print(_("Cette base connaît la charte {uid} ({person}), mais ce fichier n’est pas celui "
                "qu’elle a produit : son début diffère.").format(uid=known.uid,
                                                                 person=known.person_name))
    elif store is not None:
        print(_("Cette base ne connaît pas cette charte."))
    same = [t for t in catalog.templates if t.template_id == origin.template_id]
    if same and same[0].content_hash == origin.template_hash:
        print(_("Le modèle est la version actuelle de « {title} » sur cet ordinateur.").format(
            title=same[0].title))
    elif same:
        print(_("Le modèle « {title} » a changé depuis sur cet ordinateur (version actuelle : "
                "{version}).").format(title=same[0].title, version=same[0].version))
    return known is not None


def _by_uid(store: Store, uid: str) -> "Charter | None":
    try:
        return store.charters.by_uid(uid)
    except NotFound:
        return None


# ---- attach ----------------------------------------------------------------------------------


def _attach(store: Store, catalog, args: argparse.Namespace) -> int:
    from comite.store.validation import FieldError, parse_date
    from comite.sync.charter_returns import UnknownCharter, receive
    from comite.sync.errors import InboxRefusal

    charter_id = None
    if args.charter:
        reference = args.charter.strip().upper()
        try:
            charter_id = (store.charters.get(int(reference)) if reference.isdigit()
                          else store.charters.by_uid(reference)).id
        except NotFound:
            raise NotFound(_("Aucune charte « {ref} » dans cette base.").format(
                ref=args.charter[:40])) from None
    try:
        signed_on = parse_date("date", args.date)
    except FieldError as error:
        raise Refused(error.message) from None
    try:
        receipt = receive(store, args.file.expanduser(), paths.charter_pieces_dir(), charter_id=charter_id,
                          side=_side(args.side), signer=args.signer, signed_on=signed_on,
                          trusted=paths.trusted_certificates())
    except InboxRefusal as refusal:
        if isinstance(refusal, UnknownCharter):
            refusal.advice = _("Pour le scan d’un exemplaire papier : --charter CH-… --date "
                               "JJ/MM/AAAA (et --side, --signer si un seul côté a signé).")
        _say_refusal(refusal)
        return REFUSED
    print(receipt.message)
    print(_("Copie gardée : {path}").format(path=receipt.piece))
    return OK


def _say_refusal(refusal) -> None:
    print(_("comite : {reason}").format(reason=refusal.reason), file=sys.stderr)
    if refusal.advice:
        print(refusal.advice, file=sys.stderr)


_VERBS = {"templates": _templates, "render": _render, "sign": _sign, "certificate": _certificate,
          "verify": _verify, "attach": _attach}
