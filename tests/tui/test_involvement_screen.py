"""« Implication des usagers (ACI) »: from the Comités page, `i` opens the register of the
highlighted committee's structure — the store's lines, those of the base marked and read-only;
`n`, `e`/Entrée, `Suppr`, `j` and `x` record, edit (keeping what was not changed), delete,
attach evidence (a hostile file refused in French) and export the pack; `-` and `+` move by a
year; every key the page names does something."""

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from comite.store.involvement_models import ActionKind
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.involvement_form import (
    EvidenceForm,
    InvolvementForm,
    ParticipantForm,
    TakeOffForm,
)
from comite.tui.screens.committees import CommitteesScreen
from comite.tui.screens.involvement import FROM_THE_BASE, InvolvementScreen
from comite.tui.textual_private import painted_lines
from comite.usecases import paths
from tests.tui.conftest import (
    TODAY,
    cursor_on,
    make_app,
    open_form,
    retype,
    rows,
    save_form,
    told,
    type_text,
    wait_for,
)

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "evidence"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def msp(store):
    return next(s for s in store.structures.all() if s.name == "MSP des Tilleuls")


@pytest.fixture
def store(demo_store):
    return demo_store


async def open_register(pilot) -> InvolvementScreen:
    """The Comités page, the cursor on the MSP's comité des usagers, `i`."""
    app = pilot.app
    await pilot.press("2")
    await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
    await cursor_on(pilot, "#committees", "Comité des usagers")
    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(app.screen, InvolvementScreen))
    return app.screen


def table(app) -> DataTable:
    return app.screen.query_one("#claims", DataTable)


async def test_i_opens_the_structures_register_with_the_stores_lines(store):
    register = store.involvement.year(msp(store).id, TODAY.year, TODAY)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(pilot)
        assert "Implication des usagers (ACI) 2026 — MSP des Tilleuls" in painted_lines(app)[1]
        claims = table(app)
        assert claims.row_count == len(register.claims)
        assert rows(claims, 2) == [claim.title for claim in register.claims]
        assert rows(claims, 7) == ["base" if claim.derived else "saisie"
                                   for claim in register.claims]
        await pilot.press("minus")
        await wait_for(pilot, lambda: "ACI) 2025" in painted_lines(app)[1])
        await pilot.press("plus")
        await wait_for(pilot, lambda: "ACI) 2026" in painted_lines(app)[1])


async def test_n_records_an_action_with_its_kinds_level(store):
    structure = msp(store).id
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(pilot)
        form = await open_form(pilot, "n", InvolvementForm)
        await type_text(pilot, "Atelier mémoire co-animé")
        form.query_one("#kind").value = ActionKind.ETP_WORKSHOP.value
        await pilot.pause()
        assert form.query_one("#aci_level").value == "2"  # the kind's level, proposed
        await retype(pilot, "started_on", "05/10/2026")
        await retype(pilot, "other_users", "9")
        await save_form(pilot, screen)
        assert any("Atelier mémoire co-animé" in said for said in told(app))
    [action] = [a for a in store.involvement.of_year(structure, 2026)
                if a.title == "Atelier mémoire co-animé"]
    assert (action.kind, action.aci_level, action.participation.value, action.other_users) == (
        ActionKind.ETP_WORKSHOP, 2, "collaboration", 9)


async def test_the_form_keeps_every_value_not_changed(store):
    structure = msp(store).id
    before = next(a for a in store.involvement.of_year(structure, 2026)
                  if a.kind is ActionKind.ETP_WORKSHOP)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(pilot)
        await cursor_on(pilot, "#claims", before.title, column=2)
        form = await open_form(pilot, "e", InvolvementForm)
        await save_form(pilot, screen)  # nothing changed
        assert store.involvement.get(before.id) == before
        form = await open_form(pilot, "enter", InvolvementForm)
        await retype(pilot, "title", "Atelier diabète")
        assert form.query_one("#participation").value == "partenariat"
        await save_form(pilot, screen)
    assert store.involvement.get(before.id) == replace(before, title="Atelier diabète")


async def test_a_refusal_is_said_beside_its_field_and_nothing_is_saved(store):
    structure = msp(store).id
    count = len(store.involvement.of_year(structure, 2026))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(pilot)
        form = await open_form(pilot, "n", InvolvementForm)
        await type_text(pilot, "Enquête")
        await retype(pilot, "started_on", "10/06/2026")
        await retype(pilot, "ended_on", "01/06/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#field-ended_on")
        assert error.has_class("-invalid")
        assert "ne peut pas finir avant d’avoir commencé" in str(
            error.query_one(".field-error").render())
    assert len(store.involvement.of_year(structure, 2026)) == count


async def test_a_line_of_the_base_stays_as_it_is(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(pilot)
        claims = table(app)
        derived = rows(claims, 7).index("base")
        claims.move_cursor(row=derived)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, InvolvementScreen)
        assert any(said.startswith(FROM_THE_BASE.split("(")[0]) for said in told(app))


async def test_delete_asks_then_removes_the_action(store):
    structure = msp(store).id
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(pilot)
        await cursor_on(pilot, "#claims", "Boîte à idées en salle d’attente", column=2)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: app.screen is screen
                       and "Boîte à idées en salle d’attente" not in rows(table(app), 2))
    assert all(a.kind is not ActionKind.IDEA_BOX for a in store.involvement.of_year(structure, 2026))


async def test_j_attaches_evidence_and_refuses_a_hostile_file_in_french(store, tmp_path):
    structure = msp(store).id
    source = tmp_path / "synthese.pdf"
    source.write_bytes(PDF)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(pilot)
        await cursor_on(pilot, "#claims", "Questionnaire de satisfaction des patients 2026", column=2)
        form = await open_form(pilot, "j", EvidenceForm)
        form.query_one("#source Input", Input).focus()
        await type_text(pilot, str(HOSTILE / "page-web.pdf"))
        await pilot.press("ctrl+s")
        field = form.query_one("#field-source")
        await wait_for(pilot, lambda: field.has_class("-invalid"))
        assert "n’est ni un PDF ni une image PNG ou JPEG" in str(
            field.query_one(".field-error").render())
        assert not paths.evidence_dir().exists() or not list(paths.evidence_dir().iterdir())
        form.query_one("#source Input", Input).value = str(source)
        await retype(pilot, "label", "Synthèse des réponses")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
    [survey] = [a for a in store.involvement.of_year(structure, 2026)
                if a.kind is ActionKind.SATISFACTION_SURVEY]
    [evidence] = survey.evidence
    assert (evidence.label, evidence.dated_on) == ("Synthèse des réponses", TODAY)
    assert Path(evidence.path).read_bytes() == PDF


async def test_x_writes_the_pack_in_the_exports_folder(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_register(pilot)
        await pilot.press("x")
        folder = app.settings.folder("exports")
        await wait_for(pilot, lambda: (folder / "aci-2026-msp-des-tilleuls.pdf").exists(),
                       timeout=15)
        await wait_for(pilot, lambda: any("Dossier de preuves ACI 2026" in said
                                          for said in told(app)))
    assert (folder / "aci-2026-msp-des-tilleuls.pdf").read_bytes()[:5] == b"%PDF-"


async def test_every_key_the_page_names_does_something(store):
    """As tests/tui/test_hints.py walks the other pages: each key of the page, pressed from the
    page with a recorded action under the cursor, changes what is shown."""
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(pilot)
        for command in InvolvementScreen.HERE:
            if command.action == "app.pop_screen":
                continue
            await cursor_on(pilot, "#claims", "Questionnaire de satisfaction des patients 2026", column=2)
            before = app.export_screenshot()
            said = len(told(app))
            await pilot.press(command.keys)
            await wait_for(pilot, lambda before=before, said=said: (
                app.screen is not screen or len(told(app)) > said
                or app.export_screenshot() != before), timeout=15)
            while app.screen is not screen:
                app.pop_screen()
                await pilot.pause()
            screen.year = TODAY.year
            screen.reload()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))


async def test_p_adds_someone_of_the_base_counted_on_their_side(store):
    structure = msp(store).id
    idea_box = next(a for a in store.involvement.of_year(structure, 2026)
                    if a.kind is ActionKind.IDEA_BOX)
    workshop = next(a for a in store.involvement.of_year(structure, 2026)
                    if a.kind is ActionKind.ETP_WORKSHOP)
    partner = store.people.get(next(p.person_id for p in workshop.participants
                                    if p.side.value == "users"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(pilot)
        await cursor_on(pilot, "#claims", idea_box.title, column=2)
        form = await open_form(pilot, "p", ParticipantForm)
        await type_text(pilot, partner.last_name)
        results = form.query_one("#person_id-results")
        await wait_for(pilot, lambda: results.option_count)
        await pilot.press("down")
        while not str(results.highlighted_option.prompt).startswith(partner.full_name):
            await pilot.press("down")
        await pilot.press("enter")
        await save_form(pilot, screen)
        assert rows(table(app), 4)[rows(table(app), 2).index(idea_box.title)] == "1"
        assert partner.full_name in str(screen.query_one("#detail").render())
    assert store.involvement.get(idea_box.id).headcount.users == 1


async def test_r_takes_a_participant_or_a_piece_of_evidence_off(store, tmp_path):
    from comite.usecases.involvement import add_evidence

    structure = msp(store).id
    survey = next(a for a in store.involvement.of_year(structure, 2026)
                  if a.kind is ActionKind.SATISFACTION_SURVEY)
    source = tmp_path / "synthese.pdf"
    source.write_bytes(PDF)
    evidence = add_evidence(store, survey.id, source, "02/05/2026", "Synthèse")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(pilot)
        await cursor_on(pilot, "#claims", survey.title, column=2)
        form = await open_form(pilot, "r", TakeOffForm)
        form.query_one("#what").value = f"evidence:{evidence.id}"
        await save_form(pilot, screen)
        form = await open_form(pilot, "r", TakeOffForm)  # the coordinatrice, left alone
        await save_form(pilot, screen)
    after = store.involvement.get(survey.id)
    assert (after.evidence, after.participants) == ((), ())
    assert not Path(evidence.path).exists()
    assert after.headcount.users == 212
