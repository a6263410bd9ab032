"""What the dashboard reminds the coordinator of: minutes left as drafts, and a CDU that let a
quarter pass without meeting (the law asks one a quarter)."""

from datetime import date, datetime

from tests.store.meeting_setup import held, seat_members


def test_stale_drafts_and_quarters_without_meeting(store, committee, structure, members):
    january = held(store, committee.id, datetime(2027, 1, 12, 18, 0), "Janvier")
    stale = store.minutes.stale_drafts(date(2027, 2, 1))
    assert [(s.meeting.id, s.held_on, s.days) for s in stale] == [(january.id, date(2027, 1, 12), 20)]
    assert store.minutes.stale_drafts(date(2027, 1, 20)) == []  # 8 days: not yet
    store.minutes.circulate(january.id, "15/02/2027", today=date(2027, 1, 20))
    assert store.minutes.stale_drafts(date(2027, 2, 1)) == []

    cdu = store.committees.create(structure.id, "CDU", "cdu")
    store.db.connection().execute("UPDATE committees SET created_at = '2026-01-01' WHERE id = ?",
                                  (cdu.id,))
    warnings = store.minutes.quarters_without_meeting(date(2027, 2, 1))
    assert [(w.committee_name, w.quarter, w.last_held) for w in warnings] == [
        ("CDU", "4e trimestre 2026", None)]
    seat_members(store, cdu.id)
    held(store, cdu.id, datetime(2026, 12, 3, 14, 0), "CDU de décembre")
    assert store.minutes.quarters_without_meeting(date(2027, 2, 1)) == []
    warnings = store.minutes.quarters_without_meeting(date(2027, 4, 2))
    assert [(w.quarter, w.last_held) for w in warnings] == [("1er trimestre 2027", date(2026, 12, 3))]
