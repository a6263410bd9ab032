"""« Séance en cours », by keyboard at 80×24: people checked in as they arrive (a suppléant
takes the seat of an absent titulaire), the agenda walked through, who took the floor, notes
typed — and nothing lost on Ctrl+Q."""

from datetime import datetime, timedelta

from textual.widgets import DataTable, Static, TextArea

from comite.store.minutes_models import AttendanceStatus, MinutesStatus
from comite.tui.dialogs.conclusion_form import ConclusionForm
from comite.tui.screens.sitting import SittingScreen
from comite.tui.textual_private import notifications
from tests.tui.conftest import make_app, type_text, wait_for


def about_to_start(store):
    """The example's next meeting, convened for a few minutes from now."""
    meeting = next(m for m in store.meetings.all() if m.status.value == "poll")
    slot = store.meetings.add_slot(meeting.id, datetime.now() + timedelta(minutes=20))
    store.meetings.choose_slot(slot.id, confirmed=True)
    return meeting


async def open_session(pilot, meeting_id: int) -> SittingScreen:
    pilot.app.push_screen(SittingScreen(meeting_id))
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SittingScreen)
                   and pilot.app.screen.item is not None)
    return pilot.app.screen


async def select(pilot, invitee_id: int) -> None:
    table = pilot.app.screen.query_one("#people", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(str(invitee_id)))
    await pilot.pause()


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def floor_lines(screen) -> list[str]:
    """The floor's table: a title line, then « U Usagers  2  67 %  3  75 % » per side."""
    return shown(screen, "#floor").replace("\u00a0", " ").splitlines()


async def test_check_in_walk_the_agenda_and_count_who_spoke(demo_store):
    meeting = about_to_start(demo_store)
    attendees, quorum = demo_store.minutes.attendance(meeting.id)
    assert quorum.covered == 0
    titulars = [a for a in attendees if a.seat.value == "titulaire"]
    substitute = next(a for a in attendees if a.seat.value == "suppleant")
    user = next(a for a in titulars if a.side.value == "users"
                and a.seat_key != substitute.seat_key)
    professional = next(a for a in titulars if a.side.value == "professionals")
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(pilot, meeting.id)
        assert demo_store.meetings.get(meeting.id).status.value == "held"
        assert f"0 siège sur {quorum.seats}" in shown(screen, "#status")

        # Three arrive: two titulaires and a suppléant whose titulaire stays away.
        for person in (user, professional, substitute):
            await select(pilot, person.invitee_id)
            await pilot.press("space")
        assert f"3 sièges sur {quorum.seats}" in shown(screen, "#status")
        assert "3 présent(e)s" in shown(screen, "#status")
        now, _quorum = demo_store.minutes.attendance(meeting.id)
        by_id = {a.invitee_id: a for a in now}
        assert all(by_id[p.invitee_id].arrived_at for p in (user, professional, substitute))
        titular = next(a for a in now if a.seat.value == "titulaire"
                       and a.seat_key == substitute.seat_key)
        assert (titular.status, titular.represented_by_id) == (
            AttendanceStatus.SUBSTITUTED, substitute.invitee_id)
        # A key pressed by mistake is taken back.
        await select(pilot, professional.invitee_id)
        await pilot.press("space")
        assert "2 sièges" in shown(screen, "#status")
        await pilot.press("p")
        assert "3 sièges" in shown(screen, "#status")

        # The agenda, item by item; the clock counts against the planned time.
        items = demo_store.agenda.agenda(meeting.id).items
        assert screen.item.id == items[0].id
        assert "00:0" in shown(screen, "#clock") and f"/ {items[0].duration_minutes:02d}:00" in (
            shown(screen, "#clock"))
        await pilot.press("f9", "f9")
        assert demo_store.sitting.get(meeting.id).current_item_id == items[2].id
        assert shown(screen, "#current").startswith(f"Point 3/{len(items)}")
        await pilot.press("f8")
        assert demo_store.sitting.get(meeting.id).current_item_id == items[1].id

        # Who took the floor on this item: the user twice (one taken back), the professional once.
        await select(pilot, user.invitee_id)
        await pilot.press("plus", "plus", "plus", "minus")
        await select(pilot, professional.invitee_id)
        await pilot.press("plus")
        assert floor_lines(screen)[1:3] == ["U Usagers          2  67 %   2  67 %",
                                            "P Professionnels   1  33 %   1  33 %"]
        await pilot.press("f9")
        await select(pilot, user.invitee_id)
        await pilot.press("plus")
        # This item, then the whole meeting, side by side.
        assert floor_lines(screen)[1:3] == ["U Usagers          1 100 %   3  75 %",
                                            "P Professionnels   0   0 %   1  25 %"]
        table = screen.query_one("#people", DataTable)
        assert str(table.get_row_at(table.get_row_index(str(user.invitee_id)))[3]) == "1"

        # A conclusion straight from the notes, on the current item.
        await pilot.press("tab")
        assert isinstance(screen.focused, TextArea)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ConclusionForm))
        await type_text(pilot, "Voter")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SittingScreen))
        assert [(c.text, c.item_id) for c in demo_store.conclusions.for_meeting(meeting.id)] == [
            ("Voter", items[2].id)]
        assert "Voter" in shown(screen, "#decided")
    floor = {(f.item_id, f.invitee_id): f.turns for f in demo_store.sitting.floor(meeting.id)}
    assert floor == {(items[1].id, user.invitee_id): 2, (items[1].id, professional.invitee_id): 1,
                     (items[2].id, user.invitee_id): 1}


async def test_quitting_in_the_middle_of_a_sentence_loses_nothing(demo_store, tmp_path):
    from comite.store import open_store

    meeting = about_to_start(demo_store)
    someone = demo_store.minutes.attendance(meeting.id)[0][0]
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(pilot, meeting.id)
        item_id = screen.item.id
        await select(pilot, someone.invitee_id)
        await pilot.press("space", "plus")
        await pilot.press("tab")
        await type_text(pilot, "Il faut")
        await pilot.press("ctrl+q")  # before the notes' 0.3 s pause
    demo_store.close()
    again = open_store(demo_store.path)
    try:
        assert again.agenda.item(item_id).notes == "Il faut"
        back = next(a for a in again.minutes.attendance(meeting.id)[0]
                    if a.invitee_id == someone.invitee_id)
        assert back.arrived_at is not None and back.status is AttendanceStatus.PRESENT
        assert [(f.invitee_id, f.turns) for f in again.sitting.floor(meeting.id)] == [
            (someone.invitee_id, 1)]
        assert again.minutes.state(meeting.id).status is MinutesStatus.DRAFT
    finally:
        again.close()


async def test_a_seance_too_early_or_already_settled_is_refused_and_says_why(demo_store):
    convened = next(m for m in demo_store.meetings.all() if m.status.value == "convened")
    settled = next(m for m in demo_store.meetings.all()
                   if demo_store.minutes.state(m.id).status is MinutesStatus.SIGNED)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for meeting, says in ((convened, "pas encore commencé"), (settled, "est adopté")):
            app.push_screen(SittingScreen(meeting.id))
            await wait_for(pilot, lambda says=says: any(says in n.message
                                                        for n in notifications(app)))
            await wait_for(pilot, lambda: not isinstance(app.screen, SittingScreen))
    assert demo_store.sitting.get(convened.id) is None
    assert demo_store.meetings.get(convened.id).status.value == "convened"
    assert demo_store.sitting.get(settled.id) is None


def test_the_clock_turns_red_with_the_overrun_once_the_planned_time_is_passed():
    from comite.tui.screens.sitting import clock_text

    on_time = clock_text(9 * 60 + 59, 10 * 60)
    assert on_time.plain == "Temps : 09:59 / 10:00 prévues"
    assert not any("red" in str(span.style) for span in on_time.spans)
    late = clock_text(11 * 60 + 5, 10 * 60)
    assert late.plain == "Temps : 11:05 / 10:00 prévues  dépassé de 01:05"
    assert any("red" in str(span.style) for span in late.spans)
