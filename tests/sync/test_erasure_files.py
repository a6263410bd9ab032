"""The file sweep after an erasure, on real folders: what was the person's is removed, whatever
way their name is written in it (plain, folded, quoted-printable, base64, RFC 2047); shared
PDFs that name them are listed, not removed; in the outbox only her own invitations go (another
person's invitation that names her is listed, to export again); a file that will not go is
listed and the sweep goes on; nothing else is touched, links are not followed.

The pattern is the store's own, from a real erasure; the file names and references around it
are set by each test."""

import base64
import os
import quopri
import subprocess
import unittest.mock
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from email.header import Header
from pathlib import Path

import pytest

from comite.store import PersonInput, open_store
from comite.store.privacy_models import Erasure
from comite.sync.erasure_files import Folders, sweep

NAME = "Anaïs Quenardel"
EMAIL = "anais.quenardel@example.org"
UID = "CH-7Q4M2K9X"


@pytest.fixture(scope="module")
def erasure(tmp_path_factory) -> Erasure:
    """A real erasure's pattern; a namesake (Paul Quenardel) makes the last name alone no mention."""
    store = open_store(tmp_path_factory.mktemp("effacement") / "comite.sqlite")
    try:
        store.people.create(PersonInput(last_name="Quenardel", first_name="Paul"))
        person = store.people.create(PersonInput(last_name="Quenardel", first_name="Anaïs",
                                                 email=EMAIL, phone="06 11 22 33 44"))
        return store.privacy.erase(person.id)
    finally:
        store.close()


@pytest.fixture
def folders(tmp_path) -> Folders:
    made = Folders(inbox=tmp_path / "boite-de-reception", outbox=tmp_path / "boite-d-envoi",
                   exports=tmp_path / "exports", kept=(tmp_path / "chartes" / "pieces",))
    for folder in (made.inbox, made.outbox, made.exports, *made.kept):
        folder.mkdir(parents=True)
    return made


@contextmanager
def undeletable(path: Path) -> Iterator[None]:
    """The system refuses to remove `path`: its folder read-only for a user; for root (who
    ignores that), the file made immutable. Undone after, so the test's folder can go."""
    if os.geteuid() != 0:
        path.parent.chmod(0o555)
        try:
            yield
        finally:
            path.parent.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        # No immutable attribute on this file system (some containers): the system's refusal
        # is then played for this one path, so the test still runs everywhere.
        real = Path.unlink

        def refuse(self: Path, missing_ok: bool = False) -> None:
            if self == path:
                raise PermissionError(1, "Operation not permitted", str(self))
            real(self, missing_ok=missing_ok)

        with unittest.mock.patch.object(Path, "unlink", refuse):
            yield
        return
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def pdf(path: Path, *lines: str, title: str = "Compte rendu") -> Path:
    from reportlab.platypus import Paragraph

    from comite.exports.pdf.document import DocumentInfo, markup, styles, write_pdf

    return write_pdf(path, [Paragraph(markup(line), styles().body) for line in lines],
                     DocumentInfo(title=title, author="Coordination"))


def mail(*, subject: str = "Réponse", body: str = "Bonjour", encoding: str = "8bit",
         attachment: bytes = b"", sender: str = "Quelqu’un <x@example.org>") -> bytes:
    """A message written the way mail clients write them, encodings chosen by the test."""
    if encoding == "quoted-printable":
        text = quopri.encodestring(body.encode("utf-8")).decode("ascii")
    elif encoding == "base64":
        text = base64.encodebytes(body.encode("utf-8")).decode("ascii")
    else:
        text = body
    parts = [f"From: {sender}", f"Subject: {subject}", "MIME-Version: 1.0",
             'Content-Type: multipart/mixed; boundary="b"', "", "--b",
             'Content-Type: text/plain; charset="utf-8"', f"Content-Transfer-Encoding: {encoding}",
             "", text, "--b"]
    if attachment:
        parts += ['Content-Type: text/calendar; charset="utf-8"; method=REPLY',
                  "Content-Transfer-Encoding: base64", "",
                  base64.encodebytes(attachment).decode("ascii"), "--b"]
    parts[-1] = "--b--"
    return "\r\n".join(parts).encode("utf-8")


def test_text_files_naming_her_are_removed_however_the_name_is_written(erasure, folders):
    inbox, outbox = folders.inbox, folders.outbox
    calendar = f"BEGIN:VCALENDAR\r\nATTENDEE;CN={NAME}:mailto:{EMAIL}\r\nEND:VCALENDAR\r\n".encode()
    long_line = f"ATTENDEE;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT;CN={NAME}:mailto:x@example.org"
    folded = long_line[:60] + "\r\n " + long_line[60:]
    assert NAME not in folded, "the fold cuts the name"
    hers = [
        write(inbox / "processed" / "reponse.ics", calendar),
        write(inbox / "processed" / "pliee.ics", f"BEGIN:VEVENT\r\n{folded}\r\nEND:VEVENT\r\n"),
        write(inbox / "processed" / "base64.eml", mail(attachment=calendar)),
        write(inbox / "processed" / "qp.eml", mail(body=f"{NAME} a accepté", encoding="quoted-printable")),
        write(inbox / "processed" / "b64-corps.eml", mail(body=f"Signé : {NAME}", encoding="base64")),
        write(inbox / "processed" / "entete.eml",
              mail(subject=Header(f"Accepté : {NAME}", "utf-8").encode())),
        write(inbox / "quarantine" / "doublon.csv", f"nom;e-mail\n{NAME};{EMAIL}\n"),
        write(folders.exports / "notes.md", "À rappeler : ANAÏS QUENARDEL"),
        write(folders.exports / "liste.json", '{"email": "ANAIS.QUENARDEL@EXAMPLE.ORG"}'),
        write(folders.exports / "nfd.txt", "Anai\u0308s Quenardel"),
        write(folders.exports / "telephone.txt", "Rappeler le 06 11 22 33 44"),
    ]
    assert all(NAME.encode() not in path.read_bytes() for path in hers[2:6]), "encoded in the file"
    others = [
        write(inbox / "processed" / "autre.ics", calendar.replace(NAME.encode(), b"Jeanne Dupont")
              .replace(EMAIL.encode(), b"jeanne.dupont@example.org")),
        write(inbox / "processed" / "homonyme.eml", mail(body="Paul Quenardel a accepté",
                                                          encoding="quoted-printable")),
        write(folders.exports / "quenardel-minuscules.txt", "quenardelle est un mot inventé"),
        write(outbox / "message.eml", mail(body="Rien à voir", encoding="base64")),
    ]
    done = sweep(erasure, folders)
    assert sorted(done.removed) == sorted(p.resolve() for p in hers)
    assert not any(path.exists() for path in hers)
    assert all(path.exists() for path in others)
    assert done.collective == [] and done.unreadable == []


def test_a_quarantined_file_goes_with_its_why_and_the_other_way_round(erasure, folders):
    quarantine = folders.inbox / "quarantine"
    named = write(quarantine / "message.eml", mail(sender=f"{NAME} <{EMAIL}>"))
    named_why = write(quarantine / "message.eml.why.txt", "Pourquoi : pas une réponse.")
    other = write(quarantine / "tronque.ics", "BEGIN:VCALENDAR")
    other_why = write(quarantine / "tronque.ics.why.txt", f"Pourquoi : {NAME} n’est pas invitée.")
    kept = write(quarantine / "autre.ics", "BEGIN:VCALENDAR")
    kept_why = write(quarantine / "autre.ics.why.txt", "Pourquoi : tronqué.")
    done = sweep(erasure, folders)
    assert not any(p.exists() for p in (named, named_why, other, other_why))
    assert len(done.removed) == 4
    assert kept.exists() and kept_why.exists()


def test_her_invitations_go_both_eml_and_ics_and_only_hers(erasure, folders):
    meeting = folders.outbox / "2027-01-12-comite-de-printemps"
    write(meeting / ".comite-reunion", "uid-de-la-reunion")
    hers = [write(meeting / "03-a.eml", "Objet : invitation"), write(meeting / "03-a.ics", "BEGIN:VCALENDAR")]
    others = [write(meeting / "04-b.eml", "Objet : invitation"), write(meeting / "04-b.ics", "BEGIN")]
    done = sweep(replace(erasure, invitation_files=("03-a.eml", "../../hors.eml")), folders)
    assert sorted(done.removed) == sorted(p.resolve() for p in hers)
    assert all(p.exists() for p in others) and (meeting / ".comite-reunion").exists()


def test_files_named_after_her_go_and_recorded_files_wherever_they_are(erasure, folders, tmp_path):
    certificate = write(tmp_path / "formations" / "attestation-1.pdf", b"%PDF-1.4 pas lu")
    scan = write(folders.kept[0] / f"{UID}-both-0123abcd.pdf", b"%PDF-1.4 scan")
    export_json = write(folders.exports / "droit-d-acces" / "acces-2026-11-23-anais-quenardel.json", "{}")
    export_pdf = pdf(folders.exports / "droit-d-acces" / "acces-2026-11-23-anais-quenardel.pdf", "x")
    charter = pdf(folders.exports / "chartes" / "charte-CH-7Q4M2K9X-anais-quenardel.pdf", "Charte")
    signed = pdf(folders.exports / "chartes" / "charte-sans-nom-signee.pdf", f"Référence {UID}")
    in_named_folder = write(folders.exports / "entretien-anais-quenardel" / "01-x.eml", "Objet : rien")
    others_piece = write(folders.kept[0] / "CH-AUTRE-both-99.pdf", b"%PDF-1.4 scan d'une autre")
    done = sweep(replace(erasure, files=(str(certificate), str(tmp_path / "disparu.pdf")),
                         charter_uids=(UID,)), folders)
    gone = [certificate, scan, export_json, export_pdf, charter, signed, in_named_folder]
    assert sorted(done.removed) == sorted(p.resolve() for p in gone)
    assert others_piece.exists()


def test_shared_pdfs_naming_her_are_listed_not_removed_and_unreadable_ones_to_check(erasure, folders):
    minutes = pdf(folders.exports / "compte-rendu-comite.pdf", "Présents : Jeanne Dupont,",
                  f"{NAME} (excusée).", title="Compte rendu du comité")
    # The text layer breaks the line inside her name: still found.
    cut = pdf(folders.exports / "convocations-printemps.pdf", "Madame Anaïs", "Quenardel")
    unrelated = pdf(folders.exports / "compte-rendu-hiver.pdf", "Présents : Jeanne Dupont.")
    broken = write(folders.exports / "abime.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    in_inbox = pdf(folders.inbox / "processed" / "charte-retour.pdf", f"Signé pour l’équipe : {NAME}")
    before = {path: path.read_bytes() for path in (minutes, cut, unrelated, in_inbox)}
    done = sweep(erasure, folders)
    assert done.removed == []
    assert sorted(done.collective) == sorted(p.resolve() for p in (minutes, cut, in_inbox))
    assert done.unreadable == [broken.resolve()]
    assert all(path.read_bytes() == data for path, data in before.items()), "shared documents stay"


def test_links_are_not_followed_and_nothing_outside_is_touched(erasure, folders, tmp_path):
    outside = tmp_path / "ailleurs"
    victim = write(outside / "note.txt", f"{NAME} — ne pas toucher")
    os.symlink(outside, folders.exports / "lien-dossier")
    os.symlink(victim, folders.exports / "anais-quenardel.txt")
    done = sweep(erasure, folders)
    assert done.removed == [] and victim.read_text(encoding="utf-8").startswith(NAME)
    assert (folders.exports / "anais-quenardel.txt").is_symlink()


def test_missing_folders_are_nothing_to_sweep(erasure, tmp_path):
    absent = Folders(inbox=tmp_path / "a", outbox=tmp_path / "b", exports=tmp_path / "c",
                     kept=(tmp_path / "d",))
    done = sweep(replace(erasure, invitation_files=("01-x.eml",), charter_uids=(UID,)), absent)
    assert (done.removed, done.collective, done.unreadable) == ([], [], [])
    assert not any(p.exists() for p in (absent.inbox, absent.outbox, absent.exports))


def test_in_the_outbox_only_her_invitations_go_others_naming_her_are_listed(erasure, folders):
    """Gérard's invitation says who holds the seat he stands in for: removing it would un-invite
    him. It is listed, to export the meeting's invitations again; her replies still go."""
    meeting = folders.outbox / "2027-01-12-comite-de-printemps"
    hers = [write(meeting / "03-anais-quenardel.eml", mail(body=f"Bonjour {NAME}")),
            write(meeting / "03-anais-quenardel.ics", f"ATTENDEE;CN={NAME}:mailto:{EMAIL}")]
    gerard = [write(meeting / "04-gerard-martin.eml",
                    mail(body=f"Bonjour Gérard,\nTitulaire du siège : {NAME}", encoding="base64")),
              write(meeting / "04-gerard-martin.ics", f"DESCRIPTION:Suppléant de {NAME}\r\n")]
    untouched = write(meeting / "05-jeanne-dupont.eml", mail(body="Bonjour Jeanne"))
    named_folder = write(folders.outbox / "entretien-anais-quenardel" / "01-paul.eml",
                         mail(body="Bonjour Paul"))
    reply = write(folders.inbox / "processed" / "reponse.eml", mail(sender=f"{NAME} <{EMAIL}>"))
    before = {path: path.read_bytes() for path in (*gerard, untouched, named_folder)}
    done = sweep(replace(erasure, invitation_files=("03-anais-quenardel.eml",)), folders)
    assert sorted(done.removed) == sorted(p.resolve() for p in (*hers, reply))
    assert sorted(done.collective) == sorted(p.resolve() for p in (*gerard, named_folder))
    assert all(path.read_bytes() == data for path, data in before.items()), "nobody un-invited"
    assert done.unreadable == [] and done.not_removed == []


def test_a_file_that_will_not_go_is_listed_and_the_sweep_goes_on(erasure, folders):
    """The database is erased already: one refusal must not leave the rest of her files."""
    stuck = write(folders.exports / "verrou" / "acces-anais-quenardel.json", "{}")
    hers = [write(folders.exports / "droit-d-acces" / "anais-quenardel.pdf", b"%PDF-1.4"),
            write(folders.inbox / "processed" / "zz-reponse.ics", f"ATTENDEE;CN={NAME}")]
    with undeletable(stuck):
        done = sweep(erasure, folders)
    assert sorted(done.removed) == sorted(p.resolve() for p in hers)
    assert not any(p.exists() for p in hers) and stuck.exists()
    assert [(f.path, f.why) for f in done.not_removed] == [(stuck.resolve(), "accès refusé")]
