"""A CDU's complaints register in the app, with Pilot on the example data and its register
(`store.demo_complaints.fill_complaints`): the CDU's page opens it (`p`, a CDU's key only), the
list by year and by reference, a case entered (a name refused on its field), edited, examined
at a meeting, deleted; a CDU meeting's e-Satis scores and serious adverse events (`q`)."""

from datetime import date

import pytest
from textual.widgets import DataTable, Input, Select, Static, TextArea

from comite.store.committee_models import CommitteeKind
from comite.store.meeting_models import MeetingStatus
from comite.tui.dialogs.complaint_form import ComplaintForm
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.quality_form import QualityForm
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.complaints import COLUMNS, ComplaintsScreen
from comite.tui.screens.meeting import MeetingScreen
from comite.tui.screens.year import YearScreen
from comite.tui.textual_private import painted_lines
from comite.tui.widgets.field import Field
from comite.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import (
    TODAY,
    make_app,
    open_form,
    painted,
    retype,
    rows,
    save_form,
    told,
    type_text,
    wait_for,
)
from tests.tui.test_hints import Stop, cursor, walk


def _committee(store, kind: CommitteeKind) -> int:
    return next(s.committee.id for s in store.committees.all() if s.committee.kind is kind)


async def _shown(pilot, page: type) -> None:
    """`page` on top, composed (its key bar there)."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, page) and app.screen.query(KeyBar))
    await pilot.pause()


def _offered(app) -> list[str]:
    """What the page's help and palette offer (`HERE`)."""
    return [command.label for command in app.screen.HERE]


async def _register(pilot, cdu: int) -> ComplaintsScreen:
    app = pilot.app
    app.push_screen(CommitteeScreen(cdu))
    await _shown(pilot, CommitteeScreen)
    assert "Plaintes" in _offered(app)
    await pilot.press("p")
    await _shown(pilot, ComplaintsScreen)
    return app.screen


def test_the_columns_fit_80_cells():
    assert sum(width + 2 for _label, width in COLUMNS) <= 79


async def test_only_a_cdus_page_opens_a_register(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CommitteeScreen(_committee(demo_store, CommitteeKind.USERS_COMMITTEE)))
        await _shown(pilot, CommitteeScreen)
        assert "Plaintes" not in _offered(app)
        await pilot.press("p")
        await wait_for(pilot, lambda: any("commission des usagers" in m for m in told(app)))
        assert isinstance(app.screen, CommitteeScreen)


async def test_the_list_by_year_and_by_reference(demo_store):
    cdu = _committee(demo_store, CommitteeKind.CDU)
    this_year = demo_store.complaints.of_committee(cdu, TODAY.year)
    last_year = demo_store.complaints.of_committee(cdu, TODAY.year - 1)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _register(pilot, cdu)
        table = screen.query_one(DataTable)
        assert rows(table, 1) == [case.reference for case in this_year]  # the latest first
        lines = painted_lines(app)
        assert f"Plaintes et réclamations {TODAY.year}" in lines[1]
        assert all(len(line.rstrip()) <= 80 for line in lines)
        text = painted(app)
        assert "Urgences" in text and "Reçue le" in text and "Médiation" in text
        assert sum("⚠" in cell for cell in rows(table, 5)) == 1  # the report sent late
        await pilot.press("minus")
        await wait_for(pilot, lambda: rows(table, 1) == [c.reference for c in last_year])
        await pilot.press("slash")
        await type_text(pilot, f"rec-{TODAY.year - 1}-00")
        await wait_for(pilot, lambda: rows(table, 1) and all(
            r.startswith(f"REC-{TODAY.year - 1}-00") for r in rows(table, 1)))
        await pilot.press("escape")
        assert app.screen.focused is table  # letters are keys again
        await pilot.press("plus")
        await wait_for(pilot, lambda: f"{TODAY.year} —" in painted_lines(app)[1])


async def test_a_case_entered_a_name_refused_on_its_field(demo_store):
    cdu = _committee(demo_store, CommitteeKind.CDU)
    member = demo_store.memberships.of_committee(cdu)[0]
    full_name = member.person_name  # someone of the base, as the example names them
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _register(pilot, cdu)
        form = await open_form(pilot, "n", ComplaintForm)
        await type_text(pilot, "REC-2026-099")
        form.query_one("#received_on", Input).value = "02/11/2026"
        form.query_one("#service", Input).value = "Urgences"
        form.query_one("#theme", Select).value = "waiting"
        form.query_one("#summary", TextArea).text = f"Plainte de {full_name} : attente"
        await pilot.press("ctrl+s")
        field = form.query_one("#field-summary", Field)
        await wait_for(pilot, lambda: field.has_class("-invalid"))
        said = str(field.query_one(".field-error", Static).render())
        assert said.startswith("Ce texte contient le nom d’une personne de la base.")
        assert "N’écrivez aucun nom" in said
        assert app.screen is form  # nothing saved, what was typed kept
        assert form.query_one("#reference", Input).value == "REC-2026-099"
        form.query_one("#summary", TextArea).text = "Attente de 5 h aux urgences"
        await save_form(pilot, screen)
        saved = next(c for c in demo_store.complaints.of_committee(cdu)
                     if c.reference == "REC-2026-099")
        assert (saved.received_on, saved.service, saved.summary) == (
            date(2026, 11, 2), "Urgences", "Attente de 5 h aux urgences")
        # Listed by the day received, the newest first: after the example's case of 22/11.
        listed = rows(screen.query_one(DataTable), 1)
        assert listed.index("REC-2026-099") == 1 and len(listed) == len(
            [c for c in demo_store.complaints.of_committee(cdu) if c.received_on.year == 2026])
        assert any("REC-2026-099" in m for m in told(app))


async def test_a_case_edited_keeps_its_values_is_examined_then_deleted(demo_store):
    cdu = _committee(demo_store, CommitteeKind.CDU)
    case = demo_store.complaints.of_committee(cdu, TODAY.year)[0]
    held = demo_store.meetings.all(cdu, (MeetingStatus.HELD,))[0]
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _register(pilot, cdu)
        form = await open_form(pilot, "e", ComplaintForm)
        await save_form(pilot, screen)  # nothing changed: the record as it was
        assert demo_store.complaints.get(case.id) == case
        form = await open_form(pilot, "enter", ComplaintForm)
        await retype(pilot, "answered_on", "pas une date")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form.query_one("#field-answered_on", Field)
                       .has_class("-invalid"))
        assert "n’est pas une date" in painted(
            app, form.query_one("#field-answered_on").query_one(".field-error"))
        await retype(pilot, "answered_on", "")
        form.query_one("#examined_in_meeting_id", Select).value = held.id
        await save_form(pilot, screen)
        changed = demo_store.complaints.get(case.id)
        assert (changed.answered_on, changed.examined_in_meeting_id) == (None, held.id)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # « Annuler » has the focus: nothing changes
        await wait_for(pilot, lambda: app.screen is screen)
        assert demo_store.complaints.get(case.id)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: app.screen is screen
                       and case.reference not in rows(screen.query_one(DataTable), 1))
        assert case.id not in {c.id for c in demo_store.complaints.of_committee(cdu)}


async def test_a_cdu_meetings_quality_of_care_and_its_cases(demo_store):
    cdu = _committee(demo_store, CommitteeKind.CDU)
    meeting = next(m for m in demo_store.meetings.all(cdu, (MeetingStatus.HELD,))
                   if demo_store.complaints.examined_in(m.id))
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(meeting.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        page = app.screen
        references = [c.reference for c in demo_store.complaints.examined_in(meeting.id)]
        assert f"Dossiers examinés : {references[0]}" in painted(app)
        form = await open_form(pilot, "q", QualityForm)
        assert form.query_one("#mco_48h", Input).value  # the example's score, kept
        await retype(pilot, "smr", "120")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: form.query_one("#field-smr", Field).has_class("-invalid"))
        assert "de 0 à 100" in painted(app, form.query_one("#field-smr").query_one(".field-error"))
        await retype(pilot, "smr", "68,5")
        await retype(pilot, "adverse_events", "3")
        await save_form(pilot, page)
        quality = demo_store.complaints.quality(meeting.id)
        assert quality.adverse_events == 3
        assert [s.score for s in quality.scores if s.scope.value == "smr"] == [68.5]


async def test_q_on_a_meeting_of_another_committee_says_why(demo_store):
    comite = _committee(demo_store, CommitteeKind.USERS_COMMITTEE)
    meeting = demo_store.meetings.all(comite)[0]
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(meeting.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        await pilot.press("q")
        await wait_for(pilot, lambda: any("e-Satis" in m for m in told(app)))
        assert isinstance(app.screen, MeetingScreen)


async def test_the_years_figures_of_a_cdu_show_its_complaints(demo_store):
    cdu = _committee(demo_store, CommitteeKind.CDU)
    found = demo_store.year.figures(cdu, TODAY.year, TODAY).complaints
    app = make_app(demo_store)
    async with app.run_test(size=(80, 40)) as pilot:
        app.push_screen(YearScreen(cdu))
        await _shown(pilot, YearScreen)
        block = app.screen.query_one("#complaints")
        assert block.display
        text = painted(app)
        assert "Plaintes et réclamations" in text
        assert f"réclamations {found.complaints}" in text
        await pilot.press("minus")  # last year: still a CDU's block
        await pilot.pause()
        assert block.display


# ---- every key the register's pages name does something (as tests/tui/test_hints.py walks) ----

def _cdu_of(app) -> int:
    return _committee(app.store, CommitteeKind.CDU)


async def _searching(pilot) -> None:
    await pilot.press("slash")
    await pilot.pause()


STOPS = [
    Stop("register", "committees", lambda app: ComplaintsScreen(_cdu_of(app)),
         cursor("#complaints", 1),
         last=("delete",), everywhere=False),
    Stop("register-search", "committees", lambda app: ComplaintsScreen(_cdu_of(app)), _searching,
         typing=True, everywhere=False),
    Stop("cdu", "committees", lambda app: CommitteeScreen(_cdu_of(app)), cursor("#members", 1),
         everywhere=False),
]


@pytest.mark.parametrize("stop", STOPS, ids=[s.name for s in STOPS])
async def test_every_key_the_register_names_does_something(demo_store, stop):
    if stop.data is not None:
        stop.data(demo_store)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        failures = await walk(pilot, stop)
    assert not failures, "\n".join(failures)
