"""The watched inbox: files dropped in a folder (replies, poll exports, charters signed and
sent back) applied to the store.

One scan takes the files that are whitelisted and stable, applies each in one transaction
together with the memory of its sha256, then moves it to processed/ or quarantine/ (with a
French .why.txt beside it). A quarantined file changes nothing but its inbox_files row.

Several readers may look at one inbox (the app's watcher, `comite sync`): whether a file was
applied is asked inside the write transaction that applies it, so one reader applies it and
the others find it done. A fault of the machine (a full disk, a folder that cannot be written,
a database busy too long) stops the scan with an InboxFault, said in French.
"""

import hashlib
import logging
import math
import os
import sqlite3
import stat
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from comite.kernel import plural
from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.kernel.zones import DEFAULT_ZONE, local
from comite.store import Refused, Store
from comite.store.db import is_busy
from comite.store.errors import database_reason
from comite.store.inbox import PROCESSED, QUARANTINED
from comite.store.meeting_models import InboxEntry, ReplyOutcome
from comite.sync import inbox_files
from comite.sync.apply import Applied, apply_file
from comite.sync.errors import InboxFault, InboxRefusal
from comite.sync.watcher import Scan

MAX_BYTES = 5 * 1024 * 1024
# A file is taken once nothing has written to it for this long (and it did not change between
# two scans). Sync clients and browsers write to a temporary name and rename, so the wait only
# guards plain copies, which write continuously; half a second keeps a dropped reply well
# within a second of reaching the database (see benchmarks/inbox.py).
SETTLE_SECONDS = 0.5
# A database kept busy by another program is tried again (each try waits store.db's busy
# timeout) for this long at most; then the scan stops and says so.
BUSY_SECONDS = 30.0
# A file another reader of the inbox has just applied is left to that reader to move into
# processed/ for this long after it was recorded; after that, it is filed as already done.
FILING_GRACE_SECONDS = 5.0

log = logging.getLogger("comite.sync")


class Outcome(StrEnum):
    PROCESSED = "processed"
    QUARANTINED = "quarantined"
    IGNORED = "ignored"
    WAITING = "waiting"


@dataclass(frozen=True, slots=True)
class InboxResult:
    name: str
    outcome: Outcome
    reason: str  # French
    meeting_id: int | None = None
    replies: tuple[ReplyOutcome, ...] = ()  # for a processed calendar reply: applied/stale/pending


class Inbox:
    """`charter_pieces`: where returned charters are kept; without it, PDFs are not taken.
    `trusted`: the structure's certificate(s), those that exist when a PDF is checked.
    `organizers`: the coordinator's address(es) from the settings, recognised as the organizer
    when a relayed calendar reply lists it among its attendees (sync.itip)."""

    def __init__(self, folder: Path, store: Store, *, max_bytes: int = MAX_BYTES,
                 settle_seconds: float = SETTLE_SECONDS, charter_pieces: Path | None = None,
                 trusted: Iterable[Path] = (), organizers: Iterable[str] = (),
                 busy_seconds: float = BUSY_SECONDS) -> None:
        self.folder = Path(folder)
        self.store = store
        self.max_bytes = max_bytes
        self.settle_seconds = settle_seconds
        self.busy_seconds = busy_seconds
        self._busy_since: float | None = None  # when the database first answered « busy » in a row
        self.charter_pieces = Path(charter_pieces) if charter_pieces is not None else None
        self.trusted = tuple(Path(path) for path in trusted)
        self.organizers = tuple(address for address in organizers if address)
        self._last_seen: dict[str, tuple[int, int]] = {}  # name → (size, mtime_ns) at the last scan

    def scan(self, now: float | None = None) -> list[InboxResult]:
        """One pass over the folder. A file's own trouble never stops it (the next one is handled
        anyway); a fault of the machine does: InboxFault, carrying what was done before it."""
        now = time.time() if now is None else now
        try:
            entries = sorted(os.scandir(self.folder), key=lambda entry: entry.name)
        except OSError:  # the folder is gone or unreadable (an unmounted sync folder)
            return []
        results = []
        for entry in entries:
            try:
                result = self._guarded(entry, now)
            except InboxFault as fault:
                fault.news = results
                raise
            if result is not None:
                results.append(result)
        present = {entry.name for entry in entries}
        self._last_seen = {name: seen for name, seen in self._last_seen.items() if name in present}
        return results

    def _guarded(self, entry: os.DirEntry, now: float) -> InboxResult | None:
        """One file; what goes wrong with it is said, and only a fault of the machine raises."""
        try:
            result = self._one(entry, now)
        except FileNotFoundError:  # moved away meanwhile (by its owner, a sync client, another reader)
            return None
        except sqlite3.DatabaseError as error:
            if is_busy(error):
                return self._busy(entry.name)
            if not _machine_fault(error):  # a constraint, a misuse: this file's, not the disk's
                _log_unexpected(error)
                return self._unexpected(Path(entry.path))
            _log_unexpected(error)
            raise InboxFault(_(
                "La base de données n’a pas pu enregistrer « {name} » : {why}. Rien de ce fichier "
                "n’a été appliqué ; les fichiers restants attendent dans la boîte de réception."
            ).format(name=entry.name, why=database_reason(error))) from None
        except OSError as error:  # writing a piece beside the database, reading the folder
            _log_unexpected(error)
            raise InboxFault(_(
                "« {name} » n’a pas pu être lu ou enregistré : {why}. Rien de ce fichier n’a été "
                "appliqué ; les fichiers restants attendent dans la boîte de réception."
            ).format(name=entry.name, why=system_reason(error))) from None
        except InboxFault:
            raise
        except Exception as error:  # the watcher must survive any file
            _log_unexpected(error)
            return self._unexpected(Path(entry.path))
        if result is not None and result.outcome is not Outcome.WAITING:
            self._busy_since = None
        return result

    def _busy(self, name: str) -> InboxResult:
        """Another program holds the database: the only fault worth another try, for a while."""
        self._last_seen.pop(name, None)
        if self._busy_since is None:
            self._busy_since = time.monotonic()
        elif time.monotonic() - self._busy_since >= self.busy_seconds:
            self._busy_since = None  # the next scan (the watcher's, later) waits as long again
            raise InboxFault(_(
                "La base de données reste occupée par un autre programme (plus de {seconds}) : "
                "« {name} » n’a pas été lu et rien n’en a été appliqué. Réessayez dans un moment ; "
                "les fichiers restants attendent dans la boîte de réception."
            ).format(seconds=plural.count(math.ceil(self.busy_seconds), _("seconde"), _("secondes")),
                     name=name))
        log.info("inbox: database busy, trying again")
        return InboxResult(name, Outcome.WAITING,
                           _("base de données occupée : nouvel essai au prochain passage"))

    # ---- one file ------------------------------------------------------------------------

    def _one(self, entry: os.DirEntry, now: float) -> InboxResult | None:
        name, path = entry.name, Path(entry.path)
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode) or name in (inbox_files.PROCESSED, inbox_files.QUARANTINE):
            return None  # processed/, quarantine/ (ours, even when not folders) and the user's folders
        if why := inbox_files.temporary_reason(name):
            return InboxResult(name, Outcome.IGNORED, why)
        if not self._stable(name, info, now):
            return InboxResult(name, Outcome.WAITING, _("fichier en cours d’écriture : repris plus tard"))
        if refusal := self._refused_unread(name, info):
            return self._quarantine(path, info.st_size, None, refusal)
        try:
            data = _read(path, self._limit(name))
        except (FileNotFoundError, IsADirectoryError):
            raise
        except OSError as error:  # this one file: locked by its writer, no right to read it
            return self._quarantine(path, info.st_size, None, InboxRefusal(
                _("Ce fichier n’a pas pu être lu : {why}.").format(why=system_reason(error)),
                _("Redéposez-le une fois lisible.")))
        if len(data) != info.st_size:  # it changed since stat: someone is still writing
            self._last_seen.pop(name, None)
            return InboxResult(name, Outcome.WAITING, _("fichier en cours d’écriture : repris plus tard"))
        return self._take(path, data)

    def _refused_unread(self, name: str, info: os.stat_result) -> InboxRefusal | None:
        """What is refused on its name, kind or size alone, without opening it."""
        if not stat.S_ISREG(info.st_mode):
            return InboxRefusal(_("Ce n’est pas un fichier ordinaire (lien symbolique ou fichier spécial)."),
                                _("Déposez le fichier lui-même dans la boîte de réception."))
        if inbox_files.is_outlook_message(name):  # before the conflict copy: never read either way
            return _outlook_message()
        if inbox_files.is_conflict_copy(name):
            return InboxRefusal(
                _("Copie de conflit de synchronisation : deux versions de ce fichier ont été "
                  "modifiées en même temps ailleurs."),
                _("Gardez la bonne version sous son nom d’origine dans la boîte de réception ; "
                  "celle-ci n’a pas été lue."))
        if not inbox_files.is_accepted(name) and not self._is_charter(name):
            kinds = (_("seules les réponses d’agenda (.ics, .eml), les exports de sondage Framadate "
                       "(.csv) et les chartes signées (.pdf) sont lus") if self.charter_pieces
                     else _("seules les réponses d’agenda (.ics, .eml) et les exports de sondage "
                            "Framadate (.csv) sont lus"))
            return InboxRefusal(
                _("Type de fichier non pris en charge : {kinds}.").format(kinds=kinds),
                _("Ce fichier n’a pas été ouvert ; rangez-le ailleurs."))
        if info.st_size > self._limit(name):
            return InboxRefusal(
                _("Fichier trop gros ({size} Mo, limite {limit} Mo) : il n’a pas été lu.").format(
                    size=_megabytes(info.st_size), limit=_megabytes(self._limit(name))),
                _("Une charte signée pèse moins de 20 Mo ; vérifiez le fichier.")
                if self._is_charter(name) else
                _("Une réponse d’agenda ou un export de sondage pèse quelques Ko : vérifiez le fichier."))
        return None

    def _is_charter(self, name: str) -> bool:
        return self.charter_pieces is not None and name.lower().endswith(".pdf")

    def _limit(self, name: str) -> int:
        if self._is_charter(name):
            from comite.sync.charter_returns import MAX_BYTES as CHARTER_BYTES

            return CHARTER_BYTES
        return self.max_bytes

    def _stable(self, name: str, info: os.stat_result, now: float) -> bool:
        """Unchanged since the previous scan, and nothing written for settle_seconds."""
        current = (info.st_size, info.st_mtime_ns)
        previous = self._last_seen.get(name)
        self._last_seen[name] = current
        return previous == current and now - info.st_mtime >= self.settle_seconds

    def _take(self, path: Path, data: bytes) -> InboxResult | None:
        digest = hashlib.sha256(data).hexdigest()
        self._check_movable(path.name, inbox_files.PROCESSED)  # before anything is applied
        applied: Applied | None = None
        try:
            # Asked and recorded under the write lock: of two readers of this inbox, the second
            # finds the file done by the first, whatever their timing.
            with self.store.transaction():
                seen = self.store.inbox.seen(digest)
                if seen is None or seen.outcome != PROCESSED:
                    applied = self._apply(path, data)
                    self.store.inbox.remember(digest, path.name, len(data), PROCESSED,
                                              applied.reason, applied.meeting_id)
        except InboxRefusal as refusal:
            return self._quarantine(path, len(data), digest, refusal)
        except Refused as refusal:  # the store's own refusal, already in French
            return self._quarantine(path, len(data), digest, InboxRefusal(refusal.message))
        if applied is None:
            return self._done_before(path, seen)
        # Applied and remembered: if it cannot be moved, no later scan applies it again.
        self._file(path, inbox_files.PROCESSED, applied=True)
        return InboxResult(path.name, Outcome.PROCESSED, applied.reason, applied.meeting_id,
                           applied.replies)

    def _done_before(self, path: Path, seen: InboxEntry) -> InboxResult | None:
        """Same bytes as a file already applied: nothing happens twice."""
        if seen.name == path.name and _just_now(seen.received_at):
            return None  # this very file, applied by another reader, which is filing it now
        if self._file(path, inbox_files.PROCESSED, applied=True) is None:
            return None
        return InboxResult(path.name, Outcome.PROCESSED, _(
            "Déjà traité le {when} (fichier « {name} ») : rien n’a été appliqué une seconde fois."
        ).format(when=_shown(seen.received_at), name=seen.name), seen.meeting_id)

    def _check_movable(self, name: str, into: str) -> None:
        try:
            inbox_files.check_movable(self.folder, into)
        except OSError as error:
            raise self._filing_fault(name, into, error, applied=False) from None

    def _file(self, path: Path, into: str, *, applied: bool) -> Path | None:
        """Move the file into processed/ or quarantine/; None when another reader did it first."""
        try:
            return inbox_files.move_into(path, self.folder / into)
        except FileNotFoundError as error:
            if not os.path.lexists(path):
                return None
            raise self._filing_fault(path.name, into, error, applied) from None
        except OSError as error:
            raise self._filing_fault(path.name, into, error, applied) from None

    def _filing_fault(self, name: str, into: str, error: OSError, applied: bool) -> InboxFault:
        _log_unexpected(error)
        done = (_("Il a bien été pris en compte, et ne le sera pas une seconde fois.") if applied
                else _("Rien de ce fichier n’a été appliqué."))
        return InboxFault(_(
            "« {name} » n’a pas pu être rangé dans {folder} : {why}. {done} Les fichiers restants "
            "attendent dans la boîte de réception."
        ).format(name=name, folder=self.folder / into, why=system_reason(error), done=done))

    def _apply(self, path: Path, data: bytes) -> Applied:
        if not self._is_charter(path.name):
            return apply_file(self.store, path.name, data, organizers=self.organizers)
        from comite.sync.charter_returns import receive

        receipt = receive(self.store, path, self.charter_pieces,
                          trusted=[cert for cert in self.trusted if cert.is_file()])
        return Applied(reason=receipt.message, meeting_id=None)

    # ---- refusals ------------------------------------------------------------------------

    def _quarantine(self, path: Path, size: int, digest: str | None,
                    refusal: InboxRefusal) -> InboxResult | None:
        self._check_movable(path.name, inbox_files.QUARANTINE)
        if digest is not None:  # after the failed transaction rolled back: only this row changes
            try:
                with self.store.transaction():  # never over a file another reader applied since
                    seen = self.store.inbox.seen(digest)
                    if seen is None or seen.outcome != PROCESSED:
                        self.store.inbox.remember(digest, path.name, size, QUARANTINED,
                                                  refusal.reason, refusal.meeting_id)
            except sqlite3.OperationalError as error:
                if not is_busy(error):
                    raise
                # Busy: set aside all the same; dropped again, it will be looked at again.
                _log_unexpected(error)
        target = self._file(path, inbox_files.QUARANTINE, applied=False)
        if target is None:
            return None
        try:
            inbox_files.write_text(inbox_files.why_path(target), _why(path.name, refusal))
        except OSError as error:
            raise self._filing_fault(path.name, inbox_files.QUARANTINE, error, applied=False) from None
        return InboxResult(path.name, Outcome.QUARANTINED, refusal.reason, refusal.meeting_id)

    def _unexpected(self, path: Path) -> InboxResult:
        """No traceback, no content: the reason must be safe to show and to keep."""
        refusal = InboxRefusal(
            _("Erreur inattendue pendant la lecture de ce fichier ; rien n’a été modifié."),
            _("Redéposez-le plus tard ; si l’erreur revient, saisissez les réponses vous-même "
              "dans l’écran de la réunion et signalez le problème."))
        try:
            return self._quarantine(path, 0, None, refusal)
        except InboxFault:
            raise
        except Exception as error:  # cannot even move it: leave it where it is
            _log_unexpected(error)
            return InboxResult(path.name, Outcome.QUARANTINED, refusal.reason)


class InboxScanner:
    """The inbox as its FolderWatcher (sync.watcher) looks at it: the news of a scan are the
    files processed or quarantined (never the ignored or still-waiting ones)."""

    burst = 0.05  # after a change, to let a burst of events (a copy, a rename) settle into one scan
    label = "inbox"

    def __init__(self, inbox: Inbox, poll: float | None = None) -> None:
        self.inbox = inbox
        self.folder = inbox.folder
        # The inbox's own stability rule decides when a file is complete; while one is waiting it
        # is looked at again every fifth of the settle time, so it is taken soon after it settles.
        self.poll = max(0.02, min(0.25, inbox.settle_seconds / 5)) if poll is None else poll

    def scan(self) -> Scan[list[InboxResult]]:
        try:
            results = self.inbox.scan()
        except InboxFault as fault:  # what was done before the fault is news all the same
            fault.news = _done(fault.news or []) or None
            raise
        waiting = any(result.outcome is Outcome.WAITING for result in results)
        return Scan(_done(results) or None, again_in=self.poll if waiting else None)


def _done(results: list[InboxResult]) -> list[InboxResult]:
    return [result for result in results
            if result.outcome in (Outcome.PROCESSED, Outcome.QUARANTINED)]


def _read(path: Path, limit: int) -> bytes:
    """At most limit + 1 bytes, never through a symbolic link swapped in since the stat."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read(limit + 1)


def _why(name: str, refusal: InboxRefusal) -> str:
    lines = [
        _("Fichier : {name}").format(name=name),
        _("Mis de côté le : {when}").format(when=_shown(datetime.now().astimezone().isoformat())),
        "",
        _("Pourquoi : {reason}").format(reason=refusal.reason),
    ]
    if refusal.advice:
        lines.append(_("Que faire : {advice}").format(advice=refusal.advice))
    lines += ["", _("Ce fichier n’a rien changé dans les réunions, les réponses ni les chartes "
                    "enregistrées.")]
    return "\n".join(lines) + "\n"


def _outlook_message() -> InboxRefusal:
    """An Outlook .msg, on its name alone: its answer lives in MAPI properties that the one
    Python reader of them (extract-msg, GPL-3.0) decodes, not a dependency of comite; so the
    coordinator is told how to get an .eml instead. Classic Outlook for Windows saves no .eml,
    hence the other programs named."""
    return InboxRefusal(
        _("Message Outlook (.msg) : comite ne lit pas ce format, où la réponse est cachée dans "
          "des propriétés propres à Outlook."),
        _("Enregistrez plutôt la réponse au format .eml et déposez-la ici (Outlook classique "
          "pour Windows ne le propose pas : dans Outlook sur le web ou le nouvel Outlook, le menu "
          "« … » du message la télécharge en .eml ; dans Thunderbird, Fichier › Enregistrer "
          "sous). Sinon, saisissez la réponse vous-même dans l’écran de la réunion."))


def _just_now(iso: str) -> bool:
    """Recorded less than FILING_GRACE_SECONDS ago (received_at is to the second)."""
    return time.time() < datetime.fromisoformat(iso).timestamp() + 1 + FILING_GRACE_SECONDS


def _machine_fault(error: sqlite3.DatabaseError) -> bool:
    """The disk or the database file failing (full, read-only, I/O, damaged), not a statement:
    SQLite reports those as OperationalError, or as a bare DatabaseError (a damaged file)."""
    return isinstance(error, sqlite3.OperationalError) or type(error) is sqlite3.DatabaseError


def _shown(iso: str) -> str:
    return local(datetime.fromisoformat(iso), DEFAULT_ZONE).strftime(_("%d/%m/%Y à %H:%M"))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _log_unexpected(error: BaseException) -> None:
    """Where it happened, not its message: a message may quote a name or an address."""
    frames = "\n".join(f"  {frame.filename}:{frame.lineno} in {frame.name}"
                       for frame in traceback.extract_tb(error.__traceback__))
    log.error("inbox: unexpected %s\n%s", type(error).__name__, frames)
