"""The ordre du jour by keyboard at 80×24: the conclusions carried from the held meeting, closed,
reassigned and re-dated from the next agenda; items added, edited, moved and removed; the
overrun warning; the committee's template."""

from datetime import date

from textual.widgets import DataTable, Input, Select, Static

from comite.store.meeting_models import MeetingStatus
from comite.store.minutes_models import ConclusionStatus, MinutesStatus
from comite.tui.dialogs.agenda_item_form import AgendaItemForm
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.follow_up_form import CloseConclusionForm, FollowUpForm
from comite.tui.screens.agenda import AgendaScreen
from comite.tui.screens.meeting import MeetingScreen
from comite.tui.screens.meetings import MeetingsScreen
from comite.tui.textual_private import notifications
from tests.tui.conftest import (
    choose,
    cursor_on,
    make_app,
    open_form,
    retype,
    rows,
    save_form,
    type_text,
    wait_for,
)
from tests.tui.test_meeting_flows import new_meeting

NEXT = "Prochain comité des usagers"
REMINDER = "Tester un rappel automatique des rendez-vous par SMS"  # taken at the held meeting
RESULTS = "Afficher les résultats du questionnaire dans la salle d’attente"


def meeting_titled(store, title: str):
    return next(m for m in store.meetings.all() if m.title == title)


def cdu_meeting(store):
    return next(m for m in store.meetings.all() if m.status is MeetingStatus.CONVENED)


def status_line(app) -> Static:
    return app.screen.query_one("#status", Static)


async def open_agenda(pilot, meeting_id: int) -> AgendaScreen:
    pilot.app.push_screen(AgendaScreen(meeting_id))
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, AgendaScreen)
                   and pilot.app.screen.agenda is not None)
    return pilot.app.screen


async def test_from_the_next_meeting_a_carried_conclusion_is_seen_once_and_closed(demo_store):
    held = meeting_titled(demo_store, "Comité des usagers — bilan de l’année")
    following = meeting_titled(demo_store, NEXT)
    reminder = next(c for c in demo_store.conclusions.for_meeting(held.id) if c.text == REMINDER)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        # By keyboard: Réunions, the next meeting, « a ».
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        table = app.screen.query_one(DataTable)
        assert rows(table, 1)[0] == NEXT
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.agenda)
        carried = app.screen.query_one("#carried", DataTable)
        assert app.screen.focused is carried, "the follow-up comes first"
        row = rows(carried, 0).index(REMINDER)
        line = carried.get_row_at(row)
        assert [str(cell) for cell in line[1:]] == [
            reminder.owner_name, "18/11/26", "09/10/26", "reportée ×1", "Ouverte"]
        assert "red" in str(line[2].style), "overdue: the due date is red"
        title = str(app.screen.query_one("#carried-title", Static).render())
        assert title == ("Suite donnée aux conclusions précédentes "
                         "(3 ouvertes dont 1 en retard)")

        await pilot.press(*["down"] * row)
        assert REMINDER in str(app.screen.query_one("#detail", Static).render())
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, CloseConclusionForm))
        await pilot.press("ctrl+s")  # a word why is required
        await pilot.pause()
        assert isinstance(app.screen, CloseConclusionForm)
        assert "pourquoi" in str(app.screen.query_one("#field-reason .field-error").render())
        await type_text(pilot, "Rappels SMS en place depuis novembre")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        carried = app.screen.query_one("#carried", DataTable)
        assert str(carried.get_row_at(row)[5]) == "Faite", "closed here, it stays listed as done"
        assert carried.cursor_row == row
        title = str(app.screen.query_one("#carried-title", Static).render())
        assert title.endswith("(2 ouvertes, 1 close ici)")
    closed = demo_store.conclusions.get(reminder.id)
    assert closed.status is ConclusionStatus.DONE
    assert closed.closed_reason == "Rappels SMS en place depuis novembre"
    assert closed.closed_in_meeting_id == following.id


async def test_a_carried_conclusion_is_abandoned_reassigned_and_redated(demo_store):
    following = meeting_titled(demo_store, NEXT)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot, following.id)
        carried = screen.query_one("#carried", DataTable)
        results = next(c.conclusion for c in screen.agenda.carried if c.conclusion.text == RESULTS)
        await cursor_on(pilot, "#carried", RESULTS)
        assert str(carried.get_row_at(carried.cursor_row)[1]) == "le comité"

        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpForm))
        owners = demo_store.conclusions.owners(following.id)
        owner_id, owner_name = owners[2]
        app.screen.query_one("#owner_id", Select).value = owner_id
        due = app.screen.query_one("#due_on", Input)
        assert due.value == results.due_on.strftime("%d/%m/%Y")
        due.focus()
        due.value = ""
        await type_text(pilot, "31/02/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpForm), "an impossible date is refused beside it"
        assert "n’existe pas" in str(app.screen.query_one("#field-due_on .field-error").render())
        due.value = ""
        await type_text(pilot, "15/01/2027")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        row = carried.get_row_at(carried.get_row_index(str(results.id)))
        assert [str(row[1]), str(row[2])] == [owner_name, "15/01/27"]

        # The one carried twice: abandoned, with a word why; Entrée is the same as « e ».
        flyer = next(c.conclusion for c in screen.agenda.carried if c.times == 2)
        await cursor_on(pilot, "#carried", flyer.text)
        assert str(carried.get_row_at(carried.cursor_row)[4]) == "reportée ×2"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FollowUpForm))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, CloseConclusionForm))
        await type_text(pilot, "Remplacé par la page du site")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await pilot.press("f")  # already closed: said, nothing opens
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        assert any("déjà close" in str(n.message) for n in notifications(app))

        # The two lists read as one: down from the last conclusion goes on to the items.
        await pilot.press(*["down"] * (carried.row_count - carried.cursor_row))
        items = screen.query_one("#items", DataTable)
        assert screen.focused is items and items.cursor_row == 0
        assert "-/+ déplacer" in str(screen.query_one("#status", Static).render())
        await pilot.press("up")
        assert screen.focused is carried and carried.cursor_row == carried.row_count - 1
    moved = demo_store.conclusions.get(results.id)
    assert (moved.owner_id, moved.due_on, moved.status) == (
        owner_id, date(2027, 1, 15), ConclusionStatus.OPEN)
    dropped = demo_store.conclusions.get(flyer.id)
    assert (dropped.status, dropped.closed_reason) == (
        ConclusionStatus.ABANDONED, "Remplacé par la page du site")


async def test_items_are_added_edited_moved_and_removed_by_keyboard(demo_store):
    cdu = cdu_meeting(demo_store)
    before = [item.title for item in demo_store.agenda.agenda(cdu.id).items]
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot, cdu.id)
        items = screen.query_one("#items", DataTable)
        # What is still open (two recommendations, an action) comes first; down from the last
        # goes on to the items.
        carried = screen.query_one("#carried", DataTable)
        assert carried.display and screen.focused is carried and carried.row_count == 3
        await pilot.press(*["down"] * carried.row_count)
        assert screen.focused is items
        assert rows(items, 1)[0].startswith("Adoption du compte rendu du ")
        assert str(status_line(app).render()).startswith("1 h 45 prévues sur 2 h")
        assert not status_line(app).has_class("-overrun")

        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaItemForm))
        await type_text(pilot, "Rapport annuel de la CDU")
        app.screen.query_one("#presenter", Input).focus()
        await type_text(pilot, "La présidente")
        duration = app.screen.query_one("#duration_minutes", Input)
        duration.focus()
        duration.value = ""
        await type_text(pilot, "40")
        app.screen.query_one("#purpose", Select).value = "decision"
        app.screen.query_one("#participation", Select).value = "partenariat"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        assert rows(items, 1)[-1] == "Rapport annuel de la CDU"
        assert [str(c) for c in items.get_row_at(items.row_count - 1)] == [
            "7", "Rapport annuel de la CDU", "La présidente", "40 min", "Décision", "Partenariat"]
        assert items.cursor_row == items.row_count - 1, "the cursor is on the new item"
        # 105 + 40 minutes for a 2-hour meeting: warned.
        assert status_line(app).has_class("-overrun")
        assert "2 h 25 prévues sur 2 h : dépasse de 25 min" in str(status_line(app).render())

        await pilot.press("minus")
        await pilot.press("shift+up")
        assert rows(items, 1)[4] == "Rapport annuel de la CDU"
        assert items.cursor_row == 4, "the cursor follows the moved item"
        await pilot.press("plus")
        assert rows(items, 1)[5] == "Rapport annuel de la CDU"

        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaItemForm))
        duration = app.screen.query_one("#duration_minutes", Input)
        duration.focus()
        duration.value = ""
        await type_text(pilot, "0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AgendaItemForm), "a duration of 0 is refused"
        assert "entre 1 et 600" in str(
            app.screen.query_one("#field-duration_minutes .field-error").render())
        duration.value = ""
        await type_text(pilot, "15")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        assert not status_line(app).has_class("-overrun"), "2 h exactly fits"
        assert str(status_line(app).render()).startswith("2 h prévues sur 2 h")

        await pilot.press("up")  # « Projet des usagers »
        removed = rows(items, 1)[4]
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and items.row_count == 6)
        assert removed not in rows(items, 1)
    after = demo_store.agenda.agenda(cdu.id).items
    expected = [t for t in before if t != removed]
    expected.insert(4, "Rapport annuel de la CDU")
    assert [item.title for item in after] == expected
    assert [item.position for item in after] == [1, 2, 3, 4, 5, 6]
    added = after[4]
    assert (added.presenter, added.duration_minutes, added.purpose.value,
            added.participation.value) == ("La présidente", 15, "decision", "partenariat")


async def test_refusals_are_said_and_signed_minutes_ask_before_an_edit(demo_store):
    held = meeting_titled(demo_store, "Comité des usagers — bilan de l’année")
    spring = meeting_titled(demo_store, "Comité des usagers — printemps")
    assert demo_store.minutes.state(spring.id).status is MinutesStatus.SIGNED
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        # An item a conclusion was taken on stays: the store says why, at once, never after
        # a question it would then refuse.
        screen = await open_agenda(pilot, held.id)
        taken = {c.item_id for c in demo_store.conclusions.for_meeting(held.id)}
        index = next(i for i, item in enumerate(screen.agenda.items) if item.id in taken)
        await cursor_on(pilot, "#items", screen.agenda.items[index].title, column=1)
        await pilot.press("delete")
        await wait_for(pilot, lambda: any("Des conclusions ont été prises" in str(n.message)
                                          for n in notifications(app)))
        assert app.screen is screen
        assert len(demo_store.agenda.agenda(held.id).items) == len(screen.agenda.items)
        await pilot.press("escape")

        # The spring minutes are signed: editing an item says so, then voids the signatures.
        screen = await open_agenda(pilot, spring.id)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaItemForm))
        app.screen.query_one("#presenter", Input).focus()
        await type_text(pilot, "Le médecin")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "signé" in str(app.screen.query_one(".dialog-body", Static).render())
        await pilot.press("enter")  # « Annuler » has the focus: nothing changes
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaItemForm))
        assert demo_store.minutes.state(spring.id).status is MinutesStatus.SIGNED
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
    assert demo_store.agenda.agenda(spring.id).items[0].presenter == "Le médecin"
    assert demo_store.minutes.state(spring.id).status is MinutesStatus.ADOPTED


async def test_the_agenda_saved_as_template_opens_the_committees_next_meeting(demo_store):
    cdu = cdu_meeting(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot, cdu.id)
        items = screen.query_one("#items", DataTable)
        carried = screen.query_one("#carried", DataTable)
        # Through what is carried, past the adoption, on « Événements indésirables graves »: it goes.
        await pilot.press(*["down"] * (carried.row_count + 2), "delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and items.row_count == 5)
        assert items.cursor_row == 2, "the cursor stays in place, on the next item"
        await pilot.press("shift+down")  # the satisfaction surveys after the users' project
        template = rows(items, 1)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        assert any("Modèle du comité enregistré : 4 points" in str(n.message)
                   for n in notifications(app))

        await new_meeting(pilot, cdu.committee_id, "CDU de mars")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen) and app.screen.agenda)
        assert rows(app.screen.query_one("#items", DataTable), 1) == template
    assert template[2:4] == ["Projet des usagers", "Questionnaires de satisfaction des patients"]


def test_durations_read_in_hours_and_minutes():
    from comite.tui.screens.agenda import span

    assert [span(n) for n in (5, 60, 105, 120, 600)] == [
        "5 min", "1 h", "1 h 45", "2 h", "10 h"]


async def test_an_item_added_from_the_meeting_page_is_printed_on_the_paper_letters(demo_store, tmp_path):
    """Issue 15, part 2, by keyboard: « a » from the meeting page, « n » adds an item, Échap back,
    « f » prints the letters for the members without e-mail — the new item is on paper, with its
    minutes and its purpose, after the items already there."""
    from pypdf import PdfReader

    from comite.usecases.settings import Settings

    poll = meeting_titled(demo_store, NEXT)
    assert poll.status is MeetingStatus.POLL
    settings = Settings(coordinator_name="Claire Coordination", exports=str(tmp_path / "exports"))
    app = make_app(demo_store, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(poll.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        agenda = await open_form(pilot, "a", AgendaScreen)
        await wait_for(pilot, lambda: agenda.agenda is not None)
        await open_form(pilot, "n", AgendaItemForm)
        await type_text(pilot, "Charte pour accueillir les nouveaux usagers")
        await retype(pilot, "duration_minutes", "35")
        await choose(pilot, "purpose", "Décision")
        await save_form(pilot, agenda)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        await pilot.press("f")
        folder = tmp_path / "exports"
        await wait_for(pilot, lambda: list(folder.glob("convocations-*.pdf")), timeout=10)
    [pdf] = folder.glob("convocations-*.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    items = demo_store.agenda.agenda(poll.id).items
    assert items[-1].title == "Charte pour accueillir les nouveaux usagers"
    for number, item in enumerate(items, start=1):
        assert f"{number}. {item.title} {item.duration_minutes} min {item.purpose.label}" in text
    assert f"{len(items)}. Charte pour accueillir les nouveaux usagers 35 min Décision" in text
    assert "Coupon-réponse" in text
