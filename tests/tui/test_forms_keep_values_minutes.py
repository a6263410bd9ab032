"""Issue 14: a form opened on a record changes what the coordinator changed, and nothing else.

The minutes' conclusions and a charter's values. Each test opens the form from its page by the
key the page names, on a record of the example data, changes one field as a person would, saves
and reads the record back: equal to the record before but for that field.

Forms of the minutes and the charters that only create, so have nothing to keep: circulating
the minutes (a deadline, a new state), signing them (new signatures), the paper signature of a
charter (new signatures; its names are prefilled from the charter, and kept as typed by
test_charter_flows), the batch of charters (new charters, one value asked for all), the choice
of an export or of a representative (a pick in a list, no field).
"""

from dataclasses import replace
from datetime import date

from textual.widgets import Input, Select, TextArea

from comite.store.minutes_models import ConclusionKind
from comite.tui.dialogs.conclusion_form import ConclusionForm
from comite.tui.screens.charter import CharterScreen
from comite.tui.screens.minutes import ALL_CONCLUSIONS, MinutesScreen
from comite.usecases.charters import charters_folder, make_pdf, pdf_path
from tests.tui.conftest import TODAY, choose, cursor_on, make_app, open_form, retype, save_form, wait_for
from tests.tui.test_charter_flows import SIGNATORY, catalogue, charter_app, engagement
from tests.tui.test_minutes_flows import go_to_section, held_meeting, open_minutes

SIZE = (100, 30)


# ---- a conclusion in the minutes -----------------------------------------------------------------

async def edit_conclusion(pilot, meeting_id: int, text: str) -> MinutesScreen:
    """The minutes, « Relevé des conclusions », the cursor on it, Entrée: its form."""
    page = await open_minutes(pilot, meeting_id)
    await go_to_section(pilot, ALL_CONCLUSIONS)
    await cursor_on(pilot, "#all-conclusions", text, column=2)  # Pt, Nat., Conclusion
    await open_form(pilot, "enter", ConclusionForm)
    return page


async def test_conclusion_form_adds_a_due_day_and_keeps_the_committee_and_the_decision(demo_store):
    # The trap: a decision of the committee as a whole (no person: None in the record, 0 in the
    # Select) and no due day (an empty field with a format for placeholder).
    meeting = held_meeting(demo_store)
    before = next(c for c in demo_store.conclusions.for_meeting(meeting.id)
                  if c.kind is ConclusionKind.DECISION)
    assert before.owner_id is None and before.due_on is None
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_conclusion(pilot, meeting.id, before.text)
        assert app.screen.query_one("#text", TextArea).text == before.text
        assert app.screen.query_one("#kind", Select).value == ConclusionKind.DECISION.value
        await retype(pilot, "due_on", "30/06/2027")
        await save_form(pilot, page)
    assert demo_store.conclusions.get(before.id) == replace(before, due_on=date(2027, 6, 30))


async def test_conclusion_form_makes_an_action_a_decision_and_keeps_who_and_when(demo_store):
    meeting = held_meeting(demo_store)
    before = next(c for c in demo_store.conclusions.for_meeting(meeting.id)
                  if c.kind is ConclusionKind.ACTION and c.owner_id and c.due_on)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_conclusion(pilot, meeting.id, before.text)
        assert app.screen.query_one("#owner_id", Select).value == before.owner_id
        assert app.screen.query_one("#due_on", Input).value == before.due_on.strftime("%d/%m/%Y")
        await choose(pilot, "kind", ConclusionKind.DECISION.label)
        await save_form(pilot, page)
    assert demo_store.conclusions.get(before.id) == replace(before, kind=ConclusionKind.DECISION)


# ---- a charter's values ------------------------------------------------------------------------

async def test_charter_values_change_the_duration_and_keep_the_place_left_to_handwriting(
        demo_store, tmp_path):
    # A charter made earlier, « Fait à » and « le » left empty to be written by hand: its page
    # shows its values, and the next charter takes them all but the one changed. An empty value
    # stays empty: the placeholder « vide : écrit à la main » is never printed.
    catalogue(demo_store)
    e = engagement(demo_store, "Sarah Guérin")
    template = demo_store.charters.suggested(e.person_id, e.committee_id)
    values = {**demo_store.charters.defaults(e.person_id, e.committee_id, TODAY),
              "team_signatory": SIGNATORY, "place": "", "signature_date": "",
              "compensation": "Aucun défraiement : engagement bénévole"}
    app = charter_app(demo_store, tmp_path)
    draft = demo_store.charters.draft(e.person_id, e.committee_id, template.template_id, values,
                                      app.today)
    before, _path = make_pdf(demo_store, draft, pdf_path(charters_folder(app.settings), draft.uid,
                                                         draft.data["person"]))
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CharterScreen(e.person_id, e.committee_id))
        await wait_for(pilot, lambda: isinstance(app.screen, CharterScreen)
                       and app.screen.charter is not None)
        page = app.screen
        assert page.query_one("#place", Input).value == ""
        assert page.query_one("#compensation", Input).value == values["compensation"]
        await pilot.press("e")  # « Valeurs »: into the fields
        await retype(pilot, "duration", "un an")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: page.charter.id != before.id, timeout=15)
    after = demo_store.charters.get(page.charter.id)
    assert after.data == {**before.data, "duration": "un an"}
    assert (after.template, after.person_id, after.committee_id) == (
        before.template, before.person_id, before.committee_id)
