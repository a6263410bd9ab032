"""Issue 16: the person designated to coordinate a structure organizes its committees' meetings.
Invitations written through the outbox use case are read back with icalendar (ORGANIZER) and
the e-mail parser (From:), the paper convocations with pypdf; where nobody is designated, or the
person lacks an e-mail or a phone, the settings stand in, field by field."""

from dataclasses import replace
from email import message_from_bytes, policy
from pathlib import Path

import pypdf
import pytest
from icalendar import Calendar

from comite.store.committee_models import Coordinator
from comite.usecases.organizer import organizer
from comite.usecases.outbox import write_convocations, write_invitations
from comite.usecases.settings import Settings
from tests.example_store import edit

POLL = "Prochain comité des usagers"  # the MSP's: its coordinator is designated
CDU = "CDU — réunion trimestrielle"  # the hospital's: nobody designated
SETTINGS = {"coordinator_name": "Aude Secours", "coordinator_email": "coordination@example.org",
            "coordinator_phone": "04 65 71 99 99"}  # the MSP's own number is 04 65 71 20 10


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(outbox=str(tmp_path / "envoi"), exports=str(tmp_path / "exports"), **SETTINGS)


def meeting(store, title: str):
    return next(m for m in store.meetings.all() if m.title == title)


def organizers(folder: Path) -> set[tuple[str, str]]:
    """(ORGANIZER, its CN) of every event of every .ics written, parsed by icalendar."""
    found = set()
    for path in folder.rglob("*.ics"):
        for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            found.add((str(event["ORGANIZER"]), str(event["ORGANIZER"].params["CN"])))
    return found


def senders(folder: Path) -> set[str]:
    return {message_from_bytes(path.read_bytes(), policy=policy.default)["From"].addresses[0].addr_spec
            for path in folder.rglob("*.eml")}


def test_the_structures_coordinator_organizes_the_invitations(example, settings):
    poll = meeting(example, POLL)
    coordinator = example.structures.committee_coordinator(poll.committee_id)
    assert coordinator and coordinator.email and coordinator.email != SETTINGS["coordinator_email"]
    result = write_invitations(example, poll.id, settings)
    assert result.emails and any(result.folder.rglob("*.ics"))
    assert organizers(result.folder) == {(f"mailto:{coordinator.email}", coordinator.name)}
    assert senders(result.folder) == {coordinator.email}


def test_without_a_coordinator_the_settings_organize(example, settings):
    cdu = meeting(example, CDU)
    assert example.structures.committee_coordinator(cdu.committee_id) is None
    result = write_invitations(example, cdu.id, settings)
    assert organizers(result.folder) == {("mailto:coordination@example.org", "Aude Secours")}
    assert senders(result.folder) == {"coordination@example.org"}


def test_what_the_coordinator_lacks_comes_from_the_settings(example, settings):
    poll = meeting(example, POLL)
    coordinator = example.structures.committee_coordinator(poll.committee_id)
    edit(example, coordinator.person_id, email="", phone="")
    assert organizer(example, poll.committee_id, settings) == Coordinator(
        person_id=coordinator.person_id, name=coordinator.name,
        email=SETTINGS["coordinator_email"], phone=SETTINGS["coordinator_phone"])
    result = write_invitations(example, poll.id, settings)
    assert organizers(result.folder) == {("mailto:coordination@example.org", coordinator.name)}


def test_a_new_base_takes_everything_from_the_settings(example, settings):
    cdu = meeting(example, CDU)
    assert organizer(example, cdu.committee_id, settings) == Coordinator(person_id=None, **{
        field.removeprefix("coordinator_"): value for field, value in SETTINGS.items()})


def test_the_paper_convocations_are_signed_by_the_coordinator(example, settings, tmp_path):
    poll = meeting(example, POLL)
    coordinator = example.structures.committee_coordinator(poll.committee_id)
    path = write_convocations(example, poll.id, settings, tmp_path / "convocations.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)
    assert coordinator.name in text and coordinator.phone in text
    assert SETTINGS["coordinator_name"] not in text and SETTINGS["coordinator_phone"] not in text
    cdu = write_convocations(example, meeting(example, CDU).id, settings, tmp_path / "cdu.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(cdu).pages)
    assert SETTINGS["coordinator_name"] in text and SETTINGS["coordinator_phone"] in text


def test_the_role_of_the_settings_signs_for_their_author_only(example, settings, tmp_path):
    """Issue 22: « Aude Secours, coordinatrice de la MSP » in every message and letter where the
    settings' author organizes; never lent to another person designated by the structure."""
    signed = replace(settings, coordinator_role="coordinatrice du comité")
    cdu = meeting(example, CDU)
    assert organizer(example, cdu.committee_id, signed).role == "coordinatrice du comité"
    poll = meeting(example, POLL)
    assert organizer(example, poll.committee_id, signed).role == ""
    coordinator = example.structures.committee_coordinator(poll.committee_id)
    assert organizer(example, poll.committee_id, replace(
        signed, coordinator_name=coordinator.name)).role == "coordinatrice du comité"

    result = write_invitations(example, cdu.id, signed)
    text = " ".join(" ".join(message_from_bytes(path.read_bytes(), policy=policy.default)
                             .get_body(("plain",)).get_content().split())
                    for path in result.emails)
    assert "Aude Secours, coordinatrice du comité, vous écrit pour le Centre hospitalier" in text
    assert "Téléphone : 04 65 71 99 99" in text and "E-mail : coordination@example.org" in text
    path = write_convocations(example, cdu.id, signed, tmp_path / "cdu.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)
    assert "Aude Secours, coordinatrice du comité, vous écrit" in text
    assert "coordination@example.org" in text
