"""Logs and crash reports hold no personal data; the app's start-up imports stay light."""

import subprocess
import sys

from comite.store import PersonInput
from comite.tui.screens.people import PeopleScreen
from comite.tui.textual_private import exit_renderables, handle_exception
from comite.usecases import logs, paths
from tests.tui.conftest import make_app, wait_for


async def test_log_file_never_holds_names_or_contacts(demo_store):
    log_file = logs.setup()
    person = demo_store.people.create(PersonInput(
        last_name="Quiberon-Tartempion", first_name="Anselme", email="anselme.q@example.org",
        phone="01 99 00 45 67", note="asthme sévère"))
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, PeopleScreen))
        await pilot.press("slash", "q", "u", "i", "b")
        await wait_for(pilot, lambda: app.screen.page is not None and app.screen.page.total == 1)
    logged = log_file.read_text(encoding="utf-8")
    assert "opened, schema v" in logged, "the log is really written"
    for secret in (person.last_name, person.first_name, person.email, "45 67", "asthme", "quib"):
        assert secret.lower() not in logged.lower()


def test_unexpected_error_report_hides_its_message_and_locals(demo_store):
    log_file = logs.setup()
    app = make_app(demo_store)
    try:
        raise ValueError("Dupont-Secret, 06 39 98 77 77")
    except ValueError as error:
        handle_exception(app, error)  # as Textual does with an error no handler caught
    shown = " ".join(str(r) for r in exit_renderables(app))
    assert "erreur inattendue" in shown
    assert "Dupont-Secret" not in shown and "77 77" not in shown
    logged = log_file.read_text(encoding="utf-8")
    assert "unexpected ValueError" in logged
    assert "Dupont-Secret" not in logged


def test_theme_choice_is_remembered(demo_store):
    from comite.usecases import settings

    async def run():
        app = make_app(demo_store)
        async with app.run_test(size=(80, 24)):
            app.theme = "nord"
        return settings.load()[0].theme

    import asyncio

    assert asyncio.run(run()) == "nord"


def test_app_start_up_imports_no_heavy_library():
    """sqlite_utils, icalendar, reportlab… cost 0.1–0.2 s each: imported where used only."""
    code = ("import sys, comite.cli.main, comite.tui.app, comite.tui.screens.dashboard; "
            "print(','.join(m for m in ('sqlite_utils', 'icalendar', 'reportlab', 'pypdf', "
            "'watchdog', 'smtplib', 'tomli_w', 'PIL') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_example_database_lives_in_the_data_folder():
    assert paths.example_db().parent == paths.data_dir()
    assert paths.default_db() != paths.example_db()


def test_a_full_log_is_set_aside_when_comite_starts(tmp_path):
    import logging

    from comite.usecases import logs

    log = tmp_path / "comite.log"
    log.write_bytes(b"x" * (logs.MAX_BYTES + 1))
    (tmp_path / "comite.log.1").write_text("plus ancien")
    try:
        assert logs.setup(tmp_path) == log
        logging.getLogger("comite").info("ouvert")
        assert (tmp_path / "comite.log.1").stat().st_size == logs.MAX_BYTES + 1
        assert (tmp_path / "comite.log.2").read_text() == "plus ancien"
        assert log.read_text(encoding="utf-8").endswith("ouvert\n")
    finally:
        for handler in logging.getLogger("comite").handlers:
            handler.close()
