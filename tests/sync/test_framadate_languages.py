"""Framadate exports in every language Framadate ships, and the order of their dates: known from
the language of the answers or from a part above 12, asked for otherwise, never guessed."""

from datetime import date, time

import pytest

from comite.store.meeting_models import Answer
from comite.sync.errors import InboxRefusal
from comite.sync.framadate import parse_poll
from comite.sync.framadate_dates import AmbiguousDates
from comite.sync.framadate_languages import DateOrder
from tests.sync.framadate_files import framadate_csv

YES, MAYBE, NO = Answer.YES, Answer.IF_NEED_BE, Answer.NO
# 2 January, 1 February and 4 March 2027: each reads as another day with day and month swapped.
DAYS = [date(2027, 1, 2), date(2027, 2, 1), date(2027, 3, 4)]

# (language, the three dates as that Framadate writes them, its yes / if need be / no).
# Framadate 1.x: strftime with the locale's Date.DATE; later: ICU's short date of the language.
EXPORTS = [
    ("fr", ["02/01/2027", "01/02/2027", "04/03/2027"], ["Oui", "Si nécessaire", "Non"]),
    ("en", ["1/2/27", "2/1/27", "3/4/27"], ["Yes", "Ifneedbe", "No"]),
    ("en 1.x", ["2027-01-02", "2027-02-01", "2027-03-04"], ["Yes", "Under reserve", "No"]),
    ("de", ["02.01.27", "01.02.27", "04.03.27"], ["Ja", "Unter Vorbehalt", "Nein"]),
    ("es", ["2/1/27", "1/2/27", "4/3/27"], ["Sí", "En caso de ser necesario", "No"]),
    ("it", ["02/01/27", "01/02/27", "04/03/27"], ["Sì", "Se necessario", "No"]),
    ("oc", ["02/01/2027", "01/02/2027", "04/03/2027"], ["Òc", "Se cal", "Non"]),
    ("br", ["02/01/2027", "01/02/2027", "04/03/2027"], ["Ya", "Marteze", "Ket"]),
    ("ca", ["2/1/27", "1/2/27", "4/3/27"], ["Sí", "Si és necessari", "No"]),
    ("nl", ["02-01-2027", "01-02-2027", "04-03-2027"], ["Ja", "Indien nodig", "Nee"]),
]


@pytest.mark.parametrize(("language", "dates", "words"), EXPORTS, ids=[e[0] for e in EXPORTS])
def test_an_export_in_each_language_reads_its_dates_and_answers(language, dates, words):
    yes, maybe, no = words
    poll = parse_poll(framadate_csv(dates, ["18h", "18:30", "9h-12h"], [
        ("Camille Morel", [yes, maybe, no]),
        ("Alex Perrin", [no, yes, yes]),
    ]))
    assert [column.day for column in poll.columns] == DAYS
    assert [column.at for column in poll.columns] == [time(18), time(18, 30), time(9)]
    assert poll.rows[0].answers == (YES, MAYBE, NO)
    assert poll.rows[1].answers == (NO, YES, YES)
    assert poll.warnings == ()


def test_english_1_2_27_is_the_second_of_january():
    poll = parse_poll(framadate_csv(["1/2/27"], ["6:30 PM"], [("Sam Taylor", ["Yes"])]))
    assert poll.columns[0].day == date(2027, 1, 2)
    assert poll.columns[0].at == time(18, 30)


def test_an_old_studs_export_is_always_day_first():
    data = "\r\n".join([";1/2/2027;2/1/2027", "Camille Morel;OK;", ""]).encode()
    poll = parse_poll(data)
    assert [column.day for column in poll.columns] == [date(2027, 2, 1), date(2027, 1, 2)]
    assert poll.rows[0].answers == (YES, NO)


def test_unknown_and_untranslated_keys_are_no_answer_and_tell_no_language():
    poll = parse_poll(framadate_csv(["02/01/2027", "01/02/2027"], ["", ""], [
        ("Camille Morel", ["Oui", "unkown"]), ("Alex Perrin", ["Under reserve", "Non"])]))
    assert [row.answers for row in poll.rows] == [(YES, None), (MAYBE, NO)]
    assert [column.day for column in poll.columns] == DAYS[:2]


# ---- when the file does not settle it ----------------------------------------------------

NO_ONLY = framadate_csv(["1/2/27", "2/1/27"], ["18h", "18h"], [("Camille Morel", ["No", "No"])])


def test_answers_that_several_languages_share_leave_the_order_open():
    """« No » is English (month first) as well as Spanish, Italian, Catalan (day first)."""
    with pytest.raises(AmbiguousDates) as ambiguous:
        parse_poll(NO_ONLY)
    assert ambiguous.value.examples == (
        ("1/2/27", date(2027, 2, 1), date(2027, 1, 2)), ("2/1/27", date(2027, 1, 2), date(2027, 2, 1)))
    assert "« 1/2/27 » : 1er février 2027 ou 2 janvier 2027" in ambiguous.value.reason
    assert "touche « i »" in ambiguous.value.advice
    assert "comite import framadate REUNION FICHIER --jour-d-abord" in ambiguous.value.advice


def test_answers_in_no_known_language_leave_the_order_open():
    data = framadate_csv(["1/2/27"], [""], [("Camille Morel", ["Igen"])])
    with pytest.raises(AmbiguousDates):
        parse_poll(data)


@pytest.mark.parametrize(("order", "expected"), [
    (DateOrder.DAY_FIRST, [date(2027, 2, 1), date(2027, 1, 2)]),
    (DateOrder.MONTH_FIRST, [date(2027, 1, 2), date(2027, 2, 1)]),
])
def test_the_order_the_coordinator_gives_reads_an_open_file(order, expected):
    assert [column.day for column in parse_poll(NO_ONLY, order).columns] == expected


@pytest.mark.parametrize(("dates", "expected"), [
    (["13/1/27", "1/2/27"], [date(2027, 1, 13), date(2027, 2, 1)]),  # 13: the day comes first
    (["1/13/27", "1/2/27"], [date(2027, 1, 13), date(2027, 1, 2)]),  # 13: the month comes first
    (["2027-01-02", "1/1/27"], [date(2027, 1, 2), date(2027, 1, 1)]),  # both orders read alike
])
def test_a_part_above_twelve_or_an_unambiguous_date_settles_it(dates, expected):
    poll = parse_poll(framadate_csv(dates, ["", ""], [("Camille Morel", ["No", "No"])]))
    assert [column.day for column in poll.columns] == expected


def test_a_date_the_language_cannot_have_written_is_refused_not_swapped():
    data = framadate_csv(["1/2/27", "13/2/27"], ["", ""], [("Sam Taylor", ["Yes", "No"])])
    with pytest.raises(InboxRefusal) as refused:
        parse_poll(data)
    assert refused.value.reason == (
        "Cet export est en anglais : Framadate y écrit le mois d’abord, mais la colonne 3 porte "
        "« 13/2/27 », qui ne se lit pas ainsi : rien n’a été importé.")
    assert "Réexportez" in refused.value.advice


def test_an_order_given_against_the_file_is_refused():
    english = framadate_csv(["1/2/27"], [""], [("Sam Taylor", ["Yes"])])
    with pytest.raises(InboxRefusal, match="cet export est en anglais : Framadate y écrit le mois"):
        parse_poll(english, DateOrder.DAY_FIRST)
    day_first = framadate_csv(["13/2/27"], [""], [("Camille Morel", ["No"])])
    with pytest.raises(InboxRefusal, match="Vous avez indiqué que les dates s’écrivent le mois "
                                           "d’abord, mais la colonne 2 porte « 13/2/27 »"):
        parse_poll(day_first, DateOrder.MONTH_FIRST)
    assert parse_poll(english, DateOrder.MONTH_FIRST).columns[0].day == date(2027, 1, 2)
