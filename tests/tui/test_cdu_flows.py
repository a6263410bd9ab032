"""Issue 17 — a commission des usagers as the law sets it, by keyboard at 80×24: the seats'
categories, the presidency, the ARS mandates and the quarterly rhythm on the committee page; what
the commission lacks on the dashboard; recommendations owned by a service."""

from datetime import date, timedelta

from textual.geometry import Region
from textual.widgets import DataTable, Input, OptionList

from comite.kernel.grammar import gendered
from comite.store.committee_models import CduSeat, CommitteeKind, Function, Seat
from comite.store.minutes_models import ConclusionKind, ConclusionStatus
from comite.tui.dialogs.conclusion_form import ConclusionForm
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.membership_form import MembershipForm
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.dashboard import DashboardScreen
from comite.tui.screens.sitting import SittingScreen
from tests.tui.conftest import (
    TODAY,
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
from tests.tui.test_committee_flows import open_committee, working_group
from tests.tui.test_dashboard_conclusions import lines, wait_for_follow_up
from tests.tui.test_forms_keep_values_meetings import cdu, edit_seat
from tests.tui.test_seat_flows import pick_person
from tests.tui.test_sitting_flows import about_to_start, open_session

SIZE = (80, 24)


def seat_of(store, category: CduSeat, seat: Seat = Seat.TITULAR, function: Function | None = None):
    return next(m for m in store.memberships.of_committee(cdu(store).id)
                if m.cdu_seat is category and m.seat is seat
                and (function is None or m.function is function))


def shown(widget) -> str:
    """What a widget shows on screen, its lines wrapped as they are, joined back in one text."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(" ".join(strip.text for strip in strips).split())


def gaps_text(page: CommitteeScreen) -> str:
    return shown(page.gaps_text)


# ---- the committee page ----------------------------------------------------------------------

async def test_the_example_cdu_reads_complete_with_its_categories_rhythm_and_reminders(demo_store):
    committee = cdu(demo_store)
    president = seat_of(demo_store, CduSeat.USER_REPRESENTATIVE, function=Function.PRESIDENT)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committee(pilot, committee.id)
        await wait_for(pilot, lambda: page.members)
        table = page.query_one(DataTable)
        categories = dict(zip(rows(table, 0), rows(table, 2), strict=True))
        assert categories[president.person_name] == "RU (ARS)"
        substitute = next(m for m in page.members if m.substitute_for == president.id)
        assert categories["  ↳ " + substitute.person_name] == "RU (ARS)", "their titulaire's"
        assert categories["Alain Diallo"] == "", "a guest has no seat to categorise"
        text = gaps_text(page)
        assert text.startswith("✓ Composition conforme (R. 1112-81) ; à prévoir :")
        assert (f"→ Le mandat de RU de {president.person_name} finit le "
                f"{president.mandate_end:%d/%m/%Y}") in text
        assert "demandez son renouvellement ou une désignation à l’ARS" in text
        rhythm = shown(page.query_one("#rhythm"))
        assert rhythm == ("Réunions 2026 : T1 1 tenue · T2 1 tenue · T3 1 tenue · T4 1 prévue "
                          "· réunie 3 trimestres sur 4")


async def test_another_committee_has_its_rhythm_and_no_category(demo_store):
    comite = next(s.committee for s in demo_store.committees.all()
                  if s.committee.kind is CommitteeKind.USERS_COMMITTEE)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committee(pilot, comite.id)
        await wait_for(pilot, lambda: page.members)
        assert not page.query_one("#gaps").display
        assert [str(c.label) for c in page.query_one(DataTable).columns.values()][:3] == [
            "Nom", "Siège", "Fonction"]
        assert shown(page.query_one("#rhythm")) == (
            "Réunions 2026 : T1 — · T2 1 tenue · T3 — · T4 1 tenue, 1 prévue")
        await open_form(pilot, "e", MembershipForm)
        assert not app.screen.query("#cdu_seat, #elected_on, #act_reference, #act_date")


async def test_a_broken_cdu_says_so_on_its_page_and_on_the_dashboard(demo_store):
    """Start from the example's complete CDU, break it as a year does: a médiateur's suppléant
    leaves, a RU's mandate ends next month. The page lists what is missing first, the reminders
    after; the dashboard says both, and Entrée on one opens the commission."""
    committee = cdu(demo_store)
    mediator = seat_of(demo_store, CduSeat.MEDIATOR_DOCTOR)
    leaving = seat_of(demo_store, CduSeat.MEDIATOR_DOCTOR, Seat.SUBSTITUTE)
    ru = seat_of(demo_store, CduSeat.USER_REPRESENTATIVE, function=Function.MEMBER)
    ends = TODAY + timedelta(days=30)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committee(pilot, committee.id)
        await wait_for(pilot, lambda: page.members)
        await cursor_on(pilot, "#members", "  ↳ " + leaving.person_name)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: app.screen is page
                       and "  ↳ " + leaving.person_name not in rows(page.query_one(DataTable), 0))
        missing = f"⚠ {mediator.person_name} (médiateur(rice) médecin) n’a pas de suppléant(e)."
        assert gaps_text(page).startswith(missing)

        await cursor_on(pilot, "#members", ru.person_name)
        await open_form(pilot, "e", MembershipForm)
        await retype(pilot, "mandate_end", ends.strftime("%d/%m/%Y"))
        await save_form(pilot, page)
        text = gaps_text(page)
        reminder = f"→ Le mandat de RU de {ru.person_name} finit le {ends:%d/%m/%Y} (dans 30 jours)"
        assert reminder in text and text.index(missing) < text.index(reminder)
        assert "Composition conforme" not in text

        await pilot.press("escape", "1")
        options = await wait_for_follow_up(pilot)
        shown_lines = lines(options)
        alerts = [line for line in shown_lines if line.startswith("⚠ CDU : ")]
        assert alerts == [missing.replace("⚠ ", "⚠ CDU : ").ljust(len(alerts[0]))]
        reminders = [line for line in shown_lines if line.startswith("→ CDU : ")]
        assert any(line.startswith(f"→ CDU : Le mandat de RU de {ru.person_name}")
                   for line in reminders)
        assert shown_lines.index(alerts[0]) < shown_lines.index(reminders[0])
        assert any(line.startswith("⚠ Mandat qui se termine dans 30 j")
                   and ru.person_name in line for line in shown_lines), "an alert, 30 days before"
        mandates = app.screen.query_one("#mandates", OptionList)
        row = next(str(mandates.get_option_at_index(i).prompt)
                   for i in range(mandates.option_count)
                   if ru.person_name in str(mandates.get_option_at_index(i).prompt))
        assert row.rstrip().endswith("demander à l’ARS")

        options.focus()
        options.highlighted = shown_lines.index(alerts[0])
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        assert app.screen.committee_id == committee.id
    after = demo_store.memberships.get(ru.id)
    assert after.mandate_end == ends and after.act_reference == ru.act_reference


async def test_other_mandates_keep_their_seat_in_the_dashboards_list(demo_store):
    ending = [e for e in demo_store.memberships.ending_within(90, TODAY)
              if e.membership.cdu_seat is None]
    assert ending
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        mandates = app.screen.query_one("#mandates", OptionList)
        prompts = [str(mandates.get_option_at_index(i).prompt) for i in range(mandates.option_count)]
        for e in ending:
            row = next(p for p in prompts if e.membership.person_name in p)
            assert row.rstrip().endswith(gendered(e.membership.seat.label, e.membership.gender))


# ---- the member form -----------------------------------------------------------------------

async def test_building_a_cdus_seats_from_the_form(demo_store):
    """A new CDU: its représentant légal, then a RU designated by the ARS and elected
    présidente; the election date and the arrêté show only where they apply."""
    from comite.store import PersonInput

    hospital = cdu(demo_store).structure_id
    committee = demo_store.committees.create(hospital, "CDU de la clinique", CommitteeKind.CDU)
    director = demo_store.people.create(PersonInput(last_name="Zabel", first_name="Anne"))
    ru = demo_store.people.create(PersonInput(last_name="Zorzi", first_name="Paule"))
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committee(pilot, committee.id)
        await wait_for(pilot, lambda: gaps_text(page))
        assert gaps_text(page).startswith(
            "⚠ Pas de représentant(e) légal(e) de l’établissement ni de délégué(e)")
        form = await open_form(pilot, "a", MembershipForm)
        assert not form.query_one("#field-elected_on").display, "a member is elected to nothing"
        assert not form.query_one("#field-act_reference").display
        await pick_person(pilot, "zabel")
        await choose(pilot, "cdu_seat", CduSeat.LEGAL_REPRESENTATIVE.label)
        assert not form.query_one("#field-act_reference").display, "no arrêté for the director"
        await choose(pilot, "function", Function.VICE_PRESIDENT.label)
        assert form.query_one("#field-elected_on").display
        await retype(pilot, "elected_on", "02/10/2026")
        await save_form(pilot, page)

        form = await open_form(pilot, "a", MembershipForm)
        await pick_person(pilot, "zorzi")
        await choose(pilot, "cdu_seat", CduSeat.USER_REPRESENTATIVE.label)
        assert form.query_one("#field-act_reference").display
        assert form.query_one("#field-act_date").display
        await choose(pilot, "function", Function.PRESIDENT.label)
        await retype(pilot, "elected_on", "02/10/2026")
        await retype(pilot, "mandate_start", "01/09/2026")
        await retype(pilot, "mandate_end", "31/08/2030")  # four years: the ARS gives three
        await retype(pilot, "act_reference", "Arrêté 2026-311")
        await retype(pilot, "act_date", "20/08/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "refused: the form stays open"
        assert "trois ans" in shown(form.query_one("#field-mandate_end .field-error"))
        await retype(pilot, "mandate_end", "31/08/2029")
        await save_form(pilot, page)
        text = gaps_text(page)
        assert "Représentant(e) des usagers désigné(e) par l’ARS : 1 titulaire sur 2." in text
        assert "Pas de président(e)" not in text and "Pas de vice-président(e)" not in text
        assert "Arrêté de l’ARS non noté" not in text
    seats = {m.person_id: m for m in demo_store.memberships.of_committee(committee.id)}
    assert (seats[director.id].cdu_seat, seats[director.id].function,
            seats[director.id].elected_on) == (CduSeat.LEGAL_REPRESENTATIVE,
                                               Function.VICE_PRESIDENT, date(2026, 10, 2))
    assert (seats[ru.id].cdu_seat, seats[ru.id].act_reference, seats[ru.id].act_date,
            seats[ru.id].mandate_end) == (CduSeat.USER_REPRESENTATIVE, "Arrêté 2026-311",
                                          date(2026, 8, 20), date(2029, 8, 31))


async def test_a_second_presidente_is_refused_beside_the_function(demo_store):
    committee = cdu(demo_store)
    president = seat_of(demo_store, CduSeat.USER_REPRESENTATIVE, function=Function.PRESIDENT)
    other = seat_of(demo_store, CduSeat.MEDIATOR_DOCTOR)
    before = demo_store.memberships.of_committee(committee.id)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await edit_seat(pilot, other, other.person_name)
        form = app.screen
        await choose(pilot, "function", Function.PRESIDENT.label)
        await retype(pilot, "elected_on", "01/11/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form stays open"
        field = form.query_one("#field-function")
        assert field.has_class("-invalid")
        error = shown(field.query_one(".field-error"))
        assert f"{president.person_name} est déjà président(e)" in error
        assert form.query_one("#elected_on", Input).value == "01/11/2026", "what was typed stays"
    assert demo_store.memberships.of_committee(committee.id) == before


async def test_a_category_outside_a_cdu_is_not_offered(demo_store):
    group = working_group(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_committee(pilot, group.id)
        form = await open_form(pilot, "a", MembershipForm)
        assert not form.query("#cdu_seat")
        assert [f.id for f in form.query(".form-body > *")] == [
            "field-person_id", "field-seat", "field-substitute_for", "field-function",
            "field-mandate_start", "field-mandate_end", "field-designated_by"]


# ---- recommendations ----------------------------------------------------------------------

async def test_a_recommendation_owned_by_a_service_is_written_in_the_seance(demo_store):
    meeting = about_to_start(demo_store)
    owner = demo_store.conclusions.owners(meeting.id)[0]
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_session(pilot, meeting.id)
        await pilot.press("tab")
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, ConclusionForm))
        form = app.screen
        await type_text(pilot, "Afficher les délais d’attente")
        await choose(pilot, "kind", "Recommandation")
        await choose(pilot, "owner_id", owner[1])
        form.query_one("#owner_text", Input).focus()
        await type_text(pilot, "Service des urgences")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "a person and a service: one or the other"
        error = shown(form.query_one("#field-owner_text .field-error"))
        assert "Une personne ou un service, pas les deux" in error
        await choose(pilot, "owner_id", "Le comité")
        await retype(pilot, "due_on", "31/03/2027")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SittingScreen))
        assert app.screen is screen
    [taken] = demo_store.conclusions.for_meeting(meeting.id)
    assert (taken.kind, taken.owner_id, taken.owner_text, taken.owner_name, taken.status) == (
        ConclusionKind.RECOMMENDATION, None, "Service des urgences", "Service des urgences",
        ConclusionStatus.OPEN)
    held = demo_store.meetings.get(meeting.id)
    assert demo_store.conclusions.recommendations(held.committee_id, held.starts_at.year) == [taken]
