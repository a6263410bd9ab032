"""F2's folders are checked like any form: a full path, a folder that exists or is created once
the coordinator said yes (« Créer le dossier … ? »), each refusal in French beside its field."""

import errno
from pathlib import Path

from textual.widgets import Input, Static

from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.settings_form import SettingsForm
from comite.usecases import settings as settings_file
from tests.tui.conftest import make_app, wait_for


async def open_settings(pilot) -> SettingsForm:
    await pilot.press("f2")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SettingsForm))
    return pilot.app.screen


def error_of(form: SettingsForm, field: str) -> str:
    return str(form.query_one(f"#field-{field}").query_one(".field-error", Static).render())


async def save_refused(pilot, form: SettingsForm) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert pilot.app.screen is form, "the form stays, with what was typed"


async def test_an_inbox_on_a_missing_disk_is_refused_and_nothing_is_created(demo_store, tmp_path):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_settings(pilot)
        form.query_one("#inbox", Input).value = str(tmp_path / "nonexistent" / "dir" / "inbox")
        await save_refused(pilot, form)
        assert "Ni ce dossier ni le dossier qui le contient" in error_of(form, "inbox")
    assert not (tmp_path / "nonexistent").exists()
    assert not settings_file.settings_file().exists()


async def test_a_relative_exports_folder_asks_for_the_full_path(demo_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_settings(pilot)
        assert "chemin complet" in str(form.query_one("#field-inbox .field-hint", Static).render())
        form.query_one("#exports", Input).value = "exports"
        await save_refused(pilot, form)
        assert "chemin complet" in error_of(form, "exports")
    assert not (tmp_path / "exports").exists()


async def test_a_missing_folder_is_created_only_after_asking(demo_store, tmp_path):
    outbox = tmp_path / "envoi"
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_settings(pilot)
        form.query_one("#outbox", Input).value = str(outbox)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.screen.title_text == f"Créer le dossier {outbox} ?"
        await pilot.press("escape")  # « Corriger »
        await wait_for(pilot, lambda: app.screen is form)
        assert not outbox.exists()
        assert "n’existe pas" in error_of(form, "outbox")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("right", "enter")  # « Créer »
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsForm | ConfirmScreen))
    assert outbox.is_dir()
    assert settings_file.load()[0].outbox == str(outbox)


async def test_a_folder_that_cannot_be_created_says_why_in_french(demo_store, tmp_path,
                                                                  monkeypatch):
    def refused(self, *args, **kwargs):
        raise OSError(errno.ENOENT, "No such file or directory", str(self))

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_settings(pilot)
        form.query_one("#outbox", Input).value = str(tmp_path / "envoi")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        monkeypatch.setattr(Path, "mkdir", refused)  # the disk went away in between
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: app.screen is form)
        said = error_of(form, "outbox")
        assert said == "Le dossier n’a pas pu être créé : le dossier n’existe pas."
        assert "No such file" not in said
    assert not settings_file.settings_file().exists()


async def test_an_unplugged_backup_key_does_not_stop_another_change(demo_store, tmp_path):
    unplugged = str(tmp_path / "cle-usb" / "sauvegardes")
    app = make_app(demo_store, settings=settings_file.Settings(backup_folder=unplugged))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_settings(pilot)
        form.query_one("#coordinator_phone", Input).value = "05 94 00 00 00"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsForm))
        assert not isinstance(app.screen, ConfirmScreen)
    assert settings_file.load()[0].coordinator_phone == "05 94 00 00 00"
    assert not (tmp_path / "cle-usb").exists()


async def test_each_folder_says_its_default_whole_at_80_columns(demo_store, isolated_folders,
                                                                monkeypatch):
    """The default was a placeholder cut to « par défaut : » in a field 50 cells wide."""
    from comite.tui.textual_private import painted_lines

    monkeypatch.setenv("HOME", str(isolated_folders))
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_settings(pilot)
        for name, folder in (("inbox", "boite-de-reception"), ("outbox", "boite-d-envoi"),
                             ("exports", "exports")):
            form.query_one(f"#{name}", Input).focus()
            expected = f"vide : ~/xdg_data_home/comite/{folder}"
            # Focus scrolls the form to the field: the hint is painted once the scroll ends.
            await wait_for(pilot, lambda e=expected: any(e in line for line in painted_lines(app)))
