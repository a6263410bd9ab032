"""Where the database may live: local disk only, never a synced folder or a network share."""

from pathlib import Path

import pytest

from comite.store.location import (
    Unsafe,
    check_database_location,
    filesystem_of,
    parse_mounts,
    sync_client_above,
)

PROC_MOUNTS = r"""proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077 0 0
tmpfs /run/user/1000 tmpfs rw,nosuid,nodev,relatime,size=1626580k,mode=700 0 0
//nas/partage\040commun /mnt/partage\040commun cifs rw,relatime,vers=3.1.1 0 0
nas:/export/home /mnt/nas nfs4 rw,relatime,vers=4.2 0 0
/dev/sdb1 /media/clé\011usb\134x vfat rw 0 0
ligne-incomplète
"""


def test_parse_mounts_decodes_octal_escapes():
    mounts = parse_mounts(PROC_MOUNTS)
    assert ("/", "ext4") in mounts
    assert ("/mnt/partage commun", "cifs") in mounts
    assert ("/mnt/nas", "nfs4") in mounts
    assert ("/media/clé\tusb\\x", "vfat") in mounts
    assert len(mounts) == 7  # the incomplete line is skipped


def test_parse_mounts_of_empty_text():
    assert parse_mounts("") == []


def test_filesystem_of_takes_the_deepest_mount_point():
    mounts = [("/", "ext4"), ("/mnt/nas", "nfs4"), ("/mnt/nas/local", "ext4")]
    assert filesystem_of(Path("/mnt/nas/equipe"), mounts) == "nfs4"
    assert filesystem_of(Path("/mnt/nas"), mounts) == "nfs4"
    assert filesystem_of(Path("/mnt/nas/local/x"), mounts) == "ext4"
    assert filesystem_of(Path("/mnt/nas2/x"), mounts) == "ext4"  # a prefix is not a parent
    assert filesystem_of(Path("/home/camille"), mounts) == "ext4"
    assert filesystem_of(Path("/home"), []) is None


@pytest.mark.parametrize("fstype", ["nfs4", "cifs", "fuse.sshfs", "smb3"])
def test_database_on_a_network_share_is_unsafe(tmp_path, fstype):
    share = tmp_path / "partage"
    share.mkdir()
    mounts = [("/", "ext4"), (str(share.resolve()), fstype)]
    verdict = check_database_location(share / "comite.sqlite", mounts=mounts)
    assert isinstance(verdict, Unsafe)
    assert fstype in verdict.reason
    assert "partage réseau" in verdict.reason


def test_nonexistent_folder_on_a_share_is_judged_by_its_existing_parent(tmp_path):
    share = tmp_path / "partage"
    share.mkdir()
    mounts = [("/", "ext4"), (str(share.resolve()), "nfs4")]
    verdict = check_database_location(share / "a" / "b" / "comite.sqlite", mounts=mounts)
    assert isinstance(verdict, Unsafe)
    assert not (share / "a").exists()


def test_network_mount_from_parsed_proc_mounts(tmp_path):
    share = tmp_path / "partage commun"
    share.mkdir()
    escaped = str(share.resolve()).replace(" ", "\\040")
    table = f"/dev/vda / ext4 rw 0 0\n//nas/x {escaped} cifs rw 0 0\n"
    verdict = check_database_location(share / "comite.sqlite", mounts=parse_mounts(table))
    assert isinstance(verdict, Unsafe)
    assert "cifs" in verdict.reason


def test_local_disk_is_safe(tmp_path):
    mounts = [("/", "ext4"), ("/mnt/nas", "nfs4")]
    assert check_database_location(tmp_path / "comite.sqlite", mounts=mounts) is None


def test_local_mount_inside_a_share_is_safe(tmp_path):
    share = tmp_path / "partage"
    local = share / "disque"
    local.mkdir(parents=True)
    mounts = [("/", "ext4"), (str(share.resolve()), "nfs4"), (str(local.resolve()), "ext4")]
    assert check_database_location(local / "comite.sqlite", mounts=mounts) is None


@pytest.mark.parametrize(
    ("marker", "client"),
    [
        (".stfolder", "Syncthing"),
        (".stignore", "Syncthing"),
        (".nextcloudsync.log", "Nextcloud"),
        (".owncloudsync.log", "ownCloud"),
        ("._sync_abc123.db", "Nextcloud"),
        (".sync_0f1e2d.db", "Nextcloud"),
        (".dropbox", "Dropbox"),
    ],
)
def test_sync_markers_name_their_client(tmp_path, marker, client):
    (tmp_path / marker).write_bytes(b"")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert sync_client_above(deep) == client
    verdict = check_database_location(deep / "comite.sqlite", mounts=[("/", "ext4")])
    assert isinstance(verdict, Unsafe)
    assert client in verdict.reason
    assert "synchronisé" in verdict.reason


def test_the_dropbox_program_folder_in_home_is_no_synced_folder(tmp_path):
    """Dropbox keeps a ~/.dropbox *folder* beside the home folder's other files; only a
    .dropbox *file* marks a folder that Dropbox synchronises."""
    home = tmp_path / "home"
    (home / ".dropbox").mkdir(parents=True)
    data = home / ".local" / "share" / "comite"
    data.mkdir(parents=True)
    assert check_database_location(data / "comite.sqlite", mounts=[("/", "ext4")]) is None


def test_files_that_only_look_like_markers_are_not_markers(tmp_path):
    (tmp_path / "sync_notes.db").write_bytes(b"")  # no leading dot
    (tmp_path / "._sync_abc123.txt").write_bytes(b"")  # not a .db
    (tmp_path / "stfolder").mkdir()
    assert sync_client_above(tmp_path) is None
    assert check_database_location(tmp_path / "comite.sqlite", mounts=[("/", "ext4")]) is None


def test_marker_in_a_sibling_folder_does_not_count(tmp_path):
    (tmp_path / "Sync").mkdir()
    (tmp_path / "Sync" / ".stfolder").mkdir()
    (tmp_path / "local").mkdir()
    assert sync_client_above(tmp_path / "local") is None
