"""Every PDF a structure sends carries its letterhead (issue 15): paper convocations (poll,
convened, cancelled), the minutes (full, easy to read, internal), the answer to a right of
access — written through the use cases the app and the command line
call, on the example data with a logo set, read back by pypdf (text, images) and rendered by
pdfium."""

from datetime import date
from pathlib import Path

import pytest

from comite.store import open_store
from comite.store.committee_models import Letterhead
from comite.store.demo import fill_small
from comite.usecases.letterhead import check_logo, keep
from comite.usecases.minutes import MinutesKind, write_minutes
from comite.usecases.outbox import write_convocations
from comite.usecases.privacy import export_access
from comite.usecases.settings import Settings
from tests.exports.logos import make_logo
from tests.exports.pdf_pages import assert_renders_well, flat, reader, texts

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(tmp_path: Path):
    """The example data, each structure with the same logo, copied as the structure form does."""
    store = open_store(tmp_path / "comite.sqlite")
    fill_small(store, TODAY)
    logo = check_logo(make_logo(tmp_path / "logo.png"))
    keep(logo)
    for structure in store.structures.all():
        store.structures.set_logo(structure.id, logo.file_name)
    yield store
    store.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(coordinator_name="Françoise Lefèvre", coordinator_phone="06 39 98 00 01",
                    exports=str(tmp_path / "exports"))


def meeting_titled(store, piece: str):
    return next(m for m in store.meetings.all() if piece in m.title)


def letterhead_of_committee(store, committee_id: int) -> Letterhead:
    return store.structures.letterhead(store.committees.get(committee_id).structure_id)


def assert_headed(pdf: bytes | Path, head: Letterhead, pages: list[int] | None = None) -> None:
    """The letterhead's name, first address line, phone and e-mail, and the logo, on each of
    `pages` (the first page when None)."""
    every = texts(pdf)
    document = reader(pdf)
    for number in pages or [0]:
        text = flat(every[number])
        for expected in (head.name, head.address.splitlines()[0], head.phone, head.email):
            assert expected in text, (number, expected)
        assert len(document.pages[number].images) == 1, number


def first_pages(pdf: Path) -> list[int]:
    """The page each letter starts on: the one that greets its reader."""
    return [number for number, text in enumerate(texts(pdf)) if "Bonjour " in text]


# ---- letters ------------------------------------------------------------------------------------


@pytest.mark.parametrize("piece", ["Prochain", "trimestrielle", "annulée"])
def test_each_paper_letter_starts_under_the_letterhead(demo, settings, tmp_path: Path, piece: str):
    if piece == "annulée":
        meeting = meeting_titled(demo, "trimestrielle")
        demo.meetings.cancel(meeting.id)
    else:
        meeting = meeting_titled(demo, piece)
    pdf = write_convocations(demo, meeting.id, settings)
    head = letterhead_of_committee(demo, meeting.committee_id)
    starts = first_pages(pdf)
    assert starts and len(starts) == sum(1 for i in demo.meetings.detail(meeting.id).invitees
                                         if not i.email)
    assert_headed(pdf, head, starts)
    assert meeting.committee_name in flat(texts(pdf)[0])  # the committee still names the letter
    assert_renders_well(pdf, tmp_path, f"lettre-{piece}")


# ---- minutes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [MinutesKind.FULL, MinutesKind.EASY, MinutesKind.INTERNAL])
def test_the_minutes_start_under_the_letterhead(demo, settings, tmp_path: Path, kind: MinutesKind):
    meeting = meeting_titled(demo, "bilan")
    pdf = write_minutes(demo, meeting.id, kind, settings)
    assert_headed(pdf, letterhead_of_committee(demo, meeting.committee_id))
    assert len(reader(pdf).pages[1].images) == 0  # the first page only
    assert_renders_well(pdf, tmp_path, f"compte-rendu-{kind}")


# ---- right of access ----------------------------------------------------------------------------


def test_the_answer_to_a_right_of_access_is_headed_by_the_persons_structure(demo, settings,
                                                                            tmp_path: Path):
    seat = demo.memberships.of_committee(meeting_titled(demo, "trimestrielle").committee_id)[0]
    made = export_access(demo, settings, seat.person_id, None, False, TODAY)
    assert_headed(made.pdf_path, letterhead_of_committee(demo, seat.committee_id))
    assert_renders_well(made.pdf_path, tmp_path, "droit-d-acces")
