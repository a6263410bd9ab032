"""Issue 14: a form opened on a record changes what the coordinator changed, and nothing else.

Structures, committees, seats, meetings and their agenda. Each test opens the form from its page
by the key the page names, on a record of the example data, changes one field as a person would,
saves with Ctrl+S and reads the record back: equal to the record before but for that field (and
what the store derives from it, named where it happens).

Forms here that only create, so have nothing to keep: the invitation of someone from outside
(a new invitee), the slot form's « new slot » (its edit is in test_form_values_kept.py), the
closing of a carried conclusion (it writes a new fact, « faite » or « abandonnée » with a word
why; no field of the conclusion is shown to keep). Not forms on a record at all: assigning an
inbox reply to an invitee and the Framadate import (picks and files), and the file picker,
confirmation, notice, help and welcome windows.
"""

from dataclasses import replace
from datetime import date

from textual.widgets import Input, Select, TextArea

from comite.store.committee_models import CommitteeKind, Function, Membership, Seat, StructureKind
from comite.store.meeting_models import MeetingStatus
from comite.store.minutes_models import Participation
from comite.tui.dialogs.agenda_item_form import AgendaItemForm
from comite.tui.dialogs.committee_form import CommitteeForm
from comite.tui.dialogs.follow_up_form import FollowUpForm
from comite.tui.dialogs.meeting_form import MeetingForm
from comite.tui.dialogs.membership_form import MembershipForm
from comite.tui.dialogs.structure_form import StructureForm
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.committees import CommitteesScreen
from comite.tui.screens.meeting import MeetingScreen
from comite.usecases import paths
from comite.usecases.letterhead import check_logo, keep
from tests.exports.logos import make_logo
from tests.tui.conftest import choose, cursor_on, make_app, open_form, retype, save_form, wait_for
from tests.tui.test_agenda_flows import open_agenda
from tests.tui.test_committee_flows import open_committee

SIZE = (100, 30)
HELD = "Comité des usagers — bilan de l’année"
NEXT = "Prochain comité des usagers"


def meeting_titled(store, title: str):
    return next(m for m in store.meetings.all() if m.title == title)


async def open_committees_on(pilot, name: str) -> CommitteesScreen:
    await pilot.press("2")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommitteesScreen))
    await cursor_on(pilot, "#committees", name)
    return pilot.app.screen


# ---- structures and committees ------------------------------------------------------------------

async def test_structure_form_changes_the_kind_and_keeps_name_town_letterhead_and_logo(
        demo_store, tmp_path):
    # The traps: a three-line address in a text area, and a logo whose field shows its copy's
    # path (left as it is, the logo is kept, not imported again).
    committee = next(s.committee for s in demo_store.committees.all()
                     if s.committee.kind is CommitteeKind.CDU)
    logo = check_logo(make_logo(tmp_path / "logo.png"))
    keep(logo)
    before = demo_store.structures.set_logo(committee.structure_id, logo.file_name)
    assert before.city and len(before.address.splitlines()) == 3 and before.phone and before.email
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, committee.name)
        await open_form(pilot, "u", StructureForm)
        assert app.screen.query_one("#kind", Select).value == before.kind.value
        assert app.screen.query_one("#address", TextArea).text == before.address
        assert app.screen.query_one("#logo Input", Input).value == str(paths.logos_dir() / before.logo)
        await choose(pilot, "kind", StructureKind.ASSOCIATION.label)
        await save_form(pilot, page)
    assert demo_store.structures.get(before.id) == replace(before, kind=StructureKind.ASSOCIATION)


async def test_committee_form_changes_the_kind_and_keeps_structure_and_description(demo_store):
    # The trap: the structure is a Select with a prompt, among two structures; the description a
    # text area below the changed field.
    before = next(s.committee for s in demo_store.committees.all()
                  if s.committee.kind is CommitteeKind.USERS_COMMITTEE)
    assert before.description and len(demo_store.structures.all()) == 2
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, before.name)
        await open_form(pilot, "e", CommitteeForm)
        assert app.screen.query_one("#description", TextArea).text == before.description
        await choose(pilot, "kind", CommitteeKind.STEERING.label)
        await save_form(pilot, page)
    assert demo_store.committees.get(before.id) == replace(before, kind=CommitteeKind.STEERING)


async def edit_seat(pilot, membership: Membership, name: str) -> CommitteeScreen:
    """The committee's page, the cursor on the member's line (`name` as shown), « e »."""
    page = await open_committee(pilot, membership.committee_id)
    await wait_for(pilot, lambda: page.members)
    await cursor_on(pilot, "#members", name)
    await open_form(pilot, "e", MembershipForm)
    return page


def cdu(store):
    return next(s.committee for s in store.committees.all() if s.committee.kind is CommitteeKind.CDU)


async def test_membership_form_changes_a_substitutes_mandate_and_keeps_whom_they_stand_for(
        demo_store):
    # The trap: a suppléant(e), whose titulaire is a Select with a prompt, above the dates; a
    # RU's, whose category and arrêté came with the titulaire's (three years at most: the new
    # end stays within them).
    before = next(m for m in demo_store.memberships.of_committee(cdu(demo_store).id)
                  if m.seat is Seat.SUBSTITUTE)
    assert before.substitute_for and before.mandate_start and before.designated_by
    assert before.cdu_seat and before.act_reference and before.act_date
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_seat(pilot, before, "  ↳ " + before.person_name)  # a suppléant(e)
        assert app.screen.query_one("#substitute_for", Select).value == before.substitute_for
        await retype(pilot, "mandate_end", "31/12/2026")
        await save_form(pilot, page)
    assert demo_store.memberships.get(before.id) == replace(before, mandate_end=date(2026, 12, 31))


async def test_membership_form_changes_a_titulars_function_and_keeps_the_mandate(demo_store):
    before = next(m for m in demo_store.memberships.of_committee(cdu(demo_store).id)
                  if m.seat is Seat.TITULAR and m.function is Function.MEMBER and m.mandate_end)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_seat(pilot, before, before.person_name)
        await choose(pilot, "function", Function.SECRETARY.label)
        await save_form(pilot, page)
    assert demo_store.memberships.get(before.id) == replace(before, function=Function.SECRETARY)


# ---- meetings --------------------------------------------------------------------------------

async def edit_meeting(pilot, meeting_id: int) -> MeetingScreen:
    """The meeting's page, « e » (« Modifier »): its form over the page."""
    pilot.app.push_screen(MeetingScreen(meeting_id))
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen)
                   and pilot.app.screen.detail is not None)
    page = pilot.app.screen
    await open_form(pilot, "e", MeetingForm)
    return page


async def test_meeting_form_renames_a_convened_meeting_and_keeps_its_place_and_day(demo_store):
    # The trap: no video link, no quorum typed (empty fields with example placeholders), a
    # message below, a day and place already sent to the invitees.
    before = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.CONVENED)
    assert before.place and before.starts_at and before.description
    assert before.video_url == "" and before.quorum is None
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_meeting(pilot, before.id)
        await retype(pilot, "title", "Réunion trimestrielle de la CDU")
        await save_form(pilot, page)
    assert demo_store.meetings.get(before.id) == replace(before, title="Réunion trimestrielle de la CDU")


async def test_meeting_form_sets_a_quorum_and_keeps_the_video_link_and_duration(demo_store):
    before = meeting_titled(demo_store, NEXT)
    assert before.status is MeetingStatus.POLL and before.video_url and before.quorum is None
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_meeting(pilot, before.id)
        assert app.screen.query_one("#video_url", Input).value == before.video_url
        await retype(pilot, "quorum", "4")
        await save_form(pilot, page)
    assert demo_store.meetings.get(before.id) == replace(before, quorum=4)


# ---- the agenda --------------------------------------------------------------------------------

async def test_agenda_item_form_changes_the_participation_and_keeps_the_minutes_notes(demo_store):
    # The trap: the form shows five fields, the item holds more (its notes, the confidential
    # passage, the time spent in the séance): the update must leave those alone.
    held = meeting_titled(demo_store, HELD)
    before = next(i for i in demo_store.agenda.agenda(held.id).items if i.confidential_notes)
    assert before.notes and before.presenter == ""
    new = next(p for p in Participation if p is not before.participation)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_agenda(pilot, held.id)
        await cursor_on(pilot, "#items", before.title, column=1)
        await open_form(pilot, "e", AgendaItemForm)
        await choose(pilot, "participation", new.label)
        await save_form(pilot, page)
    assert demo_store.agenda.item(before.id) == replace(before, participation=new)


async def test_follow_up_form_changes_the_due_day_and_keeps_the_committee_in_charge(demo_store):
    # The trap: « le comité » in charge is no person (None in the record, 0 in the Select).
    following = meeting_titled(demo_store, NEXT)
    before = next(c.conclusion for c in demo_store.conclusions.carried(following.id)
                  if c.conclusion.owner_id is None and c.conclusion.due_on)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_agenda(pilot, following.id)
        await cursor_on(pilot, "#carried", before.text)
        await open_form(pilot, "e", FollowUpForm)
        await retype(pilot, "due_on", "15/01/2027")
        await save_form(pilot, page)
    assert demo_store.conclusions.get(before.id) == replace(before, due_on=date(2027, 1, 15))


async def test_follow_up_form_gives_it_to_the_committee_and_keeps_the_due_day(demo_store):
    following = meeting_titled(demo_store, NEXT)
    before = next(c.conclusion for c in demo_store.conclusions.carried(following.id)
                  if c.conclusion.owner_id is not None and c.conclusion.due_on)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_agenda(pilot, following.id)
        await cursor_on(pilot, "#carried", before.text)
        await open_form(pilot, "e", FollowUpForm)
        assert app.screen.query_one("#owner_id", Select).value == before.owner_id
        await choose(pilot, "owner_id", "le comité")
        await save_form(pilot, page)
    # owner_name is how the store names the one in charge: « le comité » when it is nobody.
    after = demo_store.conclusions.get(before.id)
    assert after == replace(before, owner_id=None, owner_name=after.owner_name)
    assert after.owner_name == "le comité"
