"""Is this signed charter the one that was signed? Integrity of a PDF's signatures, offline.

A PDF signature covers the file as it was when signed; anything after is an incremental update.
pyHanko checks each signature's digest and CMS, and its difference analysis says what the later
updates changed. Further signatures and filling the other empty field are expected; any other
change (page content, annotations, the document's information) makes the file "modified".

Trust is a separate question: a structure's self-signed certificate is recognised only on a
machine told to trust it (`trusted`). An unrecognised certificate does not make an intact
signature invalid — it means the file has not changed, not who signed it; the message says so.
Nothing here touches the network: no OCSP, no CRL.

A damaged file must not escape as "unreadable" or "not signed" when it was signed and the
damage hit signed bytes: signatures are also checked straight from the bytes (see
`_raw_digest_mismatch`), without trusting the file's structure.

pyHanko is imported inside the functions: it costs start-up time.
"""

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from comite.kernel.blocking import T, run_outside_event_loop
from comite.kernel.french_dates import day_month_year
from comite.kernel.i18n import _
from comite.kernel.zones import DEFAULT_ZONE, zone
from comite.store.charter_models import Side
from comite.store.errors import Refused

log = logging.getLogger("comite.sync")

MAX_BYTES = 20 * 1024 * 1024
STATES = ("valid", "altered", "modified", "not_signed", "unreadable")
# /Info entries a signing tool may legitimately rewrite; any other change is a modification.
_VOLATILE_INFO = frozenset({"/ModDate", "/Producer"})
_HEX_RUN = re.compile(rb"[0-9a-fA-F]{512,}")  # a CMS signature is thousands of hex digits
_EOF_LINE = re.compile(rb"%%EOF[ \t]*(\r\n|\r|\n)?")
_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
_HEX_STRING = re.compile(rb"<[0-9a-fA-F]*>")



@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """What one signature of the file says."""

    field: str  # the PDF field's name: STRUCTURE_FIELD, PERSON_FIELD or another one
    signer: str  # the certificate's common name (or organisation)
    signed_at: datetime | None  # as the signer's machine reported it
    intact: bool  # the signed bytes and the CMS signature match
    trusted: bool  # the certificate is one this machine was told to trust
    covers_whole_file: bool  # nothing at all was added after it
    changed_after: bool  # something other than signatures / form filling was added after it
    revision: int  # index of the revision it signs, in `Verdict.revision_sha256`

    @property
    def side_label(self) -> str:
        return field_label(self.field)


@dataclass(frozen=True, slots=True)
class Verdict:
    state: str  # one of STATES
    signatures: tuple[SignatureCheck, ...]
    revision_sha256: tuple[str, ...]  # sha256 of each revision's prefix, oldest first
    message: str  # French, one line per fact
    empty_fields: tuple[str, ...] = ()  # signature fields still unsigned

    @property
    def ok(self) -> bool:
        return self.state == "valid"


def field_label(field: str) -> str:
    """« côté structure », « côté personne », or the field's own name for a field comite did not make."""
    for side in Side:
        if side.field_name == field:
            return _("côté structure") if side is Side.STRUCTURE else _("côté personne")
    return _("champ « {field} »").format(field=field)


def verify_pdf(path: Path, *, trusted: Iterable[Path] = ()) -> Verdict:
    """Check every signature of the PDF at `path`; `trusted` are PEM certificates to recognise.

    Raises Refused only when a `trusted` certificate cannot be read (the machine's setting, not
    the file, is at fault); every problem with the file itself is a Verdict.
    """
    roots = _trust_roots(trusted)
    path = Path(path)
    data, problem = _read(path)
    if problem:
        if data and _raw_digest_mismatch(data):  # a signed PDF whose header was hit
            return _verdict("altered", (), (), (), [_damaged_line()])
        return _unreadable(problem)
    return run_outside_event_loop(lambda: _verify(data, path.name, roots))


def _verify(data: bytes, shown: str, roots: list) -> Verdict:
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        reader, strict = _open(data)
        if reader.encrypted:
            return _unreadable(_("{file} est protégé par un mot de passe : comite ne peut pas le "
                                 "vérifier.").format(file=shown))
        revisions, ends = _revisions(reader, data)
        fields = list(enumerate_sig_fields(reader))
        embedded = list(reader.embedded_signatures)
    except Exception as error:  # pyHanko raises many kinds on a damaged file: all mean the same
        log.info("PDF illisible (%s)", type(error).__name__)
        if _raw_digest_mismatch(data):
            return _verdict("altered", (), (), (), [_damaged_line()])
        return _unreadable(_("{file} n’est pas un PDF lisible (fichier endommagé ou incomplet).")
                           .format(file=shown))
    empty = tuple(name for name, value, _ref in fields if value is None)
    filled = len(fields) - len(empty)
    facts = _file_facts(data, strict, ends, max(filled, _raw_signature_count(data)) - len(embedded))
    if not embedded and not facts:
        return _verdict("not_signed", (), revisions, empty, [])
    checks = tuple(_check(reader, signature, roots) for signature in embedded)
    return _judge(checks, revisions, empty, facts)


def _file_facts(data: bytes, strict: bool, ends: list[int], unreached: int) -> list[tuple[str, str]]:
    """What is wrong with the file beyond its signatures: (the state it leads to, French line)."""
    facts = []
    if unreached > 0:  # a signature the file's structure no longer leads to, or of an unknown kind
        if _raw_digest_mismatch(data):
            facts.append(("altered", _damaged_line()))
        else:
            facts.append(("modified", _("Le fichier contient une signature que comite ne peut "
                                        "ni rattacher au document ni vérifier.")))
    if ends and data[ends[-1]:].strip():
        facts.append(("modified", _("Des données ont été ajoutées à la fin du fichier, après sa "
                                    "dernière révision.")))
    if not strict:
        facts.append(("modified", _("La structure du fichier n’est pas conforme : il a fallu le "
                                    "réparer pour le lire.")))
    return facts


def _check(reader, signature, roots: list) -> SignatureCheck:
    """One signature, validated without network; a signature pyHanko cannot even evaluate counts
    as not intact: nothing proves it is."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    field = _safely(lambda: str(signature.field_name or ""), "")
    signer = _common_name(signature)
    when = _safely(lambda: signature.self_reported_timestamp, None)
    revision = _safely(lambda: signature.signed_revision, -1)
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        if signature.sig_object_type == "/DocTimeStamp":
            status = validate_pdf_timestamp(signature, validation_context=context)
            when = status.timestamp
        else:
            status = validate_pdf_signature(signature, signer_validation_context=context)
            when = status.signer_reported_dt or when
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        level = status.modification_level
        allowed = whole or (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and bool(status.docmdp_ok)
            and level is not None and level <= ModificationLevel.FORM_FILLING
            and not _info_changed(reader, revision))
    except Exception as error:
        log.info("Signature non vérifiable (%s)", type(error).__name__)
        return SignatureCheck(field, signer, when, False, False, False, True, revision)
    return SignatureCheck(field=field, signer=signer, signed_at=when,
                          intact=bool(status.intact and status.valid), trusted=bool(status.trusted),
                          covers_whole_file=whole, changed_after=not allowed, revision=revision)


def _judge(checks: tuple[SignatureCheck, ...], revisions: tuple[str, ...], empty: tuple[str, ...],
           facts: list[tuple[str, str]]) -> Verdict:
    lines = []
    for check in checks:
        lines.append(_signature_line(check))
        if check.intact and not check.trusted:
            lines.append(_("Le certificat de « {signer} » n’est pas reconnu par cet ordinateur : la "
                           "signature prouve que le document n’a pas changé, pas l’identité de "
                           "qui l’a signé.").format(signer=check.signer))
        if check.intact and check.changed_after:
            lines.append(_("Après la signature {side}, le fichier a été modifié autrement que par "
                           "une autre signature (contenu des pages, annotations ou informations "
                           "du document).").format(side=check.side_label))
    lines.extend(line for _state, line in facts)
    leads_to = {state for state, _line in facts}
    if "altered" in leads_to or not all(check.intact for check in checks):
        state = "altered"
    elif "modified" in leads_to or any(check.changed_after for check in checks):
        state = "modified"
    else:
        state = "valid"
    return _verdict(state, checks, revisions, empty, lines)


def _verdict(state: str, checks: tuple[SignatureCheck, ...], revisions: tuple[str, ...],
             empty: tuple[str, ...], lines: list[str]) -> Verdict:
    if empty:
        lines.append(_("Champ de signature encore vide : {sides}.").format(
            sides=", ".join(field_label(name) for name in empty)))
    lines.append(_CONCLUSIONS[state]())
    return Verdict(state=state, signatures=checks, revision_sha256=revisions,
                   message="\n".join(lines), empty_fields=empty)


_CONCLUSIONS: dict[str, Callable[[], str]] = {
    "valid": lambda: _("Verdict : valide. Le document n’a pas changé depuis qu’il a été signé."),
    "altered": lambda: _("Verdict : altéré. Le contenu signé a été changé : ce n’est pas le "
                         "document qui a été signé. Redemandez l’original."),
    "modified": lambda: _("Verdict : modifié après signature. Les signatures sont intactes, mais "
                          "des changements ont été ajoutés ensuite : seule la version signée fait "
                          "foi."),
    "not_signed": lambda: _("Verdict : non signé. Ce PDF ne porte aucune signature électronique."),
}


def _unreadable(why: str) -> Verdict:
    return Verdict(state="unreadable", signatures=(), revision_sha256=(),
                   message="\n".join([why, _("Verdict : illisible. Ce fichier ne peut pas être "
                                             "vérifié.")]))


def _damaged_line() -> str:
    return _("Une signature ne correspond plus aux octets qu’elle couvre, et la structure du "
             "fichier en est abîmée.")


def _signature_line(check: SignatureCheck) -> str:
    when = _french_moment(check.signed_at) if check.signed_at else _("date inconnue")
    state = _("intacte") if check.intact else _("ALTÉRÉE : le contenu signé ne correspond plus")
    return _("Signature {side} : {signer}, {when} — {state}.").format(
        side=check.side_label, signer=check.signer or _("signataire inconnu"), when=when,
        state=state)


def _french_moment(moment: datetime) -> str:
    local = moment.astimezone(zone(DEFAULT_ZONE)) if moment.tzinfo else moment
    return _("le {day} à {hour:02d} h {minute:02d}").format(
        day=day_month_year(local.date()), hour=local.hour, minute=local.minute)


def _read(path: Path) -> tuple[bytes, str]:
    """The file's bytes and why it cannot be checked ("" when it can)."""
    try:
        size = path.stat().st_size
    except OSError:
        return b"", _("Fichier introuvable : {file}.").format(file=path)
    if not path.is_file():
        return b"", _("{file} n’est pas un fichier.").format(file=path.name)
    if size > MAX_BYTES:
        return b"", _("{file} est trop gros pour une charte (plus de 20 Mo).").format(file=path.name)
    try:
        data = path.read_bytes()
    except OSError:
        return b"", _("{file} ne peut pas être lu (droits d’accès ?).").format(file=path.name)
    if b"%PDF-" not in data[:1024]:
        return data, _("{file} n’est pas un PDF.").format(file=path.name)
    return data, ""


def _open(data: bytes):
    """pyHanko's reader, strict first. A file only the tolerant reader accepts has broken syntax:
    its signatures can still be checked byte for byte, but it is never called valid."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return PdfFileReader(BytesIO(data)), True
    except Exception:
        return PdfFileReader(BytesIO(data), strict=False), False


def _revisions(reader, data: bytes) -> tuple[tuple[str, ...], list[int]]:
    """sha256 of data[:end of each revision's %%EOF line], oldest first, and those ends.

    A revision ends at the `%%EOF` that follows its own `startxref` value: found from the
    offset pyHanko read, so a `%%EOF` inside a stream is never taken for one.
    """
    hashes, ends = [], []
    for revision in range(reader.xrefs.total_revisions):
        offset = reader.xrefs.get_startxref_for_revision(revision)
        pattern = re.compile(rb"startxref\s+%d\s+%%%%EOF[ \t]*(\r\n|\r|\n)?" % offset)
        found = pattern.search(data, offset)
        if found is None:
            continue
        ends.append(found.end())
        hashes.append(hashlib.sha256(data[:found.end()]).hexdigest())
    return tuple(hashes), ends


def _info_changed(reader, revision: int) -> bool:
    """Whether the document information (title, author, comite's own keys…) differs between the
    signed revision and the last one; pyHanko's default policy lets /Info change freely."""
    from pyhanko.pdf_utils import generic

    def info(at: int) -> dict[str, str]:
        # Resolved through the revision's own resolver: the trailer's references would otherwise
        # resolve to the newest version of the object.
        resolver = reader.get_historical_resolver(at)

        def resolved(value):
            if isinstance(value, generic.IndirectObject):
                return resolver.get_object(value.reference)
            return value

        trailer = resolver.trailer_view
        entries = resolved(trailer.raw_get("/Info")) if "/Info" in trailer else None
        if not isinstance(entries, generic.DictionaryObject):
            return {}
        return {str(key): str(resolved(entries.raw_get(key))) for key in entries
                if key not in _VOLATILE_INFO}

    return info(revision) != info(reader.xrefs.total_revisions - 1)


def _raw_signature_count(data: bytes) -> int:
    return sum(1 for run in _HEX_RUN.finditer(data) if _signed_digest(run.group()) is not None)


def _raw_digest_mismatch(data: bytes) -> bool:
    """Does some signature no longer hash to the digest its CMS signed, or is it itself damaged?
    Read straight from the bytes, trusting none of the file's structure (a flipped byte may have
    hit /ByteRange itself). False whenever that cannot be told.

    A signature's CMS is a long hex string; a standard signature covers every byte but that
    string, up to the end of one revision (a %%EOF line) or of the file. If no such range gives
    the signed digest, the signed bytes changed.
    """
    return _hex_runs_mismatch(data) or _declared_range_mismatch(data)


def _hex_runs_mismatch(data: bytes) -> bool:
    ends = [found.end() for found in _EOF_LINE.finditer(data)] + [len(data)]
    for run in _HEX_RUN.finditer(data):
        signed = _signed_digest(run.group())
        if signed is None:
            continue
        algorithm, digest = signed
        before, after = data[:run.start() - 1], run.end() + 1  # the < and > around the hex
        candidates = (hashlib.new(algorithm, before + data[after:end]).digest()
                      for end in ends if end > after)
        if digest not in candidates:
            return True
    return False


def _declared_range_mismatch(data: bytes) -> bool:
    """The same, from each /ByteRange the file declares (when it still reads as one and lies
    within the file: a truncated file is not an altered one). The hole it leaves must hold a
    signature that still parses and whose digest matches the range."""
    for found in _BYTE_RANGE.finditer(data):
        start1, length1, start2, length2 = map(int, found.groups())
        if start1 != 0 or not length1 < start2 <= start2 + length2 <= len(data):
            continue
        hole = data[length1:start2]
        signed = _signed_digest(hole[1:-1]) if _HEX_STRING.fullmatch(hole) else None
        if signed is None:
            return True  # the signature itself was damaged
        algorithm, digest = signed
        if hashlib.new(algorithm, data[:length1] + data[start2:start2 + length2]).digest() != digest:
            return True
    return False


def _signed_digest(hex_digits: bytes) -> tuple[str, bytes] | None:
    """(hash algorithm, digest of the covered bytes) that a CMS in hex signed, or None.
    A document time stamp signs its TSTInfo, whose message imprint is that digest."""
    from asn1crypto import cms

    try:
        der = bytes.fromhex(hex_digits[: len(hex_digits) // 2 * 2].decode("ascii"))
        signed_data = cms.ContentInfo.load(der)["content"]
        content = signed_data["encap_content_info"]
        if content["content_type"].native == "tst_info":
            imprint = content["content"].parsed["message_imprint"]
            algorithm = imprint["hash_algorithm"]["algorithm"].native
            digest = imprint["hashed_message"].native
        else:
            signer = signed_data["signer_infos"][0]
            algorithm = signer["digest_algorithm"]["algorithm"].native
            digest = next(attribute["values"][0].native for attribute in signer["signed_attrs"]
                          if attribute["type"].native == "message_digest")
        hashlib.new(algorithm)
    except Exception:
        return None
    return algorithm, digest


def _common_name(signature) -> str:
    subject = _safely(lambda: signature.signer_cert.subject.native, {})
    return str(subject.get("common_name") or subject.get("organization_name") or "")


def _safely(read: Callable[[], T], default: T) -> T:
    """An attribute of a signature that may be damaged: pyHanko parses it lazily, and raises."""
    try:
        return read()
    except Exception:
        return default


def _trust_roots(paths: Iterable[Path]) -> list:
    from pyhanko.keys import load_certs_from_pemder_data

    roots = []
    for path in paths:
        try:
            found = list(load_certs_from_pemder_data(Path(path).read_bytes()))
            for cert in found:
                cert.native  # noqa: B018 -- asn1crypto parses lazily: a bad file fails only here
            if not found:
                raise ValueError("no certificate")
            roots.extend(found)
        except (OSError, ValueError):
            raise Refused(_("Le certificat de confiance {file} ne peut pas être lu : recréez ou "
                            "réimportez le certificat de la structure.").format(file=path)) from None
    return roots


