"""The right of access: `comite privacy export PERSON` writes one JSON and one readable PDF with
everything held about the person. Real database (the example, plus a person who has a bit of
everything), the JSON parsed back, the PDF read back by pypdf and rendered by pdfium."""

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from comite.cli.main import main
from comite.kernel import clock
from comite.store import MembershipInput, PersonInput, Store, open_store
from comite.store.demo import fill_small
from comite.store.expenses import ExpenseInput
from comite.store.involvement_models import ActionKind
from comite.store.meeting_models import Answer
from comite.store.recruitment_models import Stage
from tests.exports.pdf_pages import assert_renders_well, flat, reader, texts

TODAY = date(2026, 11, 23)
HOSTILE_LAST_NAME = "Ménard & <b>Fils</b>"
ASSOCIATION = "Diabète & <i>Vous</i> <br/>"
SIGNATORY = "Dr Hélène Kervella"
VOTE_COMMENT = "Plutôt en fin de journée"
EXPENSE_OTHER = "2,20"
SECTIONS = ("personne", "note_de_sante", "consentements", "comites", "candidatures", "formations",
            "chartes", "reunions", "conclusions_a_sa_charge", "avis_donnes", "journal")


def give_everything(store: Store, person_id: int, today: date) -> dict[str, object]:
    """A seat, a charter signed on paper by the person, an answer to a date poll: with what the
    example gives a candidate in training (candidacy, opinions, training, consents, health
    note), every section of the report has something. Returns what to look for."""
    from comite.exports.pdf.charter import render_charter
    from comite.sync.charter_catalog import load_catalog

    committee = next(c.committee for c in store.committees.all() if c.committee.name == "Comité des usagers")
    store.memberships.add(committee.id, person_id,
                          MembershipInput(designated_by="Assemblée de l’association"))
    catalog = load_catalog(Path("/nonexistent-user-templates"))
    store.charters.sync_catalog(catalog.templates, keep=catalog.held)
    draft = store.charters.draft(person_id, committee.id, "patient-partenaire",
                                 {"team_signatory": SIGNATORY}, today)
    charter = store.charters.record(draft, hashlib.sha256(render_charter(draft)).hexdigest())
    person = store.people.get(person_id)
    store.charters.sign(charter.id, "person", "paper", person.full_name, clock.today())
    poll = next(m for m in store.meetings.all() if m.title == "Prochain comité des usagers")
    invitee = store.meetings.invite(poll.id, person_id)
    slot = store.meetings.detail(poll.id).slots[0]
    store.meetings.record_vote(invitee.id, slot.id, Answer.YES, comment=VOTE_COMMENT)
    # Her travel to the MSP on a day of her own, and the workshop she helped lead.
    msp = next(s for s in store.structures.all() if s.name == "MSP des Tilleuls")
    store.expenses.create(person_id, ExpenseInput(spent_on=today, structure_id=msp.id, km="18",
                                                  other=EXPENSE_OTHER, other_label="Ticket de bus"))
    action = next(a for a in store.involvement.of_year(msp.id, today.year)
                  if a.kind is ActionKind.ETP_WORKSHOP)
    store.involvement.add_participant(action.id, person_id)
    return {"charter_uid": charter.uid, "committee": committee.name, "meeting": poll.title,
            "action": action.title}


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> dict[str, object]:
    """The example database with one candidate in training given a bit of everything, renamed
    with characters the PDF's markup must not take as markup."""
    path = tmp_path_factory.mktemp("acces") / "comite.sqlite"
    store = open_store(path)
    try:
        fill_small(store, TODAY)
        person_id = store.recruitment.board()[Stage.TRAINING][0].person_id
        before = store.people.get(person_id)
        store.people.update(person_id, PersonInput(
            last_name=HOSTILE_LAST_NAME, first_name=before.first_name, email=before.email,
            phone=before.phone, association=ASSOCIATION, roles=before.roles,
            birth_year=before.birth_year, sex=before.sex, territory=before.territory,
            lived_as=before.lived_as))
        found = give_everything(store, person_id, TODAY)
        health = store.consents.reveal_health_note(person_id)
        consent = store.consents.active(person_id, "health")
        return {**found, "db": path, "person_id": person_id, "health": health,
                "consent_text": consent.text, "consent_version": consent.version,
                "name": f"{before.first_name} {HOSTILE_LAST_NAME}"}
    finally:
        store.close()


def export(capsys, scenario, out: Path, *extra: str) -> tuple[Path, Path, str]:
    code = main(["privacy", "export", str(scenario["person_id"]), "--out", str(out), *extra,
                 "--db", str(scenario["db"])])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    lines = captured.out.splitlines()
    json_path = Path(next(line for line in lines if line.startswith("JSON : ")).removeprefix("JSON : "))
    pdf_path = Path(next(line for line in lines if line.startswith("PDF : ")).removeprefix("PDF : "))
    return json_path, pdf_path, captured.out


@pytest.fixture(scope="module")
def plain(tmp_path_factory, scenario):
    """The default export (no health note), made once."""
    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("acces-home")
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            patch.setenv(name, str(home / name.lower()))
        out = tmp_path_factory.mktemp("acces-out")
        code = main(["privacy", "export", str(scenario["person_id"]), "--out", str(out),
                     "--db", str(scenario["db"])])
        assert code == 0
    (json_path,) = out.glob("*.json")
    (pdf_path,) = out.glob("*.pdf")
    return json_path, pdf_path


def test_the_files_are_named_by_day_and_person_side_by_side(plain, scenario):
    json_path, pdf_path = plain
    stem = f"acces-{clock.today().isoformat()}-"
    assert json_path.name.startswith(stem) and json_path.name.endswith("-menard-b-fils-b.json")
    assert pdf_path == json_path.with_suffix(".pdf")


def test_the_json_holds_every_section_as_the_person_reads_it(plain, scenario):
    json_path, _pdf = plain
    raw = json_path.read_text(encoding="utf-8")
    assert HOSTILE_LAST_NAME in raw and "\\u00e9" not in raw, "UTF-8 as written, not escaped"
    report = json.loads(raw)
    assert set(SECTIONS) <= set(report)
    assert report["personne"]["nom"] == HOSTILE_LAST_NAME
    assert report["personne"]["association"] == ASSOCIATION
    assert [c["comite"] for c in report["comites"]] == [scenario["committee"]]
    assert report["comites"][0]["designe_par"] == "Assemblée de l’association"
    (candidacy,) = report["candidatures"]
    assert candidacy["etape"] == Stage.TRAINING.label
    assert [m["etape"] for m in candidacy["parcours"]][-1] == Stage.TRAINING.label
    assert len(candidacy["avis_de_l_equipe"]) == 2
    assert report["formations"][0]["heures"] == 24
    health = next(c for c in report["consentements"] if c["objet"] == "Informations de santé")
    assert (health["texte"], health["version"]) == (scenario["consent_text"], scenario["consent_version"])
    (charter,) = report["chartes"]
    assert charter["reference"] == scenario["charter_uid"]
    assert charter["valeurs"]["team_signatory"] == SIGNATORY
    assert [s["maniere"] for s in charter["signatures"]] == ["Sur papier"]
    (meeting,) = report["reunions"]
    assert meeting["reunion"] == scenario["meeting"]
    assert meeting["reponses_au_sondage"][0]["commentaire"] == VOTE_COMMENT
    assert {"création", "accord donné"} <= {entry["action"] for entry in report["journal"]}


def test_the_health_note_stays_out_unless_asked_for(plain, scenario, capsys, tmp_path):
    json_path, pdf_path = plain
    note = scenario["health"]
    report = json.loads(json_path.read_text(encoding="utf-8"))
    assert report["note_de_sante"]["existe"] is True and report["note_de_sante"]["texte"] is None
    assert note not in json_path.read_text(encoding="utf-8")
    pdf_text = flat(" ".join(texts(pdf_path)))
    assert flat(note) not in pdf_text
    assert "Une note de santé est enregistrée ; elle vous est remise sur demande expresse." in pdf_text

    with_note, with_pdf, out = export(capsys, scenario, tmp_path, "--sante")
    assert "note de santé comprise" in out
    assert json.loads(with_note.read_text(encoding="utf-8"))["note_de_sante"]["texte"] == note
    assert flat(note) in flat(" ".join(texts(with_pdf)))


def test_the_pdf_reads_back_with_each_section_and_the_exact_values(plain, scenario):
    _json, pdf_path = plain
    text = flat(" ".join(texts(pdf_path)))
    assert scenario["name"] in text, "the name printed as typed, markup and all"
    assert ASSOCIATION.strip() in text
    assert flat(scenario["consent_text"]) in text, "the exact text the person agreed to"
    assert f"Version du texte {scenario['consent_version']}" in text
    assert scenario["charter_uid"] in text and SIGNATORY in text
    assert VOTE_COMMENT in text and scenario["meeting"] in text
    for heading in ("Identité", "Note de santé", "Consentements", "Rôles, comités et mandats",
                    "Candidatures", "Formations", "Chartes d’engagement", "Réunions",
                    "Conclusions à votre charge", "Journal des accès et des modifications"):
        assert heading in text, heading
    assert "Avis de l’équipe" in text and "Parcours :" in text
    assert "Actions d’implication des usagers" in text and scenario["action"] in text
    # 18 km at the MSP's 0,32 €/km = 5,76 €, and the bus ticket: 7,96 €.
    assert "Frais (défraiement)" in text and "Ticket de bus" in text and "7,96" in text


def test_the_pdf_is_a_tagged_french_a4_document_with_page_numbers(plain, scenario, tmp_path):
    _json, pdf_path = plain
    pdf = reader(pdf_path)
    assert pdf.metadata.title == f"Vos données personnelles — {scenario['name']}"
    assert pdf.metadata.author == "La coordination du comité"
    assert "article 15" in pdf.metadata.subject
    assert pdf.trailer["/Root"]["/Lang"] == "fr-FR"
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    pages = texts(pdf_path)
    assert all(f"page {n} / {len(pages)}" in page for n, page in enumerate(pages, start=1))
    fonts = {font["/BaseFont"] for page in pdf.pages
             for font in page["/Resources"]["/Font"].get_object().values()}
    assert all("DejaVuSans" in str(name) for name in fonts), fonts
    assert assert_renders_well(pdf_path, tmp_path, "acces") == len(pages)


def test_each_export_is_in_the_audit_log_and_says_whether_with_the_note(plain, scenario, capsys,
                                                                       tmp_path):
    export(capsys, scenario, tmp_path, "--sante")
    store = open_store(scenario["db"])
    try:
        exports = [entry for entry in store.audit.recent(500)
                   if entry.action == "export" and entry.entity == "person"
                   and entry.entity_id == scenario["person_id"]]
        journal = store.privacy.access_report(scenario["person_id"])["journal"]
    finally:
        store.close()
    assert len(exports) >= 2
    assert exports[0].fields == ("access", "health_note")
    assert ("access",) in [entry.fields for entry in exports]
    assert sum(entry["action"] == "export (droit d’accès)" for entry in journal) >= 2


def test_an_export_for_nobody_writes_nothing(capsys, scenario, tmp_path):
    out = tmp_path / "sortie"
    code = main(["privacy", "export", "999999", "--out", str(out), "--db", str(scenario["db"])])
    err = capsys.readouterr().err
    assert code == 2 and err == "comite : Aucune personne n° 999999 (voir « comite ls people »).\n"
    assert not out.exists()


def test_the_default_folder_is_the_exports_access_folder(capsys, scenario, isolated_folders):
    code = main(["privacy", "export", str(scenario["person_id"]), "--db", str(scenario["db"])])
    out = capsys.readouterr().out
    assert code == 0
    folder = isolated_folders / "xdg_data_home" / "comite" / "exports" / "droit-d-acces"
    assert sorted(p.suffix for p in folder.iterdir()) == [".json", ".pdf"]
    assert str(folder) in out


def test_an_empty_record_says_so_in_each_section(tmp_path):
    """A person with nothing but a name: each section says it is empty rather than vanish."""
    from comite.exports.pdf.access_report import render_access_pdf

    store = open_store(tmp_path / "vide.sqlite")
    try:
        person = store.people.create(PersonInput(last_name="Seul", first_name="Sam"))
        report = store.privacy.access_report(person.id)
    finally:
        store.close()
    text = flat(" ".join(texts(render_access_pdf(report, "Coordination"))))
    for sentence in ("Aucune note de santé n’est enregistrée.", "Aucun consentement enregistré.",
                     "Vous ne siégez dans aucun comité.", "Aucune candidature enregistrée.",
                     "Aucune formation enregistrée.", "Aucune charte enregistrée.",
                     "Vous n’avez été invité(e) à aucune réunion.",
                     "Aucune conclusion à votre charge.", "Aucun frais enregistré.",
                     "Aucune action enregistrée avec vous."):
        assert sentence in text, sentence
    assert "Avis que vous avez donnés" not in text


def test_dates_are_written_out_in_french():
    from comite.exports.pdf.access_report import _text

    assert _text("2026-11-23") == "23 novembre 2026"
    assert _text("2026-11-01T17:05:00+00:00") == "1er novembre 2026 à 18\u00a0h\u00a005"
    assert _text(None) == _text("") == "—"
    assert (_text(True), _text(1.5), _text(["a", "b"])) == ("oui", "1,5", "a, b")
    assert _text("2026-13-45 pas une date") == "2026-13-45 pas une date"


def test_an_answer_given_before_its_date_moved_is_said_so_in_the_pdf(store, committee_id):
    from datetime import datetime

    from comite.exports.pdf.access_report import render_access_pdf
    from comite.store import MeetingInput

    meeting = store.meetings.create(committee_id, MeetingInput(title="Comité de mars"))
    moved = store.meetings.add_slot(meeting.id, datetime(2027, 3, 9, 18, 0))
    store.meetings.open_poll(meeting.id)
    invitee = store.meetings.detail(meeting.id).invitees[0]
    store.meetings.record_vote(invitee.id, moved.id, "yes")
    store.meetings.update_slot(moved.id, datetime(2027, 3, 10, 18, 0))
    report = store.privacy.access_report(invitee.person_id)
    text = flat(" ".join(texts(render_access_pdf(report, "Claire Coordination"))))
    assert "Oui (donnée avant que la date change : à redemander)" in text


def test_the_pdf_prints_no_code_name_even_for_a_charter_s_values(plain):
    """Every value a charter keeps is named as its template describes it, in French."""
    import re

    _json, pdf_path = plain
    text = flat(" ".join(texts(pdf_path)))
    assert not re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text)
    assert "imprimé au bas de chaque page de votre charte" in text
