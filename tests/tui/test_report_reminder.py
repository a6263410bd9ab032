"""The day a structure owes its year's report: typed in its form (« 31/01 »), kept on edit, and
reminded on the dashboard in the two months before (« → Bilan 2026 du Comité… à remettre le… »);
Entrée opens that year's « Bilan »."""

from datetime import timedelta

from comite.tui.dialogs.structure_form import StructureForm
from comite.tui.screens.committees import CommitteesScreen
from comite.tui.screens.year import YearScreen
from tests.tui.conftest import TODAY, make_app, retype, save_form, wait_for
from tests.tui.test_dashboard_conclusions import lines, wait_for_follow_up


def set_day(store, day: str) -> None:
    for s in store.structures.all():
        store.structures.update(s.id, s.name, s.kind, s.city, address=s.address, phone=s.phone,
                                email=s.email, coordinator_id=s.coordinator_id, article=s.article,
                                access_notes=s.access_notes, dpo_contact=s.dpo_contact,
                                report_due=day)


async def test_the_report_day_is_reminded_within_two_months_and_opens_the_year(demo_store):
    soon = TODAY + timedelta(days=40)
    set_day(demo_store, soon.strftime("%d/%m"))
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        options = await wait_for_follow_up(pilot)
        reminders = [line for line in lines(options) if "Bilan" in line]
        year = soon.year - 1
        assert reminders and all(line.startswith(f"→ Bilan {year} ") for line in reminders)
        assert any("du Comité des usagers à remettre le" in line and "(dans 40 j)" in line
                   for line in reminders)
        first = next(option.id for option in options.options if option.id.startswith("report-"))
        options.highlighted = options.get_option_index(first)
        options.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, YearScreen))
        assert app.screen.year == year


async def test_no_reminder_further_than_two_months_or_when_no_day_is_set(demo_store):
    set_day(demo_store, (TODAY + timedelta(days=90)).strftime("%d/%m"))
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        options = await wait_for_follow_up(pilot)
        assert not [line for line in lines(options) if "Bilan" in line]


async def test_the_structure_form_keeps_the_day_typed(demo_store):
    before = {s.id: s for s in demo_store.structures.all()}
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
        page = app.screen
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, StructureForm)
                       and app.screen.query("#report_due"))
        await retype(pilot, "report_due", "31/1")
        await save_form(pilot, page)
        (edited,) = [s for s in demo_store.structures.all() if s.report_due == "01-31"]
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, StructureForm)
                       and app.screen.query("#report_due"))
        assert app.screen.query_one("#report_due").value == "31/01"
    kept = before[edited.id]
    assert (edited.dpo_contact, edited.access_notes, edited.address, edited.name) == (
        kept.dpo_contact, kept.access_notes, kept.address, kept.name)
