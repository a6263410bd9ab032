"""Expenses in the app, by keyboard at 80×24: the person's « Frais » tab lists the year's with
their total (- and + change year), « n » enters some, « m » edits them keeping every value not
changed, a refusal is said beside its field, « j » attaches a receipt (a hostile one refused in
French, nothing kept); from the séance, « f » on someone opens the form on the meeting, and
what is saved there shows on their page with the right amount."""

from pathlib import Path

from textual.widgets import DataTable, Select, Static

from comite.store.minutes_models import Side
from comite.tui.dialogs.expense_form import ExpenseForm
from comite.tui.dialogs.file_picker import FilePicker
from comite.tui.screens.person import EXPENSES
from comite.usecases import paths
from tests.exports.pdf_pages import flat, texts
from tests.tui.conftest import choose, make_app, open_form, retype, save_form, told, type_text, wait_for
from tests.tui.test_privacy_flows import open_tab
from tests.tui.test_sitting_flows import about_to_start, open_session, select

SIZE = (80, 24)
HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "receipts"


def person_named(store, name: str) -> int:
    first, last = name.split(" ", 1)
    return store.db.connection().execute(
        "SELECT id FROM people WHERE first_name = ? AND last_name = ?", (first, last)).fetchone()[0]


def title(page) -> str:
    return str(page.query_one("#expenses-title", Static).render()).replace("\xa0", " ")


def rows(page) -> list[list[str]]:
    table = page.query_one("#expenses", DataTable)
    return [[str(cell).replace("\xa0", " ") for cell in table.get_row_at(index)]
            for index in range(table.row_count)]


def said(app) -> list[str]:
    """What the app told, its no-break spaces made plain."""
    return [text.replace("\xa0", " ") for text in told(app)]


def field_error(form, name: str) -> str:
    field = form.query_one(f"#field-{name}")
    return str(field.query_one(".field-error", Static).render()) if field.has_class("-invalid") else ""


async def test_the_year_s_expenses_with_their_total_and_another_year(demo_store):
    martine = person_named(demo_store, "Martine Perrin")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_tab(pilot, martine, "d", EXPENSES)
        assert title(page).startswith("Frais 2026 : 3, 13,89 €")
        assert [row[4] for row in rows(page)] == ["3,13 €", "3,13 €", "7,63 €"]
        assert rows(page)[2][3].startswith("Parking de l’hôpital")
        await pilot.press("minus")
        await wait_for(pilot, lambda: title(page).startswith("Frais 2025 : 1, 3,13 €"))
        await pilot.press("plus", "plus")
        await wait_for(pilot, lambda: title(page).startswith("Aucuns frais en 2027"))


async def test_enter_a_day_of_ones_own_refused_then_saved_then_edited_unchanged(demo_store):
    ines = person_named(demo_store, "Inès David")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_tab(pilot, ines, "d", EXPENSES)
        form = await open_form(pilot, "n", ExpenseForm)
        await retype(pilot, "spent_on", "12/03/2026")
        await choose(pilot, "structure_id", "MSP des Tilleuls (0,32 €/km)")
        await retype(pilot, "km", "12,25")
        await retype(pilot, "other", "4,50")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: field_error(form, "km") and field_error(form, "other_label"))
        assert "Une décimale au plus" in field_error(form, "km")
        assert app.screen is form and len(demo_store.expenses.of_person(ines, 2026)) == 2
        await retype(pilot, "km", "12,5")
        await retype(pilot, "other_label", "Ticket de bus")
        await retype(pilot, "note", "Formation des RU à Lyon")
        await save_form(pilot, page)
        # 12,5 × 0,32 = 4,00 € and 4,50 € of bus: 8,50 €, the first line of March.
        await wait_for(pilot, lambda: len(rows(page)) == 3)
        assert rows(page)[0][1:5] == ["Formation des RU à Lyon", "12,5", "Ticket de bus 4,50 €",
                                      "8,50 €"]
        assert title(page).startswith("Frais 2026 : 3, 34,74 €")
        assert any("Frais enregistrés : 8,50 €" in text for text in said(app))
        added = demo_store.expenses.of_person(ines, 2026)[0]
        # « m » on it, saved untouched: the same record, its rate kept.
        demo_store.structures.set_km_rate(added.structure_id, "0,40")
        page.query_one("#expenses", DataTable).move_cursor(row=0)
        form = await open_form(pilot, "m", ExpenseForm)
        assert form.query_one("#structure_id", Select).value == added.structure_id
        await save_form(pilot, page)
        assert demo_store.expenses.get(added.id) == added


async def test_kilometres_without_a_rate_are_refused_saying_where_to_set_it(demo_store):
    someone = person_named(demo_store, "Inès David")
    msp = next(s for s in demo_store.structures.all() if s.name == "MSP des Tilleuls")
    demo_store.structures.set_km_rate(msp.id, "")  # the example's MSP set one: not this one
    before = demo_store.expenses.of_person(someone, 2026)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, someone, "d", EXPENSES)
        form = await open_form(pilot, "n", ExpenseForm)
        await retype(pilot, "spent_on", "12/03/2026")
        await choose(pilot, "structure_id", "MSP des Tilleuls (pas d’indemnité")
        await retype(pilot, "km", "8")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "page Comités" in field_error(form, "km"))
        assert "n’a pas d’indemnité kilométrique" in field_error(form, "km")
        assert demo_store.expenses.of_person(someone, 2026) == before


async def test_a_receipt_attached_and_a_hostile_one_refused(demo_store, tmp_path):
    martine = person_named(demo_store, "Martine Perrin")
    ticket = tmp_path / "ticket.png"
    from PIL import Image

    Image.new("RGB", (40, 20), (30, 30, 200)).save(ticket, "PNG")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_tab(pilot, martine, "d", EXPENSES)
        page.query_one("#expenses", DataTable).move_cursor(row=2)
        for source, expected in ((HOSTILE / "photo-iphone.jpg", "n’est ni un PDF ni une image"),
                                 (ticket, "Justificatif joint.")):
            await pilot.press("j")
            await wait_for(pilot, lambda: isinstance(app.screen, FilePicker))
            await type_text(pilot, str(source))
            await pilot.press("enter")
            await wait_for(pilot, lambda e=expected: any(e in t for t in said(app)))
        assert [r[5] for r in rows(page)] == ["aucun", "aucun", "joint"]
        parking = demo_store.expenses.of_person(martine, 2026)[2]
        assert len(parking.receipts) == 1
        assert [p.name for p in paths.receipts_dir().iterdir()] == [Path(parking.receipts[0].path).name]


async def test_from_the_seance_an_expense_for_the_meeting_shows_on_the_persons_page(demo_store):
    meeting = about_to_start(demo_store)
    msp = demo_store.committees.get(meeting.committee_id).structure_id
    demo_store.structures.set_km_rate(msp, "0,32")
    attendees, _quorum = demo_store.minutes.attendance(meeting.id)
    user = next(a for a in attendees if a.side is Side.USERS)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        session = await open_session(pilot, meeting.id)
        await select(pilot, user.invitee_id)
        form = await open_form(pilot, "f", ExpenseForm)
        assert form.query_one("#meeting_id", Select).value == meeting.id
        await retype(pilot, "km", "23,4")
        await save_form(pilot, session)
        # 23,4 km × 0,32 € = 7,488 € → 7,49 €
        await wait_for(pilot, lambda: any("7,49 €" in text for text in said(app)))
        # « f » again on them opens what is entered, to edit: no second expense.
        form = await open_form(pilot, "f", ExpenseForm)
        assert form.expense is not None and form.query_one("#km").value == "23,4"
        await pilot.press("escape")
        page = await open_tab(pilot, user.person_id, "d", EXPENSES)
        day = demo_store.meetings.get(meeting.id).starts_at.strftime("%d/%m/%Y")
        assert rows(page)[-1][:5] == [day, meeting.title, "23,4", "—", "7,49 €"]


async def test_the_statement_of_the_year_shown_is_written_from_the_tab(demo_store):
    martine = person_named(demo_store, "Martine Perrin")
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, martine, "d", EXPENSES)
        folder = app.settings.folder("exports")
        await pilot.press("s")
        await wait_for(pilot, lambda: any("État de frais 2026" in text for text in said(app)),
                       timeout=20)
        (pdf,) = folder.glob("frais-2026-*.pdf")
        text = flat(" ".join(texts(pdf)))
        assert "Martine Perrin" in text and "13,89 €" in text
        await pilot.press("minus", "minus")  # 2024: nothing entered, nothing written
        await pilot.press("s")
        await wait_for(pilot, lambda: any("2024" in text and "Aucun" in text for text in said(app)),
                       timeout=20)
        assert not list(folder.glob("frais-2024-*"))
