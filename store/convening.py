"""Convening a meeting on one slot: after a poll, or straight from the draft (a CDU is most
often convened on a date set in advance, without a poll). Pure rules, tested alone; the
meeting service applies them in its transaction, and the meeting page asks them before it
asks its question, so the coordinator is never asked something the store then refuses.

From a draft the other proposed slots went to nobody: they are deleted (as a draft's slot is
when removed), so no « date non retenue » goes out for a date nobody was offered. After a
poll they are released and their cancellation goes out, as before.
"""

from datetime import datetime

from comite.kernel.french_dates import long_date
from comite.kernel.i18n import _
from comite.kernel.zones import local
from comite.store.meeting_models import MeetingStatus, SlotStatus

CONVENABLE = (MeetingStatus.DRAFT, MeetingStatus.POLL)


def refusal(
    status: MeetingStatus, slot_status: SlotStatus, starts_at: datetime, timezone: str,
    invitees: int, now: datetime,
) -> str | None:
    """Why the meeting cannot be convened on this slot (French), or None when it can.

    `starts_at` and `now` are aware. A draft is convened only on a day still to come (today
    included, in the meeting's zone) and with someone to convene; a poll keeps its own rules
    (the slot must still be proposed), whatever the date."""
    if status not in CONVENABLE:
        return _("Impossible : la réunion est « {status} ».").format(status=status.label.lower())
    if slot_status is not SlotStatus.PROPOSED:
        return _("Ce créneau a été retiré du sondage.")
    if status is MeetingStatus.DRAFT:
        if invitees < 1:
            return _("Invitez au moins une personne avant de convoquer la réunion.")
        day = local(starts_at, timezone).date()
        if day < local(now, timezone).date():
            return _("Le {day} est passé : proposez une date à venir pour convoquer la "
                     "réunion.").format(day=long_date(day))
    return None


def releases_others(status: MeetingStatus) -> bool:
    """After a poll the other slots are released (their cancellation is sent); from a draft
    they were never sent, so they are deleted instead."""
    return status is MeetingStatus.POLL
