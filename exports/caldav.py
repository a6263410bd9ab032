"""The committee's dates published in the structure's shared calendar (CalDAV, RFC 4791).

Each meeting is one object, `UID.ics` in the calendar collection (exports.shared_calendar: no
ATTENDEE, no name). A publication compares every meeting as it stands with what was last sent
(the store's `calendar_resources`): what differs is pending, and is sent — PUT with If-Match on
the ETag comite last saw (If-None-Match: * for a new one), DELETE with If-Match for a meeting
cancelled or gone. A 412 means a colleague changed the object on the server: comite re-reads its
ETag, says so in French, and stops publishing that meeting until the coordinator chooses — it
never overwrites silently. A server that cannot be reached leaves everything pending: the next
publication sends it.

Plain HTTP (http.client): a PUT, a DELETE and a HEAD with their ETags are all this needs; TLS
verified as for the mailbox (the system's authorities, or one certificate file).
"""

import base64
import hashlib
import http.client
import logging
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

from comite.kernel.i18n import _
from comite.kernel.secrets import network_reason, stored_secret
from comite.store import Store
from comite.store.calendar import SHOWN, Published
from comite.store.errors import Refused
from comite.store.meeting_models import MeetingDetail

PASSWORD_VARIABLE = "COMITE_CALDAV_PASSWORD"
KEYRING_SERVICE = "comite-caldav"
TIMEOUT_SECONDS = 20
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # the DTSTAMP of the object whose digest is compared
_LOCAL_HOSTS = ("127.0.0.1", "::1", "localhost")

log = logging.getLogger("comite.sync")


@dataclass(frozen=True, slots=True)
class CalendarConfig:
    url: str  # the calendar collection, ending with « / »
    user: str
    certificate: Path | None = None


class CalendarUnreachable(Refused):
    """The server cannot be reached now: what is pending stays pending."""


class CalendarRefused(Refused):
    """The server refuses us (login, certificate, the address): only the coordinator can mend it."""


@dataclass
class Publication:
    """What one publication did; `conflicts`: French sentences, one per meeting a colleague
    changed on the server; `pending`: what is left to send (conflicts aside)."""

    sent: int = 0
    removed: int = 0
    conflicts: list[str] = field(default_factory=list)
    pending: int = 0


def password(config: CalendarConfig) -> str | None:
    """$COMITE_CALDAV_PASSWORD, else the system keyring, else None."""
    return stored_secret(PASSWORD_VARIABLE, KEYRING_SERVICE, config.user)


def digest(detail: MeetingDetail) -> str | None:
    """What a meeting's object says (its DTSTAMP aside), compared with what was published."""
    from comite.exports.shared_calendar import meeting_object

    compared = meeting_object(detail, _EPOCH)
    return None if compared is None else hashlib.sha256(compared).hexdigest()


@dataclass(frozen=True, slots=True)
class _Wanted:
    detail: MeetingDetail
    sha256: str

    def body(self) -> bytes:
        """The object as it goes now (built for the meetings sent only)."""
        from comite.exports.shared_calendar import meeting_object

        return meeting_object(self.detail, datetime.now(UTC))


class Publisher:
    def __init__(self, store: Store, config: CalendarConfig, *, secret: str | None = None) -> None:
        self.store = store
        self.config = config
        self._secret = secret

    # ---- what is pending ----------------------------------------------------------------

    def wanted(self) -> dict[str, _Wanted]:
        """Every meeting the calendar shows, by UID, with the digest of what it says now."""
        found = {}
        for meeting in self.store.meetings.all(statuses=SHOWN, limit=100_000):
            detail = self.store.meetings.detail(meeting.id)
            if (compared := digest(detail)) is None:
                continue
            found[meeting.uid] = _Wanted(detail, compared)
        return found

    def pending(self) -> int:
        """How many objects wait to be sent or removed (conflicts aside)."""
        sends, removals, _conflicts = self._plan()
        return len(sends) + len(removals)

    def _plan(self) -> tuple[list[_Wanted], list[Published], list[Published]]:
        wanted = self.wanted()
        published = self.store.calendar.published(self.config.url)
        conflicts = [row for row in published.values() if row.conflict]
        held = {row.meeting_uid for row in conflicts}
        sends = [item for uid, item in wanted.items() if uid not in held
                 and (uid not in published or published[uid].sha256 != item.sha256)]
        removals = [row for uid, row in published.items() if uid not in wanted and uid not in held]
        return sends, removals, conflicts

    # ---- publishing ---------------------------------------------------------------------

    def publish(self) -> Publication:
        """Send what is pending. Raises CalendarUnreachable / CalendarRefused (French) when the
        server cannot be used; what was sent before stays recorded."""
        sends, removals, conflicts = self._plan()
        done = Publication(conflicts=[row.conflict for row in conflicts])
        if not sends and not removals:
            return done
        known = len(done.conflicts)
        with _Connection(self.config, self._credentials()) as connection:
            published = self.store.calendar.published(self.config.url)
            for item in sends:
                self._send(connection, item, published.get(item.detail.meeting.uid), done)
            for row in removals:
                self._remove(connection, row, done)
        # What was neither sent, removed nor found changed by a colleague (none, unless a
        # meeting changed meanwhile: the next publication sees it).
        done.pending = (len(sends) + len(removals) - done.sent - done.removed
                        - (len(done.conflicts) - known))
        return done

    def _credentials(self) -> str:
        secret = self._secret if self._secret is not None else password(self.config)
        if not secret:
            raise CalendarRefused(_(
                "Mot de passe de l’agenda partagé introuvable : indiquez-le dans la variable "
                "{variable} ou dans le trousseau du système (service « {service} », avec votre "
                "identifiant {user}).").format(variable=PASSWORD_VARIABLE, service=KEYRING_SERVICE,
                                               user=self.config.user))
        return base64.b64encode(f"{self.config.user}:{secret}".encode()).decode("ascii")

    def _send(self, connection: "_Connection", item: _Wanted, before: Published | None,
              done: Publication) -> None:
        meeting = item.detail.meeting
        condition = {"If-Match": before.etag} if before and before.etag else {"If-None-Match": "*"}
        body = item.body()
        status, etag = connection.request("PUT", meeting.uid, body, condition)
        if status in (200, 201, 204):
            etag = etag or connection.request("HEAD", meeting.uid)[1]
            self.store.calendar.record(self.config.url, meeting.uid, meeting.id, etag, item.sha256)
            done.sent += 1
        elif status == 412 and before is None and (etag := self._ours(connection, meeting.uid, body)):
            # Sent by a publication stopped before it could note it: ours, not a colleague's.
            self.store.calendar.record(self.config.url, meeting.uid, meeting.id, etag, item.sha256)
            done.sent += 1
        elif status == 412:
            done.conflicts.append(self._conflict(connection, meeting.uid, meeting.id, meeting.title))
        else:
            raise _refused(status, self.config)

    def _ours(self, connection: "_Connection", uid: str, body: bytes) -> str:
        """The ETag of the object on the server when it says what `body` says (DTSTAMP aside)."""
        status, etag, theirs = connection.fetch(uid)
        return etag if status == 200 and _event_lines(theirs) == _event_lines(body) else ""

    def _remove(self, connection: "_Connection", row: Published, done: Publication) -> None:
        condition = {"If-Match": row.etag} if row.etag else {}
        status, _etag = connection.request("DELETE", row.meeting_uid, None, condition)
        if status in (200, 204, 404, 410):  # gone already: nothing left to remove
            self.store.calendar.forget(self.config.url, row.meeting_uid)
            done.removed += 1
        elif status == 412:
            title = self._title(row)
            done.conflicts.append(self._conflict(connection, row.meeting_uid, row.meeting_id, title))
        else:
            raise _refused(status, self.config)

    def _conflict(self, connection: "_Connection", uid: str, meeting_id: int | None,
                  title: str) -> str:
        _status, theirs = connection.request("HEAD", uid)
        why = _("« {title} » a été modifiée dans l’agenda partagé par quelqu’un d’autre : comite ne "
                "l’a pas remplacée. Choisissez depuis l’écran de la réunion la version à garder."
                ).format(title=title)
        self.store.calendar.conflicted(self.config.url, uid, meeting_id, theirs, why)
        log.info("calendar: conflict on one object")
        return why

    def _title(self, row: Published) -> str:
        if row.meeting_id is None:
            return _("une réunion supprimée")
        return self.store.meetings.get(row.meeting_id).title


def _event_lines(body: bytes) -> list[bytes]:
    """What an object's event says, whatever order and folding a server wrote it back in: its
    unfolded lines, sorted, without DTSTAMP (when it was written, not what it says)."""
    lines = body.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").split(b"\r\n")
    inside, kept = False, []
    for line in lines:
        if line == b"BEGIN:VEVENT":
            inside = True
        elif line == b"END:VEVENT":
            inside = False
        elif inside and not line.startswith(b"DTSTAMP"):
            kept.append(line)
    return sorted(kept)


def _refused(status: int, config: CalendarConfig) -> Refused:
    where = urlsplit(config.url).netloc
    if status in (401, 403):
        return CalendarRefused(_("L’agenda partagé {server} refuse la connexion : identifiant ou mot "
                                 "de passe incorrect, ou droits insuffisants sur ce calendrier."
                                 ).format(server=where))
    if status in (404, 405, 409):
        return CalendarRefused(_("L’agenda partagé {url} est introuvable : vérifiez l’adresse du "
                                 "calendrier (F2).").format(url=config.url))
    return CalendarUnreachable(_("L’agenda partagé {server} a répondu par une erreur ({status}) : "
                                 "nouvel essai plus tard.").format(server=where, status=status))


class _Connection:
    """One HTTP(S) connection to the calendar's server, for one publication."""

    def __init__(self, config: CalendarConfig, credentials: str) -> None:
        self.config = config
        self._credentials = credentials
        self._parts = urlsplit(config.url)
        self._http: http.client.HTTPConnection | None = None

    def __enter__(self) -> "_Connection":
        parts = self._parts
        if parts.scheme == "https":
            self._http = http.client.HTTPSConnection(parts.hostname, parts.port,
                                                     timeout=TIMEOUT_SECONDS, context=self._context())
        elif parts.scheme == "http" and (parts.hostname or "").casefold() in _LOCAL_HOSTS:
            self._http = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)
        else:  # a password in clear on a network: never
            raise CalendarRefused(_("L’adresse de l’agenda partagé doit commencer par https:// "
                                    "(http:// seulement pour un serveur sur cet ordinateur)."))
        return self

    def __exit__(self, *_exc) -> None:
        if self._http is not None:
            self._http.close()

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.config.certificate is not None:
            try:
                context.load_verify_locations(cafile=str(self.config.certificate))
            except (OSError, ssl.SSLError):
                raise CalendarRefused(_("Le certificat à accepter {path} n’a pas pu être lu : "
                                        "choisissez le fichier .pem du serveur (F2).").format(
                    path=self.config.certificate)) from None
        return context

    def request(self, method: str, uid: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str]:
        """(status, ETag) of one request on the object `uid`."""
        status, etag, _body = self._exchange(method, uid, body, headers)
        return status, etag

    def fetch(self, uid: str) -> tuple[int, str, bytes]:
        """(status, ETag, body) of the object `uid` as the server holds it."""
        return self._exchange("GET", uid, None, None)

    def _exchange(self, method: str, uid: str, body: bytes | None,
                  headers: dict[str, str] | None) -> tuple[int, str, bytes]:
        path = self._parts.path + quote(f"{uid}.ics")
        sent = {"Authorization": f"Basic {self._credentials}", **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "text/calendar; charset=utf-8"
        try:
            self._http.request(method, path, body=body, headers=sent)
            answer = self._http.getresponse()
            received = answer.read()
        except ssl.SSLCertVerificationError:
            raise CalendarRefused(_(
                "Le certificat de l’agenda partagé {server} n’est pas reconnu : la connexion est "
                "refusée. Si c’est le serveur de votre structure, indiquez le fichier de son "
                "certificat dans F2.").format(server=self._parts.netloc)) from None
        except (OSError, http.client.HTTPException) as error:
            self._http.close()
            raise CalendarUnreachable(_(
                "L’agenda partagé {server} ne répond pas ({why}) : les changements attendent et "
                "partiront au prochain essai.").format(server=self._parts.netloc,
                                                       why=network_reason(error))) from None
        return answer.status, answer.getheader("ETag", "") or "", received
