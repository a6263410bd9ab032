"""The example's complaints register (`store.demo_complaints.fill_complaints`, part of the
example data): its CDU gains fifteen cases over two years, three mediations (one report late), cases
examined at its held meetings, e-Satis and adverse events; nothing names a person."""

from comite.store.committee_models import CommitteeKind
from comite.store.complaint_models import ComplaintKind, Mediation
from comite.store.complaints import full_names, no_name
from comite.store.demo_complaints import CASES, fill_complaints
from comite.store.meeting_models import MeetingStatus
from tests.example_store import TODAY


def _cdu(store) -> int:
    return next(s.committee.id for s in store.committees.all()
                if s.committee.kind is CommitteeKind.CDU)


def test_the_examples_cdu_gains_its_register(example):
    cdu = _cdu(example)
    cases = example.complaints.of_committee(cdu)
    assert len(cases) == len(CASES) == 15
    assert sum(c.kind is ComplaintKind.PRAISE for c in cases) == 3
    assert {c.received_on.year for c in cases} == {TODAY.year - 1, TODAY.year}
    assert {c.service for c in cases} == {"Urgences", "Médecine polyvalente",
                                          "Chirurgie ambulatoire", "Maternité"}
    assert len({c.theme for c in cases}) >= 8
    mediated = [c for c in cases if c.mediation is not Mediation.NONE]
    assert len(mediated) == 3 and sum(c.report_late for c in mediated) == 1
    assert all(c.reference.startswith(("REC-", "ELO-")) for c in cases)
    assert f"REC-{TODAY.year}-001" in {c.reference for c in cases}
    names = full_names(example.db.connection())
    for case in cases:  # what the register refuses, the example never holds
        no_name("summary", case.summary, names)


def test_its_meetings_examine_cases_and_hear_of_the_quality_of_care(example):
    cdu = _cdu(example)
    held = example.meetings.all(cdu, (MeetingStatus.HELD,))
    examined = {c.examined_in_meeting_id for c in example.complaints.of_committee(cdu)} - {None}
    assert examined and examined <= {m.id for m in held}
    told = [example.complaints.quality(m.id) for m in held]
    assert all(q.adverse_events is not None and q.scores for q in told)
    figures = example.year.figures(cdu, TODAY.year, TODAY).complaints
    assert figures.complaints + figures.praise == sum(
        c.received_on.year == TODAY.year for c in example.complaints.of_committee(cdu))
    assert figures.adverse_events > 0 and figures.mediations.total >= 1


def test_without_a_cdu_nothing_is_added(store):
    assert fill_complaints(store, TODAY) == 0
