"""After an erasure, the files outside the database that were the person's, or name them.

The store erases the records and says what it knew of files (`store.privacy.Erasure`): the
scans and certificates it kept, their charters' references, their invitations' file names, and
the pattern of their mentions. This module removes:

- the files recorded as theirs, and their charters' PDFs (`charte-<reference>-….pdf`, the kept
  pieces `<reference>-….pdf`) wherever they are in the folders given;
- their invitations in the outbox: each .eml and the calendar objects written beside it (the
  .ics of the same name, or « <name>-date-N.ics »), and the e-mails that sent them the minutes
  (in the meeting folder's `compte-rendu/`);
- in the inbox and the exports, any file whose name, or whose folder's name, matches the
  pattern (their earlier access exports, a reply saved under their name…), and any text file
  (.ics .eml .txt .csv .json .md) whose content mentions them — a reply in the inbox's
  processed/ or quarantine/ (with its .why.txt). An e-mail is read decoded as well (headers,
  quoted-printable and base64 parts), and a calendar unfolded, so a name written in an encoded
  or folded way is found too.

In the outbox, only their own messages are theirs: every other message there is someone
else's invitation or minutes, and one that names them (« Titulaire du siège : … ») is listed to be
exported again from the database, never removed — removing it would un-invite that person.
A PDF that mentions them but is not theirs (minutes, convocations, another person's charter
they signed for the team) is a collective document too: it is not removed but listed, to be
made again from the database, which no longer holds their name. A file whose text cannot be
read is listed to be checked by eye. In the folders comite keeps beside the database (charter
pieces, training certificates) only what is theirs by name or charter reference is removed:
the signed copies of others are records of their own engagement.

The database is already erased when the sweep runs, and cannot be asked again: a file that
cannot be removed (no permission, read-only disk…) does not stop it. It is listed with the
reason, for the coordinator to delete by hand.
"""

import errno
import glob
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from comite.kernel.i18n import _
from comite.store.privacy_models import Erasure

log = logging.getLogger("comite.erasure")

TEXT_SUFFIXES = (".ics", ".eml", ".txt", ".csv", ".json", ".md")
WHY = ".why.txt"
# A text file larger than this is not something comite or a calendar wrote: listed, not read.
READ_LIMIT = 64 * 2**20


@dataclass(frozen=True, slots=True)
class Folders:
    """Where to look. `inbox`, `outbox` and `exports` are the settings' folders; `kept` are
    folders of files comite keeps beside the database (charter pieces, certificates)."""

    inbox: Path
    outbox: Path
    exports: Path
    kept: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class NotRemoved:
    """A file of theirs the system would not let go: to delete by hand."""

    path: Path
    why: str  # in French, for the coordinator


@dataclass(slots=True)
class Sweep:
    removed: list[Path] = field(default_factory=list)
    collective: list[Path] = field(default_factory=list)  # to make again from the database
    unreadable: list[Path] = field(default_factory=list)  # to check by eye
    not_removed: list[NotRemoved] = field(default_factory=list)  # to delete by hand


def sweep(erasure: Erasure, folders: Folders) -> Sweep:
    """Remove what was the person's; list the shared documents that mention them."""
    pattern = re.compile(erasure.pattern)
    references = [re.escape(uid) for uid in erasure.charter_uids if uid]
    theirs = re.compile("|".join(references), re.IGNORECASE) if references else None
    result = Sweep()
    done: set[Path] = set()

    def remove(path: Path) -> None:
        if path in done:
            return
        try:
            if path.is_symlink() or not path.is_file():
                return
            path.unlink()
        except FileNotFoundError:
            return
        except OSError as error:  # the others still go: the database part cannot be redone
            done.add(path)
            result.not_removed.append(NotRemoved(path, _why(error)))
            log.warning("erasure sweep: a file not removed (%s)", type(error).__name__)
            return
        done.add(path)
        result.removed.append(path)

    for recorded in erasure.files:
        remove(_resolved(Path(recorded)))
    outbox = _resolved(folders.outbox)
    for path in _invitations(outbox, erasure.invitation_files, result):
        remove(path)
    read = [_resolved(f) for f in (folders.inbox, folders.outbox, folders.exports)]
    for root, path in _files([*read, *(_resolved(f) for f in folders.kept)], result):
        if path in done:
            continue
        relative = path.relative_to(root).as_posix()
        named = bool(pattern.search(relative))
        if theirs and theirs.search(relative):
            remove(path)  # one of their charters, by its reference: unique to them
        elif root not in read:
            if named:
                remove(path)  # kept pieces and certificates: theirs by name or reference only
        elif root == outbox:
            # Someone else's invitation (theirs went above): exported again, never removed.
            verdict = named or _mentions(path, pattern, theirs)
            if verdict == "theirs":
                remove(path)
            elif verdict:
                result.collective.append(path)
            elif verdict is None:
                result.unreadable.append(path)
        elif named:
            remove(path)
        else:
            verdict = _mentions(path, pattern, theirs)
            if verdict is None:
                result.unreadable.append(path)
            elif verdict == "theirs" or (verdict and path.name.lower().endswith(TEXT_SUFFIXES)):
                remove(path)  # their charter; their reply, their earlier export
            elif verdict:
                # Minutes, convocations, a charter they signed for the team: shared documents,
                # made again from the database (in the exports) or looked at (elsewhere).
                result.collective.append(path)
    _remove_companions(outbox, result, remove)
    log.info("erasure sweep for person %s: %d file(s) removed, %d to remake, %d to check, "
             "%d not removed", erasure.person_id, len(result.removed), len(result.collective),
             len(result.unreadable), len(result.not_removed))
    return result


def _why(error: OSError) -> str:
    """Why a file could not be removed, in the coordinator's words."""
    if isinstance(error, PermissionError):
        return _("accès refusé")
    if error.errno == errno.EROFS:
        return _("disque en lecture seule")
    if error.errno == errno.EBUSY:
        return _("fichier occupé par un autre programme")
    return _("erreur du système ({code})").format(
        code=errno.errorcode.get(error.errno or 0, type(error).__name__))


def _mentions(path: Path, pattern: re.Pattern[str],
              theirs: re.Pattern[str] | None) -> str | bool | None:
    """"theirs" for one of their charters (a PDF holding its reference), True when the file
    mentions them, False when it does not (or is no kind of file read here), None when it
    cannot be read."""
    if path.name.lower().endswith(TEXT_SUFFIXES):
        return _text_mentions(path, pattern)
    if path.suffix.lower() == ".pdf":
        return _pdf_mentions(path, pattern, theirs)
    return False


def _resolved(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def _files(roots: list[Path], result: Sweep) -> Iterator[tuple[Path, Path]]:
    """(root, file) for every regular file under the roots, each file once and with the most
    precise root that holds it (a user may point one setting inside another); links are not
    followed, so no file outside them is ever touched. A folder that cannot be listed is
    listed to be checked by eye."""
    seen: set[Path] = set()

    def unlisted(error: OSError) -> None:
        if error.filename:
            result.unreadable.append(Path(error.filename))

    for root in sorted(set(roots), key=lambda p: len(p.parts), reverse=True):
        if not _is_dir(root):
            continue
        for folder, _dirs, names in os.walk(root, onerror=unlisted, followlinks=False):
            for name in sorted(names):
                path = Path(folder) / name
                if path not in seen and _is_file(path):
                    seen.add(path)
                    yield root, path


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir() and not path.is_symlink()
    except OSError:
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file() and not path.is_symlink()
    except OSError:
        return False


def _invitations(outbox: Path, names: Iterable[str], result: Sweep) -> Iterator[Path]:
    """The person's messages in the outbox's meeting folders (and the minutes' folder inside
    each): each .eml with its .ics files."""
    stems = {Path(name).stem for name in names if name and Path(name).name == name}
    if not stems or not _is_dir(outbox):
        return
    # A meeting's folder, and the folders inside it (its minutes' messages, in compte-rendu/).
    meetings = _subfolders(outbox, result)
    for folder in [*meetings, *(inner for meeting in meetings for inner in _subfolders(meeting, result))]:
        for stem in sorted(stems):
            yield folder / f"{stem}.eml"
            yield folder / f"{stem}.ics"  # as written before one message per person
            yield from sorted(folder.glob(f"{glob.escape(stem)}-date-*.ics"))


def _subfolders(folder: Path, result: Sweep) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if _is_dir(p))
    except OSError:
        result.unreadable.append(folder)
        return []


def _text_mentions(path: Path, pattern: re.Pattern[str]) -> bool | None:
    """Whether the text file mentions them; None when it cannot be read."""
    try:
        if path.stat().st_size > READ_LIMIT:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return any(pattern.search(text) for text in _readings(data, path.suffix.lower() == ".eml"))


def _readings(data: bytes, is_mail: bool) -> Iterator[str]:
    """The ways a name can be written in the file: as it is, unfolded (iCalendar and mail
    headers cut long lines), and for an e-mail, decoded."""
    text = data.decode("utf-8", errors="replace")
    yield text
    yield re.sub(r"\r?\n[ \t]", "", text)
    # « Anaïs » written with a combining diaeresis, as some systems store names.
    yield unicodedata.normalize("NFC", text)
    if is_mail:
        yield from _mail_texts(data)


def _mail_texts(data: bytes) -> Iterator[str]:
    """Headers (RFC 2047 words decoded) and every part's content, transfer encoding undone."""
    import email
    from email import policy

    try:
        message = email.message_from_bytes(data, policy=policy.default)
        for part in message.walk():
            for name, value in part.items():
                yield f"{name}: {value}"
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True)
            if payload:
                charset = part.get_content_charset() or "utf-8"
                try:
                    decoded = payload.decode(charset, errors="replace")
                except LookupError:
                    decoded = payload.decode("utf-8", errors="replace")
                yield decoded
                yield re.sub(r"\r?\n[ \t]", "", decoded)
    except Exception as error:  # a malformed message: what was read raw stands
        log.info("erasure sweep: e-mail not decoded (%s)", type(error).__name__)


def _pdf_mentions(path: Path, pattern: re.Pattern[str],
                  theirs: re.Pattern[str] | None) -> str | bool | None:
    """"theirs" for one of their charters, True when the text mentions them, False when it
    does not, None when it cannot be read."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(path)
        metadata = reader.metadata or {}
        if theirs and theirs.search(" ".join(str(value) for value in metadata.values())):
            return "theirs"
        chunks = [" ".join(str(value) for value in metadata.values())]
        chunks += [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.info("erasure sweep: PDF not read (%s)", type(error).__name__)
        return None
    # Text from a PDF comes with the line breaks of its layout: a name may be cut across two.
    text = "\n".join(chunks).replace("\xa0", " ").replace("\u202f", " ")
    joined = re.sub(r"\s+", " ", text)
    if theirs and (theirs.search(text) or theirs.search(joined)):
        return "theirs"
    return bool(pattern.search(text) or pattern.search(joined))


def _remove_companions(outbox: Path, result: Sweep, remove) -> None:
    """A quarantined file goes with the .why.txt that explains it, and the other way round.
    (In the outbox, their invitations went by name, .eml and .ics files: nothing else goes there.)"""
    for path in list(result.removed):
        if path.is_relative_to(outbox):
            continue
        name = path.name
        if name.endswith(WHY):
            remove(path.with_name(name[: -len(WHY)]))
        else:
            remove(path.with_name(name + WHY))
