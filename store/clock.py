"""Time as the store records it: aware, stored as ISO 8601 UTC."""

import uuid
from datetime import UTC, date, datetime


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_uid() -> str:
    """A stable identifier for anything that may leave the machine."""
    return str(uuid.uuid4())


def date_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
