"""Documents the coordinator points at — a training certificate, the evidence of an action, a
receipt —: checked, then copied beside the database, so the record never depends on a file
that may move or vanish from a download folder.

Only PDF, PNG and JPEG are taken, recognised by their first bytes (a name proves nothing), up
to 20 MB, and only a plain file. The copy's name says nothing about the person: a file left
behind would not name them.
"""

import hashlib
import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.sync import inbox_files
from comite.sync.errors import InboxRefusal

T = TypeVar("T")

MAX_BYTES = 20 * 1024 * 1024
# First bytes → the suffix the copy gets.
_KINDS = ((b"%PDF-", ".pdf"), (b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"))


@dataclass(frozen=True, slots=True)
class Document:
    """What kind of document is received: the copy's name starts with `prefix`; `noun` names
    it in a refusal (« une attestation »), `what` says the formats taken in its words."""

    prefix: str
    noun: str
    what: str


def receive(source: Path, folder: Path, document: Document) -> tuple[Path, str]:
    """Copy `source` into `folder`; returns (the copy, its sha256).

    Raises InboxRefusal (French reason and advice) with nothing written when the file is
    missing, not a plain file, too big, or neither a PDF nor a PNG/JPEG image.
    """
    source = Path(source).expanduser()
    data = _read(source, document)
    suffix = _suffix(source, data, document)
    digest = hashlib.sha256(data).hexdigest()
    # A random part too: two records never share one file, so removing one keeps the other.
    target = Path(folder) / f"{document.prefix}-{digest[:12]}-{secrets.token_hex(4)}{suffix}"
    # Personal data: readable by the coordinator's account only.
    Path(folder).mkdir(mode=0o700, parents=True, exist_ok=True)
    inbox_files.write_bytes(target, data)
    os.chmod(target, 0o600)
    return target, digest


def receive_and_record(source: Path, folder: Path, document: Document,
                       record: Callable[[Path, str], T]) -> T:
    """Copy `source` into `folder`, then `record(copy, sha256)` (its row in the store), as one
    step: when the record raises, the copy goes again and nothing is left behind."""
    copy, digest = receive(source, folder, document)
    try:
        return record(copy, digest)
    except BaseException:
        discard(copy, folder)
        raise


def discard(path: str | Path, folder: Path) -> bool:
    """Remove a copy, only if it lies in `folder` (a path recorded elsewhere is never ours to
    delete); whether a file was removed. Called once its row is gone, it never raises: a copy
    that cannot be removed is a leftover naming nobody, never a row pointing at nothing."""
    if not str(path).strip():
        return False
    candidate = Path(path).expanduser()
    try:
        inside = candidate.resolve().is_relative_to(Path(folder).resolve())
    except OSError:
        return False
    if not inside or not candidate.is_file():
        return False
    try:
        candidate.unlink(missing_ok=True)
    except OSError:
        return False
    return True


def _read(source: Path, document: Document) -> bytes:
    try:
        info = os.stat(source)
    except OSError:
        raise InboxRefusal(_("Fichier introuvable : {file}.").format(file=source.name or source),
                           _("Vérifiez le chemin, ou choisissez le fichier avec Ctrl+O.")) from None
    if not stat.S_ISREG(info.st_mode):
        raise InboxRefusal(_("{file} n’est pas un fichier ordinaire (un dossier ?).").format(
            file=source.name or source), _("Indiquez le fichier lui-même."))
    if info.st_size > MAX_BYTES:
        raise InboxRefusal(_("{file} est trop gros pour {noun} ({size} Mo, limite 20 Mo) : "
                             "il n’a pas été copié.").format(
                                 file=source.name, noun=document.noun,
                                 size=info.st_size // 2**20),
                           _("Scannez-le en noir et blanc ou en 200 points par pouce."))
    try:
        with open(source, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise InboxRefusal(_("{file} n’a pas pu être lu : {why}.").format(
            file=source.name, why=system_reason(error)), _("Vérifiez vos droits sur ce fichier.")) from None
    if len(data) > MAX_BYTES:  # it grew between the size check and the reading
        raise InboxRefusal(_("{file} grossit encore : il n’a pas été copié.").format(
            file=source.name), _("Attendez qu’il soit complet, puis recommencez."))
    return data


def _suffix(source: Path, data: bytes, document: Document) -> str:
    for magic, suffix in _KINDS:
        if data.startswith(magic):
            return suffix
    raise InboxRefusal(_("{file} n’est ni un PDF ni une image PNG ou JPEG : il n’a pas été "
                         "copié.").format(file=source.name), document.what)
