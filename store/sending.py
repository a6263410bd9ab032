"""What a meeting's present state owes its invitees by e-mail, and what the outbox has not
written for it yet.

Each state sends something for some of its slots: a poll holds each proposed date and cancels
the dates it withdrew; a convened meeting confirms its date and cancels the others; a cancelled
meeting cancels what it had sent. Every change a calendar must see (a date moved, a new place,
link or duration, a date chosen or withdrawn) bumps the slot's SEQUENCE, so an invitee is « à
renvoyer » exactly when one of the messages owed to them was never written at its present
SEQUENCE: someone invited late, a date moved, a place changed. Pure rules on a MeetingDetail
and the invitations written (`invitations` table); the outbox writes what `planned` names.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.errors import Refused
from comite.store.meeting_models import (
    Cancellation,
    InvitationRecord,
    MeetingDetail,
    MeetingStatus,
    Slot,
    SlotStatus,
)


class Purpose(Enum):
    HOLD = "hold"  # a date proposed by the poll, held tentatively in the calendar
    CONVOCATION = "convocation"  # the date chosen
    RELEASED = "released"  # a proposed date that was not kept
    CANCELLED = "cancelled"  # the whole meeting is called off
    REMOVED = "removed"  # the recipient is no longer invited (RFC 5546 §3.2.5)

    @property
    def method(self) -> str:
        return "REQUEST" if self in (Purpose.HOLD, Purpose.CONVOCATION) else "CANCEL"


# What each state of the meeting sends for each state of a slot.
_PLAN = {
    MeetingStatus.POLL: {SlotStatus.PROPOSED: Purpose.HOLD, SlotStatus.RELEASED: Purpose.RELEASED},
    MeetingStatus.CONVENED: {SlotStatus.CHOSEN: Purpose.CONVOCATION,
                             SlotStatus.RELEASED: Purpose.RELEASED},
    MeetingStatus.CANCELLED: {SlotStatus.PROPOSED: Purpose.CANCELLED,
                              SlotStatus.CHOSEN: Purpose.CANCELLED},
}


def planned(detail: MeetingDetail) -> list[tuple[Slot, Purpose]]:
    """The slots to write about and why; refused (French) when the meeting has nothing to send."""
    status = detail.meeting.status
    if status is MeetingStatus.DRAFT:
        raise Refused(_("Rien à envoyer : la réunion est encore un brouillon. Ouvrez le sondage "
                        "pour envoyer les dates proposées."))
    if status is MeetingStatus.HELD:
        raise Refused(_("Rien à envoyer : la réunion a déjà eu lieu."))
    by_status = _PLAN[status]
    return [(slot, by_status[slot.status]) for slot in detail.slots if slot.status in by_status]


@dataclass(frozen=True, slots=True)
class Unsent:
    """The invitees (names, in the invitees' order) whose message the outbox has not written
    for the meeting's present state, and the people removed whose cancellation is not written
    yet (one message each, whatever the number of dates it cancels)."""

    people: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    invitee_ids: frozenset[int] = frozenset()  # those of `people`
    written_before: bool = False  # something was written for this meeting already

    @property
    def count(self) -> int:
        return len(self.people) + len(self.removed)

    @property
    def label(self) -> str:
        """« 3 invitations à renvoyer », or « à envoyer » when nothing was ever written; ""
        when the outbox is up to date."""
        if not self.count:
            return ""
        invitations = plural.count(self.count, _("invitation"), _("invitations"))
        if self.written_before:
            return _("{invitations} à renvoyer").format(invitations=invitations)
        return _("{invitations} à envoyer").format(invitations=invitations)


def unsent(detail: MeetingDetail, written: Iterable[InvitationRecord],
           cancellations: Iterable[Cancellation]) -> Unsent:
    """Compare what the meeting owes each invitee with e-mail to what was written to them."""
    records = {(r.invitee_id, r.uid, r.method, r.sequence) for r in written}
    invited = {invitee.person_id for invitee in detail.invitees}
    removed = tuple(dict.fromkeys(c.name for c in cancellations
                                  if c.written_at is None and c.email and c.person_id not in invited))
    try:
        owed = [(slot.uid, purpose.method, slot.sequence) for slot, purpose in planned(detail)]
    except Refused:
        owed = []
    owing = [invitee for invitee in detail.invitees if invitee.email and any(
        (invitee.id, *message) not in records for message in owed)]
    return Unsent(people=tuple(invitee.name for invitee in owing), removed=removed,
                  invitee_ids=frozenset(invitee.id for invitee in owing),
                  written_before=bool(records))


def delivery(written: Iterable[InvitationRecord]) -> dict[int, bool]:
    """Per invitee written to: True when every message, as last written, was sent (by the
    settings' server), False when one waits in the outbox."""
    status: dict[int, bool] = {}
    for record in written:
        status[record.invitee_id] = status.get(record.invitee_id, True) and record.sent_at is not None
    return status
