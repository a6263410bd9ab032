"""After an erasure, the files outside the database that were the person's, or name them.

The store erases the records and says what it knew of files (`store.privacy.Erasure`): the
scans and certificates it kept, their charters' references, their invitations' file names, and
the pattern of their mentions. This module removes:

- the files recorded as theirs, and their charters' PDFs (`charte-<reference>-….pdf`, the kept
  pieces `<reference>-….pdf`) wherever they are in the folders given;
- their invitations in the outbox, the .eml and the .ics of the same name;
- any file whose name, or whose folder's name, matches the pattern (their earlier access
  exports, a reply saved under their name…);
- any text file (.ics .eml .txt .csv .json .md) whose content mentions them — a reply in the
  inbox's processed/ or quarantine/ (with its .why.txt), a message in the outbox. An e-mail is
  read decoded as well (headers, quoted-printable and base64 parts), and a calendar unfolded,
  so a name written in an encoded or folded way is found too.

A PDF that mentions them but is not theirs (minutes, convocations, another person's charter
they signed for the team) is a collective document: it is not removed but listed, to be made
again from the database, which no longer holds their name. A PDF whose text cannot be read is
listed to be checked by eye. In the folders comite keeps beside the database (charter pieces,
training certificates) only what is theirs by name or charter reference is removed: the signed
copies of others are records of their own engagement.
"""

import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from store.privacy_models import Erasure

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


@dataclass(slots=True)
class Sweep:
    removed: list[Path] = field(default_factory=list)
    collective: list[Path] = field(default_factory=list)  # PDFs to make again
    unreadable: list[Path] = field(default_factory=list)  # to check by eye


def sweep(erasure: Erasure, folders: Folders) -> Sweep:
    """Remove what was the person's; list the shared documents that mention them."""
    pattern = re.compile(erasure.pattern)
    references = [re.escape(uid) for uid in erasure.charter_uids if uid]
    theirs = re.compile("|".join(references), re.IGNORECASE) if references else None
    result = Sweep()
    removed: set[Path] = set()

    def remove(path: Path) -> None:
        if path in removed or path.is_symlink() or not path.is_file():
            return
        try:
            path.unlink()
        except FileNotFoundError:
            return
        removed.add(path)
        result.removed.append(path)

    for recorded in erasure.files:
        remove(_resolved(Path(recorded)))
    outbox = _resolved(folders.outbox)
    for path in _invitations(outbox, erasure.invitation_files):
        remove(path)
    read = [_resolved(f) for f in (folders.inbox, folders.outbox, folders.exports)]
    for root, path in _files([*read, *(_resolved(f) for f in folders.kept)]):
        if path in removed:
            continue
        if _named(path.relative_to(root).as_posix(), pattern, theirs):
            remove(path)
        elif root not in read:
            continue  # kept pieces and certificates: theirs by name or reference only
        elif path.name.lower().endswith(TEXT_SUFFIXES):
            verdict = _text_mentions(path, pattern)
            if verdict is None:
                result.unreadable.append(path)
            elif verdict:
                remove(path)
        elif path.suffix.lower() == ".pdf":
            verdict = _pdf_mentions(path, pattern, theirs)
            if verdict is None:
                result.unreadable.append(path)
            elif verdict == "theirs":  # their own charter, signed or not
                remove(path)
            elif verdict:
                # Minutes, convocations, a charter they signed for the team: shared documents,
                # made again from the database (in the exports) or looked at (elsewhere).
                result.collective.append(path)
    _remove_companions(outbox, result, remove)
    log.info("erasure sweep for person %s: %d file(s) removed, %d to remake, %d to check",
             erasure.person_id, len(result.removed), len(result.collective), len(result.unreadable))
    return result


def _resolved(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def _files(roots: list[Path]) -> Iterator[tuple[Path, Path]]:
    """(root, file) for every regular file under the roots, each file once and with the most
    precise root that holds it (a user may point one setting inside another); links are not
    followed, so no file outside them is ever touched."""
    seen: set[Path] = set()
    for root in sorted(set(roots), key=lambda p: len(p.parts), reverse=True):
        if not root.is_dir():
            continue
        for folder, _dirs, names in os.walk(root, followlinks=False):
            for name in sorted(names):
                path = Path(folder) / name
                if path not in seen and path.is_file() and not path.is_symlink():
                    seen.add(path)
                    yield root, path


def _invitations(outbox: Path, names: Iterable[str]) -> Iterator[Path]:
    """The person's messages in the outbox's meeting folders: each .eml with its .ics."""
    stems = {Path(name).stem for name in names if name and Path(name).name == name}
    if not stems or not outbox.is_dir():
        return
    for folder in sorted(p for p in outbox.iterdir() if p.is_dir() and not p.is_symlink()):
        for stem in sorted(stems):
            for suffix in (".eml", ".ics"):
                yield folder / f"{stem}{suffix}"


def _named(relative: str, pattern: re.Pattern[str], theirs: re.Pattern[str] | None) -> bool:
    """The path under the root names them (a file or a folder), or one of their charters."""
    return bool(pattern.search(relative) or (theirs and theirs.search(relative)))


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
    """A quarantined file goes with the .why.txt that explains it, and the other way round;
    in the outbox, an invitation's .eml goes with its .ics."""
    for path in list(result.removed):
        name = path.name
        if name.endswith(WHY):
            remove(path.with_name(name[: -len(WHY)]))
        else:
            remove(path.with_name(name + WHY))
        if path.is_relative_to(outbox) and path.suffix.lower() in (".eml", ".ics"):
            remove(path.with_suffix(".ics" if path.suffix.lower() == ".eml" else ".eml"))
