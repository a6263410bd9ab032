"""A charter that comes back signed: a PDF signed in a reader or by `comite charter sign`, or
the scan of the printed copy. Its signatures are recorded and the file kept in `pieces`.

A PDF comite wrote is recognised by its first revision: signing adds incremental updates and
leaves the original bytes in front, so the sha256 of that first revision is the one the store
recorded when the charter was made. A scan has no such link: the coordinator says which
charter, which side(s), who signed and when.
"""

import hashlib
import logging
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from comite.kernel.french_dates import day_month_year
from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.kernel.zones import DEFAULT_ZONE, zone
from comite.store import NotFound, Store, ValidationError
from comite.store.charter_models import Charter, Side, SignatureMethod
from comite.sync import inbox_files
from comite.sync.errors import InboxRefusal

log = logging.getLogger("comite.sync")
MAX_BYTES = 20 * 1024 * 1024
MAGIC = b"%PDF-"
# In the pieces' names: what a coordinator browsing the folder reads.
_SIDE_WORDS = {Side.STRUCTURE: "structure", Side.PERSON: "personne"}
_ATTACH = _("Si c’est bien une charte signée, joignez-la depuis l’écran Chartes (choisissez la "
            "charte, le côté signé, le signataire et la date) ou avec « comite charter attach ».")


class UnknownCharter(InboxRefusal):
    """A PDF that is none of this database's charters, and no charter was named for it."""


@dataclass(frozen=True, slots=True)
class Receipt:
    charter: Charter  # as it stands now, the new signatures included
    sides: tuple[Side, ...]  # the sides recorded from this file
    method: SignatureMethod | None  # PAPER for a scan; None for a signed PDF (see each signature)
    piece: Path  # the kept copy
    sha256: str  # of the file as received
    message: str  # French: what was recorded


@dataclass(frozen=True, slots=True)
class _Signed:
    side: Side
    method: SignatureMethod
    signer: str
    signed_on: date


def receive(store: Store, path: Path, pieces: Path, *, charter_id: int | None = None,
            side: Side | None = None, signer: str = "", signed_on: date | None = None,
            trusted: Iterable[Path] = ()) -> Receipt:
    """Record what the returned file `path` proves, and keep a copy of it in `pieces`.

    A PDF comite wrote, signed since, gives its own signatures (PADES when the certificate is
    one of `trusted`, the structure's own; PDF otherwise). Any other PDF is a scan: it needs
    `charter_id`, `signed_on`, and `side` (None: both sides signed the paper copy) with the
    `signer` of that side (for both sides, the person and the team's signatory named in the
    charter). Refused, with nothing written, if it is not a PDF, too big, altered or unknown.
    """
    from comite.sync.charter_verify import verify_pdf

    path = Path(path)
    data, seen = _read(path)
    verdict = verify_pdf(path, trusted=trusted)
    if _fingerprint(path) != seen:
        raise InboxRefusal(_("Le fichier a changé pendant sa lecture : rien n’a été enregistré."),
                           _("Attendez qu’il soit complet, puis recommencez."))
    if verdict.state == "unreadable":
        raise InboxRefusal(verdict.message.splitlines()[0],
                           _("Enregistrez-le à nouveau en PDF depuis le lecteur ou le scanner."))
    digest = hashlib.sha256(data).hexdigest()
    first = verdict.revision_sha256[0] if verdict.revision_sha256 else digest
    charter = store.charters.by_pdf_sha256(first) or store.charters.by_pdf_sha256(digest)
    if charter is not None:
        if charter_id is not None and charter.id != charter_id:
            raise InboxRefusal(_("Ce fichier est la charte {uid} {of_person}, pas celle choisie : "
                                 "rien n’a été enregistré.").format(
                uid=charter.uid, of_person=de(charter.person_name)),
                               _("Choisissez la bonne charte, ou le bon fichier."))
        signed = _from_signatures(charter, verdict)
        method = None
    elif verdict.state in ("altered", "modified"):  # its first bytes changed too, or were rewritten
        raise _broken(_("ce PDF"), verdict)
    elif charter_id is None:
        raise UnknownCharter(_("Ce PDF n’est aucune des chartes produites par comite dans cette base "
                             "(ni un exemplaire signé de l’une d’elles) : rien n’a été enregistré."),
                           _ATTACH)
    else:
        charter = _charter(store, charter_id)
        signed = _from_paper(charter, side, signer, signed_on)
        method = SignatureMethod.PAPER
    sides = tuple(entry.side for entry in signed)
    piece = Path(pieces) / "{uid}-{sides}-{sha}.pdf".format(
        uid=charter.uid, sides="-".join(_SIDE_WORDS[s] for s in sides), sha=digest[:8])
    charter = _record(store, charter, signed, piece, data, digest)
    return Receipt(charter=charter, sides=sides, method=method, piece=piece, sha256=digest,
                   message=_message(charter, signed))


@dataclass(frozen=True, slots=True)
class Origin:
    """What comite wrote in the PDF's document information when it made the charter."""

    uid: str
    template_id: str
    template_version: str
    template_hash: str


def read_origin(path: Path) -> Origin | None:
    """The charter's reference and template, from the Info keys of the file's first revision
    (the one comite wrote: later revisions may say anything); None when it has none, or the
    file cannot be read."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        data, _seen = _read(Path(path))
        resolver = PdfFileReader(BytesIO(data), strict=False).get_historical_resolver(0)
        entry = resolver.trailer_view.raw_get("/Info") if "/Info" in resolver.trailer_view else None
        if isinstance(entry, generic.IndirectObject):
            entry = resolver.get_object(entry.reference)
        if not isinstance(entry, generic.DictionaryObject) or "/ComiteCharter" not in entry:
            return None
        keys = {key: str(entry.get(f"/Comite{key}", ""))[:200] for key in
                ("Charter", "Template", "TemplateVersion", "TemplateHash")}
    except Exception as error:  # a damaged file: no origin to tell
        log.info("charter origin: unreadable (%s)", type(error).__name__)
        return None
    return Origin(uid=keys["Charter"], template_id=keys["Template"],
                  template_version=keys["TemplateVersion"], template_hash=keys["TemplateHash"])


# ---- reading the file ----------------------------------------------------------------------


def _read(path: Path) -> tuple[bytes, tuple[int, int]]:
    """The whole file, refused unless it is a plain file, at most 20 MB, starting as a PDF."""
    try:
        info = os.stat(path)
    except OSError:
        raise InboxRefusal(_("Fichier introuvable : {file}.").format(file=path.name),
                           _("Vérifiez le chemin.")) from None
    if not stat.S_ISREG(info.st_mode):
        raise InboxRefusal(_("{file} n’est pas un fichier ordinaire.").format(file=path.name),
                           _("Indiquez le fichier PDF lui-même."))
    if info.st_size > MAX_BYTES:
        raise InboxRefusal(_("{file} est trop gros pour une charte ({size} Mo, limite 20 Mo) : il "
                             "n’a pas été lu.").format(file=path.name, size=info.st_size // 2**20),
                           _("Un scan de quelques pages en PDF pèse bien moins : scannez en "
                             "noir et blanc ou en 200 points par pouce."))
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if not data.startswith(MAGIC):
        raise InboxRefusal(_("{file} n’est pas un PDF : rien n’a été enregistré.").format(
            file=path.name), _("Une charte signée, ou son scan, se joint en PDF."))
    if len(data) > MAX_BYTES:
        raise InboxRefusal(_("{file} grossit encore : rien n’a été enregistré.").format(
            file=path.name), _("Attendez qu’il soit complet, puis recommencez."))
    return data, (info.st_size, info.st_mtime_ns)


def _fingerprint(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


# ---- what the file proves ------------------------------------------------------------------


def _from_signatures(charter: Charter, verdict) -> list[_Signed]:
    """The signatures in the charter's two fields of an intact file."""
    if verdict.state == "not_signed":
        raise InboxRefusal(_("Ce PDF est la charte {uid} telle que comite l’a produite : il ne porte "
                             "aucune signature. Rien n’a été enregistré.").format(uid=charter.uid),
                           _("Faites-la signer dans un lecteur PDF ou avec « comite charter sign », "
                             "ou joignez le scan de l’exemplaire papier signé."))
    if verdict.state != "valid":  # altered or modified: the verdict says what and why
        raise _broken(_("la charte {uid}").format(uid=charter.uid), verdict)
    fields = {side.field_name: side for side in Side}
    signed = []
    for check in verdict.signatures:
        side = fields.get(check.field)
        if side is None or any(entry.side is side for entry in signed):
            continue
        signed.append(_Signed(
            side=side, method=SignatureMethod.PADES if check.trusted else SignatureMethod.PDF,
            signer=check.signer or _("signataire sans nom (certificat anonyme)"),
            signed_on=_local_day(check.signed_at)))
    if not signed:
        raise InboxRefusal(_("La charte {uid} est signée en dehors des deux cases prévues : rien "
                             "n’a été enregistré.").format(uid=charter.uid),
                           _("Faites signer dans la case « Pour la structure » ou « La personne "
                             "engagée », ou joignez le fichier comme un scan."))
    return sorted(signed, key=lambda entry: list(Side).index(entry.side))


def _broken(what: str, verdict) -> InboxRefusal:
    return InboxRefusal(_("Impossible d’enregistrer {what} comme une charte signée :\n{verdict}")
                        .format(what=what, verdict=verdict.message),
                        _("Redemandez le fichier signé d’origine, tel qu’il a été signé."))


def _from_paper(charter: Charter, side: Side | None, signer: str, signed_on: date | None) -> list[_Signed]:
    if signed_on is None:
        raise InboxRefusal(_("Indiquez la date à laquelle l’exemplaire papier a été signé : rien "
                             "n’a été enregistré."), _ATTACH)
    if side is None:
        if signer.strip():
            raise InboxRefusal(_("Un seul nom de signataire pour les deux côtés : précisez le côté "
                                 "qu’il a signé. Rien n’a été enregistré."),
                               _("Sans côté précisé, les signataires sont la personne et le "
                                 "signataire pour l’équipe écrits dans la charte."))
        names = {Side.STRUCTURE: charter.data.get("team_signatory", ""),
                 Side.PERSON: charter.person_name}
        return [_Signed(each, SignatureMethod.PAPER, names[each], signed_on) for each in Side]
    if not signer.strip():
        raise InboxRefusal(_("Indiquez qui a signé ({side}) : rien n’a été enregistré.").format(
            side=Side(side).label.lower()), _ATTACH)
    return [_Signed(Side(side), SignatureMethod.PAPER, signer, signed_on)]


def _charter(store: Store, charter_id: int) -> Charter:
    try:
        return store.charters.get(charter_id)
    except NotFound:
        raise InboxRefusal(_("Cette charte n’existe plus : rien n’a été enregistré."),
                           _("Choisissez une autre charte.")) from None


def _local_day(moment: datetime | None) -> date:
    """The signing day on the coordinator's wall clock; today when the file does not say."""
    now = datetime.now(zone(DEFAULT_ZONE))
    if moment is None:
        return now.date()
    return (moment.astimezone(zone(DEFAULT_ZONE)) if moment.tzinfo else moment).date()


# ---- keeping the file and recording ------------------------------------------------------


def _record(store: Store, charter: Charter, signed: list[_Signed], piece: Path, data: bytes,
            digest: str) -> Charter:
    """Every signature and the copy in one go: the copy is written once the store accepted the
    signatures, inside their transaction, so a refusal leaves no file and a failed copy no row."""
    try:
        with store.transaction():
            for entry in signed:
                charter = store.charters.sign(charter.id, entry.side, entry.method, entry.signer,
                                              entry.signed_on, scan_path=str(piece),
                                              scan_sha256=digest)
            if not (piece.is_file() and _sha256(piece) == digest):
                inbox_files.write_bytes(piece, data)
    except ValidationError as error:
        raise InboxRefusal(_("{why} Rien n’a été enregistré.").format(
            why=" ".join(error.errors.values())), _ATTACH) from None
    return charter


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _message(charter: Charter, signed: list[_Signed]) -> str:
    parts = [_("{side} : {signer}, le {day} ({method})").format(
        side=entry.side.label, signer=entry.signer, day=day_month_year(entry.signed_on),
        method=entry.method.in_sentence) for entry in signed]
    return _("Charte {uid} {of_person} : signature enregistrée — {parts}.").format(
        uid=charter.uid, of_person=de(charter.person_name), parts=" ; ".join(parts))
