"""The structure's certificate and PAdES signing of a real charter, read back by pypdf,
asn1crypto and pdfium; every refusal is a clear French sentence and writes nothing."""

import hashlib
import io
import os
import re
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pypdf
import pypdfium2
import pytest

from comite.exports.signature import CERT_NAME, KEY_NAME, make_certificate, read_certificate, sign_pdf
from comite.store.charter_models import PERSON_FIELD, STRUCTURE_FIELD
from comite.store.errors import Refused
from tests.signing import STRUCTURE_NAME, byte_range, certificate, charter_pdf, pkcs12

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "signature"


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> bytes:
    return charter_pdf(tmp_path_factory.mktemp("charter"))


@pytest.fixture
def charter(original: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "charte.pdf"
    path.write_bytes(original)
    return path


@pytest.fixture
def structure(tmp_path: Path):
    return certificate(tmp_path / "certificat")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---- the structure's certificate --------------------------------------------------------------


def test_certificate_folder_and_key_are_private_and_the_certificate_readable(tmp_path: Path):
    folder = tmp_path / "donnees" / "certificat"
    made = make_certificate(folder, STRUCTURE_NAME)
    # Tests run as root, who can read anything: the mode bits are what protects the key.
    assert mode(folder) == 0o700
    assert (made.key, made.cert) == (folder / KEY_NAME, folder / CERT_NAME)
    assert mode(made.key) == 0o600
    assert mode(made.cert) == 0o644
    assert sorted(p.name for p in folder.iterdir()) == sorted([KEY_NAME, CERT_NAME])  # no temp left


def test_an_existing_open_folder_is_made_private(tmp_path: Path):
    folder = tmp_path / "certificat"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    old_umask = os.umask(0)
    try:
        made = make_certificate(folder, STRUCTURE_NAME)
    finally:
        os.umask(old_umask)
    assert mode(folder) == 0o700
    assert mode(made.key) == 0o600


def test_certificate_names_the_structure_and_is_fit_for_signing(tmp_path: Path):
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    made = make_certificate(tmp_path / "certificat", "  Maison de santé\tdes Tilleuls  ")
    cert = x509.load_pem_x509_certificate(made.cert.read_bytes())
    assert cert.subject == cert.issuer  # self-signed
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Maison de santé des Tilleuls"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == made.subject
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    purposes = set(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
    assert {ExtendedKeyUsageOID.EMAIL_PROTECTION, x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")} <= purposes
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert timedelta(days=3 * 365) <= lifetime <= timedelta(days=3 * 365 + 2)
    assert cert.not_valid_before_utc <= datetime.now(UTC) < cert.not_valid_after_utc
    assert made.not_after == cert.not_valid_after_utc
    assert isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
    assert cert.public_key().curve.name == "secp256r1"
    key_pem = made.key.read_bytes()
    assert key_pem.startswith(b"-----BEGIN PRIVATE KEY-----")  # PKCS#8, not encrypted: see docstring
    assert read_certificate(made.cert.parent) == made


def test_an_existing_certificate_is_kept_unless_replacing_is_asked(tmp_path: Path):
    folder = tmp_path / "certificat"
    first = make_certificate(folder, STRUCTURE_NAME)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(Refused, match="Un certificat existe déjà"):
        make_certificate(folder, "Autre structure")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    second = make_certificate(folder, "Autre structure", replace=True)
    assert second.fingerprint != first.fingerprint and second.subject == "Autre structure"
    assert (mode(folder), mode(second.key), mode(second.cert)) == (0o700, 0o600, 0o644)


def test_a_structure_name_is_needed(tmp_path: Path):
    with pytest.raises(Refused, match="nom de la structure"):
        make_certificate(tmp_path / "certificat", " \t\n")
    assert not (tmp_path / "certificat").exists()


# ---- signing ----------------------------------------------------------------------------------


def test_signing_keeps_the_charter_as_first_revision_and_fills_the_structure_field(
        charter: Path, original: bytes, structure, tmp_path: Path):
    from asn1crypto import cms

    out = sign_pdf(charter, tmp_path / "signee.pdf", certificate=structure.cert, key=structure.key,
                   signer_name="Dr Hélène Kervella")
    signed = out.read_bytes()
    assert charter.read_bytes() == original  # the source is never touched
    assert signed.startswith(original) and len(signed) > len(original)
    fields = pypdf.PdfReader(io.BytesIO(signed)).get_fields()
    assert fields[PERSON_FIELD].get("/V") is None
    value = fields[STRUCTURE_FIELD]["/V"].get_object()
    assert value["/SubFilter"] == "/ETSI.CAdES.detached"
    assert value["/Name"] == "Dr Hélène Kervella"
    start1, length1, start2, length2 = byte_range(signed)
    assert start1 == 0 and start2 + length2 == len(signed)  # covers all of the file but itself
    content = cms.ContentInfo.load(bytes(value["/Contents"]))["content"]
    signer = content["signer_infos"][0]
    assert signer["digest_algorithm"]["algorithm"].native == "sha256"
    digest = next(a["values"][0].native for a in signer["signed_attrs"]
                  if a["type"].native == "message_digest")
    assert digest == hashlib.sha256(signed[:length1] + signed[start2:start2 + length2]).digest()
    attributes = {a["type"].native for a in signer["signed_attrs"]}
    assert "signing_certificate_v2" in attributes  # PAdES baseline B binds the certificate


def test_the_signature_shows_in_its_box_in_french(charter: Path, structure, tmp_path: Path):
    out = sign_pdf(charter, tmp_path / "signee.pdf", certificate=structure.cert, key=structure.key)
    lines = _shown_strings(_widget(out, STRUCTURE_FIELD)["/AP"]["/N"].get_object().get_data())
    assert lines[:2] == ["Signé électroniquement par", STRUCTURE_NAME]
    assert re.fullmatch(r"le \d{1,2}(er)? [a-zéû]+ 20\d\d à \d\d h \d\d", lines[2])
    # Rendered by pdfium with its forms: the box that was blank now holds ink.
    assert _ink_in_field(out, STRUCTURE_FIELD) > 10 * _ink_in_field(charter, STRUCTURE_FIELD) + 50


def _shown_strings(content: bytes) -> list[str]:
    """The literal strings a content stream shows with Tj, unescaped (WinAnsi text)."""
    found = re.findall(rb"\(((?:[^()\\]|\\.)*)\) Tj", content)
    unescape = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"(": b"(", b")": b")", b"\\": b"\\"}

    def plain(text: bytes) -> str:
        def one(match: re.Match) -> bytes:
            code = match.group(1)
            return bytes([int(code, 8)]) if code[:1].isdigit() else unescape.get(code, code)
        return re.sub(rb"\\([0-7]{1,3}|.)", one, text).decode("cp1252")

    return [plain(text) for text in found]


def _widget(pdf: Path, name: str):
    """The field's widget annotation, found on the last page (the signature block's)."""
    page = pypdf.PdfReader(pdf).pages[-1]
    return next(a.get_object() for a in page["/Annots"] if a.get_object().get("/T") == name)


def _ink_in_field(pdf: Path, name: str) -> int:
    rect = [float(v) for v in _widget(pdf, name)["/Rect"]]
    page_index = len(pypdf.PdfReader(pdf).pages) - 1
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        document.init_forms()
        page = document[page_index]
        scale = 2
        image = page.render(scale=scale, may_draw_forms=True).to_pil().convert("L")
        height = page.get_height()
        box = (int(rect[0] * scale) + 4, int((height - rect[3]) * scale) + 4,
               int(rect[2] * scale) - 4, int((height - rect[1]) * scale) - 4)
        return sum(image.crop(box).histogram()[:128])  # pixels darker than mid-grey
    finally:
        document.close()


def test_both_sides_sign_one_after_the_other(charter: Path, original: bytes, structure, tmp_path: Path):
    person = certificate(tmp_path / "personne", "Zoé Dupont")
    first = sign_pdf(charter, tmp_path / "1.pdf", certificate=structure.cert, key=structure.key)
    both = sign_pdf(first, tmp_path / "2.pdf", certificate=person.cert.parent, field=PERSON_FIELD)
    data = both.read_bytes()
    assert data.startswith(first.read_bytes()) and data.startswith(original)
    fields = pypdf.PdfReader(both).get_fields()
    assert fields[STRUCTURE_FIELD]["/V"] is not None and fields[PERSON_FIELD]["/V"] is not None


def test_a_pkcs12_file_signs_with_its_passphrase(charter: Path, structure, tmp_path: Path):
    p12 = pkcs12(structure, tmp_path / "structure.p12", b"s3cret-\xc3\xa9")
    out = sign_pdf(charter, tmp_path / "signee.pdf", certificate=p12, passphrase=b"s3cret-\xc3\xa9")
    assert pypdf.PdfReader(out).get_fields()[STRUCTURE_FIELD]["/V"] is not None


async def test_signing_works_inside_a_running_event_loop(charter: Path, structure, tmp_path: Path):
    # Textual runs one: pyHanko's asyncio.run must not collide with it.
    out = sign_pdf(charter, tmp_path / "signee.pdf", certificate=structure.cert, key=structure.key)
    assert out.read_bytes().startswith(charter.read_bytes())


# ---- refusals: a clear sentence, nothing written ----------------------------------------------


def _refused(match: str, source: Path, out: Path, **options) -> Refused:
    before = {p: p.read_bytes() for p in source.parent.rglob("*") if p.is_file()}
    with pytest.raises(Refused, match=match) as caught:
        sign_pdf(source, out, **options)
    assert not out.exists()
    after = {p: p.read_bytes() for p in source.parent.rglob("*") if p.is_file()}
    assert after == before  # nothing written, nothing changed
    assert "Traceback" not in caught.value.message
    return caught.value


def test_the_signed_file_must_be_another_file(charter: Path, structure):
    with pytest.raises(Refused, match="autre nom que l’original"):
        sign_pdf(charter, charter.parent / "." / charter.name, certificate=structure.cert, key=structure.key)
    assert pypdf.PdfReader(charter).get_fields()[STRUCTURE_FIELD].get("/V") is None


def test_a_missing_source_is_named(structure, tmp_path: Path):
    _refused("Fichier introuvable", tmp_path / "absente.pdf", tmp_path / "out.pdf",
             certificate=structure.cert, key=structure.key)


@pytest.mark.parametrize("name", ["not-a-pdf.pdf", "truncated.pdf"])
def test_hostile_files_are_refused_as_not_a_pdf(name: str, structure, tmp_path: Path):
    source = tmp_path / "entree" / name
    source.parent.mkdir()
    source.write_bytes((HOSTILE / name).read_bytes())
    _refused("n’est pas un PDF lisible", source, tmp_path / "out.pdf",
             certificate=structure.cert, key=structure.key)


def test_a_huge_file_is_refused_before_being_read(structure, tmp_path: Path):
    source = tmp_path / "entree" / "enorme.pdf"
    source.parent.mkdir()
    with open(source, "wb") as stream:  # sparse: 20 MB + 1 byte without writing them
        stream.write(b"%PDF-1.7\n")
        stream.truncate(20 * 1024 * 1024 + 1)
    _refused("trop gros", source, tmp_path / "out.pdf", certificate=structure.cert, key=structure.key)


def test_a_missing_field_is_named(charter: Path, structure, tmp_path: Path):
    _refused("pas de champ de signature « signature_temoin »", charter, tmp_path / "out.pdf",
             certificate=structure.cert, key=structure.key, field="signature_temoin")


def test_a_signed_field_is_not_signed_again(charter: Path, structure, tmp_path: Path):
    signed = sign_pdf(charter, tmp_path / "signee" / "1.pdf", certificate=structure.cert, key=structure.key)
    _refused("déjà signé", signed, tmp_path / "out.pdf", certificate=structure.cert, key=structure.key)


def test_a_wrong_or_missing_passphrase_is_said(charter: Path, structure, tmp_path: Path):
    p12 = pkcs12(structure, tmp_path / "structure.p12", b"bon mot de passe")
    _refused("Mot de passe incorrect pour structure.p12", charter, tmp_path / "out.pdf",
             certificate=p12, passphrase=b"mauvais")
    _refused("structure.p12 est protégé par un mot de passe : indiquez-le", charter,
             tmp_path / "out.pdf", certificate=p12)


def test_a_key_that_does_not_match_the_certificate_is_refused(charter: Path, structure, tmp_path: Path):
    other = certificate(tmp_path / "autre", "Autre structure")
    _refused("La clé privée ne correspond pas au certificat", charter, tmp_path / "out.pdf",
             certificate=structure.cert, key=other.key)


def test_a_file_that_is_no_certificate_is_refused(charter: Path, structure, tmp_path: Path):
    fake = tmp_path / "faux.p12"
    fake.write_bytes((HOSTILE / "not-a-certificate.p12").read_bytes())
    _refused("faux.p12 n’est pas un fichier de certificat PKCS#12", charter, tmp_path / "out.pdf",
             certificate=fake, passphrase=b"x")
    _refused("n’est pas un certificat lisible", charter, tmp_path / "out.pdf",
             certificate=structure.key, key=structure.key)  # a key where the certificate goes


def test_no_certificate_means_create_one_first(charter: Path, tmp_path: Path):
    _refused("Indiquez le certificat", charter, tmp_path / "out.pdf")
    _refused("Créez d’abord le certificat", charter, tmp_path / "out.pdf", certificate=tmp_path / "vide")
    (tmp_path / "vide").mkdir()
    _refused("Créez d’abord le certificat", charter, tmp_path / "out.pdf", certificate=tmp_path / "vide")


def test_an_encrypted_key_asks_for_its_passphrase(charter: Path, structure, tmp_path: Path):
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(structure.key.read_bytes(), None)
    locked = tmp_path / "cle.pem"
    locked.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                         serialization.BestAvailableEncryption(b"secret")))
    _refused("La clé cle.pem est protégée par un mot de passe", charter, tmp_path / "out.pdf",
             certificate=structure.cert, key=locked)
    _refused("Mot de passe incorrect pour la clé cle.pem", charter, tmp_path / "out.pdf",
             certificate=structure.cert, key=locked, passphrase=b"faux")
    out = sign_pdf(charter, tmp_path / "out.pdf", certificate=structure.cert, key=locked,
                   passphrase=b"secret")
    assert out.exists()


def test_a_folder_that_cannot_be_made_is_said(tmp_path: Path, charter: Path, structure):
    blocker = tmp_path / "fichier"
    blocker.write_text("un fichier, pas un dossier")
    with pytest.raises(Refused, match="Impossible d’écrire le certificat"):
        make_certificate(blocker / "certificat", STRUCTURE_NAME)
    with pytest.raises(Refused, match=r"Impossible d’écrire .*signee\.pdf"):
        sign_pdf(charter, blocker / "signee.pdf", certificate=structure.cert, key=structure.key)
    assert blocker.read_text() == "un fichier, pas un dossier"
