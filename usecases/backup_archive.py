"""The backup archive: a zip encrypted with AES-256 (WinZip AE-2, which 7-Zip, WinZip and
macOS's Archive Utility open with the passphrase), holding the database, the files it points
to and a manifest that says where each goes back.

The names of a zip's entries are never encrypted: they are neutral here (`fichiers/0001.pdf`),
the real paths, which may hold a person's name, are in the encrypted manifest. Every entry is
authenticated (HMAC) and its SHA-256 is in the manifest: a wrong passphrase, a truncated or
altered archive is refused before anything is replaced.
"""

import hashlib
import json
import re
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from comite.kernel.i18n import _
from comite.store import Refused

FORMAT = 1
DATABASE_ENTRY = "comite.sqlite"
MANIFEST_ENTRY = "manifest.json"
README_ENTRY = "LISEZMOI.txt"
ROOTS = ("donnees", "envoi")  # the data folder, the outbox
# Already compressed: deflating them again costs time for nothing.
_STORED_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".gz", ".p7s"}
_CHUNK = 1024 * 1024
_FILE_ENTRY = re.compile(r"fichiers/\d{4,}(\.[a-z0-9]{1,5})?")  # as write_archive names them
_MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_README = _(
    "Sauvegarde de comite (comité des usagers).\n\n"
    "Pour la remettre en place : comite restore CE_FICHIER.zip\n\n"
    "Sans comite : comite.sqlite est la base (SQLite, lisible par « DB Browser for SQLite ») ;\n"
    "les fichiers qu’elle cite (chartes signées, attestations, logos, messages) sont dans\n"
    "fichiers/, et manifest.json dit où chacun était rangé.\n\n"
    "Ces données concernent des personnes, parfois leur santé : ne les copiez pas ailleurs\n"
    "qu’en lieu sûr, et effacez les copies dont vous n’avez plus besoin.\n"
)


_DATE_SUFFIX = re.compile(r"-date-\d+$")


def message_stem(path: Path) -> str:
    """The message a file of the outbox goes with: `NAME.eml`, `NAME.ics`, `NAME-date-2.ics`
    all belong to NAME."""
    return _DATE_SUFFIX.sub("", path.stem)


class WrongPassphrase(Refused):
    """The passphrase does not open this archive (someone at the keyboard may know the right one)."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to put in the archive: where it lies now, and where it goes back."""

    root: str  # one of ROOTS
    path: str  # relative to its root, with "/"
    source: Path


@dataclass(frozen=True, slots=True)
class ArchivedFile:
    entry: str
    root: str
    path: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Manifest:
    created_at: datetime
    schema: int
    data_dir: str  # where the data folder was, to move recorded paths under this machine's
    database_sha256: str
    database_size: int
    files: tuple[ArchivedFile, ...]


def write_archive(target: Path, database: bytes, files: Sequence[SourceFile], *, created_at: datetime,
                  schema: int, data_dir: Path, passphrase: str) -> Manifest:
    """Write the archive at `target` in one step (a hidden temporary file, fsync, rename): a
    synced folder or a NAS never holds half of one. Raises OSError (a full disk, a read-only
    folder) with nothing left behind."""
    import pyzipper

    from comite.exports.files import atomic_file

    stamp = created_at.timetuple()[:6]
    archived: list[ArchivedFile] = []
    with atomic_file(target) as stream:
        archive = pyzipper.AESZipFile(stream, "w", compression=pyzipper.ZIP_DEFLATED,
                                      encryption=pyzipper.WZ_AES)
        try:
            archive.setpassword(passphrase.encode("utf-8"))
            archive.setencryption(pyzipper.WZ_AES, nbits=256)
            # Level 1: most of the gain of deflating SQLite pages, at a third of the default's time.
            archive.writestr(_info(archive, DATABASE_ENTRY, stamp), database, compresslevel=1)
            for number, file in enumerate(files, start=1):
                entry = f"fichiers/{number:04d}{_suffix(file.path)}"
                digest, size = _copy_in(archive, file.source, entry, stamp)
                archived.append(ArchivedFile(entry, file.root, file.path, digest, size))
            manifest = Manifest(created_at=created_at, schema=schema, data_dir=str(data_dir),
                                database_sha256=hashlib.sha256(database).hexdigest(),
                                database_size=len(database), files=tuple(archived))
            archive.writestr(_info(archive, MANIFEST_ENTRY, stamp), _manifest_json(manifest))
            archive.writestr(_info(archive, README_ENTRY, stamp), _README.encode("utf-8"))
        except BaseException:
            # Abandoned, its file removed by atomic_file: closing it would write again (and, an
            # entry left open by the failed write, raise), now or when it is collected — a
            # traceback on stderr at exit, after the French sentence.
            archive.fp = None
            raise
        archive.close()
    return manifest


def _info(archive, name: str, stamp: tuple[int, ...]):
    """An entry readable by the owner only once extracted, dated by the backup alone."""
    import pyzipper

    info = archive.zipinfo_cls(name, date_time=stamp)
    info.compress_type = pyzipper.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.create_system = 3  # Unix: without it, 7-Zip and unzip pass the mode by
    return info


def _suffix(path: str) -> str:
    suffix = PurePosixPath(path).suffix.lower()
    return suffix if suffix.isascii() and len(suffix) <= 6 and suffix[1:].isalnum() else ""


def _copy_in(archive, source: Path, entry: str, stamp: tuple[int, ...]) -> tuple[str, int]:
    import pyzipper

    info = _info(archive, entry, stamp)
    if PurePosixPath(entry).suffix in _STORED_SUFFIXES:
        info.compress_type = pyzipper.ZIP_STORED
    digest, size = hashlib.sha256(), 0
    with source.open("rb") as reader, archive.open(info, "w") as writer:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            writer.write(chunk)
    return digest.hexdigest(), size


def _manifest_json(manifest: Manifest) -> bytes:
    return json.dumps({
        "format": FORMAT, "created_at": manifest.created_at.isoformat(timespec="seconds"),
        "schema": manifest.schema, "data_dir": manifest.data_dir,
        "database": {"entry": DATABASE_ENTRY, "sha256": manifest.database_sha256,
                     "size": manifest.database_size},
        "files": [{"entry": f.entry, "root": f.root, "path": f.path, "sha256": f.sha256,
                   "size": f.size} for f in manifest.files],
    }, ensure_ascii=False, indent=1).encode("utf-8")


# ---- reading back ------------------------------------------------------------------------------


class OpenedArchive:
    """An archive whose passphrase, manifest and every entry's digest were checked."""

    def __init__(self, archive, manifest: Manifest) -> None:
        self._archive = archive
        self.manifest = manifest

    def database(self) -> bytes:
        return self._archive.read(DATABASE_ENTRY)

    def extract(self, file: ArchivedFile, target: Path) -> None:
        """Write one file at `target` in one step, checked again on the way."""
        from comite.exports.files import atomic_file

        digest = hashlib.sha256()
        with self._archive.open(file.entry) as reader, atomic_file(target) as writer:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
                writer.write(chunk)
            if digest.hexdigest() != file.sha256:
                raise Refused(_damaged())


@contextmanager
def opened(path: Path, passphrase: str) -> Iterator[OpenedArchive]:
    """The archive at `path`, checked whole before the caller sees it: Refused, in French, for a
    file that is not a comite backup, a wrong passphrase, a damaged or truncated archive."""
    import stat

    import pyzipper

    try:
        if not stat.S_ISREG(path.stat().st_mode) and not path.is_dir():
            # A named pipe or a device would be waited on for ever once opened.
            raise Refused(_("{path} n’est pas un fichier ordinaire : indiquez le fichier .zip de la "
                            "sauvegarde. Rien n’a été remplacé.").format(path=path))
        archive = pyzipper.AESZipFile(path, "r")
    except (FileNotFoundError, NotADirectoryError):
        raise Refused(_("Le fichier {path} n’existe pas.").format(path=path)) from None
    except IsADirectoryError:
        raise Refused(_("{path} est un dossier : indiquez le fichier .zip de la sauvegarde.")
                      .format(path=path)) from None
    except PermissionError:
        raise Refused(_("{path} ne peut pas être lu : l’accès est refusé (droits du fichier). Rien "
                        "n’a été remplacé.").format(path=path)) from None
    except (pyzipper.BadZipFile, EOFError, ValueError, OSError):
        raise Refused(_("{name} n’est pas une sauvegarde de comite, ou elle est tronquée (copie "
                        "interrompue ?) : rien n’a été remplacé.").format(name=path.name)) from None
    with archive:
        archive.setpassword(passphrase.encode("utf-8"))
        manifest = _read_manifest(archive, path)
        _verify(archive, manifest)
        yield OpenedArchive(archive, manifest)


def _read_manifest(archive, path: Path) -> Manifest:
    names = set(archive.namelist())
    if not {MANIFEST_ENTRY, DATABASE_ENTRY} <= names:
        raise Refused(_("{name} n’est pas une sauvegarde de comite : rien n’a été remplacé.")
                      .format(name=path.name))
    for name in (MANIFEST_ENTRY, DATABASE_ENTRY):
        if archive.getinfo(name).flag_bits & 0x1 == 0:
            # Written without encryption: not by comite, and perhaps not to be trusted.
            raise Refused(_("{name} n’est pas chiffrée : ce n’est pas une sauvegarde de comite. "
                            "Rien n’a été remplacé.").format(name=path.name))
    if archive.getinfo(MANIFEST_ENTRY).file_size > _MAX_MANIFEST_BYTES:
        raise Refused(_damaged())
    raw = _read(archive, MANIFEST_ENTRY)
    try:
        data = json.loads(raw)
        files = tuple(_archived(item, names) for item in data["files"])
        return Manifest(created_at=datetime.fromisoformat(data["created_at"]), schema=int(data["schema"]),
                        data_dir=str(data["data_dir"]), database_sha256=str(data["database"]["sha256"]),
                        database_size=int(data["database"]["size"]), files=files)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise Refused(_damaged()) from None


def _archived(item: dict, names: set[str]) -> ArchivedFile:
    path = PurePosixPath(str(item["path"]))
    # A path must stay inside its root: a crafted manifest cannot write elsewhere.
    if (item["root"] not in ROOTS or path.is_absolute() or ".." in path.parts or not path.parts
            or item["entry"] not in names or "\\" in str(path) or "\x00" in str(path)):
        raise ValueError("file outside its root")
    # Nor, inside it, anywhere but where comite keeps such files (never the base, the ledger of
    # erasures, the templates, the signing key), from an entry named as comite names them.
    if not _FILE_ENTRY.fullmatch(str(item["entry"])) or not any(
            path.parts[:len(folder)] == folder and len(path.parts) > len(folder)
            for folder in _places()[item["root"]]):
        raise ValueError("file outside the folders of its kind")
    return ArchivedFile(entry=str(item["entry"]), root=str(item["root"]), path=str(path),
                        sha256=str(item["sha256"]), size=int(item["size"]))


def _places() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Under each root, the folders a backup's files go back to: the documents kept beside the
    database and the logos in the data folder; anywhere in the outbox."""
    from comite.usecases import paths

    data = paths.data_dir()
    kept = (*paths.kept_documents_dirs(), paths.logos_dir())
    return {"donnees": tuple(folder.relative_to(data).parts for folder in kept), "envoi": ((),)}


def _read(archive, name: str) -> bytes:
    with _refusals():
        return archive.read(name)


def _verify(archive, manifest: Manifest) -> None:
    """Every entry read whole: its HMAC (pyzipper) and its SHA-256 (the manifest) agree."""
    expected = [(DATABASE_ENTRY, manifest.database_sha256, manifest.database_size)]
    expected += [(f.entry, f.sha256, f.size) for f in manifest.files]
    for entry, sha256, size in expected:
        if archive.getinfo(entry).file_size != size:
            raise Refused(_damaged())
        digest = hashlib.sha256()
        with _refusals(), archive.open(entry) as reader:
            while chunk := reader.read(_CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != sha256:
            raise Refused(_damaged())


@contextmanager
def _refusals() -> Iterator[None]:
    """What reading an entry may raise, said in French."""
    import pyzipper

    try:
        yield
    except RuntimeError:  # pyzipper: the passphrase does not open the entry
        raise WrongPassphrase(_("La phrase de passe ne correspond pas à cette sauvegarde : rien "
                                "n’a été remplacé.")) from None
    except (pyzipper.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, zlib.error):
        raise Refused(_damaged()) from None


def _damaged() -> str:
    return _("Cette sauvegarde est abîmée (fichier tronqué ou modifié) : rien n’a été remplacé. "
             "Essayez une sauvegarde plus ancienne.")
