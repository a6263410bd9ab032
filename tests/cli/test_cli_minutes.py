"""`comite export minutes` and the minutes part of `comite show meeting`, through the real
`main()` on a database filled with the example, its PDFs read back with pypdf."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from comite.cli.main import main
from comite.kernel.plural import count
from comite.store import open_store
from comite.usecases.settings import Settings, save
from tests.cli.run import in_process
from tests.exports.pdf_pages import assert_renders_well, flat, reader, texts

POLL = "Prochain comité des usagers"
CONVENED = "CDU — réunion trimestrielle"
HELD = "Comité des usagers — bilan de l’année"
SPRING = "Comité des usagers — printemps"
CONFIDENTIAL = "réclamation n° 4"
AGENDA_KEYS = {"position", "kind", "title", "presenter", "duration_minutes", "purpose", "participation",
               "notes"}
ATTENDANCE_KEYS = {"name", "person_id", "seat", "side", "announced", "status", "confirmed",
                   "represented_by", "arrived_at", "left_at", "turns"}
CONCLUSION_KEYS = {"uid", "kind", "text", "owner", "due_on", "status"}
COORDINATOR = {"coordinator_name": "Claire Coordination", "coordinator_email": "coordination@example.org"}


@pytest.fixture(scope="module")
def ids(demo_db) -> dict[str, int]:
    store = open_store(demo_db)
    try:
        return {meeting.title: meeting.id for meeting in store.meetings.all()}
    finally:
        store.close()




def show(capsys, db: Path, meeting: int) -> dict:
    code, out, err = in_process(capsys, "show", "meeting", str(meeting), "--json", "--db", str(db))
    assert code == 0, err
    return json.loads(out)


def exports_folder(home: Path) -> Path:
    return home / "xdg_data_home" / "comite" / "exports"


# ---- export minutes --------------------------------------------------------------------------


def test_export_minutes_writes_the_full_pdf_in_the_exports_folder(capsys, db, ids, isolated_folders,
                                                                  tmp_path):
    code, out, err = in_process(capsys, "export", "minutes", str(ids[HELD]), "--db", str(db))
    assert code == 0, err
    path = exports_folder(isolated_folders) / "compte-rendu-comite-des-usagers-bilan-de-lannee.pdf"
    assert out == f"Compte rendu : {path}\n"
    pdf = reader(path)
    assert pdf.metadata.title == f"Compte rendu — {HELD}"
    assert pdf.metadata.author == "MSP des Tilleuls"
    text = flat("\n".join(texts(path)))
    record = show(capsys, db, ids[HELD])
    for attendee in record["attendance"]:
        assert attendee["name"] in text
    for conclusion in record["conclusions"] + record["carried"]:
        assert conclusion["text"] in text
    for words in ("Nom Siège Présence", "Suite donnée aux conclusions précédentes", "reportée ×1",
                  "Relevé de conclusions", "N° Nature Conclusion Qui Échéance", "Quorum atteint"):
        assert words in text, words
    assert CONFIDENTIAL not in text
    assert assert_renders_well(path, tmp_path, "cli") == len(pdf.pages)


def test_export_minutes_easy_variant(capsys, db, ids, tmp_path):
    target = tmp_path / "facile.pdf"
    code, out, err = in_process(capsys, "export", "minutes", str(ids[HELD]), "--variant", "easy", "--out",
                                str(target), "--db", str(db))
    assert code == 0, err
    assert out == f"Compte rendu facile à lire : {target}\n"
    text = flat("\n".join(texts(target)))
    assert text.index("Ce que nous avons décidé") < text.index("Qui était là ?")
    assert CONFIDENTIAL not in text


def test_export_minutes_confidential_is_the_internal_copy(capsys, db, ids, isolated_folders):
    code, out, err = in_process(capsys, "export", "minutes", str(ids[HELD]), "--confidential",
                                "--db", str(db))
    assert code == 0, err
    path = exports_folder(isolated_folders) / "compte-rendu-comite-des-usagers-bilan-de-lannee-interne.pdf"
    assert out == f"Compte rendu, version interne (à ne pas diffuser) : {path}\n"
    text = flat("\n".join(texts(path)))
    assert CONFIDENTIAL in text and "Confidentiel — ne pas diffuser" in text
    assert reader(path).metadata.title.startswith("Version interne — contient des passages confidentiels")


def test_export_minutes_names_the_speakers_only_when_asked(capsys, db, ids, isolated_folders):
    """Issue 16: the floor by side always; each speaker's turns with --parole-nominative, in a
    file whose name says so, next to the usual one and never in its place."""
    code, out, err = in_process(capsys, "export", "minutes", str(ids[HELD]), "--db", str(db))
    assert code == 0, err
    plain = exports_folder(isolated_folders) / "compte-rendu-comite-des-usagers-bilan-de-lannee.pdf"
    code, out, err = in_process(capsys, "export", "minutes", str(ids[HELD]), "--parole-nominative",
                                "--db", str(db))
    assert code == 0, err
    named = plain.with_name("compte-rendu-comite-des-usagers-bilan-de-lannee-parole-nominative.pdf")
    assert out == f"Compte rendu, prises de parole nominatives : {named}\n"
    speakers = {a["name"] for a in show(capsys, db, ids[HELD])["attendance"] if a["turns"]}
    assert speakers, "the example counted turns"
    by_side, with_names = (flat("\n".join(texts(path))) for path in (plain, named))
    for text in (by_side, with_names):
        assert "Prises de parole Les tours de parole notés" in text
        assert "Point Usagers Professionnels Autres Total" in text and "Toute la réunion" in text
    assert "Par personne" not in by_side
    floor = with_names[with_names.index("Par personne"):with_names.index("Relevé de conclusions")]
    assert all(name in floor for name in speakers)


def test_export_minutes_to_markdown_with_the_speakers_named(capsys, db, ids, tmp_path):
    target = tmp_path / "compte-rendu.md"
    code, out, err = in_process(capsys, "export", "minutes", str(ids[HELD]), "--out", str(target),
                                "--parole-nominative", "--db", str(db))
    assert code == 0, err
    assert out == f"Compte rendu, prises de parole nominatives : {target}\n"
    assert "## Prises de parole" in target.read_text(encoding="utf-8")
    assert "| Nom" in target.read_text(encoding="utf-8").split("## Prises de parole")[1]


def test_export_minutes_to_markdown(capsys, db, ids, tmp_path):
    target = tmp_path / "compte-rendu.md"
    code, out, err = in_process(capsys, "export", "minutes", str(ids[HELD]), "--out", str(target),
                                "--db", str(db))
    assert code == 0, err
    assert out == f"Compte rendu : {target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"# Compte rendu — {HELD}\n")
    assert "| Nom " in text and "## Relevé de conclusions" in text and CONFIDENTIAL not in text
    # The confidential passage never goes into a text meant for an e-mail (L. 1112-3 CSP).
    before = target.read_bytes()
    code, out, err = in_process(capsys, "export", "minutes", str(ids[HELD]), "--out", str(target),
                                "--confidential", "--db", str(db))
    assert (code, out) == (2, "")
    assert "secret professionnel" in err and "Traceback" not in err
    assert target.read_bytes() == before


def test_the_internal_copy_says_secrecy_on_every_page_and_is_logged(capsys, db, ids, tmp_path):
    target = tmp_path / "interne.pdf"
    code, _out, err = in_process(capsys, "export", "minutes", str(ids[HELD]), "--out", str(target),
                                 "--confidential", "--db", str(db))
    assert code == 0, err
    pages = texts(target)
    whole = "Document couvert par le secret professionnel (art. L. 1112-3 du code de la santé publique)"
    assert len(pages) > 1 and all(whole in page for page in pages), "said whole on every page"
    assert CONFIDENTIAL in flat("\n".join(pages))
    store = open_store(db)
    try:
        trail = store.minutes.confidential_trail(ids[HELD])
    finally:
        store.close()
    assert [(entry.action, entry.entity) for entry in trail] == [("export", "minutes")]


def test_signed_minutes_print_their_signers(capsys, db, ids, tmp_path):
    target = tmp_path / "printemps.pdf"
    code, _out, err = in_process(capsys, "export", "minutes", str(ids[SPRING]), "--out", str(target),
                                 "--db", str(db))
    assert code == 0, err
    text = flat("\n".join(texts(target)))
    for signature in show(capsys, db, ids[SPRING])["minutes"]["signatures"]:
        assert f"{signature['signer']}, le " in text


@pytest.mark.parametrize(("args", "says"), [
    (("minutes", POLL), "Le compte rendu suit une réunion tenue"),
    (("minutes", HELD, "--variant", "easy", "--confidential"), "ne contient jamais de passage confidentiel"),
    (("minutes", HELD, "--variant", "easy", "--out", "{tmp}/facile.md"), "n’existe qu’en PDF"),
    (("convocations", CONVENED, "--variant", "easy"), "ne servent qu’au compte rendu"),
    (("invitations", CONVENED, "--parole-nominative"), "ne servent qu’au compte rendu"),
    (("minutes", HELD, "--variant", "easy", "--parole-nominative"), "ne nomme personne"),
    (("minutes", SPRING, "--send", "--parole-nominative"), "--parole-nominative"),
    (("minutes", SPRING, "--send", "--out", "{tmp}/printemps.pdf"), "ne se combine pas avec --out"),
    (("minutes", SPRING, "--send", "--variant", "easy"), "ne se combine pas avec --out"),
    (("minutes", HELD, "--send"), "encore un brouillon"),
    (("minutes", "999999"), "Aucune réunion n° 999999"),
])
def test_refusals_are_french_exit_2_and_write_nothing(capsys, db, ids, tmp_path, isolated_folders, args,
                                                      says):
    what, meeting, *rest = args
    rest = [part.format(tmp=tmp_path) for part in rest]
    code, out, err = in_process(capsys, "export", what, str(ids.get(meeting, meeting)), *rest,
                                "--db", str(db))
    assert code == 2, err
    assert out == "" and err.startswith("comite : ") and says in err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.md"))
    exported = exports_folder(isolated_folders)
    assert not exported.exists() or not any(exported.iterdir())


# ---- sending the minutes to the members ------------------------------------------------------


def outbox_minutes(home: Path) -> Path:
    [folder] = (home / "xdg_data_home" / "comite" / "boite-d-envoi").glob("*/compte-rendu")
    return folder


def test_export_minutes_send_reaches_every_member_once(capsys, db, ids, isolated_folders,
                                                       smtp_server):
    controller, inbox = smtp_server()
    save(Settings(**COORDINATOR, smtp_host=controller.hostname, smtp_port=str(controller.port),
                  smtp_security="none"))
    store = open_store(db)
    try:
        recipients = store.minutes_mail.recipients(ids[SPRING])
    finally:
        store.close()
    with_email = sorted(r.email for r in recipients if r.email)
    without = [r.name for r in recipients if not r.email]

    code, out, err = in_process(capsys, "export", "minutes", str(ids[SPRING]), "--send", "--db",
                                str(db))

    assert code == 0, err
    folder = outbox_minutes(isolated_folders)
    assert out.splitlines() == [
        f"Compte rendu : {exports_folder(isolated_folders)}/compte-rendu-comite-des-usagers-printemps.pdf",
        f"Messages aux membres (signé) : {len(with_email)} e-mails, "
        f"{count(len(without), 'lettre', 'lettres')} à imprimer",
        f"E-mails dans {folder}",
        f"Lettres à imprimer : {folder}/lettres-signe.pdf ({', '.join(without)})",
        f"{len(with_email)} messages envoyés sur {len(with_email)}."]
    assert sorted(e.rcpt_tos[0] for e in inbox.received) == with_email
    assert all(e.mail_from == COORDINATOR["coordinator_email"] for e in inbox.received)
    assert len(texts(folder / "lettres-signe.pdf")) > 1

    code, out, err = in_process(capsys, "export", "minutes", str(ids[SPRING]), "--send", "--db",
                                str(db))
    assert code == 0, err
    assert "rien de nouveau" in out and len(inbox.received) == len(with_email), "never twice"


def test_export_minutes_writes_the_messages_and_send_without_a_server_keeps_them(
        capsys, db, ids, isolated_folders):
    save(Settings(**COORDINATOR))
    code, out, err = in_process(capsys, "export", "minutes", str(ids[SPRING]), "--db", str(db))
    assert code == 0, err
    folder = outbox_minutes(isolated_folders)
    assert f"Lettres à imprimer : {folder}/lettres-signe.pdf" in out
    written = sorted(p.name for p in folder.glob("*.eml"))
    assert written and all(name.startswith("signe-") for name in written)

    code, _out, err = in_process(capsys, "export", "minutes", str(ids[SPRING]), "--send", "--db",
                                 str(db))
    assert code == 1
    assert ("Aucun serveur d’envoi n’est réglé (F2 dans l’application) : les messages attendent "
            "dans la boîte d’envoi.") in err
    assert sorted(p.name for p in folder.glob("*.eml")) == written, "kept, to send later"


def test_export_minutes_out_writes_the_document_only(capsys, db, ids, isolated_folders, tmp_path):
    save(Settings(**COORDINATOR))
    code, out, err = in_process(capsys, "export", "minutes", str(ids[SPRING]), "--out",
                                str(tmp_path / "printemps.pdf"), "--db", str(db))
    assert code == 0, err
    assert out == f"Compte rendu : {tmp_path / 'printemps.pdf'}\n"
    assert not (isolated_folders / "xdg_data_home" / "comite" / "boite-d-envoi").exists()


def test_a_bad_variant_is_refused_by_the_parser(capsys, db, ids):
    with pytest.raises(SystemExit) as stopped:
        main(["export", "minutes", str(ids[HELD]), "--variant", "court", "--db", str(db)])
    assert stopped.value.code == 2
    assert "choix invalide" in capsys.readouterr().err


# ---- show meeting ----------------------------------------------------------------------------


def test_show_json_gives_the_agenda_attendance_quorum_minutes_and_conclusions(capsys, demo_db, ids):
    record = show(capsys, demo_db, ids[HELD])
    assert [item["position"] for item in record["agenda"]] == list(range(1, len(record["agenda"]) + 1))
    assert all(set(item) == AGENDA_KEYS for item in record["agenda"])
    assert record["agenda"][0]["kind"] == "adoption"
    assert {item["purpose"] for item in record["agenda"]} <= {"information", "consultation", "decision"}
    assert any(item["notes"] for item in record["agenda"])
    assert CONFIDENTIAL not in json.dumps(record, ensure_ascii=False)
    assert "confidential_notes" not in json.dumps(record)
    attendance = record["attendance"]
    assert attendance and all(set(a) == ATTENDANCE_KEYS for a in attendance)
    substituted = [a for a in attendance if a["status"] == "substituted"]
    assert substituted and all(a["represented_by"] for a in substituted)
    present = [a for a in attendance if a["status"] == "present"]
    assert {a["seat"] for a in present} >= {"titulaire", "suppleant"}
    assert all(datetime.fromisoformat(a["arrived_at"]).tzinfo for a in present)
    assert len([a for a in present if a["left_at"]]) == 1
    assert {a["announced"] for a in attendance} <= {"announced", "excused", "no_answer"}
    assert {a["side"] for a in attendance} <= {"users", "professionals", "others"}
    floor = record["floor"]
    assert set(floor) == {"users", "professionals", "others"} and floor["users"] > 0
    assert sum(a["turns"] for a in attendance) == sum(floor.values())
    assert all(a["turns"] == 0 for a in attendance if a["status"] != "present")
    quorum = record["quorum"]
    assert quorum["reached"] is (quorum["covered"] >= quorum["needed"]) and quorum["seats"] > 0
    assert record["minutes"] == {"status": "draft", "remarks_until": None, "adopted_in": None,
                                 "signatures": []}
    assert all(set(c) == CONCLUSION_KEYS for c in record["conclusions"])
    assert {c["kind"] for c in record["conclusions"]} == {"action", "decision"}
    assert "le comité" in {c["owner"] for c in record["conclusions"]}
    carried = record["carried"]
    assert all(set(c) == CONCLUSION_KEYS | {"opened_in", "times"} for c in carried)
    assert {c["opened_in"]["title"] for c in carried} == {SPRING}
    assert {c["opened_in"]["id"] for c in carried} == {ids[SPRING]}
    assert all(c["times"] == 1 for c in carried)
    assert {c["status"] for c in carried} == {"open", "done"}
    assert record["description"].startswith("Nous ferons le bilan")


def test_show_json_of_the_signed_minutes_and_of_a_poll(capsys, demo_db, ids):
    spring = show(capsys, demo_db, ids[SPRING])["minutes"]
    assert spring["status"] == "signed"
    assert spring["adopted_in"] == {"id": ids[HELD], "title": HELD}
    assert [s["capacity"] for s in spring["signatures"]] == ["Président(e)", "Secrétaire de séance"]
    assert all(date.fromisoformat(s["signed_on"]) for s in spring["signatures"])
    poll = show(capsys, demo_db, ids[POLL])
    # Nobody can be present at a meeting whose date is not chosen yet.
    assert poll["attendance"] == [] and poll["quorum"] is None
    assert poll["agenda"] and poll["conclusions"] == []
    convened = show(capsys, demo_db, ids[CONVENED])
    assert convened["attendance"] and not any(a["confirmed"] for a in convened["attendance"])


def test_show_text_gives_the_agenda_and_the_conclusions_briefly(capsys, demo_db, ids):
    record = show(capsys, demo_db, ids[HELD])
    code, out, err = in_process(capsys, "show", "meeting", str(ids[HELD]), "--db", str(demo_db))
    assert code == 0, err
    lines = out.splitlines()
    start = lines.index("Ordre du jour :")
    for offset, item in enumerate(record["agenda"], start=1):
        assert lines[start + offset].startswith(f"  {item['position']}. {item['title']} (")
    assert "Suite donnée aux conclusions précédentes :" in lines
    assert any(line.startswith("  - ") and "reportée ×1" in line for line in lines)
    conclusions = lines[lines.index("Conclusions :") + 1:]
    for conclusion in record["conclusions"]:
        assert any(conclusion["text"] in line for line in conclusions)
    assert any(line.startswith("Compte rendu : Brouillon · ") and "Quorum atteint" in line for line in lines)
    assert CONFIDENTIAL not in out
    for english in ("draft", "open", "action", "decision", "None"):
        assert f" {english}" not in out
