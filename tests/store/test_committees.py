"""CommitteeService: create, update, archive, delete, get, summary, all, find, count."""

import pytest

from comite.kernel.clock import utc_now_iso
from comite.store import MembershipInput, NotFound, Refused, ValidationError
from comite.store.committee_models import CommitteeKind, Seat, StructureKind


def _add_meeting(store, committee_id: int, title: str = "Séance du 12 mars") -> None:
    now = utc_now_iso()
    with store.db.write() as conn:
        conn.execute(
            "INSERT INTO meetings (uid, committee_id, title, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (f"uid-{title}", committee_id, title, now, now),
        )


@pytest.fixture
def hospital(store):
    return store.structures.create("Centre hospitalier de Valmont", StructureKind.HOSPITAL)


def test_create_returns_the_committee(store, structure):
    committee = store.committees.create(
        structure.id, "  Comité   des usagers ", "comite_usagers", "  Chaque trimestre. "
    )
    assert committee.id > 0
    assert len(committee.uid) == 36
    assert committee.structure_id == structure.id
    assert committee.structure_name == "MSP des Tilleuls"
    assert committee.name == "Comité des usagers"
    assert committee.kind is CommitteeKind.USERS_COMMITTEE
    assert committee.description == "Chaque trimestre."
    assert committee.archived is False
    assert store.committees.get(committee.id) == committee


def test_create_gathers_every_invalid_field(store):
    with pytest.raises(ValidationError) as caught:
        store.committees.create(None, "  ", "conseil_des_sages", "x" * 2001)
    errors = caught.value.errors
    assert set(errors) == {"structure_id", "name", "kind", "description"}
    assert errors["structure_id"] == "Choisissez la structure du comité."
    assert errors["kind"] == "Choisissez le type de comité."
    assert errors["name"] == "Le nom du comité est obligatoire."
    assert store.committees.count() == 0


def test_create_in_an_unknown_structure_is_refused(store):
    with pytest.raises(Refused) as caught:
        store.committees.create(4242, "CDU", CommitteeKind.CDU)
    assert caught.value.message == "La structure choisie n’existe plus."
    assert store.committees.count() == 0


def test_get_and_summary_of_unknown_committee(store):
    with pytest.raises(NotFound) as caught:
        store.committees.get(4242)
    assert caught.value.message == "Ce comité n’existe plus."
    with pytest.raises(NotFound):
        store.committees.summary(4242)


def test_update_renames_and_moves(store, committee, hospital):
    updated = store.committees.update(
        committee.id, hospital.id, "Commission des usagers", CommitteeKind.CDU, "Légale."
    )
    assert updated.id == committee.id
    assert updated.uid == committee.uid
    assert updated.structure_id == hospital.id
    assert updated.structure_name == "Centre hospitalier de Valmont"
    assert updated.name == "Commission des usagers"
    assert updated.kind is CommitteeKind.CDU
    assert updated.description == "Légale."
    assert store.committees.get(committee.id) == updated


def test_update_invalid_or_unknown(store, committee):
    with pytest.raises(ValidationError) as caught:
        store.committees.update(committee.id, committee.structure_id, "", "cdu")
    assert set(caught.value.errors) == {"name"}
    with pytest.raises(Refused):
        store.committees.update(committee.id, 4242, "CDU", "cdu")
    with pytest.raises(NotFound):
        store.committees.update(4242, committee.structure_id, "CDU", "cdu")
    assert store.committees.get(committee.id) == committee


def test_archive_and_unarchive(store, committee):
    archived = store.committees.set_archived(committee.id, True)
    assert archived.archived is True
    assert [s.committee.id for s in store.committees.all()] == []
    assert [s.committee.id for s in store.committees.all(include_archived=True)] == [committee.id]
    assert store.committees.count() == 1
    back = store.committees.set_archived(committee.id, False)
    assert back.archived is False
    assert [s.committee.id for s in store.committees.all()] == [committee.id]


def test_archive_unknown_committee(store):
    with pytest.raises(NotFound):
        store.committees.set_archived(4242, True)


def test_all_orders_by_structure_then_name_and_archived_last(store, structure, hospital):
    cdu = store.committees.create(hospital.id, "CDU", "cdu")
    b = store.committees.create(structure.id, "groupe accueil", "groupe_travail")
    a = store.committees.create(structure.id, "Comité des usagers", "comite_usagers")
    old = store.committees.create(hospital.id, "Ancien COPIL", "copil")
    store.committees.set_archived(old.id, True)
    assert [s.committee.id for s in store.committees.all()] == [cdu.id, a.id, b.id]
    assert [s.committee.id for s in store.committees.all(include_archived=True)] == [
        cdu.id, a.id, b.id, old.id]
    assert [s.committee.id for s in store.committees.all(limit=2)] == [cdu.id, a.id]


def test_summary_counts_titulars_and_substitutes(store, committee, add_person):
    titulars = [store.memberships.add(committee.id, add_person(f"T{i}").id, MembershipInput())
                for i in range(3)]
    store.memberships.add(committee.id, add_person("S").id, MembershipInput(
        seat=Seat.SUBSTITUTE, substitute_for=titulars[0].id))
    summary = store.committees.summary(committee.id)
    assert (summary.members, summary.titulars, summary.substitutes) == (4, 3, 1)
    (listed,) = store.committees.all()
    assert listed == summary


def test_delete_a_committee_that_never_met(store, committee, add_person):
    person = add_person("Martin")
    store.memberships.add(committee.id, person.id, MembershipInput())
    store.committees.delete(committee.id)
    with pytest.raises(NotFound):
        store.committees.get(committee.id)
    assert store.committees.count() == 0
    assert store.memberships.of_person(person.id) == []
    assert store.people.get(person.id) == person


def test_delete_refused_once_the_committee_has_met(store, committee):
    _add_meeting(store, committee.id)
    _add_meeting(store, committee.id, "Séance de juin")
    with pytest.raises(Refused) as caught:
        store.committees.delete(committee.id)
    assert "2 réunions" in caught.value.message
    assert "archivez-le" in caught.value.message
    assert store.committees.meeting_count(committee.id) == 2, "the app asks it before confirming"
    assert store.committees.get(committee.id) == committee
    # archiving is the way out, and keeps the meetings
    assert store.committees.set_archived(committee.id, True).archived
    meetings = store.db.connection().execute("SELECT count(*) FROM meetings").fetchone()[0]
    assert meetings == 2


def test_delete_unknown_committee(store):
    with pytest.raises(NotFound):
        store.committees.delete(4242)


def test_find_by_committee_or_structure_name(store, structure, hospital):
    cdu = store.committees.create(hospital.id, "Commission des usagers", "cdu")
    comite = store.committees.create(structure.id, "Comité des usagers", "comite_usagers")
    etp = store.committees.create(structure.id, "Programme ETP diabète", "programme_etp")
    assert [c.id for c in store.committees.find("usagers")] == [comite.id, cdu.id]
    assert [c.id for c in store.committees.find("USAGERS")] == [comite.id, cdu.id]
    assert [c.id for c in store.committees.find("hospitalier")] == [cdu.id]
    assert [c.id for c in store.committees.find("tilleuls")] == [comite.id, etp.id]
    assert store.committees.find("  diabète ") == [store.committees.get(etp.id)]
    assert store.committees.find("cardiologie") == []
    assert len(store.committees.find("", limit=2)) == 2


def test_find_lists_archived_committees_last(store, structure):
    old = store.committees.create(structure.id, "Atelier A", "groupe_travail")
    new = store.committees.create(structure.id, "Atelier B", "groupe_travail")
    store.committees.set_archived(old.id, True)
    found = store.committees.find("atelier")
    assert [c.id for c in found] == [new.id, old.id]
    assert found[1].archived


def test_find_ignores_accents_like_the_people_search(store, structure):
    """The global search typed 'comite' or 'COMITÉ' finds 'Comité des usagers', as the people
    search ignores accents and case."""
    comite = store.committees.create(structure.id, "Comité des usagers", "comite_usagers")
    assert [c.id for c in store.committees.find("comite")] == [comite.id]
    assert [c.id for c in store.committees.find("COMITÉ")] == [comite.id]


def test_count(store, structure):
    assert store.committees.count() == 0
    for i in range(3):
        store.committees.create(structure.id, f"Groupe {i}", "groupe_travail")
    assert store.committees.count() == 3


def test_find_treats_like_wildcards_as_plain_text(store, structure):
    store.committees.create(structure.id, "Comité des usagers", "comite_usagers")
    taux = store.committees.create(structure.id, "Suivi 100% des plaintes", "groupe_travail")
    assert [c.id for c in store.committees.find("%")] == [taux.id]
    assert store.committees.find("_") == []
    assert store.committees.find("\\") == []
