"""A person's privacy, trainings and profile by keyboard at 80×24, on the example data: the
health note stays hidden until revealed (and the reading is journaled), cannot be written
without its consent, goes with the consent's withdrawal; a consent is recorded on the exact text
shown; a training keeps its certificate (a real PDF, copied, its sha256 recorded), a hostile one
is refused; access export and erasure from the page; the purge queue and its rules."""

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from textual.widgets import Button, DataTable, Input, Select, Static

from comite.store import NotFound
from comite.store.privacy_models import Purpose
from comite.tui.dialogs.access_export_form import ExportForm
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.consent_form import ConsentForm
from comite.tui.dialogs.health_note_form import HealthNoteForm
from comite.tui.dialogs.person_form import PersonForm
from comite.tui.dialogs.policy_form import PolicyForm
from comite.tui.dialogs.training_form import TrainingForm
from comite.tui.screens.people import PeopleScreen
from comite.tui.screens.person import JOURNEY, PRIVACY, PersonScreen
from comite.tui.screens.retention import RetentionScreen
from comite.tui.textual_private import notifications
from comite.tui.widgets.path_input import PathInput
from comite.tui.widgets.privacy_tab import PrivacyTab
from comite.usecases import paths
from comite.usecases.settings import Settings
from tests.tui.conftest import TODAY, make_app, wait_for

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "attestation"


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def notes(app) -> list[str]:
    return [str(n.message) for n in notifications(app)]


def health_person(store) -> int:
    """The example's one person with a health note (and its consent)."""
    return next(row.id for row in store.people.page(limit=100).rows
                if store.consents.has_health_note(row.id))


def person_without_consents(store) -> int:
    return next(row.id for row in store.people.page(limit=100).rows
                if not store.consents.of_person(row.id))


def audit_count(store) -> int:
    return len(store.audit.recent(100_000))


async def open_tab(pilot, person_id: int, key: str, tab: str) -> PersonScreen:
    app = pilot.app
    app.push_screen(PersonScreen(person_id))
    await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen)
                   and app.screen.person_id == person_id)
    await pilot.press(key)
    await wait_for(pilot, lambda: app.screen.active_tab() == tab)
    return app.screen


async def to_consent_row(pilot, purpose: Purpose) -> None:
    table = pilot.app.screen.query_one("#consents", DataTable)
    table.move_cursor(row=table.get_row_index(purpose.value))
    await pilot.pause()


# ---- the health note ---------------------------------------------------------------------------

async def test_reveal_the_health_note_journals_it_and_it_hides_again(demo_store):
    person = health_person(demo_store)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PersonScreen(person))
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        before = audit_count(demo_store)
        await pilot.press("v")  # on « Fiche »: it only shows the tab, nothing is read yet
        await wait_for(pilot, lambda: app.screen.active_tab() == PRIVACY)
        screen = app.screen
        assert audit_count(demo_store) == before
        assert "Note de santé : masquée — v pour l’afficher" in text_of(screen, "#health")
        assert "Diabète" not in text_of(screen, "#health")

        await pilot.press("v")
        await wait_for(pilot, lambda: "Diabète" in text_of(screen, "#health"))
        latest = demo_store.audit.recent(1)[0]
        assert (latest.action, latest.entity, latest.entity_id) == ("reveal", "person", person)
        assert latest.fields == ("health_note",), "the field's name, never its value"
        journal = screen.query_one("#journal", DataTable)
        assert [str(cell) for cell in journal.get_row_at(0)][2] == "note de santé consultée"
        assert "Diabète" not in " ".join(str(c) for i in range(journal.row_count)
                                          for c in journal.get_row_at(i))

        await pilot.press("p")  # another tab: the note hides
        await wait_for(pilot, lambda: screen.active_tab() == JOURNEY)
        assert screen.query_one(PrivacyTab).revealed is None
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.active_tab() == PRIVACY)
        assert "masquée" in text_of(screen, "#health")
        assert "Diabète" not in text_of(screen, "#health")

        await pilot.press("v")
        await wait_for(pilot, lambda: "Diabète" in text_of(screen, "#health"))
        await pilot.press("e")  # a form over the page: the page is left, the note hides
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        assert "masquée" in text_of(screen, "#health")
    reveals = [e for e in demo_store.audit.recent(20) if e.action == "reveal"]
    assert len(reveals) == 2, "each reading journaled, and only the readings asked for"


async def test_the_health_note_cannot_be_written_without_its_consent(demo_store):
    person = person_without_consents(demo_store)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, person, "r", PRIVACY)
        assert "il faudrait d’abord son accord « Informations de santé »" in text_of(
            screen, "#health")
        before = audit_count(demo_store)
        await pilot.press("h")
        await pilot.pause(0.2)
        assert app.screen is screen, "the form does not even open"
        assert not any(isinstance(s, HealthNoteForm) for s in app.screen_stack)
        message = notes(app)[-1]
        assert message.startswith("Pas d’information de santé sans son accord")
        assert "o sur cette ligne" in message, "says how to record the consent"
    assert not demo_store.consents.has_health_note(person)
    assert audit_count(demo_store) == before, "nothing written"


async def test_withdrawing_the_health_consent_erases_the_note_after_confirming(demo_store):
    person = health_person(demo_store)
    consent = demo_store.consents.active(person, Purpose.HEALTH)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, person, "r", PRIVACY)
        await to_consent_row(pilot, Purpose.HEALTH)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "la note de santé ne peut pas être gardée : elle sera effacée" in text_of(
            app.screen, ".dialog-body")
        await pilot.press("escape")  # changed their mind
        await wait_for(pilot, lambda: app.screen is screen)
        assert demo_store.consents.has_health_note(person)
        assert demo_store.consents.active(person, Purpose.HEALTH) == consent

        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        app.screen.query_one("#yes", Button).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: "aucune" in text_of(screen, "#health"))
        row = screen.query_one("#consents", DataTable).get_row(Purpose.HEALTH.value)
        assert str(row[1]).startswith("retiré le 23/11/2026")
    assert not demo_store.consents.has_health_note(person)
    assert demo_store.consents.active(person, Purpose.HEALTH) is None
    withdrawn = next(c for c in demo_store.consents.of_person(person) if c.id == consent.id)
    assert withdrawn.withdrawn_on == TODAY


# ---- consents -----------------------------------------------------------------------------------

async def test_a_consent_is_recorded_on_the_exact_text_shown(demo_store):
    person = person_without_consents(demo_store)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, person, "r", PRIVACY)
        await to_consent_row(pilot, Purpose.PHOTO)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConsentForm))
        form = app.screen
        photo = demo_store.consents.text(Purpose.PHOTO)
        await wait_for(pilot, lambda: text_of(form, "#consent-text") == photo.text)
        assert f"version {photo.version}" in text_of(form, "#consent-version")

        form.query_one("#purpose", Select).value = Purpose.HEALTH.value  # another purpose…
        health = demo_store.consents.text(Purpose.HEALTH)
        await wait_for(pilot, lambda: text_of(form, "#consent-text") == health.text)
        form.query_one("#purpose", Select).value = Purpose.PHOTO.value  # …and back
        await wait_for(pilot, lambda: text_of(form, "#consent-text") == photo.text)

        await pilot.press("ctrl+s")  # no method chosen
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-method").has_class("-invalid")
        form.query_one("#given_on", Input).value = "24/11/2026"  # tomorrow
        form.query_one("#method", Select).value = "oral"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-given_on").has_class("-invalid")
        assert demo_store.consents.of_person(person) == []
        form.query_one("#given_on", Input).value = "20/11/2026"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        row = screen.query_one("#consents", DataTable).get_row(Purpose.PHOTO.value)
        assert str(row[1]) == "accordé le 20/11/2026, à l’oral, texte 2026-1"
    consent = demo_store.consents.active(person, Purpose.PHOTO)
    assert (consent.text, consent.version) == (photo.text, photo.version)
    assert (consent.given_on, consent.method.value) == (date(2026, 11, 20), "oral")


# ---- trainings ------------------------------------------------------------------------------------

def make_pdf(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    canvas.drawString(72, 760, "Attestation : formation de base RU, 14 heures")
    canvas.showPage()
    canvas.save()
    return path


async def fill_training(pilot, certificate: Path | str) -> TrainingForm:
    await pilot.press("t")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TrainingForm))
    form = pilot.app.screen
    for field, value in (("course", "Formation de base des RU"), ("organisation", "France Assos "
                         "Santé"), ("hours", "14"), ("held_on", "13/10/2026")):
        form.query_one(f"#{field}", Input).value = value
    form.query_one("#kind", Select).value = "ru_basic"
    form.query_one(PathInput).query_one(Input).value = str(certificate)
    return form


async def test_a_training_keeps_its_certificate_and_removing_it_removes_the_file(demo_store,
                                                                                tmp_path):
    person = person_without_consents(demo_store)
    source = make_pdf(tmp_path / "attestation.pdf")
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tab(pilot, person, "p", JOURNEY)
        await fill_training(pilot, source)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        [training] = demo_store.trainings.of_person(person)
        copy = Path(training.certificate_path)
        assert copy.parent == paths.training_certificates_dir()
        assert copy.read_bytes() == source.read_bytes()
        assert training.certificate_sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
        assert "formation de base RU" in PdfReader(copy).pages[0].extract_text()
        row = [str(c) for c in screen.query_one("#trainings", DataTable).get_row(str(training.id))]
        assert row == ["13/10/2026", "Formation de base des RU", "Base RU", "14", "jointe"]

        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Son attestation" in text_of(app.screen, ".dialog-body")
        app.screen.query_one("#yes", Button).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: not copy.exists())
        await wait_for(pilot, lambda: screen.query_one("#trainings", DataTable).row_count == 0)
    assert demo_store.trainings.of_person(person) == []
    assert source.exists(), "the coordinator's own file is left alone"


@pytest.mark.parametrize("certificate", ["texte.pdf", "dossier", "absente.pdf"])
async def test_a_hostile_certificate_is_refused_beside_its_field(demo_store, tmp_path,
                                                                certificate):
    person = person_without_consents(demo_store)
    path = {"texte.pdf": HOSTILE / "texte.pdf", "dossier": tmp_path,
            "absente.pdf": tmp_path / "absente.pdf"}[certificate]
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, person, "p", JOURNEY)
        form = await fill_training(pilot, path)
        await pilot.press("ctrl+s")
        field = form.query_one("#field-certificate")
        await wait_for(pilot, lambda: field.has_class("-invalid"))
        error = str(field.query_one(".field-error", Static).render())
        assert {"texte.pdf": "n’est ni un PDF ni une image PNG ou JPEG",
                "dossier": "n’est pas un fichier ordinaire",
                "absente.pdf": "Fichier introuvable"}[certificate] in error
        assert app.screen is form, "the form stays, with what was typed"
        assert form.query_one("#course", Input).value == "Formation de base des RU"
    assert demo_store.trainings.of_person(person) == []
    folder = paths.training_certificates_dir()
    assert not folder.exists() or list(folder.iterdir()) == []


# ---- the profile ----------------------------------------------------------------------------------

async def test_the_profile_is_edited_with_errors_beside_the_fields(demo_store):
    person = person_without_consents(demo_store)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PersonScreen(person))
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        page = app.screen
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonForm))
        form = app.screen
        form.query_one("#birth_year", Input).value = "58"
        form.query_one("#sex", Select).value = "female"
        form.query_one("#territory", Input).value = "Quartier des Tilleuls"
        form.query_one("#lived_as", Select).value = "carer"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-birth_year").has_class("-invalid")
        assert "quatre chiffres" in str(form.query_one("#field-birth_year .field-error").render())
        assert app.focused.id == "birth_year"
        form.query_one("#birth_year", Input).value = "1958"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is page)
        assert ("Profil : née en 1958 · Femme · Quartier des Tilleuls · Aidante"
                in text_of(page, "#details"))
    saved = demo_store.people.get(person)
    assert (saved.birth_year, saved.sex, saved.territory, saved.lived_as) == (
        1958, "female", "Quartier des Tilleuls", "carer")


# ---- the rights: access and erasure ---------------------------------------------------------------

async def test_export_leaves_the_health_note_out_unless_asked(demo_store, tmp_path):
    person = health_person(demo_store)
    settings = Settings(exports=str(tmp_path / "exports"))
    app = make_app(demo_store, settings=settings, watch_inbox=False)
    folder = tmp_path / "exports" / "droit-d-acces"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, person, "r", PRIVACY)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportForm))
        assert app.screen.query_one("#include_health", Select).value == "no"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: folder.exists() and len(list(folder.glob("*.pdf"))) == 1,
                       timeout=20)
        await wait_for(pilot, lambda: any("Droit d’accès" in m for m in notes(app)))
        assert str(folder) in notes(app)[-1], "the toast names the folder"
    report = json.loads(next(folder.glob("*.json")).read_text(encoding="utf-8"))
    assert report["note_de_sante"]["existe"] is True
    assert report["note_de_sante"]["texte"] is None
    pdf_text = "".join(page.extract_text() for page in PdfReader(next(folder.glob("*.pdf"))).pages)
    assert "Diabète" not in pdf_text
    latest = demo_store.audit.recent(1)[0]
    assert (latest.action, latest.entity_id, latest.fields) == ("export", person, ("access",))


async def test_erase_from_the_privacy_tab_closes_the_page_and_says_what_was_done(demo_store):
    person = health_person(demo_store)
    name = demo_store.people.get(person).full_name
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen))
        await open_tab(pilot, person, "r", PRIVACY)
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        body = text_of(app.screen, ".dialog-body")
        assert "note de santé" in body and "formations (1)" in body and "candidatures (1)" in body
        expenses = demo_store.expenses.count_of(person)
        assert f"frais ({expenses}) et justificatifs" in body
        assert "C’est définitif" in body
        assert app.focused.id == "no", "Annuler has the focus"
        app.screen.query_one("#yes", Button).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen), timeout=20)
        await wait_for(pilot, lambda: any(m.startswith(f"{name} est effacé(e) de la base")
                                          for m in notes(app)))
    with pytest.raises(NotFound):
        demo_store.people.get(person)
    assert not demo_store.consents.has_health_note(person)


# ---- the purge queue -----------------------------------------------------------------------------

def queue_names(screen) -> list[str]:
    table = screen.query_one("#queue", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def open_queue(pilot) -> RetentionScreen:
    await pilot.press("3")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PeopleScreen))
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, RetentionScreen))
    return pilot.app.screen


async def test_the_purge_queue_lists_the_candidacy_not_retained(demo_store):
    [case] = demo_store.privacy.retention_queue(TODAY)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await open_queue(pilot)
        assert queue_names(queue) == [case.person_name]
        row = [str(c) for c in queue.query_one("#queue", DataTable).get_row_at(0)]
        assert row[1] == f"Non retenue depuis le {case.since:%d/%m/%Y} (24 mois)"
        assert row[2] == "à effacer"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert app.screen.person_id == case.person_id
        await pilot.press("r")
        await wait_for(pilot, lambda: app.screen.active_tab() == PRIVACY)
        assert (f"Conservation : candidature non retenue depuis le {case.since:%d/%m/%Y} "
                "(24 mois) — à effacer" in text_of(app.screen, "#retention"))


async def test_keep_takes_the_not_retained_person_out_of_the_queue(demo_store):
    [case] = demo_store.privacy.retention_queue(TODAY)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await open_queue(pilot)
        await pilot.press("k")
        await wait_for(pilot, lambda: queue_names(queue) == [], timeout=1)
    assert demo_store.people.get(case.person_id)


async def test_keep_an_inactive_person_for_another_period(demo_store):
    later = date(2030, 1, 15)  # years after the example was made: inactive people show up
    cases = demo_store.privacy.retention_queue(later)
    inactive = next(c for c in cases if c.reason.value == "inactive")
    app = make_app(demo_store, watch_inbox=False)
    app._today = later
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await open_queue(pilot)
        table = queue.query_one("#queue", DataTable)
        assert len(queue_names(queue)) == len(cases)
        table.move_cursor(row=table.get_row_index(str(inactive.person_id)))
        assert str(table.get_row(str(inactive.person_id))[2]) == "à examiner"
        await pilot.press("k")
        await wait_for(pilot, lambda: inactive.person_name not in queue_names(queue))
        assert len(queue_names(queue)) == len(cases) - 1
    assert demo_store.people.get(inactive.person_id), "kept, not erased"
    assert inactive.person_id not in {c.person_id for c in demo_store.privacy.retention_queue(later)}


async def test_erase_from_the_queue(demo_store):
    [case] = demo_store.privacy.retention_queue(TODAY)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await open_queue(pilot)
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert case.person_name in text_of(app.screen, ".form-title")
        app.screen.query_one("#yes", Button).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is queue and queue_names(queue) == [], timeout=20)
        assert "Personne à examiner aujourd’hui." in text_of(queue, "#policy")
    with pytest.raises(NotFound):
        demo_store.people.get(case.person_id)


async def test_change_the_retention_durations(demo_store):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        queue = await open_queue(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, PolicyForm))
        form = app.screen
        form.query_one("#not_retained_months", Input).value = "0"
        form.query_one("#inactive_months", Input).value = "trois ans"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-not_retained_months").has_class("-invalid")
        assert form.query_one("#field-inactive_months").has_class("-invalid")
        assert demo_store.privacy.policy().not_retained_months == 24
        form.query_one("#not_retained_months", Input).value = "36"
        form.query_one("#inactive_months", Input).value = "60"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is queue)
        await wait_for(pilot, lambda: queue_names(queue) == [])  # 800 days < 36 months
        assert "gardée 36 mois" in text_of(queue, "#policy")
    policy = demo_store.privacy.policy()
    assert (policy.not_retained_months, policy.inactive_months) == (36, 60)
