"""Builders shared by the meeting tests: a small committee with every kind of seat, and
meetings brought to a given status through the service, as the coordinator would."""

from dataclasses import dataclass
from datetime import UTC, datetime

from comite.store import MeetingInput, MembershipInput, PersonInput, Store
from comite.store.committee_models import CduSeat, CommitteeKind, Function, Membership, Seat
from comite.store.meeting_models import Invitee, Meeting, MeetingStatus, Slot

WINTER = datetime(2027, 1, 12, 18, 0)  # Paris: UTC+1
SUMMER = datetime(2027, 7, 13, 18, 0)  # Paris: UTC+2
AUTUMN = datetime(2027, 10, 5, 14, 30)
# Late enough that every meeting above has started: mark_held is told the time, never guesses.
AFTER_ALL = datetime(2028, 1, 1, 12, 0, tzinfo=UTC)

PRESIDENT = "Louise Martin"
SUBSTITUTE = "Léa Durand"
MEMBER = "Paul Petit"
NO_EMAIL = "Marc Roux"
GUEST = "Nadia Haddad"


@dataclass(frozen=True)
class Members:
    president: Membership  # titulaire, présidente, has an e-mail
    substitute: Membership  # the présidente's suppléante
    member: Membership  # titulaire, e-mail written with capitals
    no_email: Membership  # titulaire reached by phone only
    guest: Membership  # function « invitée »: no seat


def seat_members(store: Store, committee_id: int) -> Members:
    """In one transaction: a commit (and its fsync) per person would dominate the suite's time."""
    with store.transaction():
        return _seat_members(store, committee_id)


def _seat_members(store: Store, committee_id: int) -> Members:
    def member(last: str, first: str, email: str, phone: str, membership: MembershipInput) -> Membership:
        person = store.people.create(PersonInput(last_name=last, first_name=first, email=email, phone=phone))
        return store.memberships.add(committee_id, person.id, membership)

    # In a CDU the présidence goes to a member of categories 1° to 3° (R. 1112-81-1).
    is_cdu = store.committees.get(committee_id).kind is CommitteeKind.CDU
    president = member("Martin", "Louise", "louise.martin@example.org", "06 39 98 10 01",
                       MembershipInput(function=Function.PRESIDENT, cdu_seat=CduSeat.USER_REPRESENTATIVE
                                       if is_cdu else None))
    return Members(
        president=president,
        substitute=member("Durand", "Léa", "lea.durand@example.org", "",
                          MembershipInput(seat=Seat.SUBSTITUTE, substitute_for=president.id)),
        member=member("Petit", "Paul", "Paul.Petit@example.org", "", MembershipInput()),
        no_email=member("Roux", "Marc", "", "06 39 98 10 04", MembershipInput()),
        guest=member("Haddad", "Nadia", "nadia.haddad@example.org", "",
                     MembershipInput(function=Function.GUEST)),
    )


def invitees(store: Store, meeting_id: int) -> dict[str, Invitee]:
    return {invitee.name: invitee for invitee in store.meetings.detail(meeting_id).invitees}


def slots(store: Store, meeting_id: int) -> dict[int, Slot]:
    return {slot.id: slot for slot in store.meetings.detail(meeting_id).slots}


def poll(
    store: Store, committee_id: int, *starts: datetime, title: str = "Comité de printemps",
) -> tuple[Meeting, list[Slot]]:
    """A meeting whose poll is open on the given starts (winter and summer by default)."""
    with store.transaction():
        meeting = store.meetings.create(committee_id, MeetingInput(title=title, place="Salle des Tilleuls"))
        proposed = [store.meetings.add_slot(meeting.id, start) for start in (starts or (WINTER, SUMMER))]
        return store.meetings.open_poll(meeting.id), proposed


def meeting_in(store: Store, committee_id: int, status: MeetingStatus) -> tuple[Meeting, list[Slot]]:
    """A meeting brought to `status`; convened, held and cancelled ones were convened in winter."""
    if status is MeetingStatus.DRAFT:
        meeting = store.meetings.create(committee_id, MeetingInput(title="Comité en préparation"))
        return meeting, [store.meetings.add_slot(meeting.id, WINTER)]
    meeting, proposed = poll(store, committee_id)
    if status is MeetingStatus.POLL:
        return meeting, proposed
    meeting = store.meetings.choose_slot(proposed[0].id, confirmed=True)
    if status is MeetingStatus.HELD:
        meeting = store.meetings.mark_held(meeting.id, now=AFTER_ALL)
    elif status is MeetingStatus.CANCELLED:
        meeting = store.meetings.cancel(meeting.id)
    return meeting, proposed


def held(store: Store, committee_id: int, start: datetime, title: str = "Comité") -> Meeting:
    """A meeting held at `start` (local time), through poll and choice as the coordinator does."""
    with store.transaction():
        meeting = store.meetings.create(committee_id, MeetingInput(title=title))
        slot = store.meetings.add_slot(meeting.id, start)
        store.meetings.open_poll(meeting.id)
        store.meetings.choose_slot(slot.id, confirmed=True)
        return store.meetings.mark_held(meeting.id, now=AFTER_ALL)


def first_topic(store: Store, meeting_id: int) -> int:
    """The first ordinary item of the agenda (not the adoption of the last minutes)."""
    return next(item.id for item in store.agenda.agenda(meeting_id).items
                if item.kind.value == "topic")
