"""Issue 23: F2 sets the mailbox the replies are read from (IMAP), under the sending server:
saved in settings.toml without its password, each refusal in French beside its field, and every
value the coordinator did not touch kept as it was."""

from dataclasses import replace

from textual.widgets import Input, Select, Static

from comite.exports.signature import make_certificate
from comite.tui.dialogs.settings_form import SettingsForm
from comite.usecases import settings as settings_file
from comite.usecases.settings import Settings
from tests.tui.conftest import choose, make_app, open_form, painted, retype, wait_for

SECRET = "mot-de-passe-de-la-messagerie"
REMOTE = "imap.msp-tilleuls.fr"
CLEAR_REFUSED = ("Sans chiffrement, seulement pour un serveur sur cet ordinateur (127.0.0.1) : "
                 "choisissez TLS ou STARTTLS.")


def error_of(form: SettingsForm, field: str) -> str:
    return str(form.query_one(f"#field-{field}").query_one(".field-error", Static).render())


def value(form: SettingsForm, field: str) -> object:
    widget = form.query_one(f"#{field}")
    return widget.value if isinstance(widget, Input | Select) else None


async def saved_and_closed(pilot) -> None:
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, SettingsForm))


async def test_the_mailbox_is_shown_under_the_sending_server_with_its_hints(demo_store):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        ids = [field.widget.id for field in form.query("Field")]
        assert ids[ids.index("smtp_security") + 1:ids.index("caldav_url")] == [
            "imap_host", "imap_port", "imap_user", "imap_security", "imap_folder",
            "imap_certificate"]
        assert [value(form, f) for f in ("imap_host", "imap_port", "imap_security",
                                         "imap_folder")] == ["", "993", "tls", "INBOX"]
        for field, hint in (("imap_host", "seuls les messages de comite sont touchés, rangés "
                                          "dans comite/traité"),
                            ("imap_user", "variable COMITE_IMAP_PASSWORD ou trousseau du "
                                          "système (comite-imap), jamais enregistré ici"),
                            ("imap_certificate", "certificat auto-signé")):
            form.query_one(f"#{field}").focus()
            # Focus scrolls the form to the field: the hint is painted once the scroll ends.
            shown = form.query_one(f"#field-{field} .field-hint")
            await wait_for(pilot, lambda h=hint, w=shown: h in painted(app, w))
        form.query_one("#imap_host").focus()
        label = form.query_one("#field-imap_host .field-label")
        await wait_for(pilot, lambda: painted(app, label) == "Serveur de réception (IMAP)")


async def test_the_mailbox_typed_in_is_saved_without_its_password(demo_store, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setenv("COMITE_IMAP_PASSWORD", SECRET)
    certificate = make_certificate(tmp_path / "serveur", "MSP des Tilleuls")
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        await retype(pilot, "imap_host", REMOTE)
        await retype(pilot, "imap_user", "claire.coordination")
        await choose(pilot, "imap_security", "STARTTLS")
        assert value(form, "imap_port") == "143", "the port follows the security chosen"
        await retype(pilot, "imap_folder", "INBOX/comite")
        form.query_one("#imap_certificate", Input).value = str(certificate.cert)
        await saved_and_closed(pilot)
    written = settings_file.settings_file().read_text(encoding="utf-8")
    assert settings_file.load()[0] == Settings(
        imap_host=REMOTE, imap_port="143", imap_user="claire.coordination",
        imap_security="starttls", imap_folder="INBOX/comite",
        imap_certificate=str(certificate.cert))
    assert SECRET not in written and "password" not in written


async def test_each_refusal_is_said_beside_its_field_and_nothing_is_saved(demo_store, tmp_path):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        await retype(pilot, "imap_host", REMOTE)
        await choose(pilot, "imap_security", "Aucune")
        form.query_one("#imap_certificate", Input).value = str(tmp_path / "serveur.pem")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "the form stays, with what was typed"
        assert error_of(form, "imap_security") == CLEAR_REFUSED
        assert error_of(form, "imap_user") == ("Indiquez l’identifiant de votre messagerie : le "
                                               "serveur de réception le demande.")
        assert error_of(form, "imap_certificate") == ("Ce fichier n’existe pas : vérifiez le "
                                                      "chemin.")
        assert "corrigez les 3 champs signalés" in str(form.query_one(".form-error",
                                                                      Static).render())
        assert value(form, "imap_host") == REMOTE
    assert not settings_file.settings_file().exists()


async def test_no_encryption_is_taken_for_a_server_on_this_computer(demo_store):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        await retype(pilot, "imap_host", "127.0.0.1")
        await retype(pilot, "imap_user", "claire")
        await choose(pilot, "imap_security", "Aucune")
        assert value(form, "imap_port") == "143"
        await retype(pilot, "imap_port", "1143")
        await saved_and_closed(pilot)
    saved = settings_file.load()[0]
    assert (saved.imap_host, saved.imap_port, saved.imap_security) == ("127.0.0.1", "1143", "none")


async def test_the_port_follows_the_security_unless_one_was_typed(demo_store):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        await choose(pilot, "imap_security", "STARTTLS")
        assert value(form, "imap_port") == "143"
        await choose(pilot, "imap_security", "TLS")
        assert value(form, "imap_port") == "993"
        await retype(pilot, "imap_port", "10993")
        await choose(pilot, "imap_security", "STARTTLS")
        assert value(form, "imap_port") == "10993", "a port of one's own is never replaced"
        await retype(pilot, "imap_port", "")
        await choose(pilot, "imap_security", "TLS")
        assert value(form, "imap_port") == "", "empty stays empty: its default follows"


async def test_changing_only_the_phone_keeps_the_mailbox(demo_store, tmp_path):
    certificate = make_certificate(tmp_path / "serveur", "MSP des Tilleuls")
    saved = Settings(coordinator_name="Claire Coordination", smtp_host="smtp.example.org",
                     smtp_user="claire", imap_host=REMOTE, imap_port="10143",
                     imap_user="claire.coordination", imap_security="starttls",
                     imap_folder="Réponses.comite", imap_certificate=str(certificate.cert))
    settings_file.save(saved)
    loaded = settings_file.load()[0]
    assert loaded == saved
    app = make_app(demo_store, watch_inbox=False, settings=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        assert [value(form, f) for f in ("imap_host", "imap_port", "imap_user", "imap_security",
                                         "imap_folder", "imap_certificate")] == [
            REMOTE, "10143", "claire.coordination", "starttls", "Réponses.comite",
            str(certificate.cert)]
        await retype(pilot, "coordinator_phone", "05 94 00 00 00")
        await saved_and_closed(pilot)
    assert settings_file.load()[0] == replace(saved, coordinator_phone="05 94 00 00 00")


async def test_a_certificate_gone_since_does_not_stop_another_change(demo_store, tmp_path):
    """Like a folder on an unplugged key: the mailbox's reader says so when it needs it."""
    gone = str(tmp_path / "cle-usb" / "serveur.pem")
    saved = Settings(imap_host=REMOTE, imap_user="claire", imap_certificate=gone)
    app = make_app(demo_store, watch_inbox=False, settings=saved)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "f2", SettingsForm)
        await retype(pilot, "coordinator_phone", "05 94 00 00 00")
        await saved_and_closed(pilot)
    assert settings_file.load()[0] == replace(saved, coordinator_phone="05 94 00 00 00")


async def test_a_security_written_by_hand_opens_as_tls(demo_store):
    """Settings handed to the app without going through `load` (which makes the securities
    known), holding « ssl », the sending server's word: F2 still opens, offering TLS, rather
    than stop on a value its list does not hold."""
    app = make_app(demo_store, watch_inbox=False,
                   settings=Settings(imap_host=REMOTE, imap_user="claire", imap_security="ssl"))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "f2", SettingsForm)
        assert value(form, "imap_security") == "tls"
        await saved_and_closed(pilot)
    assert settings_file.load()[0].imap_security == "tls"


async def test_a_sending_security_written_by_hand_no_longer_stops_f2(demo_store):
    """« SSL » in capitals, or the mailbox's word « tls », not through `load`: F2 stopped on
    a value its list did not hold."""
    for written, opened in (("SSL", "ssl"), ("tls", "starttls")):
        app = make_app(demo_store, watch_inbox=False, settings=Settings(smtp_security=written))
        async with app.run_test(size=(80, 24)) as pilot:
            form = await open_form(pilot, "f2", SettingsForm)
            assert value(form, "smtp_security") == opened
