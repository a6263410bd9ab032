"""Issue 15, the letterhead in the app: the structure form (« u » on the Comités section) takes
a new address and a logo, typed or chosen with Ctrl+O; a hostile logo is refused beside its
field with nothing changed; the paper convocations (« f » on a meeting's page) then print that
letterhead, read back from the PDF by pypdf."""

from dataclasses import replace
from pathlib import Path

from textual import events
from textual.widgets import Input, Static, TextArea

from comite.tui.dialogs.file_picker import FilePicker
from comite.tui.dialogs.structure_form import StructureForm
from comite.tui.screens.meeting import MeetingScreen
from comite.usecases import paths
from comite.usecases.settings import Settings
from tests.exports.logos import make_logo
from tests.exports.pdf_pages import flat, reader, texts
from tests.tui.conftest import make_app, open_form, retype, type_text, wait_for
from tests.tui.test_forms_keep_values_meetings import open_committees_on

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "logo"
SIZE = (100, 30)
COMMITTEE = "Comité des usagers"
NEW_ADDRESS = ("Maison de santé, 2ᵉ étage", "8 place de la Mairie", "42990 Valmont-sur-Loire")


def structure_of(store, committee_name: str):
    committee = next(s.committee for s in store.committees.all() if s.committee.name == committee_name)
    return store.structures.get(committee.structure_id)


async def type_address(pilot, lines: tuple[str, ...]) -> None:
    """Into the address box: everything selected (F7), then the lines typed over it."""
    pilot.app.screen.query_one("#address", TextArea).focus()
    await pilot.press("f7")
    for number, line in enumerate(lines):
        if number:
            await pilot.press("enter")
        await type_text(pilot, line)


async def paste(pilot, selector: str, text: str) -> None:
    """Into the field, wipe what is there, then paste `text`, as a path copied from a file
    manager arrives (typing a long path key by key would take seconds)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await pilot.press("end", "ctrl+u")
    field.post_message(events.Paste(text))
    await wait_for(pilot, lambda: field.value == text)


def logo_error(pilot) -> str:
    field = pilot.app.screen.query_one("#field-logo")
    return str(field.query_one(".field-error", Static).content) if field.has_class("-invalid") else ""


async def test_a_new_address_and_logo_head_the_printed_convocations(demo_store, tmp_path: Path):
    before = structure_of(demo_store, COMMITTEE)
    logo = make_logo(tmp_path / "logo de la MSP.png")
    exports = tmp_path / "exports"
    app = make_app(demo_store, settings=Settings(coordinator_name="Françoise Lefèvre",
                                                 exports=str(exports)))
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, COMMITTEE)
        form = await open_form(pilot, "u", StructureForm)
        await type_address(pilot, NEW_ADDRESS)
        # The logo chosen with the file picker, its path typed in the picker's field.
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker))
        await paste(pilot, "#path", str(logo))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is form)
        assert form.query_one("#logo Input", Input).value == str(logo)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is page)

        after = structure_of(demo_store, COMMITTEE)
        assert after == replace(before, address="\n".join(NEW_ADDRESS), logo=after.logo)
        assert (paths.logos_dir() / after.logo).read_bytes() == logo.read_bytes()

        meeting = next(m for m in demo_store.meetings.all() if m.title == "Prochain comité des usagers")
        app.push_screen(MeetingScreen(meeting.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        await pilot.press("f")
        await wait_for(pilot, lambda: any(exports.glob("convocations-*.pdf")))
    [pdf] = exports.glob("convocations-*.pdf")
    first = flat(texts(pdf)[0])
    for expected in (after.name, *NEW_ADDRESS, after.phone, after.email):
        assert expected in first
    assert len(reader(pdf).pages[0].images) == 1


async def test_hostile_logos_are_refused_beside_the_field_and_nothing_changes(demo_store):
    before = structure_of(demo_store, COMMITTEE)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_committees_on(pilot, COMMITTEE)
        form = await open_form(pilot, "u", StructureForm)
        await retype(pilot, "phone", "04 65 71 99 99")  # typed with it: kept in the form, not saved
        for hostile in sorted(p for p in HOSTILE.iterdir() if p.name != "README.md"):
            await paste(pilot, "#logo Input", str(hostile))
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda name=hostile.name: name in logo_error(pilot))
            assert app.screen is form
            assert form.query_one("#phone", Input).value == "04 65 71 99 99"
    assert structure_of(demo_store, COMMITTEE) == before
    assert not paths.logos_dir().exists()


async def test_an_emptied_logo_field_takes_the_logo_off(demo_store, tmp_path: Path):
    from comite.usecases.letterhead import check_logo, keep

    before = structure_of(demo_store, COMMITTEE)
    logo = check_logo(make_logo(tmp_path / "logo.png"))
    copy = keep(logo)
    demo_store.structures.set_logo(before.id, logo.file_name)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_committees_on(pilot, COMMITTEE)
        form = await open_form(pilot, "u", StructureForm)
        assert form.query_one("#logo Input", Input).value == str(copy)
        await retype(pilot, "logo Input", "")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is page)
    assert structure_of(demo_store, COMMITTEE) == before  # logo "" again
    assert copy.is_file()  # a charter issued with it may need it again
