"""Why a file from the outside world was refused: a French reason, and what to do about it; and
why a watched folder could not be read on (a fault of the machine, not of a file)."""

from comite.store.errors import Refused


class InboxRefusal(Refused):
    """The file cannot be used as it is; nothing was changed. `reason` says what was wrong,
    `advice` (may be empty) what the coordinator can do, `meeting_id` the meeting it concerns
    when known (a poll export to import from that meeting's screen)."""

    def __init__(self, reason: str, advice: str = "", meeting_id: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.advice = advice
        self.meeting_id = meeting_id


class ScanFault(Exception):
    """A watched folder cannot be applied now, whatever the file: the disk is full, a folder is
    read-only, the database stays busy. `message` says it in French; `news`: what the scan did
    before it (sync.watcher tells it first)."""

    def __init__(self, message: str, news: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.news = news


class InboxFault(ScanFault):
    """The inbox cannot be read on now, whatever the file (a full disk, a folder that cannot be
    written, a database that stays busy): the scan stops there; `message` says it in French."""
