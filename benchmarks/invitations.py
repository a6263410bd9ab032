"""Invitations for a meeting of 50 invitees in poll on 3 dates: 50 .eml (one per person) and
150 .ics (each date's calendar object, beside its message).

Subject: `exports.invitations.write_outbox` on that meeting (iCalendar and e-mail built, every
file written through `atomic_write`: temporary file, fsync, rename), rewriting the same
folder each round as a coordinator re-exporting would.

Floors, measured in the same rounds on the same disk, with the very bytes the subject wrote:
- the same 200 files written with a plain `open().write()` (what the generation costs above
  the bare disk), budgeted: median ≤ 0.5 s;
- the same files written the house way (temporary file, fsync, `os.replace` over the previous
  round's), reported: the part of the subject that is the durability rule, not the generation.
"""

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.common import Figure, isolate, median, timed

INVITEES = 50
SLOTS = (datetime(2027, 1, 12, 18, 0), datetime(2027, 1, 19, 18, 0), datetime(2027, 1, 26, 14, 30))
ROUNDS = 9
BUDGET_S = 0.5
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
FIRST = ("Élodie", "Jean-Noël", "Zoé", "Gérard", "Thi Hoa", "Aïcha", "François", "Maël", "Inès", "Loïc")
LAST = ("Lefèvre", "Çelik", "Dupont", "Martin", "Nguyen")


def run(folder: Path | None = None, rounds: int = ROUNDS) -> list[Figure]:
    from comite.exports.ical import Organizer, build_messages
    from comite.exports.invitations import write_outbox
    from comite.exports.mail import build_emails, letters

    organizer = Organizer("Coordination de la MSP des Tilleuls", "coordination@example.org")
    with tempfile.TemporaryDirectory(prefix="comite-invitations-", dir=folder) as scratch:
        root = Path(scratch)
        store, meeting_id = _meeting(root / "comite.sqlite")
        try:
            detail = store.meetings.detail(meeting_id)
        finally:
            store.close()
        outbox = root / "envoi"
        result = write_outbox(detail, organizer, outbox, NOW)  # warm: imports, zone rules
        files = {path.name: path.read_bytes() for path in result.emails + result.calendars}
        plain, house, subject, generation = [], [], [], []
        # Each writes over its own previous round, as the subject rewrites its folder.
        (root / "plain").mkdir()
        (root / "house").mkdir()
        for _round in range(rounds):
            plain.append(timed(lambda: _plain(root / "plain", files)))
            house.append(timed(lambda: _house(root / "house", files)))
            subject.append(timed(lambda: write_outbox(detail, organizer, outbox, NOW)))
            generation.append(timed(lambda: build_emails(
                letters(build_messages(detail, organizer, NOW)), detail, organizer, NOW)))
    name = f"invitations: {INVITEES} invitees × {len(SLOTS)} dates, {len(files)} files"
    print(f"  invitations: building the {len(result.emails)} messages alone (no disk), median "
          f"{median(generation):.3f} s")
    value = median(subject)
    return [
        Figure(f"{name} vs open().write()", median(plain), value, "s", f"≤ {BUDGET_S:g} s",
               value <= BUDGET_S),
        Figure(f"{name} vs fsync + os.replace", median(house), value, "s"),
    ]


def _meeting(path: Path):
    from comite.store import MeetingInput, MembershipInput, PersonInput, open_store
    from comite.store.committee_models import CommitteeKind, Seat, StructureKind

    store = open_store(path)
    structure = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")
    committee = store.committees.create(structure.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE)
    titulars: list[int] = []
    for number in range(INVITEES):
        first, last = FIRST[number % len(FIRST)], LAST[number // len(FIRST) % len(LAST)]
        person = store.people.create(PersonInput(
            last_name=last, first_name=first, email=f"membre.{number}@example.org",
            phone=f"06 39 98 {number // 100:02d} {number % 100:02d}"))
        # Every other member is the suppléant(e) of the titulaire just before.
        membership = MembershipInput(seat=Seat.SUBSTITUTE, substitute_for=titulars[-1]) if number % 2 \
            else MembershipInput()
        added = store.memberships.add(committee.id, person.id, membership)
        if not number % 2:
            titulars.append(added.id)
    meeting = store.meetings.create(committee.id, MeetingInput(
        title="Comité de printemps", place="Salle du conseil", video_url="https://visio.example.org/c",
        description="1. Accueil\n2. Bilan des réclamations\n3. Projet d’affiche\n4. Questions diverses"))
    for start in SLOTS:
        store.meetings.add_slot(meeting.id, start)
    store.meetings.open_poll(meeting.id)
    return store, meeting.id


def _plain(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        with open(folder / name, "wb") as handle:
            handle.write(data)


def _house(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        temporary = folder / f".{name}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, folder / name)


if __name__ == "__main__":
    from benchmarks.common import print_table

    with tempfile.TemporaryDirectory(prefix="comite-bench-") as home:
        isolate(Path(home))
        print_table(run())
