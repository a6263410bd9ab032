"""`comite ls meetings` and `comite show meeting`: meetings as rows and as a full record, with
the agenda, who came, and the conclusions taken and carried over."""

from datetime import UTC, datetime

from comite.exports import minutes_parts as parts
from comite.kernel.i18n import _
from comite.store import Store
from comite.store.attendance import announced
from comite.store.meeting_models import (
    NO_ANSWER_LABEL,
    Meeting,
    MeetingDetail,
    MeetingStatus,
    SlotScore,
)
from comite.store.minutes_models import Conclusion, MinutesDocument
from comite.store.sending import Unsent
from comite.store.sitting import floor_totals

# Before the meeting is convened nobody can be present yet: no attendance, no quorum.
_WITH_ATTENDANCE = (MeetingStatus.CONVENED, MeetingStatus.HELD)


def meeting_rows(store: Store) -> list[dict[str, object]]:
    return [_summary(meeting) for meeting in store.meetings.all(limit=1_000_000)]


def _summary(meeting: Meeting) -> dict[str, object]:
    return {
        "id": meeting.id, "uid": meeting.uid, "title": meeting.title,
        "committee": meeting.committee_name, "status": meeting.status.value,
        "starts_at": meeting.starts_at.isoformat() if meeting.starts_at else None,
        "answers": f"{meeting.answered}/{meeting.invitees}",
    }


def meeting_record(detail: MeetingDetail, scores: list[SlotScore], pending: list | None = None,
                   minutes: MinutesDocument | None = None,
                   unsent: Unsent | None = None) -> dict[str, object]:
    """Everything a script needs: slots with their scores, invitees with votes and replies, and
    (given `minutes`) the agenda, attendance, quorum, minutes and conclusions."""
    meeting = detail.meeting
    chosen = detail.chosen_slot
    scores = {score.slot.id: score for score in scores}
    votes = {(vote.invitee_id, vote.slot_id): vote for vote in detail.votes}
    return {
        **_summary(meeting),
        # The UID and SEQUENCE calendars know it by, once a slot is chosen.
        "calendar_uid": chosen.uid if chosen else None,
        "sequence": chosen.sequence if chosen else None,
        "place": meeting.place, "video_url": meeting.video_url,
        "duration_minutes": meeting.duration_minutes, "timezone": meeting.timezone,
        "description": meeting.description,
        "slots": [
            {"id": slot.id, "uid": slot.uid, "sequence": slot.sequence, "status": slot.status.value,
             "starts_at": slot.starts_at.isoformat(), "ends_at": slot.ends_at.isoformat(),
             "place": slot.place or meeting.place,
             "yes": scores[slot.id].yes, "if_need_be": scores[slot.id].if_need_be,
             "no": scores[slot.id].no, "no_answer": scores[slot.id].no_answer,
             "seats_covered": scores[slot.id].seats_covered, "seats": scores[slot.id].seats,
             "quorum_reached": scores[slot.id].quorum_reached,
             "required_missing": list(scores[slot.id].required_missing),
             # Invitees (ids) whose answer here was given for an earlier date or time of the
             # slot: kept under "votes", not counted above, to be asked again.
             "to_ask_again": list(detail.to_ask_again(slot.id))}
            for slot in detail.slots
        ],
        "invitees": [
            {"id": invitee.id, "person_id": invitee.person_id, "name": invitee.name,
             "email": invitee.email, "seat": invitee.seat.value, "required": invitee.required,
             "reply": invitee.partstat.value, "comment": invitee.comment,
             "votes": {str(slot.id): _vote(votes.get((invitee.id, slot.id)))
                       for slot in detail.slots}}
            for invitee in detail.invitees
        ],
        # Calendar replies from an address no invitee has: they wait for the coordinator.
        "pending_replies": [
            {"id": reply.id, "slot_id": reply.slot_id, "attendee": reply.attendee,
             "partstat": reply.partstat, "received_at": reply.received_at}
            for reply in pending or ()
        ],
        # Who the outbox has not written to since the meeting last changed (« g » or
        # `comite export invitations`): the invitees owed a new message, the people removed
        # owed their cancellation; written_before false means nothing was ever written.
        "to_resend": {"people": list(unsent.people), "removed": list(unsent.removed),
                      "written_before": unsent.written_before} if unsent else None,
        **_minutes_record(meeting, minutes),
    }


def _minutes_record(meeting: Meeting, doc: MinutesDocument | None) -> dict[str, object]:
    """Never the confidential notes: this output ends up in scripts, logs and e-mails."""
    if doc is None:
        return {}
    present = meeting.status in _WITH_ATTENDANCE
    turns: dict[int, int] = {}
    for count in doc.floor:
        turns[count.invitee_id] = turns.get(count.invitee_id, 0) + count.turns
    quorum = doc.quorum
    state = doc.state
    return {
        "agenda": [
            {"position": item.position, "kind": item.kind.value, "title": item.title,
             "presenter": item.presenter, "duration_minutes": item.duration_minutes,
             "purpose": item.purpose.value, "participation": item.participation.value,
             "notes": item.notes}
            for item in doc.items
        ],
        # Everyone at the table, the walk-ins too: what their answer announced, what was noted
        # (status « substituted »: their suppléant(e) `represented_by` sat in their seat;
        # « represented »: a pouvoir given to them), the times noted and their turns.
        "attendance": [
            {"name": a.name, "person_id": a.person_id, "seat": a.seat.value,
             "side": a.side.value, "announced": announced(a.answer).value,
             "status": a.status.value, "confirmed": a.confirmed,
             "represented_by": a.represented_by_name or None,
             "arrived_at": _moment(a.arrived_at), "left_at": _moment(a.left_at),
             "turns": turns.get(a.invitee_id, 0)}
            for a in doc.attendees
        ] if present else [],
        "quorum": {"seats": quorum.seats, "covered": quorum.covered, "needed": quorum.needed,
                   "reached": quorum.reached} if present else None,
        "floor": {side.value: count for side, count in floor_totals(doc.floor).items()}
        if present else None,
        "minutes": {
            "status": state.status.value,
            "remarks_until": state.remarks_until.isoformat() if state.remarks_until else None,
            "adopted_in": {"id": state.adopted_in_meeting_id, "title": state.adopted_in_title}
            if state.adopted_in_meeting_id else None,
            "signatures": [{"signer": sig.signer, "capacity": sig.capacity,
                            "signed_on": sig.signed_on.isoformat()} for sig in state.signatures],
        },
        "conclusions": [_conclusion(c) for c in doc.conclusions],
        "carried": [
            {**_conclusion(entry.conclusion), "opened_in": {
                "id": entry.conclusion.meeting_id, "title": entry.conclusion.meeting_title},
             "times": entry.times}
            for entry in doc.carried
        ],
    }


def _conclusion(conclusion: Conclusion) -> dict[str, object]:
    return {"uid": conclusion.uid, "kind": conclusion.kind.value, "text": conclusion.text,
            "owner": parts.owner(conclusion),
            "due_on": conclusion.due_on.isoformat() if conclusion.due_on else None,
            "status": conclusion.status.value}


def _moment(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


def _vote(vote) -> dict[str, str] | None:
    if vote is None:
        return None
    return {"answer": vote.answer.value, "source": vote.source.value,
            "entered_by": vote.entered_by, "entered_at": vote.entered_at,
            "to_ask_again": vote.to_ask_again}


def _answer_text(vote) -> str:
    if vote is None:
        return _(NO_ANSWER_LABEL)
    if vote.to_ask_again:
        return _("à redemander ({answer} pour l’ancienne date)").format(
            answer=vote.answer.label.lower())
    return vote.answer.label


def print_meeting(detail: MeetingDetail, scores: list[SlotScore],
                  minutes: MinutesDocument | None = None,
                  unsent: Unsent | None = None) -> None:
    """The same record for a person reading a terminal."""
    meeting = detail.meeting
    print(f"{meeting.title} — {meeting.committee_name}")
    print(_("Statut : {status} · réponses {answered}/{invitees} · n° {id}").format(
        status=meeting.status.label, answered=meeting.answered, invitees=meeting.invitees,
        id=meeting.id))
    if meeting.place or meeting.video_url:
        print(_("Lieu : {place}").format(place=" · ".join(filter(None, (meeting.place,
                                                                        meeting.video_url)))))
    votes = {(vote.invitee_id, vote.slot_id): vote for vote in detail.votes}
    for index, score in enumerate(scores, start=1):
        slot = score.slot
        print(_("Créneau {n} ({status}) : {when} · oui {yes}, si nécessaire {maybe}, non {no} · "
                "sièges {covered}/{seats}{quorum}").format(
            n=index, status=slot.status.label.lower(), when=slot.starts_at.strftime("%d/%m/%Y %H:%M"),
            yes=score.yes, maybe=score.if_need_be, no=score.no, covered=score.seats_covered,
            seats=score.seats, quorum=_(" · quorum atteint") if score.quorum_reached else ""))
    for invitee in detail.invitees:
        answers = [_answer_text(votes.get((invitee.id, slot.id))) for slot in detail.slots]
        print(f"  {invitee.name} ({invitee.seat.label.lower()}) : " + " | ".join(answers))
    if unsent and unsent.count:
        print(_("{label} : {names} (comite export invitations)").format(
            label=unsent.label, names=", ".join(unsent.people + unsent.removed)))
    if minutes is not None:
        _print_minutes(detail.meeting, minutes)


def _print_minutes(meeting: Meeting, doc: MinutesDocument) -> None:
    """The agenda, then the conclusions in brief: the rest is in the PDF."""
    every = parts.numbered(doc)
    if doc.items:
        print(_("Ordre du jour :"))
        for item in doc.items:
            print(f"  {item.position}. {item.title} ({item.duration_minutes} min, "
                  f"{item.purpose.label.lower()})")
    if doc.carried:
        print(_("Suite donnée aux conclusions précédentes :"))
        for entry in doc.carried:
            print(f"  - {entry.conclusion.text} ({_who_when(entry.conclusion)}) — {entry.label}, "
                  f"{entry.conclusion.status.label.lower()}")
    if every:
        print(_("Conclusions :"))
        for numbered in every:
            conclusion = numbered.conclusion
            print(f"  {numbered.number} {conclusion.kind.label} — {conclusion.text} "
                  f"({_who_when(conclusion)})")
    if meeting.status is MeetingStatus.HELD:
        line = _("Compte rendu : {status}").format(status=parts.status_line(doc.state))
        print(" · ".join(filter(None, (line, parts.counts_line(doc.attendees),
                                       parts.quorum_line(doc.quorum)))))


def _who_when(conclusion: Conclusion) -> str:
    return f"{parts.owner(conclusion)}, {parts.due(conclusion)}"
