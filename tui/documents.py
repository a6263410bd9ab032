"""Documents written from a page, off the UI thread: invitations and paper convocations from the
meeting's page, the minutes' documents from the minutes' page.

The work is the application layer's (`comite.usecases.outbox`); here it runs in a thread worker
and the result is told in a toast that names the folder or the file.
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from textual.screen import Screen

from comite.kernel.i18n import _
from comite.store.errors import Refused

T = TypeVar("T")

log = logging.getLogger("comite.tui.documents")


def _exported(app, where: Path, write: Callable[[], T]) -> T | None:
    """Run an export in a worker thread; a refusal or a disk error is told, not raised."""
    try:
        return write()
    except Refused as error:
        app.call_from_thread(app.notify, error.message, severity="warning", timeout=8)
    except OSError as error:
        app.call_from_thread(app.notify, _("Impossible d’écrire dans {where} : {why}").format(
            where=where, why=error.strerror), severity="error", timeout=10)
    return None


def write_invitations(screen: Screen) -> None:
    app, meeting_id = screen.app, screen.meeting_id
    settings = app.settings

    def work() -> None:
        from comite.usecases.outbox import write_invitations as write

        result = _exported(app, settings.folder("outbox"),
                           lambda: write(app.store, meeting_id, settings))
        if result is not None:
            app.call_from_thread(_written, screen, result)

    app.run_worker(work, thread=True, group="outbox", exit_on_error=False)


def _written(screen: Screen, result) -> None:
    app = screen.app
    lines = [_("{n} message(s) prêts dans {folder} : ouvrez un .eml pour l’envoyer de votre "
               "messagerie.").format(n=len(result.emails), folder=result.folder)]
    if result.without_email:
        lines.append(_("Sans e-mail : {names} — « f » pour leur convocation papier.").format(
            names=", ".join(result.without_email)))
    app.notify("\n".join(lines), timeout=12)
    screen.reload()
    if app.settings.smtp_host and result.emails:
        from comite.tui.dialogs.confirm import ConfirmScreen

        ConfirmScreen.ask(
            app, _("Envoyer maintenant ?"),
            [_("{n} message(s) partiront par {host} depuis {sender}.").format(
                n=len(result.emails), host=app.settings.smtp_host,
                sender=app.settings.coordinator_email)],
            confirm=_("Envoyer"), cancel=_("Plus tard"), danger=False,
            then=lambda: send(screen, list(result.emails)))


def send(screen: Screen, emails: list[Path]) -> None:
    app, meeting_id, settings = screen.app, screen.meeting_id, screen.app.settings

    def work() -> None:
        from comite.usecases.outbox import send_invitations

        try:
            results = send_invitations(app.store, meeting_id, emails, settings)
        except Refused as error:
            app.call_from_thread(app.notify, error.message, severity="error", timeout=12)
            return
        sent = [r for r in results if r.ok]
        failed = [r for r in results if not r.ok]
        message = _("{n} message(s) envoyé(s).").format(n=len(sent))
        if failed:
            message += " " + _("{n} en échec : {why}").format(n=len(failed), why=failed[0].error)
        app.call_from_thread(app.notify, message, severity="warning" if failed else "information",
                             timeout=12)
        app.call_from_thread(screen.reload)

    app.run_worker(work, thread=True, group="outbox", exit_on_error=False)


def write_convocations(screen: Screen) -> None:
    app, meeting_id, settings = screen.app, screen.meeting_id, screen.app.settings

    def work() -> None:
        from comite.usecases.outbox import write_convocations as write

        path = _exported(app, settings.folder("exports"),
                         lambda: write(app.store, meeting_id, settings))
        if path is not None:
            app.call_from_thread(app.notify,
                                 _("Convocations à imprimer : {path}").format(path=path), timeout=12)

    app.run_worker(work, thread=True, group="outbox", exit_on_error=False)


def export_minutes(screen: Screen, kind: str) -> None:
    """Write one of the documents in a worker thread; a toast names the file."""
    app, meeting_id = screen.app, screen.meeting_id
    folder = app.settings.folder("exports")

    def work() -> None:
        from comite.usecases.minutes import MinutesKind, write_minutes

        chosen = MinutesKind(kind)
        try:
            path = write_minutes(app.store, meeting_id, chosen, app.settings)
        except Refused as error:
            app.call_from_thread(app.notify, error.message, severity="warning", timeout=8)
            return
        except OSError as error:
            app.call_from_thread(app.notify, _("Impossible d’écrire dans {where} : {why}").format(
                where=folder, why=error.strerror), severity="error", timeout=10)
            return
        log.info("minutes exported (%s)", kind)
        app.call_from_thread(app.notify, f"{chosen.label} : {path}", timeout=12)

    app.run_worker(work, thread=True, group="minutes-export", exit_on_error=False)
