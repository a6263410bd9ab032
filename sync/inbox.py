"""The watched inbox: files dropped in a folder (replies, poll exports, charters signed and
sent back) applied to the store.

One scan takes the files that are whitelisted and stable, applies each in one transaction
together with the memory of its sha256, then moves it to processed/ or quarantine/ (with a
French .why.txt beside it). A quarantined file changes nothing but its inbox_files row.
"""

import hashlib
import logging
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

from comite.kernel.i18n import _
from comite.kernel.zones import DEFAULT_ZONE, local
from comite.store import Refused, Store
from comite.store.inbox import PROCESSED, QUARANTINED
from comite.store.meeting_models import ReplyOutcome
from comite.sync import inbox_files
from comite.sync.apply import Applied, apply_file
from comite.sync.errors import InboxRefusal
from comite.sync.watcher import Scan

MAX_BYTES = 5 * 1024 * 1024
# A file is taken once nothing has written to it for this long (and it did not change between
# two scans). Sync clients and browsers write to a temporary name and rename, so the wait only
# guards plain copies, which write continuously; half a second keeps a dropped reply well
# within a second of reaching the database (see benchmarks/inbox.py).
SETTLE_SECONDS = 0.5

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
                 trusted: Iterable[Path] = (), organizers: Iterable[str] = ()) -> None:
        self.folder = Path(folder)
        self.store = store
        self.max_bytes = max_bytes
        self.settle_seconds = settle_seconds
        self.charter_pieces = Path(charter_pieces) if charter_pieces is not None else None
        self.trusted = tuple(Path(path) for path in trusted)
        self.organizers = tuple(address for address in organizers if address)
        self._last_seen: dict[str, tuple[int, int]] = {}  # name → (size, mtime_ns) at the last scan

    def scan(self, now: float | None = None) -> list[InboxResult]:
        """One pass over the folder; never raises for a file (the next one is handled anyway)."""
        now = time.time() if now is None else now
        try:
            entries = sorted(os.scandir(self.folder), key=lambda entry: entry.name)
        except OSError:  # the folder is gone or unreadable (an unmounted sync folder)
            return []
        results = []
        for entry in entries:
            try:
                result = self._one(entry, now)
            except FileNotFoundError:  # moved away meanwhile (by its owner, a sync client)
                result = None
            except sqlite3.OperationalError as error:  # busy, or a passing disk error: later
                _log_unexpected(error)
                self._last_seen.pop(entry.name, None)
                result = InboxResult(entry.name, Outcome.WAITING,
                                     _("base de données occupée : nouvel essai au prochain passage"))
            except Exception as error:  # the watcher must survive any file
                _log_unexpected(error)
                result = self._unexpected(Path(entry.path))
            if result is not None:
                results.append(result)
        present = {entry.name for entry in entries}
        self._last_seen = {name: seen for name, seen in self._last_seen.items() if name in present}
        return results

    # ---- one file ------------------------------------------------------------------------

    def _one(self, entry: os.DirEntry, now: float) -> InboxResult | None:
        name, path = entry.name, Path(entry.path)
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            return None  # processed/, quarantine/ and anything the user keeps there
        if why := inbox_files.temporary_reason(name):
            return InboxResult(name, Outcome.IGNORED, why)
        if not self._stable(name, info, now):
            return InboxResult(name, Outcome.WAITING, _("fichier en cours d’écriture : repris plus tard"))
        if refusal := self._refused_unread(name, info):
            return self._quarantine(path, info.st_size, None, refusal)
        data = _read(path, self._limit(name))
        if len(data) != info.st_size:  # it changed since stat: someone is still writing
            self._last_seen.pop(name, None)
            return InboxResult(name, Outcome.WAITING, _("fichier en cours d’écriture : repris plus tard"))
        return self._take(path, data)

    def _refused_unread(self, name: str, info: os.stat_result) -> InboxRefusal | None:
        """What is refused on its name, kind or size alone, without opening it."""
        if not stat.S_ISREG(info.st_mode):
            return InboxRefusal(_("Ce n’est pas un fichier ordinaire (lien symbolique ou fichier spécial)."),
                                _("Déposez le fichier lui-même dans la boîte de réception."))
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

    def _take(self, path: Path, data: bytes) -> InboxResult:
        digest = hashlib.sha256(data).hexdigest()
        seen = self.store.inbox.seen(digest)
        if seen is not None and seen.outcome == PROCESSED:
            # Same bytes as a file already applied: nothing happens twice.
            inbox_files.move_into(path, self.folder / inbox_files.PROCESSED)
            return InboxResult(path.name, Outcome.PROCESSED, _(
                "Déjà traité le {when} (fichier « {name} ») : rien n’a été appliqué une seconde fois."
            ).format(when=_shown(seen.received_at), name=seen.name), seen.meeting_id)
        try:
            with self.store.transaction():
                applied = self._apply(path, data)
                self.store.inbox.remember(digest, path.name, len(data), PROCESSED, applied.reason,
                                          applied.meeting_id)
        except InboxRefusal as refusal:
            return self._quarantine(path, len(data), digest, refusal)
        except Refused as refusal:  # the store's own refusal, already in French
            return self._quarantine(path, len(data), digest, InboxRefusal(refusal.message))
        try:
            inbox_files.move_into(path, self.folder / inbox_files.PROCESSED)
        except OSError as error:  # applied and remembered: the next scan sees it as already done
            _log_unexpected(error)
        return InboxResult(path.name, Outcome.PROCESSED, applied.reason, applied.meeting_id,
                           applied.replies)

    def _apply(self, path: Path, data: bytes) -> Applied:
        if not self._is_charter(path.name):
            return apply_file(self.store, path.name, data, organizers=self.organizers)
        from comite.sync.charter_returns import receive

        receipt = receive(self.store, path, self.charter_pieces,
                          trusted=[cert for cert in self.trusted if cert.is_file()])
        return Applied(reason=receipt.message, meeting_id=None)

    # ---- refusals ------------------------------------------------------------------------

    def _quarantine(self, path: Path, size: int, digest: str | None, refusal: InboxRefusal) -> InboxResult:
        if digest is not None:  # after the failed transaction rolled back: only this row changes
            try:
                self.store.inbox.remember(digest, path.name, size, QUARANTINED, refusal.reason,
                                          refusal.meeting_id)
            except Exception as error:
                _log_unexpected(error)
        target = inbox_files.move_into(path, self.folder / inbox_files.QUARANTINE)
        inbox_files.write_text(target.with_name(target.name + ".why.txt"), _why(path.name, refusal))
        return InboxResult(path.name, Outcome.QUARANTINED, refusal.reason, refusal.meeting_id)

    def _unexpected(self, path: Path) -> InboxResult:
        """No traceback, no content: the reason must be safe to show and to keep."""
        refusal = InboxRefusal(
            _("Erreur inattendue pendant la lecture de ce fichier ; rien n’a été modifié."),
            _("Redéposez-le plus tard ; si l’erreur revient, saisissez les réponses vous-même "
              "dans l’écran de la réunion et signalez le problème."))
        try:
            return self._quarantine(path, 0, None, refusal)
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
        results = self.inbox.scan()
        done = [result for result in results
                if result.outcome in (Outcome.PROCESSED, Outcome.QUARANTINED)]
        waiting = any(result.outcome is Outcome.WAITING for result in results)
        return Scan(done or None, again_in=self.poll if waiting else None)


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


def _shown(iso: str) -> str:
    return local(datetime.fromisoformat(iso), DEFAULT_ZONE).strftime(_("%d/%m/%Y à %H:%M"))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _log_unexpected(error: BaseException) -> None:
    """Where it happened, not its message: a message may quote a name or an address."""
    frames = "\n".join(f"  {frame.filename}:{frame.lineno} in {frame.name}"
                       for frame in traceback.extract_tb(error.__traceback__))
    log.error("inbox: unexpected %s\n%s", type(error).__name__, frames)
