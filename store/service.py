"""What every service shares: the database, who acts, and the changed-fields diff."""

from collections.abc import Mapping

from comite.store.db import Database


class Service:
    def __init__(self, db: Database, actor: str) -> None:
        self._db = db
        self._actor = actor


def changed_fields(before: Mapping[str, object], after: Mapping[str, object]) -> list[str]:
    return [name for name, value in after.items() if before.get(name) != value]
