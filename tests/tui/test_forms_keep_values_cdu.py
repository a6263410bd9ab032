"""Issue 17: the fields a commission des usagers added to two forms keep what was not changed.

A seat's category, the day of the presidency's vote and the ARS arrêté (shown in a CDU only, and
each only where it applies: a field hidden still keeps its value), and the service named in
words as the one in charge of a conclusion, in its form and in the follow-up. Each test opens the
form from its page by the key the page names, on a record of the example data, changes one field
as a person would, saves and reads the record back: equal to the record before but for that field.
"""

from dataclasses import replace
from datetime import date

from textual.widgets import Input, Select

from comite.store.committee_models import CduSeat, CommitteeKind, Function, Seat
from comite.store.minutes_models import ConclusionKind
from comite.tui.dialogs.follow_up_form import FollowUpForm
from tests.tui.conftest import choose, cursor_on, make_app, open_form, retype, save_form
from tests.tui.test_agenda_flows import open_agenda
from tests.tui.test_cdu_flows import seat_of
from tests.tui.test_forms_keep_values_meetings import NEXT, SIZE, cdu, edit_seat, meeting_titled
from tests.tui.test_forms_keep_values_minutes import edit_conclusion
from tests.tui.test_minutes_flows import held_meeting

SERVICE = "Service des urgences"


# ---- a CDU's seats --------------------------------------------------------------------------

async def test_a_presidentes_arrete_changes_and_her_election_and_category_stay(demo_store):
    # The trap: a RU elected présidente, every CDU field filled, the arrêté last in the form.
    before = next(m for m in demo_store.memberships.of_committee(cdu(demo_store).id)
                  if m.function is Function.PRESIDENT)
    assert before.cdu_seat is CduSeat.USER_REPRESENTATIVE and before.elected_on
    assert before.act_reference and before.act_date
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_seat(pilot, before, before.person_name)
        assert app.screen.query_one("#cdu_seat", Select).value == before.cdu_seat.value
        assert app.screen.query_one("#elected_on", Input).value == f"{before.elected_on:%d/%m/%Y}"
        await retype(pilot, "act_reference", "Arrêté ARS 2024-120")
        await save_form(pilot, page)
    assert demo_store.memberships.get(before.id) == replace(
        before, act_reference="Arrêté ARS 2024-120")


async def test_a_vice_presidents_election_date_changes_and_the_rest_stays(demo_store):
    before = next(m for m in demo_store.memberships.of_committee(cdu(demo_store).id)
                  if m.function is Function.VICE_PRESIDENT)
    assert before.cdu_seat is CduSeat.LEGAL_REPRESENTATIVE and before.designated_by
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_seat(pilot, before, before.person_name)
        assert not app.screen.query_one("#field-act_reference").display, "no arrêté to show"
        await retype(pilot, "elected_on", "14/09/2026")
        await save_form(pilot, page)
    assert demo_store.memberships.get(before.id) == replace(before, elected_on=date(2026, 9, 14))


async def test_a_seats_category_changes_and_its_mandate_stays(demo_store):
    before = seat_of(demo_store, CduSeat.CME)
    assert before.mandate_start and before.mandate_end and before.designated_by
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_seat(pilot, before, before.person_name)
        await choose(pilot, "cdu_seat", CduSeat.STAFF.label)
        await save_form(pilot, page)
    assert demo_store.memberships.get(before.id) == replace(before, cdu_seat=CduSeat.STAFF)


async def test_a_ru_suppleants_designation_changes_and_the_hidden_election_stays_empty(
        demo_store):
    # The trap: a suppléant(e) whose category is their titulaire's (the field shows it), the
    # arrêté shown for a RU, the election hidden and empty.
    before = seat_of(demo_store, CduSeat.USER_REPRESENTATIVE, Seat.SUBSTITUTE)
    assert before.act_reference and before.elected_on is None
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_seat(pilot, before, "  ↳ " + before.person_name)
        assert not app.screen.query_one("#field-elected_on").display
        assert app.screen.query_one("#act_reference", Input).value == before.act_reference
        await retype(pilot, "designated_by", "ARS Auvergne-Rhône-Alpes")
        await save_form(pilot, page)
    assert demo_store.memberships.get(before.id) == replace(
        before, designated_by="ARS Auvergne-Rhône-Alpes")


async def test_out_of_a_cdu_a_presidents_election_date_stays_though_not_shown(demo_store):
    # The trap: a comité des usagers shows no CDU field, and its président has an election date.
    comite = next(s.committee for s in demo_store.committees.all()
                  if s.committee.kind is CommitteeKind.USERS_COMMITTEE)
    before = next(m for m in demo_store.memberships.of_committee(comite.id)
                  if m.function is Function.PRESIDENT)
    assert before.elected_on and before.cdu_seat is None
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_seat(pilot, before, before.person_name)
        assert not app.screen.query("#elected_on")
        await retype(pilot, "mandate_end", "31/12/2027")
        await save_form(pilot, page)
    assert demo_store.memberships.get(before.id) == replace(before, mandate_end=date(2027, 12, 31))


# ---- a conclusion owned by a service ---------------------------------------------------------

def given_to_a_service(store, conclusion):
    """The conclusion, its person in charge replaced by a service named in words."""
    return store.conclusions.follow_up(conclusion.id, None, conclusion.due_on, owner_text=SERVICE)


async def test_conclusion_form_changes_the_due_day_and_keeps_the_service_in_charge(demo_store):
    meeting = held_meeting(demo_store)
    before = given_to_a_service(demo_store, next(
        c for c in demo_store.conclusions.for_meeting(meeting.id)
        if c.kind is ConclusionKind.ACTION and c.due_on))
    assert (before.owner_id, before.owner_name) == (None, SERVICE)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_conclusion(pilot, meeting.id, before.text)
        assert app.screen.query_one("#owner_text", Input).value == SERVICE
        await retype(pilot, "due_on", "30/06/2027")
        await save_form(pilot, page)
    assert demo_store.conclusions.get(before.id) == replace(before, due_on=date(2027, 6, 30))


async def test_follow_up_form_changes_the_due_day_and_keeps_the_service_in_charge(demo_store):
    following = meeting_titled(demo_store, NEXT)
    before = given_to_a_service(demo_store, next(
        c.conclusion for c in demo_store.conclusions.carried(following.id) if c.conclusion.due_on))
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_agenda(pilot, following.id)
        await cursor_on(pilot, "#carried", before.text)
        await open_form(pilot, "e", FollowUpForm)
        assert app.screen.query_one("#owner_text", Input).value == SERVICE
        await retype(pilot, "due_on", "15/01/2027")
        await save_form(pilot, page)
    assert demo_store.conclusions.get(before.id) == replace(before, due_on=date(2027, 1, 15))
