"""Charters that come back: signed with the structure's certificate or in a reader, or a scan of
the paper copy; recorded with their copy in `pieces`, and refused, changing nothing, when the
file is not a PDF, too big, altered, modified after signing, unsigned or unknown.

Everything is real: the charter PDF is rendered by exports.pdf.charter, signed by pyHanko
through exports.signature, checked by sync.charter_verify, read back by pypdf."""

import hashlib
import io
import os
from datetime import date
from pathlib import Path

import pypdf
import pytest

from comite.exports.pdf.charter import write_charter
from comite.exports.signature import make_certificate, sign_pdf
from comite.kernel.zones import DEFAULT_ZONE, zone
from comite.store import MembershipInput, PersonInput
from comite.store.charter_models import PERSON_FIELD, CharterStatus, Side, SignatureMethod
from comite.store.committee_models import CommitteeKind, Role, StructureKind
from comite.store.errors import Refused
from comite.sync.charter_catalog import load_catalog
from comite.sync.charter_returns import receive
from comite.sync.errors import InboxRefusal
from comite.sync.inbox import Inbox, Outcome
from tests.signing import append_annotation, flip_byte
from tests.sync.conftest import database_state, settle

STRUCTURE = "Maison de santé des Tilleuls"
SIGNATORY = "Dr Hélène Kervella"


def today() -> date:
    from datetime import datetime

    return datetime.now(zone(DEFAULT_ZONE)).date()


def scan_pdf(path: Path, text: str) -> Path:
    """What a scanner makes of the signed paper copy: a PDF comite never wrote."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawString(60, 760, text)
    canvas.save()
    return path


class Charters:
    """A store with one charter made and written as the app does it, and certificates."""

    def __init__(self, store, tmp_path: Path) -> None:
        self.store = store
        self.tmp = tmp_path
        self.pieces = tmp_path / "donnees" / "chartes" / "pieces"
        structure = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")
        committee = store.committees.create(structure.id, "Comité des usagers",
                                            CommitteeKind.USERS_COMMITTEE)
        self.person = store.people.create(PersonInput(last_name="Curie", first_name="Marie",
                                                      roles=[Role.PATIENT_PARTNER]))
        store.memberships.add(committee.id, self.person.id, MembershipInput())
        store.charters.sync_catalog(load_catalog(tmp_path / "aucun").templates)
        template = store.charters.suggested(self.person.id, committee.id)
        draft = store.charters.draft(self.person.id, committee.id, template.template_id,
                                     {"team_signatory": SIGNATORY}, today())
        self.pdf = write_charter(draft, tmp_path / "exports" / f"charte-{draft.uid}.pdf")
        self.charter = store.charters.record(draft, hashlib.sha256(self.pdf.read_bytes()).hexdigest())
        self.structure_cert = make_certificate(tmp_path / "certificat", STRUCTURE)
        self.person_cert = make_certificate(tmp_path / "certificat-marie", "Marie Curie")

    def signed_by_structure(self, name: str = "signee-structure.pdf") -> Path:
        return sign_pdf(self.pdf, self.tmp / name, certificate=self.structure_cert.cert,
                        key=self.structure_cert.key)

    def signed_by_both(self) -> Path:
        return sign_pdf(self.signed_by_structure(), self.tmp / "signee-deux.pdf",
                        certificate=self.person_cert.cert, key=self.person_cert.key,
                        field=PERSON_FIELD)

    def receive(self, path: Path, **options):
        options.setdefault("trusted", [self.structure_cert.cert])
        return receive(self.store, path, self.pieces, **options)

    def now(self):
        return self.store.charters.get(self.charter.id)

    def state(self) -> tuple:
        """What a refused file must leave unchanged: the database and the pieces folder."""
        return database_state(self.store), listing(self.tmp / "donnees")


def listing(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*")) if root.exists() else []


@pytest.fixture
def charters(store, tmp_path) -> Charters:
    return Charters(store, tmp_path)


def refused(charters: Charters, path: Path, **options) -> InboxRefusal:
    before = charters.state()
    with pytest.raises(InboxRefusal) as caught:
        charters.receive(path, **options)
    assert charters.state() == before, "a refused file changed something"
    assert "Traceback" not in caught.value.reason
    return caught.value


# ---- signed PDFs ----------------------------------------------------------------------------


def test_the_structures_own_signature_is_recorded_as_pades_and_the_file_kept(charters):
    signed = charters.signed_by_structure()
    receipt = charters.receive(signed)
    digest = hashlib.sha256(signed.read_bytes()).hexdigest()
    assert receipt.sides == (Side.STRUCTURE,)
    assert receipt.piece == charters.pieces / f"{charters.charter.uid}-structure-{digest[:8]}.pdf"
    assert receipt.piece.read_bytes() == signed.read_bytes()
    assert pypdf.PdfReader(io.BytesIO(receipt.piece.read_bytes())).metadata["/ComiteCharter"] == (
        charters.charter.uid)
    (signature,) = receipt.charter.signatures
    assert (signature.side, signature.method, signature.signer, signature.signed_on) == (
        Side.STRUCTURE, SignatureMethod.PADES, STRUCTURE, today())
    assert (signature.scan_path, signature.scan_sha256) == (str(receipt.piece), digest)
    assert receipt.charter.status is CharterStatus.TO_SIGN
    assert receipt.message.startswith(f"Charte {charters.charter.uid} de Marie Curie : signature "
                                      "enregistrée — Pour la structure : Maison de santé des Tilleuls")
    assert "signature électronique de la structure" in receipt.message


def test_both_sides_signed_make_the_charter_signed_the_persons_own_certificate_is_pdf(charters):
    receipt = charters.receive(charters.signed_by_both())
    assert receipt.sides == (Side.STRUCTURE, Side.PERSON)
    assert receipt.piece.name.startswith(f"{charters.charter.uid}-structure-personne-")
    person = receipt.charter.signature(Side.PERSON)
    assert (person.method, person.signer) == (SignatureMethod.PDF, "Marie Curie")
    assert charters.now().status is CharterStatus.SIGNED


def test_without_the_structures_certificate_trusted_its_signature_counts_as_a_pdf_one(charters):
    receipt = charters.receive(charters.signed_by_structure(), trusted=[])
    assert receipt.charter.signature(Side.STRUCTURE).method is SignatureMethod.PDF


def test_the_same_file_twice_records_the_same_and_keeps_one_copy(charters):
    signed = charters.signed_by_structure()
    first = charters.receive(signed)
    second = charters.receive(signed)
    assert second.charter.signatures == first.charter.signatures
    assert os.listdir(charters.pieces) == [first.piece.name]


def test_an_altered_file_is_refused_with_the_verdict(charters):
    signed = charters.signed_by_structure()
    data, original = signed.read_bytes(), len(charters.pdf.read_bytes())
    # A byte inside a stream of the file comite wrote: it is no longer there to match.
    offset = data.index(b"stream", original // 10) + 20
    assert offset < original
    in_the_text = flip_byte(signed, charters.tmp / "texte-altere.pdf", offset)
    refusal = refused(charters, in_the_text)
    assert refusal.reason.startswith("Impossible d’enregistrer ce PDF comme une charte signée :\n")
    assert "Verdict : altéré" in refusal.reason
    # A byte of the signature's own update (its stamp): the charter is recognised, its signature not.
    in_the_stamp = flip_byte(signed, charters.tmp / "tampon-altere.pdf", data.index(b"BT", original))
    refusal = refused(charters, in_the_stamp)
    assert refusal.reason.startswith(f"Impossible d’enregistrer la charte {charters.charter.uid} "
                                     "comme une charte signée :\n")
    assert "Verdict : altéré" in refusal.reason
    assert charters.now().signatures == ()


def test_a_file_changed_after_its_signature_is_refused_with_the_verdict(charters):
    changed = append_annotation(charters.signed_by_structure(), charters.tmp / "annotee.pdf")
    refusal = refused(charters, changed)
    assert refusal.reason.startswith(f"Impossible d’enregistrer la charte {charters.charter.uid} "
                                     "comme une charte signée :\n")
    assert "Verdict : modifié après signature" in refusal.reason
    assert refusal.advice.startswith("Redemandez le fichier signé d’origine")


def test_the_unsigned_charter_itself_is_refused(charters):
    refusal = refused(charters, charters.pdf)
    assert refusal.reason.startswith(f"Ce PDF est la charte {charters.charter.uid} telle que comite "
                                     "l’a produite : il ne porte aucune signature.")


def test_a_signed_charter_given_for_another_charter_is_refused(charters):
    refusal = refused(charters, charters.signed_by_structure(), charter_id=charters.charter.id + 1)
    assert f"Ce fichier est la charte {charters.charter.uid} de Marie Curie, pas celle choisie" in (
        refusal.reason)


# ---- scans of the paper copy ----------------------------------------------------------------


def test_a_scan_of_the_paper_copy_signed_by_both_records_both_names_from_the_charter(charters):
    scan = scan_pdf(charters.tmp / "scan.pdf", "Charte signée, scannée")
    receipt = charters.receive(scan, charter_id=charters.charter.id, signed_on=today())
    assert receipt.method is SignatureMethod.PAPER and receipt.sides == (Side.STRUCTURE, Side.PERSON)
    digest = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert receipt.piece.name == f"{charters.charter.uid}-structure-personne-{digest[:8]}.pdf"
    assert {(s.side, s.method, s.signer, s.scan_sha256) for s in receipt.charter.signatures} == {
        (Side.STRUCTURE, SignatureMethod.PAPER, SIGNATORY, digest),
        (Side.PERSON, SignatureMethod.PAPER, "Marie Curie", digest)}
    assert charters.now().status is CharterStatus.SIGNED


def test_a_scan_of_one_side_needs_its_signer(charters):
    scan = scan_pdf(charters.tmp / "scan.pdf", "Page signée par Marie")
    refusal = refused(charters, scan, charter_id=charters.charter.id, side=Side.PERSON,
                      signed_on=today())
    assert refusal.reason.startswith("Indiquez qui a signé (la personne engagée)")
    receipt = charters.receive(scan, charter_id=charters.charter.id, side=Side.PERSON,
                               signer="Marie Curie", signed_on=today())
    assert receipt.piece.name.startswith(f"{charters.charter.uid}-personne-")
    assert [s.side for s in receipt.charter.signatures] == [Side.PERSON]


def test_a_scan_needs_its_charter_and_its_date(charters):
    scan = scan_pdf(charters.tmp / "scan.pdf", "Page signée")
    unknown = refused(charters, scan)
    assert unknown.reason.startswith("Ce PDF n’est aucune des chartes produites par comite")
    assert "écran Chartes" in unknown.advice
    undated = refused(charters, scan, charter_id=charters.charter.id)
    assert undated.reason.startswith("Indiquez la date à laquelle l’exemplaire papier a été signé")
    ambiguous = refused(charters, scan, charter_id=charters.charter.id, signer="Marie Curie",
                        signed_on=today())
    assert "précisez le côté" in ambiguous.reason
    gone = refused(charters, scan, charter_id=charters.charter.id + 99, signed_on=today())
    assert gone.reason.startswith("Cette charte n’existe plus")


def test_a_scan_dated_before_the_charter_was_made_is_refused_and_its_copy_taken_back(charters):
    scan = scan_pdf(charters.tmp / "scan.pdf", "Page signée")
    refusal = refused(charters, scan, charter_id=charters.charter.id, signed_on=date(2020, 1, 1))
    assert "ne peut pas avoir été signée avant" in refusal.reason
    assert listing(charters.pieces) == []


# ---- files that are not charters ------------------------------------------------------------


def test_a_file_that_is_not_a_pdf_is_refused(charters):
    text = charters.tmp / "charte.pdf"
    text.write_text("Charte signée par Marie Curie le 3 mars", encoding="utf-8")
    refusal = refused(charters, text, charter_id=charters.charter.id, signed_on=today())
    assert refusal.reason == "charte.pdf n’est pas un PDF : rien n’a été enregistré."


def test_a_pdf_magic_later_in_the_file_is_not_enough(charters):
    sneaky = charters.tmp / "piege.pdf"
    sneaky.write_bytes(b"MZ\x90\x00" + charters.pdf.read_bytes())
    assert "n’est pas un PDF" in refused(charters, sneaky, charter_id=charters.charter.id,
                                         signed_on=today()).reason


def test_a_file_over_20_megabytes_is_refused_unread(charters):
    big = charters.tmp / "enorme.pdf"
    with open(big, "wb") as handle:  # sparse: 21 MB on paper, nothing on disk
        handle.write(b"%PDF-1.7\n")
        handle.truncate(21 * 1024 * 1024)
    refusal = refused(charters, big, charter_id=charters.charter.id, signed_on=today())
    assert refusal.reason == ("enorme.pdf est trop gros pour une charte (21 Mo, limite 20 Mo) : il "
                              "n’a pas été lu.")


def test_a_damaged_pdf_is_refused_as_unreadable(charters):
    damaged = charters.tmp / "abime.pdf"
    damaged.write_bytes(charters.pdf.read_bytes()[:2000])
    refusal = refused(charters, damaged, charter_id=charters.charter.id, signed_on=today())
    assert "n’est pas un PDF lisible" in refusal.reason


def test_an_unreadable_trusted_certificate_is_a_refusal_not_a_crash(charters):
    bad = charters.tmp / "faux-certificat.pem"
    bad.write_text("pas un certificat", encoding="utf-8")
    with pytest.raises(Refused, match="certificat de confiance"):
        charters.receive(charters.signed_by_structure(), trusted=[bad])
    assert charters.now().signatures == ()


# ---- through the inbox ----------------------------------------------------------------------


@pytest.fixture
def charter_inbox(charters, inbox_dir) -> Inbox:
    return Inbox(inbox_dir, charters.store, charter_pieces=charters.pieces,
                 trusted=[charters.structure_cert.cert, charters.tmp / "absent.pem"])


def test_a_signed_charter_dropped_in_the_inbox_is_recorded_and_filed(charters, charter_inbox, inbox_dir):
    signed = charters.signed_by_both()
    (inbox_dir / "Charte signée.pdf").write_bytes(signed.read_bytes())
    (result,) = settle(charter_inbox)
    assert result.outcome is Outcome.PROCESSED
    assert result.reason.startswith(f"Charte {charters.charter.uid} de Marie Curie : signature enregistrée")
    assert (inbox_dir / "processed" / "Charte signée.pdf").read_bytes() == signed.read_bytes()
    assert charters.now().status is CharterStatus.SIGNED
    assert charters.now().signature(Side.STRUCTURE).method is SignatureMethod.PADES
    (piece,) = charters.pieces.iterdir()
    assert piece.read_bytes() == signed.read_bytes()


def test_an_unknown_pdf_in_the_inbox_is_set_aside_with_what_to_do(charters, charter_inbox, inbox_dir):
    scan = scan_pdf(charters.tmp / "scan.pdf", "Page signée")
    (inbox_dir / "scan.pdf").write_bytes(scan.read_bytes())
    before = charters.state()
    (result,) = settle(charter_inbox)
    assert result.outcome is Outcome.QUARANTINED
    why = (inbox_dir / "quarantine" / "scan.pdf.why.txt").read_text(encoding="utf-8")
    assert "Pourquoi : Ce PDF n’est aucune des chartes produites par comite" in why
    assert "Que faire : Si c’est bien une charte signée, joignez-la depuis l’écran Chartes" in why
    assert (inbox_dir / "quarantine" / "scan.pdf").read_bytes() == scan.read_bytes()
    assert charters.state() == before


def test_an_altered_charter_in_the_inbox_is_set_aside_with_the_verdict(charters, charter_inbox, inbox_dir):
    changed = append_annotation(charters.signed_by_structure(), charters.tmp / "annotee.pdf")
    (inbox_dir / "annotee.pdf").write_bytes(changed.read_bytes())
    (result,) = settle(charter_inbox)
    assert result.outcome is Outcome.QUARANTINED
    why = (inbox_dir / "quarantine" / "annotee.pdf.why.txt").read_text(encoding="utf-8")
    assert "Verdict : modifié après signature" in why
    assert charters.now().signatures == () and listing(charters.pieces) == []


def test_an_inbox_without_a_pieces_folder_leaves_pdfs_unread(charters, inbox_dir):
    (inbox_dir / "signee.pdf").write_bytes(charters.signed_by_structure().read_bytes())
    (result,) = settle(Inbox(inbox_dir, charters.store))
    assert result.outcome is Outcome.QUARANTINED
    assert result.reason.startswith("Type de fichier non pris en charge")
    assert charters.now().signatures == ()


def test_a_pdf_over_20_megabytes_in_the_inbox_is_set_aside_unread(charters, charter_inbox, inbox_dir):
    with open(inbox_dir / "enorme.pdf", "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    (result,) = settle(charter_inbox)
    assert result.outcome is Outcome.QUARANTINED
    assert result.reason == "Fichier trop gros (21 Mo, limite 20 Mo) : il n’a pas été lu."
