"""The outbox's folder of each meeting: « 2027-01-12-comite-de-printemps », holding the meeting's
invitations and, in `compte-rendu/`, the messages that send its minutes."""

import contextlib
from datetime import date
from itertools import count
from pathlib import Path

from comite.exports.files import atomic_write, slug
from comite.store.meeting_models import MeetingDetail, SlotStatus

# Marks a folder as this meeting's, so a new date or title renames it instead of adding one.
MARKER = ".comite-reunion"
# The minutes' messages have a folder of their own: writing the invitations again replaces
# the files of the meeting's folder, and must not take the minutes' with them.
MINUTES = "compte-rendu"


def meeting_folder(outbox: Path, detail: MeetingDetail) -> Path:
    """The meeting's folder; its earlier folder is renamed to it, and a folder of the same name
    that is not this meeting's (a namesake, the user's own) is left be."""
    uid = detail.meeting.uid
    ours = [marker.parent for marker in outbox.glob(f"*/{MARKER}")
            if marker.read_text(encoding="utf-8").strip() == uid]
    base = f"{_meeting_day(detail).isoformat()}-{slug(detail.meeting.title)}"
    for number in count(1):
        folder = outbox / (base if number == 1 else f"{base}-{number}")
        if folder in ours:
            break
        if not folder.exists():
            if ours:
                ours[0].rename(folder)
            break
    atomic_write(folder / MARKER, uid.encode())
    return folder


def remove_marker(folder: Path) -> None:
    """Remove a meeting's folder that holds nothing but its marker (a first export undone);
    one with anything else in it stays. Never raises: it runs after a failure."""
    with contextlib.suppress(OSError):
        if {entry.name for entry in folder.iterdir()} == {MARKER}:
            (folder / MARKER).unlink()
            folder.rmdir()


def minutes_folder(outbox: Path, detail: MeetingDetail) -> Path:
    folder = meeting_folder(outbox, detail) / MINUTES
    folder.mkdir(exist_ok=True)
    return folder


def _meeting_day(detail: MeetingDetail) -> date:
    """The chosen date once convened, else the first date still proposed (or any, if none is)."""
    chosen = detail.chosen_slot
    if chosen is not None:
        return chosen.starts_at.date()
    standing = [slot for slot in detail.slots if slot.status is SlotStatus.PROPOSED] or list(detail.slots)
    return min(slot.starts_at for slot in standing).date()
