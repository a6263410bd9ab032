"""Errors the store raises; every message is French and safe to show to the coordinator."""

from collections.abc import Mapping


class StoreError(Exception):
    """Something went wrong; the message says what, in French."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Refused(StoreError):
    """The input or the request was refused: nothing was changed."""

    exit_code = 2


class NeedsConfirmation(Refused):
    """The request is legitimate but the coordinator must confirm it: the message says why."""


class NotFound(Refused):
    """The record asked for does not exist (any more)."""


class ValidationError(Refused):
    """One or more fields are invalid; `errors` maps each field name to its message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


class DatabaseRefused(Refused):
    """The database file cannot be used as it is; the file was left untouched."""
