"""Issue 16, part 4 — seats that hold together, at 80×24: the committee page and the meeting
grid list each suppléant(e) right under their titulaire."""

from textual.widgets import DataTable

from comite.store import MeetingInput
from comite.store.committee_models import CommitteeKind, Function
from comite.tui.screens.meeting import MeetingScreen
from tests.tui.conftest import make_app, rows, wait_for
from tests.tui.test_committee_flows import open_committee

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
