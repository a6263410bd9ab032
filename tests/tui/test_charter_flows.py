"""A coordinator, by keyboard at 80×24, works on the engagement charters of the example data:
opens « 5 Chartes », produces one person's charter (a real PDF, read back with pypdf), records
a paper signature for both sides, sees a template edited in their folder flag it « à
re-signer », reads why a template of theirs is refused, produces every missing charter in a
batch, attaches a PDF signed with the structure's certificate, and never loses typed values."""

import hashlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from textual.widgets import DataTable, Input, ProgressBar, Static

from comite.kernel import clock
from comite.store import MembershipInput, PersonInput
from comite.store.charter_models import CharterStatus, Side, SignatureMethod
from comite.store.committee_models import USER_ROLES, Role
from comite.tui.app import ComiteApp
from comite.tui.dialogs.charter_forms import BatchForm, PaperSignatureForm
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.file_picker import FilePicker
from comite.tui.dialogs.info import InfoScreen
from comite.tui.screens.charter import CharterScreen
from comite.tui.screens.charters import ChartersScreen
from comite.tui.screens.person import PersonScreen
from comite.tui.textual_private import notifications
from comite.usecases import paths
from comite.usecases.charters import charters_folder, make_pdf, pdf_path, produce
from comite.usecases.settings import Settings
from tests.tui.conftest import TODAY, type_text, wait_for

HOSTILE = Path(__file__).parents[1] / "data" / "hostile" / "charte"
SIGNATORY = "Dr Claire Martin, coordinatrice"


def settings(tmp_path: Path) -> Settings:
    return Settings(exports=str(tmp_path / "exports"), inbox=str(tmp_path / "inbox"))


def charter_app(store, tmp_path: Path, *, watch: bool = False, **options) -> ComiteApp:
    """The real app on today's date: a charter is stamped with the real clock when produced,
    and its signature can be neither earlier nor in the future."""
    return ComiteApp(store, settings=options.pop("settings", None) or settings(tmp_path),
                     today=clock.today(), watch_inbox=watch, **options)


def engagement(store, name: str):
    return next(e for e in store.charters.engagements() if e.person_name == name)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def notes(app) -> list[str]:
    return [str(n.message) for n in notifications(app)]


async def open_charters(pilot) -> ChartersScreen:
    await pilot.press("5")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChartersScreen))
    await pilot.pause()
    return pilot.app.screen


async def open_charter_of(pilot, name: str) -> CharterScreen:
    """From the section: the cursor on the person's row, then Entrée."""
    screen = pilot.app.screen
    table = screen.query_one("#engagements", DataTable)
    e = engagement(pilot.app.store, name)
    table.focus()
    table.move_cursor(row=table.get_row_index(f"{e.person_id}:{e.committee_id}"))
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CharterScreen))
    await pilot.pause(0.5)  # the preview follows a moment after the fields
    return pilot.app.screen


async def enter_path(pilot, path: Path) -> None:
    """In the file picker: the path pasted into its field, then Entrée."""
    field = pilot.app.screen.query_one("#path", Input)
    field.focus()
    field.value = str(path)  # as pasted: typing a long path key by key only slows the test
    await pilot.press("enter")


def scanned_copy(path: Path) -> Path:
    """What a scanner makes of the signed paper copy: a PDF comite never wrote."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.drawString(60, 760, "Charte d'engagement reciproque - exemplaire signe (scan)")
    canvas.save()
    return path


def catalogue(store) -> None:
    """The shipped templates, as the app reads them when « Chartes » opens."""
    from comite.sync.charter_catalog import load_catalog

    store.charters.sync_catalog(load_catalog(paths.data_dir() / "modeles-charte").templates)


def signed_charter(store, tmp_path: Path, name: str):
    """A charter of `name` produced (real PDF) and signed on paper by both sides."""
    catalogue(store)
    e = engagement(store, name)
    template = store.charters.suggested(e.person_id, e.committee_id)
    values = {**store.charters.defaults(e.person_id, e.committee_id, TODAY),
              "team_signatory": SIGNATORY}
    draft = store.charters.draft(e.person_id, e.committee_id, template.template_id, values, TODAY)
    folder = tmp_path / "exports" / "chartes"
    charter, path = make_pdf(store, draft, pdf_path(folder, draft.uid, draft.data["person"]))
    for side, signer in ((Side.STRUCTURE, SIGNATORY), (Side.PERSON, name)):
        charter = store.charters.sign(charter.id, side, SignatureMethod.PAPER, signer,
                                      charter.generated_on)
    return charter, path


# ---- one person: produce, read back, sign on paper ----------------------------------------------

async def test_produce_one_charter_then_record_both_signatures_on_paper(demo_store, tmp_path):
    app = charter_app(demo_store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_charters(pilot)
        assert len(section.templates) >= 3, "the shipped templates are in the catalogue"
        total = len(demo_store.charters.engagements())
        assert f"{total} à générer" in text_of(section, "#counts")

        screen = await open_charter_of(pilot, "Sarah Guérin")
        assert "À générer" in text_of(screen, "#state")
        # Nobody signs for the team yet: the field says so and the cursor waits in it.
        assert screen.focused is screen.query_one("#team_signatory", Input)
        assert "À remplir" in text_of(screen, "#field-team_signatory .field-error")
        assert "\\[à remplir \\: qui signe pour l’équipe\\]" in screen.query_one("#preview").source
        await type_text(pilot, SIGNATORY)
        await wait_for(pilot, lambda: SIGNATORY.replace(",", "\\,")
                       in screen.query_one("#preview").source)
        assert screen.has_changes()

        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.charter is not None, timeout=15)
        charter = screen.charter
        assert charter.status is CharterStatus.TO_SIGN
        assert charter.uid in text_of(screen, "#state") and "À signer" in text_of(screen, "#state")
        assert not screen.has_changes(), "the values are used: leaving loses nothing"

        # The PDF: where the toast says, its sha256 recorded, its text as typed.
        path = pdf_path(charters_folder(app.settings), charter.uid, "Sarah Guérin")
        assert path.name == f"charte-{charter.uid}-sarah-guerin.pdf"
        assert any(str(path) in message for message in notes(app))
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == charter.pdf_sha256
        reader = PdfReader(path)
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Sarah Guérin" in text and "Claire Martin" in text and charter.uid in text
        assert reader.metadata["/ComiteCharter"] == charter.uid

        # Paper: both sides, the names prefilled from the charter.
        await pilot.press("escape")  # out of the fields: letters are commands again
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, PaperSignatureForm))
        form = app.screen
        assert form.query_one("#signer_structure", Input).value == SIGNATORY
        assert form.query_one("#signer_person", Input).value == "Sarah Guérin"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CharterScreen))
        signed = demo_store.charters.get(charter.id)
        assert signed.status is CharterStatus.SIGNED
        assert {(s.side, s.method, s.signer) for s in signed.signatures} == {
            (Side.STRUCTURE, SignatureMethod.PAPER, SIGNATORY),
            (Side.PERSON, SignatureMethod.PAPER, "Sarah Guérin")}
        assert text_of(screen, "#state").startswith("Signée")
        assert "signée sur papier par Sarah Guérin" in text_of(screen, "#signatures")

        # Back in the section, the line and the counts follow.
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartersScreen))
        assert "1 signée" in text_of(section, "#counts")
        table = section.query_one("#engagements", DataTable)
        e = engagement(demo_store, "Sarah Guérin")
        row = table.get_row(f"{e.person_id}:{e.committee_id}")
        assert str(row[3]) == "Signée"


async def test_a_signature_taken_back_after_confirming(demo_store, tmp_path):
    charter, _path = signed_charter(demo_store, tmp_path, "Sarah Guérin")
    app = charter_app(demo_store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_charters(pilot)
        screen = await open_charter_of(pilot, "Sarah Guérin")
        assert screen.focused is screen.query_one("#preview-box"), "nothing to type: keys ready"
        await pilot.press("u")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "SideChoice")
        await pilot.press("down", "enter")  # the person's signature
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # « Annuler » has the focus: nothing goes
        assert demo_store.charters.get(charter.id).status is CharterStatus.SIGNED
        await pilot.press("u")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "SideChoice")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: demo_store.charters.get(charter.id).status
                       is CharterStatus.TO_SIGN)
        now = demo_store.charters.get(charter.id)
        assert now.signature(Side.PERSON) is None and now.signature(Side.STRUCTURE) is not None
        assert "pas encore signée" in text_of(screen, "#signatures")


async def test_a_scan_attached_to_a_paper_signature_is_kept_with_it(demo_store, tmp_path):
    charter, _path = signed_charter(demo_store, tmp_path, "Sarah Guérin")
    demo_store.charters.unsign(charter.id, Side.STRUCTURE)
    demo_store.charters.unsign(charter.id, Side.PERSON)
    scan = scanned_copy(tmp_path / "scan.pdf")
    app = charter_app(demo_store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_charters(pilot)
        screen = await open_charter_of(pilot, "Sarah Guérin")
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, PaperSignatureForm))
        form = app.screen
        form.query_one("#scan Input", Input).value = str(tmp_path / "absent.pdf")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Aucun fichier" in text_of(form, "#field-scan .field-error")
        form.query_one("#scan Input", Input).value = str(scan)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CharterScreen), timeout=20)
        now = demo_store.charters.get(charter.id)
        assert now.status is CharterStatus.SIGNED
        pieces = {s.scan_path for s in now.signatures}
        assert len(pieces) == 1, "one copy of the scan serves both sides"
        piece = Path(pieces.pop())
        assert piece.parent == paths.data_dir() / "chartes" / "pieces"
        assert piece.read_bytes() == scan.read_bytes()
        assert "(pièce jointe)" in text_of(screen, "#signatures")


async def test_a_returned_pdf_signed_with_the_structures_certificate(demo_store, tmp_path):
    from comite.exports.signature import make_certificate, sign_pdf
    from comite.store.charter_models import STRUCTURE_FIELD

    charter, path = signed_charter(demo_store, tmp_path, "Sarah Guérin")
    demo_store.charters.unsign(charter.id, Side.STRUCTURE)
    demo_store.charters.unsign(charter.id, Side.PERSON)
    cert = make_certificate(paths.data_dir() / "certificat", "MSP des Tilleuls")
    returned = sign_pdf(path, tmp_path / "inbox" / "charte-signee.pdf", certificate=cert.cert,
                        key=cert.key, field=STRUCTURE_FIELD, signer_name="Claire Martin")
    app = charter_app(demo_store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_charters(pilot)
        screen = await open_charter_of(pilot, "Sarah Guérin")
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker))
        await enter_path(pilot, returned)
        await wait_for(pilot, lambda: isinstance(app.screen, InfoScreen), timeout=30)
        shown = str(app.screen.query_one(".info-lines Static").render())
        assert "signature enregistrée" in shown
        now = demo_store.charters.get(charter.id)
        assert now.signature(Side.STRUCTURE).method is SignatureMethod.PADES
        assert now.signature(Side.PERSON) is None
        await pilot.press("escape")
        assert "électroniquement" in text_of(screen, "#signatures")

        # The unsigned PDF as comite wrote it is refused, saying why; nothing recorded.
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker))
        await enter_path(pilot, path)
        await wait_for(pilot, lambda: isinstance(app.screen, InfoScreen), timeout=30)
        assert "aucune signature" in str(app.screen.query_one(".info-lines Static").render())
        assert demo_store.charters.get(charter.id).signature(Side.PERSON) is None


# ---- templates: edited while the app runs, refused with their line --------------------------------

async def test_a_template_edited_in_the_users_folder_makes_the_charter_to_resign(demo_store, tmp_path):
    charter, _path = signed_charter(demo_store, tmp_path, "Sarah Guérin")
    template = charter.template
    app = charter_app(demo_store, tmp_path, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_charters(pilot)
        assert "1 signée" in text_of(section, "#counts")
        await wait_for(pilot, lambda: app.templates_watched, timeout=10)
        folder = app.templates_folder()
        folder.mkdir(parents=True, exist_ok=True)  # the watcher makes it too, maybe not yet
        signed_on, newer = template.version, template.version + 1
        edited = template.text.replace(f"version: {signed_on}", f"version: {newer}").replace(
            "## ", "## Article — ", 1)
        (folder / f"{template.template_id}.md").write_text(edited, encoding="utf-8")
        await wait_for(pilot, lambda: engagement(demo_store, "Sarah Guérin").status
                       is CharterStatus.TO_RESIGN, timeout=15)
        await wait_for(pilot, lambda: any("modifié : 1 charte à re-signer" in m
                                          for m in notes(app)), timeout=5)
        await wait_for(pilot, lambda: "1 à re-signer" in text_of(section, "#counts"))
        row = section.query_one("#templates", DataTable).get_row(template.template_id)
        assert (row[1], row[2]) == (f"v{newer}", "vos modèles")

        screen = await open_charter_of(pilot, "Sarah Guérin")
        assert "à refaire signer" in text_of(screen, "#state")
        # g with the new version: another charter, and the app asks first.
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: screen.charter is not None and screen.charter.id != charter.id,
                       timeout=15)
        assert screen.charter.template.version == newer
        assert screen.charter.status is CharterStatus.TO_SIGN
        history = screen.query_one("#history", DataTable)
        assert history.row_count == 2, "the charter signed on the older version stays listed"
        assert str(history.get_row(str(charter.id))[2]) == f"v{signed_on}"


async def test_a_refused_template_shows_its_file_and_line(demo_store, tmp_path):
    folder = paths.data_dir() / "modeles-charte"
    folder.mkdir(parents=True)
    (folder / "champ-inconnu.md").write_bytes((HOSTILE / "champ-inconnu.md").read_bytes())
    app = charter_app(demo_store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_charters(pilot)
        refused = text_of(section, "#refused")
        assert refused.startswith("Refusé — champ-inconnu.md")
        assert "ligne " in refused
        assert section.query_one("#refused").display
        assert "champ-inconnu" not in {t.template_id for t in section.templates}


# ---- the batch -------------------------------------------------------------------------------

async def test_the_batch_makes_every_missing_charter_and_lists_those_it_cannot(demo_store, tmp_path):
    # The coordinator's own « patient-partenaire » is for patient partners only: nobody's
    # template fits the médiatrice de santé pair any more, and the batch must say so.
    from comite.sync.charter_catalog import load_catalog

    folder = paths.data_dir() / "modeles-charte"
    folder.mkdir(parents=True)
    shipped = next(t for t in load_catalog(folder).templates if t.template_id == "patient-partenaire")
    narrowed = shipped.text.replace(shipped.text.split("roles:", 1)[1].split("\n", 1)[0],
                                    " [patient_partner]")
    (folder / "patient-partenaire.md").write_text(narrowed, encoding="utf-8")
    app = charter_app(demo_store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_charters(pilot)
        todo = [e for e in demo_store.charters.engagements()
                if e.status is CharterStatus.TO_GENERATE]
        cannot = [e for e in todo if demo_store.charters.suggested(e.person_id, e.committee_id)
                  is None]
        assert [e.person_name for e in cannot] == ["Inès David"]
        await pilot.press("G")
        await wait_for(pilot, lambda: isinstance(app.screen, BatchForm))
        assert app.screen.form_title() == f"Produire {len(todo)} chartes"
        await pilot.press("ctrl+s")  # nobody named: the form says who must be
        await pilot.pause()
        assert isinstance(app.screen, BatchForm)
        await type_text(pilot, "Claire Martin")
        # What the progress line showed at each step, read as the batch advanced.
        seen = []
        advance = section._advance

        def watched(done: int, total: int) -> None:
            advance(done, total)
            bar = section.query_one("#batch-progress", ProgressBar)
            seen.append((bar.progress, bar.total, section.query_one("#batch").display,
                         text_of(section, "#batch-label")))

        section._advance = watched
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: seen and not section.batch_running, timeout=60)
        assert [(done, total) for done, total, _shown, _label in seen] == [
            (n, len(todo)) for n in range(1, len(todo) + 1)]
        assert all(shown for _done, _total, shown, _label in seen)
        assert seen[0][3] == f"Chartes produites : 1 / {len(todo)} — Échap pour arrêter"
        assert not section.query_one("#batch").display

        made = len(todo) - 1
        pdfs = sorted((tmp_path / "exports" / "chartes").glob("charte-CH-*.pdf"))
        assert len(pdfs) == made
        for pdf in pdfs:
            charter = demo_store.charters.by_pdf_sha256(hashlib.sha256(pdf.read_bytes()).hexdigest())
            assert charter is not None and pdf.name.startswith(f"charte-{charter.uid}-")
        message = next(m for m in notes(app) if "chartes produites" in m)
        assert f"{made} chartes produites dans {tmp_path / 'exports' / 'chartes'}" in message
        assert "1 non produite :" in message
        # The one that could not be made is listed, with why.
        assert isinstance(app.screen, InfoScreen)
        listed = str(app.screen.query_one(".info-lines Static").render())
        assert "Inès David — Comité des usagers : aucun modèle ne prévoit son rôle" in listed
        await pilot.press("escape")
        assert f"1 à générer · {made} à signer" in text_of(section, "#counts")


async def test_the_batch_stops_on_escape_keeping_what_is_made(demo_store, tmp_path):
    app = charter_app(demo_store, tmp_path, settings=Settings(
        exports=str(tmp_path / "exports"), coordinator_name="Claire Martin"))
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_charters(pilot)
        total = len(demo_store.charters.engagements())
        await pilot.press("G")
        await wait_for(pilot, lambda: isinstance(app.screen, BatchForm))
        assert app.screen.query_one("#team_signatory", Input).value == "Claire Martin"
        # Échap as soon as the first charter is made: the batch stops before the last one.
        advance = section._advance

        def stop_after_first(done: int, total: int) -> None:
            advance(done, total)
            if done == 1:
                app.simulate_key("escape")  # as the coordinator's key, through the bindings

        section._advance = stop_after_first
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not section.batch_running
                       and any("arrêtée" in m for m in notes(app)), timeout=60)
        made = len(list((tmp_path / "exports" / "chartes").glob("*.pdf")))
        assert made < total
        assert any(f"Production arrêtée : {made} charte" in m and f"sur {total}" in m
                   for m in notes(app))
        counts = text_of(section, "#counts")
        assert f"{total - made} à générer · {made} à signer" in counts


# ---- the person's page, and typing never lost --------------------------------------------------

async def test_the_persons_page_shows_each_seats_charter(demo_store, tmp_path):
    charter, _path = signed_charter(demo_store, tmp_path, "Sarah Guérin")
    sarah = charter.person_id
    professional = next(m for m in demo_store.memberships.of_committee(charter.committee_id)
                        if not set(demo_store.people.get(m.person_id).roles) & set(USER_ROLES))
    app = charter_app(demo_store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PersonScreen(professional.person_id))
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert str(table.get_row(str(charter.committee_id))[3]) == "aucune"
        await pilot.press("c")
        assert isinstance(app.screen, PersonScreen), "no charter for a seat that is not a user's"
        assert any("Pas de charte pour ce siège" in m for m in notes(app))
        await pilot.press("escape")

        app.push_screen(PersonScreen(sarah))
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen)
                       and app.screen.person_id == sarah)
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert str(table.get_row(str(charter.committee_id))[3]) == "Signée"
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CharterScreen))
        assert app.screen.SECTION == "people"
        assert app.screen.charter.id == charter.id


async def test_typed_values_are_never_lost_silently(demo_store, tmp_path):
    app = charter_app(demo_store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_charters(pilot)
        screen = await open_charter_of(pilot, "Gabriel Henry")
        await type_text(pilot, "Claire")
        assert screen.has_changes()

        # Ctrl+Q asks; the default answer goes back to the typing.
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Quitter sans enregistrer" in app.screen.title_text
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.query_one("#team_signatory", Input).value == "Claire"

        # Échap leaves the fields, then asks before leaving the page.
        await pilot.press("escape")
        assert screen.focused is screen.query_one("#preview-box")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Abandonner les valeurs" in app.screen.title_text
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)

        # Another section and back: the typing waits there, and Ctrl+Q still asks.
        await pilot.press("1")
        await wait_for(pilot, lambda: app.current_mode == app.DASHBOARD)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")
        await pilot.press("5")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.query_one("#team_signatory", Input).value == "Claire"
        assert demo_store.charters.of_person(screen.person_id) == [], "nothing produced unasked"


async def test_batch_helper_refuses_a_seat_without_any_template(demo_store, tmp_path):
    """The batch's unit of work says why, in French, rather than writing a half charter."""
    from comite.store.errors import Refused

    catalogue(demo_store)
    demo_store.charters.sync_catalog([])
    e = engagement(demo_store, "Sarah Guérin")
    try:
        produce(demo_store, e, SIGNATORY, TODAY, tmp_path / "chartes")
    except Refused as error:
        assert "aucun modèle ne prévoit son rôle" in error.message
    else:
        raise AssertionError("a charter without a template was made")
    assert not (tmp_path / "chartes").exists()


HOSTILE_NAMES = (Path(__file__).resolve().parents[1] / "data" / "hostile" / "names.txt").read_text(
    encoding="utf-8").splitlines()


@pytest.mark.parametrize("last_name", HOSTILE_NAMES)
async def test_a_hostile_name_shows_and_prints_as_typed(demo_store, tmp_path, last_name):
    person = demo_store.people.create(PersonInput(last_name=last_name, first_name="Zoé",
                                                  roles=(Role.USER_REPRESENTATIVE,)))
    cdu = next(s.committee for s in demo_store.committees.all() if s.committee.kind == "cdu")
    demo_store.memberships.add(cdu.id, person.id, MembershipInput())
    name = f"Zoé {last_name}"
    app = charter_app(demo_store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        section = await open_charters(pilot)
        table = section.query_one("#engagements", DataTable)
        assert str(table.get_row(f"{person.id}:{cdu.id}")[0]) == name
        screen = await open_charter_of(pilot, name)
        assert str(screen.query_one("#title").render()) == f"Charte — {name} · {cdu.name}"
        await type_text(pilot, "Claire")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.charter is not None, timeout=15)
        text = str(screen.query_one("#signatures").render())
        assert "pas encore signée" in text
        path = pdf_path(charters_folder(app.settings), screen.charter.uid, name)
        extracted = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
        assert name in extracted
        assert app.return_code is None, "the app is still running"


async def test_an_ended_engagement_keeps_its_charter_in_view(demo_store, tmp_path):
    charter, _path = signed_charter(demo_store, tmp_path, "Sarah Guérin")
    seat = next(m for m in demo_store.memberships.of_person(charter.person_id)
                if m.committee_id == charter.committee_id)
    demo_store.memberships.remove(seat.id)
    assert all(e.person_id != charter.person_id for e in demo_store.charters.engagements())
    app = charter_app(demo_store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PersonScreen(charter.person_id))
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        row = [str(cell) for cell in table.get_row(str(charter.committee_id))]
        assert row[2:] == ["(ancien)", "Signée", "engagement terminé"]
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CharterScreen))
        await pilot.pause()
        screen = app.screen
        assert screen.charter.id == charter.id
        assert text_of(screen, "#state").startswith("Signée")
        assert screen.query_one("#history", DataTable).row_count == 1
