"""A line of the audit log, as read back (writing one needs no record: see store.audit)."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: int | None
    fields: tuple[str, ...]
