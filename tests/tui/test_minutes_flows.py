"""A coordinator, by keyboard at 80×24, writes the minutes of the example's held meeting:
attendance, notes, a conclusion inside its item; circulates, adopts, signs — and is asked
before an edit voids the signatures; circulating sends the minutes to the members."""

from textual.widgets import Button, DataTable, Input, OptionList, Select, Static, TextArea

from comite.kernel.grammar import gendered
from comite.store.attendance import announced
from comite.store.meeting_models import PartStat
from comite.store.minutes_models import AttendanceStatus, ConclusionKind, MinutesStatus
from comite.tui.dialogs.conclusion_form import ConclusionForm
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.help import HelpScreen
from comite.tui.dialogs.minutes_forms import (
    CirculateForm,
    ExportChoice,
    FloorChoice,
    RepresentativePicker,
    SignForm,
)
from comite.tui.screens.minutes import STATUS_STYLE, MinutesScreen
from comite.tui.textual_private import notifications
from comite.usecases.settings import Settings
from tests.exports.pdf_pages import texts
from tests.tui.conftest import TODAY, make_app, told, type_text, wait_for

HELD = "Comité des usagers — bilan de l’année"


def held_meeting(store):
    return next(m for m in store.meetings.all() if m.title == HELD)


async def open_minutes(pilot, meeting_id: int) -> MinutesScreen:
    pilot.app.push_screen(MinutesScreen(meeting_id))
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MinutesScreen)
                   and pilot.app.screen.document is not None)
    return pilot.app.screen


async def go_to_section(pilot, section_id: str) -> None:
    """In the list on the left, down to the section, then Entrée into its editor."""
    sections = pilot.app.screen.query_one("#sections", OptionList)
    sections.focus()
    while sections.highlighted_option.id != section_id:
        await pilot.press("down")
    await pilot.press("enter")


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def attendee(store, meeting_id: int, name: str):
    attendees, _quorum = store.minutes.attendance(meeting_id)
    return next(a for a in attendees if a.name == name)


async def move_to_attendee(pilot, invitee_id: int) -> None:
    table = pilot.app.screen.query_one("#attendees", DataTable)
    table.move_cursor(row=table.get_row_index(str(invitee_id)))
    await pilot.pause()


async def test_write_circulate_adopt_and_sign_the_minutes_by_keyboard(demo_store):
    meeting = held_meeting(demo_store)
    attendees, quorum = demo_store.minutes.attendance(meeting.id)
    guessed = [a for a in attendees if not a.confirmed and a.seat.value == "titulaire"]
    assert len(guessed) >= 2, "the example keeps titulaires whose presence is only guessed"
    came, proxy = guessed[0], guessed[1]
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_minutes(pilot, meeting.id)
        assert "Brouillon" in text_of(screen, "#lifecycle")
        before = f"{quorum.covered} sièges sur {quorum.seats}"
        assert before in text_of(screen, "#quorum")

        # Présences: a guessed absence becomes a confirmed presence, the quorum follows.
        await go_to_section(pilot, "attendance")
        assert isinstance(screen.focused, DataTable) and screen.focused.id == "attendees"
        table = screen.query_one("#attendees", DataTable)
        row = table.get_row_index(str(came.invitee_id))
        guess = str(table.get_row_at(row)[1])
        # Each word agreed with the person's recorded sex (« (e) » only when it is not known).
        assert guess == ("Sans réponse — présence à noter" if came.answer is PartStat.NEEDS_ACTION
                         else f"{gendered(announced(came.answer).label, came.gender)} — présence à noter")
        await move_to_attendee(pilot, came.invitee_id)
        await pilot.press("p")
        now = attendee(demo_store, meeting.id, came.name)
        assert (now.status, now.confirmed) == (AttendanceStatus.PRESENT, True)
        assert str(table.get_row_at(table.get_row_index(str(came.invitee_id)))[1]) == gendered(
            "Présent(e)", came.gender)
        assert f"{quorum.covered + 1} sièges sur {quorum.seats}" in text_of(screen, "#quorum")

        # Another gave a proxy: « r », then the person who carries it.
        await move_to_attendee(pilot, proxy.invitee_id)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, RepresentativePicker))
        holder = app.screen.attendees[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        represented = attendee(demo_store, meeting.id, proxy.name)
        assert represented.status is AttendanceStatus.REPRESENTED
        assert represented.represented_by_id == holder.invitee_id

        # Notes of an item, typed: letters stay in the text, Échap comes back to the list.
        item = next(i for i in demo_store.agenda.agenda(meeting.id).items if i.confidential_notes)
        await pilot.press("escape")
        await go_to_section(pilot, f"item-{item.id}")
        assert screen.focused is screen.query_one("#notes", TextArea)
        await pilot.press("enter")  # the cursor waits at the end of the notes already there
        await type_text(pilot, "Bon tour.")
        # The confidential passage stays masked until asked for; the reading is in the journal.
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#reveal", Button)
        assert not screen.query_one("#confidential", TextArea).display
        assert item.confidential_notes not in app.screen.query_one("#confidential", TextArea).text
        assert demo_store.minutes.confidential_trail(meeting.id) == []
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.focused is screen.query_one("#confidential", TextArea))
        assert screen.query_one("#confidential", TextArea).text == item.confidential_notes
        assert [e.action for e in demo_store.minutes.confidential_trail(meeting.id)] == ["reveal"]
        await type_text(pilot, "Mme D.")

        # A conclusion, written from inside the notes with Ctrl+N, lands in that item.
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ConclusionForm))
        await type_text(pilot, "Signaler")
        form = app.screen
        form.query_one("#owner_id", Select).value = came.person_id
        form.query_one("#due_on", Input).focus()
        await type_text(pilot, "15/01/2027")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        written = demo_store.agenda.item(item.id)
        assert written.notes == item.notes + "\nBon tour."
        assert written.confidential_notes == item.confidential_notes + "Mme D."
        taken = [c for c in demo_store.conclusions.for_meeting(meeting.id) if c.item_id == item.id]
        assert [(c.text, c.kind, c.owner_id, c.due_on.isoformat()) for c in taken][-1] == (
            "Signaler", ConclusionKind.ACTION, came.person_id, "2027-01-15")
        shown = screen.query_one("#item-conclusions", DataTable)
        assert str(shown.get_row_at(shown.row_count - 1)[1]) == "Signaler"

        # The lifecycle: circulate with a deadline, adopt, sign.
        await pilot.press("escape")
        assert isinstance(screen.focused, OptionList)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, CirculateForm))
        assert app.screen.query_one("#remarks_until", Input).value == "08/12/2026"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        state = demo_store.minutes.state(meeting.id)
        assert (state.status, state.remarks_until.isoformat()) == (MinutesStatus.CIRCULATED,
                                                                   "2026-12-08")
        assert "jusqu’au 08/12" in text_of(screen, "#lifecycle")

        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        # Issue 16: the remarks run until 08/12 and today is 23/11: asked first, said why.
        assert app.screen.title_text == "Adopter avant la fin des remarques ?"
        assert app.screen.lines[0] == ("Les remarques sont attendues jusqu’au 08/12/2026 : des "
                                       "membres n’ont peut-être pas encore répondu.")
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: demo_store.minutes.state(meeting.id).status
                       is MinutesStatus.ADOPTED)

        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SignForm))
        president = next(m.person_name for m in demo_store.memberships.of_committee(
            meeting.committee_id) if m.function.value == "president")
        assert app.screen.query_one("#name1", Input).value == president
        assert app.screen.query_one("#capacity2", Input).value == "Secrétaire de séance"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        state = demo_store.minutes.state(meeting.id)
        assert state.status is MinutesStatus.SIGNED
        secretary = next(m.person_name for m in demo_store.memberships.of_committee(
            meeting.committee_id) if m.function.value == "secretaire")
        assert [(s.signer, s.capacity, s.signed_on) for s in state.signatures] == [
            (president, "Président(e)", TODAY), (secretary, "Secrétaire de séance", TODAY)]
        assert "Signé" in text_of(screen, "#lifecycle")


def sign(store, meeting_id: int) -> None:
    store.minutes.circulate(meeting_id, "08/12/2026", today=TODAY)
    store.minutes.adopt(meeting_id)
    store.minutes.sign(meeting_id, [("Lucas Moreau", "Président")], TODAY)


async def test_an_edit_of_signed_minutes_asks_first_and_voids_the_signatures(demo_store):
    meeting = held_meeting(demo_store)
    item = demo_store.agenda.agenda(meeting.id).items[1]
    demo_store.minutes.write_notes(item.id, "Notes relues.")
    sign(demo_store, meeting.id)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_minutes(pilot, meeting.id)
        await go_to_section(pilot, f"item-{item.id}")
        notes = screen.query_one("#notes", TextArea)
        assert screen.focused is notes and notes.read_only

        # The first key asks, with the store's words naming who signed; « no » changes nothing.
        await pilot.press("end", "!")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Lucas Moreau" in str(app.screen.query_one(".dialog-body", Static).render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        assert notes.text == "Notes relues."
        assert demo_store.agenda.item(item.id).notes == "Notes relues."
        assert demo_store.minutes.state(meeting.id).status is MinutesStatus.SIGNED

        # An attendance change asks too, and « no » leaves it.
        someone = demo_store.minutes.attendance(meeting.id)[0][0]
        await pilot.press("escape")
        await go_to_section(pilot, "attendance")
        await move_to_attendee(pilot, someone.invitee_id)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        assert attendee(demo_store, meeting.id, someone.name).status is someone.status

        # « Yes »: the key typed is kept, the signatures go.
        await pilot.press("escape")
        await go_to_section(pilot, f"item-{item.id}")
        await pilot.press("end", "!")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        assert notes.text == "Notes relues.!" and not notes.read_only
        await pilot.press("escape")  # leaving the text saves it at once
        state = demo_store.minutes.state(meeting.id)
        assert demo_store.agenda.item(item.id).notes == "Notes relues.!"
        assert (state.status, state.signatures) == (MinutesStatus.ADOPTED, ())
        assert state.voided_at is not None
        assert "signatures annulées" in text_of(screen, "#quorum")


async def test_an_adopted_conclusion_is_not_removed_but_closed(demo_store):
    meeting = held_meeting(demo_store)
    demo_store.minutes.adopt(meeting.id)
    taken = demo_store.conclusions.for_meeting(meeting.id)[0]
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_minutes(pilot, meeting.id)
        await go_to_section(pilot, "conclusions")
        table = screen.query_one("#all-conclusions", DataTable)
        assert screen.focused is table and table.row_count == len(
            demo_store.conclusions.for_meeting(meeting.id))
        await pilot.press("delete")
        await wait_for(pilot, lambda: any("Fermez-la" in n.message for n in notifications(app)))
        assert app.screen is screen, "said at once: no question that would then be refused"
    assert demo_store.conclusions.get(taken.id).text == taken.text


async def test_notes_typed_then_ctrl_q_at_once_are_saved(demo_store):
    meeting = held_meeting(demo_store)
    item = demo_store.agenda.agenda(meeting.id).items[2]
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_minutes(pilot, meeting.id)
        await go_to_section(pilot, f"item-{item.id}")
        await type_text(pilot, "Fin.")
        await pilot.press("ctrl+q")  # well within the 0.3 s of the debounce
    assert demo_store.agenda.item(item.id).notes.endswith("Fin.")


async def choose_option(pilot, option_id: str) -> None:
    options = pilot.app.screen.query_one(OptionList)
    while options.highlighted_option.id != option_id:
        await pilot.press("down")
    await pilot.press("enter")


async def export(pilot, choice: str, floor: str | None = None) -> None:
    """« x », the document; when turns were counted (the example's séance), the floor asked next:
    `floor` answers it (by side or with names) — never asked for the easy copy."""
    app = pilot.app
    await pilot.press("x")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportChoice))
    await choose_option(pilot, choice)
    if choice != "easy" and floor is not None:
        await wait_for(pilot, lambda: isinstance(app.screen, FloorChoice))
        assert app.screen.query_one(OptionList).highlighted_option.id == "sides", "no names by default"
        await choose_option(pilot, floor)
    await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))


async def test_the_minutes_are_exported_and_the_toast_names_each_file(demo_store, tmp_path):
    from pypdf import PdfReader

    folder = tmp_path / "exports"
    meeting = held_meeting(demo_store)
    secret = next(i.confidential_notes for i in demo_store.agenda.agenda(meeting.id).items
                  if i.confidential_notes).split()[:4]
    app = make_app(demo_store, watch_inbox=False, settings=Settings(exports=str(folder)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_minutes(pilot, meeting.id)
        for choice in ("full", "easy", "text", "internal"):
            await export(pilot, choice, floor="sides")
        # Each toast names its file (each replaces the one before: they are said, in turn).
        await wait_for(pilot, lambda: sum(str(folder) in message
                                          for message in told(app)) == 4, timeout=20)
        files = sorted(message.rsplit(" : ", 1)[1] for message in told(app)
                       if str(folder) in message)
    assert files == sorted(str(path) for path in folder.iterdir())
    assert sorted(p.suffix for p in folder.iterdir()) == [".md", ".pdf", ".pdf", ".pdf"]

    def words(name: str) -> str:
        return " ".join(" ".join(page.extract_text().split())
                        for page in PdfReader(folder / name).pages)

    slug = next(folder.glob("compte-rendu-facile-*")).name.removeprefix("compte-rendu-facile-")
    stem = slug.removesuffix(".pdf")
    assert " ".join(secret) not in words(f"compte-rendu-{stem}.pdf"), "the circulated version"
    assert " ".join(secret) in words(f"compte-rendu-{stem}-interne.pdf")
    assert meeting.title in (folder / f"compte-rendu-{stem}.md").read_text(encoding="utf-8")


async def test_circulating_prepares_the_messages_tells_the_count_and_sends_them(
        demo_store, tmp_path, smtp_server):
    controller, inbox = smtp_server()
    settings = Settings(outbox=str(tmp_path / "envoi"), exports=str(tmp_path / "exports"),
                        coordinator_name="Claire Martin", coordinator_email="coordination@example.org",
                        smtp_host=controller.hostname, smtp_port=str(controller.port),
                        smtp_security="none")
    meeting = held_meeting(demo_store)
    recipients = demo_store.minutes_mail.recipients(meeting.id)
    with_email = sorted(r.email for r in recipients if r.email)
    [on_paper] = [r.name for r in recipients if not r.email]
    app = make_app(demo_store, watch_inbox=False, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_minutes(pilot, meeting.id)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, CirculateForm))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), timeout=20)
        said = next(n.message for n in notifications(app) if "lettre à imprimer" in n.message)
        [folder] = (tmp_path / "envoi").glob("*/compte-rendu")
        assert said.splitlines() == [
            f"{len(with_email)} e-mails, 1 lettre à imprimer : {folder / 'lettres-diffuse.pdf'}",
            f"Les e-mails sont dans {folder}."]
        assert app.screen.title_text == "Envoyer maintenant ?"
        assert f"{len(with_email)} messages partiront par 127.0.0.1" in str(
            app.screen.query_one(".dialog-body", Static).render())
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: any(n.message == f"{len(with_email)} messages envoyés."
                                          for n in notifications(app)), timeout=20)
    assert sorted(e.rcpt_tos[0] for e in inbox.received) == with_email
    assert on_paper in " ".join(texts(folder / "lettres-diffuse.pdf"))
    assert all(m.sent_at for m in demo_store.minutes_mail.messages(meeting.id))


async def test_someone_who_never_answered_reads_sans_reponse_not_absent(demo_store):
    """Issue 16: no answer to the convocation is « Sans réponse », never « Absent(e) (d’après
    la réponse) »; an answer « non » still reads as its guess until checked."""
    meeting = held_meeting(demo_store)
    attendees, _quorum = demo_store.minutes.attendance(meeting.id)
    silent = [a for a in attendees if not a.confirmed and a.answer is PartStat.NEEDS_ACTION]
    assert silent, "the example keeps someone who never answered"
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_minutes(pilot, meeting.id)
        await go_to_section(pilot, "attendance")
        table = screen.query_one("#attendees", DataTable)
        for attendee in attendees:
            cell = str(table.get_row_at(table.get_row_index(str(attendee.invitee_id)))[1])
            if attendee in silent:
                assert cell == "Sans réponse — présence à noter"
            elif not attendee.confirmed:
                assert cell.endswith("— présence à noter") and "Absent" not in cell


async def test_the_speakers_are_named_only_when_the_coordinator_chooses_it(demo_store, tmp_path):
    """Issue 16: turns were counted, so the export asks: by side (first, the default) or with
    each speaker's name — a file of its own; the easy copy never asks and never names."""
    from pypdf import PdfReader

    folder = tmp_path / "exports"
    meeting = held_meeting(demo_store)
    speakers = {count.name for count in demo_store.minutes.document(meeting.id).floor}
    assert speakers, "the example's séance counted turns"
    app = make_app(demo_store, watch_inbox=False, settings=Settings(exports=str(folder)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_minutes(pilot, meeting.id)
        await export(pilot, "full", floor="sides")
        await export(pilot, "full", floor="names")
        await export(pilot, "easy")
        # Échap at the floor's question writes nothing.
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportChoice))
        await choose_option(pilot, "text")
        await wait_for(pilot, lambda: isinstance(app.screen, FloorChoice))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        await wait_for(pilot, lambda: len(list(folder.glob("*.pdf"))) == 3, timeout=20)
        await wait_for(pilot, lambda: any("prises de parole nominatives" in message
                                          for message in told(app)))
    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 3 and not any(name.endswith(".md") for name in names)
    named = next(path for path in folder.iterdir() if path.stem.endswith("-parole-nominative"))
    plain = folder / named.name.replace("-parole-nominative", "")
    easy = next(folder.glob("compte-rendu-facile-*"))

    def words(path) -> str:
        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)

    floor = words(named)[words(named).index("Par personne"):]
    assert all(name in floor for name in speakers)
    assert "Prises de parole" in words(plain) and "Par personne" not in words(plain)
    assert "pris la parole" in words(easy) and "Par personne" not in words(easy)


async def test_r_notes_a_pouvoir_given_to_someone_present_and_f1_says_what_each_word_means(demo_store):
    """Issue 16: « r » is « Pouvoir », an explicit pouvoir to someone present (those present come
    first), never a suppléance; its row reads « A donné pouvoir à … » in its own colour."""
    meeting = held_meeting(demo_store)
    attendees, _quorum = demo_store.minutes.attendance(meeting.id)
    giver = next(a for a in attendees if not a.confirmed and a.seat.value == "titulaire")
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_minutes(pilot, meeting.id)
        await go_to_section(pilot, "attendance")
        assert "r pouvoir à…" in text_of(screen, ".pane-hint")
        await move_to_attendee(pilot, giver.invitee_id)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, RepresentativePicker))
        picker = app.screen
        assert picker.title_text == f"{giver.name} a donné pouvoir à…"
        assert "pas une suppléance" in picker.about
        present = [a for a in picker.attendees if a.present]
        assert present and picker.attendees[:len(present)] == present
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MinutesScreen))
        noted = attendee(demo_store, meeting.id, giver.name)
        assert (noted.status, noted.represented_by_id) == (AttendanceStatus.REPRESENTED,
                                                           present[0].invitee_id)
        table = screen.query_one("#attendees", DataTable)
        cell = table.get_row_at(table.get_row_index(str(giver.invitee_id)))[1]
        assert str(cell) == f"A donné pouvoir à {present[0].name}"
        assert cell.style == STATUS_STYLE[AttendanceStatus.REPRESENTED] != STATUS_STYLE[
            AttendanceStatus.SUBSTITUTED]

        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        said = " ".join(str(w.render()) for w in app.screen.query(Static))
        for words in ("A donné pouvoir à … (r, Pouvoir) : un pouvoir donné à une personne",
                      "Ce n’est pas une suppléance.", "Suppléé(e) par … : sa ou son suppléant(e)",
                      "Sans réponse", "sinon le compte rendu dira Absent(e)"):
            assert words in " ".join(said.split()), words
        assert "Représenté" not in said

