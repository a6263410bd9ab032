"""FileBatch: files put into a folder together or not at all (issue 18). A batch that fails
midway, or whose record fails after its files were placed, leaves the folder as it was; and
atomic_write never replaces what is not a plain file, nor names a person's file in its error."""

import errno
import os
import stat
import time
from pathlib import Path

import pytest

from comite.exports.files import FileBatch, atomic_write, missing_folders, remove_empty


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {str(path.relative_to(folder)): path.read_bytes() if path.is_file() else None
            for path in sorted(folder.rglob("*"))}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "reunion"
    made.mkdir()
    (made / "jeanne.eml").write_bytes(b"ancienne invitation")
    (made / "paul.eml").write_bytes(b"invitation de quelqu'un qui n'est plus invite")
    (made / "notes.txt").write_bytes(b"le fichier de la coordinatrice")
    return made


def test_placed_files_replace_theirs_and_the_stale_ones_go(folder):
    batch = FileBatch(folder)
    assert batch.write("jeanne.eml", b"nouvelle") == folder / "jeanne.eml"
    batch.write("marie.eml", b"premiere")
    assert snapshot(folder).keys() >= {"jeanne.eml", "paul.eml"}
    assert (folder / "jeanne.eml").read_bytes() == b"ancienne invitation", "nothing placed yet"
    batch.place(stale={"paul.eml"})
    batch.done()
    assert snapshot(folder) == {"jeanne.eml": b"nouvelle", "marie.eml": b"premiere",
                                "notes.txt": b"le fichier de la coordinatrice"}


def test_undone_before_placing_or_after_the_folder_is_as_it_was(folder):
    before = snapshot(folder)
    for place in (False, True):
        batch = FileBatch(folder)
        batch.write("jeanne.eml", b"nouvelle")
        batch.write("marie.eml", b"premiere")
        if place:  # then the record of them fails: the files come back out
            batch.place(stale={"paul.eml"})
        batch.undo()
        assert snapshot(folder) == before


def test_a_write_that_fails_names_the_folder_not_the_person(folder):
    batch = FileBatch(folder)
    batch.write("jeanne.eml", b"une")
    with pytest.raises(OSError) as failed:
        batch.write("jeanne.eml", b"deux fois le meme nom")
    assert failed.value.filename == str(folder)
    batch.undo()
    assert "jeanne.eml" in os.listdir(folder) and len(os.listdir(folder)) == 3


def test_a_batch_left_by_a_killed_process_is_swept_once_old(folder):
    forgotten = FileBatch(folder)
    forgotten.write("jeanne.eml", b"jamais placee")
    aside = next(folder.glob(f"{FileBatch.ASIDE}*"))
    old = time.time() - FileBatch.FORGOTTEN_AFTER_S - 10
    os.utime(aside, (old, old))
    running = FileBatch(folder)  # another batch, maybe still working: kept
    FileBatch(folder).done()
    assert not aside.exists()
    assert len(list(folder.glob(f"{FileBatch.ASIDE}*"))) == 1
    running.done()


def test_the_folders_an_undone_export_made_are_removed_if_empty(tmp_path):
    target = tmp_path / "a" / "b" / "c"
    made = missing_folders(target)
    assert made == [target, target.parent, target.parent.parent]
    target.mkdir(parents=True)
    (tmp_path / "a" / "garde.txt").write_text("x")
    remove_empty(made)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "garde.txt"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_device_is_written_as_a_stream_never_replaced():
    with pytest.raises(OSError) as full:
        atomic_write(Path("/dev/full"), b"%PDF-1.7")
    assert (full.value.errno, full.value.filename) == (errno.ENOSPC, "/dev/full")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert atomic_write(Path("/dev/null"), b"rien") == Path("/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_an_error_in_the_temporary_file_names_the_folder(tmp_path, monkeypatch):
    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as failed:
        atomic_write(tmp_path / "charte-CH-1-marie-curie.pdf", b"%PDF")
    assert failed.value.filename == str(tmp_path)
    assert os.listdir(tmp_path) == []
