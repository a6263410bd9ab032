"""Text a spreadsheet would run as a formula is refused by the store, in every field a CSV
export or a PDF's title can carry, beside that field, with nothing written; notes and
descriptions (prose) may start as a list does."""

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from comite.store import MeetingInput, MembershipInput, PersonInput
from comite.store.agenda import ItemInput
from comite.store.committee_models import Role
from comite.store.conclusions import ConclusionInput
from comite.store.errors import ValidationError
from comite.store.recruitment import CandidateInput
from comite.store.recruitment_models import CriterionKind, Source
from comite.store.trainings import TrainingInput
from tests.store.meeting_setup import first_topic

FORMULA = '=HYPERLINK("http://x")'
FORMULA_EMAIL = "=cmd|calc!A1@example.org"  # a plausible address to the e-mail check
WHY = ("Un texte qui commence par = est pris pour une formule par les tableurs : retirez le = "
       "ou commencez autrement.")
TODAY = date(2026, 11, 23)


@pytest.fixture
def at(store, structure, committee, add_person):
    """What a field's record hangs from: a person, the committee, a meeting and its first topic."""
    meeting = store.meetings.create(committee.id, MeetingInput(title="Comité de novembre"))
    return {"person": add_person("Martin", "Claire"), "structure": structure,
            "committee": committee, "meeting": meeting,
            "item": first_topic(store, meeting.id)}


def person(**fields):
    return PersonInput(**({"last_name": "Leroy"} | fields))


# (table, field, the call that writes the text in that field)
WRITES = [
    ("people", "last_name", lambda s, at, t: s.people.create(person(last_name=t))),
    ("people", "first_name", lambda s, at, t: s.people.create(person(first_name=t))),
    ("people", "email", lambda s, at, t: s.people.create(person(email=t))),
    ("people", "profession", lambda s, at, t: s.people.create(person(profession=t))),
    ("people", "association", lambda s, at, t: s.people.create(person(association=t))),
    ("people", "territory", lambda s, at, t: s.people.create(person(territory=t))),
    ("people", "first_name", lambda s, at, t: s.people.update(at["person"].id, person(first_name=t))),
    ("structures", "name", lambda s, at, t: s.structures.create(t, "msp")),
    ("structures", "city", lambda s, at, t: s.structures.create("MSP", "msp", t)),
    ("structures", "address", lambda s, at, t: s.structures.create("MSP", "msp", address=t)),
    ("structures", "email", lambda s, at, t: s.structures.create("MSP", "msp", email=t)),
    ("committees", "name", lambda s, at, t: s.committees.create(at["structure"].id, t, "cdu")),
    ("meetings", "title", lambda s, at, t: s.meetings.create(at["committee"].id, MeetingInput(t))),
    ("meetings", "place", lambda s, at, t: s.meetings.create(at["committee"].id,
                                                             MeetingInput("Comité", place=t))),
    ("agenda_items", "title", lambda s, at, t: s.agenda.add_item(at["meeting"].id, ItemInput(t))),
    ("agenda_items", "presenter", lambda s, at, t: s.agenda.add_item(
        at["meeting"].id, ItemInput("Affiche", presenter=t))),
    ("conclusions", "text", lambda s, at, t: s.conclusions.add(at["item"], ConclusionInput(t))),
    ("conclusions", "owner_text", lambda s, at, t: s.conclusions.add(
        at["item"], ConclusionInput("Refaire l’affiche", owner_text=t))),
    ("trainings", "course", lambda s, at, t: s.trainings.add(
        at["person"].id, TrainingInput(course=t, held_on=TODAY, hours=7))),
    ("trainings", "organisation", lambda s, at, t: s.trainings.add(
        at["person"].id, TrainingInput(course="RU", held_on=TODAY, hours=7, organisation=t))),
    ("memberships", "designated_by", lambda s, at, t: s.memberships.add(
        at["committee"].id, at["person"].id, MembershipInput(designated_by=t))),
    ("memberships", "act_reference", lambda s, at, t: s.memberships.add(
        at["committee"].id, at["person"].id, MembershipInput(act_reference=t))),
    ("candidates", "next_step", lambda s, at, t: s.recruitment.add(
        at["person"].id, CandidateInput(Role.PATIENT_PARTNER, Source.SPONTANEOUS, next_step=t),
        TODAY)),
    ("criteria", "text", lambda s, at, t: s.recruitment.add_criterion(
        at["committee"].id, CriterionKind.QUALITY, t)),
]


def rows(db_path, table: str) -> int:
    with sqlite3.connect(db_path) as conn:
        count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # a table of this file
    conn.close()
    return count


@pytest.mark.parametrize(("table", "field", "write"), WRITES,
                         ids=[f"{table}.{field}-{n}" for n, (table, field, _w) in enumerate(WRITES)])
def test_a_formula_is_refused_beside_its_field_and_nothing_is_written(store, db_path, at, table,
                                                                      field, write):
    before = rows(db_path, table)
    with pytest.raises(ValidationError) as refused:
        write(store, at, FORMULA_EMAIL if field == "email" else FORMULA)
    assert refused.value.errors == {field: WHY}
    assert rows(db_path, table) == before


HOSTILE = (Path(__file__).resolve().parents[1] / "data" / "hostile" / "formula-text.txt"
           ).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("typed", HOSTILE)
def test_each_hostile_formula_is_refused_and_its_start_named(store, db_path, typed):
    start = typed.lstrip("\u00a0\u2003\u3000\u200b\ufeff")[0]
    with pytest.raises(ValidationError) as refused:
        store.people.create(person(first_name=typed))
    message = refused.value.errors["first_name"]
    assert f"commence par {start} " in message and f"retirez le {start} " in message
    assert rows(db_path, "people") == 0


def test_plain_text_dashes_and_a_phone_number_are_kept(store):
    kept = store.people.create(person(first_name="Jean-Paul", profession="-", association="a=b",
                                      phone="+33 6 12 34 56 78", email="jean+comite@example.org"))
    assert (kept.first_name, kept.profession, kept.association, kept.phone, kept.email) == (
        "Jean-Paul", "-", "a=b", "06 12 34 56 78", "jean+comite@example.org")


def test_notes_and_descriptions_may_start_as_a_list(store, committee):
    noted = store.people.create(person(note="- rappeler en janvier\n- envoyer la charte"))
    assert noted.note.startswith("- rappeler")
    meeting = store.meetings.create(committee.id, MeetingInput(
        "Comité", description="- accueil\n- bilan de l’année"))
    assert meeting.description.startswith("- accueil")


def test_a_formula_an_older_base_holds_is_said_when_the_record_is_edited(store, db_path):
    """No migration rewrites what was typed before the rule: saving the record again says why."""
    claire = store.people.create(person(first_name="Claire"))
    with sqlite3.connect(db_path) as older:
        older.execute("UPDATE people SET first_name = ? WHERE id = ?", (FORMULA, claire.id))
    older.close()
    held = store.people.get(claire.id)
    assert held.first_name == FORMULA, "read as it is"
    with pytest.raises(ValidationError) as refused:
        store.people.update(held.id, person(first_name=held.first_name, profession="infirmière"))
    assert refused.value.errors == {"first_name": WHY}
