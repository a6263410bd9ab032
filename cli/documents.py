"""`comite export …` and `comite sync`: the same exports and inbox as the app, for scripts."""

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store import Refused, Store
from comite.store.meeting_models import Meeting, MeetingStatus
from comite.store.minutes_models import MinutesStatus
from comite.usecases import paths
from comite.usecases import settings as settings_file

OK, FAILURE = 0, 1


def export(store: Store, args: argparse.Namespace) -> int:
    current, _warning = settings_file.load()
    if args.what != "minutes" and (args.variant or args.confidential or args.floor_names):
        raise Refused(_("--variant, --confidential et --parole-nominative ne servent qu’au compte "
                        "rendu : « comite export minutes REUNION »."))
    if args.what == "composition":
        from comite.cli.composition import export as export_composition

        return export_composition(store, current, args)
    detail = store.meetings.detail(store.meetings.resolve(args.meeting).id)
    if args.what == "invitations":
        return _invitations(store, detail, current, args)
    if args.what == "minutes":
        return _minutes(store, detail.meeting, current, args)
    return _convocations(store, detail, current, args)


def _invitations(store: Store, detail, current: settings_file.Settings,
                 args: argparse.Namespace) -> int:
    from comite.usecases.outbox import write_invitations

    result = write_invitations(store, detail.meeting.id, current,
                               Path(args.out).expanduser() if args.out else None)
    print(_("{written} dans {folder}").format(written=plural.count(
        len(result.emails), _("invitation écrite"), _("invitations écrites")), folder=result.folder))
    if result.without_email:
        print(_("Sans e-mail (convocation papier : « comite export convocations {id} ») : {names}")
              .format(id=detail.meeting.id, names=", ".join(result.without_email)))
    if not args.send:
        return OK
    if not result.to_send:
        print(_("Rien de nouveau à envoyer : chacun a déjà reçu son message tel qu’il est."))
        return OK
    if len(result.to_send) < len(result.emails):
        unchanged = len(result.emails) - len(result.to_send)
        print(plural.plural(unchanged, _("{n} message déjà envoyé et inchangé : pas renvoyé."),
                            _("{n} messages déjà envoyés et inchangés : pas renvoyés.")).format(
            n=unchanged))
    from comite.usecases.outbox import send_invitations

    return _send(lambda: send_invitations(store, detail.meeting.id, list(result.to_send), current),
                 current)


def _send(send: Callable[[], list], current: settings_file.Settings) -> int:
    if not current.smtp_host:  # not a refused input: the messages wait in the outbox
        print(_("Aucun serveur d’envoi n’est réglé (F2 dans l’application) : les messages "
                "attendent dans la boîte d’envoi."), file=sys.stderr)
        return FAILURE
    results = send()
    for result in results:
        if not result.ok:
            print(f"{result.path.name} : {result.error}", file=sys.stderr)
    sent = sum(1 for result in results if result.ok)
    print(plural.plural(sent, _("{sent} message envoyé sur {total}."),
                        _("{sent} messages envoyés sur {total}.")).format(sent=sent,
                                                                         total=len(results)))
    return OK if sent == len(results) else FAILURE


def _convocations(store: Store, detail, current: settings_file.Settings,
                  args: argparse.Namespace) -> int:
    from comite.usecases.outbox import write_convocations

    path = write_convocations(store, detail.meeting.id, current,
                              Path(args.out).expanduser() if args.out else None)
    print(_("Convocations à imprimer : {path}").format(path=path))
    return OK


def _minutes(store: Store, meeting: Meeting, current: settings_file.Settings,
             args: argparse.Namespace) -> int:
    """The full minutes (PDF, or Markdown when the file ends in .md) or the easy-to-read PDF;
    with none of --out, --variant, --confidential, --parole-nominative, also the messages that
    send the minutes' present version to the members (--send: sent as well)."""
    document_only = bool(args.out or args.variant or args.confidential or args.floor_names)
    if args.send and document_only:
        raise Refused(_("--send envoie le compte rendu aux membres, dans la version que chacun "
                        "reçoit : il ne se combine pas avec --out, --variant, --confidential ni "
                        "--parole-nominative."))
    status = store.minutes.state(meeting.id).status
    draft = status is MinutesStatus.DRAFT
    if args.send and draft and meeting.status is MeetingStatus.HELD:
        raise Refused(_("Le compte rendu est encore un brouillon : diffusez-le d’abord pour "
                        "remarques (« d » sur sa page dans l’application)."))
    code = _minutes_document(store, meeting, current, args)
    if document_only or draft:
        return code
    return _minutes_messages(store, meeting, status, current, args.send)


def _minutes_messages(store: Store, meeting: Meeting, status: MinutesStatus,
                      current: settings_file.Settings, send: bool) -> int:
    from comite.usecases.minutes_mail import prepare_minutes_mail, send_minutes_mail

    result = prepare_minutes_mail(store, meeting.id, current)
    print(_("Messages aux membres ({status}) : {emails}, {letters} à imprimer").format(
        status=status.label.lower(),
        emails=plural.count(len(result.emails), _("e-mail"), _("e-mails")),
        letters=plural.count(len(result.on_paper), _("lettre"), _("lettres"))))
    if result.emails:
        print(_("E-mails dans {folder}").format(folder=result.folder))
    if result.letters:
        print(_("Lettres à imprimer : {path} ({names})").format(
            path=result.letters, names=", ".join(result.on_paper)))
    if not result.emails and not result.letters:
        print(_("Chaque membre a déjà reçu cette version du compte rendu : rien de nouveau."))
    if not send or not result.emails:
        return OK
    return _send(lambda: send_minutes_mail(store, meeting.id, list(result.emails), current),
                 current)


def _minutes_document(store: Store, meeting: Meeting, current: settings_file.Settings,
                      args: argparse.Namespace) -> int:
    from comite.usecases.minutes import MinutesKind, write_minutes

    easy = args.variant == "easy"
    target = Path(args.out).expanduser() if args.out else None
    markdown = target is not None and target.suffix.lower() == ".md"
    if easy and args.confidential:
        raise Refused(_("La version facile à lire est faite pour être distribuée : elle ne contient "
                        "jamais de passage confidentiel. Retirez --confidential."))
    if easy and args.floor_names:
        raise Refused(_("La version facile à lire ne nomme personne : elle dit seulement combien "
                        "de fois chaque côté a pris la parole. Retirez --parole-nominative."))
    if easy and markdown:
        raise Refused(_("La version facile à lire n’existe qu’en PDF : choisissez un fichier .pdf."))
    if markdown and args.confidential:
        raise Refused(_("Le passage confidentiel ne va jamais dans un texte fait pour un e-mail "
                        "(secret professionnel, art. L. 1112-3 du code de la santé publique) : "
                        "la version interne n’existe qu’en PDF. Choisissez un fichier .pdf."))
    if meeting.status is not MeetingStatus.HELD:
        raise Refused(_("Le compte rendu suit une réunion tenue : notez d’abord la réunion comme "
                        "tenue."))
    if easy:
        kind = MinutesKind.EASY
    elif markdown:
        kind = MinutesKind.TEXT
    else:
        kind = MinutesKind.INTERNAL if args.confidential else MinutesKind.FULL
    path = write_minutes(store, meeting.id, kind, current, target, floor_names=args.floor_names)
    if args.confidential:
        print(_("Compte rendu, version interne (à ne pas diffuser) : {path}").format(path=path))
    elif easy:
        print(_("Compte rendu facile à lire : {path}").format(path=path))
    elif args.floor_names:
        print(_("Compte rendu, prises de parole nominatives : {path}").format(path=path))
    else:
        print(_("Compte rendu : {path}").format(path=path))
    return OK


def sync(store: Store, args: argparse.Namespace) -> int:
    """The inbox folder, and the coordinator's mailbox when the settings name one; then the
    meetings' dates shared: the committees' feeds and the shared calendar, when set."""
    from comite.sync.inbox import Inbox
    from comite.usecases.mailbox import open_mailbox

    current, _warning = settings_file.load()
    folder = Path(args.inbox).expanduser() if args.inbox else current.folder("inbox")
    folder.mkdir(parents=True, exist_ok=True)
    inbox = Inbox(folder, store, charter_pieces=paths.charter_pieces_dir(),
                  trusted=paths.trusted_certificates(), organizers=(current.coordinator_email,))
    if not args.watch:
        folder_read = _sync_folder_once(inbox)
        mailbox = open_mailbox(store, current)
        mailbox_read = _sync_mailbox_once(mailbox) if mailbox else OK
        return max(folder_read, mailbox_read, _publish_once(store, current))
    return _watch(inbox, lambda: open_mailbox(store, current), _Publishing.wanted(store, current))


def _sync_folder_once(inbox) -> int:
    from comite.sync.errors import ScanFault
    from comite.sync.inbox import InboxScanner
    from comite.sync.watcher import scan_until_settled

    # A file is taken once it looks the same at two scans: scan until none is waiting.
    try:
        scan_until_settled(InboxScanner(inbox, poll=inbox.settle_seconds / 4), _report,
                           threading.Event())
    except ScanFault as fault:  # a full disk, a folder that cannot be written: said, then over
        print(_("comite : {message}").format(message=fault.message), file=sys.stderr)
        return FAILURE
    return OK


def _sync_mailbox_once(mailbox) -> int:
    from comite.sync.errors import ScanFault

    try:
        mailbox.connect()
        try:
            _report(mailbox.read())
        finally:
            mailbox.close()
    except ScanFault as fault:  # offline, a wrong password, an untrusted certificate, a full disk
        print(_("comite : {message}").format(message=fault.message), file=sys.stderr)
        return FAILURE
    return OK


def _watch(inbox, open_mailbox: Callable, publishing: "_Publishing | None") -> int:
    from comite.sync.inbox import InboxScanner
    from comite.sync.mailbox_watch import MailboxWatcher
    from comite.sync.watcher import FolderWatcher

    watcher = FolderWatcher(lambda: InboxScanner(inbox), _report, on_fault=_say_fault)
    # The mailbox on a thread of its own; it opens its reader there (the store's connection is
    # the thread's), and is told to stop with the folder's watch.
    mail = MailboxWatcher(open_mailbox, _report, _say_mailbox_state)
    mail.start()
    if publishing is not None:
        publishing.start()
    signal.signal(signal.SIGTERM, lambda *_args: watcher.stop())
    print(_("Surveillance de {folder} (Ctrl+C pour arrêter)…").format(folder=inbox.folder), flush=True)
    # On this thread, which has nothing else to do. Ctrl+C ends the watch: `run` stops its
    # observer on the way out.
    try:
        with contextlib.suppress(KeyboardInterrupt):
            watcher.run()
    finally:
        mail.stop(wait=True)
        if publishing is not None:
            publishing.stop()
    return OK


def _say_mailbox_state(state, message: str) -> None:
    if state == "online":
        print(_("Messagerie : lue à chaque nouveau message."), flush=True)
    elif message:
        print(_("comite : {message}").format(message=message), file=sys.stderr, flush=True)


def _say_fault(message: str) -> None:
    print(_("comite : {message} Nouvel essai dans un moment, puis de plus en plus espacé.").format(
        message=message), file=sys.stderr, flush=True)


def _report(results: list) -> None:
    for result in results:
        if result.outcome in ("processed", "quarantined"):
            mark = _("traité") if result.outcome == "processed" else _("mis de côté")
            print(f"{result.name} : {mark} — {result.reason}", flush=True)


# ---- the meetings' dates shared: the committees' feeds, the shared calendar ---------------

PUBLISH_EVERY_S = 30.0


def _publish_once(store: Store, current: settings_file.Settings) -> int:
    """The feeds and the shared calendar once; 1 when they could not be (said in French): what
    waits stays pending, and the next `comite sync` sends it."""
    teller = _Teller(current)
    problem = teller.publish(store)
    if problem:
        print(_("comite : {message}").format(message=problem), file=sys.stderr)
        return FAILURE
    return OK


class _Teller:
    """Publishes and says what came of it, each thing once: a watch publishes every 30 s and
    says only what changed (a new conflict, the server gone or back), never the same twice."""

    def __init__(self, current: settings_file.Settings) -> None:
        self.current = current
        self.problem = ""  # the French sentence last said of what stopped a publication
        self.conflicts: set[str] = set()
        self.told = False  # a first publication is said, even when it sent nothing

    def publish(self, store: Store) -> str:
        """One publication; its problem in French ('' when none), not said here."""
        from comite.exports.caldav import CalendarRefused, CalendarUnreachable
        from comite.store.errors import fault_message
        from comite.usecases.shared_calendar import publish

        try:
            done = publish(store, self.current, on_feeds=self._say_feeds)
        except (CalendarUnreachable, CalendarRefused) as refused:
            return refused.message
        except OSError as error:  # the feeds' folder: a full disk, a folder gone read-only
            return fault_message(error, where=settings_file.calendar_feed_folder(self.current))
        if done is not None:
            self._say_publication(done)
        return ""

    def _say_feeds(self, written: list[Path]) -> None:
        if written:
            print(_("Flux .ics : {files} dans {folder}").format(
                files=plural.count(len(written), _("fichier écrit"), _("fichiers écrits")),
                folder=settings_file.calendar_feed_folder(self.current)), flush=True)

    def _say_publication(self, done) -> None:
        # After an outage, what went is said even if nothing did: the server answers again.
        if not self.told or self.problem or done.sent or done.removed:
            print(_("Agenda partagé : {sent}, {removed}").format(
                sent=plural.count(done.sent, _("réunion publiée"), _("réunions publiées")),
                removed=plural.count(done.removed, _("retirée"), _("retirées"))), flush=True)
        for conflict in done.conflicts:
            if conflict not in self.conflicts:
                print(conflict, flush=True)
        # A conflict settled, then met again, is said again.
        self.conflicts, self.told = set(done.conflicts), True


class _Publishing:
    """`comite sync --watch` publishes at start, then every 30 s, on a thread of its own (the
    store's connection is the thread's) until `stop`; a problem is said once per change."""

    def __init__(self, store: Store, current: settings_file.Settings) -> None:
        self._store = store
        self._teller = _Teller(current)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="comite-calendar", daemon=True)

    @classmethod
    def wanted(cls, store: Store, current: settings_file.Settings) -> "_Publishing | None":
        """None when the settings name neither a feeds' folder nor a shared calendar."""
        if settings_file.calendar_feed_folder(current) is None and \
                not settings_file.calendar_wanted(current):
            return None
        return cls(store, current)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        # Waits for a publication under way: one killed between the server's answer and its
        # record would find its own object, next time, as a colleague's change.
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self._say(self._attempt())
            if self._stop.wait(PUBLISH_EVERY_S):
                return

    def _attempt(self) -> str:
        import sqlite3

        from comite.store.errors import fault_message

        try:
            return self._teller.publish(self._store)
        except sqlite3.Error as error:  # the database busy beyond its timeout: tried again
            return fault_message(error) or ""
        except Exception as error:  # the thread's last wall: logged, said, tried again
            from comite.usecases import logs

            logs.log_unexpected(error)
            return _("une erreur inattendue a interrompu la publication des dates ; le détail "
                     "technique (sans données personnelles) est dans le journal {log}.").format(
                log=paths.log_dir() / "comite.log")

    def _say(self, problem: str) -> None:
        if problem and problem != self._teller.problem:
            print(_("comite : {message}").format(message=problem), file=sys.stderr, flush=True)
        self._teller.problem = problem

