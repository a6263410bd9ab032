"""A structure's letterhead as the documents print it: its logo checked and kept in the data
folder, and the letterhead with its logo's file handed to the PDF exports.

A logo is a PNG or a JPEG recognised by its content (a name proves nothing), decoded to its
last byte by Pillow before it is taken, at most 2 MB and 4 000 pixels a side. It is copied
into the data folder's `logos/` under its sha256: a charter records that sha256 when it is
issued and finds its logo by it, so a logo file is never replaced nor removed (a structure
that changes or drops its logo only stops pointing at it).
"""

import hashlib
import io
import math
import os
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.store import Store
from comite.store.charters import LETTERHEAD_LOGO, CharterDraft
from comite.store.committee_models import Letterhead
from comite.store.errors import ValidationError
from comite.usecases import paths

if TYPE_CHECKING:  # reportlab: imported where a PDF is made, never at start-up
    from comite.exports.pdf.letterhead import Stationery

FIELD = "logo"
MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
# First bytes → the suffix of the copy and the only format Pillow may read it as.
_KINDS = ((b"\x89PNG\r\n\x1a\n", "png", "PNG"), (b"\xff\xd8\xff", "jpg", "JPEG"))
SUFFIXES = tuple(f".{suffix}" for _magic, suffix, _format in _KINDS)


@dataclass(frozen=True, slots=True)
class CheckedLogo:
    """A logo read and found sound, not yet copied."""

    data: bytes
    suffix: str

    @property
    def file_name(self) -> str:
        return f"{hashlib.sha256(self.data).hexdigest()}.{self.suffix}"


def check_logo(source: Path) -> CheckedLogo:
    """The logo at `source`, read and decoded; ValidationError on the « logo » field, with
    nothing written, when it is missing, too heavy, not a PNG or JPEG, damaged or too large."""
    source = Path(source).expanduser()
    data = _read(source)
    for magic, suffix, kind in _KINDS:
        if data.startswith(magic):
            _decode(source, data, kind)
            return CheckedLogo(data, suffix)
    raise _refused(_("{file} n’est pas une image PNG ou JPEG : enregistrez le logo dans l’un de "
                     "ces deux formats (un PDF, un SVG ou un GIF ne conviennent pas).").format(
                         file=source.name or source))


def keep(logo: CheckedLogo) -> Path:
    """Copy a checked logo into `logos/`; a copy already there (same sha256) is left as it is.
    A folder that cannot be written to is refused on the « logo » field."""
    from comite.exports.files import atomic_write

    target = paths.logos_dir() / logo.file_name
    if _intact(target):
        return target
    try:
        return atomic_write(target, logo.data)
    except OSError as error:
        raise _refused(_("Le logo n’a pas pu être copié dans {folder} : {why}.").format(
            folder=target.parent, why=system_reason(error))) from None


def logo_file(file_name: str) -> Path | None:
    """The logo `file_name` (a structure's `logo`) in `logos/`, or None when there is none, it
    has gone, or it is no longer the file that was checked: the document prints without it."""
    if not file_name or Path(file_name).name != file_name:
        return None
    path = paths.logos_dir() / file_name
    return path if _intact(path) else None


def logo_by_sha256(sha256: str) -> Path | None:
    """The logo whose content has this sha256, as a charter recorded it."""
    for suffix in SUFFIXES:
        if found := logo_file(f"{sha256}{suffix}"):
            return found
    return None


def stationery(store: Store, structure_id: int) -> "Stationery":
    """The structure's letterhead and its logo's file, as the PDF exports take them."""
    return _stationery(store.structures.letterhead(structure_id))


def committee_stationery(store: Store, committee_id: int) -> "Stationery":
    return stationery(store, store.committees.get(committee_id).structure_id)


def person_stationery(store: Store, person_id: int) -> "Stationery | None":
    """The letterhead of the structure that holds the person's seats (the first by name when
    they sit for several), else of the only structure; None when neither says which."""
    seats = store.memberships.of_person(person_id)
    structures = {store.committees.get(seat.committee_id).structure_id for seat in seats}
    if not structures:
        everyone = store.structures.all()
        structures = {everyone[0].id} if len(everyone) == 1 else set()
    heads = sorted((store.structures.letterhead(s) for s in structures), key=lambda h: h.name.casefold())
    return _stationery(heads[0]) if heads else None


def charter_logo(draft: CharterDraft) -> Path | None:
    """The logo a charter was issued with, found by the sha256 its values recorded."""
    sha256 = draft.data.get(LETTERHEAD_LOGO, "")
    return logo_by_sha256(sha256) if sha256 else None


def _stationery(letterhead: Letterhead) -> "Stationery":
    from comite.exports.pdf.letterhead import Stationery

    return Stationery(letterhead, logo_file(letterhead.logo))


def _intact(path: Path) -> bool:
    """Whether `path` is a file whose content still has the sha256 its name says."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == path.stem
    except OSError:
        return False


def _read(source: Path) -> bytes:
    name = source.name or str(source)
    try:
        info = os.stat(source)
    except OSError:
        raise _refused(_("Fichier introuvable : {file}. Vérifiez le chemin, ou choisissez le "
                         "fichier avec « Parcourir… ».").format(file=name)) from None
    if not stat.S_ISREG(info.st_mode):
        raise _refused(_("{file} n’est pas un fichier ordinaire (un dossier ?) : indiquez "
                         "l’image du logo elle-même.").format(file=name))
    if info.st_size > MAX_BYTES:
        raise _refused(_too_heavy(name, info.st_size))
    try:
        with open(source, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise _refused(_("{file} n’a pas pu être lu : {why}.").format(
            file=name, why=system_reason(error))) from None
    if len(data) > MAX_BYTES:  # it grew between the size check and the reading
        raise _refused(_too_heavy(name, len(data)))
    return data


def _too_heavy(name: str, size: int) -> str:
    tenths = math.ceil(size * 10 / 2**20)  # rounded up: never « 2,0 Mo ; 2 Mo au plus »
    return _("{file} est trop lourd pour un logo ({size} Mo ; 2 Mo au plus) : enregistrez-le "
             "plus petit (500 pixels de large suffisent).").format(
                 file=name, size=f"{tenths // 10},{tenths % 10}")


def _decode(source: Path, data: bytes, kind: str) -> None:
    """Decode the whole image, as only its pixels prove it is one; its size is read from its
    header first, so a small file that would unfold into millions of pixels is never unfolded."""
    from PIL import Image

    too_large = _refused(_("{file} compte trop de pixels pour un logo ({side} × {side} au "
                           "plus) : réduisez-le (500 pixels de large suffisent).").format(
                               file=source.name, side=f"{MAX_SIDE:,}".replace(",", "\u202f")))
    damaged = _refused(_("{file} est une image abîmée ou incomplète (elle ne se lit pas jusqu’au "
                         "bout) : enregistrez-la à nouveau depuis le logiciel qui l’a faite.").format(
                             file=source.name))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as image:
                if max(image.size) > MAX_SIDE:
                    raise too_large
                image.verify()  # the PNG's checksums; nothing can be read after it
            with Image.open(io.BytesIO(data), formats=[kind]) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except (OSError, SyntaxError, ValueError, EOFError):  # what Pillow raises on a broken file
        raise damaged from None


def _refused(message: str) -> ValidationError:
    return ValidationError({FIELD: message})
