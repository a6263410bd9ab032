"""The example data (`comite demo`) in a real SQLite file of the test's own: the `example`
fixture, for every folder of the suite (tests/conftest.py), and `edit`, a person changed in a
few fields as their card would be."""

from dataclasses import asdict
from datetime import date

import pytest

from comite.store import PersonInput, open_store
from comite.store.demo import fill_small

TODAY = date(2026, 11, 23)


@pytest.fixture
def example(tmp_path):
    store = open_store(tmp_path / "comite.sqlite")
    fill_small(store, TODAY)
    yield store
    store.close()


def edit(store, person_id: int, **changes):
    person = store.people.get(person_id)
    fields = {name: value for name, value in asdict(person).items()
              if name in PersonInput.__dataclass_fields__}
    return store.people.update(person_id, PersonInput(**{**fields, **changes}))
