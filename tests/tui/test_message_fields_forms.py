"""Issue 22: the fields what people receive needs, typed in the forms as a coordinator would —
a meeting's reply-by date, address, way in and dial-in, a structure's way in, a committee's
word to its suppléant(e)s. Each is saved, kept when another field of the record changes, and
refused beside its field, in French, when it cannot be right."""

from dataclasses import replace
from datetime import date

import pytest
from textual.widgets import Input, TextArea

from comite.kernel import clock
from comite.store.committee_models import CommitteeKind
from comite.tui.dialogs.committee_form import CommitteeForm
from comite.tui.dialogs.structure_form import StructureForm
from comite.tui.widgets.field import Field
from tests.example_store import TODAY
from tests.tui.conftest import make_app, open_form, retype, save_form, type_text
from tests.tui.test_forms_keep_values_meetings import (
    NEXT,
    SIZE,
    edit_meeting,
    meeting_titled,
    open_committees_on,
)


@pytest.fixture(autouse=True)
def on_the_example_day(monkeypatch):
    """The store's « today » is the example data's: a reply-by date is « past » against it."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def error_of(app, name: str) -> str:
    field = app.screen.query_one(f"#field-{name}", Field)
    assert field.has_class("-invalid"), name
    return str(field.query_one(".field-error").render())


async def type_area(pilot, area_id: str, text: str) -> None:
    area = pilot.app.screen.query_one(f"#{area_id}", TextArea)
    area.focus()
    area.clear()
    await type_text(pilot, text)


async def test_the_meeting_form_saves_where_to_come_and_by_when_to_answer(demo_store):
    before = meeting_titled(demo_store, NEXT)
    # The poll opened on the example day: a week before its first date, 23 December.
    assert before.reply_by == date(2026, 12, 16)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_meeting(pilot, before.id)
        assert app.screen.query_one("#reply_by", Input).value == "16/12/2026"
        await retype(pilot, "reply_by", "18/12/2026")
        await type_area(pilot, "address", "Mairie annexe, 3 place du Marché")
        await type_area(pilot, "access_notes", "Rez-de-chaussée, bus 12 arrêt Marché")
        await retype(pilot, "dial_in", "01 86 99 00 00 ; 123456#")
        await save_form(pilot, page)
    after = demo_store.meetings.get(before.id)
    assert after == replace(before, reply_by=date(2026, 12, 18),
                            address="Mairie annexe, 3 place du Marché",
                            access_notes="Rez-de-chaussée, bus 12 arrêt Marché",
                            dial_in="01 86 99 00 00 ; 123456#")
    assert after.full_address == "Mairie annexe, 3 place du Marché"

    # Opened again on that record, a new title changes the title and nothing else.
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_meeting(pilot, before.id)
        assert app.screen.query_one("#dial_in", Input).value == after.dial_in
        assert app.screen.query_one("#access_notes", TextArea).text == after.access_notes
        await retype(pilot, "title", "Comité des usagers de décembre")
        await save_form(pilot, page)
    assert demo_store.meetings.get(before.id) == replace(after, title="Comité des usagers de décembre")


@pytest.mark.parametrize(("field", "typed", "said"), [
    ("reply_by", "24/12/2026", "avant la première date proposée (23/12/2026)"),
    ("reply_by", "01/11/2026", "Cette date est passée"),
    ("reply_by", "31/02/2026", "n’existe pas dans le calendrier"),
    ("dial_in", "01 86 99 00 00 code ABC", "en chiffres"),
    ("dial_in", "1234", "en chiffres"),
])
async def test_the_meeting_form_refuses_in_french_beside_the_field(demo_store, field, typed, said):
    before = meeting_titled(demo_store, NEXT)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await edit_meeting(pilot, before.id)
        form = app.screen
        await retype(pilot, field, typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form stays open"
        assert said in error_of(app, field)
        assert app.screen.query_one(f"#{field}", Input).value == typed, "what was typed stays"
    assert demo_store.meetings.get(before.id) == before


async def test_the_structure_form_saves_the_way_in_and_keeps_it(demo_store):
    committee = next(s.committee for s in demo_store.committees.all()
                     if s.committee.kind is CommitteeKind.USERS_COMMITTEE)
    before = demo_store.structures.get(committee.structure_id)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, committee.name)
        await open_form(pilot, "u", StructureForm)
        await type_area(pilot, "access_notes", "Parking devant la porte, accès de plain-pied")
        await save_form(pilot, page)
    after = demo_store.structures.get(before.id)
    assert after == replace(before, access_notes="Parking devant la porte, accès de plain-pied")
    # Every meeting of its committees without a way in of its own says the structure's.
    assert meeting_titled(demo_store, NEXT).access == after.access_notes

    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, committee.name)
        await open_form(pilot, "u", StructureForm)
        assert app.screen.query_one("#access_notes", TextArea).text == after.access_notes
        await retype(pilot, "city", "Valmont")
        await save_form(pilot, page)
    assert demo_store.structures.get(before.id) == replace(after, city="Valmont")


async def test_the_committee_form_saves_the_word_to_its_suppleants_and_keeps_it(demo_store):
    before = next(s.committee for s in demo_store.committees.all()
                  if s.committee.kind is CommitteeKind.USERS_COMMITTEE)
    rule = "Venez à chaque réunion, même si votre titulaire vient."
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, before.name)
        await open_form(pilot, "e", CommitteeForm)
        await retype(pilot, "substitute_rule", rule)
        await save_form(pilot, page)
    after = demo_store.committees.get(before.id)
    assert after == replace(before, substitute_rule=rule)
    assert meeting_titled(demo_store, NEXT).substitute_rule == rule

    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, before.name)
        await open_form(pilot, "e", CommitteeForm)
        assert app.screen.query_one("#substitute_rule", Input).value == rule
        await type_area(pilot, "description", "Se réunit chaque trimestre.")
        await save_form(pilot, page)
    assert demo_store.committees.get(before.id) == replace(after, description="Se réunit chaque trimestre.")


async def test_f2_saves_the_coordinators_role_and_keeps_the_other_settings(demo_store):
    from comite.tui.dialogs.settings_form import SettingsForm
    from comite.usecases import settings as settings_file
    from comite.usecases.settings import Settings
    from tests.tui.conftest import wait_for

    before = Settings(coordinator_name="Martine Perrin", coordinator_phone="04 78 00 00 00")
    app = make_app(demo_store, settings=before)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SettingsForm))
        await retype(pilot, "coordinator_role", "coordinatrice de la MSP")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(pilot.app.screen, SettingsForm))
    assert app.settings == replace(before, coordinator_role="coordinatrice de la MSP")
    assert settings_file.load()[0] == app.settings
