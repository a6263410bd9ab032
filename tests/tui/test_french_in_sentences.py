"""Names and counts read as French writes them, driven through the real app at 80×24: a
candidacy « d’Amélie », the form that counts the fields it flags and lets each error go once
its field is corrected, a hint that reads as sentences."""

from dataclasses import replace

import pytest
from textual.widgets import Input, Select, Static

from comite.store import open_store
from comite.store.committee_models import Role
from comite.store.recruitment_models import Source
from comite.tui.dialogs.candidate_form import CandidateForm
from comite.tui.dialogs.committee_form import CommitteeForm
from comite.tui.dialogs.structure_form import StructureForm
from comite.tui.textual_private import painted_lines
from tests.tui.conftest import (
    make_app,
    open_form,
    painted,
    retype,
    save_form,
    told,
    type_text,
    wait_for,
)
from tests.tui.test_forms_keep_values_meetings import open_committees_on
from tests.tui.test_recruitment_flows import open_board

SIZE = (80, 24)


@pytest.fixture
def store(db):
    store = open_store(db)
    yield store
    store.close()


def form_error(form) -> str:
    return str(form.query_one(".form-error", Static).render())


async def test_a_candidacy_for_amelie_is_noted_with_the_elision(store):
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        form = await open_form(pilot, "n", CandidateForm)
        form.query_one("#last_name", Input).value = "Roux"
        form.query_one("#first_name", Input).value = "Amélie"
        form.query_one("#role", Select).value = Role.PATIENT_PARTNER.value
        form.query_one("#source", Select).value = Source.ASSOCIATION.value
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is board)
    assert "Candidature d’Amélie Roux notée : « Repéré(e) »." in told(app)


async def test_two_flagged_fields_are_said_in_the_plural_and_go_once_corrected(store):
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        form = await open_form(pilot, "n", CandidateForm)
        form.query_one("#last_name", Input).value = "Roux"
        await pilot.press("ctrl+s")
        await pilot.pause()
        flagged = [f for f in ("role", "source") if form.query_one(f"#field-{f}").has_class("-invalid")]
        assert flagged == ["role", "source"]
        assert form_error(form) == "Rien n’a été enregistré : corrigez les 2 champs signalés."

        form.query_one("#role", Select).value = Role.PATIENT_PARTNER.value
        await pilot.pause()
        assert not form.query_one("#field-role").has_class("-invalid"), "corrected: its error goes"
        assert form.query_one("#field-source").has_class("-invalid"), "the other one stays"
        assert form_error(form) == "Rien n’a été enregistré : corrigez le champ signalé."

        form.query_one("#source", Select).value = Source.ASSOCIATION.value
        await pilot.pause()
        assert form_error(form) == "", "nothing left to correct: nothing said until the next save"


async def test_the_structure_name_error_goes_as_soon_as_a_name_is_typed(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_committees_on(pilot, "Comité des usagers")
        form = await open_form(pilot, "u", StructureForm)
        await retype(pilot, "name", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Le nom de la structure est obligatoire." in painted(app)
        await type_text(pilot, "M")
        await pilot.pause()
        assert not form.query_one("#field-name").has_class("-invalid")
        assert "obligatoire" not in painted(app)


async def test_the_candidate_form_hint_reads_as_sentences(store):
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        form = await open_form(pilot, "n", CandidateForm)
        hint = form.query_one("#field-person_id .field-hint", Static)
        region = hint.content_region
        rows = [line[region.x:region.right].strip()
                for line in painted_lines(app)[region.y:region.bottom]]
        shown = painted(app, hint)
    assert shown.startswith("Déjà connue") and shown.endswith("ci-dessous.")
    assert len(rows) > 1 and not any(row.startswith((";", ":", ",")) for row in rows), rows


# ---- the article of a structure's and a committee's name -----------------------------------

async def test_a_new_structure_takes_the_article_its_name_suggests_unless_one_is_chosen(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, "Comité des usagers")
        form = await open_form(pilot, "t", StructureForm)
        article = form.query_one("#article", Select)
        await retype(pilot, "name", "MSP du Vieux Port")
        assert article.value == "la"
        await retype(pilot, "name", "Association des aidants")
        assert article.value == "l’", "the name leads while no article was chosen"
        article.value = "la"  # the coordinator's choice
        await pilot.pause()
        await retype(pilot, "name", "Association des aidants de Valmont")
        assert article.value == "la", "a chosen article stays"
        form.query_one("#kind", Select).value = "association"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeForm))  # its first committee
        committee = app.screen
        assert committee.query_one("#article", Select).value == "le"
        await retype(pilot, "name", "Commission des usagers")
        assert committee.query_one("#article", Select).value == "la"
        await save_form(pilot, page)
    made = next(s for s in demo_store.structures.all() if s.name.startswith("Association des"))
    assert made.article == "la"


async def test_editing_a_committee_keeps_its_chosen_article_and_the_rest(demo_store):
    cdu = next(s.committee for s in demo_store.committees.all() if s.committee.kind.value == "cdu")
    chosen = demo_store.committees.update(cdu.id, cdu.structure_id, cdu.name, cdu.kind,
                                          cdu.description, article="les")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, cdu.name)
        form = await open_form(pilot, "e", CommitteeForm)
        assert form.query_one("#article", Select).value == "les"
        await retype(pilot, "name", "Commission des usagers")
        assert form.query_one("#article", Select).value == "les", "chosen: the new name leaves it"
        await save_form(pilot, page)
    after = demo_store.committees.get(cdu.id)
    assert after == replace(chosen, name="Commission des usagers")


async def test_the_person_pickers_error_goes_once_someone_is_picked(demo_store):
    """« Choisissez… » stayed beside « Personne » after the member was picked, until the
    next save: the picker's search told no one that the choice had changed."""
    from comite.tui.dialogs.membership_form import MembershipForm
    from comite.tui.screens.committee import CommitteeScreen
    from comite.tui.widgets.field import Field

    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CommitteeScreen(2))
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        form = await open_form(pilot, "a", MembershipForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        field = form.query_one("#field-person_id", Field)
        assert field.has_class("-invalid")
        await type_text(pilot, "Perr")
        await wait_for(pilot, lambda: "Perrin" in painted(app, form))
        await pilot.press("enter")
        await wait_for(pilot, lambda: form.query_one("#person_id").form_value is not None)
        await pilot.pause()
        assert not field.has_class("-invalid")
        assert str(field.query_one(".field-error", Static).render()) == ""
