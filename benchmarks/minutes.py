"""Minutes: the PDF of a long meeting, and the carry-over query of a committee with a history.

(a) Subject: `exports.pdf.minutes.render_minutes` of a meeting of 30 agenda items and 60
    conclusions (with notes, 20 attendees and conclusions carried over), read from the store by
    `store.minutes.document`. Floor: a bare ReportLab document of the same text content — the
    Markdown copy's lines as paragraphs and its two tables as tables of paragraphs, in the same
    shipped font, on SimpleDocTemplate — built in the same rounds.
    Budget: median ≤ 1.3 × the floor: our styles, the footer « page x / y » and the page-break
    care cost at most 30 % above setting the same words. Both are timed in CPU time of this
    process: the build is pure computation, and on a shared machine the other programs would
    otherwise decide the ratio.

(b) Subject: `store.conclusions.carried(meeting_id)` for the last of 200 held meetings of one
    committee, with 400 conclusions opened along the way, most closed one to four meetings
    later and one in eight never (about fifty carried to the end, the oldest almost 200 times).
    Floor: the bare SQL of the committee's open conclusions, on the same connection.
    Budget: p95 ≤ 10 ms. (It grows with the conclusions shown: measured at about 9.5 ms when
    every other one of the 400 is left open, 200 shown.)

Every record is written through the real store services (meetings, agenda, minutes, conclusions).
"""

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks.common import Figure, isolate, median, percentile, timed

ITEMS = 30
CONCLUSIONS_PER_ITEM = 2
PEOPLE = 20
MEETINGS = 200
NEVER_CLOSED = 8  # one conclusion in eight is never closed
PDF_ROUNDS = 9
QUERY_ROUNDS = 200
PDF_BUDGET = 1.3
QUERY_BUDGET_P95_MS = 10.0
FIRST = ("Élodie", "Jean-Noël", "Zoé", "Gérard", "Thi Hoa", "Aïcha", "François", "Maël", "Inès", "Loïc")
LAST = ("Lefèvre", "Çelik", "Dupont", "Martin", "Nguyen")
NOTES = ("Les usagers présents ont relu le document « Bienvenue à la maison de santé » ; ils "
         "demandent des phrases plus courtes et un plan d’accès. L’équipe propose d’en reparler "
         "avec le groupe de travail et de tester la nouvelle version en salle d’attente.")
FLOOR_SQL = ("SELECT c.* FROM conclusions c JOIN meetings m ON m.id = c.meeting_id "
             "WHERE m.committee_id = ? AND c.status = 'open' ORDER BY c.meeting_id, c.id")


def run(folder: Path | None = None) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="comite-minutes-", dir=folder) as scratch:
        root = Path(scratch)
        return [*_pdf(root / "long.sqlite"), *_carry_over(root / "history.sqlite")]


# ---- (a) the PDF of a long meeting ---------------------------------------------------------


def _pdf(path: Path) -> list[Figure]:
    from comite.exports.minutes_text import minutes_markdown
    from comite.exports.pdf.minutes import render_minutes
    from comite.store import open_store

    store = open_store(path)
    try:
        doc = store.minutes.document(_long_meeting(store))
    finally:
        store.close()
    assert len(doc.items) >= ITEMS and len(doc.conclusions) == ITEMS * CONCLUSIONS_PER_ITEM
    lines = [line for line in minutes_markdown(doc).splitlines() if line.strip()]
    render_minutes(doc)  # warm: fonts, imports
    _bare(lines)
    floors, subjects = [], []
    for _round in range(PDF_ROUNDS):
        floors.append(_cpu(lambda: _bare(lines)))
        subjects.append(_cpu(lambda: render_minutes(doc)))
    floor, subject = median(floors), median(subjects)
    ratio = subject / floor
    name = (f"minutes PDF: {len(doc.items)} items, {len(doc.conclusions)} conclusions vs bare ReportLab "
            "(same text, same tables)")
    return [Figure(name, floor, subject, "s", f"≤ {PDF_BUDGET:g}×", ratio <= PDF_BUDGET)]


def _cpu(call: Callable[[], object]) -> float:
    """CPU seconds this process spent in `call()`."""
    start = time.process_time()
    call()
    return time.process_time() - start


def _bare(lines: list[str]) -> bytes:
    """The same words the bare ReportLab way: a paragraph per line, a table (paragraph cells,
    equal columns, header row repeated) per Markdown table; no footer, no keep-together, no
    styles of ours."""
    import io
    import re

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from comite.exports.pdf.document import FONT, TEXT_WIDTH, markup, register_fonts

    register_fonts()
    style = ParagraphStyle("bare", fontName=FONT, fontSize=10.5, leading=13.5)
    story, rows = [], []
    for line in [*lines, ""]:
        if line.startswith("|"):
            if not line.startswith("|-"):
                cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
                rows.append([Paragraph(markup(cell.strip()), style) for cell in cells])
            continue
        if rows:
            story.append(Table(rows, colWidths=[TEXT_WIDTH / len(rows[0])] * len(rows[0]), repeatRows=1))
            rows = []
        if line:
            story.append(Paragraph(markup(line), style))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


def _long_meeting(store) -> int:
    """A held meeting with 30 items, 60 conclusions, notes, attendance and carried conclusions."""
    from comite.store.agenda import ItemInput
    from comite.store.conclusions import ConclusionInput
    from comite.store.minutes_models import AttendanceStatus, ConclusionKind, Participation, Purpose

    with store.db.write():
        committee, people = _committee(store, "Commission des usagers", "cdu")
        earlier = _held(store, committee, datetime(2027, 1, 12, 18, 0), "Séance d’hiver")
        for item in store.agenda.agenda(earlier).items[:3]:
            store.conclusions.add(item.id, ConclusionInput(
                f"Rappeler aux équipes « {item.title} »", owner_id=people[0], due_on=date(2027, 3, 1)))
        meeting = _held(store, committee, datetime(2027, 4, 6, 18, 0), "Séance de printemps")
        while len(store.agenda.agenda(meeting).items) < ITEMS:
            number = len(store.agenda.agenda(meeting).items) + 1
            store.agenda.add_item(meeting, ItemInput(
                f"Point n° {number} : l’œil des usagers sur « l’accueil »", presenter="Dr Hélène Kervella",
                duration_minutes=5, purpose=Purpose.CONSULTATION, participation=Participation.COLLABORATION))
        for index, item in enumerate(store.agenda.agenda(meeting).items[:ITEMS]):
            store.minutes.write_notes(item.id, NOTES)
            for number in range(CONCLUSIONS_PER_ITEM):
                store.conclusions.add(item.id, ConclusionInput(
                    f"Conclusion {index + 1}.{number + 1} : préparer avec les représentants des "
                    "usagers la journée « portes ouvertes » et en rendre compte",
                    kind=ConclusionKind.DECISION if number else ConclusionKind.ACTION,
                    owner_id=people[(index + number) % len(people)] if not number else None,
                    due_on=date(2027, 9, 30)))
        attendees, _quorum = store.minutes.attendance(meeting)
        for position, attendee in enumerate(attendees):
            store.minutes.set_attendance(attendee.invitee_id, AttendanceStatus.PRESENT if position % 4
                                         else AttendanceStatus.EXCUSED)
    return meeting


def _committee(store, name: str, kind: str) -> tuple[int, list[int]]:
    from comite.store import MembershipInput, PersonInput
    from comite.store.committee_models import CommitteeKind, Seat, StructureKind

    structure = store.structures.create("Clinique des Tilleuls", StructureKind.HOSPITAL, "Valmont-sur-Loire")
    committee = store.committees.create(structure.id, name, CommitteeKind(kind))
    people, titulars = [], []
    for number in range(PEOPLE):
        person = store.people.create(PersonInput(
            last_name=LAST[number // len(FIRST) % len(LAST)], first_name=FIRST[number % len(FIRST)],
            email=f"membre.{number}@example.org"))
        membership = MembershipInput(seat=Seat.SUBSTITUTE, substitute_for=titulars[-1]) if number % 4 == 3 \
            else MembershipInput()
        added = store.memberships.add(committee.id, person.id, membership)
        if number % 4 != 3:
            titulars.append(added.id)
        people.append(person.id)
    return committee.id, people


def _held(store, committee: int, start: datetime, title: str) -> int:
    from comite.store import MeetingInput

    meetings = store.meetings
    meeting = meetings.create(committee, MeetingInput(title=title, place="Salle du conseil"))
    slot = meetings.add_slot(meeting.id, start)
    meetings.open_poll(meeting.id)
    meetings.choose_slot(slot.id, confirmed=True)
    meetings.mark_held(meeting.id, now=datetime(2100, 1, 1, tzinfo=UTC))
    return meeting.id


# ---- (b) the carry-over of a committee with 200 meetings -----------------------------------


def _carry_over(path: Path) -> list[Figure]:
    from comite.store import open_store

    store = open_store(path)
    try:
        committee, last, conclusions = _history(store)
        conn = store.db.connection()
        shown = store.conclusions.carried(last)  # warm the page and statement caches
        conn.execute(FLOOR_SQL, (committee,)).fetchall()
        floors, subjects = [], []
        for _round in range(QUERY_ROUNDS):
            floors.append(timed(lambda: conn.execute(FLOOR_SQL, (committee,)).fetchall()))
            subjects.append(timed(lambda: store.conclusions.carried(last)))
    finally:
        store.close()
    print(f"  carry-over: {len(shown)} conclusions shown at the last of {MEETINGS} meetings "
          f"({conclusions} opened in all), up to « reportée ×{max(c.times for c in shown)} »")
    name = f"carry-over: carried() on {MEETINGS} meetings, {conclusions} conclusions vs bare SQL"
    p95 = percentile(subjects, 95)
    return [
        Figure(f"{name}, p50", median(floors), median(subjects), "ms"),
        Figure(f"{name}, p95", percentile(floors, 95), p95, "ms", f"p95 ≤ {QUERY_BUDGET_P95_MS:g} ms",
               p95 * 1000 <= QUERY_BUDGET_P95_MS),
    ]


def _history(store) -> tuple[int, int, int]:
    """200 meetings held one week apart, two actions opened at each. Each is closed from a later
    meeting, as the coordinator does under « Suite donnée… », one to four meetings on; one in
    eight is never closed and is carried to the end."""
    from comite.store.conclusions import ConclusionInput
    from comite.store.minutes_models import ConclusionStatus, ItemKind

    closing: dict[int, list[int]] = {}  # meeting index → conclusions closed there
    opened = 0
    with store.db.write():
        committee, people = _committee(store, "Comité des usagers", "comite_usagers")
        first = datetime(2022, 1, 4, 18, 0)
        meeting = 0
        for index in range(MEETINGS):
            meeting = _held(store, committee, first + timedelta(weeks=index), f"Réunion n° {index + 1}")
            for conclusion_id in closing.pop(index, []):
                store.conclusions.close(conclusion_id, ConclusionStatus.DONE, "Fait.", in_meeting_id=meeting)
            topic = next(item for item in store.agenda.agenda(meeting).items if item.kind is ItemKind.TOPIC)
            for number in range(2):
                conclusion = store.conclusions.add(topic.id, ConclusionInput(
                    f"Action {index + 1}.{number + 1}", owner_id=people[(index + number) % len(people)],
                    due_on=date(2026, 12, 31)))
                opened += 1
                if opened % NEVER_CLOSED:
                    closing.setdefault(index + 1 + opened % 4, []).append(conclusion.id)
    return committee, meeting, opened


if __name__ == "__main__":
    from benchmarks.common import print_table

    with tempfile.TemporaryDirectory(prefix="comite-bench-") as home:
        isolate(Path(home))
        print_table(run())
