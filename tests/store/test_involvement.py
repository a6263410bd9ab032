"""The actions register for the ACI (`store.involvement`), on a year built by hand: the expected
figures are worked out in the comments from what the year holds, never read back from the code."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from comite.store import MembershipInput, PersonInput
from comite.store.access_journal import OTHER_FIELD, field_label, journal
from comite.store.committee_models import CommitteeKind, Function, Role, StructureKind
from comite.store.errors import NotFound, ValidationError
from comite.store.involvement import _FIELDS, ActionInput, EvidenceInput
from comite.store.involvement_models import ActionKind, ClaimSource, Headcount
from comite.store.minutes_models import Participation, Side
from tests.store.meeting_setup import held, invitees

YEAR = 2027
TODAY = date(2027, 9, 15)
AFTER_ALL = datetime(2028, 1, 1, 12, 0, tzinfo=UTC)
SHA = "ab" * 32


@dataclass(frozen=True)
class Year:
    structure_id: int
    survey: int
    workshop: int
    poster: int
    chloe: int
    emma: int


def _person(store, last: str, first: str, *roles: Role) -> int:
    return store.people.create(PersonInput(last_name=last, first_name=first, roles=roles)).id


def _check_in(store, meeting_id: int, *names: str) -> None:
    people = invitees(store, meeting_id)
    for name in names:
        store.minutes.check_in(people[name].id, now=AFTER_ALL)


@pytest.fixture
def year(store) -> Year:
    """The MSP des Tilleuls in 2027.

    comité des usagers — Alice Arnaud (RU: users), Denis Dumas (médecin: professionals), Farid
    Fabre (invité, no role: others). Held on 10 Dec 2026 (the year before), 9 Feb 2027 (all
    three checked in) and 11 May 2027 (Alice alone). Each held meeting carries the comité's
    usual four points: information, collaboration, consultation, consultation.

    groupe de travail « Parcours diabète » — Chloé Caron (patiente partenaire) from 1 Mar 2027,
    Denis titulaire, Bruno Blanc (RU) only invité (no referent), Gaël Gros (patient
    partenaire) whose mandate ended on 30 Jun 2026. « Locaux » — Denis alone: no line.

    recorded — a satisfaction questionnaire 1 Mar–30 Apr 2027 (212 answers, Emma Evrard the
    coordinator took part), posters 1 Nov 2026–28 Feb 2027 (into the year), an ETP workshop on
    15 Jun 2027 (level 2; Chloé and Denis, 6 other users), a website of 2026 only (out).

    Another structure's comité, held in 2027, is not the MSP's.
    """
    msp = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")
    other = store.structures.create("Centre Pasteur", StructureKind.CDS, "Valmont-sur-Loire")
    committee = store.committees.create(msp.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE)
    diabetes = store.committees.create(msp.id, "Parcours diabète", CommitteeKind.WORKING_GROUP)
    rooms = store.committees.create(msp.id, "Locaux", CommitteeKind.WORKING_GROUP)
    elsewhere = store.committees.create(other.id, "Comité du centre", CommitteeKind.USERS_COMMITTEE)
    with store.transaction():
        alice = _person(store, "Arnaud", "Alice", Role.USER_REPRESENTATIVE)
        bruno = _person(store, "Blanc", "Bruno", Role.USER_REPRESENTATIVE)
        chloe = _person(store, "Caron", "Chloé", Role.PATIENT_PARTNER)
        denis = _person(store, "Dumas", "Denis", Role.PROFESSIONAL)
        emma = _person(store, "Evrard", "Emma", Role.COORDINATOR)
        farid = _person(store, "Fabre", "Farid")
        gael = _person(store, "Gros", "Gaël", Role.PATIENT_PARTNER)
        for person in (alice, denis):
            store.memberships.add(committee.id, person, MembershipInput())
        store.memberships.add(committee.id, farid, MembershipInput(function=Function.GUEST))
        store.memberships.add(elsewhere.id, alice, MembershipInput())
        store.memberships.add(diabetes.id, chloe, MembershipInput(mandate_start=date(2027, 3, 1)))
        store.memberships.add(diabetes.id, denis, MembershipInput())
        store.memberships.add(diabetes.id, bruno, MembershipInput(function=Function.GUEST))
        store.memberships.add(diabetes.id, gael, MembershipInput(
            mandate_start=date(2025, 1, 1), mandate_end=date(2026, 6, 30)))
        store.memberships.add(rooms.id, denis, MembershipInput())
    held(store, committee.id, datetime(2026, 12, 10, 18, 0), "Décembre")
    february = held(store, committee.id, datetime(2027, 2, 9, 18, 0), "Février").id
    may = held(store, committee.id, datetime(2027, 5, 11, 18, 0), "Mai").id
    _check_in(store, february, "Alice Arnaud", "Denis Dumas", "Farid Fabre")
    _check_in(store, may, "Alice Arnaud")
    _check_in(store, held(store, elsewhere.id, datetime(2027, 3, 2, 18, 0), "Ailleurs").id,
              "Alice Arnaud")

    involvement = store.involvement
    survey = involvement.create(msp.id, ActionInput(
        "Questionnaire de satisfaction 2027", ActionKind.SATISFACTION_SURVEY, "01/03/2027",
        "30/04/2027", other_users=212))
    involvement.add_participant(survey.id, emma)
    involvement.add_evidence(survey.id, EvidenceInput("2027-05-02", "/data/preuves/preuve-a.pdf",
                                                      SHA, "Synthèse des réponses"))
    poster = involvement.create(msp.id, ActionInput(
        "Affiches sur les droits des usagers", ActionKind.POSTER, "2026-11-01", "2027-02-28"))
    workshop = involvement.create(msp.id, ActionInput(
        "Atelier « vivre avec le diabète »", ActionKind.ETP_WORKSHOP, "15/06/2027",
        other_users=6))
    for person in (chloe, denis):
        involvement.add_participant(workshop.id, person)
    involvement.create(msp.id, ActionInput("Site de la MSP", ActionKind.WEBSITE, "2026-01-10",
                                           "2026-12-31"))
    return Year(msp.id, survey.id, workshop.id, poster.id, chloe, emma)


def test_an_action_takes_its_kinds_usual_level_and_degree_until_chosen(store, year):
    survey = store.involvement.get(year.survey)
    workshop = store.involvement.get(year.workshop)
    assert (survey.aci_level, survey.participation) == (1, Participation.CONSULTATION)
    assert (workshop.aci_level, workshop.participation) == (2, Participation.COLLABORATION)
    chosen = store.involvement.update(year.poster, ActionInput(
        "Affiches", ActionKind.POSTER, "2026-11-01", "2027-02-28", aci_level="2",
        participation="partenariat"))
    assert (chosen.aci_level, chosen.participation) == (2, Participation.PARTNERSHIP)


def test_an_action_counts_its_participants_by_side_plus_the_others(store, year):
    # Emma (coordinatrice: professionals) + 212 other users.
    assert store.involvement.get(year.survey).headcount == Headcount(212, 1, 0)
    # Chloé (users), Denis (professionals), + 6 other users.
    assert store.involvement.get(year.workshop).headcount == Headcount(7, 1, 0)
    store.involvement.remove_participant(year.workshop, year.chloe)
    assert store.involvement.get(year.workshop).headcount == Headcount(6, 1, 0)


def test_the_year_lists_the_actions_that_ran_in_it(store, year):
    titles = [action.title for action in store.involvement.of_year(year.structure_id, YEAR)]
    # The posters (from 2026 into Feb 2027), the questionnaire, the workshop; not the 2026 site.
    assert titles == ["Affiches sur les droits des usagers", "Questionnaire de satisfaction 2027",
                      "Atelier « vivre avec le diabète »"]


def test_the_register_adds_what_the_base_holds_level_by_level(store, year):
    register = store.involvement.year(year.structure_id, YEAR, TODAY)
    level1 = register.level(1)
    level2 = register.level(2)
    # Level 1: posters, questionnaire, and per held meeting of 2027 (Feb, May) the points of
    # consultation (2 of the 4 usual ones; the one of information proves nothing): 2 + 2 × 2 = 6.
    assert len(level1) == 6
    assert [c.title for c in level1 if not c.derived] == [
        "Affiches sur les droits des usagers", "Questionnaire de satisfaction 2027"]
    # Level 2: the two meetings, their point of collaboration each, the workshop, the working
    # group « Parcours diabète » (Chloé; « Locaux » has no user): 2 + 2 + 1 + 1 = 6.
    assert len(level2) == 6
    by_source = [c.source for c in level2]
    assert by_source.count(ClaimSource.COMMITTEE_MEETING) == 2
    assert by_source.count(ClaimSource.AGENDA_ITEM) == 2
    assert by_source.count(ClaimSource.WORKING_GROUP) == 1
    assert by_source.count(ClaimSource.RECORDED) == 1


def test_a_held_meeting_counts_who_was_checked_in_by_side(store, year):
    meetings = [c for c in store.involvement.year(year.structure_id, YEAR, TODAY).claims
                if c.source is ClaimSource.COMMITTEE_MEETING]
    assert [(c.title, c.started_on) for c in meetings] == [("Février", date(2027, 2, 9)),
                                                           ("Mai", date(2027, 5, 11))]
    # February: Alice (users), Denis (professionals), Farid (others); May: Alice alone.
    assert [c.headcount for c in meetings] == [Headcount(1, 1, 1), Headcount(1, 0, 0)]
    assert all(c.level == 2 and c.derived and c.kind_label == "Comité des usagers"
               for c in meetings)
    assert meetings[0].proofs[0].dated_on == date(2027, 2, 9)


def test_agenda_points_carry_their_degree_and_the_meetings_date(store, year):
    points = [c for c in store.involvement.year(year.structure_id, YEAR, TODAY).claims
              if c.source is ClaimSource.AGENDA_ITEM and c.started_on == date(2027, 2, 9)]
    # The first point only informed the users: no claim.
    assert [(c.participation, c.level) for c in points] == [
        (Participation.COLLABORATION, 2), (Participation.CONSULTATION, 1),
        (Participation.CONSULTATION, 1)]
    assert points[0].detail == "Comité des usagers, séance du 09/02/2027"


def test_a_user_seated_in_a_working_group_is_a_referent_from_their_mandate(store, year):
    [group] = [c for c in store.involvement.year(year.structure_id, YEAR, TODAY).claims
               if c.source is ClaimSource.WORKING_GROUP]
    assert group.detail == "Parcours diabète"
    assert group.title == "Usager référent dans un groupe de travail"
    # Chloé (users) and Denis (professionals) seated; Bruno only invité, Gaël's mandate over.
    assert group.headcount == Headcount(1, 1, 0)
    assert group.started_on == date(2027, 3, 1)
    assert [p.dated_on for p in group.proofs] == [date(2027, 3, 1)]


def test_a_recorded_claim_carries_its_dated_evidence(store, year):
    [survey] = [c for c in store.involvement.year(year.structure_id, YEAR, TODAY).claims
                if c.action_id == year.survey]
    [proof] = survey.proofs
    assert (proof.label, proof.dated_on, proof.file_name, proof.sha256) == (
        "Synthèse des réponses", date(2027, 5, 2), "preuve-a.pdf", SHA)
    assert survey.headcount == Headcount(212, 1, 0)


def test_an_empty_year_has_no_claim(store, year):
    # 2020: before every action, meeting and mandate.
    assert store.involvement.year(year.structure_id, 2020, TODAY).claims == ()


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": "  "}, "title"),
    ({"kind": "concert"}, "kind"),
    ({"started_on": ""}, "started_on"),
    ({"started_on": "31/02/2027"}, "started_on"),
    ({"ended_on": "28/02/2027"}, "ended_on"),
    ({"aci_level": "3"}, "aci_level"),
    ({"other_users": "-1"}, "other_users"),
    ({"other_professionals": "beaucoup"}, "other_professionals"),
    ({"participation": "tout"}, "participation"),
    ({"title": "=SOMME(A1)"}, "title"),
])
def test_a_wrong_action_is_refused_in_french_with_nothing_written(store, year, fields, field):
    values = {"title": "Boîte à idées", "kind": "idea_box", "started_on": "01/03/2027",
              "ended_on": None} | fields
    before = len(store.involvement.of_year(year.structure_id, YEAR))
    with pytest.raises(ValidationError) as refused:
        store.involvement.create(year.structure_id, ActionInput(**values))
    assert field in refused.value.errors
    assert len(store.involvement.of_year(year.structure_id, YEAR)) == before


def test_evidence_needs_a_date_and_a_received_file(store, year):
    with pytest.raises(ValidationError) as undated:
        store.involvement.add_evidence(year.survey, EvidenceInput("", "/x/preuve.pdf", SHA))
    assert "dated_on" in undated.value.errors
    with pytest.raises(ValidationError):
        store.involvement.add_evidence(year.survey, EvidenceInput("2027-05-02", "", ""))
    with pytest.raises(NotFound):
        store.involvement.add_evidence(9999, EvidenceInput("2027-05-02", "/x/p.pdf", SHA))


def test_removing_evidence_and_actions_returns_what_the_files_need(store, year):
    [evidence] = store.involvement.get(year.survey).evidence
    assert store.involvement.remove_evidence(evidence.id).path == "/data/preuves/preuve-a.pdf"
    assert store.involvement.get(year.survey).evidence == ()
    store.involvement.add_evidence(year.survey, EvidenceInput("2027-05-02", "/p/b.pdf", SHA))
    removed = store.involvement.delete(year.survey)
    assert [e.path for e in removed.evidence] == ["/p/b.pdf"]
    with pytest.raises(NotFound):
        store.involvement.get(year.survey)
    assert store.db.connection().execute(
        "SELECT count(*) FROM involvement_evidence").fetchone()[0] == 0


def test_a_participant_must_be_a_person_of_the_base(store, year):
    with pytest.raises(NotFound):
        store.involvement.add_participant(year.survey, 9999)


def test_every_field_logged_has_a_french_word_and_reaches_the_persons_journal(store, year):
    missing = [f for f in (*_FIELDS, "participants", "evidence")
               if field_label("involvement_action", f) == OTHER_FIELD]
    assert not missing, missing
    entries = journal(store.db.connection(), year.emma)
    assert ("action d’implication des usagers", ["participants"]) in [
        (entry["objet"], entry["champs"]) for entry in entries]


def test_free_text_naming_an_erased_person_is_redacted(store, year):
    store.involvement.update(year.workshop, ActionInput(
        "Atelier avec Chloé Caron", ActionKind.ETP_WORKSHOP, "15/06/2027",
        note="Co-animé par Chloé Caron, patiente partenaire."))
    store.privacy.erase(year.chloe)
    workshop = store.involvement.get(year.workshop)
    assert "Caron" not in workshop.title and "Caron" not in workshop.note
    assert [p.side for p in workshop.participants] == [Side.PROFESSIONALS]


def test_each_kind_proposes_the_usual_aci_level():
    # Informing and consulting tools: level 1; co-construction: level 2 (issue 26).
    assert {kind.value for kind in ActionKind if kind.level == 1} == {
        "satisfaction_survey", "survey", "idea_box", "poster", "website", "information", "other"}
    assert {kind.value for kind in ActionKind if kind.level == 2} == {
        "working_group", "etp_workshop", "users_committee", "mediator"}
    assert ActionKind.MEDIATOR.label == "Médiateur(rice) / pair"
    assert ActionKind.ETP_WORKSHOP.label == "Atelier d’ETP co-animé"


def test_the_kinds_are_those_the_schema_allows(store, year):
    from comite.store.migrations import _ACI_KINDS

    assert {kind.value for kind in ActionKind} == set(_ACI_KINDS.strip("()").replace("'", "")
                                                      .split(","))


def test_a_structure_gone_is_said(store, year):
    with pytest.raises(NotFound):
        store.involvement.year(9999, YEAR, TODAY)
    with pytest.raises(NotFound):
        store.involvement.create(9999, ActionInput("Enquête", "survey", "01/03/2027"))
