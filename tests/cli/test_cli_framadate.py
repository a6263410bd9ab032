"""`comite import framadate REUNION FICHIER [--jour-d-abord | --mois-d-abord]`: a poll's answers
into the meeting named, only when every column is one of its slots and every name is sure;
otherwise a French reason, exit 2, and the database as it was."""

from datetime import datetime
from pathlib import Path

import pytest

from comite.store import open_store
from comite.store.meeting_models import Answer
from tests.cli.run import in_process, in_subprocess
from tests.sync.conftest import database_state, make_poll
from tests.sync.framadate_files import framadate_csv

WINTER = {"deux-janvier": (datetime(2027, 1, 2, 18, 0), ""),
          "premier-fevrier": (datetime(2027, 2, 1, 18, 0), "")}
# « No » is English (month first) but also Spanish, Italian, Catalan (day first): open.
OPEN_ORDER = framadate_csv(["1/2/27", "2/1/27"], ["18h", "18h"], [
    ("Jeanne Dupont", ["No", "No"]), ("Pierre Martin", ["No", "No"])])


@pytest.fixture
def winter(tmp_path: Path) -> Path:
    """A database whose poll proposes 2 January and 1 February, as the CLI finds it."""
    path = tmp_path / "comite.sqlite"
    store = open_store(path)
    make_poll(store, "Comité d’hiver", WINTER)
    store.close()
    return path


def answers(db: Path) -> dict[tuple[str, str], Answer]:
    store = open_store(db)
    try:
        detail = store.meetings.detail(store.meetings.resolve("hiver").id)
        days = {slot.id: f"{slot.starts_at:%d/%m}" for slot in detail.slots}
        names = {invitee.id: invitee.name.split()[0] for invitee in detail.invitees}
        return {(names[vote.invitee_id], days[vote.slot_id]): vote.answer for vote in detail.votes}
    finally:
        store.close()


def state(db: Path) -> list[str]:
    store = open_store(db)
    try:
        return database_state(store)
    finally:
        store.close()


def test_an_english_export_is_imported_month_first(capsys, winter, tmp_path):
    export = tmp_path / "winter.csv"
    export.write_bytes(framadate_csv(["1/2/27", "2/1/27"], ["6 PM", "6 PM"], [
        ("Jeanne Dupont", ["Yes", "No"]), ("Pierre Martin", ["Under reserve", "Yes"])]))
    code, out, err = in_process(capsys, "--db", str(winter), "import", "framadate", "hiver", str(export))
    assert (code, err) == (0, "")
    assert out == "Sondage Framadate importé dans « Comité d’hiver » : 4 réponses de 2 personnes.\n"
    assert answers(winter) == {("Jeanne", "02/01"): Answer.YES, ("Jeanne", "01/02"): Answer.NO,
                               ("Pierre", "02/01"): Answer.IF_NEED_BE, ("Pierre", "01/02"): Answer.YES}


def test_open_dates_are_refused_with_the_options_then_read_as_told(capsys, winter, tmp_path):
    export = tmp_path / "sondage.csv"
    export.write_bytes(OPEN_ORDER)
    before = state(winter)
    code, out, err = in_process(capsys, "--db", str(winter), "import", "framadate", "hiver", str(export))
    assert (code, out) == (2, "")
    assert "se lisent aussi bien le jour d’abord que le mois d’abord" in err
    assert "--jour-d-abord" in err and "touche « i »" in err
    assert state(winter) == before

    code, out, _err = in_process(capsys, "--db", str(winter), "import", "framadate", "hiver",
                                 str(export), "--jour-d-abord")
    assert code == 0, _err
    assert answers(winter) == {(name, day): Answer.NO for name in ("Jeanne", "Pierre")
                               for day in ("02/01", "01/02")}


def test_names_to_confirm_or_a_contradicting_order_change_nothing(capsys, winter, tmp_path):
    unsure = tmp_path / "unsure.csv"
    unsure.write_bytes(framadate_csv(["1/2/27", "2/1/27"], ["", ""], [("J. Dupont", ["Yes", "Yes"])]))
    english = tmp_path / "english.csv"
    english.write_bytes(framadate_csv(["1/2/27", "2/1/27"], ["", ""], [("Jeanne Dupont", ["Yes", "No"])]))
    before = state(winter)
    code, _out, err = in_process(capsys, "--db", str(winter), "import", "framadate", "hiver", str(unsure))
    assert code == 2
    assert "1 nom demande votre confirmation" in err and "(touche i)" in err
    code, _out, err = in_process(capsys, "--db", str(winter), "import", "framadate", "hiver",
                                 str(english), "--jour-d-abord")
    assert code == 2
    assert "cet export est en anglais : Framadate y écrit le mois d’abord" in err
    assert state(winter) == before


def test_a_column_that_is_no_slot_of_the_meeting_is_refused(capsys, winter, tmp_path):
    export = tmp_path / "other.csv"
    export.write_bytes(framadate_csv(["1/2/27", "3/1/27"], ["", ""], [("Jeanne Dupont", ["Yes", "No"])]))
    code, _out, err = in_process(capsys, "--db", str(winter), "import", "framadate", "hiver", str(export))
    assert code == 2
    assert "1 colonne du sondage ne correspond à aucun créneau proposé de « Comité d’hiver »" in err


def test_a_missing_file_and_two_orders_at_once_are_said_in_french(capsys, winter, tmp_path):
    code, _out, err = in_process(capsys, "--db", str(winter), "import", "framadate", "hiver",
                                 str(tmp_path / "absent.csv"))
    assert code == 2 and "Aucun fichier à cet endroit" in err
    result = in_subprocess("--db", str(winter), "import", "framadate", "hiver", str(tmp_path / "x.csv"),
                           "--jour-d-abord", "--mois-d-abord")
    assert result.returncode == 2
    assert "argument --mois-d-abord: incompatible avec l’argument --jour-d-abord" in result.stderr
    assert "Traceback" not in result.stderr
