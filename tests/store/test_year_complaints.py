"""A CDU's year in figures: its complaints register, mediations and the quality of care told at
its meetings (`YearFigures.complaints`). Every expected number is worked out in the comments
from the cases below, never read back from the code."""

from datetime import date, datetime

import pytest

from comite.kernel import clock
from comite.store.committee_models import CommitteeKind, StructureKind
from comite.store.complaint_models import (
    Channel,
    ComplaintKind,
    EsatisScope,
    Mediation,
    Outcome,
    Theme,
)
from comite.store.complaints import ComplaintInput
from comite.store.year_models import Tally
from tests.store.meeting_setup import held, seat_members

TODAY = date(2027, 9, 15)

# reference, kind, received, channel, theme, service, acknowledged, answered, mediation,
# referred, met, report, outcome
CASES = (
    # Last year's: counted in 2026, not here.
    ("REC-2026-090", "complaint", "2026-12-20", "letter", "waiting", "Urgences", "2026-12-21",
     None, "none", None, None, None, "explained"),
    # 3 days to acknowledge, 30 to answer, no mediation.
    ("REC-2027-001", "complaint", "2027-01-10", "letter", "waiting", "Urgences", "2027-01-13",
     "2027-02-09", "none", None, None, None, "explained"),
    # 1 and 20 days; medical mediation met in 7 days (in time), report 10 days later (late).
    ("REC-2027-002", "complaint", "2027-02-01", "email", "medical_care", "Urgences", "2027-02-02",
     "2027-02-21", "medical", "2027-02-03", "2027-02-10", "2027-02-20", "measure_taken"),
    # 5 days to acknowledge, no answer yet; met 14 days after the referral (late), no report.
    ("REC-2027-003", "complaint", "2027-03-05", "phone", "waiting", "Maternité", "2027-03-10",
     None, "non_medical", "2027-03-06", "2027-03-20", None, "open"),
    # Never acknowledged, answered in 10 days; both mediations, 7 then 6 days (in time).
    ("REC-2027-004", "complaint", "2027-06-01", "online", "billing", "", None, "2027-06-11",
     "both", "2027-06-02", "2027-06-09", "2027-06-15", "compensation"),
    # Praise: counted, in no other figure.
    ("ELO-2027-001", "praise", "2027-04-01", "letter", "nursing_care", "Maternité", None, None,
     "none", None, None, None, "open"),
)


@pytest.fixture(autouse=True)
def after_the_year(monkeypatch):
    """The cases of 2027 are received by the time the tests read them (a date to come is
    refused)."""
    monkeypatch.setattr(clock, "today", lambda: date(2027, 12, 31))


@pytest.fixture
def cdu_year(store):
    structure = store.structures.create("Centre hospitalier", StructureKind.HOSPITAL, "Valmont")
    cdu = store.committees.create(structure.id, "Commission des usagers", CommitteeKind.CDU)
    seat_members(store, cdu.id)
    march = held(store, cdu.id, datetime(2027, 3, 9, 14, 0), "Mars")
    june = held(store, cdu.id, datetime(2027, 6, 8, 14, 0), "Juin")
    for (reference, kind, received, channel, theme, service, acknowledged, answered, mediation,
         referred, met, report, outcome) in CASES:
        store.complaints.add(cdu.id, ComplaintInput(
            reference, received, channel=channel, theme=theme, kind=kind, service=service,
            acknowledged_on=acknowledged, answered_on=answered, mediation=mediation,
            referred_on=referred, mediation_on=met, mediation_report_on=report, outcome=outcome,
            examined_in_meeting_id=march.id if reference == "REC-2027-001" else None))
    store.complaints.set_quality(march.id, {"mco_48h": "74,5"}, "2", "RMM")
    return cdu, march, june


def test_the_registers_year_in_figures(store, cdu_year):
    cdu, _march, _june = cdu_year
    found = store.year.figures(cdu.id, 2027, TODAY).complaints
    assert (found.complaints, found.praise) == (4, 1)
    assert found.by_kind == (Tally(ComplaintKind.COMPLAINT, 4), Tally(ComplaintKind.PRAISE, 1))
    themes = {tally.key: tally.count for tally in found.by_theme}
    assert list(themes) == list(Theme)  # every theme, 0 included
    assert {theme: n for theme, n in themes.items() if n} == {
        Theme.WAITING: 2, Theme.MEDICAL_CARE: 1, Theme.BILLING: 1}
    # Urgences 2; Maternité 1 (the praise is not a complaint); no service 1, named last.
    assert found.by_service == (Tally("Urgences", 2), Tally("Maternité", 1), Tally("", 1))
    assert {t.key: t.count for t in found.by_channel} == {
        Channel.LETTER: 1, Channel.EMAIL: 1, Channel.PHONE: 1, Channel.IN_PERSON: 0,
        Channel.ONLINE: 1, Channel.OTHER: 0}
    # Acknowledged in 3, 1 and 5 days; answered in 30, 20 and 10.
    assert (found.acknowledged.done, found.acknowledged.median, found.acknowledged.mean) == (3, 3, 3)
    assert (found.answered.done, found.answered.median, found.answered.mean) == (3, 20, 20)
    mediations = found.mediations
    assert mediations.by_kind == (Tally(Mediation.MEDICAL, 1), Tally(Mediation.NON_MEDICAL, 1),
                                  Tally(Mediation.BOTH, 1))
    assert mediations.total == 3
    assert (mediations.met_in_time, mediations.met_late) == (2, 1)  # 7, 7 / 14 days
    assert (mediations.report_in_time, mediations.report_late, mediations.report_waiting) == (
        1, 1, 1)  # 6 / 10 days / not yet
    assert {t.key: t.count for t in found.outcomes if t.count} == {
        Outcome.OPEN: 1, Outcome.EXPLAINED: 1, Outcome.MEASURE_TAKEN: 1, Outcome.COMPENSATION: 1}
    assert found.examined == 1


def test_the_quality_of_care_at_each_held_meeting(store, cdu_year):
    cdu, march, june = cdu_year
    found = store.year.figures(cdu.id, 2027, TODAY).complaints
    assert [(q.meeting_id, q.quarter, q.adverse_events) for q in found.quality] == [
        (march.id, 1, 2), (june.id, 2, None)]
    assert [(s.scope, s.score) for s in found.quality[0].scores] == [(EsatisScope.MCO_48H, 74.5)]
    assert found.quality[0].actions == "RMM"
    assert found.adverse_events == 2


def test_a_year_without_cases_and_a_committee_that_is_no_cdu(store, cdu_year, committee):
    cdu, _march, _june = cdu_year
    empty = store.year.figures(cdu.id, 2025, TODAY).complaints
    assert (empty.complaints, empty.praise, empty.by_service, empty.quality) == (0, 0, (), ())
    assert (empty.answered.done, empty.answered.median, empty.answered.mean) == (0, None, None)
    assert store.year.figures(committee.id, 2027, TODAY).complaints is None
