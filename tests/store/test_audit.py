"""The audit log: who changed which entity and which fields — never the values."""

from datetime import date

import pytest

from comite.store import MembershipInput, PersonInput, Refused, ValidationError, open_store
from comite.store.committee_models import Role, Seat

SECRET_LAST_NAME = "Quintavalle-Ézéchiel"
SECRET_FIRST_NAME = "Philomène"
SECRET_EMAIL = "p.quintavalle@exemple-prive.fr"
SECRET_PHONE = "06 39 98 77 66"
SECRET_NOTE = "suivie en oncologie, ne pas appeler au travail"
SECRET_ASSOCIATION = "Association Arc-en-Ciel Vaucluse"


def _rows(store) -> list[tuple]:
    return [tuple(row) for row in store.db.connection().execute(
        "SELECT id, at, actor, action, entity, entity_id, fields FROM audit_log ORDER BY id")]


def _last(store) -> tuple[str, str, int | None, tuple[str, ...]]:
    entry = store.audit.recent(1)[0]
    return entry.action, entry.entity, entry.entity_id, entry.fields


def test_person_lifecycle_is_audited_with_field_names(store):
    person = store.people.create(PersonInput(
        last_name="Martin", first_name="Louise", email="louise@example.org",
        roles=[Role.PATIENT_PARTNER]))
    assert _last(store) == ("create", "person", person.id,
                            ("email", "first_name", "last_name", "roles"))
    store.people.update(person.id, PersonInput(
        last_name="Martin", first_name="Louise", email="l.martin@example.org",
        roles=[Role.PATIENT_PARTNER, Role.PEER_HELPER]))
    assert _last(store) == ("update", "person", person.id, ("email", "roles"))
    store.people.update(person.id, PersonInput(
        last_name="Martin", first_name="Louise", email="l.martin@example.org",
        roles=[Role.PEER_HELPER, Role.PATIENT_PARTNER]))
    assert _last(store) == ("update", "person", person.id, ())
    store.people.delete(person.id)
    assert _last(store) == ("delete", "person", person.id, ())
    assert len(_rows(store)) == 4


def test_structure_and_committee_lifecycle(store):
    structure = store.structures.create("MSP des Tilleuls", "msp")
    assert _last(store) == ("create", "structure", structure.id,
                            ("access_notes", "address", "article", "city", "coordinator_id",
                             "dpo_contact", "email", "kind", "km_rate_mills", "name", "phone",
                             "report_due"))
    store.structures.update(structure.id, "MSP des Tilleuls", "msp", "Valmont")
    assert _last(store) == ("update", "structure", structure.id, ("city",))
    store.structures.update(structure.id, "MSP des Tilleuls", "msp", "Valmont", km_rate="0,32")
    assert _last(store) == ("update", "structure", structure.id, ("km_rate_mills",))
    committee = store.committees.create(structure.id, "Comité", "comite_usagers")
    assert _last(store) == ("create", "committee", committee.id,
                            ("article", "description", "kind", "name", "structure_id",
                             "substitute_rule"))
    store.committees.update(committee.id, structure.id, "Comité des usagers", "comite_usagers",
                            "Trimestriel")
    assert _last(store) == ("update", "committee", committee.id, ("description", "name"))
    store.committees.set_archived(committee.id, True)
    assert _last(store) == ("archive", "committee", committee.id, ("archived_at",))
    store.committees.set_archived(committee.id, False)
    assert _last(store) == ("unarchive", "committee", committee.id, ("archived_at",))
    store.committees.delete(committee.id)
    assert _last(store) == ("delete", "committee", committee.id, ())
    store.structures.delete(structure.id)
    assert _last(store) == ("delete", "structure", structure.id, ())


def test_membership_lifecycle(store, committee, add_person):
    titular = store.memberships.add(committee.id, add_person("Martin").id, MembershipInput(
        mandate_start=date(2025, 1, 1), mandate_end=date(2027, 12, 31)))
    assert _last(store) == ("create", "membership", titular.id,
                            ("function", "mandate_end", "mandate_start", "seat"))
    backup = store.memberships.add(committee.id, add_person("Durand").id, MembershipInput(
        seat=Seat.SUBSTITUTE, substitute_for=titular.id))
    assert _last(store)[3] == ("function", "seat", "substitute_for")
    store.memberships.update(titular.id, MembershipInput(
        function="president", mandate_start=date(2025, 1, 1), mandate_end=date(2028, 12, 31)))
    assert _last(store) == ("update", "membership", titular.id, ("function", "mandate_end"))
    store.memberships.remove(backup.id)
    assert _last(store) == ("delete", "membership", backup.id, ())


def test_refused_operations_write_no_audit_row(store, committee, add_person):
    before = len(_rows(store))
    with pytest.raises(ValidationError):
        store.people.create(PersonInput(last_name=""))
    assert len(_rows(store)) == before
    person = add_person("Martin")
    store.memberships.add(committee.id, person.id, MembershipInput())
    before = len(_rows(store))
    with pytest.raises(Refused):
        store.memberships.add(committee.id, person.id, MembershipInput())
    with pytest.raises(Refused):
        store.structures.delete(committee.structure_id)
    with pytest.raises(Refused):
        store.people.delete(4242)
    assert len(_rows(store)) == before


def test_recent_is_newest_first_with_actor_and_time(tmp_path):
    store = open_store(tmp_path / "comite.sqlite", actor="Camille (coordinatrice)")
    try:
        ids = [store.people.create(PersonInput(last_name=f"Nom{i}")).id for i in range(5)]
        recent = store.audit.recent(limit=3)
        assert [entry.entity_id for entry in recent] == ids[::-1][:3]
        assert all(entry.actor == "Camille (coordinatrice)" for entry in recent)
        assert all(entry.at.endswith("+00:00") for entry in recent)  # UTC
        assert recent[0].id > recent[1].id > recent[2].id
        assert len(store.audit.recent()) == 5
    finally:
        store.close()


def test_sensitive_values_never_reach_the_audit_log(store, committee):
    person = store.people.create(PersonInput(
        last_name=SECRET_LAST_NAME, first_name=SECRET_FIRST_NAME, email=SECRET_EMAIL,
        phone=SECRET_PHONE, note=SECRET_NOTE, association=SECRET_ASSOCIATION,
        roles=[Role.USER_REPRESENTATIVE]))
    membership = store.memberships.add(committee.id, person.id, MembershipInput(
        designated_by=SECRET_ASSOCIATION, mandate_end=date(2027, 3, 1)))
    store.people.update(person.id, PersonInput(
        last_name=SECRET_LAST_NAME + "-Bis", first_name=SECRET_FIRST_NAME,
        email="autre." + SECRET_EMAIL, phone=SECRET_PHONE, note=SECRET_NOTE + " (maj)"))
    store.memberships.update(membership.id, MembershipInput(designated_by="ARS Occitanie"))
    store.memberships.remove(membership.id)
    store.people.delete(person.id)

    rows = _rows(store)
    assert len(rows) == 8  # 2 for the structure and committee fixtures
    dump = "\n".join(" ".join(str(value) for value in row) for row in rows).casefold()
    for secret in (SECRET_LAST_NAME, "Quintavalle", SECRET_FIRST_NAME, SECRET_EMAIL,
                   "quintavalle@", SECRET_PHONE, "0639987766", "oncologie", "Arc-en-Ciel",
                   "Occitanie", "2027-03-01", "user_representative"):
        assert secret.casefold() not in dump, secret
    assert "last_name" in dump and "email" in dump  # the names are there


def test_sensitive_values_are_not_left_in_the_file_after_deletion(db_path, store):
    """secure_delete is on: a deleted person's e-mail does not linger in the file's free pages."""
    person = store.people.create(PersonInput(last_name=SECRET_LAST_NAME, email=SECRET_EMAIL,
                                             note=SECRET_NOTE))
    store.people.delete(person.id)
    store.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = db_path.read_bytes()
    for secret in (SECRET_EMAIL, SECRET_NOTE, SECRET_LAST_NAME):
        assert secret.encode("utf-8") not in raw, secret
