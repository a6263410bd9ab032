"""Checking a signed charter offline: valid, altered (a flipped byte), modified (a change
appended after signing), not signed, unreadable — on a real charter signed by real pyHanko."""

import hashlib
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from comite.exports.signature import sign_pdf
from comite.store.charter_models import PERSON_FIELD, STRUCTURE_FIELD
from comite.store.errors import Refused
from comite.sync.charter_verify import verify_pdf
from tests.signing import (
    STRUCTURE_NAME,
    append_annotation,
    append_info_change,
    append_page_text,
    byte_range,
    certificate,
    charter_pdf,
    flip_byte,
)

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "signature"
PERSON_NAME = "Zoé Dupont & <b>Fils</b> {{7*7}}"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """The unsigned charter, signed by the structure, then by the person too; and both certificates."""
    folder = tmp_path_factory.mktemp("verify")
    unsigned = folder / "charte.pdf"
    unsigned.write_bytes(charter_pdf(folder))
    structure = certificate(folder / "structure")
    person = certificate(folder / "personne", PERSON_NAME)
    one = sign_pdf(unsigned, folder / "structure.pdf", certificate=structure.cert, key=structure.key)
    both = sign_pdf(one, folder / "les-deux.pdf", certificate=person.cert, key=person.key,
                    field=PERSON_FIELD)
    return {"unsigned": unsigned, "one": one, "both": both, "structure_cert": structure.cert,
            "person_cert": person.cert}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_unsigned_charter_is_not_signed(files):
    verdict = verify_pdf(files["unsigned"])
    assert verdict.state == "not_signed" and not verdict.ok
    assert verdict.signatures == ()
    assert set(verdict.empty_fields) == {STRUCTURE_FIELD, PERSON_FIELD}
    assert verdict.revision_sha256 == (sha256(files["unsigned"]),)
    assert verdict.message.splitlines() == [
        "Champ de signature encore vide : côté structure, côté personne.",
        "Verdict : non signé. Ce PDF ne porte aucune signature électronique."]


def test_a_charter_signed_by_the_structure_is_valid(files):
    verdict = verify_pdf(files["one"])
    assert verdict.state == "valid" and verdict.ok
    # The first revision is, byte for byte, the PDF comite wrote: how a returned file is recognised.
    assert verdict.revision_sha256 == (sha256(files["unsigned"]), sha256(files["one"]))
    (signature,) = verdict.signatures
    assert (signature.field, signature.signer) == (STRUCTURE_FIELD, STRUCTURE_NAME)
    assert signature.intact and signature.covers_whole_file and not signature.changed_after
    assert signature.revision == 1
    assert datetime.now(UTC) - signature.signed_at < timedelta(minutes=10)
    assert not signature.trusted  # this machine was told to trust nothing
    lines = verdict.message.splitlines()
    assert re.fullmatch(r"Signature côté structure : MSP des Tilleuls, le \d{1,2}(er)? \w+ 20\d\d à "
                        r"\d\d h \d\d — intacte\.", lines[0])
    assert lines[1].startswith("Le certificat de « MSP des Tilleuls » n’est pas reconnu par cet ordinateur")
    assert lines[-2:] == ["Champ de signature encore vide : côté personne.",
                          "Verdict : valide. Le document n’a pas changé depuis qu’il a été signé."]


def test_the_structure_certificate_is_recognised_when_trusted(files):
    verdict = verify_pdf(files["one"], trusted=[files["structure_cert"]])
    assert verdict.ok and verdict.signatures[0].trusted
    assert "pas reconnu" not in verdict.message


def test_both_sides_signed_is_valid_with_two_signatures(files):
    verdict = verify_pdf(files["both"], trusted=[files["structure_cert"]])
    assert verdict.state == "valid" and verdict.empty_fields == ()
    structure, person = verdict.signatures
    assert (structure.field, person.field) == (STRUCTURE_FIELD, PERSON_FIELD)
    assert person.signer == PERSON_NAME  # printed as typed
    assert structure.intact and person.intact
    assert not structure.covers_whole_file and person.covers_whole_file  # the person signed after
    assert not structure.changed_after  # a signature in the other field is no change
    assert (structure.trusted, person.trusted) == (True, False)
    assert verdict.revision_sha256[0] == sha256(files["unsigned"])
    assert verdict.revision_sha256[1:] == (sha256(files["one"]), sha256(files["both"]))
    assert "Signature côté personne : Zoé Dupont & <b>Fils</b> {{7*7}}, le" in verdict.message


def _offsets(path: Path) -> dict[str, int]:
    data = path.read_bytes()
    _start, length1, start2, length2 = byte_range(data, nth=-1)
    return {
        "dans l’en-tête %PDF": 2,
        "au milieu du texte de la charte": length1 // 3,
        "dans la fin de la première révision": data.index(b"%%EOF") + 2,
        "dans le /ByteRange lui-même": data.index(b"/ByteRange", length1) + 3,
        "dans la valeur de la signature": length1 + 1 + 2 * _signature_value_at(data, length1, start2),
        "à la fin du fichier": start2 + length2 - 3,
    }


def _signature_value_at(data: bytes, length1: int, start2: int) -> int:
    """Index, in the CMS's DER, of the middle of the signer's signature value (the hole between
    the two signed ranges holds that DER in hex, between < and >)."""
    from asn1crypto import cms

    der = bytes.fromhex(data[length1 + 1:start2 - 1].decode("ascii"))
    value = cms.ContentInfo.load(der)["content"]["signer_infos"][0]["signature"].native
    return der.index(value) + len(value) // 2


@pytest.mark.parametrize("where", ["dans l’en-tête %PDF", "au milieu du texte de la charte",
                                   "dans la fin de la première révision", "dans le /ByteRange lui-même",
                                   "dans la valeur de la signature", "à la fin du fichier"])
@pytest.mark.parametrize("which", ["one", "both"])
def test_one_flipped_byte_is_reported_as_altered(files, which: str, where: str, tmp_path: Path):
    source = files[which]
    flipped = flip_byte(source, tmp_path / "abimee.pdf", _offsets(source)[where])
    verdict = verify_pdf(flipped)
    assert verdict.state == "altered" and not verdict.ok, verdict.message
    assert verdict.message.splitlines()[-1].startswith("Verdict : altéré.")


def test_no_flipped_byte_of_a_signed_range_passes(files, tmp_path: Path):
    """Bytes spread over everything both signatures cover: each flip is caught as altered."""
    data = files["both"].read_bytes()
    _start, length1, start2, length2 = byte_range(data, nth=-1)
    covered = [*range(0, length1), *range(start2, start2 + length2)]
    step = len(covered) // 40
    for offset in covered[::step]:
        verdict = verify_pdf(flip_byte(files["both"], tmp_path / "abimee.pdf", offset))
        assert verdict.state == "altered", (offset, verdict.message)


@pytest.mark.parametrize("change", [append_annotation, append_page_text])
def test_a_change_appended_after_signing_is_reported_as_modified(files, change, tmp_path: Path):
    changed = change(files["both"], tmp_path / "modifiee.pdf")
    verdict = verify_pdf(changed)
    assert verdict.state == "modified" and not verdict.ok
    assert all(s.intact and s.changed_after for s in verdict.signatures)
    assert "Après la signature côté structure, le fichier a été modifié" in verdict.message
    assert verdict.message.splitlines()[-1].startswith("Verdict : modifié après signature.")
    # Still, the signed versions are the same: the store can find the charter they came from.
    assert verdict.revision_sha256[:3] == verify_pdf(files["both"]).revision_sha256


def test_a_changed_document_information_is_a_modification(files, tmp_path: Path):
    changed = append_info_change(files["one"], tmp_path / "titre.pdf", Title="Charte annulée")
    assert verify_pdf(changed).state == "modified"


def test_a_new_modification_date_alone_is_no_modification(files, tmp_path: Path):
    # Signing tools rewrite /ModDate and /Producer when they sign: that is not a change of content.
    changed = append_info_change(files["one"], tmp_path / "date.pdf", ModDate="D:20300101000000Z",
                                 Producer="Un lecteur PDF")
    assert verify_pdf(changed).state == "valid"


def test_bytes_appended_after_the_last_revision_are_a_modification(files, tmp_path: Path):
    appended = tmp_path / "rallongee.pdf"
    appended.write_bytes(files["both"].read_bytes() + b"% ajout\n1 0 obj\n(rien)\nendobj\n")
    verdict = verify_pdf(appended)
    assert verdict.state == "modified"
    assert "ajoutées à la fin du fichier" in verdict.message


def test_a_truncated_signed_file_is_unreadable(files, tmp_path: Path):
    data = files["one"].read_bytes()
    truncated = tmp_path / "tronquee.pdf"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    verdict = verify_pdf(truncated)
    assert verdict.state == "unreadable" and not verdict.ok
    assert verdict.message.splitlines() == [
        "tronquee.pdf n’est pas un PDF lisible (fichier endommagé ou incomplet).",
        "Verdict : illisible. Ce fichier ne peut pas être vérifié."]


@pytest.mark.parametrize(("name", "why"), [("not-a-pdf.pdf", "n’est pas un PDF."),
                                           ("truncated.pdf", "n’est pas un PDF lisible")])
def test_hostile_files_are_unreadable(name: str, why: str):
    verdict = verify_pdf(HOSTILE / name)
    assert verdict.state == "unreadable" and why in verdict.message


def test_a_huge_or_missing_file_is_unreadable(tmp_path: Path):
    huge = tmp_path / "enorme.pdf"
    with open(huge, "wb") as stream:
        stream.write(b"%PDF-1.7\n")
        stream.truncate(20 * 1024 * 1024 + 1)
    assert "trop gros" in verify_pdf(huge).message
    missing = verify_pdf(tmp_path / "absente.pdf")
    assert missing.state == "unreadable" and "Fichier introuvable" in missing.message


def test_an_unreadable_trusted_certificate_is_refused(files, tmp_path: Path):
    fake = tmp_path / "certificat.pem"
    fake.write_text("-----BEGIN CERTIFICATE-----\nbm9u\n-----END CERTIFICATE-----\n")
    with pytest.raises(Refused, match=r"certificat de confiance .*certificat\.pem ne peut pas être lu"):
        verify_pdf(files["one"], trusted=[tmp_path / "certificat.pem"])
    with pytest.raises(Refused, match="ne peut pas être lu"):
        verify_pdf(files["one"], trusted=[tmp_path / "absent.pem"])


async def test_verifying_works_inside_a_running_event_loop(files):
    # Textual runs one: pyHanko's asyncio.run must not collide with it.
    assert verify_pdf(files["both"]).ok
