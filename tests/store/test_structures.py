"""StructureService: create, update, get, all, count, delete; the coordinator it designates."""

from dataclasses import replace

import pytest

from comite.store import NotFound, Refused, ValidationError
from comite.store.committee_models import Coordinator, Role, StructureKind


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
    assert "2 comités," in caught.value.message
    assert store.structures.get(structure.id) == structure
    store.committees.delete(committee.id)
    with pytest.raises(Refused) as caught:
        store.structures.delete(structure.id)
    assert "1 comité (archivé ou non)" in caught.value.message


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
    assert "rattachez-le à une autre structure" in advice
    other = store.structures.create("CPTS du Val", "cpts")
    store.committees.update(committee.id, other.id, committee.name, committee.kind)
    store.structures.delete(structure.id)
    assert [s.id for s in store.structures.all()] == [other.id]
    assert store.committees.get(committee.id).archived


# ---- the coordinator (issue 16) -----------------------------------------------------------------

def _audit(store) -> list[tuple[str, str, int, str]]:
    return [tuple(row) for row in store.db.connection().execute(
        "SELECT action, entity, entity_id, fields FROM audit_log ORDER BY id")]


def _contact(structure) -> dict[str, str]:
    return {"address": structure.address, "phone": structure.phone, "email": structure.email}


def test_a_coordinator_is_designated_and_read_back(store, structure, committee, add_person):
    claire = add_person("Martin", "Claire", email="claire.martin@example.org",
                        phone="06 39 98 10 01", roles=[Role.PROFESSIONAL])
    updated = store.structures.update(structure.id, structure.name, structure.kind,
                                      structure.city, **_contact(structure),
                                      coordinator_id=claire.id)
    assert updated == replace(structure, coordinator_id=claire.id)
    assert store.structures.get(structure.id).coordinator_id == claire.id
    expected = Coordinator(person_id=claire.id, name="Claire Martin",
                           email="claire.martin@example.org", phone="06 39 98 10 01")
    assert store.structures.committee_coordinator(committee.id) == expected
    assert store.structures.coordinators() == {structure.id: expected}
    other = store.structures.create("CPTS du Val", "cpts", coordinator_id=claire.id)
    assert other.coordinator_id == claire.id


def test_without_a_coordinator_there_is_none_to_read(store, structure, committee):
    assert structure.coordinator_id is None
    assert store.structures.committee_coordinator(committee.id) is None
    assert store.structures.coordinators() == {}


def test_the_coordinator_designated_gets_the_coordinators_role_once(store, structure, add_person):
    """The role the tally of a séance reads (it counts them with the professionals), given
    once."""
    claire = add_person("Martin", "Claire", roles=[Role.PROFESSIONAL])
    before = len(_audit(store))
    store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                            coordinator_id=claire.id)
    assert store.people.get(claire.id).roles == (Role.PROFESSIONAL, Role.COORDINATOR)
    # The structure's change and the person's new role, by field name, never a value.
    assert _audit(store)[before:] == [("update", "structure", structure.id, "coordinator_id"),
                                      ("update", "person", claire.id, "roles")]
    store.structures.update(structure.id, "MSP des Tilleuls (Valmont)", structure.kind,
                            structure.city, coordinator_id=claire.id)
    assert store.people.get(claire.id).roles == (Role.PROFESSIONAL, Role.COORDINATOR)
    assert _audit(store)[-1] == ("update", "structure", structure.id, "name"), "no second role"


def test_an_unknown_person_is_refused_in_french_and_nothing_changes(store, structure):
    before = len(_audit(store))
    with pytest.raises(ValidationError) as caught:
        store.structures.update(structure.id, "", structure.kind, coordinator_id=4242)
    assert set(caught.value.errors) == {"name", "coordinator_id"}, "every field said at once"
    assert caught.value.errors["coordinator_id"] == (
        "Cette personne n’est plus dans la base : cherchez à nouveau la personne qui coordonne "
        "la structure.")
    with pytest.raises(ValidationError) as caught:
        store.structures.create("CPTS du Val", "cpts", coordinator_id=4242)
    assert set(caught.value.errors) == {"coordinator_id"}
    assert store.structures.all() == [structure]
    assert len(_audit(store)) == before


def test_an_update_without_the_coordinator_takes_them_off(store, structure, add_person):
    """The whole structure is given, as for its address: the form always sends its coordinator."""
    claire = add_person("Martin", "Claire")
    store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                            coordinator_id=claire.id)
    assert store.structures.update(structure.id, structure.name, structure.kind,
                                   structure.city).coordinator_id is None
    assert Role.COORDINATOR in store.people.get(claire.id).roles, "the role stays theirs"


def test_deleting_the_person_leaves_the_structure_without_coordinator(store, structure, committee,
                                                                      add_person):
    claire = add_person("Martin", "Claire")
    store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                            coordinator_id=claire.id)
    store.people.delete(claire.id)
    assert store.structures.get(structure.id) == structure  # coordinator_id None again
    assert store.structures.committee_coordinator(committee.id) is None


def test_erasing_the_person_leaves_the_structure_without_coordinator(store, structure, add_person):
    claire = add_person("Martin", "Claire")
    store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                            coordinator_id=claire.id)
    store.privacy.erase(claire.id)
    assert store.structures.get(structure.id).coordinator_id is None


def test_the_coordinator_may_own_a_conclusion_without_being_invited(store, structure, committee,
                                                                    members, add_person):
    from tests.store.meeting_setup import poll

    meeting, _slots = poll(store, committee.id)
    invited = {invitee.person_id for invitee in store.meetings.detail(meeting.id).invitees}
    before = store.conclusions.owners(meeting.id)
    assert {person for person, _name in before} == invited
    claire = add_person("Martin", "Claire")
    assert claire.id not in invited
    store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                            coordinator_id=claire.id)
    owners = store.conclusions.owners(meeting.id)
    assert sorted(owners) == sorted([*before, (claire.id, "Claire Martin")])
    # Also a member: named once.
    seated = members.president.person_id
    store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                            coordinator_id=seated)
    assert sorted(store.conclusions.owners(meeting.id)) == sorted(before)


def test_the_data_protection_contact_is_kept_trimmed_and_emptied_when_left_out(store, structure):
    """Printed in the answer to a right-of-access request: kept line by line, blank lines gone."""
    contact = "  Délégué à la protection des données \n\n dpo@msp-tilleuls.fr  \n 04 78 00 00 00"
    updated = store.structures.update(structure.id, structure.name, structure.kind, structure.city,
                                      dpo_contact=contact)
    assert updated.dpo_contact == ("Délégué à la protection des données\ndpo@msp-tilleuls.fr\n"
                                   "04 78 00 00 00")
    assert store.structures.get(structure.id).dpo_contact == updated.dpo_contact
    assert store.audit.recent(1)[0].fields == ("dpo_contact",)
    # The whole structure as given: a contact left out is emptied, like every other field.
    assert store.structures.update(structure.id, structure.name, structure.kind).dpo_contact == ""


def test_a_data_protection_contact_of_five_lines_is_refused_beside_its_field(store):
    with pytest.raises(ValidationError) as caught:
        store.structures.create("MSP des Tilleuls", "msp", dpo_contact="a\nb\nc\nd\ne")
    assert caught.value.errors == {"dpo_contact": "Le contact pour les données personnelles "
                                                  "tient en quatre lignes au plus."}
