"""The charter page offers first the template written for the committee's kind, then for the
person's role: a RU of the MSP comité sees the comité's charter first, a RU of the CDU the
representative's, a patient partenaire of the CDU the partner's. Driven with Pilot from « 5
Chartes », the cursor on the person's row, Entrée."""

import pytest
from textual.widgets import DataTable, Select

from comite.store import MembershipInput, PersonInput, open_store
from comite.store.committee_models import CommitteeKind, Role
from comite.tui.screens.charter import CharterScreen
from comite.tui.screens.charters import ChartersScreen
from comite.tui.textual_private import select_options
from tests.tui.conftest import make_app, wait_for


@pytest.fixture
def store(db):
    """The example data, with a patient partenaire seated in the CDU as well."""
    opened = open_store(db)
    cdu = seat_of(opened, CommitteeKind.CDU, Role.USER_REPRESENTATIVE).committee_id
    partner = opened.people.create(PersonInput(last_name="Lemoine", first_name="Inès",
                                               roles=[Role.PATIENT_PARTNER]))
    opened.memberships.add(cdu, partner.id, MembershipInput())
    yield opened
    opened.close()


def seat_of(store, kind: CommitteeKind, role: Role):
    return next(e for e in store.charters.engagements() if e.committee_kind is kind and e.role is role)


async def offered(pilot, engagement) -> list[tuple[str, str]]:
    """The templates the charter page offers for this seat, in order, as their labels read."""
    await pilot.press("5")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChartersScreen))
    await pilot.pause()
    table = pilot.app.screen.query_one("#engagements", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(f"{engagement.person_id}:{engagement.committee_id}"))
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CharterScreen))
    await pilot.pause()
    select = pilot.app.screen.query_one("#template_id", Select)
    return [(str(label), value) for label, value in select_options(select)]


@pytest.mark.parametrize(("kind", "role", "first"), [
    (CommitteeKind.USERS_COMMITTEE, Role.USER_REPRESENTATIVE, "membre-comite-usagers-msp"),
    (CommitteeKind.USERS_COMMITTEE, Role.PATIENT_PARTNER, "membre-comite-usagers-msp"),
    (CommitteeKind.CDU, Role.USER_REPRESENTATIVE, "representant-usagers"),
    (CommitteeKind.CDU, Role.PATIENT_PARTNER, "patient-partenaire"),
])
async def test_the_template_suggested_for_the_committee_and_role_comes_first(store, kind, role, first):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        choices = await offered(pilot, seat_of(store, kind, role))
    (label, value), *others = choices
    assert value == first and label.endswith("— conseillé")
    assert len(others) == 2, "the others stay offered after it"
    assert not any(label.endswith("— conseillé") for label, _value in others)
