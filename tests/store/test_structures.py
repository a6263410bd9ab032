"""StructureService: create, update, get, all, count, delete."""

import pytest

from comite.store import NotFound, Refused, ValidationError
from comite.store.committee_models import StructureKind


def _audit_rows(store) -> int:
    return store.db.connection().execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_create_returns_the_structure(store):
    structure = store.structures.create("  MSP   des Tilleuls ", "msp", " Valmont ")
    assert structure.id > 0
    assert len(structure.uid) == 36
    assert structure.name == "MSP des Tilleuls"
    assert structure.kind is StructureKind.MSP
    assert structure.city == "Valmont"
    assert store.structures.get(structure.id) == structure


def test_city_is_optional(store):
    assert store.structures.create("CPTS du Val", StructureKind.CPTS).city == ""


def test_create_gathers_every_invalid_field(store):
    with pytest.raises(ValidationError) as caught:
        store.structures.create("", "clinique_veterinaire", "x" * 201)
    errors = caught.value.errors
    assert set(errors) == {"name", "kind", "city"}
    assert errors["name"] == "Le nom de la structure est obligatoire."
    assert errors["kind"] == "Choisissez le type de structure."
    assert store.structures.count() == 0
    assert _audit_rows(store) == 0


def test_update(store, structure):
    updated = store.structures.update(structure.id, "Maison de santé des Tilleuls", "esp",
                                      "Beaurivage")
    assert (updated.id, updated.uid) == (structure.id, structure.uid)
    assert updated.name == "Maison de santé des Tilleuls"
    assert updated.kind is StructureKind.ESP
    assert updated.city == "Beaurivage"
    assert store.structures.get(structure.id) == updated


def test_update_invalid_or_unknown(store, structure):
    with pytest.raises(ValidationError):
        store.structures.update(structure.id, "", "msp")
    with pytest.raises(NotFound):
        store.structures.update(4242, "CDS", "cds")
    assert store.structures.get(structure.id) == structure


def test_get_unknown(store):
    with pytest.raises(NotFound) as caught:
        store.structures.get(4242)
    assert caught.value.message == "Cette structure n’existe plus."


def test_all_is_sorted_by_name_ignoring_case(store):
    b = store.structures.create("centre de santé du Port", "cds")
    a = store.structures.create("Association France Rein", "association")
    c = store.structures.create("MSP des Tilleuls", "msp")
    assert [s.id for s in store.structures.all()] == [a.id, b.id, c.id]
    assert store.structures.count() == 3


def test_delete_an_unused_structure(store, structure):
    store.structures.delete(structure.id)
    with pytest.raises(NotFound):
        store.structures.get(structure.id)
    assert store.structures.count() == 0


def test_delete_refused_while_committees_exist(store, structure, committee):
    store.committees.create(structure.id, "Groupe de travail", "groupe_travail")
    with pytest.raises(Refused) as caught:
        store.structures.delete(structure.id)
    assert "2 comité(s)" in caught.value.message
    assert store.structures.get(structure.id) == structure
    store.committees.delete(committee.id)
    with pytest.raises(Refused) as caught:
        store.structures.delete(structure.id)
    assert "1 comité(s)" in caught.value.message


def test_delete_unknown_structure_says_so(store):
    """As for people, committees and memberships: NotFound, and no 'delete' audit row.

    (Regression: the DELETE's rowcount was not checked.)"""
    with pytest.raises(NotFound):
        store.structures.delete(4242)
    assert _audit_rows(store) == 0


def test_refusal_advice_can_be_followed(store, structure, committee):
    """What the refusal advises must work when followed.

    Archived committees still block the deletion (ON DELETE RESTRICT), so advising to archive
    them would send the coordinator round in circles. (Regression: it did.)
    """
    store.committees.set_archived(committee.id, True)
    with pytest.raises(Refused) as caught:
        store.structures.delete(structure.id)
    advice = caught.value.message
    assert "archivez" not in advice
    assert "rattachez-les" in advice
    other = store.structures.create("CPTS du Val", "cpts")
    store.committees.update(committee.id, other.id, committee.name, committee.kind)
    store.structures.delete(structure.id)
    assert [s.id for s in store.structures.all()] == [other.id]
    assert store.committees.get(committee.id).archived
