"""A committee's year in figures (`store.year.figures`), on a year built by hand: every
expected number below is worked out in the comments from what the year holds, never read back
from the code."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from comite.store import MeetingInput, MembershipInput, PersonInput
from comite.store.agenda import ItemInput
from comite.store.committee_models import CduSeat, CommitteeKind, Function, Role, Seat, StructureKind
from comite.store.conclusions import ConclusionInput
from comite.store.errors import NotFound
from comite.store.meeting_models import InviteeSeat
from comite.store.minutes_models import (
    AttendanceStatus,
    ConclusionKind,
    ConclusionStatus,
    Participation,
    Side,
)
from comite.store.recruitment import CandidateInput
from comite.store.recruitment_models import Source, Stage, TrainingKind
from comite.store.trainings import TrainingInput
from tests.example_store import TODAY as EXAMPLE_TODAY
from tests.store.meeting_setup import held, invitees

YEAR = 2027
TODAY = date(2027, 9, 15)  # the 3rd quarter: the 4th is still to come
AFTER_ALL = datetime(2028, 1, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Year:
    committee_id: int
    december: int  # held in 2026: its figures belong to the year before
    february: int
    may: int
    june: int
    conclusions: dict[str, int]


def _person(store, last: str, first: str, *roles: Role) -> int:
    return store.people.create(PersonInput(last_name=last, first_name=first, roles=roles)).id


def _topics(store, meeting_id: int) -> list[int]:
    """The meeting's ordinary items (the comité's usual four), in order."""
    return [item.id for item in store.agenda.agenda(meeting_id).items if item.kind.value == "topic"]


def _planned(store, committee_id: int, title: str, *starts: datetime) -> int:
    with store.transaction():
        meeting = store.meetings.create(committee_id, MeetingInput(title=title))
        slots = [store.meetings.add_slot(meeting.id, start) for start in starts]
        store.meetings.open_poll(meeting.id)
        return meeting.id if len(slots) > 1 else store.meetings.choose_slot(
            slots[0].id, confirmed=True).id


def _turns(store, meeting_id: int, item_id: int, *names: str) -> None:
    people = invitees(store, meeting_id)
    for name in names:
        store.sitting.take_floor(item_id, people[name].id, now=AFTER_ALL)


def _check_in(store, meeting_id: int, *names: str) -> None:
    people = invitees(store, meeting_id)
    for name in names:
        store.minutes.check_in(people[name].id, now=AFTER_ALL)


def _leave(store, meeting_id: int, name: str) -> None:
    store.minutes.check_out(invitees(store, meeting_id)[name].id, now=AFTER_ALL)


@pytest.fixture
def year(store) -> Year:
    """The comité des usagers of an MSP, its year 2027 (and the December before):

    members — Alice Arnaud, titulaire, RU (users), présidente; Bruno Blanc, her suppléant,
    patient partenaire (users); Chloé Caron, titulaire, patiente partenaire (users); Denis
    Dumas, titulaire, médecin (professionals); Emma Evrard, titulaire, coordinatrice
    (professionals); Farid Fabre, invité (no role: others). Four seats at the table (Alice's,
    Chloé's, Denis's, Emma's), so the quorum is 3.

    meetings — held on 10 Dec 2026, 9 Feb, 11 May and 22 Jun 2027; one convened for
    1 Jan 2027 at 00:30 in Paris (31 Dec 23:30 UTC) and cancelled; one convened on 12 Oct 2027;
    one polled on 16 Nov 2027 and 11 Jan 2028.
    """
    structure = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")
    committee = store.committees.create(structure.id, "Comité des usagers",
                                        CommitteeKind.USERS_COMMITTEE)
    cid = committee.id
    with store.transaction():
        alice = store.memberships.add(cid, _person(store, "Arnaud", "Alice", Role.USER_REPRESENTATIVE),
                                      MembershipInput(function=Function.PRESIDENT))
        store.memberships.add(cid, _person(store, "Blanc", "Bruno", Role.PATIENT_PARTNER),
                              MembershipInput(seat=Seat.SUBSTITUTE, substitute_for=alice.id))
        chloe = _person(store, "Caron", "Chloé", Role.PATIENT_PARTNER)
        store.memberships.add(cid, chloe, MembershipInput())
        store.memberships.add(cid, _person(store, "Dumas", "Denis", Role.PROFESSIONAL), MembershipInput())
        store.memberships.add(cid, _person(store, "Evrard", "Emma", Role.COORDINATOR), MembershipInput())
        store.memberships.add(cid, _person(store, "Fabre", "Farid"),
                              MembershipInput(function=Function.GUEST))

    december = held(store, cid, datetime(2026, 12, 10, 18, 0), "Décembre").id
    february = held(store, cid, datetime(2027, 2, 9, 18, 0), "Février").id
    may = held(store, cid, datetime(2027, 5, 11, 18, 0), "Mai").id
    june = held(store, cid, datetime(2027, 6, 22, 18, 0), "Juin").id
    vigil = _planned(store, cid, "Veillée", datetime(2027, 1, 1, 0, 30))
    store.meetings.cancel(vigil)
    _planned(store, cid, "Octobre", datetime(2027, 10, 12, 18, 0))
    _planned(store, cid, "Novembre ou janvier", datetime(2027, 11, 16, 18, 0),
             datetime(2028, 1, 11, 18, 0))

    # December 2026: Alice alone, four turns (the year before's floor).
    _check_in(store, december, "Alice Arnaud")
    _turns(store, december, _topics(store, december)[0], *["Alice Arnaud"] * 4)
    # February: everyone but Bruno checked in (present 5, seats covered 4 of 4); turns
    # Alice 2, Chloé 1 (users 3), Denis 2 (professionals 2), Farid 1 (others 1); Denis leaves
    # early and stays present.
    _check_in(store, february, "Alice Arnaud", "Chloé Caron", "Denis Dumas", "Emma Evrard",
              "Farid Fabre")
    _turns(store, february, _topics(store, february)[0], "Alice Arnaud", "Alice Arnaud",
           "Chloé Caron", "Denis Dumas", "Denis Dumas", "Farid Fabre")
    _leave(store, february, "Denis Dumas")
    # May: Alice excused, Bruno sits in her seat; Chloé and Denis there; Emma and Farid not
    # noted (present 3, seats covered 3 of 4: Alice's by Bruno, Chloé's, Denis's); turns
    # Bruno 2, Chloé 2 (users 4), Denis 1 (professionals 1).
    store.minutes.set_attendance(invitees(store, may)["Alice Arnaud"].id, AttendanceStatus.EXCUSED)
    _check_in(store, may, "Bruno Blanc", "Chloé Caron", "Denis Dumas")
    _turns(store, may, _topics(store, may)[1], "Bruno Blanc", "Bruno Blanc", "Chloé Caron",
           "Chloé Caron", "Denis Dumas")
    # June: Alice, Denis, Emma and Farid (present 4, seats covered 3 of 4: Chloé away);
    # turns Alice 1 (users 1), Denis 2, Emma 4 (professionals 6); Farid leaves.
    _check_in(store, june, "Alice Arnaud", "Denis Dumas", "Emma Evrard", "Farid Fabre")
    _turns(store, june, _topics(store, june)[2], "Alice Arnaud", "Denis Dumas", "Denis Dumas",
           *["Emma Evrard"] * 4)
    _leave(store, june, "Farid Fabre")

    # Every held meeting has the comité's usual four items: information, collaboration,
    # consultation, consultation. June's third becomes a partnership.
    third = store.agenda.item(_topics(store, june)[2])
    store.agenda.update_item(third.id, ItemInput(
        title=third.title, duration_minutes=third.duration_minutes, purpose=third.purpose,
        participation=Participation.PARTNERSHIP))

    conclusions = _conclusions(store, december, february, may, june)
    _recruitment(store, cid, chloe)
    with store.transaction():
        # Seats that are not 2027's: a mandate ended in June, one designated for 2028.
        store.memberships.add(cid, _person(store, "Jourdan", "Jules", Role.PATIENT_PARTNER),
                              MembershipInput(mandate_start=date(2024, 7, 1),
                                              mandate_end=date(2027, 6, 30)))
        store.memberships.add(cid, _person(store, "Klein", "Karim", Role.PROFESSIONAL),
                              MembershipInput(mandate_start=date(2028, 1, 1)))
    return Year(cid, december, february, may, june, conclusions)


def _conclusions(store, december: int, february: int, may: int, june: int) -> dict[str, int]:
    """C0 (December 2026): an action carried to February, May and June, done in June.
    February: C1 an action done in May; C2 a decision (done once taken); C3 an action still
    open. May: C4 an action abandoned in June; C5 a recommendation still open. June: C6 an
    action still open."""
    add, close = store.conclusions.add, store.conclusions.close

    def taken(meeting: int, index: int, text: str, kind=ConclusionKind.ACTION) -> int:
        return add(_topics(store, meeting)[index], ConclusionInput(text, kind=kind)).id

    found = {
        "C0": taken(december, 1, "Refaire l’affiche de la salle d’attente"),
        "C1": taken(february, 1, "Demander les horaires du secrétariat"),
        "C2": taken(february, 1, "Le comité se réunit le mardi soir", ConclusionKind.DECISION),
        "C3": taken(february, 2, "Tester un rappel des rendez-vous par SMS"),
        "C4": taken(may, 1, "Organiser une journée portes ouvertes"),
        "C5": taken(may, 2, "Afficher les tarifs à l’accueil", ConclusionKind.RECOMMENDATION),
        "C6": taken(june, 1, "Relire le livret d’accueil avec les usagers"),
    }
    close(found["C1"], ConclusionStatus.DONE, "Horaires reçus.", in_meeting_id=may)
    close(found["C0"], ConclusionStatus.DONE, "Affiche posée.", in_meeting_id=june)
    close(found["C4"], ConclusionStatus.ABANDONED, "Pas de salle libre.", in_meeting_id=june)
    return found


def _recruitment(store, committee_id: int, chloe: int) -> None:
    """Gaëlle: spotted in November 2026, contacted, met and in training in 2027, where she
    followed two ETP sessions (24 h and 16 h). Hugo: spotted in February (an association),
    contacted, not retained. Inès: spotted in June (the waiting room). Lina: a candidacy for no
    committee, moved and trained in 2027: not this committee's. Alice: the RU basic training
    (14 h) in March. Chloé: a training in 2026."""
    recruitment = store.recruitment

    def candidate(last: str, first: str, source: Source, spotted: date, *moves: tuple[Stage, date],
                  committee: int | None = committee_id) -> int:
        person = _person(store, last, first)
        found = recruitment.add(person, CandidateInput(
            role=Role.PATIENT_PARTNER, source=source, committee_id=committee), spotted)
        for stage, day in moves:
            recruitment.move(found.id, stage, day, confirmed=True)
        return person

    gaelle = candidate("Garnier", "Gaëlle", Source.PATIENT_LIST, date(2026, 11, 20),
                       (Stage.CONTACTED, date(2027, 1, 15)), (Stage.MET, date(2027, 3, 1)),
                       (Stage.TRAINING, date(2027, 4, 1)))
    candidate("Henry", "Hugo", Source.ASSOCIATION, date(2027, 2, 1),
              (Stage.CONTACTED, date(2027, 3, 1)), (Stage.NOT_RETAINED, date(2027, 4, 10)))
    candidate("Imbert", "Inès", Source.WAITING_ROOM, date(2027, 6, 1))
    lina = candidate("Lambert", "Lina", Source.SPONTANEOUS, date(2027, 3, 1),
                     (Stage.CONTACTED, date(2027, 4, 1)), committee=None)
    alice = next(m.person_id for m in store.memberships.of_committee(committee_id)
                 if m.person_name == "Alice Arnaud")
    for person, kind, hours, day in (
            (alice, TrainingKind.RU_BASIC, 14, date(2027, 3, 20)),
            (gaelle, TrainingKind.ETP_40H, 24, date(2027, 4, 15)),
            (gaelle, TrainingKind.ETP_40H, 16, date(2027, 5, 20)),
            (chloe, TrainingKind.OTHER, 3, date(2026, 11, 2)),
            (lina, TrainingKind.RU_BASIC, 14, date(2027, 5, 1))):
        store.trainings.add(person, TrainingInput(course="Formation", held_on=day, hours=hours,
                                                  kind=kind))


def _by_key(tallies) -> dict:
    return {tally.key: tally.count for tally in tallies}


def test_the_meetings_of_the_year_by_their_date_in_their_zone(store, year):
    figures = store.year.figures(year.committee_id, YEAR, today=TODAY)
    # Held: February, May, June. Convened: October. Polled: November (its January date is
    # 2028's too). Cancelled: the 1 January at 00:30 in Paris, though UTC says 2026.
    assert figures.meetings.held == 3
    assert figures.meetings.convened == 1
    assert figures.meetings.polled == 1
    assert figures.meetings.planned == 2
    assert figures.meetings.drafts == 0
    assert figures.meetings.cancelled == 1
    before = store.year.figures(year.committee_id, 2026, today=TODAY).meetings
    assert (before.held, before.cancelled, before.planned) == (1, 0, 0)
    # Quarters: Q1 February (the cancelled one is not held); Q2 May and June; Q3 nothing yet;
    # Q4 October convened and November polled.
    assert [(q.held, q.planned, q.current) for q in figures.quarters] == [
        (1, 0, False), (2, 0, False), (0, 0, True), (0, 2, False)]
    assert figures.quarters_without_meeting == ()  # Q3 is not over on 15 September
    assert [(m.title, m.held_on) for m in figures.held] == [
        ("Février", date(2027, 2, 9)), ("Mai", date(2027, 5, 11)), ("Juin", date(2027, 6, 22))]


def test_attendance_per_meeting_seat_and_side(store, year):
    figures = store.year.figures(year.committee_id, YEAR, today=TODAY)
    # (present, seats expected, seats covered, quorum needed): see the fixture.
    assert [(m.present, m.expected, m.covered, m.quorum_needed, m.quorum_reached)
            for m in figures.held] == [(5, 4, 4, 3, True), (3, 4, 3, 3, True), (4, 4, 3, 3, True)]
    # Titulaires: 4 invited × 3 meetings = 12; present 4 (Feb) + 2 (May: Chloé, Denis)
    # + 3 (June: Alice, Denis, Emma) = 9. Bruno: 3 invitations, present in May only.
    # Farid: 3 invitations, present in February and June.
    assert [(p.key, p.invited, p.present) for p in figures.by_seat] == [
        (InviteeSeat.TITULAR, 12, 9), (InviteeSeat.SUBSTITUTE, 3, 1), (InviteeSeat.GUEST, 3, 2)]
    assert figures.by_seat[0].rate == 0.75
    # Users (Alice, Bruno, Chloé): 9 invitations; present Alice and Chloé (Feb), Bruno and
    # Chloé (May), Alice (June) = 5. Professionals (Denis, Emma): 6; present 2 + 1 + 2 = 5.
    assert [(p.key, p.invited, p.present) for p in figures.by_side] == [
        (Side.USERS, 9, 5), (Side.PROFESSIONALS, 6, 5), (Side.OTHERS, 3, 2)]
    # Seats covered: 4 + 3 + 3 = 10 of 4 × 3 = 12.
    assert figures.seats_covered == pytest.approx(10 / 12)


def test_the_floor_balance_of_the_year(store, year):
    figures = store.year.figures(year.committee_id, YEAR, today=TODAY)
    # Users 3 + 4 + 1 = 8, professionals 2 + 1 + 6 = 9, others 1 + 0 + 0 = 1: 18 turns;
    # December's 4 turns are 2026's.
    assert [(s.side, s.turns) for s in figures.floor] == [
        (Side.USERS, 8), (Side.PROFESSIONALS, 9), (Side.OTHERS, 1)]
    assert figures.turns == 18
    assert [s.share for s in figures.floor] == pytest.approx([8 / 18, 9 / 18, 1 / 18])
    assert [[s.turns for s in m.floor] for m in figures.held] == [[3, 2, 1], [4, 1, 0], [1, 6, 0]]
    before = store.year.figures(year.committee_id, 2026, today=TODAY)
    assert [s.turns for s in before.floor] == [4, 0, 0]


def test_conclusions_taken_closed_and_carried(store, year):
    figures = store.year.figures(year.committee_id, YEAR, today=TODAY).conclusions
    # Taken in 2027: C1 to C6. Done: C1, C2 (a decision is done once taken). Abandoned: C4.
    # Open: C3, C5, C6. Kinds: 1 decision (C2), 4 actions, 1 recommendation (C5).
    assert (figures.taken, figures.done, figures.abandoned, figures.open) == (6, 2, 1, 3)
    assert _by_key(figures.by_kind) == {ConclusionKind.DECISION: 1, ConclusionKind.ACTION: 4,
                                        ConclusionKind.RECOMMENDATION: 1}
    # « Suite donnée » at the held meetings of 2027: C0 at February (×1), May (×2) and June,
    # where it was closed (×3); C1 at May, where it was closed (×1); C3 at May (×1) and June
    # (×2); C4 at June, where it was abandoned (×1); C5 at June (×1). C2 was closed in its own
    # meeting; C6 has had no meeting since June held.
    c = year.conclusions
    assert [(carried.conclusion.id, carried.times) for carried in figures.carried] == [
        (c["C0"], 3), (c["C3"], 2), (c["C1"], 1), (c["C4"], 1), (c["C5"], 1)]
    assert figures.carried[0].conclusion.status is ConclusionStatus.DONE
    assert (figures.carried_times(1), figures.carried_times(2), figures.carried_times(3)) == (3, 1, 1)


def test_degrees_of_participation_of_the_items_held(store, year):
    figures = store.year.figures(year.committee_id, YEAR, today=TODAY)
    # Three held meetings × (information, collaboration, consultation, consultation), June's
    # third made a partnership; the adoptions of the last minutes and the meetings not held
    # are left out.
    assert _by_key(figures.degrees) == {
        Participation.INFORMATION: 3, Participation.CONSULTATION: 5,
        Participation.COLLABORATION: 3, Participation.PARTNERSHIP: 1}


def test_recruitment_funnel_and_trainings(store, year):
    figures = store.year.figures(year.committee_id, YEAR, today=TODAY)
    # Spotted in 2027: Hugo, Inès (Gaëlle was in 2026); contacted: Gaëlle, Hugo; met and in
    # training: Gaëlle; not retained: Hugo. Lina's candidacy is for no committee.
    assert _by_key(figures.recruitment.reached) == {
        Stage.SPOTTED: 2, Stage.CONTACTED: 2, Stage.MET: 1, Stage.TRAINING: 1,
        Stage.CHARTER_SIGNED: 0, Stage.ACTIVE: 0, Stage.NOT_RETAINED: 1, Stage.LEFT: 0}
    assert figures.recruitment.begun == 2
    assert _by_key(figures.recruitment.sources) == {
        Source.WAITING_ROOM: 1, Source.PATIENT_LIST: 0, Source.ASSOCIATION: 1,
        Source.SPONTANEOUS: 0, Source.OTHER_STRUCTURE: 0}
    # Alice's RU training (14 h), Gaëlle's two ETP sessions (24 + 16 = 40 h); Chloé's was in
    # 2026, Lina is neither a member nor a candidate of this committee.
    trainings = figures.trainings
    assert [(t.kind, t.sessions, t.hours, t.people) for t in trainings.by_kind] == [
        (TrainingKind.RU_BASIC, 1, 14, 1), (TrainingKind.ETP_40H, 2, 40, 1),
        (TrainingKind.OTHER, 0, 0, 0)]
    assert (trainings.sessions, trainings.hours, trainings.people) == (3, 54, 2)


def test_members_at_the_end_of_the_year(store, year):
    members = store.year.figures(year.committee_id, YEAR, today=TODAY).members
    # While 2027 runs, today's members: titulaires Alice and Chloé (users), Denis and Emma
    # (professionals); Bruno, suppléant (users); Farid, invité (others). Jules's mandate ended
    # in June, Karim's begins in 2028.
    assert members.on == TODAY
    assert {(c.seat, c.side): c.members for c in members.cells if c.members} == {
        (InviteeSeat.TITULAR, Side.USERS): 2, (InviteeSeat.TITULAR, Side.PROFESSIONALS): 2,
        (InviteeSeat.SUBSTITUTE, Side.USERS): 1, (InviteeSeat.GUEST, Side.OTHERS): 1}
    assert len(members.cells) == 9  # every pair, 0 included
    assert (members.total, members.by_seat(InviteeSeat.TITULAR), members.by_side(Side.USERS)) == (6, 4, 3)
    # Once the year is over, its last day: the same six.
    after = store.year.figures(year.committee_id, YEAR, today=date(2028, 2, 1)).members
    assert (after.on, after.total) == (date(2027, 12, 31), 6)


def test_a_year_without_meetings_says_none_rather_than_zero(store, year):
    figures = store.year.figures(year.committee_id, 2025, today=TODAY)
    assert figures.held == () and figures.turns == 0
    assert figures.seats_covered is None
    assert all(side.share is None for side in figures.floor)
    assert all(p.rate is None for p in figures.by_seat)
    assert figures.conclusions.taken == 0 and figures.conclusions.carried == ()


def test_an_unknown_committee_is_refused(store):
    with pytest.raises(NotFound):
        store.year.figures(999, YEAR)


def test_a_cdu_year_by_quarter(store):
    """A CDU meets at least once a quarter (R. 1112-88 CSP): held in February and August, one
    cancelled in May, one convened in November."""
    structure = store.structures.create("Centre hospitalier", StructureKind.HOSPITAL, "Valmont")
    cdu = store.committees.create(structure.id, "Commission des usagers", CommitteeKind.CDU)
    with store.transaction():
        store.memberships.add(cdu.id, _person(store, "Roy", "Rémi", Role.USER_REPRESENTATIVE),
                              MembershipInput(cdu_seat=CduSeat.USER_REPRESENTATIVE))
    held(store, cdu.id, datetime(2027, 2, 16, 14, 0))
    held(store, cdu.id, datetime(2027, 8, 24, 14, 0))
    store.meetings.cancel(_planned(store, cdu.id, "Mai", datetime(2027, 5, 18, 14, 0)))
    _planned(store, cdu.id, "Novembre", datetime(2027, 11, 23, 14, 0))

    figures = store.year.figures(cdu.id, YEAR, today=date(2027, 11, 20))
    assert figures.kind is CommitteeKind.CDU
    assert [(q.held, q.planned) for q in figures.quarters] == [(1, 0), (0, 0), (1, 0), (0, 1)]
    assert figures.quarters_without_meeting == (2,)  # Q4 is under way, its meeting planned
    assert (figures.meetings.held, figures.meetings.cancelled, figures.meetings.planned) == (2, 1, 1)
    # The year over, the November meeting never noted as held: Q2 and Q4 went without.
    assert store.year.figures(cdu.id, YEAR, today=date(2028, 1, 10)).quarters_without_meeting == (2, 4)


def test_the_example_fills_its_main_committee_year(example):
    comite = next(s.committee for s in example.committees.all()
                  if s.committee.kind is CommitteeKind.USERS_COMMITTEE)
    figures = example.year.figures(comite.id, EXAMPLE_TODAY.year, today=EXAMPLE_TODAY)
    assert figures.meetings.held >= 2 and figures.meetings.planned >= 1
    assert all(m.present > 0 and m.expected > 0 for m in figures.held)
    assert figures.turns > 0 and figures.by_side[0].present > 0
    assert figures.conclusions.taken > 0 and figures.conclusions.carried
    assert sum(tally.count for tally in figures.degrees) > 0
    assert figures.recruitment.begun > 0
    assert figures.trainings.sessions > 0
    assert figures.members.total > 0
