"""Writing files so that a reader never sees half of one, and naming them safely."""

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: Path, data: bytes, *, sync_parent: bool = True) -> Path:
    """Write `data` to `path` in one step: a crash leaves the old file or the new one, never a mix.

    A batch of files in one folder may pass `sync_parent=False` and call `sync_folder` once after.
    A path that is not a plain file (`/dev/stdout`, a pipe) is written to as a stream: never
    replaced by a file. An error names the folder (or that path), not the temporary file.
    """
    path = Path(path)
    if _is_stream(path):
        return _write_stream(path, data)
    with atomic_file(path, sync_parent=sync_parent) as stream:
        stream.write(data)
    return path


@contextlib.contextmanager
def atomic_file(path: Path, *, sync_parent: bool = True) -> Iterator[BinaryIO]:
    """A file written through the handle given, that appears at `path` whole when the block
    ends, or not at all when it raises. The temporary file sits in the same folder so that
    `os.replace` is a rename on one file system; its name starts with a dot, so that a synced
    folder's client and a person looking at the folder pass it by."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".tmp")
    except OSError as error:
        raise _naming(error, path.parent) from None
    try:
        with os.fdopen(handle, "w+b") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _naming(error, path.parent) from None
        raise
    if sync_parent:
        sync_folder(path.parent)


def _is_stream(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_stream(path: Path, data: bytes) -> Path:
    try:
        with open(path, "wb") as stream:
            stream.write(data)
            stream.flush()
    except OSError as error:
        raise _naming(error, path) from None
    return path


def _naming(error: OSError, where: Path) -> OSError:
    """The error, naming `where` when the system named nothing or a temporary file (whose name
    carries the file's own, maybe a person's)."""
    if not error.filename or str(error.filename).endswith(".tmp"):
        error.filename, error.filename2 = str(where), None
    return error


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


class FileBatch:
    """Files put into a folder together or not at all. Each one is written aside first, in a
    hidden folder inside it; `place()` then moves them in, setting aside the files they replace
    and the `stale` ones; `undo()` puts the folder back as it was, `done()` lets the old files
    go. Until `done()`, nothing written is lost and nothing half-written is in the folder.

    A batch a killed process left behind is swept by the next batch in the folder, once it is
    older than any batch still running could be."""

    ASIDE = ".en-cours-"
    FORGOTTEN_AFTER_S = 3600

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._sweep()
        self._aside = Path(tempfile.mkdtemp(dir=self.folder, prefix=self.ASIDE))
        self._before = self._aside / ".avant"
        self._written: list[str] = []
        self._placed: list[str] = []
        self._moved: list[str] = []  # the folder's own files, set aside by place()

    def write(self, name: str, data: bytes) -> Path:
        """Write `name` aside now; the path it will have once placed."""
        try:
            with open(self._aside / name, "xb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:  # named by its folder: the file's name may be a person's
            error.filename, error.filename2 = str(self.folder), None
            raise
        self._written.append(name)
        return self.folder / name

    def place(self, stale: Iterable[str] = ()) -> None:
        """Move the files written into the folder, and the `stale` ones out of it."""
        self._before.mkdir()
        for name in stale:
            if (self.folder / name).is_file():
                os.replace(self.folder / name, self._before / name)
                self._moved.append(name)
        for name in self._written:
            if (self.folder / name).is_file() and name not in self._moved:
                os.replace(self.folder / name, self._before / name)
                self._moved.append(name)
            os.replace(self._aside / name, self.folder / name)
            self._placed.append(name)
        sync_folder(self.folder)

    def undo(self) -> None:
        """The folder as it was before the batch; never raises (it runs after a failure)."""
        for name in self._placed:
            with contextlib.suppress(OSError):
                (self.folder / name).unlink(missing_ok=True)
        for name in self._moved:
            with contextlib.suppress(OSError):
                os.replace(self._before / name, self.folder / name)
        self._placed, self._moved = [], []
        self.done()

    def done(self) -> None:
        shutil.rmtree(self._aside, ignore_errors=True)
        sync_folder(self.folder)

    def _sweep(self) -> None:
        now = time.time()
        for entry in self.folder.glob(f"{self.ASIDE}*"):
            try:
                old = now - entry.stat().st_mtime > self.FORGOTTEN_AFTER_S
            except OSError:
                continue
            if old and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)


def missing_folders(folder: Path) -> list[Path]:
    """`folder` and those of its parents that do not exist yet, the deepest first: what
    writing into it creates, to remove if the writing is undone."""
    folder = Path(folder).absolute()
    return [path for path in (folder, *folder.parents) if not path.exists()]


def remove_empty(folders: Iterable[Path]) -> None:
    """Remove each folder that is empty, in order (the deepest first); never raises."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return
