"""The ordre du jour as invitations print it: one numbered line per item."""

from comite.store.meeting_models import MeetingDetail


def agenda_lines(detail: MeetingDetail) -> list[str]:
    return [f"{number}. {title}" for number, title in enumerate(detail.agenda, start=1)]
