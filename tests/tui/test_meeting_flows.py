"""A coordinator, by keyboard at 80×24: from a committee, propose three slots, take answers
by phone and on paper, choose the slot that covers the most seats."""

from datetime import datetime, time, timedelta

from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input

from comite.kernel import clock
from comite.kernel.plural import count
from comite.store.meeting_models import Answer, AnswerSource, MeetingStatus, SlotStatus
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.meeting_form import MeetingForm
from comite.tui.dialogs.slot_form import SlotForm
from comite.tui.screens.meeting import FIXED_COLUMNS, MeetingScreen
from comite.tui.screens.meetings import MeetingsScreen
from comite.tui.textual_private import notifications
from tests.tui.conftest import give_framadate_export, make_app, move_to, retype, type_text, wait_for
from tests.tui.test_committee_flows import open_committee, working_group


async def propose_slot(pilot, day: str, hour: str, place: str = "") -> None:
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SlotForm))
    await type_text(pilot, day)
    pilot.app.screen.query_one("#start", Input).focus()
    await type_text(pilot, hour)
    if place:
        pilot.app.screen.query_one("#place", Input).focus()
        await type_text(pilot, place)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen))


async def new_meeting(pilot, committee_id: int, title: str) -> None:
    """From the committee's page, as the coordinator does: « r », a title, Ctrl+S."""
    await open_committee(pilot, committee_id)
    await pilot.press("r")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MeetingForm))
    await type_text(pilot, title)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen))


async def test_propose_three_slots_take_answers_and_choose(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_meeting(pilot, working_group(demo_store).id, "Atelier affiche")
        await propose_slot(pilot, "12/01/2027", "18h")
        await propose_slot(pilot, "14/01/2027", "12:30")
        await propose_slot(pilot, "16/07/2027", "17:30", "Mairie annexe")
        meeting_id = app.screen.meeting_id
        detail = demo_store.meetings.detail(meeting_id)
        assert [s.starts_at.strftime("%d/%m %H:%M %z") for s in detail.slots] == [
            "12/01 18:00 +0100", "14/01 12:30 +0100", "16/07 17:30 +0200"]
        await pilot.press("p")
        await wait_for(pilot, lambda: demo_store.meetings.get(meeting_id).status is MeetingStatus.POLL)

        # Two answers given by phone, one slip back on paper.
        await move_to(pilot, 0, 0)
        await pilot.press("o")
        await move_to(pilot, 1, 0)
        await pilot.press("s")
        await move_to(pilot, 1, 1)
        await pilot.press("n")
        await pilot.press("t")  # the next answers come from paper slips
        await move_to(pilot, 2, 0)
        await pilot.press("o")
        detail = demo_store.meetings.detail(meeting_id)
        first = detail.slots[0]
        answers = {(v.invitee_id, v.slot_id): (v.answer, v.source) for v in detail.votes}
        assert answers[(detail.invitees[0].id, first.id)] == (Answer.YES, AnswerSource.PHONE)
        assert answers[(detail.invitees[1].id, first.id)] == (Answer.IF_NEED_BE, AnswerSource.PHONE)
        assert answers[(detail.invitees[2].id, first.id)] == (Answer.YES, AnswerSource.PAPER)
        assert {v.entered_by for v in detail.votes} == {demo_store.actor}
        grid = app.screen.query_one(DataTable)
        assert str(grid.get_cell_at(Coordinate(0, FIXED_COLUMNS))) == "Oui tél"
        assert str(grid.get_cell_at(Coordinate(2, FIXED_COLUMNS))) == "Oui pap"
        # Clearing an answer by mistake typed.
        await move_to(pilot, 1, 1)
        await pilot.press("delete")
        assert str(grid.get_cell_at(Coordinate(1, FIXED_COLUMNS + 1))) == "—"

        await move_to(pilot, 0, 0)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")  # "Annuler" has the focus: move to "Retenir"
        await wait_for(pilot, lambda: demo_store.meetings.get(meeting_id).status
                       is MeetingStatus.CONVENED)
        slots = demo_store.meetings.detail(meeting_id).slots
        assert [s.status for s in slots] == [SlotStatus.CHOSEN, SlotStatus.RELEASED, SlotStatus.RELEASED]
        assert [s.sequence for s in slots] == [1, 1, 1]


async def test_a_draft_with_one_date_is_convened_directly_without_a_poll(demo_store):
    """A CDU is often convened on a date set in advance: « v » on the draft's one slot."""
    day = (clock.today() + timedelta(days=45)).strftime("%d/%m/%Y")
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_meeting(pilot, working_group(demo_store).id, "Séance plénière")
        await propose_slot(pilot, day, "18h")
        meeting_id = app.screen.meeting_id
        assert demo_store.meetings.get(meeting_id).status is MeetingStatus.DRAFT
        await move_to(pilot, 0, 0)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Sans sondage" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen)
                       and app.screen.detail.meeting.status is MeetingStatus.CONVENED)
        assert "Convoquée" in str(app.screen.query_one("#title").render())
        assert all(n.severity != "warning" for n in notifications(app))
        assert not any("Impossible" in str(n.message) for n in notifications(app))
    (slot,) = demo_store.meetings.detail(meeting_id).slots
    assert (slot.status, slot.sequence) == (SlotStatus.CHOSEN, 1)


async def test_a_draft_on_a_day_gone_by_says_why_before_asking(demo_store):
    from comite.store import MeetingInput

    draft = demo_store.meetings.create(working_group(demo_store).id, MeetingInput(title="Oubliée"))
    demo_store.meetings.add_slot(draft.id, datetime.combine(clock.today() - timedelta(days=3),
                                                            time(18, 0)))
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(draft.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        await move_to(pilot, 0, 0)
        await pilot.press("v")
        await wait_for(pilot, lambda: notifications(app))
        assert isinstance(app.screen, MeetingScreen), "no question the store would refuse"
        (note,) = notifications(app)
        assert note.severity == "warning" and "est passé" in str(note.message)
    assert demo_store.meetings.get(draft.id).status is MeetingStatus.DRAFT


async def test_a_slot_in_the_spring_gap_is_refused_beside_the_field(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_meeting(pilot, working_group(demo_store).id, "Atelier")
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, SlotForm))
        await type_text(pilot, "28/03/2027")
        app.screen.query_one("#start", Input).focus()
        await type_text(pilot, "2:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SlotForm), "the form stays open with what was typed"
        error = str(app.screen.query_one("#field-start .field-error").render())
        assert "n’existe pas" in error and "heure d’été" in error
        assert app.screen.query_one("#start", Input).value == "2:30"


async def test_meetings_section_lists_the_examples_and_opens_the_poll(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        table = app.screen.query_one(DataTable)
        titles = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert titles[0] == "Prochain comité des usagers"
        assert str(table.get_row_at(0)[4]) == "6/11"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        grid = app.screen.query_one(DataTable)
        labels = [str(grid.get_row_at(i)[0]) for i in range(grid.row_count)]
        assert "Sièges couverts" in labels and "Quorum" in labels


async def test_moving_a_convened_meeting_sends_it_again_with_a_new_sequence(demo_store):
    convened = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.CONVENED)
    before = demo_store.meetings.detail(convened.id).chosen_slot
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(convened.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        chosen_column = next(i for i, s in enumerate(app.screen.detail.slots)
                             if s.status is SlotStatus.CHOSEN)
        await move_to(pilot, 0, chosen_column)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, SlotForm))
        await retype(pilot, "date", "15/12/2026")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
    after = demo_store.meetings.detail(convened.id)
    assert after.chosen_slot.uid == before.uid
    assert after.chosen_slot.sequence == before.sequence + 1
    assert after.chosen_slot.starts_at.strftime("%d/%m/%Y %H:%M") == "15/12/2026 14:00"
    assert {i.partstat.value for i in after.invitees} == {"NEEDS-ACTION"}, "everyone answers again"


async def test_a_reply_from_an_unknown_address_is_given_to_the_right_invitee(demo_store):
    from textual.widgets import Select

    from comite.tui.dialogs.assign_reply import AssignReply
    from comite.tui.screens.inbox import InboxScreen

    pending = demo_store.meetings.pending_replies()
    assert len(pending) == 1, "the example keeps one reply from an unknown address"
    reply = pending[0]
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, InboxScreen))
        table = app.screen.query_one("#pending", DataTable)
        assert str(table.get_row_at(0)[1]) == reply.attendee
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AssignReply))
        invitee = demo_store.meetings.detail(reply.meeting_id).invitees[-1]
        app.screen.query_one("#invitee_id", Select).value = invitee.id
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, InboxScreen))
        assert app.screen.query_one("#pending", DataTable).row_count == 0
    assert demo_store.meetings.pending_replies() == []
    vote = demo_store.meetings.detail(reply.meeting_id).vote(invitee.id, reply.slot_id)
    assert (vote.answer.value, vote.source.value) == ("yes", "calendar")


async def test_a_draft_is_deleted_from_the_list_after_confirming(demo_store):
    group = working_group(demo_store)
    from comite.store import MeetingInput

    draft = demo_store.meetings.create(group.id, MeetingInput(title="Brouillon à jeter"))
    others = len(demo_store.meetings.all()) - 1
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(draft.id)))
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen)
                       and app.screen.query_one(DataTable).row_count == others)
    assert all(m.id != draft.id for m in demo_store.meetings.all())


async def test_once_convened_o_and_n_record_who_comes(demo_store):
    convened = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.CONVENED)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(convened.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        paper = next(i for i, invitee in enumerate(app.screen.detail.invitees) if not invitee.email)
        await move_to(pilot, paper, 0)
        await pilot.press("o")
        grid = app.screen.query_one(DataTable)
        assert str(grid.get_cell_at(Coordinate(paper, 2))) == "vient"
        await pilot.press("n")
        who = app.screen.detail.invitees[paper]
        apology = {"female": "excusée", "male": "excusé"}.get(who.sex, "excusé(e)")
        assert str(grid.get_cell_at(Coordinate(paper, 2))) == apology, "a no is an apology"
    invitee = demo_store.meetings.detail(convened.id).invitees[paper]
    assert invitee.partstat.value == "DECLINED"


def framadate_export(detail, rows: list[tuple[str, list[str]]]) -> bytes:
    """A CSV as Framadate exports it: dates row, times row, then one row per participant."""
    slots = [slot for slot in detail.slots if slot.status is SlotStatus.PROPOSED]
    lines = ["," + ",".join(f'"{s.starts_at:%d/%m/%Y}"' for s in slots) + ",",
             "," + ",".join(f'"{s.starts_at:%H}h{s.starts_at:%M}"' for s in slots) + ","]
    lines += [f'"{name}",' + ",".join(f'"{a}"' for a in answers) + "," for name, answers in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


async def test_a_framadate_export_is_imported_after_confirming_an_unsure_name(demo_store, tmp_path):
    from textual.widgets import Select

    from comite.tui.dialogs.framadate import FramadateNames

    poll = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.POLL)
    detail = demo_store.meetings.detail(poll.id)
    silent = [i for i in detail.invitees if not any(v.invitee_id == i.id for v in detail.votes)]
    sure, unsure = silent[0], silent[1]
    first, last = unsure.name.split(" ", 1)
    export = tmp_path / "sondage.csv"
    export.write_bytes(framadate_export(detail, [
        (sure.name, ["Oui", "Non", "Si nécessaire"]),
        (f"{first[0]}. {last}", ["Non", "Oui", "Oui"]),  # « J. Dupont »: to confirm
    ]))
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await give_framadate_export(pilot, poll.id, export)
        assert isinstance(app.screen, FramadateNames)
        rows = list(app.screen.query(Select))
        assert rows[0].value == sure.id, "a full name is recognised"
        assert app.screen.plan.names[1].certainty.value == "unsure"
        rows[1].value = unsure.id  # the coordinator confirms who « J. … » is
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
    detail = demo_store.meetings.detail(poll.id)
    got = {(v.invitee_id, v.slot_id): (v.answer.value, v.source.value) for v in detail.votes}
    proposed = [s for s in detail.slots if s.status is SlotStatus.PROPOSED]
    assert got[(sure.id, proposed[0].id)] == ("yes", "framadate")
    assert got[(sure.id, proposed[2].id)] == ("if_need_be", "framadate")
    assert got[(unsure.id, proposed[1].id)] == ("yes", "framadate")


async def test_answers_given_before_a_poll_slot_moved_read_to_ask_again(demo_store):
    """« m » on a slot someone answered, a new date: their answer is kept but reads
    « à redemander » and counts no more; « o » takes the new answer."""
    poll = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.POLL)
    detail = demo_store.meetings.detail(poll.id)
    column, slot = next((i, s) for i, s in enumerate(detail.slots)
                        if any(v.slot_id == s.id for v in detail.votes))
    row = next(r for r, invitee in enumerate(detail.invitees) if detail.vote(invitee.id, slot.id))
    invitee = detail.invitees[row]
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(poll.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        grid = app.screen.query_one(DataTable)
        assert str(grid.get_cell_at(Coordinate(row, FIXED_COLUMNS + column))) != "à redemander"
        await move_to(pilot, row, column)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, SlotForm))
        date_input = app.screen.query_one("#date", Input)
        date_input.value = ""
        date_input.focus()
        await type_text(pilot, (slot.starts_at + timedelta(days=1)).strftime("%d/%m/%Y"))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen)
                       and app.screen.detail.slots != detail.slots)
        moved = app.screen.detail
        column = next(i for i, s in enumerate(moved.slots) if s.id == slot.id)  # it may reorder
        assert moved.slots[column].starts_at.date() == (slot.starts_at + timedelta(days=1)).date()
        assert str(grid.get_cell_at(Coordinate(row, FIXED_COLUMNS + column))) == "à redemander"
        kept = moved.vote(invitee.id, slot.id)
        assert kept.to_ask_again and kept.answer is detail.vote(invitee.id, slot.id).answer
        score = next(s for s in app.screen.scores if s.slot.id == slot.id)
        assert score.yes + score.if_need_be + score.no == 0 and score.seats_covered == 0

        await move_to(pilot, row, column)
        await pilot.press("o")
        await wait_for(pilot, lambda: str(grid.get_cell_at(
            Coordinate(row, FIXED_COLUMNS + column))).startswith("Oui"))
    vote = demo_store.meetings.detail(poll.id).vote(invitee.id, slot.id)
    assert (vote.answer, vote.to_ask_again) == (Answer.YES, False)


async def test_removing_someone_already_invited_writes_them_a_cancellation_at_the_next_g(
        demo_store, tmp_path):
    from comite.usecases.settings import Settings

    outbox = tmp_path / "outbox"
    settings = Settings(coordinator_name="Claire Coordination",
                        coordinator_email="coordination@example.org", outbox=str(outbox))
    convened = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.CONVENED)
    app = make_app(demo_store, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(convened.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        screen = app.screen
        await pilot.press("g")  # the convocations go out first
        await wait_for(pilot, lambda: demo_store.meetings.invitations(convened.id), timeout=10)
        leaving = next(i for i in screen.detail.invitees if i.email)
        grid = screen.query_one(DataTable)
        grid.cursor_coordinate = Coordinate(grid.get_row_index(str(leaving.id)), 0)
        await pilot.pause()

        await pilot.press("minus")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        said = "\n".join(app.screen.lines)
        assert "annulation" in said and "« g »" in said
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen)
                       and leaving.id not in {i.id for i in screen.detail.invitees})
        assert [c.name for c in demo_store.meetings.cancellations(convened.id, pending=True)] == [
            leaving.name]

        await pilot.press("g")
        await wait_for(pilot, lambda: not demo_store.meetings.cancellations(convened.id, pending=True),
                       timeout=10)

    [cancel] = list(outbox.glob("*/annulation-*.ics"))
    text = cancel.read_bytes()
    assert b"METHOD:CANCEL" in text and b"STATUS:CANCELLED" in text
    assert f"UID:{demo_store.meetings.detail(convened.id).chosen_slot.uid}".encode() in text
    assert text.count(b"ATTENDEE") == 1 and leaving.email.encode() in text.replace(b"\r\n ", b"")
    assert cancel.with_name(cancel.name.partition("-date-")[0] + ".eml").is_file()


async def test_removing_someone_never_written_to_says_no_cancellation(demo_store):
    convened = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.CONVENED)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(convened.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        await move_to(pilot, 0, 0)
        await pilot.press("minus")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "aucune annulation" in "\n".join(app.screen.lines)
        await pilot.press("escape")
    assert demo_store.meetings.cancellations(convened.id) == []


async def test_a_convened_meeting_moved_after_g_says_to_resend_until_g_rewrites_it(
        demo_store, tmp_path):
    """Issue 14, part 2: written, then moved by its date alone: the page and the dashboard say
    the invitations are to resend; « g » rewrites them with the new date and SEQUENCE + 1."""
    from icalendar import Calendar

    from comite.tui.screens.dashboard import DashboardScreen
    from comite.usecases.settings import Settings

    outbox = tmp_path / "outbox"
    settings = Settings(coordinator_name="Claire Coordination",
                        coordinator_email="coordination@example.org", outbox=str(outbox))
    convened = next(m for m in demo_store.meetings.all()
                    if m.status is MeetingStatus.CONVENED and m.place)
    app = make_app(demo_store, settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(MeetingScreen(convened.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        screen = app.screen
        await pilot.press("g")
        await wait_for(pilot, lambda: demo_store.meetings.invitations(convened.id), timeout=10)
        assert "à renvoyer" not in str(screen.query_one("#hint").render())
        before = screen.detail.chosen_slot
        column = next(i for i, s in enumerate(screen.detail.slots) if s.id == before.id)
        await move_to(pilot, 0, column)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, SlotForm))
        await retype(pilot, "date", "15/12/2026")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        owed = sum(1 for i in screen.detail.invitees if i.email)
        hint = str(screen.query_one("#hint").render())
        assert f"⚠ {count(owed, 'invitation', 'invitations')} à renvoyer : « g » les écrit." in hint

        app.push_screen(DashboardScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen)
                       and app.screen.query("#follow"))
        follow = app.screen.query_one("#follow")
        await wait_for(pilot, lambda: any(
            f"{count(owed, 'invitation', 'invitations')} à renvoyer : {convened.title}" in str(o.prompt)
            for o in follow.options))
        app.pop_screen()
        await wait_for(pilot, lambda: app.screen is screen)

        await pilot.press("g")
        await wait_for(pilot, lambda: not demo_store.meetings.unsent(convened.id).count, timeout=10)
        await wait_for(pilot, lambda: "à renvoyer" not in str(screen.query_one("#hint").render()))
    chosen = demo_store.meetings.detail(convened.id).chosen_slot
    assert chosen.sequence > before.sequence
    requests = [Calendar.from_ical(p.read_bytes()) for p in outbox.glob("*/*.ics")
                if b"METHOD:REQUEST" in p.read_bytes()]
    events = [e for c in requests for e in c.walk("VEVENT") if str(e["UID"]) == chosen.uid]
    assert len(events) == owed
    assert {(e.decoded("DTSTART").date().isoformat(), int(e["SEQUENCE"])) for e in events} == {
        ("2026-12-15", chosen.sequence)}


async def test_a_new_place_after_g_is_said_to_resend_at_once(demo_store, tmp_path):
    """The form's hint says a new place is to resend; saving says how many, right away."""
    from comite.usecases.settings import Settings

    settings = Settings(coordinator_name="Claire Coordination",
                        coordinator_email="coordination@example.org", outbox=str(tmp_path / "o"))
    convened = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.CONVENED)
    app = make_app(demo_store, settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(MeetingScreen(convened.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        await pilot.press("g")
        await wait_for(pilot, lambda: demo_store.meetings.invitations(convened.id), timeout=10)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingForm))
        hints = "\n".join(str(hint.render()) for hint in app.screen.query("Static"))
        assert "l’invitation sera à renvoyer à tous (« g » sur la réunion)" in hints
        await retype(pilot, "place", "Mairie, salle 2")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        owed = sum(1 for i in app.screen.detail.invitees if i.email)
        await wait_for(pilot, lambda: any(
            f"{count(owed, 'invitation', 'invitations')} à renvoyer : « g » les écrit." == str(n.message)
            for n in notifications(app)))
    assert demo_store.meetings.get(convened.id).place == "Mairie, salle 2"


async def test_e_on_a_held_meeting_says_why_before_any_typing(demo_store):
    held = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.HELD)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(held.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        await pilot.press("e")
        await wait_for(pilot, lambda: notifications(app))
        assert isinstance(app.screen, MeetingScreen), "no form to type into for nothing"
        (said,) = [str(n.message) for n in notifications(app)]
        assert said.startswith("La réunion est « tenue » : elle ne se modifie plus.")


async def test_g_then_send_reaches_a_late_invitee_alone(demo_store, tmp_path):
    """A real SMTP server on 127.0.0.1: the first « g » sends everyone's message; after one
    more invitee, « g » offers to send theirs alone and says the others do not go again."""
    from aiosmtpd.controller import Controller

    from comite.store import PersonInput
    from comite.usecases.settings import Settings
    from tests.smtp_server import Inbox, free_port

    mailbox = Inbox()
    server = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    server.start()
    try:
        settings = Settings(coordinator_name="Claire Coordination",
                            coordinator_email="coordination@example.org",
                            outbox=str(tmp_path / "o"), smtp_host="127.0.0.1",
                            smtp_port=str(server.port), smtp_security="none")
        poll = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.POLL)
        app = make_app(demo_store, settings=settings)
        async with app.run_test(size=(100, 30)) as pilot:
            app.push_screen(MeetingScreen(poll.id))
            await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
            screen = app.screen
            owed = sum(1 for i in screen.detail.invitees if i.email)
            await pilot.press("g")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=10)
            assert app.screen.lines == [f"{owed} messages partiront par 127.0.0.1 depuis "
                                        "coordination@example.org."]
            await pilot.press("tab", "enter")
            await wait_for(pilot, lambda: len(mailbox.received) == owed, timeout=10)

            late = demo_store.people.create(PersonInput(last_name="Tardif", first_name="Noé",
                                                        email="noe.tardif@example.org"))
            demo_store.meetings.invite(poll.id, late.id)
            screen.reload()
            await pilot.press("g")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=10)
            assert app.screen.lines == [
                "1 message partira par 127.0.0.1 depuis coordination@example.org.",
                "Les autres, déjà envoyés et inchangés, ne repartent pas."]
            await pilot.press("tab", "enter")
            await wait_for(pilot, lambda: len(mailbox.received) == owed + 1, timeout=10)
        assert mailbox.received[-1].rcpt_tos == ["noe.tardif@example.org"]
    finally:
        server.stop()


async def test_three_slots_and_more_people_than_rows_still_fit_80_columns(demo_store):
    """The grid's scrollbar, once the people overflow, leaves the three slots their room: no
    horizontal scrollbar takes a row at 80×24."""
    poll = next(m for m in demo_store.meetings.all() if m.status is MeetingStatus.POLL)
    invited = {i.person_id for i in demo_store.meetings.detail(poll.id).invitees}
    for person in [r for r in demo_store.people.page("", limit=40).rows
                   if r.id not in invited][:2]:
        demo_store.meetings.invite(poll.id, person.id)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(poll.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        await pilot.pause()
        grid = app.screen.query_one(DataTable)
        assert len(app.screen.detail.slots) == 3 and grid.show_vertical_scrollbar
        assert not grid.show_horizontal_scrollbar


async def test_the_last_slot_of_an_open_poll_is_not_offered_for_removal(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_meeting(pilot, working_group(demo_store).id, "Atelier affiche")
        await propose_slot(pilot, "12/01/2027", "18h")
        meeting_id = app.screen.meeting_id
        await pilot.press("p")
        await wait_for(pilot, lambda: demo_store.meetings.get(meeting_id).status is MeetingStatus.POLL)
        await move_to(pilot, 0, 0)
        await pilot.press("r")
        await wait_for(pilot, lambda: any("dernier créneau" in str(n.message)
                                          for n in notifications(app)))
        assert isinstance(app.screen, MeetingScreen), "said at once: no question then a refusal"
    assert [s.status for s in demo_store.meetings.detail(meeting_id).slots] == [SlotStatus.PROPOSED]
