"""Backups while the app is open: one soon after start and, checked every hour, whenever the
last is a day old — in a thread, told in a toast; the passphrase asked once, when a backup
folder is chosen and none is kept."""

from collections.abc import Callable
from datetime import UTC, datetime

from textual.app import App

from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.kernel.sizes import file_size
from comite.store.errors import Refused
from comite.tui.workers import run_in_thread

FIRST_CHECK_S = 3.0  # after the first frame and the watchers
CHECK_EVERY_S = 3600.0
NO_PASSPHRASE = _("La phrase de passe n’est pas connue (Entrée ou F2, puis Ctrl+S pour la donner).")


def start(app: App) -> None:
    app.set_timer(FIRST_CHECK_S, lambda: back_up(app))
    app.set_interval(CHECK_EVERY_S, lambda: back_up(app))


def back_up(app: App, *, now: bool = False) -> None:
    """A backup in a thread when one is due (or `now`): never of the example data, never of
    an empty base, never two at once."""
    if app.example_open or not app.settings.backup_folder.strip() or app.backing_up:
        return
    store, settings, remembered = app.store, app.settings, app.backup_passphrase

    def work():
        from comite.usecases.backup import due, make_backup
        from comite.usecases.backup_secret import stored

        if store.is_empty() or not (now or due(store, datetime.now(UTC))):
            return None
        passphrase = remembered or stored()
        if passphrase is None:
            raise Refused(NO_PASSPHRASE)
        return make_backup(store, settings, passphrase)

    def done(written) -> None:
        app.backing_up = False
        if written is None:
            return
        app.backup_problem = None
        app.notify(_("Sauvegarde faite : {name} ({size}).").format(
            name=written.path.name, size=file_size(written.size)), timeout=5)
        _show_on_dashboard(app)

    def failed(message: str) -> None:
        app.backing_up = False
        message = message[:1].lower() + message[1:]  # after « Sauvegarde impossible : »
        if message != app.backup_problem:  # said once, not every hour
            app.notify(_("Sauvegarde impossible : {why} Nouvel essai dans une heure.").format(
                why=message), severity="warning", timeout=12)
        app.backup_problem = message
        _show_on_dashboard(app)

    app.backing_up = True
    run_in_thread(app, work, done=done, failed=failed, group="backup",
                  unwritable=lambda error: _("Le dossier {folder} ne peut pas la recevoir ({why}).")
                  .format(folder=settings.backup_folder, why=system_reason(error)))


def ensure_passphrase(app: App, then: Callable[[], object]) -> None:
    """With a backup folder chosen: `then()` once a passphrase is known — kept in the keyring,
    or chosen now (asked twice) and kept there; for this session only when there is no keyring."""
    def known() -> bool:
        from comite.usecases.backup_secret import stored

        return app.backup_passphrase is not None or stored() is not None

    def checked(found: bool) -> None:
        if found:
            then()
            return
        from comite.tui.dialogs.passphrase_form import PassphraseForm

        app.push_screen(PassphraseForm(), chosen)

    def chosen(passphrase: str | None) -> None:
        if passphrase is None:
            app.notify(_("Sans phrase de passe, aucune sauvegarde n’est faite : enregistrez de "
                         "nouveau les réglages (F2) pour la choisir."), severity="warning", timeout=10)
            return

        def keep() -> bool:
            from comite.usecases.backup_secret import keep as keep_in_keyring

            return keep_in_keyring(passphrase)

        run_in_thread(app, keep, done=lambda kept: kept_or_not(passphrase, kept), group="backup-secret",
                      failed=lambda message: app.notify(message, severity="error"))

    def kept_or_not(passphrase: str, kept: bool) -> None:
        if kept:
            app.notify(_("Phrase de passe gardée dans le trousseau du système."))
        else:
            app.backup_passphrase = passphrase
            app.notify(_("Le trousseau du système n’est pas disponible : la phrase de passe servira "
                         "jusqu’à la fermeture de comite, puis sera redemandée (ou définissez "
                         "COMITE_BACKUP_PASSPHRASE)."), severity="warning", timeout=12)
        then()

    run_in_thread(app, known, done=checked, group="backup-secret",
                  failed=lambda message: app.notify(message, severity="error"))


def _show_on_dashboard(app: App) -> None:
    from comite.tui.screens.dashboard import DashboardScreen

    if isinstance(app.screen, DashboardScreen):
        app.screen.reload()
