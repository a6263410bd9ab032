"""`comite privacy …` through the real `main()`: the erasure proof, refusals, the retention
queue and policy.

THE proof: on a real database in the default data folder (XDG folders in tmp), a person with a
distinctive name is given everything comite can hold — a seat, a candidacy with notes, consents
and a health note, a training with its certificate file, a charter PDF and the scan of its paper
copy, invitations in the outbox, her calendar reply in the inbox (and a refused one in
quarantine), her access export, her name in another person's note and in the minutes. Then
`comite privacy erase … --yes`, then the shared PDFs it lists are made again: afterwards not
one byte of her name or e-mail is left in the database file, its WAL, the search index, nor in
any file of the data, inbox, outbox and exports folders (PDF text included).
"""

import hashlib
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pypdf
import pytest

from comite.cli.main import main
from comite.exports.files import slug
from comite.kernel import clock
from comite.store import MembershipInput, PersonInput, open_store
from comite.store.committee_models import Role
from comite.store.privacy_models import ConsentMethod, Purpose
from comite.store.recruitment import CandidateInput
from comite.store.recruitment_models import OpinionKind, Source
from comite.store.trainings import TrainingInput
from comite.tui.textual_private import notifications
from comite.usecases.settings import Settings, save
from tests.cli.run import in_process
from tests.cli.run import succeeded as run
from tests.sync.conftest import HOSTILE, REPLIES, eml_bytes, fill
from tests.sync.test_erasure_files import undeletable
from tests.tui.conftest import TODAY, make_app, wait_for

NAME = "Anaïs Quenardel"
EMAIL = "anais.quenardel@example.org"
PHONE = "06 71 82 93 04"
HEALTH = "Sclérose en plaques depuis 2011, suivie au centre Zorglubien"
SIGNATORY = "Dr Hélène Kervella"
POLL = "Prochain comité des usagers"
HELD = "Comité des usagers — bilan de l’année"
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
# What must be gone: her last name (any case), her e-mail, her health note.
NEEDLES = ("quenardel", EMAIL, "zorglubien")




def scan_pdf(path: Path, *lines: str) -> Path:
    """What a scanner makes of a signed paper page: a PDF comite never wrote."""
    from reportlab.pdfgen.canvas import Canvas

    from comite.exports.pdf.document import FONT, register_fonts

    register_fonts()
    canvas = Canvas(str(path), invariant=1)
    canvas.setFont(FONT, 12)
    for number, line in enumerate(lines):
        canvas.drawString(60, 760 - 20 * number, line)
    canvas.save()
    return path


def holds(data: bytes) -> list[str]:
    lowered = data.lower()
    return [needle for needle in NEEDLES if needle.lower().encode("utf-8") in lowered]


def pdf_text(path: Path) -> str:
    pdf = pypdf.PdfReader(path)
    chunks = [str(value) for value in (pdf.metadata or {}).values()]
    return " ".join(chunks + [page.extract_text() or "" for page in pdf.pages])


def traces(root: Path) -> dict[str, list[str]]:
    """Every file under `root` that still holds her (bytes, and the text of PDFs)."""
    found = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        hits = holds(path.read_bytes())
        if path.suffix.lower() == ".pdf":
            hits += [f"pdf:{h}" for h in holds(pdf_text(path).encode("utf-8"))]
        if hits:
            found[str(path.relative_to(root))] = hits
    return found


def give_her_everything(db: Path, certificates: Path) -> dict[str, object]:
    """Her record, built through the store's own services; what the commands need after."""
    store = open_store(db)
    try:
        committees = {s.committee.name: s.committee.id for s in store.committees.all()}
        committee = committees["Comité des usagers"]
        people = store.people.page(limit=100).rows
        doctor, neighbour = people[0].id, people[1].id
        her = store.people.create(PersonInput(
            last_name="Quenardel", first_name="Anaïs", email=EMAIL, phone=PHONE,
            roles=(Role.PATIENT_PARTNER,), note="Préfère être appelée le matin",
            birth_year=1971, sex="female", territory="Valmont", lived_as="patient"))
        store.memberships.add(committee, her.id, MembershipInput(designated_by="Association Vivre"))
        today = clock.today()
        candidacy = store.recruitment.add(her.id, CandidateInput(
            role=Role.PATIENT_PARTNER, source=Source.WAITING_ROOM, committee_id=committee,
            notes=f"{NAME} a vu l’affiche ; très à l’aise à l’oral."), today)
        store.recruitment.give_opinion(candidacy.id, doctor, OpinionKind.FAVOURABLE,
                                       "Mme Quenardel connaît bien le parcours de soins", today)
        store.consents.give(her.id, Purpose.CONTACT, ConsentMethod.PAPER, today, today)
        store.consents.give(her.id, Purpose.HEALTH, ConsentMethod.PAPER, today, today)
        store.consents.set_health_note(her.id, HEALTH)
        certificates.mkdir(parents=True, exist_ok=True)
        certificate = scan_pdf(certificates / "attestation-ru.pdf", "Attestation de formation",
                               f"délivrée à {NAME}")
        store.trainings.add(her.id, TrainingInput(
            course="Formation de base des représentants des usagers", held_on=today, hours=14,
            kind="ru_basic", organisation="France Assos Santé", certificate_path=str(certificate),
            certificate_sha256=hashlib.sha256(certificate.read_bytes()).hexdigest()))
        other = store.people.get(neighbour)
        store.people.update(neighbour, PersonInput(
            last_name=other.last_name, first_name=other.first_name, email=other.email,
            phone=other.phone, roles=other.roles, note=f"En binôme avec {NAME} pour l’accueil"))
        held = next(m for m in store.meetings.all() if m.title == HELD)
        item = store.minutes.document(held.id).items[0]
        store.minutes.write_notes(item.id, f"{NAME} présente le livret d’accueil ({EMAIL}).",
                                  confirmed=True)
        poll = next(m for m in store.meetings.all() if m.title == POLL)
        store.meetings.invite(poll.id, her.id)
        slot = store.meetings.detail(poll.id).slots[0]
        return {"id": her.id, "poll": poll.id, "held": held.id, "slot_uid": slot.uid,
                "sequence": slot.sequence, "certificate": certificate}
    finally:
        store.close()


@pytest.fixture(scope="module")
def proof(tmp_path_factory) -> dict[str, object]:
    """The whole story, once: build, every command that writes a file about her, erase, make
    the listed shared documents again. What each step printed and left, for the tests below."""
    home = tmp_path_factory.mktemp("effacement-home")
    data = home / "xdg_data_home" / "comite"
    with pytest.MonkeyPatch.context() as patch:
        for name in XDG:
            patch.setenv(name, str(home / name.lower()))
        patch.delenv("COMITE_DB", raising=False)
        from comite.usecases import paths

        db = paths.default_db()
        assert db.parent == data
        save(Settings(coordinator_name="Claire Coordination", coordinator_email="coordination@example.org"))
        run("demo")
        her = give_her_everything(db, paths.training_certificates_dir())
        person = str(her["id"])

        out = run("charter", "render", person, "--template", "patient-partenaire", "--set",
                  f"team_signatory={SIGNATORY}")
        charter_pdf = Path(out.splitlines()[0].rsplit(" : ", 1)[1])
        uid = out.splitlines()[1].removeprefix("Référence : ")
        scan = scan_pdf(home / "scan.pdf", "Charte signée sur papier", NAME, SIGNATORY)
        out = run("charter", "attach", str(scan), "--charter", uid, "--date",
                  clock.today().strftime("%d/%m/%Y"))
        piece = Path(out.splitlines()[1].removeprefix("Copie gardée : "))
        scan.unlink()  # handed to comite: the copy kept is in the pieces folder

        run("export", "invitations", str(her["poll"]))
        outbox = data / "boite-d-envoi"
        invitations = sorted(outbox.rglob("*quenardel*"))

        inbox = data / "boite-de-reception"
        inbox.mkdir(parents=True, exist_ok=True)
        calendar = fill((REPLIES / "outlook-accepted.ics").read_bytes(), UID=her["slot_uid"],
                        EMAIL=EMAIL, SEQUENCE=str(her["sequence"]), DTSTAMP="20261201T091500Z")
        calendar = calendar.replace(b"Jeanne Dupont", NAME.encode())
        reply = eml_bytes(calendar, EMAIL).replace(b"Jeanne Dupont", b"=?utf-8?q?Ana=C3=AFs_Quenardel?=")
        (inbox / "Accepté Comité.eml").write_bytes(reply)
        (inbox / "reponse-anais-quenardel.ics").write_bytes(fill((HOSTILE / "truncated.ics").read_bytes(),
                                                 UID=her["slot_uid"], EMAIL=EMAIL,
                                                 SEQUENCE="0", DTSTAMP="20261201T091500Z"))
        synced = run("sync", "--once")

        run("export", "minutes", str(her["held"]))
        minutes = data / "exports" / f"compte-rendu-{slug(HELD)}.pdf"
        out = run("privacy", "export", person)
        access = [Path(line.split(" : ", 1)[1]) for line in out.splitlines()
                  if line.startswith(("JSON : ", "PDF : "))]

        before = {"data": traces(data), "db": holds(_database_bytes(db)),
                  "minutes": hashlib.sha256(minutes.read_bytes()).hexdigest()}
        erased = run("privacy", "erase", NAME, "--yes")
        after_erase = {"minutes_kept": minutes.is_file() and hashlib.sha256(
            minutes.read_bytes()).hexdigest() == before["minutes"], "traces": traces(data)}
        remade = run("export", "minutes", str(her["held"]))
        logs = home / "xdg_state_home"
    return {**her, "db": db, "data": data, "uid": uid, "charter_pdf": charter_pdf, "piece": piece,
            "invitations": invitations, "inbox": inbox, "synced": synced, "minutes": minutes,
            "access": access, "before": before, "erased": erased, "after_erase": after_erase,
            "remade": remade, "logs": logs}


def _database_bytes(db: Path) -> bytes:
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _listed(output: str, heading: str) -> list[Path]:
    """The paths printed under a heading of the erase summary."""
    lines = output.splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith(heading)), None)
    if start is None:
        return []
    found = []
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        found.append(Path(line.strip()))
    return found


def test_the_scenario_put_her_everywhere_before_the_erasure(proof):
    """The checks below can see her: before, she was in the database and in every kind of file."""
    before = proof["before"]
    assert set(before["db"]) == set(NEEDLES)
    files = before["data"]
    for path in (proof["charter_pdf"], proof["piece"], proof["certificate"], *proof["access"],
                 *proof["invitations"], proof["minutes"]):
        assert str(Path(path).relative_to(proof["data"])) in files, path
    assert {p.suffix for p in proof["invitations"]} == {".eml", ".ics"}
    assert "Accepté Comité.eml : traité" in proof["synced"]
    assert "reponse-anais-quenardel.ics : mis de côté" in proof["synced"]
    assert any(name.startswith("boite-de-reception/processed/") for name in files)
    assert any(name.startswith("boite-de-reception/quarantine/") for name in files)


def test_the_erasure_says_what_it_removed_and_what_to_make_again(proof):
    out = proof["erased"]
    assert out.startswith(f"{NAME} (n° {proof['id']}) : effacement fait. ")
    removed = set(_listed(out, "Fichiers supprimés"))
    data = proof["data"]
    expected = {proof["charter_pdf"], proof["piece"], proof["certificate"], *proof["access"],
                *proof["invitations"], data / "boite-de-reception" / "processed" / "Accepté Comité.eml",
                data / "boite-de-reception" / "quarantine" / "reponse-anais-quenardel.ics",
                data / "boite-de-reception" / "quarantine" / "reponse-anais-quenardel.ics.why.txt"}
    assert {Path(p).resolve() for p in expected} <= {p.resolve() for p in removed}
    assert not any(Path(p).exists() for p in expected)
    assert _listed(out, "Documents collectifs à régénérer") == [proof["minutes"].resolve()]
    assert proof["after_erase"]["minutes_kept"], "a shared document is listed, never removed"
    assert set(proof["after_erase"]["traces"]) == {str(proof["minutes"].relative_to(data))}
    assert "À vérifier" not in out


def test_no_byte_of_her_is_left_in_the_database_nor_its_wal(proof):
    db = proof["db"]
    assert holds(db.read_bytes()) == []
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or holds(wal.read_bytes()) == []


def test_the_search_index_has_forgotten_her(proof):
    conn = sqlite3.connect(proof["db"])
    try:
        assert conn.execute("SELECT count(*) FROM people_fts WHERE people_fts MATCH 'quenardel'"
                            ).fetchone()[0] == 0
        # A temp vocabulary table names the index's schema: it lives in another one.
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, people_fts, 'row')")
        terms = {row[0] for row in conn.execute("SELECT term FROM temp.v")}
        assert terms, "the vocabulary is read"
        assert "quenardel" not in terms and not any("quenardel" in term for term in terms)
        assert conn.execute("SELECT count(*) FROM people WHERE id = ?", (proof["id"],)).fetchone()[0] == 0
    finally:
        conn.close()


def test_the_audit_log_keeps_her_number_only(proof):
    conn = sqlite3.connect(proof["db"])
    try:
        rows = conn.execute("SELECT * FROM audit_log").fetchall()
        about_her = conn.execute("SELECT action FROM audit_log WHERE entity = 'person' AND "
                                 "entity_id = ?", (proof["id"],)).fetchall()
    finally:
        conn.close()
    assert holds(json.dumps(rows, ensure_ascii=False).encode("utf-8")) == []
    assert {"create", "consent", "export", "erase"} <= {action for (action,) in about_her}


def test_other_records_now_say_person_erased(proof):
    store = open_store(proof["db"])
    try:
        held = store.minutes.document(proof["held"])
        notes = " ".join(item.notes for item in held.items)
        neighbours = [store.people.get(row.id).note for row in store.people.page(limit=100).rows]
    finally:
        store.close()
    assert "[personne effacée] présente le livret d’accueil ([personne effacée])." in notes
    assert "En binôme avec [personne effacée] pour l’accueil" in neighbours


def test_once_the_shared_pdfs_are_made_again_no_file_names_her(proof):
    assert proof["remade"].startswith("Compte rendu : ")
    assert "[personne effacée]" in pdf_text(proof["minutes"])
    assert traces(proof["data"]) == {}
    assert traces(proof["inbox"]) == {}
    # The log names ids and counts, never people.
    assert traces(proof["logs"]) == {}


# ---- refusals: exit 2, nothing changed -----------------------------------------------------


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def homonyms(db: Path) -> str:
    store = open_store(db)
    try:
        names = [row.full_name for row in store.people.page(limit=200).rows]
    finally:
        store.close()
    last = [name.split()[-1] for name in names]
    return next(word for word in last if last.count(word) > 1)


@pytest.mark.parametrize("verb", ["erase", "export"])
def test_an_unknown_or_ambiguous_person_is_refused_and_nothing_changes(capsys, db, verb, isolated_folders):
    before = dump(db)
    extra = ("--yes",) if verb == "erase" else ()
    code, out, err = in_process(capsys, "privacy", verb, "Zorglub", *extra, "--db", str(db))
    assert (code, out) == (2, "")
    assert err == ("comite : Aucune personne ne correspond à « Zorglub » (voir « comite ls people "
                   "--search … »).\n")
    last = homonyms(db)
    code, out, err = in_process(capsys, "privacy", verb, last, *extra, "--db", str(db))
    assert (code, out) == (2, "")
    assert err.startswith(f"comite : Aucune personne n’a exactement « {last} » pour nom ou e-mail ; "
                          "voulez-vous dire : ")
    assert err.count("(n° ") >= 2 and err.rstrip().endswith("? Donnez son numéro.")
    code, _out, err = in_process(capsys, "privacy", verb, "999999", *extra, "--db", str(db))
    assert code == 2 and "Aucune personne n° 999999" in err
    assert dump(db) == before
    assert not (isolated_folders / "xdg_data_home" / "comite" / "exports").exists()


def test_erase_without_yes_and_without_a_keyboard_shows_the_plan_and_refuses(capsys, db):
    store = open_store(db)
    try:
        person = next(row for row in store.people.page(limit=200).rows
                      if store.recruitment.of_person(row.id) and store.trainings.of_person(row.id))
    finally:
        store.close()
    before = dump(db)
    code, out, err = in_process(capsys, "privacy", "erase", str(person.id), "--db", str(db))
    assert code == 2
    assert out.startswith(f"{person.full_name} (n° {person.id}) — l’effacement supprimera :")
    assert "  candidatures (avec parcours, critères cochés et avis) : 1" in out
    assert "  formations : 1" in out and "  note de santé : oui" in out
    assert err == ("comite : Rien n’a été effacé : la confirmation se tape au clavier. Dans un "
                   "script, ajoutez --yes.\n")
    assert dump(db) == before


class Keyboard(io.StringIO):
    """Someone at the keyboard, typing `text`."""

    def isatty(self) -> bool:
        return True


def test_erase_asks_for_the_name_or_oui_and_only_then_erases(capsys, db, monkeypatch):
    store = open_store(db)
    try:
        first, second = store.people.page(limit=2).rows
    finally:
        store.close()
    before = dump(db)
    monkeypatch.setattr("sys.stdin", Keyboard("non\n"))
    code, out, err = in_process(capsys, "privacy", "erase", str(first.id), "--db", str(db))
    assert code == 2 and "Pour confirmer, tapez son nom" in out and err == "Rien n’a été effacé.\n"
    assert dump(db) == before

    monkeypatch.setattr("sys.stdin", Keyboard(first.full_name.upper() + "\n"))
    code, out, _err = in_process(capsys, "privacy", "erase", str(first.id), "--db", str(db))
    assert code == 0 and f"{first.full_name} (n° {first.id}) : effacement fait." in out
    monkeypatch.setattr("sys.stdin", Keyboard("oui\n"))
    code, out, _err = in_process(capsys, "privacy", "erase", second.email or str(second.id), "--db", str(db))
    assert code == 0 and f"{second.full_name} (n° {second.id}) : effacement fait." in out
    store = open_store(db)
    try:
        assert {row.id for row in store.people.page(limit=200).rows}.isdisjoint({first.id, second.id})
    finally:
        store.close()


def test_a_person_is_found_by_reference_and_by_email(capsys, db, tmp_path):
    store = open_store(db)
    try:
        row = next(r for r in store.people.page(limit=50).rows if r.email)
        uid = store.people.get(row.id).uid
    finally:
        store.close()
    for text in (uid.upper(), row.email.upper(), row.full_name.lower()):
        code, out, err = in_process(capsys, "privacy", "export", text, "--out", str(tmp_path),
                                    "--db", str(db))
        assert code == 0, err
        assert out.startswith(f"Droit d’accès — {row.full_name} (n° {row.id}) :")


def add_people(db: Path, *people: PersonInput) -> list[int]:
    store = open_store(db)
    try:
        return [store.people.create(person).id for person in people]
    finally:
        store.close()


def test_only_an_exact_address_or_name_is_taken_near_ones_are_listed(capsys, db, tmp_path):
    """« chevalier@example.org » is nobody's address: the example's Inès Chevalier has
    chevalier.ines.…@example.org, and erasing her in its place would be final."""
    store = open_store(db)
    try:
        [row] = store.people.page("chevalier", limit=5).rows
    finally:
        store.close()
    assert row.full_name == "Inès Chevalier" and row.email.startswith("chevalier.ines.")
    ines = row.id
    before = dump(db)
    code, out, err = in_process(capsys, "privacy", "erase", "chevalier@example.org", "--yes",
                                "--db", str(db))
    assert (code, out) == (2, "")
    assert err.startswith("comite : Aucune personne n’a exactement « chevalier@example.org » pour "
                          "nom ou e-mail ; voulez-vous dire : ")
    assert f"Inès Chevalier (n° {ines})" in err and err.endswith(" ? Donnez son numéro.\n")
    code, _out, err = in_process(capsys, "privacy", "erase", "Inès Chevali", "--yes", "--db", str(db))
    assert code == 2 and f"Inès Chevalier (n° {ines})" in err
    assert dump(db) == before
    for exact in ("CHEVALIER ines", "ines  chevalier", row.email.title(), str(ines)):
        code, out, err = in_process(capsys, "privacy", "export", exact, "--out", str(tmp_path),
                                    "--db", str(db))
        assert code == 0, (exact, err)
        assert out.startswith(f"Droit d’accès — Inès Chevalier (n° {ines}) :")


def test_two_people_of_the_same_name_or_address_are_refused_by_name(capsys, db):
    first, second = add_people(
        db, PersonInput(last_name="Quenardel", first_name="Anaïs", email="aq@example.org"),
        PersonInput(last_name="Quenardel", first_name="Anais", email="AQ@example.org"))
    before = dump(db)
    for text in ("anais quenardel", "aq@example.org"):
        code, out, err = in_process(capsys, "privacy", "erase", text, "--yes", "--db", str(db))
        assert (code, out) == (2, "")
        assert err.startswith(f"comite : Plusieurs personnes correspondent à « {text} » : ")
        assert f"(n° {first})" in err and f"(n° {second})" in err
    assert dump(db) == before


def hold_the_log(db: Path) -> sqlite3.Connection:
    """Another program reading the database: the write-ahead log cannot be emptied."""
    other = sqlite3.connect(db)
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM people").fetchone()
    return other


def test_a_file_that_will_not_go_and_a_held_log_are_said_with_what_to_do(capsys, db,
                                                                          isolated_folders):
    """The database part is done and cannot be run again: every other file still goes, the one
    that would not is named for the coordinator to delete by hand; while comite is open
    elsewhere, the erased bytes wait in the -wal file until it closes."""
    [her] = add_people(db, PersonInput(last_name="Quenardel", first_name="Anaïs", email=EMAIL))
    exports = isolated_folders / "xdg_data_home" / "comite" / "exports"
    stuck = exports / "verrou" / "acces-anais-quenardel.json"
    gone = exports / "droit-d-acces" / "acces-anais-quenardel.json"
    for path in (stuck, gone):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
    other = hold_the_log(db)
    try:
        with undeletable(stuck):
            code, out, err = in_process(capsys, "privacy", "erase", str(her), "--yes", "--db", str(db))
    finally:
        other.close()
    assert code == 1
    assert err == ("comite : effacement incomplet, 1 fichier à supprimer à la main (voir "
                   "ci-dessus).\n")
    assert out.startswith(f"{NAME} (n° {her}) : effacement fait.")
    assert ("comite est ouvert ailleurs : fermez-le pour que les dernières traces quittent le "
            "journal de la base") in out
    assert _listed(out, "Fichiers supprimés") == [gone.resolve()] and not gone.exists()
    assert [line.strip() for line in out.splitlines()
            if line.startswith("  ") and "verrou" in line] == [f"{stuck.resolve()}  (accès refusé)"]
    assert any(line.startswith("À supprimer à la main (1) — ") for line in out.splitlines())


def test_privacy_needs_an_existing_database_and_a_verb(capsys, tmp_path):
    absent = tmp_path / "aucune.sqlite"
    code, _out, err = in_process(capsys, "privacy", "queue", "--db", str(absent))
    assert code == 2 and "n’existe pas" in err and not absent.exists()
    with pytest.raises(SystemExit) as exit_:
        main(["privacy"])
    assert exit_.value.code == 2 and "arguments obligatoires manquants" in capsys.readouterr().err


# ---- retention queue and policy ------------------------------------------------------------


def test_the_queue_brings_up_the_candidate_not_retained_long_ago(capsys, db):
    code, out, _err = in_process(capsys, "privacy", "queue", "--json", "--db", str(db))
    assert code == 0
    rows = json.loads(out)
    assert rows and set(rows[0]) == {"id", "name", "reason", "label", "since", "months", "proposal"}
    old = next(row for row in rows if row["reason"] == "not_retained")
    assert (old["proposal"], old["months"], old["label"]) == ("erase", 24, "Candidature non retenue")
    code, text, _err = in_process(capsys, "privacy", "queue", "--db", str(db))
    line = next(line for line in text.splitlines() if line.startswith(f"{old['id']}\t"))
    assert line.split("\t")[1:] == [old["name"], "Candidature non retenue",
                                    f"depuis le {date.fromisoformat(old['since']):%d/%m/%Y}",
                                    f"à effacer (comite privacy erase {old['id']})"]


def test_the_policy_is_shown_set_and_checked(capsys, db):
    code, out, _err = in_process(capsys, "privacy", "policy", "--db", str(db))
    assert code == 0 and out == ("Candidature non retenue : effacement proposé 24 mois après la "
                                 "décision.\nSans activité : revue proposée après 36 mois.\n")
    code, out, _err = in_process(capsys, "privacy", "policy", "--non-retenu", "60", "--db", str(db))
    assert code == 0 and out.splitlines() == [
        "Durées de conservation enregistrées.",
        "Candidature non retenue : effacement proposé 60 mois après la décision.",
        "Sans activité : revue proposée après 36 mois."]
    code, out, _err = in_process(capsys, "privacy", "queue", "--json", "--db", str(db))
    assert [row for row in json.loads(out) if row["reason"] == "not_retained"] == [], \
        "decided against 800 days ago: within 60 months, kept"
    before = dump(db)
    code, out, err = in_process(capsys, "privacy", "policy", "--inactif", "0", "--db", str(db))
    assert (code, out, err) == (2, "", "comite : Une durée de conservation va de 1 à 240 mois.\n")
    with pytest.raises(SystemExit) as exit_:
        main(["privacy", "policy", "--inactif", "trois", "--db", str(db)])
    assert exit_.value.code == 2
    assert "nombre entier attendu" in capsys.readouterr().err
    assert dump(db) == before


# ---- the screens say the same ---------------------------------------------------------------


async def test_the_screens_name_the_files_left_and_the_held_log(demo_store, tmp_path):
    from textual.widgets import Button, Static

    from comite.tui.dialogs.confirm import ConfirmScreen
    from comite.tui.dialogs.info import InfoScreen
    from comite.tui.screens.retention import RetentionScreen

    [case] = demo_store.privacy.retention_queue(TODAY)
    exports = Settings().folder("exports") / "verrou"
    exports.mkdir(parents=True)
    stuck = exports / f"acces-{slug(case.person_name)}.json"
    stuck.write_text("{}", encoding="utf-8")
    other = hold_the_log(tmp_path / "comite.sqlite")
    app = make_app(demo_store, watch_inbox=False)
    try:
        with undeletable(stuck):
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.press("3", "ctrl+r")
                await wait_for(pilot, lambda: isinstance(app.screen, RetentionScreen))
                await pilot.press("E")
                await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
                app.screen.query_one("#yes", Button).focus()
                await pilot.press("enter")
                await wait_for(pilot, lambda: isinstance(app.screen, InfoScreen)
                               and app.screen.query(".info-lines Static"), timeout=20)
                lines = str(app.screen.query_one(".info-lines Static", Static).render())
                toast = [str(n.message) for n in notifications(app)][-1]
    finally:
        other.close()
    assert f"  {stuck.resolve()} (accès refusé)" in lines.splitlines()
    assert "supprimez-les à la main" in lines
    held = ("comite est ouvert ailleurs : fermez-le pour que les dernières traces quittent le "
            "journal de la base.")
    assert held in lines and held in toast
    assert "1 fichier n’a pas pu être supprimé : à supprimer à la main." in toast


async def test_keeping_a_candidacy_not_retained_says_its_own_duration(demo_store):
    from comite.tui.screens.retention import RetentionScreen

    [case] = demo_store.privacy.retention_queue(TODAY)
    assert case.reason.value == "not_retained"
    demo_store.privacy.set_policy(18, 48)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, RetentionScreen))
        await pilot.press("k")
        await wait_for(pilot, lambda: any("est gardé(e)" in str(n.message)
                                          for n in notifications(app)))
        said = [str(n.message) for n in notifications(app) if "est gardé(e)" in str(n.message)]
    assert said == [f"{case.person_name} est gardé(e) : à réexaminer dans 18 mois s’il ne se passe "
                    "rien d’ici là."]
