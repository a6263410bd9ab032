"""MembershipService: seats, substitutes, mandates."""

from datetime import date, timedelta

import pytest

from comite.store import MembershipInput, NotFound, Refused, ValidationError
from comite.store.committee_models import Function, Seat


@pytest.fixture
def titular(store, committee, add_person):
    person = add_person("Martin", "Louise")
    return store.memberships.add(committee.id, person.id, MembershipInput(
        function=Function.PRESIDENT, mandate_start=date(2024, 1, 1),
        mandate_end=date(2026, 12, 31), designated_by="ARS",
    ))


def substitute_of(store, committee, add_person, titular_id, name="Durand"):
    person = add_person(name, "Léa")
    return store.memberships.add(committee.id, person.id, MembershipInput(
        seat=Seat.SUBSTITUTE, substitute_for=titular_id))


def test_add_titular(store, committee, titular):
    assert titular.committee_id == committee.id
    assert titular.committee_name == "Comité des usagers"
    assert titular.person_name == "Louise Martin"
    assert titular.seat is Seat.TITULAR
    assert titular.function is Function.PRESIDENT
    assert titular.substitute_for is None
    assert titular.substitute_for_name == ""
    assert titular.mandate_start == date(2024, 1, 1)
    assert titular.mandate_end == date(2026, 12, 31)
    assert titular.designated_by == "ARS"
    assert store.memberships.get(titular.id) == titular


def test_defaults(store, committee, add_person):
    membership = store.memberships.add(committee.id, add_person("Petit").id, MembershipInput())
    assert membership.seat is Seat.TITULAR
    assert membership.function is Function.MEMBER
    assert (membership.mandate_start, membership.mandate_end) == (None, None)
    assert membership.designated_by == ""


def test_add_substitute_of_a_titular(store, committee, add_person, titular):
    backup = substitute_of(store, committee, add_person, titular.id)
    assert backup.seat is Seat.SUBSTITUTE
    assert backup.substitute_for == titular.id
    assert backup.substitute_for_name == "Louise Martin"


def test_substitute_without_titular_is_allowed(store, committee, add_person):
    membership = store.memberships.add(committee.id, add_person("Petit").id,
                                       MembershipInput(seat="suppleant"))
    assert membership.seat is Seat.SUBSTITUTE
    assert membership.substitute_for is None


def test_substitute_of_a_titular_of_another_committee_is_refused(
        store, structure, committee, add_person, titular):
    other = store.committees.create(structure.id, "Groupe de travail", "groupe_travail")
    with pytest.raises(ValidationError) as caught:
        store.memberships.add(other.id, add_person("Petit").id, MembershipInput(
            seat=Seat.SUBSTITUTE, substitute_for=titular.id))
    assert caught.value.errors == {"substitute_for": (
        "Choisissez un(e) titulaire de ce comité : on ne supplée pas le membre d’un autre comité.")}
    assert store.memberships.of_committee(other.id) == []


def test_substitute_of_a_substitute_is_refused(store, committee, add_person, titular):
    backup = substitute_of(store, committee, add_person, titular.id)
    with pytest.raises(ValidationError) as caught:
        store.memberships.add(committee.id, add_person("Petit").id, MembershipInput(
            seat=Seat.SUBSTITUTE, substitute_for=backup.id))
    assert "pas un(e) autre suppléant(e)" in caught.value.errors["substitute_for"]


def test_substitute_of_an_unknown_membership_is_refused(store, committee, add_person):
    with pytest.raises(ValidationError) as caught:
        store.memberships.add(committee.id, add_person("Petit").id, MembershipInput(
            seat=Seat.SUBSTITUTE, substitute_for=4242))
    assert "n’est plus membre" in caught.value.errors["substitute_for"]


def test_titular_cannot_substitute_anybody(store, committee, add_person, titular):
    # Refused beside the field, saying why: never saved with the link silently dropped.
    with pytest.raises(ValidationError) as caught:
        store.memberships.add(committee.id, add_person("Petit").id, MembershipInput(
            seat=Seat.TITULAR, substitute_for=titular.id))
    assert caught.value.errors == {"substitute_for": (
        "Un(e) titulaire ne supplée personne : choisissez « Suppléant(e) » comme siège, "
        "ou laissez ce champ vide.")}
    assert len(store.memberships.of_committee(committee.id)) == 1


def test_a_guest_stands_in_for_nobody(store, committee, add_person, titular):
    with pytest.raises(ValidationError) as caught:
        store.memberships.add(committee.id, add_person("Petit").id, MembershipInput(
            seat=Seat.SUBSTITUTE, function=Function.GUEST, substitute_for=titular.id))
    assert caught.value.errors == {"substitute_for": (
        "Un(e) invité(e) ne supplée personne : choisissez « Membre » comme fonction, "
        "ou laissez ce champ vide.")}
    assert len(store.memberships.of_committee(committee.id)) == 1


def test_duplicate_membership_is_refused(store, committee, titular):
    with pytest.raises(Refused) as caught:
        store.memberships.add(committee.id, titular.person_id, MembershipInput(
            seat=Seat.SUBSTITUTE))
    assert caught.value.message == "Cette personne est déjà membre de ce comité."
    assert not isinstance(caught.value, ValidationError)
    assert len(store.memberships.of_committee(committee.id)) == 1


def test_mandate_end_before_start_is_refused(store, committee, add_person):
    with pytest.raises(ValidationError) as caught:
        store.memberships.add(committee.id, add_person("Petit").id, MembershipInput(
            mandate_start=date(2026, 6, 1), mandate_end=date(2026, 5, 31)))
    assert "mandate_end" in caught.value.errors
    assert "avant son début" in caught.value.errors["mandate_end"]
    assert store.memberships.of_committee(committee.id) == []


def test_one_day_mandate_is_fine(store, committee, add_person):
    day = date(2026, 6, 1)
    membership = store.memberships.add(committee.id, add_person("Petit").id, MembershipInput(
        mandate_start=day, mandate_end=day))
    assert membership.mandate_start == membership.mandate_end == day


def test_several_invalid_fields_at_once(store, committee, add_person):
    with pytest.raises(ValidationError) as caught:
        store.memberships.add(committee.id, add_person("Petit").id, MembershipInput(
            seat="remplaçant", function="trésorier", mandate_start=date(2026, 6, 1),
            mandate_end=date(2026, 1, 1), designated_by="x" * 201))
    assert set(caught.value.errors) == {"seat", "function", "mandate_end", "designated_by"}
    assert caught.value.errors["seat"] == "Choisissez titulaire ou suppléant(e)."


def test_add_to_unknown_committee_or_person(store, committee, add_person):
    person = add_person("Petit")
    with pytest.raises(NotFound) as caught:
        store.memberships.add(4242, person.id, MembershipInput())
    assert caught.value.message == "Ce comité n’existe plus."
    with pytest.raises(NotFound) as caught:
        store.memberships.add(committee.id, 4242, MembershipInput())
    assert caught.value.message == "Cette personne n’existe plus."


def test_update(store, committee, add_person, titular):
    updated = store.memberships.update(titular.id, MembershipInput(
        function=Function.SECRETARY, mandate_start=date(2025, 1, 1),
        mandate_end=date(2027, 12, 31), designated_by="Assemblée générale"))
    assert updated.id == titular.id
    assert updated.function is Function.SECRETARY
    assert updated.mandate_end == date(2027, 12, 31)
    assert updated.designated_by == "Assemblée générale"
    assert store.memberships.get(titular.id) == updated


def test_update_substitute_to_another_titular(store, committee, add_person, titular):
    backup = substitute_of(store, committee, add_person, titular.id)
    other = store.memberships.add(committee.id, add_person("Bernard").id, MembershipInput())
    moved = store.memberships.update(backup.id, MembershipInput(
        seat=Seat.SUBSTITUTE, substitute_for=other.id))
    assert moved.substitute_for == other.id
    assert moved.substitute_for_name == "Bernard"


@pytest.mark.parametrize(("seat", "whom", "why"), [
    (Seat.SUBSTITUTE, "oneself", "On ne se supplée pas soi-même : choisissez un(e) autre titulaire."),
    # Made titulaire while still standing in for her: refused, never the link dropped.
    (Seat.TITULAR, "the titulaire", "Un(e) titulaire ne supplée personne : choisissez "
     "« Suppléant(e) » comme siège, ou laissez ce champ vide."),
])
def test_an_update_standing_in_for_whom_one_cannot_is_refused(store, committee, add_person,
                                                              titular, seat, whom, why):
    backup = substitute_of(store, committee, add_person, titular.id)
    target = backup.id if whom == "oneself" else titular.id
    with pytest.raises(ValidationError) as caught:
        store.memberships.update(backup.id, MembershipInput(seat=seat, substitute_for=target))
    assert caught.value.errors == {"substitute_for": why}
    assert store.memberships.get(backup.id) == backup


@pytest.mark.parametrize(("change", "field", "becoming"), [
    ({"seat": Seat.SUBSTITUTE}, "seat", "avant d’en faire un(e) suppléant(e)"),
    # A guest holds no seat for them to stand in either.
    ({"function": Function.GUEST}, "function", "avant d’en faire un(e) invité(e)"),
])
def test_titular_with_substitutes_keeps_a_seat_for_them(store, committee, add_person, titular,
                                                        change, field, becoming):
    substitute_of(store, committee, add_person, titular.id)
    with pytest.raises(ValidationError) as caught:
        store.memberships.update(titular.id, MembershipInput(**change))
    assert set(caught.value.errors) == {field}
    assert "rattachez-les à un autre titulaire" in caught.value.errors[field]
    assert becoming in caught.value.errors[field]
    assert store.memberships.get(titular.id) == titular


def test_substitute_becoming_titular_drops_substitute_for(store, committee, add_person,
                                                          titular):
    backup = substitute_of(store, committee, add_person, titular.id)
    promoted = store.memberships.update(backup.id, MembershipInput(seat=Seat.TITULAR))
    assert promoted.seat is Seat.TITULAR
    assert promoted.substitute_for is None


def test_update_invalid_or_unknown(store, titular):
    with pytest.raises(ValidationError):
        store.memberships.update(titular.id, MembershipInput(
            mandate_start=date(2026, 1, 2), mandate_end=date(2026, 1, 1)))
    assert store.memberships.get(titular.id) == titular
    with pytest.raises(NotFound):
        store.memberships.update(4242, MembershipInput())


def test_removing_a_titular_leaves_the_substitute_without_titular(store, committee, add_person,
                                                                  titular):
    backup = substitute_of(store, committee, add_person, titular.id)
    store.memberships.remove(titular.id)
    with pytest.raises(NotFound):
        store.memberships.get(titular.id)
    kept = store.memberships.get(backup.id)
    assert kept.seat is Seat.SUBSTITUTE
    assert kept.substitute_for is None
    assert kept.substitute_for_name == ""
    assert store.people.get(titular.person_id).last_name == "Martin"  # the person stays


def test_remove_unknown(store):
    with pytest.raises(NotFound):
        store.memberships.remove(4242)


def test_of_committee_lists_titulars_by_function_each_followed_by_substitutes_then_orphans(
        store, committee, add_person):
    def seat(name, function=Function.MEMBER, titular=None):
        return store.memberships.add(committee.id, add_person(name).id, MembershipInput(
            seat=Seat.SUBSTITUTE if titular else Seat.TITULAR, function=function,
            substitute_for=titular))

    guest = seat("Aubert", Function.GUEST)
    zola = seat("Zola")
    bernard = seat("Bernard")
    president = seat("Young", Function.PRESIDENT)
    secretary = seat("Xavier", Function.SECRETARY)
    zola_backup = seat("Abel", titular=zola.id)
    president_backup = seat("Vidal", titular=president.id)
    orphan = seat("Aaron", titular=bernard.id)
    store.memberships.remove(bernard.id)  # Aaron stays, without a titulaire
    ids = [m.id for m in store.memberships.of_committee(committee.id)]
    assert ids == [president.id, president_backup.id, secretary.id, zola.id,
                   zola_backup.id, orphan.id, guest.id]


def test_of_person_spans_committees(store, structure, committee, add_person, titular):
    other = store.committees.create(structure.id, "Groupe de travail", "groupe_travail")
    second = store.memberships.add(other.id, titular.person_id, MembershipInput())
    assert {m.id for m in store.memberships.of_person(titular.person_id)} == {
        titular.id, second.id}
    assert store.memberships.of_person(4242) == []


def test_ending_within(store, structure, committee, add_person, today):
    def seat(name, end, committee_id=committee.id):
        start = None if end is None else end - timedelta(days=3 * 365)
        return store.memberships.add(committee_id, add_person(name).id, MembershipInput(
            mandate_start=start, mandate_end=end))

    ends_today = seat("Aujourdhui", today)
    ends_last_day = seat("Limite", today + timedelta(days=90))
    ends_soon = seat("Bientot", today + timedelta(days=10))
    seat("Trop tard", today + timedelta(days=91))
    seat("Deja fini", today - timedelta(days=1))
    seat("Sans fin", None)
    archived = store.committees.create(structure.id, "Ancien groupe", "groupe_travail")
    seat("Archive", today + timedelta(days=5), archived.id)
    store.committees.set_archived(archived.id, True)

    ending = store.memberships.ending_within(90, today)
    assert [(e.membership.id, e.days_left) for e in ending] == [
        (ends_today.id, 0), (ends_soon.id, 10), (ends_last_day.id, 90)]
    assert [e.membership.id for e in store.memberships.ending_within(90, today, limit=2)] == [
        ends_today.id, ends_soon.id]
    assert [e.membership.id for e in store.memberships.ending_within(9, today)] == [
        ends_today.id]
    later = today + timedelta(days=30)
    assert [e.membership.id for e in store.memberships.ending_within(60, later)] == [
        ends_last_day.id]


def test_an_archived_committee_keeps_its_members_as_they_were(store, committee, titular,
                                                               add_person):
    store.committees.set_archived(committee.id, True)
    newcomer = add_person("Roux", "Inès")
    with pytest.raises(Refused, match="archivé"):
        store.memberships.add(committee.id, newcomer.id, MembershipInput())
    with pytest.raises(Refused, match="archivé"):
        store.memberships.update(titular.id, MembershipInput(function=Function.MEMBER))
    with pytest.raises(Refused, match="archivé"):
        store.memberships.remove(titular.id)
    assert store.memberships.of_committee(committee.id) == [titular]
    store.committees.set_archived(committee.id, False)
    store.memberships.add(committee.id, newcomer.id, MembershipInput())


def test_a_guest_has_no_seat_to_substitute(store, committee, add_person):
    guest = store.memberships.add(committee.id, add_person("Invité", "Paul").id,
                                  MembershipInput(function=Function.GUEST))
    with pytest.raises(ValidationError) as refused:
        substitute_of(store, committee, add_person, guest.id)
    assert "invité" in refused.value.errors["substitute_for"]


def test_a_substitute_holds_no_office(store, committee, titular, add_person):
    person = add_person("Petit", "Jules")
    with pytest.raises(ValidationError) as refused:
        store.memberships.add(committee.id, person.id, MembershipInput(
            seat=Seat.SUBSTITUTE, substitute_for=titular.id, function=Function.PRESIDENT))
    assert "titulaire" in refused.value.errors["function"]


def test_guests_are_not_counted_as_titulars(store, committee, titular, add_person):
    store.memberships.add(committee.id, add_person("Blanc", "Rose").id,
                          MembershipInput(function=Function.GUEST))
    substitute_of(store, committee, add_person, titular.id)
    summary = store.committees.summary(committee.id)
    assert (summary.members, summary.titulars, summary.substitutes) == (3, 1, 1)
