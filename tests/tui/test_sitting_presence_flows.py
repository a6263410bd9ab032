"""« Séance en cours », presence as it happens, by keyboard at 80×24: nobody is present until
checked in (an answer « oui » is only announced), a suppléant(e) checked in stands for an
absent titulaire, someone shown absent who speaks is asked about first, people who walk in
join the table (found, or created on the spot), a departure keeps its time — and the minutes
have it all."""

from datetime import datetime, timedelta

from textual.widgets import DataTable, Input, SelectionList, Static

from comite.kernel.grammar import gendered
from comite.store.committee_models import Role
from comite.store.meeting_models import InviteeSeat, PartStat
from comite.store.minutes_models import AttendanceStatus, Side
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.join_form import JoinForm
from comite.tui.dialogs.person_form import PersonForm
from comite.tui.screens.sitting import SittingScreen, floor_text, help_legend, screen_legend
from comite.tui.wording import presence_legend
from tests.tui.conftest import make_app, open_form, save_form, type_text, wait_for
from tests.tui.test_sitting_flows import open_session, select, shown


def convened_without_the_coordinator(store):
    """The example's next meeting, its coordinator taken off the list, convened for a few
    minutes from now; a few answers to the convocation (oui, non)."""
    meeting = next(m for m in store.meetings.all() if m.status.value == "poll")
    coordinator = next(a for a in store.minutes.attendance(meeting.id)[0]
                       if Role.COORDINATOR in store.people.get(a.person_id).roles)
    store.meetings.uninvite(coordinator.invitee_id)
    slot = store.meetings.add_slot(meeting.id, datetime.now() + timedelta(minutes=20))
    store.meetings.choose_slot(slot.id, confirmed=True)
    return meeting, coordinator


def row(screen, invitee_id: int) -> list[str]:
    table = screen.query_one("#people", DataTable)
    return [str(cell) for cell in table.get_row_at(table.get_row_index(str(invitee_id)))]


def by_id(store, meeting_id: int) -> dict:
    return {a.invitee_id: a for a in store.minutes.attendance(meeting_id)[0]}


async def test_presence_is_what_was_noted_in_the_room(demo_store):
    meeting, coordinator = convened_without_the_coordinator(demo_store)
    attendees, quorum = demo_store.minutes.attendance(meeting.id)
    substitute = next(a for a in attendees if a.seat is InviteeSeat.SUBSTITUTE)
    titular = next(a for a in attendees if a.seat is InviteeSeat.TITULAR
                   and a.seat_key == substitute.seat_key)
    coming = next(a for a in attendees if a.seat is InviteeSeat.TITULAR
                  and a.side is Side.USERS and a.invitee_id != titular.invitee_id)
    silent = next(a for a in attendees if a.seat is InviteeSeat.TITULAR and a.side is Side.USERS
                  and a.invitee_id not in (titular.invitee_id, coming.invitee_id))
    demo_store.meetings.record_attendance(coming.invitee_id, PartStat.ACCEPTED)
    demo_store.meetings.record_attendance(titular.invitee_id, PartStat.DECLINED)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_session(pilot, meeting.id)
        # Opening the séance ticks nobody: « oui » reads « annoncé(e) », expected still.
        status = shown(screen, "#status")
        assert f"Quorum : 0 siège sur {quorum.seats}" in status
        assert "0 présent(e) · 1 annoncé(e) encore attendu(e)" in status
        assert row(screen, coming.invitee_id)[0] == "ann."
        assert row(screen, titular.invitee_id)[0] == "exc."
        assert row(screen, silent.invitee_id)[0] == "?"

        # The suppléant(e) arrives, the titulaire stays away: one seat more, and the
        # titulaire's row says by whom.
        await select(pilot, substitute.invitee_id)
        await pilot.press("space")
        assert "Quorum : 1 siège" in shown(screen, "#status")
        assert "1 présent(e) · 1 annoncé(e)" in shown(screen, "#status")
        arrived = by_id(demo_store, meeting.id)[substitute.invitee_id].arrived_at
        local = f"{arrived.astimezone(screen.zone):%H:%M}"
        assert row(screen, substitute.invitee_id)[0] == local
        assert row(screen, titular.invitee_id)[0] == "supp."
        await select(pilot, titular.invitee_id)
        # Agreed with the titulaire's recorded sex, « (e) » only when it is not known.
        assert shown(screen, "#detail").startswith(gendered(
            f"Suppléé(e) par {substitute.name}. Espace : son arrivée.", titular.gender))
        assert by_id(demo_store, meeting.id)[titular.invitee_id].status is (
            AttendanceStatus.SUBSTITUTED)

        # A second Space takes a check-in back, and says so; the answer reads again.
        await select(pilot, coming.invitee_id)
        await pilot.press("space")
        assert "Espace : annuler l’arrivée" in shown(screen, "#detail")
        await pilot.press("space")
        assert row(screen, coming.invitee_id)[0] == "ann."
        assert by_id(demo_store, meeting.id)[coming.invitee_id].arrived_at is None

        # Someone shown absent takes the floor: asked first; « Ne rien noter » counts nothing.
        await select(pilot, silent.invitee_id)
        await pilot.press("plus")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert f"{silent.name} n’est pas notée dans la salle" in str(
            app.screen.query_one(".dialog-body", Static).render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert demo_store.sitting.floor(meeting.id) == []
        assert not by_id(demo_store, meeting.id)[silent.invitee_id].present
        # Confirmed: checked in, and the turn counted.
        await pilot.press("plus")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert by_id(demo_store, meeting.id)[silent.invitee_id].present
        assert [(f.invitee_id, f.turns) for f in demo_store.sitting.floor(meeting.id)] == [
            (silent.invitee_id, 1)]
        assert row(screen, silent.invitee_id)[3] == "1"

        # Who walks in: the coordinator, found by name…
        await join_by_name(pilot, coordinator.name)
        await save_form(pilot, screen)
        # (Twice is once: her arrival time stays.)
        form = await join_by_name(pilot, coordinator.name)
        await pilot.press("ctrl+s")
        assert app.screen is form and "déjà noté dans la salle" in str(
            form.query_one("#field-person_id .field-error").render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("right", "enter")  # « Abandonner »
        await wait_for(pilot, lambda: app.screen is screen)
        # … and a doctor nobody had in the base, created without leaving the séance.
        form = await open_form(pilot, "a", JoinForm)
        person = await open_form(pilot, "ctrl+n", PersonForm)
        await type_text(pilot, "Roy")
        person.query_one("#first_name", Input).focus()
        await type_text(pilot, "Ana")
        person.query_one("#roles", SelectionList).select(Role.PROFESSIONAL.value)
        await save_form(pilot, form)
        assert "✓ Ana Roy" in str(form.query_one("#person_id .picked").render())
        await save_form(pilot, screen)

        now = by_id(demo_store, meeting.id)
        walk_ins = {a.name: a for a in now.values() if a.seat is InviteeSeat.GUEST}
        assert set(walk_ins) == {coordinator.name, "Ana Roy"}
        assert all(a.present and a.arrived_at for a in walk_ins.values())
        assert all(a.side is Side.PROFESSIONALS for a in walk_ins.values())
        doctor = walk_ins["Ana Roy"]
        assert row(screen, doctor.invitee_id)[1:3] == ["Ana Roy (inv.)", "P"]
        assert selected(screen) == doctor.invitee_id, "the cursor is on who just came in"

        # They speak: the professionals' side counts them.
        await pilot.press("plus")
        await select(pilot, walk_ins[coordinator.name].invitee_id)
        await pilot.press("plus", "plus")
        floor = shown(screen, "#floor").replace("\u00a0", " ")
        assert "P Professionnels   3  75 %   3  75 %" in floor
        assert "U Usagers          1  25 %   1  25 %" in floor

        # The doctor leaves: the time stays, the row says « →HH:MM ».
        await select(pilot, doctor.invitee_id)
        await pilot.press("d")
        gone = by_id(demo_store, meeting.id)[doctor.invitee_id]
        assert gone.left_at is not None and gone.arrived_at is not None
        assert row(screen, doctor.invitee_id)[0] == f"→{gone.left_at.astimezone(screen.zone):%H:%M}"
        assert "1 parti(e)" in shown(screen, "#status")
        assert "Espace : son retour" in shown(screen, "#detail")

        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SittingScreen))
    document = demo_store.minutes.document(meeting.id)
    assert {f.side for f in document.floor} == {Side.USERS, Side.PROFESSIONALS}
    kept = {a.name: a for a in document.attendees}
    assert {coordinator.name, "Ana Roy"} <= set(kept)
    assert kept["Ana Roy"].left_at == gone.left_at
    assert demo_store.sitting.get(meeting.id).ended_at is not None


async def join_by_name(pilot, name: str) -> JoinForm:
    """« a », the name typed, and the person picked in the list: the form, ready to save."""
    form = await open_form(pilot, "a", JoinForm)
    await type_text(pilot, name.split()[-1])
    results = form.query_one("#person_id-results")
    await wait_for(pilot, lambda: results.option_count)
    await pilot.press("down")
    while str(results.highlighted_option.prompt).split("  ")[0] != name:
        await pilot.press("down")
    await pilot.press("enter")
    return form


def selected(screen) -> int:
    from comite.tui.screens.base import selected_id

    return selected_id(screen.query_one("#people", DataTable))


def test_every_mark_of_the_list_has_its_word_on_screen_and_in_the_help():
    groups = presence_legend()
    times, statuses, names, sides = groups
    on_screen = "\n".join(screen_legend())
    in_help = SittingScreen.HELP_TEXT
    for mark, word in times + statuses + names:
        assert f"{mark} {word}" in on_screen and f"{mark} {word}" in in_help
    for mark, word in sides:
        assert f"{mark} {word}" in in_help
    assert all(len(line) <= 40 for line in screen_legend())
    assert all(len(line) <= 74 for line in help_legend())
    # The sides' letters are named on screen by the floor's table.
    table = floor_text([], None).plain
    for side in Side:
        assert f"{side_letter(sides, side)} {side.label}" in table


def side_letter(sides, side: Side) -> str:
    return next(mark for mark, word in sides if word == side.label.lower())


def test_the_floor_says_each_sides_share_of_the_turns():
    from comite.store.minutes_models import FloorCount

    floor = [FloorCount(1, 10, "A", Side.USERS, 5), FloorCount(2, 10, "A", Side.USERS, 2),
             FloorCount(1, 11, "B", Side.PROFESSIONALS, 3), FloorCount(2, 11, "B",
                                                                     Side.PROFESSIONALS, 2),
             FloorCount(2, 12, "C", Side.OTHERS, 1)]
    assert floor_text(floor, 2).plain.replace("\u00a0", " ").splitlines() == [
        "Prises de parole  ce point   réunion",
        "U Usagers          2  40 %   7  54 %",
        "P Professionnels   2  40 %   5  38 %",
        "A Autres           1  20 %   1   8 %",
    ]
    # Before anyone speaks, no share to give.
    assert floor_text([], 2).plain.splitlines()[1].rstrip() == "U Usagers          0         0"


def test_every_presence_reads_as_a_mark_of_the_legend():
    from datetime import UTC
    from zoneinfo import ZoneInfo

    from comite.store.minutes_models import Attendee
    from comite.tui.wording import presence_mark

    paris = ZoneInfo("Europe/Paris")
    legend = "\n".join(screen_legend())

    def someone(status: AttendanceStatus, arrived=None, left=None) -> Attendee:
        return Attendee(invitee_id=1, person_id=1, name="A", seat=InviteeSeat.TITULAR,
                        seat_key=1, substitute_for_name="", side=Side.USERS, status=status,
                        confirmed=True, represented_by_id=None, represented_by_name="",
                        arrived_at=arrived, left_at=left)

    arrival, departure = datetime(2026, 12, 23, 17, 2, tzinfo=UTC), datetime(
        2026, 12, 23, 18, 40, tzinfo=UTC)
    assert presence_mark(someone(AttendanceStatus.PRESENT, arrival), paris).plain == "18:02"
    assert presence_mark(someone(AttendanceStatus.PRESENT, arrival, departure),
                         paris).plain == "→19:40"
    assert presence_mark(someone(AttendanceStatus.PRESENT), paris).plain == "✓"
    assert "✓ arrivé(e)" in legend and "→15:10 parti(e) à" in legend
    for status in AttendanceStatus:
        if status is not AttendanceStatus.PRESENT:
            mark = presence_mark(someone(status), paris).plain
            assert f"{mark} {status.label.lower()}" in legend
