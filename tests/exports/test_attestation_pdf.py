"""A certificate of attendance (issue 25, point 3), written through the use case the command
line and the app call, on the example data (its year's review: checked in as they came, one
professional leaving early), read back by pypdf and rendered by pdfium: the person, the day,
the hours noted and what stands in for those that were not, the meeting, its committee, the
structure's letterhead, the agreement with each person's recorded sex; a hostile name printed
as typed."""

from datetime import date
from pathlib import Path

import pytest

from comite.exports.pdf.attestation import duration
from comite.store import Refused
from comite.store.demo import fill_small
from comite.store.minutes_models import Side
from comite.usecases.attestations import write_attestation, write_attestations
from comite.usecases.letterhead import check_logo, keep
from comite.usecases.settings import Settings
from tests.example_store import edit
from tests.exports.logos import make_logo
from tests.exports.pdf_pages import assert_renders_well, flat, reader, texts

TODAY = date(2026, 11, 23)
HOSTILE_NAMES = (Path(__file__).resolve().parents[1] / "data" / "hostile" / "names.txt").read_text(
    encoding="utf-8").splitlines()
REVIEW = "Comité des usagers — bilan de l’année"


@pytest.fixture
def demo(tmp_path: Path):
    """The example data, the MSP with a logo, as the structure form sets it."""
    from comite.store import open_store

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
    return Settings(exports=str(tmp_path / "exports"))


def review(store) -> int:
    return store.meetings.resolve(REVIEW).id


def attendee(store, meeting_id: int, name: str):
    attendees, _quorum = store.minutes.attendance(meeting_id)
    return next(a for a in attendees if a.name == name)


def certificate(store, settings, name: str, tmp_path: Path) -> str:
    meeting_id = review(store)
    path = write_attestation(store, meeting_id, attendee(store, meeting_id, name).person_id,
                             settings, tmp_path / "attestation.pdf", TODAY)
    pages = texts(path)
    assert len(pages) == 1, "a certificate is one page"
    return flat(pages[0])


def users_present(store, meeting_id: int) -> list:
    attendees, _quorum = store.minutes.attendance(meeting_id)
    return [a for a in attendees if a.present and a.side is Side.USERS]


def test_the_certificate_says_who_when_which_meeting_and_for_whom(demo, settings, tmp_path):
    ines = attendee(demo, review(demo), "Inès David")
    assert ines.arrived_at is not None and ines.left_at is None and ines.side is Side.USERS
    text = certificate(demo, settings, "Inès David", tmp_path)
    # The letterhead, the title, the coordinator's statement agreed with each person.
    assert text.startswith("MSP des Tilleuls 12 rue des Tilleuls 42990 Valmont-sur-Loire")
    assert "Attestation de présence" in text
    assert ("atteste qu’Inès David était présente à la réunion « Comité des usagers — bilan de "
            "l’année » du Comité des usagers de la MSP des Tilleuls (maison de santé "
            "pluriprofessionnelle), le vendredi 9 octobre 2026.") in text
    # The facts an employer checks.
    for fact in ("Nom Inès David", "Siège Titulaire", f"Réunion {REVIEW}",
                 "Instance Comité des usagers — MSP des Tilleuls", "Date vendredi 9 octobre 2026",
                 "Lieu Salle de réunion de la MSP, 12 rue des Tilleuls, 42990 Valmont-sur-Loire",
                 "Horaire prévu 18 h 00 – 20 h 00"):
        assert fact in text, fact
    # Checked in at 18 h 00, no departure noted: the planned end, said so.
    assert "Présence de 18 h 00 à 20 h 00 (fin prévue de la réunion : départ non noté)" in text
    assert "Durée de présence 2 h" in text
    # A user: the employer's sentence, with the article checked (L. 3142-60 Code du travail).
    assert "congé de représentation (articles L. 3142-60 et suivants du code du travail)" in text
    assert "Fait à Valmont-sur-Loire, le 23 novembre 2026" in text
    assert "Signature et cachet :" in text


def test_a_departure_noted_is_printed_and_a_professional_gets_no_employer_sentence(
        demo, settings, tmp_path):
    jules = attendee(demo, review(demo), "Jules Morin")
    assert jules.left_at is not None and jules.side is Side.PROFESSIONALS
    text = certificate(demo, settings, "Jules Morin", tmp_path)
    assert "atteste que Jules Morin était présent à la réunion" in text
    assert "Présence de 17 h 56 à 19 h 10 Durée de présence 1 h 14" in text
    assert "Siège Titulaire, président" in text
    assert "congé de représentation" not in text


def test_without_a_recorded_sex_the_sentence_keeps_its_e_in_brackets(demo, settings, tmp_path):
    assert demo.people.get(attendee(demo, review(demo), "Léo Lambert").person_id).sex == ""
    text = certificate(demo, settings, "Léo Lambert", tmp_path)
    assert "atteste que Léo Lambert était présent(e) à la réunion" in text


def test_the_pdf_says_what_it_is(demo, settings, tmp_path):
    meeting_id = review(demo)
    path = write_attestation(demo, meeting_id, attendee(demo, meeting_id, "Inès David").person_id,
                             settings, tmp_path / "a.pdf", TODAY)
    info = reader(path).metadata
    assert info.title == "Attestation de présence — Inès David"
    assert info.subject == f"{REVIEW}, le 9 octobre 2026"
    fonts = {str(font.get("/BaseFont")) for page in reader(path).pages
             for font in page["/Resources"]["/Font"].values()}
    assert all("DejaVu" in font for font in fonts), fonts


@pytest.mark.parametrize("last_name", HOSTILE_NAMES)
def test_a_hostile_name_prints_as_typed(demo, settings, tmp_path, last_name):
    ines = attendee(demo, review(demo), "Inès David")
    edit(demo, ines.person_id, last_name=last_name)
    text = certificate(demo, settings, f"Inès {last_name}", tmp_path)
    assert f"Nom Inès {last_name} Qualité" in text
    assert f"atteste qu’Inès {last_name} était présente" in text


def test_the_page_renders_inside_its_margins(demo, settings, tmp_path):
    """Rendered to PNG (looked at: the letterhead with its logo, the title, the statement, the
    shaded facts, the signature box on the right, the footer)."""
    meeting_id = review(demo)
    path = write_attestation(demo, meeting_id, attendee(demo, meeting_id, "Inès David").person_id,
                             settings, tmp_path / "a.pdf", TODAY)
    assert assert_renders_well(path, tmp_path, "attestation") == 1
    assert len(reader(path).pages[0].images) == 1, "the structure's logo"


def test_the_batch_is_one_file_per_user_present_and_nothing_else(demo, settings, tmp_path):
    meeting_id = review(demo)
    folder = tmp_path / "lot"
    paths = write_attestations(demo, meeting_id, settings, folder, TODAY)
    users = users_present(demo, meeting_id)
    assert sorted(path.name for path in folder.iterdir()) == sorted(path.name for path in paths)
    assert len(paths) == len(users) == 4
    for user, path in zip(users, paths, strict=True):
        assert path.name.endswith("-2026-10-09.pdf") and path.name.isascii()
        assert f"Nom {user.name} " in flat(texts(path)[0])


def test_same_names_get_numbered_files(demo, settings, tmp_path):
    meeting_id = review(demo)
    first, second, *_others = users_present(demo, meeting_id)
    for one in (first, second):
        edit(demo, one.person_id, first_name="Marie", last_name="Dupont")
    names = [path.name for path in write_attestations(demo, meeting_id, settings, tmp_path, TODAY)]
    assert f"attestation-marie-dupont-{first.invitee_id}-2026-10-09.pdf" in names
    assert f"attestation-marie-dupont-{second.invitee_id}-2026-10-09.pdf" in names


def test_someone_not_noted_present_gets_a_refusal_and_no_file(demo, settings, tmp_path):
    meeting_id = review(demo)
    manon = attendee(demo, meeting_id, "Manon Richard")
    with pytest.raises(Refused) as refused:
        write_attestation(demo, meeting_id, manon.person_id, settings, tmp_path / "m.pdf", TODAY)
    assert refused.value.message == ("Manon Richard n’a pas été notée présente à cette réunion : "
                                     "aucune attestation.")
    assert list(tmp_path.glob("*.pdf")) == []


@pytest.mark.parametrize(("minutes", "said"), [(0, "0 min"), (45, "45 min"), (60, "1 h"),
                                               (74, "1 h 14"), (125, "2 h 05")])
def test_durations_read_as_a_french_form_does(minutes, said):
    assert duration(minutes) == said


def test_a_batch_without_any_user_present_is_refused_and_makes_no_folder(demo, settings, tmp_path):
    meeting_id = review(demo)
    for user in users_present(demo, meeting_id):
        demo.minutes.forget_attendance(user.invitee_id)
    with pytest.raises(Refused) as refused:
        write_attestations(demo, meeting_id, settings, tmp_path / "lot", TODAY)
    assert refused.value.message == ("Aucune personne du côté des usagers n’a été notée présente "
                                     "à cette réunion : aucune attestation.")
    assert not (tmp_path / "lot").exists()


def test_someone_present_by_hand_gets_the_meeting_s_hours_said_so(demo, settings, tmp_path):
    """The spring meeting's presences were noted by hand in its minutes, without times."""
    spring = demo.meetings.resolve("Comité des usagers — printemps").id
    manon = attendee(demo, spring, "Manon Richard")
    assert manon.present and manon.arrived_at is None
    path = write_attestation(demo, spring, manon.person_id, settings, tmp_path / "m.pdf", TODAY)
    assert ("Présence de 18 h 00 (début de la réunion : arrivée non notée) à 20 h 00 (fin prévue "
            "de la réunion : départ non noté) Durée de présence 2 h") in flat(texts(path)[0])
