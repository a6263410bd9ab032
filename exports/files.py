"""Writing files so that a reader never sees half of one, and naming them safely."""

import os
import re
import tempfile
import unicodedata
from pathlib import Path


def atomic_write(path: Path, data: bytes, *, sync_parent: bool = True) -> Path:
    """Write `data` to `path` in one step: a crash leaves the old file or the new one, never a mix.

    The temporary file sits in the same folder so that `os.replace` is a rename on one file system.
    A batch of files in one folder may pass `sync_parent=False` and call `sync_folder` once after.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if sync_parent:
        sync_folder(path.parent)
    return path


def sync_folder(folder: Path) -> None:
    """Make the renames done in `folder` survive a power cut, where the system allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # Windows and some network file systems cannot sync a folder: the rename stands
    finally:
        os.close(handle)


# Letters that Unicode does not decompose into ASCII but French writes often.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})


def slug(text: str, limit: int = 40) -> str:
    """A file-name fragment: ASCII, lower case, words joined by dashes, at most `limit` characters."""
    spelled = text.translate(_LIGATURES)
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "sans-nom"


def remove_stale(folder: Path, suffixes: tuple[str, ...], keep: set[str]) -> None:
    """Remove the files of `folder` with one of these suffixes that are not in `keep`: what an
    earlier state wrote there and no longer applies."""
    for path in folder.iterdir():
        if path.suffix in suffixes and path.name not in keep and path.is_file():
            path.unlink()
