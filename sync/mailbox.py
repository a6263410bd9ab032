"""The coordinator's own mailbox (IMAP): the replies to comite's invitations read where they
arrive, applied once, then filed in « comite/traité » — or in « comite/à vérifier », with the
reason in the app's inbox screen. Every other message stays exactly as it was: messages are read
with BODY.PEEK (never marked read), and only those `mailbox_messages` says are comite's move.

A message is applied once: its Message-ID and the sha256 of its bytes are recorded in the
transaction that applies it; found again (a move that failed, another reader), it is only
filed. How far a folder was read (UIDVALIDITY, last UID) is kept in the base, so a message
left alone is not fetched again; the first reading looks back `FIRST_LOOK_DAYS` days.

The password comes from COMITE_IMAP_PASSWORD or the system keyring, is used for one login and
never written anywhere. TLS certificates are verified; a server's own certificate may be
trusted by naming its file in the settings.
"""

import contextlib
import hashlib
import logging
import ssl
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from comite.kernel.i18n import _
from comite.kernel.secrets import network_reason, stored_secret
from comite.store import Refused, Store
from comite.store.inbox import MAILBOX, PROCESSED, QUARANTINED
from comite.sync.errors import InboxRefusal, ScanFault
from comite.sync.inbox import InboxResult, Outcome
from comite.sync.mailbox_messages import Headers, NotOurs, apply_message, read_headers

PASSWORD_VARIABLE = "COMITE_IMAP_PASSWORD"
KEYRING_SERVICE = "comite-imap"
DONE_FOLDER = "comite/traité"
CHECK_FOLDER = "comite/à vérifier"
TIMEOUT_SECONDS = 30
FIRST_LOOK_DAYS = 60
MAX_BYTES = 5 * 1024 * 1024  # a reply or a poll export weighs a few KB
CHARTER_BYTES = 20 * 1024 * 1024  # a signed charter, scanned or not
# RFC 2177: a client re-issues IDLE at least every 29 minutes; a quiet NAT forgets sooner.
IDLE_RENEW_SECONDS = 10 * 60
_BATCH = 100
_LOCAL_HOSTS = ("127.0.0.1", "::1", "localhost")

log = logging.getLogger("comite.sync")


@dataclass(frozen=True, slots=True)
class MailboxConfig:
    host: str
    port: int
    user: str
    security: str = "tls"  # 'tls', 'starttls', or 'none' (a server on this machine only)
    folder: str = "INBOX"
    certificate: Path | None = None  # one certificate to trust besides the system's

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def key(self) -> str:
        """Names the folder read, for the mark kept in the base."""
        return f"{self.user}@{self.host}:{self.port}/{self.folder}"


class MailboxOffline(ScanFault):
    """The server cannot be reached now (network, server down, connection lost): tried again."""


class MailboxRefused(ScanFault):
    """The server refuses us (login, certificate, folder): only the coordinator can mend it."""


def password(config: MailboxConfig) -> str | None:
    """$COMITE_IMAP_PASSWORD, else the system keyring, else None."""
    return stored_secret(PASSWORD_VARIABLE, KEYRING_SERVICE, config.user)


class Mailbox:
    """One reader of one folder. `connect()`, then `read()` as often as wanted and `wait()`
    between; `close()` at the end. Faults: MailboxOffline, MailboxRefused (French messages)."""

    def __init__(self, store: Store, config: MailboxConfig, *, secret: str | None = None,
                 organizers: Iterable[str] = (), charter_pieces: Path | None = None,
                 trusted: Iterable[Path] = (), poll_seconds: float = 60.0) -> None:
        self.store = store
        self.config = config
        self._secret = secret
        self.organizers = tuple(address for address in organizers if address)
        self.charter_pieces = charter_pieces
        self.trusted = tuple(trusted)
        self.poll_seconds = poll_seconds
        self._client = None
        self._validity = 0  # the selected folder's UIDVALIDITY
        self._made: set[str] = set()  # folders known to exist

    # ---- the connection ------------------------------------------------------------------

    def connect(self) -> None:
        from imapclient import IMAPClient
        from imapclient.exceptions import LoginError

        config = self.config
        secret = self._secret if self._secret is not None else password(config)
        if not secret:
            raise MailboxRefused(_(
                "Mot de passe de la messagerie introuvable : indiquez-le dans la variable {variable} "
                "ou dans le trousseau du système (service « {service} », avec votre identifiant "
                "{user}).").format(variable=PASSWORD_VARIABLE, service=KEYRING_SERVICE,
                                   user=config.user))
        if config.security not in ("tls", "starttls", "none"):  # never a login in clear by a typo
            raise MailboxRefused(_("Sécurité de la messagerie inconnue (« {security} ») : "
                                   "choisissez TLS ou STARTTLS (F2).").format(
                security=config.security))
        if config.folder.strip("/").casefold() in (DONE_FOLDER.casefold(), CHECK_FOLDER.casefold()):
            raise MailboxRefused(_("Le dossier lu ne peut pas être « {folder} », où comite range "
                                   "les messages traités : choisissez celui où arrivent les "
                                   "réponses (INBOX, le plus souvent).").format(folder=config.folder))
        if config.security == "none" and config.host.casefold() not in _LOCAL_HOSTS:
            raise MailboxRefused(_("Sans chiffrement, la messagerie n’est lue que sur cet "
                                   "ordinateur (127.0.0.1) : choisissez TLS ou STARTTLS (F2)."))
        with self._guarded(connecting=True):
            context = self._context()
            client = IMAPClient(config.host, config.port, ssl=config.security == "tls",
                                ssl_context=context, timeout=TIMEOUT_SECONDS)
            try:
                if config.security == "starttls":
                    client.starttls(context)
                client.login(config.user, secret)
            except LoginError:
                _shutdown(client)
                raise MailboxRefused(_(
                    "La messagerie {server} refuse la connexion : identifiant ou mot de passe "
                    "incorrect.").format(server=config.where)) from None
            except BaseException:
                _shutdown(client)
                raise
            self._client = client
            self._select()

    def _context(self) -> ssl.SSLContext:
        certificate = self.config.certificate
        context = ssl.create_default_context()
        if certificate is not None:
            try:
                context.load_verify_locations(cafile=str(certificate))
            except (OSError, ssl.SSLError):
                raise MailboxRefused(_(
                    "Le certificat à accepter {path} n’a pas pu être lu : choisissez le fichier "
                    ".pem du serveur (F2).").format(path=certificate)) from None
        return context

    def _select(self) -> None:
        from imapclient.exceptions import IMAPClientError

        try:
            selected = self._client.select_folder(self.config.folder)
            self._validity = int(selected.get(b"UIDVALIDITY", 0))
        except IMAPClientError as error:
            if _aborted(error):
                raise
            raise MailboxRefused(_("Le dossier « {folder} » n’existe pas dans la messagerie "
                                   "{server} : corrigez le dossier lu (F2).").format(
                folder=self.config.folder, server=self.config.where)) from None

    def close(self) -> None:
        if self._client is not None:
            _shutdown(self._client)
            self._client = None

    @property
    def connected(self) -> bool:
        return self._client is not None

    # ---- one reading -----------------------------------------------------------------------

    def read(self) -> list[InboxResult]:
        """Every message arrived since the last reading, comite's applied and filed."""
        results: list[InboxResult] = []
        with self._guarded():
            self._client.noop()  # the server tells what arrived since the last command
            validity = self._validity
            uids = self._new_uids(validity)
            done = 0
            try:
                for batch in _batches(uids):
                    filing: dict[str, list[int]] = {}
                    try:
                        for uid, (size, headers) in self._headers(batch).items():
                            if (taken := self._one(uid, size, headers)) is not None:
                                result, folder = taken
                                results.append(result)
                                filing.setdefault(folder, []).append(uid)
                            done = uid
                    finally:  # what was applied is filed, whatever stopped the batch
                        for folder, moving in filing.items():
                            self._move(moving, folder)
            finally:
                if done:
                    self._set_mark(validity, done)
        return results

    def _set_mark(self, validity: int, last: int) -> None:
        import sqlite3

        try:
            self.store.inbox.set_mark(self.config.key, validity, last)
        except sqlite3.Error as error:  # read again next time: each message is applied once anyway
            log.warning("mailbox: mark not kept (%s)", type(error).__name__)

    def _new_uids(self, validity: int) -> list[int]:
        mark = self.store.inbox.mark(self.config.key)
        if mark is None or mark[0] != validity:
            since = date.today() - timedelta(days=FIRST_LOOK_DAYS)
            return sorted(self._client.search(["SINCE", since]))
        last = mark[1]
        return sorted(uid for uid in self._client.search(["UID", f"{last + 1}:*"]) if uid > last)

    def _headers(self, uids: list[int]) -> dict[int, tuple[int, Headers]]:
        wanted = "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID IN-REPLY-TO REFERENCES SUBJECT)]"
        fetched = self._client.fetch(uids, ["RFC822.SIZE", wanted])
        found = {}
        for uid in sorted(fetched):
            data = fetched[uid]
            head = next((value for key, value in data.items() if key.startswith(b"BODY[HEADER")), b"")
            found[uid] = (int(data.get(b"RFC822.SIZE", 0)), read_headers(head or b""))
        return found

    def _one(self, uid: int, size: int, headers: Headers) -> tuple[InboxResult, str] | None:
        """What became of the message, and the folder it goes to; None: not comite's."""
        if size > CHARTER_BYTES:
            if not headers.answers_comite:
                return None
            return self._aside(uid, headers, hashlib.sha256(headers.message_id.encode()).hexdigest(),
                               size, InboxRefusal(_(
                                   "Message trop gros ({size} Mo) : il n’a pas été lu.").format(
                                   size=round(size / 1024 / 1024)),
                                   _("Une réponse d’agenda pèse quelques Ko : vérifiez le message.")))
        raw = self._body(uid)
        if raw is None:  # expunged meanwhile by the coordinator's mail client
            return None
        digest = hashlib.sha256(raw).hexdigest()
        seen = None
        try:
            with self.store.transaction():
                seen = self.store.inbox.seen_message(digest, headers.message_id)
                if seen is None or seen.outcome != PROCESSED:
                    applied = apply_message(self.store, raw, headers, max_bytes=MAX_BYTES,
                                            organizers=self.organizers,
                                            charter_pieces=self.charter_pieces, trusted=self.trusted)
                    self.store.inbox.remember(digest, headers.name, len(raw), PROCESSED, applied.reason,
                                              applied.meeting_id, message_id=headers.message_id,
                                              source=MAILBOX)
        except NotOurs:
            return None
        except InboxRefusal as refusal:
            return self._aside(uid, headers, digest, len(raw), refusal)
        except Refused as refusal:  # the store's own, already in French
            return self._aside(uid, headers, digest, len(raw), InboxRefusal(refusal.message))
        except Exception as error:  # a message no parser expected: said, never a traceback
            if isinstance(error, (OSError, ScanFault)) or _database_fault(error):
                raise
            log.error("mailbox: unexpected %s", type(error).__name__)
            return self._aside(uid, headers, digest, len(raw), InboxRefusal(
                _("Message illisible (format inattendu) : rien n’a été modifié."),
                _("Saisissez la réponse vous-même dans l’écran de la réunion.")))
        if seen is not None and seen.outcome == PROCESSED:
            return InboxResult(headers.name, Outcome.PROCESSED, _(
                "Déjà pris en compte : rien n’a été appliqué une seconde fois."),
                seen.meeting_id), DONE_FOLDER
        return InboxResult(headers.name, Outcome.PROCESSED, applied.reason, applied.meeting_id,
                           applied.replies), DONE_FOLDER

    def _body(self, uid: int) -> bytes | None:
        fetched = self._client.fetch([uid], ["BODY.PEEK[]"]).get(uid)
        if not fetched:
            return None
        return next((value for key, value in fetched.items() if key.startswith(b"BODY[")), None)

    def _aside(self, uid: int, headers: Headers, digest: str, size: int,
               refusal: InboxRefusal) -> tuple[InboxResult, str]:
        with self.store.transaction():
            seen = self.store.inbox.seen_message(digest, headers.message_id)
            if seen is None or seen.outcome != PROCESSED:
                self.store.inbox.remember(digest, headers.name, size, QUARANTINED, refusal.reason,
                                          refusal.meeting_id, message_id=headers.message_id,
                                          source=MAILBOX)
        return InboxResult(headers.name, Outcome.QUARANTINED, refusal.reason,
                           refusal.meeting_id), CHECK_FOLDER

    # ---- filing ----------------------------------------------------------------------------

    def _move(self, uids: list[int], folder: str) -> None:
        client = self._client
        self._make(folder)
        if client.has_capability("MOVE"):
            client.move(uids, folder)
            return
        client.copy(uids, folder)
        client.add_flags(uids, [b"\\Deleted"], silent=True)
        if client.has_capability("UIDPLUS"):  # never EXPUNGE the coordinator's own deletions
            client.uid_expunge(uids)

    def _make(self, folder: str) -> None:
        if folder in self._made:
            return
        client = self._client
        parent = folder.split("/")[0]
        for name in (parent, folder):
            if not client.folder_exists(name):
                client.create_folder(name)
        self._made.add(folder)

    # ---- waiting for the next message -------------------------------------------------------

    def wait(self, stop: threading.Event, longest: float = IDLE_RENEW_SECONDS) -> None:
        """Until something arrives (IDLE), `poll_seconds` pass (no IDLE), `longest` pass, or
        `stop` is set."""
        with self._guarded():
            if not self._client.has_capability("IDLE"):
                stop.wait(min(self.poll_seconds, longest))
                self._client.noop()  # a connection lost while waiting is found now
                return
            self._client.idle()
            try:
                self._until_news(stop, longest)
            finally:
                # DONE, then the server's words read to its tagged answer in blocking mode:
                # imapclient's idle_check reads a non-blocking socket and aborts on a line that
                # arrives in two pieces (mjs/imapclient#519), which looked like a lost server.
                self._client.idle_done()

    def _until_news(self, stop: threading.Event, longest: float) -> None:
        """While IDLE: until the server says anything (a new message, mostly), `stop`, or
        `longest` seconds."""
        import select

        connection = self._client.socket()
        for _second in _seconds(longest):
            if stop.is_set():
                return
            buffered = connection.pending() if isinstance(connection, ssl.SSLSocket) else 0
            if buffered or select.select([connection], [], [], 1)[0]:
                return

    # ---- faults ----------------------------------------------------------------------------

    def _guarded(self, connecting: bool = False):
        return _Guard(self, connecting)


class _Guard:
    """Network faults said in French, the connection dropped: the next reading connects again."""

    def __init__(self, mailbox: Mailbox, connecting: bool) -> None:
        self.mailbox = mailbox
        self.connecting = connecting

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, _trace) -> bool:
        if error is None or isinstance(error, ScanFault):
            if isinstance(error, ScanFault):
                self.mailbox.close()
            return False
        from imapclient.exceptions import IMAPClientError

        where = self.mailbox.config.where
        if isinstance(error, ssl.SSLCertVerificationError):
            self.mailbox.close()
            raise MailboxRefused(_(
                "Le certificat de la messagerie {server} n’est pas reconnu ({why}) : la connexion "
                "est refusée. Si c’est le serveur de votre structure, indiquez le fichier de son "
                "certificat dans F2 (« Certificat à accepter »).").format(
                    server=where, why=_certificate_reason(error))) from None
        if (said := _machine_fault(error)) is not None:
            raise ScanFault(said) from None
        if isinstance(error, (OSError, EOFError, IMAPClientError)) and not _database_fault(error):
            self.mailbox.close()
            log.info("mailbox: offline (%s)", type(error).__name__)
            raise MailboxOffline(_("La messagerie {server} ne répond pas ({why}) : hors ligne, "
                                   "nouvel essai automatique.").format(
                server=where, why=network_reason(error))) from None
        return False


def _machine_fault(error: BaseException) -> str | None:
    """A fault of this machine (the disk, the database), not of the network: the message stays
    in the mailbox, read again once it is mended."""
    import errno

    from comite.store.errors import fault_message

    disk = (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT, errno.EFBIG)
    on_disk = isinstance(error, OSError) and not isinstance(error, ssl.SSLError) and error.errno in disk
    if not (on_disk or _database_fault(error)):
        return None
    said = fault_message(error) or _("la base de données a refusé l’écriture")
    return _("Un message de la messagerie n’a pas pu être enregistré : {why} Il y reste, et sera "
             "relu ensuite.").format(why=said)


def _certificate_reason(error: ssl.SSLCertVerificationError) -> str:
    message = (error.verify_message or "").lower()
    if "self-signed" in message or "self signed" in message:
        return _("certificat auto-signé")
    if "expired" in message:
        return _("certificat expiré")
    if "hostname" in message or "ip address mismatch" in message:
        return _("certificat d’un autre serveur")
    return _("autorité de certification inconnue")


def _aborted(error: BaseException) -> bool:
    from imapclient.exceptions import IMAPClientAbortError

    return isinstance(error, IMAPClientAbortError)


def _database_fault(error: BaseException) -> bool:
    import sqlite3

    return isinstance(error, sqlite3.Error)


def _shutdown(client) -> None:
    try:
        client.logout()
    except Exception:  # already gone: nothing to tell the server, the socket to close
        with contextlib.suppress(Exception):
            client.shutdown()


def _batches(uids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(uids), _BATCH):
        yield uids[start:start + _BATCH]


def _seconds(longest: float) -> range:
    return range(max(1, int(longest)))
