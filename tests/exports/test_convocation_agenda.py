"""The ordre du jour on paper (issue 15, part 2): the poll letter and the convened letter print
each item — number, title, minutes, purpose — as the e-mail lists them, never a note; and
however long the agenda, each person's reply slip stays whole on one page, its cut line with
it. Read back with pypdf (the words) and pdfium (which page, and where on it)."""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from comite.exports.agenda_lines import agenda_lines
from comite.exports.pdf.convocation import reference, write_convocations
from comite.kernel.french_dates import long_date
from comite.store import MeetingInput, PersonInput, Store, open_store
from comite.store.agenda import ItemInput
from comite.store.demo import fill_small
from comite.store.meeting_models import Invitee, MeetingDetail, SlotStatus
from comite.store.minutes_models import Purpose
from tests.exports.pdf_pages import assert_renders_well, flat, glyphs, opened, texts, where

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
ORGANIZER = "Françoise Lefèvre"
PHONE = "06 39 98 00 01"
SUMMER = "mardi 13 juillet 2027"
NOTE = "Le parking sera fermé pendant les travaux"
SECRET = "Réclamation n° 7 : la patiente de la chambre 12"
PRESENTER = "Docteur Presentatrice"
# (title, minutes, purpose) of a short agenda, in its order.
SHORT = (("Accueil des nouveaux membres", 10, Purpose.INFORMATION),
         ("Affiches de la salle d’attente : votre avis", 25, Purpose.CONSULTATION),
         ("Budget de la fête de la santé", 15, Purpose.DECISION))


def long_title(number: int) -> str:
    return (f"Point {number} : un sujet au titre assez long pour tenir sur deux ou trois lignes "
            "dans la colonne du tableau de l’ordre du jour")


LONG = tuple((long_title(n), 5 + n, list(Purpose)[n % 3]) for n in range(1, 16))


@dataclass(frozen=True)
class Paper:
    store: Store
    meeting_id: int

    @property
    def detail(self) -> MeetingDetail:
        return self.store.meetings.detail(self.meeting_id)

    @property
    def on_paper(self) -> list[Invitee]:
        return [invitee for invitee in self.detail.invitees if not invitee.email]

    def write(self, out: Path) -> Path:
        return write_convocations(self.detail, out, organizer_name=ORGANIZER, organizer_phone=PHONE,
                                  agenda=self.store.agenda.agenda(self.meeting_id).items, now=NOW)

    def convene(self) -> None:
        summer = next(s for s in self.detail.slots if s.starts_at.month == 7)
        self.store.meetings.choose_slot(summer.id, confirmed=True)


@pytest.fixture
def store(tmp_path: Path):
    opened_store = open_store(tmp_path / "comite.sqlite")
    yield opened_store
    opened_store.close()


def meeting_with(store: Store, items: tuple[tuple[str, int, Purpose], ...], *, dates: int) -> Paper:
    """A poll of the demo's comité des usagers whose agenda is exactly `items`, with `dates`
    dates proposed and two more guests without e-mail."""
    fill_small(store, date(2026, 11, 23))
    committee = next(s.committee.id for s in store.committees.all()
                     if s.committee.name == "Comité des usagers")
    meeting = store.meetings.create(committee, MeetingInput(
        title="Comité de printemps", place="Salle de réunion de la MSP",
        description="Bilan des questionnaires de satisfaction."))
    for seeded in store.agenda.agenda(meeting.id).items:
        store.agenda.remove_item(seeded.id, confirmed=True)
    for title, minutes, purpose in items:
        store.agenda.add_item(meeting.id, ItemInput(title, presenter=PRESENTER,
                                                    duration_minutes=minutes, purpose=purpose))
    starts = [datetime(2027, 1, 12, 18, 0), datetime(2027, 7, 13, 18, 0), datetime(2027, 2, 1, 14, 30)]
    for start in starts[:dates]:
        store.meetings.add_slot(meeting.id, start)
    for last, first in (("Kervella", "Hélène"), ("Morvan", "Yves")):
        guest = store.people.create(PersonInput(last_name=last, first_name=first))
        store.meetings.invite(meeting.id, guest.id)
    store.meetings.open_poll(meeting.id)
    return Paper(store, meeting.id)


@pytest.fixture
def short(store: Store) -> Paper:
    return meeting_with(store, SHORT, dates=2)


@pytest.fixture
def long(store: Store) -> Paper:
    return meeting_with(store, LONG, dates=3)


def assert_items_read_back(pages: list[str], items: tuple[tuple[str, int, Purpose], ...]) -> None:
    """Each item reads, in order, as its number, title, minutes and purpose's French label."""
    text = flat(" ".join(pages))
    at = 0
    for number, (title, minutes, purpose) in enumerate(items, start=1):
        row = f"{number}. {title} {minutes} min {purpose.label}"
        found = text.find(row, at)
        assert found >= 0, row
        at = found + len(row)


# ---- what the letters say --------------------------------------------------------------


@pytest.mark.parametrize("convened", [False, True], ids=["poll", "convened"])
def test_both_letters_print_every_item_with_its_minutes_and_purpose(short: Paper, tmp_path, convened):
    if convened:
        short.convene()
    pages = texts(short.write(tmp_path / "lettres.pdf"))
    letters = len(short.on_paper)
    assert letters >= 3 and len(pages) == letters  # a short agenda: letter and slip on one page
    for text in pages:
        assert "Ordre du jour" in text and "Bilan des questionnaires de satisfaction." in text
        assert_items_read_back([text], SHORT)
        assert ("La date retenue est" in flat(text)) is convened


def test_paper_lists_what_the_email_lists_and_no_note(short: Paper, tmp_path):
    """The e-mail's « Ordre du jour : 1. … » lines are the letter's rows; the presenter and the
    notes — a CDU's confidential passage above all — stay off paper as they stay off e-mail."""
    items = short.store.agenda.agenda(short.meeting_id).items
    short.store.minutes.write_notes(items[0].id, NOTE)
    short.store.minutes.write_notes(items[1].id, SECRET, confidential=True)
    text = flat(" ".join(texts(short.write(tmp_path / "lettres.pdf"))))
    for line in agenda_lines(short.detail):
        assert line in text, line
    for absent in (NOTE, SECRET, "Réclamation", PRESENTER, "Présenté par", "participation"):
        assert absent not in text, absent


def test_a_title_prints_as_typed(store: Store, tmp_path):
    paper = meeting_with(store, (("Tarifs <b>& dépassements</b>", 20, Purpose.DECISION),), dates=1)
    text = flat(texts(paper.write(tmp_path / "lettres.pdf"))[0])
    assert "1. Tarifs <b>& dépassements</b> 20 min Décision" in text
    assert "&amp;" not in text


def test_without_items_the_message_alone_is_printed(store: Store, tmp_path):
    paper = meeting_with(store, (), dates=1)
    text = texts(paper.write(tmp_path / "lettres.pdf"))[0]
    assert "Au programme" in text and "Bilan des questionnaires de satisfaction." in text
    assert "Ordre du jour" not in text and "Durée" not in text


# ---- the slip stays whole ---------------------------------------------------------------


def pages_of(pdf: Path, text: str) -> list[int]:
    """The indexes of the pages `text` is printed on (pdfium's own text search)."""
    with opened(pdf) as document:
        return [index for index in range(len(document)) if where(document[index], text)]


@dataclass(frozen=True)
class Slip:
    """What one person's slip prints: texts found nowhere else (the scissors of its cut line,
    its title, reference, name, instructions), its answer lines (a date line also reads in the
    letter's table of dates, so it is looked for below the cut line only) and its « ○ » boxes."""

    only: list[str]
    answers: list[str]
    boxes: int


def slip_of(paper: Paper, invitee: Invitee) -> Slip:
    detail = paper.detail
    only = ["✂", "Coupon-réponse", f"coordination : {reference(paper.meeting_id, invitee.id)}",
            f"Nom : {invitee.name}", "Un mot pour nous (facultatif)"]
    if detail.chosen_slot is not None:
        return Slip([*only, f"Réunion : Comité de printemps, {SUMMER} à 18 h 00",
                     "Cochez une seule case :"], ["Je viendrai", "Je ne pourrai pas venir"], 2)
    proposed = [slot for slot in detail.slots if slot.status is SlotStatus.PROPOSED]
    return Slip([*only, "Réunion : Comité de printemps", "Pour chaque date, cochez une seule case."],
                [f"{number}. {long_date(slot.starts_at)}" for number, slot in enumerate(proposed, start=1)],
                3 * len(proposed))


def letters_by_page(pdf: Path, paper: Paper) -> dict[int, list[int]]:
    """Each invitee's id with the pages of their letter: from their « Bonjour » up to the next."""
    firsts = {invitee.id: pages_of(pdf, f"Bonjour {invitee.name},") for invitee in paper.on_paper}
    assert all(len(found) == 1 for found in firsts.values()), firsts
    starts = sorted((found[0], invitee_id) for invitee_id, found in firsts.items())
    with opened(pdf) as document:
        ends = [start for start, _id in starts[1:]] + [len(document)]
    return {invitee_id: list(range(start, end))
            for (start, invitee_id), end in zip(starts, ends, strict=True)}


def assert_slips_whole(pdf: Path, paper: Paper) -> dict[int, int]:
    """Each person's letter starts a page of its own; every element of their slip is on one page
    of their letter, below the cut line. Returns the page of each person's slip (by invitee)."""
    letters = letters_by_page(pdf, paper)
    assert letters[paper.on_paper[0].id][0] == 0 and len(letters) == len(paper.on_paper)
    slips: dict[int, int] = {}
    for invitee in paper.on_paper:
        slip, own = slip_of(paper, invitee), letters[invitee.id]
        found = {text: [page for page in pages_of(pdf, text) if page in own] for text in slip.only}
        assert all(len(hits) == 1 for hits in found.values()), (invitee.name, found)
        assert len({hits[0] for hits in found.values()}) == 1, (invitee.name, found)
        page = found["✂"][0]
        with opened(pdf) as document:
            [(_left, cut)] = where(document[page], "✂")
            for text in [*slip.only[1:], *slip.answers]:
                tops = [top for _left, top in where(document[page], text) if top < cut]
                assert tops, (invitee.name, text, "not on the slip's page below its cut line")
            boxes = [[g.top < cut for g in glyphs(document[index]) if g.char == "○"]
                     for index in own]
        assert [len(on_page) for on_page in boxes] == [
            slip.boxes if index == page else 0 for index in own], invitee.name
        assert all(all(on_page) for on_page in boxes), "every box below the cut line"
        slips[invitee.id] = page
    return slips


def test_a_long_agenda_takes_two_pages_and_the_slip_stays_whole(long: Paper, tmp_path):
    pdf = long.write(tmp_path / "long.pdf")
    pages = texts(pdf)
    assert_items_read_back(pages[:3], LONG)  # the first person's letter holds every item
    slips, letters = assert_slips_whole(pdf, long), letters_by_page(pdf, long)
    for invitee_id, own in letters.items():
        assert len(own) == 2 and slips[invitee_id] == own[-1], (own, slips[invitee_id])


def test_a_long_convened_agenda_keeps_the_presence_slip_whole(long: Paper, tmp_path):
    long.convene()
    pdf = long.write(tmp_path / "long.pdf")
    assert_items_read_back(texts(pdf)[:3], LONG)
    slips, letters = assert_slips_whole(pdf, long), letters_by_page(pdf, long)
    for invitee_id, own in letters.items():
        assert len(own) == 2 and slips[invitee_id] == own[-1], (own, slips[invitee_id])


def test_a_short_agenda_keeps_letter_and_slip_on_one_page(short: Paper, tmp_path):
    for convened in (False, True):
        if convened:
            short.convene()
        pdf = short.write(tmp_path / f"lettres-{convened}.pdf")
        slips, letters = assert_slips_whole(pdf, short), letters_by_page(pdf, short)
        assert all(own == [slips[invitee_id]] for invitee_id, own in letters.items()), letters


@pytest.mark.parametrize("convened", [False, True], ids=["poll", "convened"])
def test_the_slip_is_whole_at_every_length(store: Store, tmp_path, convened):
    """One item more each time, so that the letter ends at every height of the page — just
    above the slip's height, just below: the slip is never cut in two."""
    paper = meeting_with(store, (), dates=3)
    if convened:
        paper.convene()
    for number, (title, minutes, purpose) in enumerate(LONG, start=1):
        paper.store.agenda.add_item(paper.meeting_id, ItemInput(
            title, duration_minutes=minutes, purpose=purpose), confirmed=True)
        assert_slips_whole(paper.write(tmp_path / f"lettres-{number}.pdf"), paper)


@pytest.mark.parametrize("convened", [False, True], ids=["poll", "convened"])
@pytest.mark.parametrize("items", [SHORT, SHORT + LONG], ids=["short", "long"])
def test_short_and_long_letters_render_well(store: Store, tmp_path, items, convened):
    paper = meeting_with(store, items, dates=2 if items == SHORT else 3)
    if convened:
        paper.convene()
    pages = assert_renders_well(paper.write(tmp_path / "lettres.pdf"), tmp_path, "lettres")
    assert pages == len(paper.on_paper) * (1 if items == SHORT else 2)
