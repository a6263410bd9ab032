"""Issue 16, part 4 — seats that hold together, at 80×24 by keyboard: « Suppléant(e) de » makes
the seat a suppléant's (or the refusal says why beside the field), a person not in the base yet
is created from the member form without leaving it, and the committee page and the meeting
grid list each suppléant(e) right under their titulaire."""

from textual.widgets import DataTable, Input, Select

from comite.store import MeetingInput, PersonInput
from comite.store.committee_models import CommitteeKind, Function, Seat
from comite.tui.dialogs.membership_form import MembershipForm
from comite.tui.dialogs.person_form import PersonForm
from comite.tui.screens.meeting import MeetingScreen
from tests.tui.conftest import (
    choose,
    cursor_on,
    make_app,
    open_form,
    retype,
    rows,
    type_text,
    wait_for,
)
from tests.tui.test_committee_flows import open_committee, working_group

SIZE = (80, 24)


def cdu(store):
    return next(s.committee for s in store.committees.all() if s.committee.kind is CommitteeKind.CDU)


def under_whom(names: list[str], mark: str) -> dict[str, str]:
    """Each row marked « ↳ » (by `mark`), and the unmarked row above it: whom it reads as
    standing in for."""
    found, above = {}, ""
    for name in names:
        if name.startswith(mark):
            found[name.removeprefix(mark)] = above
        else:
            above = name.removeprefix("* ")
    return found


async def pick_person(pilot, letters: str) -> None:
    await type_text(pilot, letters)
    results = pilot.app.screen.query_one("#person_id-results")
    await wait_for(pilot, lambda: results.option_count > 0)
    await pilot.press("enter", "enter")  # to the results, then pick the first
    await wait_for(pilot, lambda: pilot.app.screen.query_one("#person_id").form_value is not None)


async def test_choosing_whom_one_stands_in_for_makes_the_seat_a_suppleants(demo_store):
    person = demo_store.people.create(PersonInput(last_name="Quenneville", first_name="Paul"))
    group = working_group(demo_store)
    titular = demo_store.memberships.of_committee(group.id)[0]
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committee(pilot, group.id)
        form = await open_form(pilot, "a", MembershipForm)
        await pick_person(pilot, "quen")
        seat, stands_in = form.query_one("#seat", Select), form.query_one("#substitute_for", Select)
        assert seat.value == Seat.TITULAR
        await choose(pilot, "substitute_for", titular.person_name)
        assert seat.value == Seat.SUBSTITUTE, "« Suppléant(e) de » makes the seat a suppléant's"
        await choose(pilot, "seat", "Titulaire")
        assert stands_in.value is Select.NULL, "a titulaire stands in for nobody"
        await choose(pilot, "substitute_for", titular.person_name)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is page)
        names = rows(page.query_one(DataTable), 0)
        assert under_whom(names, "  ↳ ") == {"Paul Quenneville": titular.person_name}
    [added] = [m for m in demo_store.memberships.of_committee(group.id) if m.person_id == person.id]
    assert (added.seat, added.substitute_for) == (Seat.SUBSTITUTE, titular.id)


async def test_a_refused_suppleance_says_why_beside_the_field_and_saves_nothing(demo_store):
    committee = cdu(demo_store)
    members = demo_store.memberships.of_committee(committee.id)
    # A plain member who has a suppléant(e): she cannot become one herself.
    titular = next(m for m in members if m.function is Function.MEMBER
                   and any(s.substitute_for == m.id for s in members))
    other = next(m for m in members if m.seat is Seat.TITULAR and m.id != titular.id
                 and m.function is not Function.GUEST)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committee(pilot, committee.id)
        await wait_for(pilot, lambda: page.members)
        await cursor_on(pilot, "#members", titular.person_name)
        form = await open_form(pilot, "e", MembershipForm)
        await choose(pilot, "substitute_for", other.person_name)
        assert form.query_one("#seat", Select).value == Seat.SUBSTITUTE
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form stays open"
        field = form.query_one("#field-seat")
        assert field.has_class("-invalid")
        assert "rattachez-les à un autre titulaire" in str(field.query_one(".field-error").render())
        assert form.query_one("#substitute_for", Select).value == other.id, "what was chosen stays"
    assert demo_store.memberships.of_committee(committee.id) == members


async def test_a_person_not_in_the_base_is_created_from_the_member_form(demo_store):
    group = working_group(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committee(pilot, group.id)
        form = await open_form(pilot, "a", MembershipForm)
        await type_text(pilot, "zorb")  # nobody: she is not in the base yet
        await choose(pilot, "function", Function.SECRETARY.label)
        form.query_one("#mandate_start", Input).focus()
        await type_text(pilot, "01/01/2026")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        # What was searched for is her name already, to finish rather than type again.
        assert app.screen.query_one("#last_name", Input).value == "zorb"
        await retype(pilot, "last_name", "Zorbach")
        app.screen.query_one("#first_name", Input).focus()
        await type_text(pilot, "Lise")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is form)
        [lise] = demo_store.people.page("Zorbach").rows
        assert form.query_one("#person_id").form_value == lise.id, "she is the one chosen"
        assert "✓ Lise Zorbach" in str(form.query_one("#person_id .picked").render())
        assert form.query_one("#function", Select).value == Function.SECRETARY
        assert form.query_one("#mandate_start", Input).value == "01/01/2026"
        assert form.query_one("#person_id-search", Input).value == "zorb"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is page)
    [seat] = [m for m in demo_store.memberships.of_committee(group.id) if m.person_id == lise.id]
    assert (seat.function, seat.mandate_start.isoformat()) == (Function.SECRETARY, "2026-01-01")


async def test_the_new_person_button_opens_the_person_form_and_escape_picks_nobody(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_committee(pilot, working_group(demo_store).id)
        form = await open_form(pilot, "a", MembershipForm)
        await pilot.click("#person_id-new")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        await pilot.press("escape")  # nothing typed: closes without asking
        await wait_for(pilot, lambda: app.screen is form)
        assert form.query_one("#person_id").form_value is None


def one_titulaire_gone(store):
    """The CDU's members, then one of its titulaires with a suppléant(e) taken off it: her
    suppléant(e) stays, without a titulaire. Returns the members before, the one gone and her
    suppléant(e), and whom each other suppléant(e) stands in for (by name)."""
    members = store.memberships.of_committee(cdu(store).id)
    gone = next(m for m in members if any(s.substitute_for == m.id for s in members)
                and m.function is Function.MEMBER)
    [orphan] = [m for m in members if m.substitute_for == gone.id]
    store.memberships.remove(gone.id)
    standing_in = {m.person_name: m.substitute_for_name for m in members
                   if m.substitute_for and m.substitute_for != gone.id}
    return members, orphan, standing_in


async def test_the_committee_page_lists_each_suppleant_under_their_titulaire(demo_store):
    committee = cdu(demo_store)
    _members, orphan, standing_in = one_titulaire_gone(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committee(pilot, committee.id)
        await wait_for(pilot, lambda: page.members)
        names = rows(page.query_one(DataTable), 0)
    assert under_whom(names, "  ↳ ") == standing_in
    # Unmarked, after every titulaire and before the guest: nobody's.
    assert names[-2:] == [orphan.person_name, "Alain Diallo"]


async def test_the_grid_lists_each_suppleant_under_their_titulaire(demo_store):
    committee = cdu(demo_store)
    members, orphan, standing_in = one_titulaire_gone(demo_store)
    meeting = demo_store.meetings.create(committee.id, MeetingInput(title="CDU d’été"))
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(MeetingScreen(meeting.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        names = rows(app.screen.query_one(DataTable), 0)
    invitees = names[:len(members) - 1]  # the summary rows follow
    assert under_whom(invitees, "↳ ") == standing_in
    assert invitees[0].startswith("* "), "the présidente, required, leads"
    assert invitees[-2:] == [orphan.person_name, "Alain Diallo"]
