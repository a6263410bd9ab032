"""A committee's composition at 80×24: exact counts for the coordinator, never a name."""

from rich.console import Console
from textual.widgets import Static

from comite.store import MembershipInput, PersonInput
from comite.store.committee_models import CommitteeKind, Role
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.screens.composition import CompositionScreen
from tests.tui.conftest import TODAY, make_app, wait_for


def blocks(screen) -> list[str]:
    """What each block draws, as plain text, in the store's order of criteria."""
    texts = []
    for index in range(5):
        console = Console(width=38, record=True, color_system=None)
        console.print(screen.query_one(f"#block-{index}", Static).content)
        texts.append(console.export_text())
    return texts


def line_of(block: str, label: str) -> str:
    return next(line.strip() for line in block.splitlines()
                if line.strip().startswith(label[:20]))


async def open_composition(pilot, committee_id: int) -> CompositionScreen:
    app = pilot.app
    app.push_screen(CommitteeScreen(committee_id))
    await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen) and app.screen.members)
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(app.screen, CompositionScreen))
    await pilot.pause()
    return app.screen


async def test_counts_are_exact_and_no_name_is_shown(demo_store):
    cdu = next(s.committee for s in demo_store.committees.all() if s.committee.kind == CommitteeKind.CDU)
    found = demo_store.committees.composition(cdu.id, TODAY)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composition(pilot, cdu.id)
        about = str(screen.query_one("#about", Static).render())
        assert f"{found.members} membres au mandat en cours, comptés le 23/11/2026." in about
        assert "exacts ici" in about and "exportée" in about and "« < 5 »" in about, \
            "says the counts are exact here and masked in the export"
        drawn = blocks(screen)
        for (title, cells), block in zip(found.by, drawn, strict=True):
            assert block.splitlines()[0].strip() == title
            for cell in cells:
                assert line_of(block, cell.label).endswith(f" {cell.count}"), (title, cell)
        assert any(0 < cell.count < 5 for _title, cells in found.by for cell in cells)
        assert "< 5" not in "\n".join(drawn)
        text = "\n".join(drawn)
        members = demo_store.memberships.of_committee(cdu.id)
        for member in members:
            assert member.person_name not in text
            assert member.person_name.split()[-1] not in str(screen.query_one("#about").render())


async def test_a_count_of_one_is_shown_as_one(empty_store):
    structure = empty_store.structures.create("MSP des Tilleuls", "msp", "Valmont")
    committee = empty_store.committees.create(structure.id, "Comité des usagers",
                                              CommitteeKind.USERS_COMMITTEE)
    for n in range(6):  # six women patients from Valmont, born 1960
        person = empty_store.people.create(PersonInput(
            last_name=f"Usagère{n}", roles=(Role.PATIENT_PARTNER,), birth_year=1960,
            sex="female", territory="Valmont", lived_as="patient"))
        empty_store.memberships.add(committee.id, person.id, MembershipInput())
    lone = empty_store.people.create(PersonInput(last_name="Seul", roles=(Role.PROFESSIONAL,),
                                                 birth_year=1990, sex="male",
                                                 territory="Hameau des Pins"))
    empty_store.memberships.add(committee.id, lone.id, MembershipInput())
    app = make_app(empty_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composition(pilot, committee.id)
        role, age, sex, territory, lived = blocks(screen)
    text = "\n".join((role, age, sex, territory, lived))
    for block, label in ((role, "Patient(e) ou aidant(e) partenaire"), (age, "65 à 74 ans"),
                         (sex, "Femme"), (territory, "Valmont"), (lived, "Patient(e)")):
        assert line_of(block, label).endswith(" 6"), label
    assert line_of(sex, "Homme").endswith(" 1"), "one man: 1 on her screen, not « < 5 »"
    assert line_of(territory, "Hameau des Pins").endswith(" 1")
    assert line_of(sex, "Autre").endswith(" 0")
    assert "< 5" not in text
    assert "Seul" not in text


async def test_the_committee_page_opens_its_recruitment_criteria(demo_store):
    from comite.tui.screens.criteria import CriteriaScreen

    comite = next(s.committee for s in demo_store.committees.all()
                  if s.committee.kind == CommitteeKind.USERS_COMMITTEE)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CommitteeScreen(comite.id))
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen) and app.screen.members)
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, CriteriaScreen))
        assert app.screen.committee_id == comite.id


async def test_the_screen_shows_an_exact_three_and_x_exports_it_as_below_five(empty_store,
                                                                               tmp_path):
    import csv
    import io

    from comite.tui.textual_private import notifications
    from comite.usecases.settings import Settings

    structure = empty_store.structures.create("MSP des Tilleuls", "msp", "Valmont")
    committee = empty_store.committees.create(structure.id, "Comité des usagers",
                                              CommitteeKind.USERS_COMMITTEE)
    for n in range(10):  # seven women, three men
        person = empty_store.people.create(PersonInput(
            last_name=f"Membre{n}", sex="female" if n < 7 else "male", territory="Valmont"))
        empty_store.memberships.add(committee.id, person.id, MembershipInput())
    exports = tmp_path / "exports"
    app = make_app(empty_store, watch_inbox=False, settings=Settings(exports=str(exports)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_composition(pilot, committee.id)
        _role, _age, sex, _territory, _lived = blocks(screen)
        assert line_of(sex, "Homme").endswith(" 3") and line_of(sex, "Femme").endswith(" 7")
        await pilot.press("x")
        stem = exports / "composition-comite-des-usagers-2026-11-23"
        await wait_for(pilot, lambda: any(str(stem) in n.message for n in notifications(app)))
        told = next(n.message for n in notifications(app) if str(stem) in n.message)
    assert told == (f"Composition à diffuser (petits nombres masqués) :\n"
                    f"{stem}.csv\n{stem}.pdf")
    rows = list(csv.reader(io.StringIO(stem.with_suffix(".csv").read_bytes().decode("utf-8-sig")),
                           delimiter=";"))
    counts = {(row[0], row[1]): row[2] for row in rows[7:]}
    assert counts[("Sexe", "Homme")] == "< 5" and counts[("Sexe", "Femme")] == "n.d."
    assert counts[("Territoire", "Valmont")] == "10"
