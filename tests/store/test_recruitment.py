"""Candidacies through their stages: the seat at « actif », the charter at « charte signée »,
the team's criteria and opinions weighed before deciding."""

from datetime import date, timedelta

import pytest

from comite.store import NeedsConfirmation, NotFound, Refused, ValidationError
from comite.store.charter_models import Side, SignatureMethod
from comite.store.committee_models import Role, Seat
from comite.store.privacy_models import ConsentMethod, Purpose
from comite.store.recruitment import CandidateInput
from comite.store.recruitment_models import CriterionKind, OpinionKind, Source, Stage, TrainingKind
from comite.store.trainings import TrainingInput
from tests.store.test_charters import make

TODAY = date(2027, 3, 15)


@pytest.fixture
def team(add_person):
    return add_person("Martin", "Paul", roles=[Role.PROFESSIONAL])


@pytest.fixture
def candidate(store, committee, add_person):
    person = add_person("Lefèvre", "Nadia", email="nadia@example.org")
    return store.recruitment.add(person.id, CandidateInput(
        role=Role.PATIENT_PARTNER, source=Source.WAITING_ROOM, committee_id=committee.id,
        next_step="Premier appel", next_step_on="20/03/2027", notes="Vue à l’accueil"), TODAY)


def ready(store, candidate, team):
    """What a careful team has before deciding: an opinion, the consent to take part."""
    store.recruitment.give_opinion(candidate.id, team.id, OpinionKind.FAVOURABLE, "", TODAY)
    store.consents.give(candidate.person_id, Purpose.MEMBERSHIP, ConsentMethod.PAPER, TODAY, TODAY)


def test_a_new_candidacy_starts_spotted_with_its_next_step(candidate):
    assert candidate.stage is Stage.SPOTTED
    assert candidate.next_step_on == date(2027, 3, 20)
    assert candidate.committee_name == "Comité des usagers"
    assert candidate.person_name == "Nadia Lefèvre"


def test_a_date_without_a_step_is_refused_beside_the_field(store, add_person):
    person = add_person("Roy", "Lina")
    with pytest.raises(ValidationError) as refused:
        store.recruitment.add(person.id, CandidateInput(
            role="patient_partner", source="association", next_step_on="01/04/2027"), TODAY)
    assert "next_step" in refused.value.errors
    assert store.recruitment.of_person(person.id) == []


def test_unknown_source_or_role_is_refused(store, add_person):
    person = add_person("Roy", "Lina")
    with pytest.raises(ValidationError) as refused:
        store.recruitment.add(person.id, CandidateInput(role="chef", source="radio"), TODAY)
    assert set(refused.value.errors) == {"role", "source"}


def test_moves_are_kept_in_the_history(store, candidate):
    for stage in (Stage.CONTACTED, Stage.MET):
        store.recruitment.move(candidate.id, stage, TODAY + timedelta(days=1))
    assert [m.stage for m in store.recruitment.history(candidate.id)] == [
        Stage.SPOTTED, Stage.CONTACTED, Stage.MET]
    assert store.recruitment.get(candidate.id).stage_since == TODAY + timedelta(days=1)


def test_moving_to_the_same_stage_is_refused(store, candidate):
    with pytest.raises(Refused, match="déjà"):
        store.recruitment.move(candidate.id, Stage.SPOTTED, TODAY)


def test_active_asks_first_when_the_team_has_not_weighed_in(store, candidate, committee):
    with pytest.raises(NeedsConfirmation) as asked:
        store.recruitment.move(candidate.id, Stage.ACTIVE, TODAY)
    assert "Aucun avis" in asked.value.message
    assert "accord pour participer" in asked.value.message
    assert store.memberships.of_committee(committee.id) == []
    assert store.recruitment.get(candidate.id).stage is Stage.SPOTTED


def test_active_gives_the_seat_and_the_role(store, candidate, committee, team):
    ready(store, candidate, team)
    result = store.recruitment.move(candidate.id, Stage.ACTIVE, TODAY)
    assert result.membership_created
    [seat] = store.memberships.of_committee(committee.id)
    assert seat.person_id == candidate.person_id and seat.seat is Seat.TITULAR
    assert seat.mandate_start == TODAY and seat.mandate_end is None
    assert result.candidate.membership_id == seat.id
    assert Role.PATIENT_PARTNER in store.people.get(candidate.person_id).roles


def test_a_representative_gets_a_three_year_mandate(store, committee, add_person, team):
    person = add_person("Blanc", "Henri")
    ru = store.recruitment.add(person.id, CandidateInput(
        role=Role.USER_REPRESENTATIVE, source=Source.ASSOCIATION, committee_id=committee.id), TODAY)
    ready(store, ru, team)
    with pytest.raises(NeedsConfirmation, match="formation de base"):
        store.recruitment.move(ru.id, Stage.ACTIVE, TODAY)
    store.trainings.add(person.id, TrainingInput(
        course="Formation de base RU", held_on=TODAY, hours=14, kind=TrainingKind.RU_BASIC))
    store.recruitment.move(ru.id, Stage.ACTIVE, TODAY)
    [seat] = store.memberships.of_person(person.id)
    assert seat.mandate_end == date(2030, 3, 15)


def test_an_expert_patient_needs_forty_hours_of_etp(store, committee, add_person, team):
    person = add_person("Noir", "Léa")
    expert = store.recruitment.add(person.id, CandidateInput(
        role=Role.EXPERT_PATIENT, source=Source.SPONTANEOUS, committee_id=committee.id), TODAY)
    ready(store, expert, team)
    store.trainings.add(person.id, TrainingInput(
        course="ETP niveau 1", held_on=TODAY, hours="24", kind=TrainingKind.ETP_40H))
    assert any("24 h" in d for d in store.recruitment.decision_doubts(expert.id))
    store.trainings.add(person.id, TrainingInput(
        course="ETP niveau 2", held_on=TODAY, hours="16,5", kind=TrainingKind.ETP_40H))
    assert store.recruitment.decision_doubts(expert.id) == []


def test_a_person_already_seated_keeps_their_seat(store, candidate, committee, team):
    from comite.store import MembershipInput

    held = store.memberships.add(committee.id, candidate.person_id, MembershipInput())
    ready(store, candidate, team)
    result = store.recruitment.move(candidate.id, Stage.ACTIVE, TODAY)
    assert not result.membership_created and result.candidate.membership_id == held.id


def test_leaving_active_frees_the_seat_after_confirming(store, candidate, committee, team):
    ready(store, candidate, team)
    store.recruitment.move(candidate.id, Stage.ACTIVE, TODAY)
    with pytest.raises(NeedsConfirmation, match="quittera son siège"):
        store.recruitment.move(candidate.id, Stage.LEFT, TODAY)
    assert len(store.memberships.of_committee(committee.id)) == 1
    result = store.recruitment.move(candidate.id, Stage.LEFT, TODAY, confirmed=True)
    assert result.membership_removed and store.memberships.of_committee(committee.id) == []
    assert result.candidate.stage.closed


def test_active_needs_a_committee(store, add_person, team):
    person = add_person("Gris", "Tom")
    loose = store.recruitment.add(person.id, CandidateInput(
        role="patient_partner", source="association"), TODAY)
    with pytest.raises(Refused, match="comité visé"):
        store.recruitment.move(loose.id, Stage.ACTIVE, TODAY, confirmed=True)


def test_charter_signed_links_the_charter_signed_by_both_sides(store, candidate, committee):
    with pytest.raises(Refused, match="Aucune charte signée"):
        store.recruitment.move(candidate.id, Stage.CHARTER_SIGNED, TODAY)
    store.charters.sync_catalog([make()])
    draft = store.charters.draft(candidate.person_id, committee.id, "essai",
                                 {"team_signatory": "Dr Roy"}, TODAY)
    charter = store.charters.record(draft, "0" * 64)
    store.charters.sign(charter.id, Side.STRUCTURE, SignatureMethod.PAPER, "Dr Roy", TODAY)
    with pytest.raises(Refused, match="Aucune charte signée"):
        store.recruitment.move(candidate.id, Stage.CHARTER_SIGNED, TODAY)
    store.charters.sign(charter.id, Side.PERSON, SignatureMethod.PAPER, "Nadia Lefèvre", TODAY)
    result = store.recruitment.move(candidate.id, Stage.CHARTER_SIGNED, TODAY)
    assert result.charter_linked and result.candidate.charter_id == charter.id


def test_the_committee_is_fixed_once_the_seat_is_taken(store, candidate, committee, team,
                                                       structure):
    from comite.store.committee_models import CommitteeKind

    other = store.committees.create(structure.id, "Groupe", CommitteeKind.WORKING_GROUP)
    ready(store, candidate, team)
    store.recruitment.move(candidate.id, Stage.ACTIVE, TODAY)
    with pytest.raises(Refused, match="ne change plus"):
        store.recruitment.update(candidate.id, CandidateInput(
            role="patient_partner", source="waiting_room", committee_id=other.id))


def test_overdue_lists_next_steps_past_their_day_on_open_candidacies(store, candidate, team):
    assert store.recruitment.overdue(date(2027, 3, 20)) == []
    [late] = store.recruitment.overdue(date(2027, 3, 21))
    assert late.id == candidate.id and late.overdue(date(2027, 3, 21))
    store.recruitment.move(candidate.id, Stage.NOT_RETAINED, TODAY, confirmed=True)
    assert store.recruitment.overdue(date(2027, 3, 21)) == []


def test_the_board_has_every_open_stage_in_order(store, candidate):
    board = store.recruitment.board()
    assert list(board) == [s for s in Stage if not s.closed]
    assert [c.id for c in board[Stage.SPOTTED]] == [candidate.id]
    store.recruitment.move(candidate.id, Stage.NOT_RETAINED, TODAY, confirmed=True)
    assert all(not cards for cards in store.recruitment.board().values())
    assert [c.id for c in store.recruitment.board(include_closed=True)[Stage.NOT_RETAINED]] == [
        candidate.id]


def test_criteria_are_checked_per_candidate_and_a_deal_breaker_weighs(store, candidate,
                                                                      committee, team):
    listens = store.recruitment.add_criterion(committee.id, CriterionKind.QUALITY, "À l’écoute")
    store.recruitment.add_criterion(committee.id, CriterionKind.QUALITY, "Pour les RU",
                                    role=Role.USER_REPRESENTATIVE)
    breaker = store.recruitment.add_criterion(committee.id, CriterionKind.DEAL_BREAKER,
                                              "Intérêt personnel")
    checks = store.recruitment.checks(candidate.id)
    assert [c.criterion.text for c in checks] == ["À l’écoute", "Intérêt personnel"]
    assert all(c.met is None for c in checks)
    store.recruitment.set_check(candidate.id, listens.id, True)
    store.recruitment.set_check(candidate.id, breaker.id, True)
    ready(store, candidate, team)
    assert any("rédhibitoire" in d for d in store.recruitment.decision_doubts(candidate.id))
    store.recruitment.set_check(candidate.id, breaker.id, None)
    assert store.recruitment.decision_doubts(candidate.id) == []
    assert {c.criterion.id: c.met for c in store.recruitment.checks(candidate.id)} == {
        listens.id: True, breaker.id: None}


def test_an_empty_criterion_is_refused(store, committee):
    with pytest.raises(ValidationError):
        store.recruitment.add_criterion(committee.id, CriterionKind.QUALITY, "   ")


def test_one_opinion_per_team_member_given_again_replaces(store, candidate, team):
    store.recruitment.give_opinion(candidate.id, team.id, OpinionKind.RESERVED, "À revoir", TODAY)
    store.recruitment.give_opinion(candidate.id, team.id, OpinionKind.UNFAVOURABLE, "Non", TODAY)
    [opinion] = store.recruitment.opinions(candidate.id)
    assert opinion.opinion is OpinionKind.UNFAVOURABLE and opinion.author_name == "Paul Martin"
    assert any("défavorable" in d for d in store.recruitment.decision_doubts(candidate.id))
    store.recruitment.remove_opinion(opinion.id)
    assert store.recruitment.opinions(candidate.id) == []


def test_the_candidate_gives_no_opinion_on_themself(store, candidate):
    with pytest.raises(Refused, match="propre"):
        store.recruitment.give_opinion(candidate.id, candidate.person_id, "favourable", "", TODAY)


def test_the_audit_says_what_moved_never_the_notes(store, candidate):
    store.recruitment.move(candidate.id, Stage.CONTACTED, TODAY)
    entries = [e for e in store.audit.recent() if e.entity == "candidate"]
    assert {e.action for e in entries} == {"create", "move"}
    assert all("Vue à l’accueil" not in ",".join(e.fields) for e in entries)


def test_a_removed_candidacy_is_gone(store, candidate):
    store.recruitment.remove(candidate.id)
    with pytest.raises(NotFound):
        store.recruitment.get(candidate.id)


def test_trainings_refuse_bad_hours_and_dates(store, add_person):
    person = add_person("Vert", "Zoé")
    with pytest.raises(ValidationError) as refused:
        store.trainings.add(person.id, TrainingInput(course="", held_on="31/02/2027", hours="-2"))
    assert set(refused.value.errors) == {"course", "held_on", "hours"}
    kept = store.trainings.add(person.id, TrainingInput(
        course="Formation RU", held_on="02/03/2027", hours="7 h", organisation="France Assos Santé",
        certificate_path="/x/attestation.pdf", certificate_sha256="a" * 64))
    assert kept.hours == 7 and store.trainings.of_person(person.id) == [kept]
    assert store.trainings.remove(kept.id).certificate_path == "/x/attestation.pdf"


def test_leaving_active_keeps_a_seat_held_before_the_candidacy(store, candidate, committee, team):
    from comite.store import MembershipInput
    from comite.store.committee_models import Function

    held = store.memberships.add(committee.id, candidate.person_id, MembershipInput(
        function=Function.PRESIDENT, mandate_start=date(2021, 1, 1)))
    ready(store, candidate, team)
    store.recruitment.move(candidate.id, Stage.ACTIVE, TODAY)
    result = store.recruitment.move(candidate.id, Stage.MET, TODAY)  # nothing to confirm
    assert not result.membership_removed
    assert store.memberships.get(held.id).function is Function.PRESIDENT
