"""People by keyboard: search as you type, a person's page, create, edit, delete, confirm."""

import pytest
from textual.widgets import Button, DataTable, Input

from comite.store import PersonInput
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.person_form import PersonForm
from comite.tui.screens.people import PAGE_SIZE, PeopleScreen
from comite.tui.screens.person import PersonScreen
from tests.tui.conftest import make_app, painted, type_text, wait_for


def names(app) -> list[str]:
    table = app.screen.query_one("#people", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def open_people(pilot):
    await pilot.press("3")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PeopleScreen))
    await wait_for(pilot, lambda: pilot.app.screen.page is not None)


async def search(pilot, text: str) -> None:
    """« / », then the letters: the list has the focus on arrival, the search on demand."""
    await pilot.press("slash")
    await type_text(pilot, text)


async def test_three_letters_find_a_person(demo_store):
    demo_store.people.create(PersonInput(last_name="Vasseur", first_name="Hélène"))
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_people(pilot)
        assert app.screen.page.total == 41
        await search(pilot, "hel")
        await wait_for(pilot, lambda: names(app) == ["Hélène Vasseur"])
        status = str(app.screen.query_one("#status").render())
        assert "1–1 sur 1" in status
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert "Hélène Vasseur" in str(app.screen.query_one("#title").render())


async def test_search_without_match_says_so(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_people(pilot)
        await search(pilot, "zzq")
        await wait_for(pilot, lambda: names(app) == [])
        assert "Personne ne correspond à « zzq »" in str(app.screen.query_one("#status").render())


async def test_pages_turn_with_pagedown_at_the_bottom(demo_store):
    for n in range(60):
        demo_store.people.create(PersonInput(last_name=f"Zimmer{n:02d}"))
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_people(pilot)
        first_page = names(app)
        assert len(first_page) == PAGE_SIZE
        await pilot.press("down")
        for _ in range(10):  # down the page; on its last row, to the next one
            if names(app) != first_page:
                break
            await pilot.press("pagedown")
            await pilot.pause(0.05)
        await wait_for(pilot, lambda: names(app) != first_page)
        assert len(names(app)) == PAGE_SIZE
        assert not set(names(app)) & set(first_page)
        assert f"{PAGE_SIZE + 1}–{2 * PAGE_SIZE} sur 100" in str(
            app.screen.query_one("#status").render())
        for _ in range(10):  # up through this page; on its first row, to the previous page
            await pilot.press("pageup")
        await wait_for(pilot, lambda: names(app) == first_page)
        await pilot.press("f8")
        await wait_for(pilot, lambda: names(app) and names(app)[0] != first_page[0])
        await pilot.press("f7")
        await wait_for(pilot, lambda: names(app) == first_page)


async def delete_from_list(pilot, letters: str, answer: str):
    app = pilot.app
    await open_people(pilot)
    await search(pilot, letters)
    await wait_for(pilot, lambda: len(names(app)) == 1)
    await pilot.press("down", "delete")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
    assert app.focused.id == "no", "Annuler has the focus: Enter alone never deletes"
    return app.screen


async def test_delete_a_person_after_confirming(demo_store):
    titular = next(m for m in demo_store.memberships.of_committee(2) if m.function.value == "president")
    person = demo_store.people.get(titular.person_id)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        confirm = await delete_from_list(pilot, person.last_name.lower()[:4] + " " +
                                         person.first_name.lower()[:3], "yes")
        text = str(confirm.query_one(".dialog-body").render())
        assert "Commission des usagers (CDU)" in text, "says which committees it leaves"
        assert "resteront sans titulaire" in text, "says the suppléant loses their titulaire"
        confirm.query_one("#yes", Button).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen))
        await wait_for(pilot, lambda: names(app) == [])
    assert all(m.person_id != person.id for m in demo_store.memberships.of_committee(2))
    assert demo_store.people.count() == 39


async def test_cancel_a_deletion_keeps_everything(demo_store):
    person = demo_store.people.get(1)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await delete_from_list(pilot, person.last_name.lower()[:4] + " " +
                               person.first_name.lower()[:3], "no")
        await pilot.press("enter")  # on Annuler
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen))
        assert len(names(app)) == 1
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen))
    assert demo_store.people.count() == 40
    assert demo_store.people.get(1) == person


async def test_new_person_with_bad_email_keeps_what_was_typed(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_people(pilot)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        await type_text(pilot, "Lambert")
        await pilot.press("tab")
        await type_text(pilot, "Odile")
        await pilot.press("tab")
        await type_text(pilot, "odile.lambert@")
        await pilot.press("tab")
        await type_text(pilot, "01 99 00 12 3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm), "nothing saved, the form stays"
        assert form.query_one("#field-email").has_class("-invalid")
        assert form.query_one("#field-phone").has_class("-invalid")
        assert app.focused.id == "email", "the first field in error gets the focus"
        values = {i.id: i.value for i in form.query(Input)}
        assert values["last_name"] == "Lambert" and values["email"] == "odile.lambert@"
        assert demo_store.people.count() == 40
        form.query_one("#email", Input).value = "odile.lambert@example.org"
        form.query_one("#phone", Input).value = "+33 1 99 00 12 34"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        created = demo_store.people.get(app.screen.person_id)
    assert created.last_name == "Lambert"
    assert created.email == "odile.lambert@example.org"
    assert created.phone == "01 99 00 12 34"


async def start_new_person(pilot, typed: str) -> None:
    await open_people(pilot)
    await pilot.press("ctrl+n")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PersonForm))
    await type_text(pilot, typed)


@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
async def test_leaving_a_typed_form_asks_first_and_keeps_the_typing(demo_store, key):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_person(pilot, "Brouillon")
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # "Continuer la saisie" / "Revenir à la saisie" has the focus
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        assert app.screen.query_one("#last_name", Input).value == "Brouillon"
        assert app.return_code is None, "the app is still running"


async def test_abandoning_a_typed_form_saves_nothing(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_person(pilot, "Brouillon")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        app.screen.query_one("#yes", Button).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen))
    assert demo_store.people.count() == 40


async def test_edit_a_person_from_their_page(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PersonScreen(1))
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        app.screen.query_one("#profession", Input).value = "Coordinatrice de parcours"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert "Coordinatrice de parcours" in str(app.screen.query_one("#details").render())
    assert demo_store.people.get(1).profession == "Coordinatrice de parcours"


async def test_delete_from_the_persons_own_page_returns_to_the_list(demo_store):
    person = demo_store.people.get(3)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_people(pilot)
        app.push_screen(PersonScreen(person.id))
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("right", "enter")  # to "Supprimer définitivement", then confirm
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen))
        await pilot.pause(0.2)
        assert isinstance(app.screen, PeopleScreen), "the list stays; nothing else closed"
        assert app.return_code is None, "the app is still running"
    assert demo_store.people.count() == 39


async def test_a_first_name_a_spreadsheet_would_run_is_refused_beside_its_field(demo_store):
    """Issue 21: « =HYPERLINK(…) » typed as a first name is said beside the field, nothing saved."""
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_person(pilot, "Lambert")
        await pilot.press("tab")
        await type_text(pilot, '=HYPERLINK("http://x")')
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm), "nothing saved, the form stays"
        field = form.query_one("#field-first_name")
        assert field.has_class("-invalid") and app.focused.id == "first_name"
        assert "commence par = est pris pour une formule par les tableurs : retirez le = ou " \
               "commencez autrement." in painted(app, field)
        assert demo_store.people.count() == 40
