"""The example data (`comite demo`) in a real SQLite file of the test's own: the `example`
fixture, for every folder of the suite (tests/conftest.py), and `edit`, a person changed in a
few fields as their card would be."""

import shutil
from dataclasses import asdict
from datetime import date

import pytest

from comite.store import PersonInput, open_store
from comite.store.demo import fill_small

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def example_file(tmp_path_factory):
    """The example written once per test process: each test opens its own copy (writing it
    takes far longer than copying it)."""
    path = tmp_path_factory.mktemp("example") / "comite.sqlite"
    store = open_store(path)
    fill_small(store, TODAY)
    store.close()
    return path


@pytest.fixture
def example(tmp_path, example_file):
    target = tmp_path / "comite.sqlite"
    shutil.copyfile(example_file, target)
    store = open_store(target)
    yield store
    store.close()


def edit(store, person_id: int, **changes):
    person = store.people.get(person_id)
    fields = {name: value for name, value in asdict(person).items()
              if name in PersonInput.__dataclass_fields__}
    return store.people.update(person_id, PersonInput(**{**fields, **changes}))
