"""The log in the answer to a right-of-access request speaks French for every action, record and
field a service writes about a person: a field added to a service without its French name
fails here, before the person reads « substitute_for »."""

import re
from pathlib import Path

import pytest

from comite.store import expenses, memberships, people, recruitment, trainings
from comite.store.access_journal import ACTIONS, ENTITIES, FIELDS, OTHER_FIELD, field_label
from comite.store.charter_models import Side, SignatureMethod
from comite.store.privacy_models import Purpose

STORE = Path(memberships.__file__).parent
ABOUT_A_PERSON = tuple(ENTITIES)


@pytest.mark.parametrize(("entity", "fields"), [
    ("person", (*people._COLUMNS, "roles", "health_note", "access", "reviewed_on",
                *(f"consent.{purpose.value}" for purpose in Purpose))),
    ("candidate", (*recruitment._FIELDS, "person", "stage", "checks", "opinion", "charter_id",
                   "membership_id", "seat_created")),
    ("training", trainings._FIELDS),
    ("membership", memberships._FIELDS),
    ("expense", (*expenses._FIELDS, "receipt")),
    ("charter", ("template", "data", "pdf_sha256", "scan", *(side.value for side in Side),
                 *(f"{side.value}.{method.value}" for side in Side for method in SignatureMethod))),
])
def test_every_field_a_service_records_has_a_french_name(entity, fields):
    missing = [field for field in fields if field_label(entity, field) == OTHER_FIELD]
    assert not missing, missing
    assert all("_" not in label for label in FIELDS[entity].values())


def test_every_action_recorded_on_a_person_has_a_french_name():
    pattern = re.compile(r'record\(\s*conn,\s*[^,]+,\s*"(\w+)",\s*"(' + "|".join(ABOUT_A_PERSON)
                         + r')"')
    found = {match.group(1) for path in STORE.glob("*.py")
             for match in pattern.finditer(path.read_text(encoding="utf-8"))}
    assert found and found <= set(ACTIONS), found - set(ACTIONS)


def test_an_unknown_field_reads_in_french_and_agrees_with_the_person():
    assert field_label("membership", "nouveau_champ") == "autre information"
    assert field_label("membership", "designated_by", "f") == "désignée par"
    assert field_label("membership", "designated_by") == "désigné(e) par"
