"""Schema V8 → V9 (a CDU seat's category, a presidency's election, the ARS act, recommendations):
the example data written under V8 has its CDU seats mapped from what the free text says —
the médiateurs from their note, the RU from their role, the CME and CSIRMT seats and the
director from « désigné(e) par » — and the composition check says what is left to fill."""

from datetime import date

from comite.store import open_store
from comite.store.committee_models import CduSeat, CommitteeKind, Function
from comite.store.demo import fill_small
from comite.store.migrations import LATEST
from tests.store.older_schema import as_version

TODAY = date(2027, 3, 15)


def test_the_example_cdu_of_v8_is_mapped_and_what_is_left_is_said(tmp_path):
    source, old = tmp_path / "v9.sqlite", tmp_path / "v8.sqlite"
    store = open_store(source)
    try:
        fill_small(store, TODAY)
        with store.transaction():  # recommendations come with version 9
            store.db.connection().execute("UPDATE conclusions SET kind = 'action' "
                                          "WHERE kind = 'recommendation'")
        conclusions = store.db.connection().execute("SELECT count(*) FROM conclusions").fetchone()[0]
    finally:
        store.close()
    as_version(source, old, 8)

    migrated = open_store(old)
    try:
        assert migrated.schema_version() == LATEST >= 9
        assert migrated.integrity() == []
        cdu = next(s.committee for s in migrated.committees.all()
                   if s.committee.kind is CommitteeKind.CDU)
        seats = migrated.memberships.of_committee(cdu.id)
        by_category: dict[CduSeat | None, int] = {}
        for seat in seats:
            by_category[seat.cdu_seat] = by_category.get(seat.cdu_seat, 0) + 1
        assert by_category == {CduSeat.LEGAL_REPRESENTATIVE: 1, CduSeat.USER_REPRESENTATIVE: 4,
                               CduSeat.MEDIATOR_DOCTOR: 2, CduSeat.MEDIATOR_OTHER: 2,
                               CduSeat.CME: 1, CduSeat.CARE_COMMISSION: 1, None: 1}
        assert next(s for s in seats if s.cdu_seat is None).function is Function.GUEST
        assert all(s.elected_on is None and s.act_reference == "" for s in seats)
        other = next(s.committee for s in migrated.committees.all()
                     if s.committee.kind is not CommitteeKind.CDU)
        assert all(s.cdu_seat is None for s in migrated.memberships.of_committee(other.id))
        said = [gap.text for gap in migrated.committees.cdu_gaps(cdu.id, TODAY)]
        assert any("la date de l’élection n’est pas notée" in text for text in said)
        assert any(text.startswith("Arrêté de l’ARS non noté") for text in said)
        assert not any("titulaire sur" in text or "sans catégorie" in text for text in said)
        conn = migrated.db.connection()
        assert conn.execute("SELECT count(*) FROM conclusions").fetchone()[0] == conclusions
        assert conn.execute("SELECT count(*) FROM conclusions WHERE owner_text != ''"
                            ).fetchone()[0] == 0
    finally:
        migrated.close()
