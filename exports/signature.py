"""Electronic signatures of charters: the structure's own certificate, and PAdES signing.

Structures rarely have a PKI: `make_certificate` makes a self-signed certificate kept in the
data folder. `sign_pdf` signs one of the PDF's empty signature fields with it (or with any
certificate the coordinator has, PEM or PKCS#12), as an incremental update: the bytes comite
wrote stay, unchanged, the file's first revision, which is how a returned file is recognised.

pyHanko and cryptography are imported inside the functions: they cost start-up time.
"""

import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

from comite.exports.files import atomic_write
from comite.exports.french import clock, day_month_year
from comite.kernel.blocking import run_outside_event_loop
from comite.kernel.errors import system_reason
from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.kernel.zones import DEFAULT_ZONE, zone
from comite.store.charter_models import STRUCTURE_FIELD
from comite.store.errors import Refused

CERT_NAME = "certificat.pem"
KEY_NAME = "cle-privee.pem"
VALIDITY = timedelta(days=3 * 365 + 1)  # three years, a leap day included
MAX_PDF_BYTES = 20 * 1024 * 1024
# RFC 9336 id-kp-documentSigning; emailProtection beside it, which older readers (Acrobat) expect.
DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36"
_NAME_LIMIT = 64  # X.509 upper bound for a common name and an organisation name

log = logging.getLogger("comite.exports")


@dataclass(frozen=True, slots=True)
class Certificate:
    """Where the structure's certificate and key are, and what they say."""

    key: Path
    cert: Path
    subject: str  # the common name: the structure's name
    not_after: datetime
    fingerprint: str  # sha256 of the certificate (DER), to read out to someone checking it


def make_certificate(folder: Path, structure_name: str, *, replace: bool = False) -> Certificate:
    """A self-signed certificate (ECDSA P-256, three years) for a structure without a PKI.

    The folder is made private (0700) and the key file readable by its owner only (0600). The key
    is stored in PEM *without* a passphrase: the folder is the coordinator's own, on their own
    machine, and a passphrase asked at every signature would end written beside the key anyway.
    An existing certificate is kept unless `replace` is True: charters signed with it could no
    longer be checked against a new one.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder = Path(folder)
    name = _certificate_name(structure_name)
    cert_path, key_path = folder / CERT_NAME, folder / KEY_NAME
    if not replace and (cert_path.exists() or key_path.exists()):
        raise Refused(_("Un certificat existe déjà dans {folder}. Le remplacer empêcherait de "
                        "vérifier les chartes déjà signées avec lui : confirmez le remplacement "
                        "si c’est bien ce que vous voulez.").format(folder=folder))

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
        x509.NameAttribute(NameOID.COMMON_NAME, name),
    ])
    # A few minutes back: a reader whose clock is a little behind must not see it "not yet valid".
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([
            x509.ObjectIdentifier(DOCUMENT_SIGNING), ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # mkdir's mode passes through the umask; the folder may have existed
        # The key first: a crash between the two writes leaves a key that does not match the old
        # certificate, which sign_pdf reports, rather than a certificate without its key.
        atomic_write(key_path, key_pem)
        os.chmod(key_path, 0o600)  # atomic_write's temporary file is already 0600: say so anyway
        atomic_write(cert_path, cert_pem)
        os.chmod(cert_path, 0o644)
    except OSError as error:
        raise Refused(_("Impossible d’écrire le certificat dans {folder} ({why}) : vérifiez que ce "
                        "dossier est bien le vôtre.").format(
                            folder=folder, why=system_reason(error))) from None
    return _describe(cert, key_path, cert_path)


def read_certificate(folder: Path) -> Certificate | None:
    """The certificate `make_certificate` left in `folder`, or None if there is none."""
    from cryptography import x509

    folder = Path(folder)
    cert_path, key_path = folder / CERT_NAME, folder / KEY_NAME
    if not cert_path.is_file() or not key_path.is_file():
        return None
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    except ValueError:
        raise Refused(_("Le fichier {file} n’est pas un certificat lisible : recréez le certificat "
                        "de la structure.").format(file=cert_path)) from None
    return _describe(cert, key_path, cert_path)


def sign_pdf(source: Path, out: Path, *, certificate: Path | None = None, key: Path | None = None,
             passphrase: bytes | None = None, field: str = STRUCTURE_FIELD,
             signer_name: str = "") -> Path:
    """Sign the empty field `field` of `source` (PAdES baseline B, sha256) and write `out`.

    `certificate` is a PEM certificate with its `key` (or a PEM holding both), a PKCS#12 file
    (.p12/.pfx) opened with `passphrase`, or the folder `make_certificate` filled. The signature
    is an incremental update: `source`'s bytes are the start of `out`, untouched. `out` is written
    in one step and only once everything succeeded; `source` is never changed.
    """
    source, out = Path(source), Path(out)
    if out.resolve() == source.resolve():
        raise Refused(_("Le fichier signé doit porter un autre nom que l’original : choisissez un "
                        "autre fichier de sortie."))
    original = _read_pdf(source)
    signer = _load_signer(certificate, key, passphrase)
    signed = run_outside_event_loop(lambda: _sign(original, source.name, signer, field, signer_name))
    if not signed.startswith(original):  # never expected: the proof of origin depends on it
        raise Refused(_("La signature n’a pas gardé le fichier d’origine intact : rien n’a été "
                        "écrit."))
    try:
        return atomic_write(out, signed)
    except OSError as error:
        raise Refused(_("Impossible d’écrire {file} ({why}) : choisissez un autre dossier.").format(
            file=out, why=system_reason(error))) from None


def _sign(original: bytes, shown: str, signer, field: str, signer_name: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    try:
        writer = IncrementalPdfFileWriter(BytesIO(original))
    except Exception:  # pyHanko raises many kinds on a damaged file: all mean the same here
        raise _not_a_pdf(shown) from None
    if writer.prev.encrypted:
        raise Refused(_("{file} est protégé par un mot de passe : comite ne peut pas le signer.")
                      .format(file=shown))
    _check_field(writer, field, shown)
    meta = signers.PdfSignatureMetadata(
        field_name=field, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        name=signer_name.strip() or None)
    style = TextStampStyle(stamp_text=_("Signé électroniquement par\n%(signer)s\nle %(date)s"),
                           border_width=0)
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style)
    try:
        result = pdf_signer.sign_pdf(writer, existing_fields_only=True,
                                     appearance_text_params={"date": _french_now()})
    except Exception as error:  # a structure pyHanko read but cannot update: say so, no traceback
        log.warning("signature impossible (%s)", type(error).__name__)
        raise Refused(_("{file} n’a pas pu être signé : sa structure est inhabituelle ou "
                        "endommagée. Générez à nouveau la charte avec comite.").format(
                            file=shown)) from None
    return result.getvalue()


def _check_field(writer, field: str, shown: str) -> None:
    from pyhanko.sign import fields

    try:
        found = list(fields.enumerate_sig_fields(writer, with_name=field))
    except Exception:
        raise _not_a_pdf(shown) from None
    if not found:
        raise Refused(_("{file} n’a pas de champ de signature « {field} » : générez à nouveau la "
                        "charte avec comite, elle en porte deux.").format(file=shown, field=field))
    _name, value, _ref = found[0]
    if value is not None:
        raise Refused(_("Le champ « {field} » {of_file} est déjà signé : une signature ne se "
                        "remplace pas. Signez l’autre champ, ou repartez d’une charte non signée.")
                      .format(field=field, of_file=de(shown)))


def _read_pdf(source: Path) -> bytes:
    if not source.is_file():
        raise Refused(_("Fichier introuvable : {file}.").format(file=source))
    if source.stat().st_size > MAX_PDF_BYTES:
        raise Refused(_("{file} est trop gros pour une charte (plus de 20 Mo) : ce n’est pas un "
                        "fichier produit par comite.").format(file=source.name))
    data = source.read_bytes()
    if b"%PDF-" not in data[:1024]:
        raise _not_a_pdf(source.name)
    return data


def _not_a_pdf(shown: str) -> Refused:
    return Refused(_("{file} n’est pas un PDF lisible : vérifiez que c’est bien la charte "
                     "produite par comite.").format(file=shown))


def _load_signer(certificate: Path | None, key: Path | None, passphrase: bytes | None):
    """pyHanko's signer from the files given; every failure says which file and what to do."""
    if certificate is None:
        raise Refused(_("Indiquez le certificat avec lequel signer (le certificat de la structure, "
                        "ou un fichier .p12)."))
    certificate = Path(certificate)
    if certificate.is_dir():
        certificate, key = certificate / CERT_NAME, key or certificate / KEY_NAME
    for path in (certificate, key):
        if path is not None and not Path(path).is_file():
            raise Refused(_("Fichier introuvable : {file}. Créez d’abord le certificat de la "
                            "structure, ou indiquez le bon fichier.").format(file=path))
    if certificate.suffix.lower() in (".p12", ".pfx"):
        private, cert = _from_pkcs12(certificate, passphrase)
    else:
        private, cert = _from_pem(certificate, Path(key) if key else certificate, passphrase)
    _check_pair(private, cert, certificate)
    return _simple_signer(private, cert)


def _from_pkcs12(path: Path, passphrase: bytes | None):
    from asn1crypto import pkcs12 as asn1_pkcs12
    from cryptography.hazmat.primitives.serialization import pkcs12

    data = path.read_bytes()
    try:
        private, cert, _others = pkcs12.load_key_and_certificates(data, passphrase)
    except (ValueError, TypeError):
        if _parses(asn1_pkcs12.Pfx, data):  # a PKCS#12 indeed: the passphrase is what failed
            if passphrase is None:
                raise Refused(_("{file} est protégé par un mot de passe : indiquez-le.")
                              .format(file=path.name)) from None
            raise Refused(_("Mot de passe incorrect pour {file}.").format(file=path.name)) from None
        raise Refused(_("{file} n’est pas un fichier de certificat PKCS#12 (.p12/.pfx) lisible.")
                      .format(file=path.name)) from None
    if private is None or cert is None:
        raise Refused(_("{file} doit contenir le certificat et sa clé privée : exportez-le à "
                        "nouveau avec la clé.").format(file=path.name))
    return private, cert


def _from_pem(cert_path: Path, key_path: Path, passphrase: bytes | None):
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    except ValueError:
        raise Refused(_("{file} n’est pas un certificat lisible (PEM attendu, ou un fichier "
                        ".p12).").format(file=cert_path.name)) from None
    try:
        private = serialization.load_pem_private_key(key_path.read_bytes(), passphrase)
    except TypeError:  # encrypted key without a passphrase, or a passphrase for a clear key
        if passphrase is None:
            raise Refused(_("La clé {file} est protégée par un mot de passe : indiquez-le.")
                          .format(file=key_path.name)) from None
        raise Refused(_("La clé {file} n’est pas protégée par un mot de passe : n’en indiquez "
                        "pas.").format(file=key_path.name)) from None
    except ValueError:
        if passphrase is not None and b"ENCRYPTED" in key_path.read_bytes()[:200]:
            raise Refused(_("Mot de passe incorrect pour la clé {file}.").format(
                file=key_path.name)) from None
        raise Refused(_("{file} ne contient pas de clé privée lisible (PEM attendu).").format(
            file=key_path.name)) from None
    return private, cert


def _check_pair(private, cert, shown: Path) -> None:
    from cryptography.hazmat.primitives import serialization

    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if private.public_key().public_bytes(*spki) != cert.public_key().public_bytes(*spki):
        raise Refused(_("La clé privée ne correspond pas au certificat {file} : indiquez la clé "
                        "qui va avec, ou recréez le certificat de la structure.").format(
                            file=shown.name))
    now = datetime.now(UTC)
    if now > cert.not_valid_after_utc:
        raise Refused(_("Le certificat {file} a expiré le {day} : créez-en un nouveau.").format(
            file=shown.name, day=day_month_year(cert.not_valid_after_utc.date())))
    if now < cert.not_valid_before_utc:
        raise Refused(_("Le certificat {file} n’est valable qu’à partir du {day} : vérifiez "
                        "l’horloge de cet ordinateur.").format(
                            file=shown.name, day=day_month_year(cert.not_valid_before_utc.date())))


def _simple_signer(private, cert):
    from pyhanko.keys.internal import (
        translate_pyca_cryptography_cert_to_asn1,
        translate_pyca_cryptography_key_to_asn1,
    )
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    return SimpleSigner(signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
                        signing_key=translate_pyca_cryptography_key_to_asn1(private),
                        cert_registry=SimpleCertificateStore())


def _parses(kind, data: bytes) -> bool:
    try:
        kind.load(data).native  # noqa: B018 -- asn1crypto parses lazily: .native forces it
    except Exception:
        return False
    return True


def _certificate_name(structure_name: str) -> str:
    # Tabs, line breaks and other control characters become spaces, then runs of spaces one.
    name = " ".join("".join(ch if ch.isprintable() else " " for ch in structure_name).split())
    if not name:
        raise Refused(_("Indiquez le nom de la structure : il figure dans le certificat."))
    return name[:_NAME_LIMIT]


def _describe(cert, key_path: Path, cert_path: Path) -> Certificate:
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    der = cert.public_bytes(serialization.Encoding.DER)
    return Certificate(key=key_path, cert=cert_path, subject=str(names[0].value) if names else "",
                       not_after=cert.not_valid_after_utc, fingerprint=hashlib.sha256(der).hexdigest())


def _french_now() -> str:
    now = datetime.now(zone(DEFAULT_ZONE))
    return _("{day} à {time}").format(day=day_month_year(now.date()), time=clock(now, " "))
