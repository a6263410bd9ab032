"""Fixtures of the store suite: a real SQLite file in tmp_path, never :memory:."""

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from comite.store import PersonInput, open_store
from comite.store.committee_models import CommitteeKind, StructureKind

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
TODAY = date(2026, 3, 15)
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class FileState:
    """What must not change when a database file is refused."""

    content: bytes
    mtime_ns: int
    mode: int
    folder: tuple[str, ...]


def file_state(path: Path) -> FileState:
    info = path.stat()
    return FileState(
        content=path.read_bytes(), mtime_ns=info.st_mtime_ns, mode=info.st_mode,
        folder=tuple(sorted(os.listdir(path.parent))),
    )


def side_files(path: Path) -> list[Path]:
    return [p for p in (path.with_name(path.name + s) for s in SIDE_SUFFIXES) if p.exists()]


@pytest.fixture
def snapshot():
    """`snapshot(path)`: the bytes, mtime, mode and folder listing of a file, to compare."""
    return file_state


@pytest.fixture
def side_files_of():
    """`side_files_of(path)`: the -wal, -shm or -journal files that exist beside `path`."""
    return side_files


@pytest.fixture
def hostile_copy(tmp_path: Path):
    """`hostile_copy(name)`: a copy of tests/data/hostile/<name> in its own tmp folder."""

    def copy(name: str) -> Path:
        target = tmp_path / "hostile" / name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes((HOSTILE / name).read_bytes())
        return target

    return copy


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "comite.sqlite"


@pytest.fixture
def store(db_path: Path):
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture
def add_person(store):
    def add(last_name: str, first_name: str = "", **fields):
        return store.people.create(
            PersonInput(last_name=last_name, first_name=first_name, **fields)
        )

    return add


@pytest.fixture
def structure(store):
    return store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")


@pytest.fixture
def committee(store, structure):
    return store.committees.create(
        structure.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE
    )


@pytest.fixture
def valid_db(tmp_path: Path) -> Path:
    """A closed, migrated comite database with one person, and no -wal/-shm beside it."""
    path = tmp_path / "valide" / "comite.sqlite"
    opened = open_store(path)
    opened.people.create(PersonInput(last_name="Dupont", first_name="Jeanne"))
    opened.close()
    assert side_files(path) == [], "closing the store should remove the WAL side files"
    return path


@pytest.fixture
def members(store, committee):
    """A présidente, her suppléante, a member, a member without e-mail and a guest."""
    from tests.store.meeting_setup import seat_members

    return seat_members(store, committee.id)


@pytest.fixture
def opened(store, committee, members):
    """An open poll on winter and summer, and its invitees by name."""
    from tests.store.meeting_setup import invitees, poll

    meeting, proposed = poll(store, committee.id)
    return meeting, proposed, invitees(store, meeting.id)
