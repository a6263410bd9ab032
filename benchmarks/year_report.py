"""The year report (issue 25) against the minutes PDF of the same size.

The store: made for the run (`open_store` in a scratch folder). A comité des usagers of an MSP,
20 members (users, professionals and people of neither side; titulaires, a suppléant for every
third, a guest), and its year 2027: 12 meetings held, one a month, each through poll and choice
(`benchmarks.minutes._held`), with the comité's usual items and two more of other degrees
(consultation, partnership), about two invitees in three checked in, one in five excused,
15 turns of speech, and 25 conclusions — 300 in the year. A decision without a due date is done
once taken; of the actions and recommendations one in eight is never closed (carried to
December, up to ×11), the others are closed 1 to 5 meetings later from that meeting (one in ten
abandoned) unless that meeting would come after December. The report is asked on 15 January
2028: the year is over. Every record is written through the store's services, as
`tests/store/test_year_figures.py` builds its year.

Subject: `usecases.year_report.write_year_report(store, committee, 2027, scratch / "bilan.pdf")`
— `store.year.figures` (the year read: meetings, attendance, floor, « suite donnée » of each
meeting, degrees, recruitment, composition), then the PDF with its charts, written at once.

Floor: what `benchmarks.minutes` measures as its subject, on the same code path, built in the
same store (another committee): `exports.pdf.minutes.render_minutes` of a meeting of 30 items
and 60 conclusions read by `store.minutes.document` — a ReportLab document of our own of the
same size (15 pages against the report's 10). The minutes of one meeting holding the year's 300
conclusions would be some 60 pages (4 to 5 × this floor), not a document of comparable size.

Both timed in CPU time of this process, as `benchmarks.minutes` does (the build is computation;
the file's fsync is I/O the subject alone pays, and the other programs of a shared machine
would otherwise decide the ratio); the wall times are printed beside. Five rounds, the floor
first in even rounds and the subject in odd ones. Budget: median ≤ 2 × the floor (the issue's).
Reported beside, unbudgeted: `store.year.figures` alone against the same floor.
"""

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from benchmarks.common import Figure, isolate, median
from benchmarks.minutes import FIRST, LAST

ROUNDS = 5
BUDGET = 2.0
YEAR = 2027
TODAY = date(YEAR + 1, 1, 15)  # the year is over: its report is due
MEETINGS = 12
MEMBERS = 20
CONCLUSIONS_PER_MEETING = 25
TURNS_PER_MEETING = 15
NEVER_CLOSED = 8  # one action or recommendation in eight is carried to the end of the year
ABANDONED = 10  # one closure in ten is an abandonment
CHECKED_IN_AT = datetime(YEAR + 1, 1, 1, 12, 0, tzinfo=UTC)
SUBJECTS = ("préparer avec les représentants des usagers la journée « portes ouvertes »",
            "relire le livret d’accueil avec deux patients partenaires",
            "afficher les horaires du secrétariat et les tarifs à l’accueil",
            "tester un rappel des rendez-vous par SMS pendant trois mois",
            "demander à la mairie un arrêt de bus devant la maison de santé")
MONTHS = ("Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre",
          "Octobre", "Novembre", "Décembre")


def run(folder: Path | None = None, rounds: int = ROUNDS) -> list[Figure]:
    from benchmarks.minutes import ITEMS, _long_meeting
    from comite.exports.pdf.minutes import render_minutes
    from comite.store import open_store
    from comite.usecases.year_report import write_year_report

    with tempfile.TemporaryDirectory(prefix="comite-year-", dir=folder) as scratch:
        root = Path(scratch)
        out = root / "bilan.pdf"
        store = open_store(root / "annee.sqlite")
        try:
            committee = _year(store)
            doc = store.minutes.document(_long_meeting(store))
            assert len(doc.items) >= ITEMS
            figures = store.year.figures(committee, YEAR, TODAY)
            _check(figures)
            write_year_report(store, committee, YEAR, out, today=TODAY)  # warm: fonts, imports
            minutes = render_minutes(doc)
            report: dict[str, list[float]] = {"floor": [], "subject": [], "figures": []}
            walls: dict[str, list[float]] = {"floor": [], "subject": []}

            def floor() -> None:
                _measure(lambda: render_minutes(doc), report["floor"], walls["floor"])

            def subject() -> None:
                _measure(lambda: write_year_report(store, committee, YEAR, out, today=TODAY),
                         report["subject"], walls["subject"])
                _measure(lambda: store.year.figures(committee, YEAR, TODAY), report["figures"], [])

            for number in range(rounds):
                for side in ((floor, subject) if number % 2 == 0 else (subject, floor)):
                    side()
            pages = (_pages(out.read_bytes()), _pages(minutes))
        finally:
            store.close()
    print(f"  year {YEAR}: {len(figures.held)} meetings held, {figures.conclusions.taken} conclusions "
          f"({figures.conclusions.done} done, {figures.conclusions.abandoned} abandoned, "
          f"{figures.conclusions.open} open; {len(figures.conclusions.carried)} carried, up to "
          f"×{figures.conclusions.carried[0].times}), {figures.turns} turns; "
          f"report {pages[0]} pages, minutes {pages[1]} pages")
    print("  year report, each round, wall (s): " + " ".join(f"{v:.3f}" for v in walls["subject"]))
    print("  minutes PDF, each round, wall (s): " + " ".join(f"{v:.3f}" for v in walls["floor"]))
    floor_s, subject_s = median(report["floor"]), median(report["subject"])
    against = f"vs minutes PDF of {len(doc.items)} items, {len(doc.conclusions)} conclusions (CPU)"
    return [
        Figure(f"year report PDF: {MEETINGS} meetings, {figures.conclusions.taken} conclusions {against}",
               floor_s, subject_s, "s", f"≤ {BUDGET:g}×", subject_s / floor_s <= BUDGET),
        Figure(f"year figures alone (store.year.figures) {against}", floor_s,
               median(report["figures"]), "s"),
    ]


def _measure(call: Callable[[], object], cpu: list[float], wall: list[float]) -> None:
    """Append the CPU seconds this process spent in `call()`, and its wall seconds."""
    started, clock = time.process_time(), time.perf_counter()
    call()
    cpu.append(time.process_time() - started)
    wall.append(time.perf_counter() - clock)


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _check(figures) -> None:
    """The year is the one described above, or the measure means nothing."""
    found = figures.conclusions
    if len(figures.held) != MEETINGS or found.taken != MEETINGS * CONCLUSIONS_PER_MEETING:
        raise RuntimeError(f"{len(figures.held)} meetings held, {found.taken} conclusions")
    if not (found.done and found.abandoned and found.open and found.carried[0].times > 2):
        raise RuntimeError(f"conclusions of the year: {found}")
    if not figures.turns or not all(meeting.present for meeting in figures.held):
        raise RuntimeError("no turn of speech or nobody present")


def _year(store) -> int:
    """The committee and its year, in one transaction (a commit per record would be fsyncs)."""
    from benchmarks.minutes import _held
    from comite.store.agenda import ItemInput
    from comite.store.conclusions import ConclusionInput
    from comite.store.minutes_models import (
        AttendanceStatus,
        ConclusionKind,
        ConclusionStatus,
        ItemKind,
        Participation,
        Purpose,
    )

    kinds = (ConclusionKind.ACTION, ConclusionKind.RECOMMENDATION, ConclusionKind.DECISION)
    closing: dict[int, list[tuple[int, ConclusionStatus]]] = {}  # meeting index → closed there
    opened = 0
    with store.transaction():
        committee, people = _committee(store)
        for index in range(MEETINGS):
            meeting = _held(store, committee, datetime(YEAR, index + 1, 8 + index % 7, 18, 0),
                            MONTHS[index])
            for conclusion_id, status in closing.pop(index, []):
                store.conclusions.close(conclusion_id, status, "Fait." if status is ConclusionStatus.DONE
                                        else "Plus d’actualité.", in_meeting_id=meeting)
            for title, degree in (("Le projet de santé : l’avis des usagers", Participation.CONSULTATION),
                                  ("La journée « portes ouvertes »", Participation.PARTNERSHIP)):
                store.agenda.add_item(meeting, ItemInput(title, duration_minutes=20,
                                                         purpose=Purpose.CONSULTATION,
                                                         participation=degree))
            topics = [item.id for item in store.agenda.agenda(meeting).items if item.kind is ItemKind.TOPIC]
            present = []
            for position, invitee in enumerate(store.meetings.detail(meeting).invitees):
                if position % 5 == 4:
                    store.minutes.set_attendance(invitee.id, AttendanceStatus.EXCUSED)
                elif (position + index) % 7:
                    store.minutes.check_in(invitee.id, now=CHECKED_IN_AT)
                    present.append(invitee.id)
            for turn in range(TURNS_PER_MEETING):
                store.sitting.take_floor(topics[turn % len(topics)],
                                         present[(3 * turn + index) % len(present)], now=CHECKED_IN_AT)
            for number in range(CONCLUSIONS_PER_MEETING):
                kind = kinds[number % len(kinds)]
                conclusion = store.conclusions.add(topics[number % len(topics)], ConclusionInput(
                    f"Conclusion {index + 1}.{number + 1} : {SUBJECTS[number % len(SUBJECTS)]}",
                    kind=kind, owner_id=people[number % len(people)] if kind is ConclusionKind.ACTION
                    else None, due_on=None if kind is ConclusionKind.DECISION else date(YEAR, 12, 31)))
                if kind is ConclusionKind.DECISION:
                    continue  # done once taken
                opened += 1
                if opened % NEVER_CLOSED:
                    closing.setdefault(index + 1 + opened % 5, []).append((conclusion.id, (
                        ConclusionStatus.ABANDONED if opened % ABANDONED == 0 else ConclusionStatus.DONE)))
    return committee


def _committee(store) -> tuple[int, list[int]]:
    """A comité des usagers of 20: a présidente, a suppléant for every third titulaire, a guest;
    roles in turn RU, patient partenaire, professionnel, coordinatrice, none."""
    from comite.store import MembershipInput, PersonInput
    from comite.store.committee_models import CommitteeKind, Function, Role, Seat, StructureKind

    structure = store.structures.create("Maison de santé des Tilleuls", StructureKind.MSP,
                                        "Valmont-sur-Loire")
    committee = store.committees.create(structure.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE)
    roles = ((Role.USER_REPRESENTATIVE,), (Role.PATIENT_PARTNER,), (Role.PROFESSIONAL,),
             (Role.COORDINATOR,), ())
    people, titulars = [], []
    for number in range(MEMBERS):
        person = store.people.create(PersonInput(
            last_name=LAST[number // len(FIRST) % len(LAST)], first_name=FIRST[number % len(FIRST)],
            email=f"membre.{number}@example.org", roles=roles[number % len(roles)]))
        if number % 4 == 3:
            seat = MembershipInput(seat=Seat.SUBSTITUTE, substitute_for=titulars[-1])
        elif number == MEMBERS - 2:
            seat = MembershipInput(function=Function.GUEST)
        else:
            seat = MembershipInput(function=Function.PRESIDENT if number == 0 else Function.MEMBER)
        added = store.memberships.add(committee.id, person.id, seat)
        if seat.seat is Seat.TITULAR and seat.function is not Function.GUEST:
            titulars.append(added.id)
        people.append(person.id)
    return committee.id, people


if __name__ == "__main__":
    from benchmarks.common import print_table

    with tempfile.TemporaryDirectory(prefix="comite-bench-") as home:
        isolate(Path(home))
        print_table(run())
