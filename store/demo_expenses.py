"""Example expenses (`fill_expenses`): the structures' rates per km (an MSP 0,32 €, a hospital
0,25 €) and, at each held meeting of the example, the travel of the two users of each committee who
came most often — four people in all —, one of them with a parking ticket at the hospital. Invented
and deterministic: the same example gives the same rows."""

from collections import Counter
from datetime import date

from comite.store import Store
from comite.store.committee_models import StructureKind
from comite.store.expenses import ExpenseInput
from comite.store.meeting_models import MeetingStatus
from comite.store.minutes_models import Side

RATES = {StructureKind.MSP: "0,32", StructureKind.HOSPITAL: "0,25"}
# Round trips in km, one per user of a committee, in the order they are taken.
DISTANCES = ("12,5", "23", "8,4", "41")
USERS_PER_COMMITTEE = 2


def fill_expenses(store: Store, today: date) -> int:
    """In one transaction; returns how many expenses were entered. `today` is the example's:
    only meetings held by then have expenses."""
    with store.db.write():
        for structure in store.structures.all():
            if structure.kind in RATES:
                store.structures.set_km_rate(structure.id, RATES[structure.kind])
        return _travel(store, today)


def _travel(store: Store, today: date) -> int:
    held = sorted((m for m in store.meetings.all(statuses=(MeetingStatus.HELD,))
                   if m.starts_at is not None and m.starts_at.date() <= today),
                  key=lambda m: (m.starts_at, m.id))
    present = {m.id: [a.person_id for a in store.minutes.attendance(m.id)[0]
                      if a.present and a.side is Side.USERS] for m in held}
    # Per committee, the users who came most often (the lowest number first among equals).
    travellers: dict[int, list[int]] = {}
    for committee_id in {m.committee_id for m in held}:
        counts = Counter(p for m in held if m.committee_id == committee_id for p in present[m.id])
        travellers[committee_id] = sorted(counts, key=lambda p: (-counts[p], p))[
            :USERS_PER_COMMITTEE]
    at_hospital = {m.id: store.structures.get(store.committees.get(m.committee_id).structure_id)
                   .kind is StructureKind.HOSPITAL for m in held}
    # The parking ticket: at the latest hospital meeting, for its first traveller there.
    parking_at = next((m.id for m in reversed(held) if at_hospital[m.id]), None)
    distance: dict[int, str] = {}  # a person's round trip, the same at every meeting
    entered = 0
    for meeting in held:
        came = [p for p in travellers[meeting.committee_id] if p in present[meeting.id]]
        for number, person_id in enumerate(came):
            km = distance.setdefault(person_id, DISTANCES[len(distance) % len(DISTANCES)])
            parking = meeting.id == parking_at and number == 0
            store.expenses.create(person_id, ExpenseInput(
                meeting_id=meeting.id, km=km, other="4,50" if parking else "",
                other_label="Parking de l’hôpital" if parking else ""))
            entered += 1
    return entered
