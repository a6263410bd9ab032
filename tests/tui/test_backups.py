"""Backups in the app: the folder chosen in F2 and the passphrase asked once, a backup at start
when the last is a day old, the dashboard's date and alerts — on the real app, with real
archives opened back with the passphrase."""

from datetime import UTC, datetime, timedelta

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring
from textual.widgets import Input, OptionList, Static

from comite.store.backups import BackupRecord
from comite.tui import backups
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.passphrase_form import PassphraseForm
from comite.tui.dialogs.settings_form import SettingsForm
from comite.tui.screens.dashboard import DashboardScreen
from comite.tui.textual_private import notifications
from comite.usecases import backup_secret
from comite.usecases import settings as settings_file
from comite.usecases.backup_archive import opened
from comite.usecases.settings import Settings
from tests.keyrings import MemoryKeyring
from tests.tui.conftest import make_app, type_text, wait_for

PASSPHRASE = "quatre mots sans rapport"


def archives(folder) -> list:
    return sorted(folder.glob("comite-sauvegarde-*.zip")) if folder.is_dir() else []


def follow(app) -> list[str]:
    if not app.screen.query("#follow"):
        return []
    return [str(option.prompt) for option in app.screen.query_one("#follow", OptionList).options]


def totals(app) -> str:
    return str(app.screen.query_one("#committees-title", Static).render())


def put(app, input_id: str, text: str) -> None:
    """A long value in a field at once (typing it key by key is tested elsewhere)."""
    app.screen.query_one(f"#{input_id}", Input).value = text


def hint(app) -> str:
    return str(app.screen.query_one("#field-backup_folder").query_one(".field-hint", Static).render())


def noted(store, hours_ago: float, folder) -> None:
    store.backups.record(BackupRecord(created_at=datetime.now(UTC) - timedelta(hours=hours_ago),
                                      folder=str(folder), file_name="ailleurs.zip", size=1, files=0))


async def test_a_folder_chosen_in_f2_asks_the_passphrase_once_then_backs_up(demo_store, tmp_path,
                                                                           restore_keyring):
    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    folder = tmp_path / "sauvegardes"
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: any("Aucune sauvegarde : choisissez" in line for line in follow(app)))
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsForm))
        assert hint(app).startswith("aucune sauvegarde encore")
        put(app, "backup_folder", str(folder))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.screen.title_text == f"Créer le dossier {folder} ?"
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PassphraseForm))
        await type_text(pilot, "court")
        await pilot.press("tab")
        await type_text(pilot, "court")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PassphraseForm), "a short passphrase is refused, the form stays"
        assert app.screen.query_one("#field-passphrase").has_class("-invalid")
        put(app, "passphrase", PASSPHRASE)
        put(app, "confirmation", PASSPHRASE + "!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#field-confirmation").has_class("-invalid"), "typed twice the same"
        put(app, "confirmation", PASSPHRASE)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(archives(folder)) == 1, timeout=15)
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen)
                       and "sauvegardé aujourd’hui" in totals(app))
        assert not any("sauvegarde" in line.lower() for line in follow(app)), "no alert once done"
    assert kept.secrets == {(backup_secret.KEYRING_SERVICE, backup_secret.KEYRING_USER): PASSPHRASE}
    assert settings_file.load()[0].backup_folder == str(folder)
    with opened(archives(folder)[0], PASSPHRASE) as archive:
        assert archive.database().startswith(b"SQLite format 3\x00")


async def test_without_a_keyring_the_passphrase_serves_until_the_app_closes(demo_store, tmp_path,
                                                                          restore_keyring):
    keyring.set_keyring(NoKeyring())
    folder = tmp_path / "sauvegardes"
    folder.mkdir()  # an existing folder: nothing to ask
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsForm))
        put(app, "backup_folder", str(folder))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, PassphraseForm))
        put(app, "passphrase", PASSPHRASE)
        put(app, "confirmation", PASSPHRASE)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(archives(folder)) == 1, timeout=15)
        assert app.backup_passphrase == PASSPHRASE
        assert any("trousseau du système n’est pas disponible" in n.message for n in notifications(app))


async def test_the_app_backs_up_at_start_when_the_last_is_a_day_old_and_not_again(demo_store, tmp_path,
                                                                                monkeypatch):
    monkeypatch.setattr(backups, "FIRST_CHECK_S", 0.05)
    monkeypatch.setenv(backup_secret.ENVIRONMENT, PASSPHRASE)
    folder = tmp_path / "sauvegardes"
    noted(demo_store, 25, folder)
    settings = Settings(backup_folder=str(folder))
    app = make_app(demo_store, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(archives(folder)) == 1, timeout=15)
        await wait_for(pilot, lambda: not app.backing_up)
    assert datetime.now(UTC) - demo_store.backups.last().created_at < timedelta(minutes=5)

    again = make_app(demo_store, settings=settings)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await wait_for(pilot, lambda: not again.backing_up)
        assert "sauvegardé aujourd’hui" in totals(again)
    assert len(archives(folder)) == 1, "the last one is less than a day old: no second backup"


async def test_a_week_without_a_backup_is_an_alert_that_opens_the_settings(demo_store, tmp_path,
                                                                           monkeypatch):
    monkeypatch.setattr(backups, "FIRST_CHECK_S", 3600)  # the automatic one does not run here
    noted(demo_store, 9 * 24, tmp_path)
    app = make_app(demo_store, settings=Settings(backup_folder=str(tmp_path / "sauvegardes")))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(follow(app)))
        assert follow(app)[0].startswith("⚠ Aucune sauvegarde depuis 9 jours")
        assert "sauvegardé le " in totals(app)
        app.screen.query_one("#follow", OptionList).focus()
        app.screen.query_one("#follow", OptionList).highlighted = 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsForm))
        assert app.screen.query_one("#backup_folder", Input).value == str(tmp_path / "sauvegardes")
        assert hint(app).startswith("dernière sauvegarde le ") and "(il y a 9 jours)" in hint(app)


async def test_an_unplugged_key_is_said_on_the_dashboard_and_nothing_is_created(demo_store, tmp_path,
                                                                               monkeypatch):
    monkeypatch.setattr(backups, "FIRST_CHECK_S", 0.05)
    monkeypatch.setenv(backup_secret.ENVIRONMENT, PASSPHRASE)
    gone = tmp_path / "cle-usb" / "sauvegardes"
    app = make_app(demo_store, settings=Settings(backup_folder=str(gone)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.backup_problem is not None, timeout=15)
        await wait_for(pilot, lambda: any("Sauvegarde impossible : le dossier des sauvegardes"
                                          in line for line in follow(app)))
        assert any("Nouvel essai dans une heure" in n.message for n in notifications(app))
    assert not (tmp_path / "cle-usb").exists(), "an unplugged key's folder is never made on the disk"


async def test_without_a_passphrase_the_automatic_backup_says_how_to_give_it(demo_store, tmp_path,
                                                                            monkeypatch, restore_keyring):
    keyring.set_keyring(NoKeyring())
    monkeypatch.setattr(backups, "FIRST_CHECK_S", 0.05)
    folder = tmp_path / "sauvegardes"
    app = make_app(demo_store, settings=Settings(backup_folder=str(folder)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: any("phrase de passe n’est pas connue" in line
                                          for line in follow(app)), timeout=15)
    assert archives(folder) == []


@pytest.mark.parametrize("typed, said", [
    ("sauvegardes", "chemin complet"),
    ("/{file}", "C’est un fichier"),
    ("/{tmp}/absent/encore/sauvegardes", "Ni ce dossier ni le dossier qui le contient"),
])
async def test_the_settings_refuse_a_backup_folder_that_cannot_be_one(demo_store, tmp_path, typed, said):
    (tmp_path / "note.txt").write_text("x")
    typed = typed.format(file=str(tmp_path / "note.txt").lstrip("/"), tmp=str(tmp_path).lstrip("/"))
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsForm))
        put(app, "backup_folder", typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsForm)
        assert said in str(app.screen.query_one("#field-backup_folder").query_one(".field-error").render())
    assert not settings_file.settings_file().exists()
