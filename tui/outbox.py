"""Invitations and paper convocations written from the meeting screen, off the UI thread.

The files come from `exports`; here only the settings are read, the work is run in a thread
worker, and the result is told in a toast that names the folder or the file.
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from textual.screen import Screen

from comite.store.errors import Refused
from comite.store.i18n import _

log = logging.getLogger("comite.tui.outbox")
T = TypeVar("T")


def _organizer(screen: Screen):
    from comite.exports.ical import Organizer

    settings = screen.app.settings
    return Organizer(name=settings.coordinator_name, email=settings.coordinator_email)


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
    organizer, outbox = _organizer(screen), app.settings.folder("outbox")

    def work() -> None:
        from comite.exports.invitations import write_outbox

        store = app.store
        result = _exported(app, outbox, lambda: write_outbox(
            store.meetings.detail(meeting_id), organizer, outbox))
        if result is None:
            return
        store.meetings.record_invitations(meeting_id, list(result.records))
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
        from comite.tui.screens.confirm import ConfirmScreen

        app.push_screen(ConfirmScreen(
            _("Envoyer maintenant ?"),
            [_("{n} message(s) partiront par {host} depuis {sender}.").format(
                n=len(result.emails), host=app.settings.smtp_host,
                sender=app.settings.coordinator_email)],
            confirm=_("Envoyer"), cancel=_("Plus tard"), danger=False),
            lambda yes: yes and send(screen, list(result.emails)))


def send(screen: Screen, emails: list[Path]) -> None:
    app, meeting_id, settings = screen.app, screen.meeting_id, screen.app.settings

    def work() -> None:
        from comite.exports.smtp import SmtpConfig, password
        from comite.exports.smtp import send as send_all

        config = SmtpConfig(host=settings.smtp_host, port=int(settings.smtp_port or 587),
                            username=settings.smtp_user, security=settings.smtp_security,
                            from_address=settings.coordinator_email)
        try:
            results = send_all(emails, config, password(config))
        except Refused as error:
            app.call_from_thread(app.notify, error.message, severity="error", timeout=12)
            return
        sent = [r for r in results if r.ok]
        for result in sent:
            app.store.meetings.mark_sent(meeting_id, result.path.name, result.sent_at)
        failed = [r for r in results if not r.ok]
        log.info("sent %d invitation(s), %d failed", len(sent), len(failed))
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
        from comite.exports.files import slug
        from comite.exports.pdf.convocation import write_convocations as write_pdf

        detail = app.store.meetings.detail(meeting_id)
        target = settings.folder("exports") / f"convocations-{slug(detail.meeting.title)}.pdf"
        path = _exported(app, target, lambda: write_pdf(
            detail, target, organizer_name=settings.coordinator_name,
            organizer_phone=settings.coordinator_phone))
        if path is None:
            return
        app.call_from_thread(app.notify, _("Convocations à imprimer : {path}").format(path=path),
                             timeout=12)

    app.run_worker(work, thread=True, group="outbox", exit_on_error=False)
