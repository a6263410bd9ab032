"""`comite charter …` through the real `main()` (and a subprocess where the exit code or the
absence of a database matters), on a database filled with the example, with real PDFs read back
by pypdf, real certificates and real pyHanko signatures."""

import hashlib
import json
import shutil
import stat
from pathlib import Path

import pypdf
import pytest

from comite.kernel import clock
from comite.kernel.grammar import de
from comite.store import open_store
from comite.store.charter_models import CharterStatus, Side, SignatureMethod
from tests.cli.run import in_process, in_subprocess
from tests.exports.charter_drafts import shipped_templates
from tests.exports.pdf_pages import flat, texts
from tests.signing import append_annotation, pkcs12

PARTNER_VERSION = next(t.version for t in shipped_templates()
                       if t.template_id == "patient-partenaire")

SIGNATORY = "Dr Hélène Kervella"
STRUCTURE = "MSP des Tilleuls"
HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "charte"


def scan_pdf(path: Path, text: str) -> Path:
    """What a scanner makes of the signed paper copy: a PDF comite never wrote."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawString(60, 760, text)
    canvas.save()
    return path


@pytest.fixture
def data_dir(isolated_folders) -> Path:
    return isolated_folders / "xdg_data_home" / "comite"


@pytest.fixture
def people(demo_db) -> dict[str, tuple[int, str]]:
    """Who sits where in the example: one seat, and several seats."""
    store = open_store(demo_db)
    try:
        engagements = store.charters.engagements()
        seats: dict[int, int] = {}
        for membership_person in (m.person_id for c in store.committees.all()
                                  for m in store.memberships.of_committee(c.committee.id)):
            seats[membership_person] = seats.get(membership_person, 0) + 1
        single = next(e for e in engagements if seats[e.person_id] == 1
                      and e.committee_name == "Comité des usagers")
        several = next(pid for pid, n in seats.items() if n > 1)
        return {"single": (single.person_id, single.person_name),
                "several": (several, store.people.get(several).last_name)}
    finally:
        store.close()






def render(capsys, db: Path, person: str, *extra: str) -> tuple[Path, str]:
    code, out, err = in_process(capsys, "charter", "render", person, "--template", "patient-partenaire",
                                "--set", f"team_signatory={SIGNATORY}", *extra, "--db", str(db))
    assert code == 0, err
    first, second = out.splitlines()
    return Path(first.rsplit(" : ", 1)[1]), second.removeprefix("Référence : ")


def charter(db: Path, uid: str):
    store = open_store(db)
    try:
        return store.charters.by_uid(uid)
    finally:
        store.close()


def certificate(capsys, db: Path) -> str:
    code, out, err = in_process(capsys, "charter", "certificate", "--structure", STRUCTURE, "--db", str(db))
    assert code == 0, err
    return out


# ---- templates -----------------------------------------------------------------------------


def test_templates_lists_the_shipped_and_the_coordinators_own_and_says_what_was_refused(
        capsys, db, data_dir):
    folder = data_dir / "modeles-charte"
    folder.mkdir(parents=True)
    shutil.copy(HOSTILE / "champ-sans-valeur.md", folder)
    shutil.copy(HOSTILE / "echappement-classes.md", folder)
    code, out, err = in_process(capsys, "charter", "templates", "--json", "--db", str(db))
    assert code == 0
    rows = {row["id"]: row for row in json.loads(out)}
    assert {"membre-comite-usagers-msp", "patient-partenaire", "representant-usagers",
            "champ-sans-valeur"} == set(rows)
    assert set(rows["patient-partenaire"]) == {"id", "title", "version", "roles", "committee_kinds",
                                              "source", "hash", "short_hash", "file"}
    mine = rows["champ-sans-valeur"]
    assert (mine["source"], mine["file"], mine["version"]) == (
        "user", str(folder / "champ-sans-valeur.md"), 1)
    assert mine["short_hash"] == mine["hash"][:12]
    assert rows["patient-partenaire"]["source"] == "shipped"
    assert Path(rows["patient-partenaire"]["file"]).read_text(encoding="utf-8").startswith("---\nid: patient")
    assert err.startswith("Modèle refusé — echappement-classes.md : echappement-classes.md, ligne 11 : ")
    store = open_store(db)
    try:  # the catalogue was synced into the database
        assert "champ-sans-valeur" in {t.template_id for t in store.charters.templates()}
    finally:
        store.close()
    code, text, _err = in_process(capsys, "charter", "templates", "--db", str(db))
    line = next(row for row in text.splitlines() if row.startswith("patient-partenaire\t"))
    assert line.split("\t")[2:5] == [f"v{PARTNER_VERSION}", ",".join(rows["patient-partenaire"]["roles"]),
                                    "shipped"]


def test_templates_needs_no_database_and_creates_none(tmp_path):
    absent = tmp_path / "aucune.sqlite"
    result = in_subprocess("charter", "templates", "--db", str(absent))
    assert result.returncode == 0, result.stderr
    assert "representant-usagers\t" in result.stdout
    assert not absent.exists()


# ---- render ----------------------------------------------------------------------------------


def test_render_writes_the_pdf_records_it_and_gives_the_same_bytes_again(capsys, db, data_dir, people):
    person_id, name = people["single"]
    path, uid = render(capsys, db, name)
    assert path.parent == data_dir / "exports" / "chartes"
    assert path.name.startswith(f"charte-{uid}-") and uid.startswith("CH-")
    data = path.read_bytes()
    pdf = pypdf.PdfReader(path)
    assert pdf.metadata["/ComiteCharter"] == uid
    assert pdf.metadata["/ComiteTemplate"] == "patient-partenaire"
    text = flat(" ".join(texts(path)))
    assert name in text and SIGNATORY in text and uid in text
    assert "{{" not in text and "**" not in text
    recorded = charter(db, uid)
    assert recorded.pdf_sha256 == hashlib.sha256(data).hexdigest()
    assert recorded.person_id == person_id and recorded.status is CharterStatus.TO_SIGN
    assert pdf.metadata["/ComiteTemplateHash"] == recorded.template.content_hash
    again, same_uid = render(capsys, db, str(person_id))
    assert (again, same_uid) == (path, uid) and again.read_bytes() == data


def test_render_to_a_chosen_file_with_values(capsys, db, people, tmp_path):
    target = tmp_path / "ma-charte.pdf"
    path, uid = render(capsys, db, people["single"][1], "--out", str(target), "--set",
                       "place=Valmont & <b>sur</b> Loire")
    assert path == target
    assert "Valmont & <b>sur</b> Loire" in flat(" ".join(texts(target)))
    assert charter(db, uid).data["place"] == "Valmont & <b>sur</b> Loire"


def test_render_refuses_a_missing_value_and_writes_nothing(capsys, db, data_dir, people):
    code, out, err = in_process(capsys, "charter", "render", str(people["single"][0]), "--template",
                                "patient-partenaire", "--db", str(db))
    assert code == 2 and out == ""
    assert err == ("comite : team_signatory : À remplir : qui signe pour l’équipe. "
                   "(--set team_signatory=…)\n")
    assert not (data_dir / "exports").exists()
    store = open_store(db)
    try:
        assert store.charters.of_person(people["single"][0]) == []
    finally:
        store.close()


@pytest.mark.parametrize(("args", "words"), [
    (("Zzzyx",), "Aucune personne ne correspond à « Zzzyx »"),
    (("9999",), "Aucune personne n° 9999"),
    (("{single}", "--set", "adresse=1 rue"), "« --set adresse=1 rue » : écrivez CHAMP=VALEUR"),
    (("{single}", "--template", "inconnu"), "Aucun modèle de charte « inconnu »"),
    (("{several}",), "siège dans plusieurs comités"),
    (("{single}", "--committee", "Commission"), "ne désigne pas un seul des comités"),
])
def test_render_refusals_are_french_and_exit_2(capsys, db, data_dir, people, args, words):
    args = tuple(a.format(single=people["single"][0], several=people["several"][0]) for a in args)
    template = () if "--template" in args else ("--template", "patient-partenaire")
    code, out, err = in_process(capsys, "charter", "render", *args, *template, "--set",
                                f"team_signatory={SIGNATORY}", "--db", str(db))
    assert code == 2, (out, err)
    assert words in err and "Traceback" not in err
    assert not (data_dir / "exports").exists()


def test_render_for_a_person_on_several_committees_names_one(capsys, db, people):
    person_id, _name = people["several"]
    store = open_store(db)
    try:
        seats = store.memberships.of_person(person_id)
    finally:
        store.close()
    _path, uid = render(capsys, db, str(person_id), "--committee", str(seats[0].committee_id))
    assert charter(db, uid).committee_id == seats[0].committee_id


def test_an_ambiguous_name_lists_who_it_could_be(capsys, db):
    store = open_store(db)
    try:
        names = [row.full_name for row in store.people.page("", limit=100).rows]
    finally:
        store.close()
    last = next(n.split()[-1] for n in names if sum(x.split()[-1] == n.split()[-1] for x in names) > 1)
    code, _out, err = in_process(capsys, "charter", "render", last, "--template", "patient-partenaire",
                                 "--db", str(db))
    assert code == 2
    assert f"Plusieurs personnes correspondent à « {last} »" in err and "Donnez son numéro" in err


# ---- certificate ---------------------------------------------------------------------------


def test_certificate_is_made_private_and_its_fingerprint_printed(capsys, db, data_dir):
    code, _out, err = in_process(capsys, "charter", "certificate", "--db", str(db))
    assert code == 2 and "--structure" in err  # the example has several structures
    out = certificate(capsys, db)
    folder = data_dir / "certificat"
    cert = folder / "certificat.pem"
    assert out.splitlines()[0] == f"Certificat de « {STRUCTURE} » créé : {cert}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "cle-privee.pem").stat().st_mode) == 0o600
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    der = x509.load_pem_x509_certificate(cert.read_bytes()).public_bytes(serialization.Encoding.DER)
    fingerprint = hashlib.sha256(der).hexdigest().upper()
    assert out.splitlines()[-1] == "Empreinte SHA-256 : " + ":".join(
        fingerprint[i:i + 2] for i in range(0, 64, 2))
    before = cert.read_bytes()
    code, _out, err = in_process(capsys, "charter", "certificate", "--structure", STRUCTURE, "--db", str(db))
    assert code == 2 and "--replace" in err and cert.read_bytes() == before
    code, _out, err = in_process(capsys, "charter", "certificate", "--structure", STRUCTURE, "--replace",
                                 "--db", str(db))
    assert code == 0 and cert.read_bytes() != before


# ---- sign, verify, attach ------------------------------------------------------------------


def test_sign_needs_the_structures_certificate_first(capsys, db, people):
    path, _uid = render(capsys, db, people["single"][1])
    code, _out, err = in_process(capsys, "charter", "sign", str(path), "--db", str(db))
    assert code == 2
    assert "créez-le avec « comite charter certificate »" in err
    assert not path.with_name(f"{path.stem}-signee.pdf").exists()


def test_sign_then_verify_both_sides_and_the_charter_is_signed(capsys, db, people, data_dir, tmp_path,
                                                               monkeypatch):
    path, uid = render(capsys, db, people["single"][1])
    certificate(capsys, db)
    code, out, err = in_process(capsys, "charter", "sign", str(path), "--db", str(db))
    assert code == 0, err
    signed = path.with_name(f"{path.stem}-signee.pdf")
    assert out.splitlines()[0] == f"PDF signé (pour la structure) : {signed}"
    assert out.splitlines()[1].startswith(f"Charte {uid} {de(people['single'][1])} : signature enregistrée")
    assert signed.read_bytes().startswith(path.read_bytes())
    fields = pypdf.PdfReader(signed).get_fields()
    assert fields["signature_structure"].get("/V") is not None
    assert fields["signature_personne"].get("/V") is None
    structure_side = charter(db, uid).signature(Side.STRUCTURE)
    assert (structure_side.method, structure_side.signer) == (SignatureMethod.PADES, STRUCTURE)
    assert Path(structure_side.scan_path).read_bytes() == signed.read_bytes()
    assert Path(structure_side.scan_path).parent == data_dir / "chartes" / "pieces"

    # The person signs with their own certificate, a .p12 whose passphrase comes from the environment.
    from comite.exports.signature import make_certificate

    own = make_certificate(tmp_path / "certificat-personne", people["single"][1])
    p12 = pkcs12(own, tmp_path / "personne.p12", b"mot de passe")
    monkeypatch.setenv("COMITE_CERT_PASSPHRASE", "mot de passe")
    both = tmp_path / "signee-deux.pdf"
    code, out, err = in_process(capsys, "charter", "sign", str(signed), "--cert", str(p12),
                                "--side", "person", "--out", str(both), "--db", str(db))
    assert code == 0, err
    assert charter(db, uid).status is CharterStatus.SIGNED
    assert charter(db, uid).signature(Side.PERSON).method is SignatureMethod.PDF

    result = in_subprocess("charter", "verify", str(both), "--db", str(db),
                           env={"XDG_DATA_HOME": str(data_dir.parent)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Verdict : valide." in result.stdout
    assert f"Charte {uid} {de(people['single'][1])}" in result.stdout
    assert f"Modèle : patient-partenaire, version {PARTNER_VERSION}" in result.stdout


def test_a_wrong_passphrase_is_refused_in_french(capsys, db, people, tmp_path, monkeypatch):
    path, _uid = render(capsys, db, people["single"][1])
    from comite.exports.signature import make_certificate

    p12 = pkcs12(make_certificate(tmp_path / "c", "Quelqu’un"), tmp_path / "c.p12", b"bon")
    monkeypatch.setenv("COMITE_CERT_PASSPHRASE", "mauvais")
    code, _out, err = in_process(capsys, "charter", "sign", str(path), "--cert", str(p12), "--db", str(db))
    assert code == 2 and err == "comite : Mot de passe incorrect pour c.p12.\n"


def test_verify_says_not_signed_altered_or_modified_and_exits_1(capsys, db, people, tmp_path):
    path, uid = render(capsys, db, people["single"][1])
    code, out, _err = in_process(capsys, "charter", "verify", str(path), "--db", str(db))
    assert code == 1
    assert "Verdict : non signé." in out and f"Charte {uid}" in out
    certificate(capsys, db)
    assert in_process(capsys, "charter", "sign", str(path), "--db", str(db))[0] == 0
    changed = append_annotation(path.with_name(f"{path.stem}-signee.pdf"), tmp_path / "annotee.pdf")
    code, out, _err = in_process(capsys, "charter", "verify", str(changed), "--db", str(db))
    assert code == 1 and "Verdict : modifié après signature." in out
    text = tmp_path / "texte.pdf"
    text.write_text("pas un PDF", encoding="utf-8")
    code, out, _err = in_process(capsys, "charter", "verify", str(text), "--db", str(db))
    assert code == 1 and "texte.pdf n’est pas un PDF." in out


def test_a_charter_changed_before_it_was_signed_is_not_valid(capsys, db, people, tmp_path):
    """Intact signatures on a text comite did not make: the database knows the reference, the
    bytes differ, so verify says so and exits 1."""
    from dataclasses import replace

    from comite.exports.pdf.charter import render_charter
    from comite.store.charters import CharterDraft

    _path, uid = render(capsys, db, people["single"][1])
    store = open_store(db)
    try:
        original = store.charters.redraft(store.charters.by_uid(uid).id)
    finally:
        store.close()
    forged: CharterDraft = replace(original, markdown=original.markdown.replace(
        "Fait à", "Le défraiement est supprimé. Fait à"))
    edited = tmp_path / "modifiee.pdf"
    edited.write_bytes(render_charter(forged))
    certificate(capsys, db)
    assert in_process(capsys, "charter", "sign", str(edited), "--out", str(tmp_path / "s.pdf"),
                      "--db", str(db))[0] == 0
    code, out, _err = in_process(capsys, "charter", "verify", str(tmp_path / "s.pdf"), "--db", str(db))
    assert "Verdict : valide." in out, "the signature itself is intact"
    assert f"Cette base connaît la charte {uid}" in out and "son début diffère" in out
    assert code == 1


def test_verify_without_a_database_reads_the_files_own_keys(capsys, db, people, tmp_path):
    path, uid = render(capsys, db, people["single"][1])
    template_hash = charter(db, uid).template.content_hash
    absent = tmp_path / "aucune.sqlite"
    result = in_subprocess("charter", "verify", str(path), "--db", str(absent))
    assert result.returncode == 1
    assert "Verdict : non signé." in result.stdout
    assert (f"D’après le fichier lui-même (ce qu’il déclare, sans preuve) : charte {uid}, modèle "
            f"patient-partenaire, version {PARTNER_VERSION}, empreinte du modèle {template_hash}."
            ) in result.stdout
    assert "version actuelle" in result.stdout
    assert not absent.exists()


def test_attach_a_scan_records_both_sides_on_paper(capsys, db, people, tmp_path, data_dir):
    _path, uid = render(capsys, db, people["single"][1])
    scan = scan_pdf(tmp_path / "scan.pdf", "Exemplaire papier signé")
    code, _out, err = in_process(capsys, "charter", "attach", str(scan), "--db", str(db))
    assert code == 2
    assert err.splitlines()[-1].startswith("Pour le scan d’un exemplaire papier : --charter CH-…")
    assert not (data_dir / "chartes").exists()
    today = clock.today().strftime("%d/%m/%Y")
    code, out, err = in_process(capsys, "charter", "attach", str(scan), "--charter", uid.lower(),
                                "--date", today, "--db", str(db))
    assert code == 0, err
    recorded = charter(db, uid)
    assert recorded.status is CharterStatus.SIGNED
    assert {s.method for s in recorded.signatures} == {SignatureMethod.PAPER}
    assert recorded.signature(Side.STRUCTURE).signer == SIGNATORY
    piece = Path(out.splitlines()[1].removeprefix("Copie gardée : "))
    assert piece.read_bytes() == scan.read_bytes()


def test_attach_one_side_with_its_signer(capsys, db, people, tmp_path):
    _path, uid = render(capsys, db, people["single"][1])
    scan = scan_pdf(tmp_path / "scan.pdf", "Page signée par la personne")
    code, _out, err = in_process(capsys, "charter", "attach", str(scan), "--charter", uid, "--side", "person",
                            "--signer", people["single"][1], "--date", clock.today().isoformat(),
                            "--db", str(db))
    assert code == 0, err
    assert [s.side for s in charter(db, uid).signatures] == [Side.PERSON]
    code, _out, err = in_process(capsys, "charter", "attach", str(scan), "--charter", "CH-INCONNUE",
                                 "--date", "01/01/2027", "--db", str(db))
    assert code == 2 and "Aucune charte « CH-INCONNUE »" in err


def test_charter_commands_that_change_the_database_need_one(tmp_path):
    absent = tmp_path / "aucune.sqlite"
    result = in_subprocess("charter", "render", "Dupont", "--template", "x", "--db", str(absent))
    assert result.returncode == 2 and "n’existe pas" in result.stderr
    assert not absent.exists()
    usage = in_subprocess("charter")
    assert usage.returncode == 2 and "arguments obligatoires manquants" in usage.stderr


@pytest.mark.parametrize("name", ["parentheses-profondes.md", "non-en-cascade.md",
                                  "conditions-imbriquees.md", "filtres-en-chaine.md"])
def test_a_deeply_nested_template_is_refused_in_french_not_a_traceback(tmp_path, db, data_dir,
                                                                      name):
    """Issue 18: the recursion escaped the loader, and `charter templates` printed a traceback."""
    from tests.cli.run import in_subprocess

    folder = data_dir / "modeles-charte"
    folder.mkdir(parents=True)
    shutil.copy(HOSTILE / name, folder)
    result = in_subprocess("charter", "templates", "--db", str(db))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert result.stderr.startswith(f"Modèle refusé — {name} : {name}, ligne 10 : ")
    assert "patient-partenaire" in result.stdout
