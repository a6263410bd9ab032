"""Issue 24: F2 sets the structure's shared calendar (CalDAV) and the folder of the committees'
.ics feeds, under the mailbox: saved in settings.toml without the password, each refusal in
French beside its field, a missing feed folder created only once the coordinator said yes, and
every value the coordinator did not touch kept as it was."""

import tomllib

from textual.widgets import Input, Static

from comite.exports.signature import make_certificate
from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.dialogs.settings_form import SettingsForm
from comite.usecases import settings as settings_file
from comite.usecases.settings import Settings
from tests.tui.conftest import make_app, open_form, painted, retype, wait_for

SECRET = "mot-de-passe-de-l-agenda"
CALENDAR = "https://cloud.msp-tilleuls.fr/remote.php/dav/calendars/coordination/comite/"


def error_of(form: SettingsForm, field: str) -> str:
    return str(form.query_one(f"#field-{field}").query_one(".field-error", Static).render())


def put(form: SettingsForm, field: str, text: str) -> None:
    """A long value set at once (a path, an address): typing it key by key says nothing more."""
    form.query_one(f"#{field}", Input).value = text


async def saved_and_closed(pilot) -> None:
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, SettingsForm | ConfirmScreen))


async def test_the_calendar_is_shown_under_the_mailbox_with_its_hints(demo_store):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        ids = [field.widget.id for field in form.query("Field")]
        assert ids[ids.index("imap_certificate") + 1:ids.index("backup_folder")] == [
            "caldav_url", "caldav_user", "caldav_certificate", "feed_folder"]
        assert [form.query_one(f"#{f}", Input).value for f in (
            "caldav_url", "caldav_user", "caldav_certificate", "feed_folder")] == ["", "", "", ""]
        for field, label, hint in (
                ("caldav_url", "Agenda partagé (CalDAV)",
                 "facultatif : l’adresse du calendrier de la structure ; les dates des réunions y "
                 "sont publiées, sans aucun nom de participant"),
                ("caldav_user", "Identifiant",
                 "mot de passe : variable COMITE_CALDAV_PASSWORD ou trousseau du système "
                 "(comite-caldav), jamais enregistré ici"),
                ("caldav_certificate", "Certificat à accepter", "certificat auto-signé"),
                ("feed_folder", "Dossier du flux .ics",
                 "facultatif : un fichier .ics par comité, mis à jour à chaque changement, à "
                 "partager en lecture")):
            form.query_one(f"#{field}").focus()
            # Focus scrolls the form to the field: label and hint are painted once it ends.
            shown = form.query_one(f"#field-{field} .field-hint")
            await wait_for(pilot, lambda h=hint, w=shown: h in painted(app, w))
            named = form.query_one(f"#field-{field} .field-label")
            await wait_for(pilot, lambda t=label, w=named: painted(app, w) == t)


async def test_the_calendar_typed_in_is_saved_without_its_password(demo_store, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setenv("COMITE_CALDAV_PASSWORD", SECRET)
    certificate = make_certificate(tmp_path / "serveur", "MSP des Tilleuls")
    feed = tmp_path / "agenda"
    feed.mkdir()
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        put(form, "caldav_url", CALENDAR.rstrip("/"))
        await retype(pilot, "caldav_user", "claire.coordination")
        put(form, "caldav_certificate", str(certificate.cert))
        put(form, "feed_folder", str(feed))
        await saved_and_closed(pilot)
    written = settings_file.settings_file().read_text(encoding="utf-8")
    assert settings_file.load()[0] == Settings(
        caldav_url=CALENDAR, caldav_user="claire.coordination",
        caldav_certificate=str(certificate.cert), feed_folder=str(feed))
    assert SECRET not in written and "password" not in written


async def test_each_refusal_is_said_beside_its_field_and_nothing_is_saved(demo_store, tmp_path):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        put(form, "caldav_url", "http://cloud.msp-tilleuls.fr/remote.php/dav/calendars/c/")
        put(form, "caldav_certificate", str(tmp_path / "serveur.pem"))
        put(form, "feed_folder", "agenda-comite")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form stays, with what was typed"
        assert error_of(form, "caldav_url") == (
            "L’adresse commence par https:// : http:// (sans chiffrement) seulement pour un "
            "serveur sur cet ordinateur (127.0.0.1).")
        assert error_of(form, "caldav_user") == ("Indiquez l’identifiant du compte de l’agenda : "
                                                 "le serveur le demande.")
        assert error_of(form, "caldav_certificate") == ("Ce fichier n’existe pas : vérifiez le "
                                                        "chemin.")
        assert error_of(form, "feed_folder") == ("Indiquez le chemin complet du dossier (exemple "
                                                 ": ~/Nextcloud/agenda-comite).")
        assert "corrigez les 4 champs signalés" in str(form.query_one(".form-error",
                                                                      Static).render())
        put(form, "caldav_url", "https://claire:secret@cloud.msp-tilleuls.fr/dav/comite/")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "le mot de passe ne s’écrit pas dans l’adresse" in error_of(form, "caldav_url")
        assert form.query_one("#caldav_url", Input).value.startswith("https://claire:secret@")
    assert not settings_file.settings_file().exists()


async def test_a_missing_feed_folder_is_created_only_after_asking(demo_store, tmp_path):
    feed = tmp_path / "agenda-comite"
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        put(form, "feed_folder", str(feed))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.screen.title_text == f"Créer le dossier {feed} ?"
        assert app.screen.lines == ["Il n’existe pas encore. Il recevra le fichier .ics de chaque "
                                    "comité, à partager ou à ajouter à un agenda."]
        await pilot.press("escape")  # « Corriger »
        await wait_for(pilot, lambda: app.screen is form)
        assert not feed.exists()
        assert "n’existe pas" in error_of(form, "feed_folder")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("right", "enter")  # « Créer »
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsForm | ConfirmScreen))
    assert feed.is_dir()
    assert settings_file.load()[0].feed_folder == str(feed)


async def test_changing_only_the_phone_keeps_every_other_value(demo_store, tmp_path,
                                                               monkeypatch):
    monkeypatch.setenv("COMITE_CALDAV_PASSWORD", SECRET)
    certificate = make_certificate(tmp_path / "serveur", "MSP des Tilleuls")
    feed = tmp_path / "agenda"
    feed.mkdir()
    saved = Settings(coordinator_name="Claire Coordination", coordinator_role="coordinatrice",
                     coordinator_email="coordination@example.org", coordinator_phone="01 02 03 04 05",
                     smtp_host="smtp.example.org", smtp_port="465", smtp_user="claire",
                     smtp_security="ssl", imap_host="imap.msp-tilleuls.fr", imap_port="10143",
                     imap_user="claire.coordination", imap_security="starttls",
                     imap_folder="Réponses.comite", imap_certificate=str(certificate.cert),
                     caldav_url=CALENDAR, caldav_user="coordination",
                     caldav_certificate=str(certificate.cert), feed_folder=str(feed))
    settings_file.save(saved)
    before = tomllib.loads(settings_file.settings_file().read_text(encoding="utf-8"))
    loaded = settings_file.load()[0]
    assert loaded == saved
    app = make_app(demo_store, watch_inbox=False, settings=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        assert [form.query_one(f"#{f}", Input).value for f in (
            "caldav_url", "caldav_user", "caldav_certificate", "feed_folder")] == [
            CALENDAR, "coordination", str(certificate.cert), str(feed)]
        await retype(pilot, "coordinator_phone", "05 94 00 00 00")
        await saved_and_closed(pilot)
    written = settings_file.settings_file().read_text(encoding="utf-8")
    after = tomllib.loads(written)
    assert after == {**before, "coordinator_phone": "05 94 00 00 00"}
    assert SECRET not in written


async def test_a_certificate_or_feed_folder_gone_since_does_not_stop_another_change(demo_store,
                                                                                    tmp_path):
    """On an unplugged key: the publisher says so when it needs it; nothing is created."""
    gone = tmp_path / "cle-usb"
    saved = Settings(caldav_url=CALENDAR, caldav_user="claire",
                     caldav_certificate=str(gone / "serveur.pem"), feed_folder=str(gone / "agenda"))
    app = make_app(demo_store, watch_inbox=False, settings=saved)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "f2", SettingsForm)
        await retype(pilot, "coordinator_phone", "05 94 00 00 00")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsForm))
        assert not isinstance(app.screen, ConfirmScreen)
    assert settings_file.load()[0] == Settings(
        caldav_url=CALENDAR, caldav_user="claire", caldav_certificate=str(gone / "serveur.pem"),
        feed_folder=str(gone / "agenda"), coordinator_phone="05 94 00 00 00")
    assert not gone.exists()
