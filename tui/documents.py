"""Documents written from a page, off the UI thread: invitations and paper convocations from the
meeting's page, the minutes' documents and the messages that send them from the minutes' page.

The work is the application layer's (`comite.usecases.outbox`); here it runs in a thread worker
and the result is told in a toast that names the folder or the file.
"""

import logging
from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from comite.kernel import plural
from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.store.errors import Refused
from comite.tui.workers import run_in_thread

log = logging.getLogger("comite.tui.documents")


def _warn(app) -> Callable[[Refused], object]:
    """A refusal (nothing to send, no address): a warning, not an error."""
    return lambda error: app.notify(error.message, severity="warning", timeout=8)


def _fail(app) -> Callable[[str], object]:
    return lambda message: app.notify(message, severity="error", timeout=10)


def write_invitations(screen: Screen) -> None:
    app, meeting_id = screen.app, screen.meeting_id
    settings = app.settings

    def work():
        from comite.usecases.outbox import write_invitations as write

        return write(app.store, meeting_id, settings)

    run_in_thread(app, work, done=lambda result: _written(screen, result), failed=_fail(app),
                  on_refusal=_warn(app), where=settings.folder("outbox"), group="outbox")


def _written(screen: Screen, result) -> None:
    app = screen.app
    written = plural.count(len(result.emails), _("message prêt"), _("messages prêts"))
    lines = [_("{written} dans {folder} : ouvrez un .eml pour l’envoyer de votre "
               "messagerie.").format(written=written, folder=result.folder)]
    if result.without_email:
        lines.append(_("Sans e-mail : {names} — « f » pour leur convocation papier.").format(
            names=", ".join(result.without_email)))
    app.notify("\n".join(lines), timeout=12)
    screen.reload()
    if not app.settings.smtp_host or not result.emails:
        return
    if not result.to_send:
        app.notify(_("Rien de nouveau à envoyer : chacun a déjà reçu son message tel qu’il est."),
                   timeout=8)
        return
    _offer_to_send(screen, list(result.to_send), len(result.emails), _send_invitations)


def _offer_to_send(screen: Screen, emails: list[Path], written: int,
                   send_work: Callable[[Screen, list[Path]], object]) -> None:
    """« Envoyer maintenant ? » through the server of the settings, with the count."""
    from comite.tui.dialogs.confirm import ConfirmScreen

    app = screen.app
    said = [plural.plural(len(emails), _("{n} message partira par {host} depuis {sender}."),
                          _("{n} messages partiront par {host} depuis {sender}.")).format(
        n=len(emails), host=app.settings.smtp_host, sender=app.settings.coordinator_email)]
    if len(emails) < written:
        said.append(_("Les autres, déjà envoyés et inchangés, ne repartent pas."))
    ConfirmScreen.ask(app, _("Envoyer maintenant ?"), said, confirm=_("Envoyer"),
                      cancel=_("Plus tard"), danger=False,
                      then=lambda: _send(screen, lambda: send_work(screen, emails)))


def _send_invitations(screen: Screen, emails: list[Path]) -> object:
    from comite.usecases.outbox import send_invitations

    return send_invitations(screen.app.store, screen.meeting_id, emails, screen.app.settings)


def _send(screen: Screen, work: Callable[[], object]) -> None:
    app = screen.app

    def sent(results) -> None:
        done = [r for r in results if r.ok]
        failed = [r for r in results if not r.ok]
        message = plural.count(len(done), _("message envoyé."), _("messages envoyés."))
        if failed:
            message += " " + _("{n} en échec : {why}").format(n=len(failed), why=failed[0].error)
        app.notify(message, severity="warning" if failed else "information", timeout=12)
        screen.reload()

    run_in_thread(app, work, done=sent, group="outbox",
                  failed=lambda message: app.notify(message, severity="error", timeout=12),
                  unwritable=lambda error: _("L’envoi n’a pas pu se faire : {why}").format(
                      why=system_reason(error)))


def write_convocations(screen: Screen) -> None:
    app, meeting_id, settings = screen.app, screen.meeting_id, screen.app.settings

    def work() -> Path:
        from comite.usecases.outbox import write_convocations as write

        return write(app.store, meeting_id, settings)

    run_in_thread(app, work, failed=_fail(app), on_refusal=_warn(app), group="outbox",
                  where=settings.folder("exports"),
                  done=lambda path: app.notify(
                      _("Convocations à imprimer : {path}").format(path=path), timeout=12))


def export_minutes(screen: Screen, kind: str, floor_names: bool = False) -> None:
    """Write one of the documents in a worker thread; a toast names the file. The speakers are
    named only when the coordinator chose it (`floor_names`)."""
    from comite.usecases.minutes import MinutesKind

    app, meeting_id, chosen = screen.app, screen.meeting_id, MinutesKind(kind)
    named = floor_names and chosen.names_speakers

    def work() -> Path:
        from comite.usecases.minutes import write_minutes

        return write_minutes(app.store, meeting_id, chosen, app.settings, floor_names=named)

    def written(path: Path) -> None:
        log.info("minutes exported (%s%s)", kind, ", speakers named" if named else "")
        label = _("{label}, prises de parole nominatives").format(label=chosen.label) if named \
            else chosen.label
        app.notify(f"{label} : {path}", timeout=12)

    run_in_thread(app, work, done=written, failed=_fail(app), on_refusal=_warn(app),
                  where=app.settings.folder("exports"), group="minutes-export")


def prepare_minutes_mail(screen: Screen) -> None:
    """The messages of the minutes' present status written for everyone not yet reached; the
    count told, the letters' file named, and « Envoyer maintenant ? » when a server is set."""
    app, meeting_id, settings = screen.app, screen.meeting_id, screen.app.settings

    def work():
        from comite.usecases.minutes_mail import prepare_minutes_mail as prepare

        return prepare(app.store, meeting_id, settings)

    def written(result) -> None:
        app.notify(minutes_mail_told(result), timeout=15)
        if result.emails and settings.smtp_host:
            _offer_to_send(screen, list(result.emails), len(result.emails), _send_minutes_mail)

    run_in_thread(app, work, done=written, failed=_fail(app), on_refusal=_warn(app),
                  where=settings.folder("outbox"), group="outbox")


def minutes_mail_told(result) -> str:
    """« 10 e-mails, 1 lettre à imprimer : …/lettres-diffuse.pdf », and where the e-mails wait."""
    from comite.kernel.plural import count

    if not result.emails and not result.letters:
        return _("Chaque membre a déjà reçu cette version du compte rendu : rien de nouveau à "
                 "envoyer.")
    said = ", ".join([count(len(result.emails), _("e-mail"), _("e-mails")),
                      count(len(result.on_paper), _("lettre à imprimer"), _("lettres à imprimer"))])
    lines = [f"{said} : {result.letters}" if result.letters else said]
    if result.emails:
        lines.append(_("Les e-mails sont dans {folder}.").format(folder=result.folder))
    return "\n".join(lines)


def _send_minutes_mail(screen: Screen, emails: list[Path]) -> object:
    from comite.usecases.minutes_mail import send_minutes_mail

    return send_minutes_mail(screen.app.store, screen.meeting_id, emails, screen.app.settings)
