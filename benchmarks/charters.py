"""Charters: a batch of 200 engagement charters, as the Chartes section makes them.

Subject: for each of 200 engaged people (representatives on a CDU, partners, peer helpers
and mediators on a comité des usagers, accented names), `store.charters.draft` (the values,
the sandboxed template filled), `exports.pdf.charter.render_charter` (Markdown parsed, the
header and footer of every page, the signature boxes and their two empty signature fields),
the sha256 of the bytes and `store.charters.record` (one committed write each).
Floor: bare ReportLab setting the same paragraphs — the same words, with the same bold runs
and list bullets, in the same shipped font, built as Paragraphs directly on a
SimpleDocTemplate: no Markdown, no header or footer, no boxes or fields, no store.
Budget: median of the rounds ≤ 1.3 × the floor's, both timed in CPU time of this process, as
the minutes' PDF is: on a shared machine the other programs would otherwise decide the
ratio. The wall-clock figures are reported beside, unbudgeted: they add what the records'
fsync waits on the disk. One person's floor is timed right before their subject; each round
signs at another place, so that every round records 200 new charters.
"""

import hashlib
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import Figure, isolate, median

PEOPLE = 200
ROUNDS = 3
BUDGET = 1.3
TODAY = date(2026, 3, 15)
SIGNATORY = "Dr Hélène Kervella"
FIRST = ("Élodie", "Jean-Noël", "Zoé", "Gérard", "Thi Hoa", "Aïcha", "François", "Maël", "Inès", "Loïc")
LAST = ("Lefèvre", "Çelik", "Dupont", "Martin", "Nguyen", "Benoît", "Lemaître", "Šimić")


def run(folder: Path | None = None) -> list[Figure]:
    from comite.store import open_store

    with tempfile.TemporaryDirectory(prefix="comite-charters-", dir=folder) as scratch:
        store = open_store(Path(scratch) / "charters.sqlite")
        try:
            return _measure(store)
        finally:
            store.close()


def _measure(store) -> list[Figure]:
    from comite.exports.pdf.charter import render_charter

    engaged = _engaged(store)
    render_charter(_draft(store, engaged[0], "warm-up"))  # fonts, imports, compiled template
    _bare(_floor_content(_draft(store, engaged[0], "warm-up")))
    floors, subjects, walls, wall_floors, pages = [], [], [], [], 0
    for round_number in range(ROUNDS):
        place = f"Valmont-sur-Loire, salle {round_number + 1}"
        contents = [_floor_content(_draft(store, seat, place)) for seat in engaged]
        cpu, wall = Clocks(time.process_time), Clocks(time.perf_counter)
        # Person by person, the floor then the subject: a machine that slows down for a
        # while slows both down alike.
        for seat, content in zip(engaged, contents, strict=True):
            with cpu.floor(), wall.floor():
                _bare(content)
            with cpu.subject(), wall.subject():
                pages += _one(store, seat, place)
        floors.append(cpu.floor_total)
        subjects.append(cpu.subject_total)
        wall_floors.append(wall.floor_total)
        walls.append(wall.subject_total)
    floor, subject = median(floors), median(subjects)
    print(f"  charters: {PEOPLE} per round, {pages // ROUNDS} pages, "
          f"{PEOPLE / subject:.1f} charters/s (bare ReportLab: {PEOPLE / floor:.1f} documents/s) in CPU time")
    name = f"charters: {PEOPLE} drafted, rendered, recorded vs bare ReportLab (same paragraphs)"
    return [
        Figure(f"{name}, CPU", floor, subject, "s", f"≤ {BUDGET:g}×", subject / floor <= BUDGET),
        Figure(f"{name}, wall clock", median(wall_floors), median(walls), "s"),
    ]


class Clocks:
    """Two running totals on one clock: the floor's and the subject's."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.floor_total = 0.0
        self.subject_total = 0.0

    @contextmanager
    def floor(self) -> Iterator[None]:
        start = self.clock()
        yield
        self.floor_total += self.clock() - start

    @contextmanager
    def subject(self) -> Iterator[None]:
        start = self.clock()
        yield
        self.subject_total += self.clock() - start


def _one(store, seat: tuple[int, int, str], place: str) -> int:
    """What the batch does for one person; the page count, to report."""
    from comite.exports.pdf.charter import render_charter

    draft = _draft(store, seat, place)
    pdf = render_charter(draft)
    store.charters.record(draft, hashlib.sha256(pdf).hexdigest())
    return pdf.count(b"/Type /Page\n")


def _draft(store, seat: tuple[int, int, str], place: str):
    person, committee, template = seat
    return store.charters.draft(person, committee, template,
                                {"team_signatory": SIGNATORY, "place": place}, TODAY)


def _engaged(store) -> list[tuple[int, int, str]]:
    """200 users seated on a CDU and a comité des usagers, with the template each is offered."""
    from comite.store import MembershipInput, PersonInput
    from comite.store.committee_models import CommitteeKind, Role, StructureKind

    roles = (Role.USER_REPRESENTATIVE, Role.PATIENT_PARTNER, Role.PEER_HELPER, Role.PEER_MEDIATOR,
             Role.EXPERT_PATIENT)
    with store.db.write():
        msp = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")
        hospital = store.structures.create("Centre hospitalier de Valmont", StructureKind.HOSPITAL,
                                           "Valmont-sur-Loire")
        comite = store.committees.create(msp.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE)
        cdu = store.committees.create(hospital.id, "Commission des usagers (CDU)", CommitteeKind.CDU)
        for number in range(PEOPLE):
            role = roles[number % len(roles)]
            person = store.people.create(PersonInput(
                last_name=LAST[number // len(FIRST) % len(LAST)], first_name=FIRST[number % len(FIRST)],
                roles=(role,)))
            on_cdu = role is Role.USER_REPRESENTATIVE and number % 2
            start = TODAY - timedelta(days=number * 7)
            store.memberships.add((cdu if on_cdu else comite).id, person.id, MembershipInput(
                mandate_start=start, mandate_end=start + timedelta(days=3 * 365) if on_cdu else None))
    store.charters.sync_catalog(_shipped())
    engaged = []
    for engagement in store.charters.engagements():
        template = store.charters.suggested(engagement.person_id, engagement.committee_id)
        engaged.append((engagement.person_id, engagement.committee_id, template.template_id))
    assert len(engaged) == PEOPLE and len({seat[2] for seat in engaged}) == 3, engaged[:5]
    return engaged


def _shipped() -> list:
    import importlib.resources

    from comite.store.charter_template import decode, parse

    folder = importlib.resources.files("comite.templates.charte")
    return [parse(decode(entry.read_bytes(), entry.name), name=entry.name)
            for entry in folder.iterdir() if entry.name.endswith(".md")]


def _floor_content(draft) -> list[tuple[str, str, str | None]]:
    """(markup, kind, bullet) of every paragraph the charter prints, the words of its
    signature boxes too, taken once, untimed."""
    from xml.sax.saxutils import escape

    from reportlab.platypus import Paragraph

    from comite.exports.pdf.charter import SignatureBoxes, charter_story

    found: list[tuple[str, str, str | None]] = []

    def walk(flowable) -> None:
        if isinstance(flowable, Paragraph):
            kind = "heading" if type(flowable).__name__ == "Heading" else "body"
            found.append((flowable.text, kind, getattr(flowable, "bulletText", None)))
        elif isinstance(flowable, SignatureBoxes):
            found.extend((escape(text), "body", None) for box in flowable.boxes for text, _kind in box.texts)
        for child in getattr(flowable, "_content", None) or ():
            walk(child)

    for flowable in charter_story(draft):
        walk(flowable)
    return found


def _bare(content: list[tuple[str, str, str | None]]) -> bytes:
    """The same paragraphs the bare ReportLab way: one Paragraph each, two plain styles."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from comite.exports.pdf.document import FONT, FONT_BOLD, register_fonts

    register_fonts()
    body = ParagraphStyle("bare", fontName=FONT, fontSize=11, leading=15, spaceAfter=5)
    item = ParagraphStyle("bare_item", parent=body, leftIndent=17, bulletIndent=6, bulletFontName=FONT)
    heading = ParagraphStyle("bare_heading", parent=body, fontName=FONT_BOLD, fontSize=12, leading=16)
    story = [Paragraph(text, heading if kind == "heading" else item if bullet else body, bulletText=bullet)
             for text, kind, bullet in content]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=FONT).build(story)
    return buffer.getvalue()


if __name__ == "__main__":
    from benchmarks.common import print_table

    with tempfile.TemporaryDirectory(prefix="comite-bench-") as home:
        isolate(Path(home))
        print_table(run())
