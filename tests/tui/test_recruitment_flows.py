"""A coordinator, by keyboard at 80×24, runs a recruitment on the example data: moves a
candidacy from « repéré » to « actif » through every stage and finds the new member on the
committee's page, reads why « charte signée » is refused without a signed charter, notes a new
candidacy for someone not yet known (what was typed stays when a field is refused), is asked
before typing is lost, judges the team's criteria, records an opinion, and imports a CSV."""

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static, TextArea

from comite.kernel.clock import years_after
from comite.kernel.grammar import gendered, to_the
from comite.store import open_store
from comite.store.charter_models import Side, SignatureMethod
from comite.store.committee_models import Role
from comite.store.recruitment import CandidateInput
from comite.store.recruitment_models import CriterionKind, OpinionKind, Source, Stage
from comite.tui.dialogs.candidate_form import CandidateForm
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.criterion_form import CriterionForm
from comite.tui.dialogs.file_picker import FilePicker
from comite.tui.dialogs.info import InfoScreen
from comite.tui.dialogs.opinion_form import OpinionForm
from comite.tui.dialogs.stage_picker import StagePicker
from comite.tui.screens.candidate import CandidateScreen
from comite.tui.screens.charter import CharterScreen
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.committees import CommitteesScreen
from comite.tui.screens.criteria import CriteriaScreen
from comite.tui.screens.person import PersonScreen
from comite.tui.screens.recruitment import RecruitmentScreen
from comite.tui.widgets.section_bar import SECTIONS, SectionBar
from comite.usecases import paths
from comite.usecases.charters import make_pdf, pdf_path
from tests.tui.conftest import TODAY, make_app, told, type_text, wait_for

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def store(db):
    store = open_store(db)
    yield store
    store.close()


def notes(app) -> list[str]:
    """What the app said, toasts since replaced by a newer one included."""
    return told(app)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_board(pilot) -> RecruitmentScreen:
    await pilot.press("6")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, RecruitmentScreen))
    await pilot.pause()
    return pilot.app.screen


async def cursor_on(pilot, board: RecruitmentScreen, candidate_id: int) -> None:
    """By the arrows, as a coordinator does: to the card's column, then down to it."""
    stages = board.stages()
    stage, row = next((stage, index) for stage, cards in board.board.items()
                      for index, c in enumerate(cards) if c.id == candidate_id)
    await pilot.press(*["left"] * len(stages), *["right"] * stages.index(stage))
    await pilot.press(*["up"] * 10, *["down"] * row)
    assert board.selected().id == candidate_id


def signed_charter(store, tmp_path: Path, person_id: int, committee_id: int):
    """The person's charter for the committee, produced (a real PDF) and signed on paper by
    both sides, as the « Chartes » section records it."""
    from comite.sync.charter_catalog import load_catalog

    store.charters.sync_catalog(load_catalog(paths.data_dir() / "modeles-charte").templates)
    template = (store.charters.suggested(person_id, committee_id)
                or store.charters.templates()[0])
    values = {**store.charters.defaults(person_id, committee_id, TODAY),
              "team_signatory": "Dr Claire Martin, coordinatrice"}
    draft = store.charters.draft(person_id, committee_id, template.template_id, values, TODAY)
    charter, _path = make_pdf(store, draft, pdf_path(tmp_path / "chartes", draft.uid, "personne"))
    for side, signer in ((Side.STRUCTURE, "Dr Claire Martin"), (Side.PERSON, "La personne")):
        charter = store.charters.sign(charter.id, side, SignatureMethod.PAPER, signer,
                                      charter.generated_on)
    return charter


# ---- (a) from « repéré » to « actif », by keyboard -------------------------------------------

async def test_a_candidate_goes_from_spotted_to_a_seat_on_the_committee(store, tmp_path):
    spotted = store.recruitment.board()[Stage.SPOTTED][0]
    assert spotted.committee_id is not None and spotted.membership_id is None
    committee = store.committees.get(spotted.committee_id)
    charter = None
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await cursor_on(pilot, board, spotted.id)
        for stage in PIPELINE_AFTER_SPOTTED:
            if stage is Stage.CHARTER_SIGNED:
                charter = signed_charter(store, tmp_path, spotted.person_id, committee.id)
            await pilot.press("shift+right")
            if stage is Stage.ACTIVE:
                # No opinion of the team, no consent noted: the coordinator is asked first.
                await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
                assert "Aucun avis de l’équipe" in text_of(app.screen, ".dialog-body")
                app.screen.query_one("#yes").focus()
                await pilot.press("enter")
                await wait_for(pilot, lambda: app.screen is board)
            await wait_for(pilot, lambda s=stage: store.recruitment.get(spotted.id).stage is s)
            await pilot.pause()
            # The cursor follows the card into its new column.
            assert board.column is stage and board.selected().id == spotted.id
        assert any(f"charte {charter.uid} liée" in note for note in notes(app))
        at_committee = to_the(committee.article, committee.name)
        assert any(f"{spotted.person_name} siège maintenant {at_committee}"
                   in note for note in notes(app))
        assert "Actif 1" in str(board.query_one("#column-active").render())

        # The seat is in the store…
        seats = [m for m in store.memberships.of_committee(committee.id)
                 if m.person_id == spotted.person_id]
        assert len(seats) == 1 and seats[0].mandate_start == TODAY
        candidate = store.recruitment.get(spotted.id)
        assert candidate.membership_id == seats[0].id and candidate.charter_id == charter.id
        assert [m.stage for m in store.recruitment.history(spotted.id)] == [
            Stage.SPOTTED, *PIPELINE_AFTER_SPOTTED]

        # … and on the committee's page.
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteesScreen))
        table = app.screen.query_one(DataTable)
        await pilot.press(*["down"] * table.get_row_index(str(committee.id)), "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        members = app.screen.query_one(DataTable)
        assert spotted.person_name in [str(members.get_row_at(i)[0]).strip()
                                       for i in range(members.row_count)]


PIPELINE_AFTER_SPOTTED = (Stage.CONTACTED, Stage.MET, Stage.TRAINING, Stage.CHARTER_SIGNED,
                          Stage.ACTIVE)


async def test_from_the_candidate_page_a_ru_gets_a_three_year_mandate(store, tmp_path):
    """The page's keys (> and <) move too; a representative's seat ends three years on."""
    met = next(c for c in store.recruitment.board()[Stage.MET]
               if c.role is Role.USER_REPRESENTATIVE)
    signed_charter(store, tmp_path, met.person_id, met.committee_id)
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await cursor_on(pilot, board, met.id)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CandidateScreen))
        page = app.screen
        assert "Avant de décider" in str(page.query_one("#doubts").border_title)
        assert "formation de base des représentants" in text_of(page, "#doubts")
        await pilot.press("greater_than_sign")
        await wait_for(pilot, lambda: store.recruitment.get(met.id).stage is Stage.TRAINING)
        await pilot.press("less_than_sign")
        await wait_for(pilot, lambda: store.recruitment.get(met.id).stage is Stage.MET)
        await pilot.press("greater_than_sign")
        await wait_for(pilot, lambda: store.recruitment.get(met.id).stage is Stage.TRAINING)
        await pilot.press("greater_than_sign")
        await wait_for(pilot, lambda: store.recruitment.get(met.id).stage is Stage.CHARTER_SIGNED)
        await pilot.press("greater_than_sign")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        app.screen.query_one("#yes").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: store.recruitment.get(met.id).stage is Stage.ACTIVE)
        end = years_after(TODAY, 3)
        assert any(f"(mandat jusqu’au {end:%d/%m/%Y})" in note for note in notes(app))
        await wait_for(pilot, lambda: gendered("Actif(ve) depuis", store.recruitment.get(met.id).gender)
                       in text_of(page, "#details"))
        assert not page.query_one("#doubts").display, "decided: nothing left to weigh"
    assert store.memberships.get(store.recruitment.get(met.id).membership_id).mandate_end == end


# ---- (b) a refusal is explained and changes nothing ---------------------------------------------

async def test_charter_signed_without_a_signed_charter_is_refused_and_explained(store):
    training = store.recruitment.board()[Stage.TRAINING][0]
    before = store.recruitment.history(training.id)
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await cursor_on(pilot, board, training.id)
        await pilot.press("shift+right")
        await wait_for(pilot, lambda: any("Aucune charte signée des deux côtés" in note
                                          for note in notes(app)))
        assert board.column is Stage.TRAINING and board.selected().id == training.id
        # m then « Actif(ve) »: the team's doubts are asked; Échap, and still nothing changes.
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, StagePicker))
        await pilot.press("down", "enter")  # the next stage is highlighted: one down, « Actif »
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Actif(ve)" in app.screen.title_text
        assert "formation ETP" in text_of(app.screen, ".dialog-body")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is board)
    after = store.recruitment.get(training.id)
    assert after.stage is Stage.TRAINING and after.charter_id is None
    assert store.recruitment.history(training.id) == before


async def test_not_retained_shows_the_closed_columns_with_the_card_in_them(store):
    met = store.recruitment.board()[Stage.MET][0]  # the team has given its opinions
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        assert not board.query_one("#column-not_retained").display
        await cursor_on(pilot, board, met.id)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, StagePicker))
        await pilot.press("down", "down", "down", "enter")  # from « En formation »
        await wait_for(pilot, lambda: store.recruitment.get(met.id).stage is Stage.NOT_RETAINED)
        await pilot.pause()
        assert board.column is Stage.NOT_RETAINED and board.selected().id == met.id
        assert board.query_one("#column-not_retained").display
        assert not board.query_one("#column-spotted").display, "scrolled to keep it in view"
        assert "◀ Repéré" in text_of(board, "#hint")
        await pilot.press(*["left"] * 6)  # to « Repéré »
        assert board.query_one("#column-spotted").display
        assert "Sorti ▶" in text_of(board, "#hint")


async def test_a_candidacy_without_a_committee_cannot_take_a_seat(store):
    person = store.people.page(limit=100).rows[-1]
    lone = store.recruitment.add(person.id, CandidateInput(
        role=Role.PEER_HELPER, source=Source.SPONTANEOUS), TODAY)
    for stage in (Stage.CONTACTED, Stage.MET, Stage.TRAINING):
        store.recruitment.move(lone.id, stage, TODAY)
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await cursor_on(pilot, board, lone.id)
        assert "comité à choisir" in text_of(board, "#detail")
        await pilot.press("greater_than_sign")
        await wait_for(pilot, lambda: any("Choisissez d’abord le comité" in note
                                          for note in notes(app)))
    assert store.recruitment.get(lone.id).stage is Stage.TRAINING


# ---- (c) a new candidacy, for someone not yet known -------------------------------------------

async def test_new_candidacy_with_a_new_person_keeps_the_typing_on_a_refusal(store):
    people = store.people.count()
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, CandidateForm))
        form = app.screen
        assert app.focused is form.query_one("#person_id-search", Input)
        form.query_one("#last_name", Input).focus()
        await type_text(pilot, "Lambert")
        await pilot.press("tab")
        await type_text(pilot, "Odile")
        await pilot.press("tab")
        await type_text(pilot, "odile.lambert@")
        form.query_one("#next_step_on", Input).focus()
        await type_text(pilot, "31/02/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "refused: the form stays open"
        for field in ("email", "role", "source", "next_step_on"):
            assert form.query_one(f"#field-{field}").has_class("-invalid"), field
        values = {i.id: i.value for i in form.query(Input)}
        assert values["last_name"] == "Lambert" and values["first_name"] == "Odile"
        assert values["email"] == "odile.lambert@" and values["next_step_on"] == "31/02/2027"
        assert store.people.count() == people, "no person without their candidacy"

        form.query_one("#email", Input).value = "odile.lambert@example.org"
        form.query_one("#next_step_on", Input).value = "02/12/2026"
        form.query_one("#next_step", Input).value = "Premier appel"
        form.query_one("#role", Select).value = Role.PATIENT_PARTNER.value
        form.query_one("#source", Select).value = Source.ASSOCIATION.value
        form.query_one("#notes", TextArea).text = "Rencontrée au forum des associations"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is board)
        await pilot.pause()
        chosen = board.selected()
        assert chosen.person_name == "Odile Lambert" and board.column is Stage.SPOTTED
        assert "Odile Lambert" in text_of(board, "#detail")
    assert store.people.count() == people + 1
    candidate = store.recruitment.get(chosen.id)
    assert (candidate.role, candidate.source, candidate.next_step_on, candidate.committee_id) == (
        Role.PATIENT_PARTNER, Source.ASSOCIATION, date(2026, 12, 2), None)
    assert candidate.notes == "Rencontrée au forum des associations"
    assert store.people.get(candidate.person_id).email == "odile.lambert@example.org"


async def test_an_existing_person_and_a_new_one_at_once_is_refused(store):
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, CandidateForm))
        form = app.screen
        await type_text(pilot, "Gu")  # the search field has the focus
        await pilot.pause(0.3)
        await pilot.press("down", "enter")  # the first person found
        await wait_for(pilot, lambda: form.query_one("#person_id").form_value is not None)
        form.query_one("#last_name", Input).value = "Lambert"
        form.query_one("#role", Select).value = Role.PATIENT_PARTNER.value
        form.query_one("#source", Select).value = Source.WAITING_ROOM.value
        before = len(store.recruitment.of_person(form.query_one("#person_id").form_value))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.query_one("#field-person_id").has_class("-invalid")
        form.query_one("#last_name", Input).value = ""
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, RecruitmentScreen))
        person_id = app.screen.selected().person_id
    assert len(store.recruitment.of_person(person_id)) == before + 1


# ---- (d) typing is never lost silently ------------------------------------------------------------

@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
async def test_leaving_a_typed_candidacy_asks_first(store, key):
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, CandidateForm))
        form = app.screen
        form.query_one("#last_name", Input).focus()
        await type_text(pilot, "Brouillon")
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # « Continuer la saisie » / « Revenir à la saisie »
        await wait_for(pilot, lambda: app.screen is form)
        assert form.query_one("#last_name", Input).value == "Brouillon"
        assert app.return_code is None, "the app is still running"


# ---- (e) the team's criteria and opinions -------------------------------------------------------

async def open_page(pilot, candidate_id: int) -> CandidateScreen:
    board = await open_board(pilot)
    await cursor_on(pilot, board, candidate_id)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CandidateScreen))
    await pilot.pause()
    return pilot.app.screen


async def test_criteria_are_judged_and_an_opinion_recorded(store):
    contacted = store.recruitment.board()[Stage.CONTACTED][0]
    committee = store.committees.get(contacted.committee_id)
    member = next(m for m in store.memberships.of_committee(committee.id)
                  if m.person_id != contacted.person_id)
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_page(pilot, contacted.id)
        assert "Aucun avis de l’équipe" in text_of(page, "#doubts")
        checks = page.query_one("#checks", DataTable)
        assert app.focused is checks
        criteria = store.recruitment.criteria(committee.id, contacted.role)
        breaker = next(i for i, c in enumerate(criteria) if c.kind is CriterionKind.DEAL_BREAKER)
        await pilot.press("space")
        await wait_for(pilot, lambda: store.recruitment.checks(contacted.id)[0].met is True)
        await pilot.press("space")
        await wait_for(pilot, lambda: store.recruitment.checks(contacted.id)[0].met is False)
        await pilot.press(*["down"] * breaker, "space")
        await wait_for(pilot, lambda: store.recruitment.checks(contacted.id)[breaker].met is True)
        assert str(checks.get_row_at(breaker)[0]) == "oui"
        assert "Critère rédhibitoire coché" in text_of(page, "#doubts")
        assert "2/4 jugés" in text_of(page, "#checks-title")

        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, OpinionForm))
        form = app.screen
        await pilot.press("ctrl+s")  # nobody chosen, no opinion: both said beside their field
        await pilot.pause()
        assert form.query_one("#field-author_id").has_class("-invalid")
        assert form.query_one("#field-opinion").has_class("-invalid")
        form.query_one("#author_id", Select).value = member.person_id
        form.query_one("#opinion", Select).value = OpinionKind.RESERVED.value
        form.query_one("#comment", TextArea).focus()
        await type_text(pilot, "À revoir après la rencontre")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is page)
        opinions = store.recruitment.opinions(contacted.id)
        assert [(o.author_id, o.opinion, o.comment) for o in opinions] == [
            (member.person_id, OpinionKind.RESERVED, "À revoir après la rencontre")]
        table = page.query_one("#opinions", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == [
            member.person_name, "Réservé", f"{TODAY:%d/%m/%Y}"]
        assert "Aucun avis" not in text_of(page, "#doubts")

        # The same person again replaces their opinion; Suppr removes it, after asking.
        await pilot.press("tab")
        assert app.focused is table
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, OpinionForm))
        app.screen.query_one("#opinion", Select).value = OpinionKind.FAVOURABLE.value
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is page)
        assert [o.opinion for o in store.recruitment.opinions(contacted.id)] == [
            OpinionKind.FAVOURABLE]
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        app.screen.query_one("#yes").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: store.recruitment.opinions(contacted.id) == [])


async def test_the_team_writes_its_criteria(store):
    contacted = store.recruitment.board()[Stage.CONTACTED][0]
    committee_id = contacted.committee_id
    before = store.recruitment.criteria(committee_id)
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_page(pilot, contacted.id)
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, CriteriaScreen))
        editor = app.screen
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, CriterionForm))
        await type_text(pilot, "Connaît le quartier")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is editor)
        added = next(c for c in store.recruitment.criteria(committee_id)
                     if c.text == "Connaît le quartier")
        assert added.kind is CriterionKind.QUALITY and added.role is None
        await pilot.press("t")  # the cursor is on the new one: now a deal-breaker
        await wait_for(pilot, lambda: store.recruitment.criteria(committee_id)[-1].id == added.id)
        assert store.recruitment.criteria(committee_id)[-1].kind is CriterionKind.DEAL_BREAKER
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        app.screen.query_one("#yes").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: store.recruitment.criteria(committee_id) == before)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is page)


# ---- importing a file -------------------------------------------------------------------------

async def import_file(pilot, path: Path) -> None:
    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, FilePicker))
    field = pilot.app.screen.query_one("#path", Input)
    field.focus()
    field.value = str(path)  # as pasted
    await pilot.press("enter")


async def test_import_a_csv_of_candidates_from_the_board(store):
    before = sum(len(cards) for cards in store.recruitment.board(include_closed=True).values())
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await import_file(pilot, DATA / "candidats" / "candidats-excel.csv")
        await wait_for(pilot, lambda: any(note.startswith("Import :") for note in notes(app)))
        assert any("4 candidatures" in note for note in notes(app))
        await wait_for(pilot, lambda: "Agnès Lefèvre" in [
            c.person_name for cards in board.board.values() for c in cards])
    after = sum(len(cards) for cards in store.recruitment.board(include_closed=True).values())
    assert after == before + 4


async def test_a_hostile_csv_is_refused_with_why_and_nothing_written(store):
    people = store.people.count()
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot)
        await import_file(pilot, DATA / "hostile" / "candidats" / "formule-hyperlink-nom.csv")
        await wait_for(pilot, lambda: isinstance(app.screen, InfoScreen))
        said = app.screen.query_one(".info-lines Static", Static)
        assert "rien n’a été importé" in str(said.render())
        assert "ligne 3, colonne « Nom » : commence par =" in str(said.render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, RecruitmentScreen))
    assert store.people.count() == people


# ---- the section bar still fits at 80 columns ----------------------------------------------------

async def test_the_sections_fit_at_80_columns_even_with_the_example_warning(store):
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        bar = board.query_one(SectionBar)
        line = bar.render()
        assert line.cell_length <= 80 and "6 Recrutement" in line.plain
        app.sub_title = "exemple · F4"
        await pilot.pause()
        line = bar.render()
        assert line.cell_length <= 80
        assert "6 Recrutement" in line.plain and "exemple · F4" in line.plain
        assert all(label in line.plain for _section, _key, label in SECTIONS)


async def test_from_the_candidate_page_to_the_person_and_the_charter(store):
    training = store.recruitment.board()[Stage.TRAINING][0]
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_page(pilot, training.id)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert app.screen.person_id == training.person_id
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is page)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CharterScreen))
        charter = app.screen
        assert (charter.person_id, charter.committee_id) == (training.person_id,
                                                             training.committee_id)
        assert charter.query_one(SectionBar).current == "recruitment"


async def test_filter_the_board_by_committee(store):
    first = store.committees.all()[0].committee
    app = make_app(store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await pilot.press("f")
        await pilot.pause()
        shown = [c for cards in board.board.values() for c in cards]
        assert shown and {c.committee_id for c in shown} == {first.id}
        assert f"Comité : {first.name}" in text_of(board, "#hint")
        await pilot.press(*["f"] * len(store.committees.all()))
        await pilot.pause()
        assert "Tous les comités" in text_of(board, "#hint")
