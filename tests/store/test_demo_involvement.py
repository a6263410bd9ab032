"""The example's actions of user involvement (`store.demo_involvement`) on the example data:
the MSP des Tilleuls' register for 2026 gains them beside what its comité already holds."""

from datetime import date

import pytest

from comite.store import open_store
from comite.store.demo_involvement import fill_involvement
from comite.store.errors import NotFound
from comite.store.involvement_models import ActionKind, ClaimSource, Headcount
from comite.store.minutes_models import Participation
from tests.example_store import TODAY


def _msp_actions(store) -> list:
    msp = next(s for s in store.structures.all() if s.name == "MSP des Tilleuls")
    return store.involvement.of_year(msp.id, 2026)


def test_the_msp_gains_four_actions_of_2026(example):
    actions = {a.kind: a for a in _msp_actions(example)}
    assert set(actions) == {ActionKind.SATISFACTION_SURVEY, ActionKind.IDEA_BOX,
                            ActionKind.POSTER, ActionKind.ETP_WORKSHOP}
    survey, idea_box, posters, workshop = (actions[kind] for kind in (
        ActionKind.SATISFACTION_SURVEY, ActionKind.IDEA_BOX, ActionKind.POSTER,
        ActionKind.ETP_WORKSHOP))
    # The questionnaire: 212 answers and the coordinatrice (professionals); level 1.
    assert (survey.aci_level, survey.headcount) == (1, Headcount(212, 1, 0))
    assert (survey.started_on, survey.ended_on) == (date(2026, 3, 1), date(2026, 4, 30))
    assert idea_box.aci_level == posters.aci_level == 1
    # The workshop: a patiente partenaire (users), a professional, 8 other patients.
    assert (workshop.aci_level, workshop.participation) == (2, Participation.PARTNERSHIP)
    assert workshop.headcount == Headcount(9, 1, 0)


def test_the_register_of_2026_holds_them_beside_the_committees_lines(example):
    msp = next(s for s in example.structures.all() if s.name == "MSP des Tilleuls")
    register = example.involvement.year(msp.id, 2026, TODAY)
    assert len(register.recorded) == 4
    assert [c.title for c in register.recorded if c.level == 2] == [
        "Atelier d’ETP « bien vivre avec son diabète », co-animé avec une patiente partenaire"]
    sources = {c.source for c in register.claims}
    assert {ClaimSource.COMMITTEE_MEETING, ClaimSource.WORKING_GROUP} <= sources


def test_the_same_day_gives_the_same_rows(tmp_path):
    from comite.store.demo import fill_small

    made = []
    for name in ("a", "b"):
        store = open_store(tmp_path / f"{name}.sqlite")
        fill_small(store, TODAY)
        made.append([(a.title, a.started_on, a.headcount) for a in _msp_actions(store)])
        store.close()
    assert made[0] == made[1] != []


def test_a_base_without_the_msp_is_said(tmp_path):
    store = open_store(tmp_path / "empty.sqlite")
    with pytest.raises(NotFound):
        fill_involvement(store, TODAY)
    store.close()
