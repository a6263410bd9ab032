"""PeopleService: create, update, get, count, page, deletion impact and delete."""

import pytest

from comite.store import MembershipInput, NotFound, PersonInput, ValidationError
from comite.store.committee_models import Role, Seat


def _raw_count(store, sql, *params) -> int:
    return store.db.connection().execute(sql, params).fetchone()[0]


def test_create_cleans_and_returns_the_person(store):
    person = store.people.create(PersonInput(
        last_name="  Le   Gall ", first_name=" Maël ", email=" Mael.LeGall@Example.ORG ",
        phone="+33 6 39 98 00 01", profession=" Infirmier ", association="UNAFAM",
        note="  Préfère être appelé le matin.  ",
        roles=[Role.PEER_HELPER, "user_representative"],
    ))
    assert person.id > 0
    assert len(person.uid) == 36
    assert person.last_name == "Le Gall"
    assert person.first_name == "Maël"
    assert person.full_name == "Maël Le Gall"
    assert person.email == "Mael.LeGall@example.org"
    assert person.phone == "06 39 98 00 01"
    assert person.profession == "Infirmier"
    assert person.association == "UNAFAM"
    assert person.note == "Préfère être appelé le matin."
    # roles come back in the vocabulary's order, whatever the order given
    assert person.roles == (Role.USER_REPRESENTATIVE, Role.PEER_HELPER)
    assert store.people.get(person.id) == person


def test_uids_are_unique(add_person):
    assert add_person("Martin").uid != add_person("Martin").uid


def test_full_name_without_first_name(add_person):
    assert add_person("Martin").full_name == "Martin"


def test_create_gathers_every_invalid_field_and_writes_nothing(store):
    with pytest.raises(ValidationError) as caught:
        store.people.create(PersonInput(
            last_name=" ", email="pas-une-adresse", phone="123", note="x" * 5001,
        ))
    assert set(caught.value.errors) == {"last_name", "email", "phone", "note"}
    assert caught.value.errors["last_name"] == "Le nom est obligatoire."
    assert store.people.count() == 0
    assert _raw_count(store, "SELECT count(*) FROM audit_log") == 0


def test_unknown_role_is_refused(store):
    with pytest.raises(ValidationError) as caught:
        store.people.create(PersonInput(last_name="Martin", roles=["astronaute"]))
    assert caught.value.errors == {"roles": "Rôle inconnu."}
    assert store.people.count() == 0


def test_duplicate_roles_are_stored_once(store):
    person = store.people.create(PersonInput(
        last_name="Martin", roles=["coordinator", Role.COORDINATOR]
    ))
    assert person.roles == (Role.COORDINATOR,)
    assert _raw_count(store, "SELECT count(*) FROM person_roles") == 1


def test_get_unknown_person(store):
    with pytest.raises(NotFound) as caught:
        store.people.get(4242)
    assert caught.value.message == "Cette personne n’existe plus."


def test_update_changes_fields_and_roles(store, add_person):
    person = add_person("Martin", "Louise", roles=[Role.PATIENT_PARTNER, Role.PEER_HELPER])
    updated = store.people.update(person.id, PersonInput(
        last_name="Martin-Durand", first_name="Louise", email="louise@example.org",
        roles=[Role.EXPERT_PATIENT],
    ))
    assert updated.id == person.id
    assert updated.uid == person.uid
    assert updated.last_name == "Martin-Durand"
    assert updated.email == "louise@example.org"
    assert updated.roles == (Role.EXPERT_PATIENT,)
    assert store.people.get(person.id) == updated
    assert _raw_count(store, "SELECT count(*) FROM person_roles WHERE person_id = ?",
                      person.id) == 1
    assert store.people.page().rows[0].sort_key == "martin-durand louise"


def test_update_invalid_changes_nothing(store, add_person):
    person = add_person("Martin", email="louise@example.org", roles=[Role.COORDINATOR])
    with pytest.raises(ValidationError) as caught:
        store.people.update(person.id, PersonInput(last_name="", email="faux", roles=[]))
    assert set(caught.value.errors) == {"last_name", "email"}
    assert store.people.get(person.id) == person


def test_update_unknown_person(store):
    with pytest.raises(NotFound):
        store.people.update(4242, PersonInput(last_name="Martin"))
    assert store.people.count() == 0


def test_count(store, add_person):
    assert store.people.count() == 0
    ids = [add_person(f"Nom{i}").id for i in range(5)]
    assert store.people.count() == 5
    store.people.delete(ids[0])
    assert store.people.count() == 4


def test_page_without_query_is_in_directory_order(store, add_person):
    for last, first in [("Zola", "Émile"), ("Élie", "Anne"), ("durand", "Léa"),
                        ("Dupont", "Marc"), ("Dupont", "Marc")]:
        add_person(last, first, roles=[Role.PATIENT_PARTNER, Role.COORDINATOR])
    page = store.people.page()
    assert [row.full_name for row in page.rows] == [
        "Marc Dupont", "Marc Dupont", "Léa durand", "Anne Élie", "Émile Zola"]
    assert page.rows[0].id < page.rows[1].id  # same name: id breaks the tie
    assert page.total == 5
    assert not page.has_more
    assert page.rows[0].roles == (Role.PATIENT_PARTNER, Role.COORDINATOR)


def test_page_row_carries_what_the_list_shows(store, add_person):
    person = add_person("Martin", "Louise", email="l.martin@example.org", phone="0639980001")
    (row,) = store.people.page().rows
    assert (row.id, row.full_name, row.email, row.phone, row.roles, row.sort_key) == (
        person.id, "Louise Martin", "l.martin@example.org", "06 39 98 00 01", (),
        "martin louise")


def test_page_limit_and_has_more(store, add_person):
    for i in range(7):
        add_person(f"Nom{i}")
    page = store.people.page(limit=3)
    assert len(page.rows) == 3
    assert page.has_more
    assert page.total == 7
    exact = store.people.page(limit=7)
    assert len(exact.rows) == 7
    assert not exact.has_more


def test_empty_page(store):
    page = store.people.page()
    assert page.rows == ()
    assert page.total == 0
    assert not page.has_more


# --- deletion -------------------------------------------------------------------------------


@pytest.fixture
def seated(store, structure, committee, add_person):
    """A titulaire on two committees, with a suppléant on the first."""
    other = store.committees.create(structure.id, "Groupe de travail accueil", "groupe_travail")
    titular = add_person("Martin", "Louise", roles=[Role.USER_REPRESENTATIVE, Role.PEER_HELPER])
    substitute = add_person("Durand", "Léa", roles=[Role.USER_REPRESENTATIVE])
    seat = store.memberships.add(committee.id, titular.id, MembershipInput())
    backup = store.memberships.add(committee.id, substitute.id, MembershipInput(
        seat=Seat.SUBSTITUTE, substitute_for=seat.id))
    group_seat = store.memberships.add(other.id, titular.id, MembershipInput())
    return titular, substitute, seat, backup, group_seat


def test_deletion_impact_lists_memberships_and_orphaned_substitutes(store, seated):
    titular, _substitute, seat, backup, group_seat = seated
    impact = store.people.deletion_impact(titular.id)
    assert impact.person == titular
    assert sorted(m.id for m in impact.memberships) == sorted([seat.id, group_seat.id])
    assert [m.id for m in impact.substitutes_left_without_titular] == [backup.id]
    assert impact.substitutes_left_without_titular[0].person_name == "Léa Durand"


def test_deletion_impact_of_a_substitute_orphans_nobody(store, seated):
    _titular, substitute, _seat, backup, _group = seated
    impact = store.people.deletion_impact(substitute.id)
    assert [m.id for m in impact.memberships] == [backup.id]
    assert impact.substitutes_left_without_titular == ()


def test_deletion_impact_of_unknown_person(store):
    with pytest.raises(NotFound):
        store.people.deletion_impact(4242)


def test_delete_cascades_roles_and_memberships(store, seated):
    titular, substitute, _seat, backup, _group = seated
    store.people.delete(titular.id)
    with pytest.raises(NotFound):
        store.people.get(titular.id)
    assert _raw_count(store, "SELECT count(*) FROM person_roles WHERE person_id = ?",
                      titular.id) == 0
    assert _raw_count(store, "SELECT count(*) FROM memberships WHERE person_id = ?",
                      titular.id) == 0
    # the suppléant keeps the seat, without a titulaire
    kept = store.memberships.get(backup.id)
    assert kept.seat == Seat.SUBSTITUTE
    assert kept.substitute_for is None
    assert kept.substitute_for_name == ""
    assert store.people.get(substitute.id).roles == (Role.USER_REPRESENTATIVE,)
    assert store.integrity() == []


def test_delete_unknown_person(store):
    with pytest.raises(NotFound):
        store.people.delete(4242)
    assert _raw_count(store, "SELECT count(*) FROM audit_log") == 0


def test_a_person_is_found_by_email_whatever_its_case(store, add_person):
    anne = add_person("Martin", "Anne", email="Anne.Martin@example.org")
    assert store.people.by_email("anne.martin@EXAMPLE.org").id == anne.id
    assert store.people.by_email("personne@example.org") is None
    assert store.people.by_email("") is None
