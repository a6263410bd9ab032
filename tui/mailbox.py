"""The coordinator's mailbox while the app is open: read on a thread of its own (IDLE, or every
minute), each reply reaching the open screens as it arrives; its state in the section bar —
« ✉ hors ligne » is a state, never an error dialog; a refusal only the coordinator can mend
(password, certificate, folder) is said once in a toast."""

from textual.app import App

from comite.kernel.i18n import _

# What the section bar says after the sections; nothing while all is well.
STATUS = {"offline": _("✉ hors ligne"), "refused": _("✉ à régler (F2)"), "fault": _("✉ en pause")}
IN_MAILBOX_FOLDER = _("dans votre messagerie, dossier « {folder} »")


def start(app: App) -> None:
    """Read the mailbox the settings name, in place of any reader already running."""
    stop(app)
    from comite.usecases.settings import mailbox_wanted

    if not mailbox_wanted(app.settings) or app.example_open or not app.watching:
        app.mailbox_status = ""
        return
    from comite.sync.mailbox_watch import MailboxWatcher
    from comite.usecases.mailbox import open_mailbox

    store, settings = app.store, app.settings
    app.mailbox_status = ""
    watcher = MailboxWatcher(lambda: open_mailbox(store, settings),
                             lambda results: app.post_from_thread(_results, app, results),
                             lambda state, message: app.post_from_thread(_state, app, state, message))
    app.mailbox_watcher = watcher
    watcher.start()


def stop(app: App, wait: bool = False) -> None:
    if app.mailbox_watcher is not None:
        app.mailbox_watcher.stop(wait=wait)
        app.mailbox_watcher = None


def _state(app: App, state: str, message: str) -> None:
    app.mailbox_status = STATUS.get(state, "")
    if state == "refused":
        app.notify(_("Messagerie : {message}").format(message=message), severity="warning",
                   timeout=15)
    elif state == "fault":
        app.notify(_("Messagerie : {message}").format(message=message), severity="error",
                   timeout=15)


def _results(app: App, results: list) -> None:
    from comite.tui.wording import MAILBOX_WORDS

    app.tell_results("mailbox", _("Messagerie : "), results, MAILBOX_WORDS)
