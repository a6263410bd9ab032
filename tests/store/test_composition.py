"""The committee's composition: exact counts for the coordinator, by each criterion."""

from datetime import date

from comite.store import MembershipInput
from comite.store.committee_models import Role
from comite.store.composition import age_band

TODAY = date(2027, 3, 15)


def test_age_bands_follow_the_year_of_birth():
    assert [age_band(y, TODAY) for y in (2003, 2002, 1983, 1963, 1953, 1952, None)] == [
        "Moins de 25 ans", "25 à 44 ans", "25 à 44 ans", "45 à 64 ans", "65 à 74 ans",
        "75 ans et plus", "Non renseigné"]


def test_the_composition_counts_current_members_by_each_dimension(store, committee, add_person):
    for n in range(6):
        person = add_person(f"Membre{n}", birth_year=1950 + n, sex="female" if n < 5 else "male",
                            territory="Montclar" if n % 2 else "Beaurivage", lived_as="patient",
                            roles=[Role.PATIENT_PARTNER])
        store.memberships.add(committee.id, person.id, MembershipInput())
    gone = add_person("Ancien", sex="male")
    store.memberships.add(committee.id, gone.id, MembershipInput(
        mandate_start=date(2020, 1, 1), mandate_end=date(2021, 1, 1)))
    found = store.committees.composition(committee.id, TODAY)
    assert found.members == 6
    by = {title: {c.label: c.count for c in cells} for title, cells in found.by}
    assert by["Sexe"] == {"Femme": 5, "Homme": 1, "Autre": 0, "Non renseigné": 0}
    assert by["Rôle"]["Patient(e) ou aidant(e) partenaire"] == 6
    assert by["Âge"]["65 à 74 ans"] == 3 and by["Vécu"]["Patient(e)"] == 6
    assert all(sum(c.count for c in cells) == 6 for _title, cells in found.by), "each adds up"
    assert list(by["Territoire"]) == ["Beaurivage", "Montclar", "Non renseigné"]
