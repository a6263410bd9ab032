"""Issue 16, the coordinator as a person in the app: designated in the structure form (« u » on
the Comités section) by searching their name, named on the committee's page, taken off with
Suppr; one of the team for an opinion on a candidacy and, without a secrétaire, the secrétaire
de séance who signs the minutes."""

from dataclasses import replace

from textual.widgets import Input, Select, Static

from comite.store import PersonInput
from comite.store.committee_models import Function, Role
from comite.store.recruitment_models import Stage
from comite.tui.dialogs.minutes_forms import default_signers
from comite.tui.dialogs.opinion_form import OpinionForm
from comite.tui.dialogs.structure_form import StructureForm
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.textual_private import select_options
from comite.tui.widgets.person_picker import PersonPicker
from comite.usecases.settings import Settings
from tests.tui.conftest import make_app, open_form, save_form, type_text, wait_for
from tests.tui.test_forms_keep_values_meetings import open_committees_on
from tests.tui.test_recruitment_flows import open_page

SIZE = (80, 24)
CDU = "Commission des usagers (CDU)"  # the hospital's: nobody designated in the example
MSP = "Comité des usagers"  # the MSP's: its coordinator is designated


def committee_named(store, name: str):
    return next(s.committee for s in store.committees.all() if s.committee.name == name)


def newcomer(store):
    return store.people.create(PersonInput(last_name="Quenneville", first_name="Aurore",
                                           email="aurore.quenneville@example.org",
                                           roles=[Role.PROFESSIONAL]))


def designate(store, structure_id: int, person_id: int | None):
    s = store.structures.get(structure_id)
    return store.structures.update(s.id, s.name, s.kind, s.city, address=s.address,
                                   phone=s.phone, email=s.email, coordinator_id=person_id)


def picked(form) -> str:
    return str(form.query_one("#coordinator_id .picked", Static).content)


async def test_a_coordinator_is_designated_by_name_and_named_on_the_committee_page(demo_store):
    cdu = committee_named(demo_store, CDU)
    before = demo_store.structures.get(cdu.structure_id)
    person = newcomer(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, CDU)
        form = await open_form(pilot, "u", StructureForm)
        assert form.query_one(PersonPicker).form_value is None and picked(form) == ""
        form.query_one("#coordinator_id-search", Input).focus()
        await type_text(pilot, "quenn")
        results = form.query_one("#coordinator_id-results")
        await wait_for(pilot, lambda: results.option_count == 1)
        await pilot.press("enter", "enter")  # to the results, then pick the first
        await wait_for(pilot, lambda: form.query_one(PersonPicker).form_value == person.id)
        assert picked(form) == "✓ Aurore Quenneville  aurore.quenneville@example.org"
        await save_form(pilot, page)
        assert demo_store.structures.get(before.id) == replace(before, coordinator_id=person.id)
        assert Role.COORDINATOR in demo_store.people.get(person.id).roles

        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        about = str(app.screen.query_one("#about", Static).content)
        assert about.splitlines()[0] == (
            "Commission des usagers (CDU) · Centre hospitalier de Valmont · "
            "coordination : Aurore Quenneville")


async def test_suppr_in_the_empty_search_takes_the_coordinator_off(demo_store):
    msp = committee_named(demo_store, MSP)
    before = demo_store.structures.get(msp.structure_id)
    coordinator = demo_store.people.get(before.coordinator_id)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, MSP)
        form = await open_form(pilot, "u", StructureForm)
        assert picked(form) == f"✓ {coordinator.full_name}  {coordinator.email}"
        search = form.query_one("#coordinator_id-search", Input)
        search.focus()
        await type_text(pilot, "x")
        await pilot.press("delete")  # the search is not empty: Suppr only edits it
        assert form.query_one(PersonPicker).form_value == coordinator.id
        await pilot.press("backspace", "delete")
        await wait_for(pilot, lambda: form.query_one(PersonPicker).form_value is None)
        assert picked(form) == ""
        await save_form(pilot, page)
        assert demo_store.structures.get(before.id) == replace(before, coordinator_id=None)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        assert "coordination" not in str(app.screen.query_one("#about", Static).content)


async def test_the_coordinator_gives_an_opinion_without_sitting_on_the_committee(demo_store):
    candidate = demo_store.recruitment.board()[Stage.CONTACTED][0]
    committee = demo_store.committees.get(candidate.committee_id)
    person = newcomer(demo_store)
    assert person.id not in {m.person_id for m in demo_store.memberships.of_committee(committee.id)}
    designate(demo_store, committee.structure_id, person.id)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, candidate.id)
        await open_form(pilot, "a", OpinionForm)
        team = {value: str(label) for label, value in
                select_options(app.screen.query_one("#author_id", Select))}
        assert team[person.id] == "Aurore Quenneville"
        assert candidate.person_id not in team
        app.screen.query_one("#author_id", Select).value = person.id
        app.screen.query_one("#opinion", Select).value = "favourable"
        await save_form(pilot, page)
    assert person.id in {o.author_id for o in demo_store.recruitment.opinions(candidate.id)}


async def test_without_a_secretary_the_coordinator_signs_the_minutes_as_secretary(demo_store):
    cdu = committee_named(demo_store, CDU)
    assert all(m.function is not Function.SECRETARY
               for m in demo_store.memberships.of_committee(cdu.id))
    app = make_app(demo_store, settings=Settings(coordinator_name="Aude Secours"))
    assert default_signers(app, cdu.id)[1][0] == "Aude Secours"
    designate(demo_store, cdu.structure_id, newcomer(demo_store).id)
    assert default_signers(app, cdu.id)[1][0] == "Aurore Quenneville"
