"""Framadate exports in other languages through the inbox: read in their own date order, or set
aside with the way to import them when their dates read both ways."""

from datetime import datetime

from comite.store.meeting_models import Answer
from comite.sync.inbox import Outcome
from tests.sync.conftest import database_state, make_poll, settle
from tests.sync.framadate_files import framadate_csv

KNOWN = ("Jeanne Dupont", "Pierre Martin", "Sophie Nguyen")


def drop_and_settle(inbox, inbox_dir, name: str, data: bytes):
    (inbox_dir / name).write_bytes(data)
    (result,) = settle(inbox)
    return result


def test_an_english_export_is_read_month_first_and_imported(poll, inbox, inbox_dir):
    data = framadate_csv(["1/12/27", "1/12/27", "7/13/27"], ["6 PM", "8:30 PM", "6:00 PM"], [
        (KNOWN[0], ["Yes", "No", "Under reserve"]),
        (KNOWN[1], ["No", "Yes", "Yes"]),
        (KNOWN[2], ["Under reserve", "No", "Yes"]),
    ])
    result = drop_and_settle(inbox, inbox_dir, "spring-meeting.csv", data)
    assert result.outcome is Outcome.PROCESSED, result.reason
    assert poll.answer("Jeanne", "janvier") is Answer.YES
    assert poll.answer("Jeanne", "juillet") is Answer.IF_NEED_BE
    assert poll.answer("Pierre", "janvier-soir") is Answer.YES


def test_a_german_export_is_read_day_first_and_imported(poll, inbox, inbox_dir):
    data = framadate_csv(["12.01.27", "12.01.27", "13.07.27"], ["18 Uhr", "20:30", "18:00"], [
        (KNOWN[0], ["Ja", "Nein", "Unter Vorbehalt"]),
        (KNOWN[1], ["Nein", "Ja", "Ja"]),
    ])
    assert drop_and_settle(inbox, inbox_dir, "umfrage.csv", data).outcome is Outcome.PROCESSED
    assert poll.answer("Pierre", "juillet") is Answer.YES


def test_an_export_whose_dates_read_both_ways_is_set_aside_with_how_to_import_it(
        store, inbox, inbox_dir):
    poll = make_poll(store, "Comité d’hiver", {
        "deux-janvier": (datetime(2027, 1, 2, 18, 0), ""),
        "premier-fevrier": (datetime(2027, 2, 1, 18, 0), ""),
    })
    data = framadate_csv(["1/2/27", "2/1/27"], ["18h", "18h"], [
        (KNOWN[0], ["No", "No"]), (KNOWN[1], ["No", "No"])])
    before = database_state(store)
    result = drop_and_settle(inbox, inbox_dir, "sondage.csv", data)
    assert result.outcome is Outcome.QUARANTINED
    assert "se lisent aussi bien le jour d’abord que le mois d’abord" in result.reason
    why = (inbox_dir / "quarantine" / "sondage.csv.why.txt").read_text(encoding="utf-8")
    assert "touche « i »" in why
    assert "comite import framadate REUNION FICHIER --jour-d-abord » (ou --mois-d-abord)" in why
    assert database_state(store) == before
    assert poll.detail().votes == ()
