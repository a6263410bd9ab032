"""The audit log: who changed which entity and which fields — never the values."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from comite.kernel.clock import utc_now_iso
from comite.store.db import Database

if TYPE_CHECKING:
    from comite.store.audit_models import AuditEntry


def record(
    conn: sqlite3.Connection,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    fields: Iterable[str] = (),
) -> None:
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, fields)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (utc_now_iso(), actor, action, entity, entity_id, ",".join(sorted(fields))),
    )


class AuditService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def recent(self, limit: int = 100) -> list[AuditEntry]:
        rows = self._db.connection().execute(
            "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [audit_entry(row) for row in rows]


def audit_entry(row: sqlite3.Row) -> AuditEntry:
    from comite.store.audit_models import AuditEntry

    return AuditEntry(
        id=row["id"], at=row["at"], actor=row["actor"], action=row["action"],
        entity=row["entity"], entity_id=row["entity_id"],
        fields=tuple(f for f in row["fields"].split(",") if f),
    )
