"""Issue 22, item 7: the answer to a right-of-access request reads as one French letter to the
person. No code name anywhere (« substitute_for » was printed in the log), one truth per
meeting (« Réponse à l’invitation : pas de réponse » stood above a poll's « Oui »), no bare
technical id, how to have data corrected or erased, whom to ask (the structure's data-protection
contact, else the coordinator), where to complain (the CNIL), and the words about the person
agreed with their recorded sex. Real database (the example), the PDF written by the use case
and read back by pypdf."""

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from comite.store import PersonInput, Store, open_store
from comite.store.committee_models import Role
from comite.store.demo import fill_small
from comite.store.meeting_models import Answer, PartStat
from comite.usecases.privacy import export_access
from comite.usecases.settings import Settings
from tests.exports.pdf_pages import assert_renders_well, flat, texts

TODAY = date(2026, 11, 23)
POLL = "Prochain comité des usagers"
HELD = "Comité des usagers — bilan de l’année"
CONVENED = "CDU — réunion trimestrielle"
CNIL = ("Commission nationale de l’informatique et des libertés (CNIL), 3 place de Fontenoy, "
        "TSA 80715, 75334 Paris Cedex 07, www.cnil.fr")
CORRECT_OR_ERASE = ("Vous pouvez demander à tout moment que l’on corrige une information inexacte "
                    "ou incomplète, ou que l’on efface vos données.")
DPO = ("Délégation à la protection des données", "dpo@msp-tilleuls.example.org", "04 65 71 20 99")
COORDINATOR = Settings(coordinator_name="Claire Lemoine", coordinator_phone="06 11 22 33 44",
                       coordinator_email="claire.lemoine@example.org")
# Every code name the database or the code uses, which the person must never read.
CODE_NAMES = {*(role.value for role in Role), "suppleant",
              *(state.value for state in PartStat), *(answer.value for answer in Answer),
              "substitute_for", "membership", "candidate", "person", "charter", "training",
              "None", "True", "False"}


def meeting_id(store: Store, title: str) -> int:
    return next(m.id for m in store.meetings.all() if m.title == title)


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> dict[str, object]:
    """The example database: a suppléant(e) of the comité des usagers who was checked in at the
    held meeting and answered « oui » to a date of the poll (the contradiction's case), and a
    suppléant(e) of the CDU who said no to its convocation."""
    path = tmp_path_factory.mktemp("acces-lecture") / "comite.sqlite"
    store = open_store(path)
    try:
        fill_small(store, TODAY)
        conn = store.db.connection()
        substitute = conn.execute(
            "SELECT i.person_id FROM invitees i JOIN meetings m ON m.id = i.meeting_id "
            "WHERE m.title = ? AND i.seat = 'suppleant' AND i.attendance = 'present'",
            (HELD,)).fetchone()[0]
        poll = store.meetings.detail(meeting_id(store, POLL))
        invitee = next(i for i in poll.invitees if i.person_id == substitute)
        store.meetings.record_vote(invitee.id, poll.slots[0].id, Answer.YES)
        convened = store.meetings.detail(meeting_id(store, CONVENED))
        declined = next(i for i in convened.invitees if i.seat.value == "suppleant")
        store.meetings.record_attendance(declined.id, PartStat.DECLINED)
        return {"db": path, "substitute": substitute, "declined": declined.person_id}
    finally:
        store.close()


def export(example, tmp_path: Path, person_id: int, *, sex: str | None = None,
           settings: Settings = COORDINATOR, dpo: str | None = None) -> str:
    """The PDF the use case writes for the person (their sex set first when given), as text."""
    store = open_store(example["db"])
    try:
        if sex is not None:
            person = store.people.get(person_id)
            store.people.update(person_id, PersonInput(
                last_name=person.last_name, first_name=person.first_name, email=person.email,
                phone=person.phone, roles=person.roles, birth_year=person.birth_year, sex=sex,
                territory=person.territory, lived_as=person.lived_as))
        for structure in store.structures.all():
            store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                                    address=structure.address, phone=structure.phone,
                                    email=structure.email, coordinator_id=structure.coordinator_id,
                                    article=structure.article, dpo_contact=dpo or "")
        done = export_access(store, replace(settings, exports=str(tmp_path)), person_id,
                             tmp_path, False, TODAY)
    finally:
        store.close()
    assert assert_renders_well(done.pdf_path, tmp_path, "acces") >= 2
    return flat(" ".join(texts(done.pdf_path)))


@pytest.mark.parametrize("who", ["substitute", "declined"])
def test_no_code_name_nor_bare_technical_id_is_printed(example, tmp_path, who):
    text = export(example, tmp_path, example[who])
    snake = re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text)
    assert not snake, snake
    words = set(re.findall(r"[\w-]+", text))
    assert not words & CODE_NAMES, words & CODE_NAMES
    assert "Référence" not in text
    assert not re.search(r"\b[0-9a-f]{8}-[0-9a-f]{4}-", text), "the record's uuid"
    # The log names the suppléance in French, where it printed « substitute_for ».
    assert "titulaire que vous suppléez" in text


def test_the_rights_are_said_with_the_cnil_and_the_data_protection_contact(example, tmp_path):
    text = export(example, tmp_path, example["substitute"], dpo="\n".join(DPO))
    assert CORRECT_OR_ERASE in text
    assert ("vous pouvez adresser une réclamation à la " + CNIL + ".") in text
    assert ("Pour vos données de la MSP des Tilleuls (maison de santé pluriprofessionnelle), "
            "adressez-vous au contact chargé de leur protection : " + ", ".join(DPO) + ".") in text
    assert COORDINATOR.coordinator_phone not in text.split("Identité")[0]
    # Abbreviations spelled out once: the first RGPD, the first MSP.
    assert text.count("RGPD (règlement général sur la protection des données)") == 1
    assert text.count("(maison de santé pluriprofessionnelle)") == 1


def test_without_a_data_protection_contact_the_coordinator_answers(example, tmp_path):
    text = export(example, tmp_path, example["substitute"])
    assert ("adressez-vous à la personne qui coordonne le comité : Claire Lemoine, "
            "06 11 22 33 44, claire.lemoine@example.org.") in text
    # No coordinator in the settings either: the structure's own phone and e-mail.
    text = export(example, tmp_path / "sans", example["substitute"], settings=Settings())
    assert re.search(r"adressez-vous à la MSP des Tilleuls : [0-9 ]+, \S+@\S+\.", text)


def test_each_meeting_says_one_thing_about_the_answer(example, tmp_path):
    text = export(example, tmp_path, example["substitute"], sex="female")
    assert "pas de réponse" not in text and "Réponse à l’invitation" not in text
    poll = text.split(POLL)[1]
    assert poll.startswith(" Date pas encore choisie Où vous en êtes La date n’est pas encore "
                           "choisie : vos réponses au sondage des dates sont ci-dessous.")
    assert "Vos réponses au sondage des dates :" in poll and " Oui " in poll
    assert "Vous étiez présente." in text.split(HELD)[1].split("Prochain")[0]
    declined = export(example, tmp_path / "cdu", example["declined"], sex="male")
    assert ("Vous avez répondu à la convocation : vous ne venez pas, vous êtes excusé."
            in declined.split(CONVENED)[1])


@pytest.mark.parametrize(("sex", "words", "not_words"), [
    ("female", ("Suppléante", "Désignée par", "Vous étiez présente.", "Patiente ou aidante"),
     ("Suppléant(e)", "(e)")),
    ("male", ("Suppléant ", "Désigné par", "Vous étiez présent.", "Patient ou aidant"),
     ("Suppléante", "(e)")),
    ("", ("Suppléant(e)", "Désigné(e) par", "Vous étiez présent(e).", "Patient(e) ou aidant(e)"),
     ("Suppléante", "Désignée")),
])
def test_words_about_the_person_agree_with_the_recorded_sex(example, tmp_path, sex, words, not_words):
    text = export(example, tmp_path, example["substitute"], sex=sex)
    for word in words:
        assert word in text, word
    for word in not_words:
        assert word not in text, word


def test_the_meeting_s_stage_decides_the_one_sentence(store, make_meeting):
    """Poll, convened (the poll's answers then read as history), cancelled: one sentence each,
    never a convocation's answer before there is a convocation."""
    from datetime import datetime

    from comite.exports.pdf.access_report import render_access_pdf

    later = datetime(2027, 3, 9, 18, 0)
    convened = make_meeting([later, datetime(2027, 3, 16, 18, 0)], title="Comité de mars")
    cancelled = make_meeting([datetime(2027, 4, 6, 18, 0)], title="Comité d’avril")
    invitee = convened.invitees[0]
    store.meetings.record_vote(invitee.id, convened.slots[0].id, Answer.YES)
    store.meetings.convene(convened.meeting.id, convened.slots[0].id, confirmed=True)
    store.meetings.record_attendance(invitee.id, PartStat.ACCEPTED)
    store.meetings.cancel(cancelled.meeting.id)
    report = store.privacy.access_report(invitee.person_id)
    said = {m["reunion"]: m["ou_vous_en_etes"] for m in report["reunions"]}
    assert said["Comité de mars"] == "Vous avez répondu à la convocation : vous venez."
    assert said["Comité d’avril"] == "La réunion a été annulée."
    text = flat(" ".join(texts(render_access_pdf(report, "Coordination"))))
    march = text.split("Comité de mars")[1].split("Comité d’avril")[0]
    assert "Avant que la date soit choisie, vous aviez répondu au sondage des dates :" in march
    april = text.split("Comité d’avril")[1]
    assert " Date — Où vous en êtes La réunion a été annulée." in april
