"""Issue 22, end to end on the example data: the minutes written by the use case (as `comite
export minutes` and the app write them) say each item's outcome as noted in the store, the
séance's end, whom to call (the committee's organizer, with their phone) in the easy copy, and
« PROJET » on every page until the coordinator notes the minutes adopted — the record of the
adoption is the minutes' own status (`MinutesService.adopt`), not the later agenda's item."""

from datetime import UTC, timedelta

import pytest

from comite.store.agenda import ItemInput
from comite.store.minutes_models import ItemKind, Outcome
from comite.usecases.minutes import MinutesKind, write_minutes
from comite.usecases.organizer import organizer
from comite.usecases.settings import Settings
from tests.exports.pdf_pages import flat, texts

HELD = "Comité des usagers — bilan de l’année"


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(outbox=str(tmp_path / "envoi"), exports=str(tmp_path / "exports"),
                    coordinator_name="Aude Secours", coordinator_phone="04 65 71 99 99")


def as_input(item, outcome: Outcome) -> ItemInput:
    return ItemInput(item.title, item.presenter, item.duration_minutes, item.purpose,
                     item.participation, outcome=outcome)


def test_outcomes_contact_and_projet_until_adopted(example, settings):
    held = next(m for m in example.meetings.all() if m.title == HELD)
    topic = next(i for i in example.agenda.agenda(held.id).items if i.kind is ItemKind.TOPIC)
    example.agenda.update_item(topic.id, as_input(topic, Outcome.DECIDED), confirmed=True)
    full = write_minutes(example, held.id, MinutesKind.FULL, settings)
    pages = texts(full)
    assert "Issue : décision prise" in flat("\n".join(pages))
    assert all("PROJET" in page.split() for page in pages)

    easy = write_minutes(example, held.id, MinutesKind.EASY, settings)
    text = flat("\n".join(texts(easy)))
    contact = organizer(example, held.committee_id, settings)
    assert contact.phone.strip()
    assert f"Vous pouvez poser vos questions à {contact.name}." in text
    assert f"Téléphone : {contact.phone}" in text
    assert "Nous avons pris une décision." in text
    # A hard word explained on the line after the one where it is first read.
    assert "infirmière Asalée. Asalée veut dire des infirmiers et des infirmières" in text

    example.minutes.adopt(held.id)
    for kind in (MinutesKind.FULL, MinutesKind.EASY):
        assert not any("PROJET" in page.split() for page in texts(write_minutes(
            example, held.id, kind, settings)))


def test_the_seance_closed_in_the_app_gives_the_end(example, settings):
    held = next(m for m in example.meetings.all() if m.title == HELD)
    text = flat("\n".join(texts(write_minutes(example, held.id, MinutesKind.FULL, settings))))
    assert "(fin prévue)" in text  # the example's séance was not run in the app
    begun = held.starts_at.astimezone(UTC)
    example.sitting.start(held.id, now=begun)
    example.sitting.end(held.id, now=begun + timedelta(minutes=97))
    end = (held.starts_at + timedelta(minutes=97))
    text = flat("\n".join(texts(write_minutes(example, held.id, MinutesKind.FULL, settings))))
    assert f"à {end:%H} h {end:%M}" in text and "(fin prévue)" not in text
