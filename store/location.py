"""Where the database may live: on a local disk, outside any synced or network folder.

SQLite's locking and WAL need a local file system: a sync client that copies the file while
it is written, or an SMB/NFS mount, corrupts it or forks it into "conflict" copies.
"""

from dataclasses import dataclass
from pathlib import Path

from comite.kernel.i18n import _

# A file or folder that a sync client leaves at the root of what it synchronises. Not
# ~/.dropbox: the Dropbox program keeps that *folder* in the home folder itself, while a
# synced Dropbox folder holds a *file* of that name (see _is_marker).
SYNC_MARKERS: dict[str, str] = {
    ".stfolder": "Syncthing",
    ".stignore": "Syncthing",
    ".nextcloudsync.log": "Nextcloud",
    ".owncloudsync.log": "ownCloud",
    ".sync_journal.db": "Nextcloud",
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
}
_FILE_ONLY_MARKERS = {".dropbox"}
# Nextcloud and ownCloud name their journal "._sync_<hash>.db" or ".sync_<hash>.db".
SYNC_JOURNAL_PREFIXES = ("._sync_", ".sync_")

NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "9p", "ncpfs",
    "davfs", "fuse.davfs2", "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.s3fs",
    "fuse.gvfsd-fuse", "ceph", "glusterfs", "fuse.glusterfs", "lustre",
}


@dataclass(frozen=True, slots=True)
class Unsafe:
    reason: str


def sync_client_above(folder: Path) -> str | None:
    """The name of the sync client whose marker sits in `folder` or one of its parents."""
    for candidate in (folder, *folder.parents):
        try:
            names = {entry.name for entry in candidate.iterdir()}
        except OSError:
            continue
        for marker, client in SYNC_MARKERS.items():
            if marker in names and _is_marker(candidate / marker):
                return client
        if any(name.startswith(SYNC_JOURNAL_PREFIXES) and name.endswith(".db") for name in names):
            return "Nextcloud"
    return None


def _is_marker(path: Path) -> bool:
    return path.is_file() if path.name in _FILE_ONLY_MARKERS else True


def parse_mounts(table: str) -> list[tuple[str, str]]:
    """(mount point, file-system type) pairs from the text of /proc/mounts."""
    mounts = []
    for line in table.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            point = parts[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
            mounts.append((point, parts[2]))
    return mounts


def filesystem_of(folder: Path, mounts: list[tuple[str, str]]) -> str | None:
    """The type of the file system holding `folder`: the deepest mount point above it."""
    best, best_len = None, -1
    text = str(folder)
    for point, fstype in mounts:
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) > best_len:
            best, best_len = fstype, len(point)
    return best


def _read_mounts() -> list[tuple[str, str]]:
    try:
        return parse_mounts(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


def check_database_location(path: Path, mounts: list[tuple[str, str]] | None = None) -> Unsafe | None:
    """Why `path` is no place for the database, or None when it is fine."""
    folder = path.resolve().parent
    existing = next((p for p in (folder, *folder.parents) if p.exists()), folder)
    client = sync_client_above(existing)
    if client:
        return Unsafe(
            _("le dossier est synchronisé par {client} : une copie faite pendant une écriture "
              "abîme la base ou la dédouble en « conflits »").format(client=client)
        )
    fstype = filesystem_of(existing, _read_mounts() if mounts is None else mounts)
    if fstype and fstype.lower() in NETWORK_FS:
        return Unsafe(
            _("le dossier est sur un partage réseau ({fstype}) où le verrouillage de SQLite "
              "n’est pas fiable").format(fstype=fstype)
        )
    return None
