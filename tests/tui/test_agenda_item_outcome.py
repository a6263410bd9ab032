"""Issue 22: the agenda item's form says what came of the item (its outcome) and its plain title
for the easy-to-read minutes. Driven by Pilot on the example's held meeting: the values are kept
when the form is opened again and when another field is edited, refused in French beside their
field when wrong; the outcome its kind suggests is proposed, never chosen for the coordinator;
the minutes' page and the séance open the same form with « i »."""

from dataclasses import replace

from textual.widgets import Input, Select, Static

from comite.store.minutes_models import ItemKind, Outcome
from comite.tui.dialogs.agenda_item_form import AgendaItemForm
from comite.tui.screens.minutes import MinutesScreen
from comite.tui.textual_private import select_options
from tests.tui.conftest import (
    choose,
    cursor_on,
    make_app,
    open_form,
    retype,
    save_form,
    told,
    wait_for,
)
from tests.tui.test_agenda_flows import open_agenda
from tests.tui.test_minutes_flows import go_to_section, held_meeting, open_minutes

SIZE = (100, 30)


def topic_with_notes(store, meeting_id: int):
    return next(i for i in store.agenda.agenda(meeting_id).items
                if i.kind is ItemKind.TOPIC and i.notes)


def error_of(screen, field: str) -> str:
    return str(screen.query_one(f"#field-{field} .field-error", Static).render())


async def test_outcome_and_plain_title_are_saved_and_shown_again(demo_store):
    held = held_meeting(demo_store)
    before = topic_with_notes(demo_store, held.id)
    assert (before.easy_title, before.outcome) == ("", Outcome.UNSAID)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_agenda(pilot, held.id)
        await cursor_on(pilot, "#items", before.title, column=1)
        form = await open_form(pilot, "e", AgendaItemForm)
        # Nothing chosen for the coordinator: « Pas encore dit », the suggestion only marked.
        outcome = form.query_one("#outcome", Select)
        assert outcome.value == Outcome.UNSAID.value
        labels = [str(label) for label, _value in select_options(outcome)]
        assert labels[0] == "Pas encore dit" and labels[1].endswith("(proposé)")
        # The plain title the easy copy prints when none is written, shown in grey.
        assert form.query_one("#easy_title", Input).placeholder
        await retype(pilot, "easy_title", "Ce que les patients nous ont dit")
        await choose(pilot, "outcome", "Décision prise")
        await save_form(pilot, page)
        after = demo_store.agenda.item(before.id)
        assert after == replace(before, easy_title="Ce que les patients nous ont dit",
                                outcome=Outcome.DECIDED)

        # Opened again: both shown as saved; a change elsewhere keeps them.
        form = await open_form(pilot, "e", AgendaItemForm)
        assert form.query_one("#easy_title", Input).value == "Ce que les patients nous ont dit"
        assert form.query_one("#outcome", Select).value == Outcome.DECIDED.value
        await retype(pilot, "presenter", "La présidente")
        await save_form(pilot, page)
    assert demo_store.agenda.item(before.id) == replace(after, presenter="La présidente")


async def test_a_wrong_plain_title_is_refused_in_french_beside_its_field(demo_store):
    held = held_meeting(demo_store)
    before = topic_with_notes(demo_store, held.id)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot, held.id)
        await cursor_on(pilot, "#items", before.title, column=1)
        form = await open_form(pilot, "e", AgendaItemForm)
        await retype(pilot, "easy_title", "=LIEN_HYPERTEXTE(\"x\")")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form stays open"
        assert "commence par = est pris pour une formule" in error_of(form, "easy_title")
        await retype(pilot, "easy_title", "Un titre simple " * 8)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "trop long" in error_of(form, "easy_title"))
        assert app.screen is form
    assert demo_store.agenda.item(before.id) == before


async def test_an_adoption_offers_its_own_outcomes_adopted_first(demo_store):
    following = next(m for m in demo_store.meetings.all() if m.title == "Prochain comité des usagers")
    adoption = next(i for i in demo_store.agenda.agenda(following.id).items
                    if i.kind is ItemKind.ADOPTION)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_agenda(pilot, following.id)
        await cursor_on(pilot, "#items", adoption.title, column=1)
        form = await open_form(pilot, "e", AgendaItemForm)
        labels = [str(label) for label, _value in select_options(form.query_one("#outcome", Select))]
        assert labels == ["Pas encore dit", "Adopté (proposé)", "Non adopté", "Reporté"]
        assert form.query_one("#easy_title", Input).placeholder.startswith(
            "par défaut : Le compte rendu de la réunion du ")
        # Whole in the hint, where the placeholder is cut at the field's width.
        assert "vide : « Le compte rendu de la réunion du " in str(
            form.query_one("#field-easy_title .field-hint", Static).render())
        await choose(pilot, "outcome", "Adopté")
        await save_form(pilot, page)
        # Those minutes are not yet noted adopted: the coordinator is told where that is done.
        await wait_for(pilot, lambda: any("Notez aussi ce compte rendu adopté" in said
                                          for said in told(app)))
    assert demo_store.agenda.item(adoption.id).outcome is Outcome.ADOPTED


async def test_the_minutes_page_says_the_outcome_with_i(demo_store):
    held = held_meeting(demo_store)
    item = topic_with_notes(demo_store, held.id)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_minutes(pilot, held.id)
        await go_to_section(pilot, f"item-{item.id}")
        assert "issue à dire (i)" in str(page.query_one("#item-title", Static).render())
        await pilot.press("escape")  # out of the notes, back to the list
        form = await open_form(pilot, "i", AgendaItemForm)
        assert form.item.id == item.id
        await choose(pilot, "outcome", "Avis recueilli")
        await save_form(pilot, page)
        await wait_for(pilot, lambda: "issue : avis recueilli" in str(
            page.query_one("#item-title", Static).render()))
        assert isinstance(app.screen, MinutesScreen)
    assert demo_store.agenda.item(item.id).outcome is Outcome.CONSULTED


async def test_during_the_seance_i_says_the_current_items_outcome(demo_store):
    from tests.tui.test_sitting_flows import about_to_start, open_session

    meeting = about_to_start(demo_store)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(pilot, meeting.id)
        current = screen.item
        assert "i : dire l’issue du point" in str(screen.query_one("#decided", Static).render())
        form = await open_form(pilot, "i", AgendaItemForm)
        assert form.item.id == current.id
        await choose(pilot, "outcome", "Adopté")
        await save_form(pilot, screen)
        await wait_for(pilot, lambda: "i : issue — adopté" in str(
            screen.query_one("#decided", Static).render()))
    assert demo_store.agenda.item(current.id).outcome is Outcome.ADOPTED
