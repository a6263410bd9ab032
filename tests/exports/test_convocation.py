"""Printed letters with a reply slip, for invitees without e-mail: written from a real store,
read back with pypdf and rendered with pdfium (two readers that share nothing with ReportLab)."""

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pypdfium2
import pytest

from comite.exports.pdf.convocation import reference, write_convocations
from comite.store import MeetingInput, PersonInput, Refused, Store, open_store
from comite.store.demo import fill_small
from comite.store.meeting_models import Invitee, InviteeSeat, MeetingDetail
from comite.store.minutes_models import AgendaItem

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
ORGANIZER = "Françoise Lefèvre"
PHONE = "06 39 98 00 01"
HOSTILE = "Dupont & <b>Fils</b>"
DATES = ("mardi 12 janvier 2027", "lundi 1er février 2027", "mardi 13 juillet 2027")
WITHDRAWN = "2 mars 2027"


@dataclass(frozen=True)
class PaperMeeting:
    store: Store
    detail: MeetingDetail
    on_paper: tuple[Invitee, ...]  # the invitees without e-mail, in the order of the detail
    hostile: Invitee
    with_email: Invitee


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "comite.sqlite")
    yield opened
    opened.close()


def committee_named(store: Store, name: str) -> int:
    return next(s.committee.id for s in store.committees.all() if s.committee.name == name)


@pytest.fixture
def paper(store: Store) -> PaperMeeting:
    fill_small(store, date(2026, 11, 23))
    meeting = store.meetings.create(committee_named(store, "Comité des usagers"), MeetingInput(
        title="Comité de printemps", place="Salle de réunion de la MSP",
        description="Bilan des questionnaires de satisfaction.\nAccueil en salle d’attente."))
    store.meetings.add_slot(meeting.id, datetime(2027, 1, 12, 18, 0))
    store.meetings.add_slot(meeting.id, datetime(2027, 2, 1, 14, 30))
    store.meetings.add_slot(meeting.id, datetime(2027, 7, 13, 18, 0), "Mairie de Valmont")
    withdrawn = store.meetings.add_slot(meeting.id, datetime(2027, 3, 2, 18, 0))
    guests = [
        store.people.create(PersonInput(last_name=HOSTILE, first_name="Émile",
                                        phone="06 39 98 12 34")),
        store.people.create(PersonInput(last_name="Kervella", first_name="Hélène")),
        store.people.create(PersonInput(last_name="Nguyen", first_name="Zoé",
                                        email="zoe.nguyen@example.org")),
    ]
    for person in guests:
        store.meetings.invite(meeting.id, person.id)
    store.meetings.open_poll(meeting.id)
    store.meetings.remove_slot(withdrawn.id)  # in a poll: released, no longer proposed
    detail = store.meetings.detail(meeting.id)
    on_paper = tuple(i for i in detail.invitees if not i.email)
    by_person = {i.person_id: i for i in detail.invitees}
    return PaperMeeting(store, detail, on_paper, hostile=by_person[guests[0].id],
                        with_email=by_person[guests[2].id])


def items(store: Store, detail: MeetingDetail) -> tuple[AgendaItem, ...]:
    return store.agenda.agenda(detail.meeting.id).items


def write(paper: PaperMeeting, out: Path, **options) -> Path:
    return write_convocations(paper.detail, out, organizer_name=options.pop("organizer_name", ORGANIZER),
                              organizer_phone=options.pop("organizer_phone", PHONE),
                              now=options.pop("now", NOW), agenda=items(paper.store, paper.detail),
                              **options)


def texts(path: Path) -> list[str]:
    return [page.extract_text().replace("\xa0", " ") for page in pypdf.PdfReader(path).pages]


def flat(text: str) -> str:
    """A page's text on one line, for sentences that wrap."""
    return " ".join(text.split())


def letters(pages: list[str]) -> list[str]:
    """The text of each letter: a letter starts on a new page, with its « Bonjour »."""
    found: list[str] = []
    for text in pages:
        if "Bonjour " in text or not found:
            found.append(text)
        else:
            found[-1] += text
    return found


def test_one_letter_per_invitee_without_email(paper: PaperMeeting, tmp_path: Path):
    assert len(paper.on_paper) >= 3  # demo members without e-mail, and our two guests
    assert paper.hostile in paper.on_paper and paper.with_email not in paper.on_paper
    pages = texts(write(paper, tmp_path / "lettres.pdf"))
    # Three dates and the ordre du jour: each letter on two pages, the slip on the second.
    assert len(pages) == 2 * len(paper.on_paper)
    assert all(text.count("Bonjour ") == 1 for text in pages[::2])
    for number, (text, invitee) in enumerate(zip(letters(pages), paper.on_paper, strict=True), start=1):
        assert f"Bonjour {invitee.name}," in text
        assert f"Nom : {invitee.name}" in text
        assert f"page {2 * number - 1} / {len(pages)}" in text and f"page {2 * number} / " in text
        # Exactly one reference per letter, this person's, said to be the coordination's.
        assert reference(paper.detail.meeting.id, invitee.id) == f"R{paper.detail.meeting.id}-I{invitee.id}"
        assert re.findall(r"référence pour la coordination : R\d+-I\d+", text) == [
            f"référence pour la coordination : R{paper.detail.meeting.id}-I{invitee.id}"]
        assert "Réf." not in text
    assert "Zoé Nguyen" not in "".join(pages)


def test_the_letter_reads_in_plain_french(paper: PaperMeeting, tmp_path: Path):
    text = flat(letters(texts(write(paper, tmp_path / "lettres.pdf")))[0])
    for expected in (
        "Comité des usagers", "Le 23 novembre 2026", "« Comité de printemps »",
        "Nous voulons choisir la date ensemble", *DATES, "18 h 00 – 20 h 00", "14 h 30 – 16 h 30",
        "Salle de réunion de la MSP", "Mairie de Valmont", "Ordre du jour",
        "Accueil en salle d’attente.", "Comment répondre ?", "donnez-le à l’accueil",
        f"par la poste, à l’attention de {ORGANIZER}", f"appelez {ORGANIZER} au {PHONE}",
        "✂", "Coupon-réponse", "Réunion : Comité de printemps",
        "○ Oui", "○ Oui si nécessaire", "○ Non", "Un mot pour nous (facultatif) :",
    ):
        assert expected in text, expected
    assert text.count("○") == 3 * len(DATES)
    assert WITHDRAWN not in text  # a slot released during the poll is not proposed any more
    assert "convoqu" not in text.lower()  # we invite, we do not summon


def test_a_hostile_name_prints_as_typed_and_in_the_regular_face(paper: PaperMeeting, tmp_path: Path):
    out = write(paper, tmp_path / "lettres.pdf", invitee_ids=[paper.hostile.id])
    page = pypdf.PdfReader(out).pages[0]
    shown: list[tuple[str, str]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: shown.append(
        (text, str(font.get("/BaseFont")) if font else "")))
    greeting = [font for text, font in shown if "Bonjour" in text]
    assert greeting and greeting[0].endswith("+DejaVuSans"), shown[:5]  # not bold
    text = "".join(texts(out))
    assert f"Bonjour Émile {HOSTILE}," in text
    assert f"Émile {HOSTILE}" in text.split("Coupon-réponse")[1]
    assert "&amp;" not in text and "&lt;" not in text


def assert_fonts_embedded(reader: pypdf.PdfReader) -> None:
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "DejaVuSans" in font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_fonts_are_embedded_and_metadata_is_french(paper: PaperMeeting, tmp_path: Path):
    reader = pypdf.PdfReader(write(paper, tmp_path / "lettres.pdf"))
    assert_fonts_embedded(reader)
    meta = reader.metadata
    assert meta.title == "Choix de la date : Comité de printemps"
    assert meta.author == ORGANIZER
    assert meta.creator == "comite"
    assert "Comité des usagers" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


def dark_share(bitmap: pypdfium2.PdfBitmap, top: float, bottom: float) -> float:
    """The share of dark pixels between two heights of the page (0 = top, 1 = bottom)."""
    image = bitmap.to_pil().convert("L")
    band = image.crop((0, int(image.height * top), image.width, int(image.height * bottom)))
    histogram = band.histogram()
    return sum(histogram[:100]) / (band.width * band.height)


def test_the_first_letter_renders_with_its_slip_on_its_second_page(paper: PaperMeeting, tmp_path: Path):
    pdf = pypdfium2.PdfDocument(write(paper, tmp_path / "lettres.pdf"))
    try:
        bitmap = pdf[0].render(scale=1)
        bitmap.to_pil().save(tmp_path / "page-1.png")
        assert (tmp_path / "page-1.png").stat().st_size > 10_000
        assert dark_share(bitmap, 0.05, 0.5) > 0.01  # the letter
        slip = pdf[1].render(scale=1)
        assert dark_share(slip, 0.05, 0.4) > 0.01  # the slip, moved whole to the next page
        assert dark_share(slip, 0.6, 0.9) < 0.001  # and nothing after it
    finally:
        pdf.close()


def test_same_inputs_same_bytes(paper: PaperMeeting, tmp_path: Path):
    first = write(paper, tmp_path / "a.pdf").read_bytes()
    assert write(paper, tmp_path / "b.pdf").read_bytes() == first
    later = write(paper, tmp_path / "c.pdf", now=datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    assert later.read_bytes() != first


def test_chosen_invitees_get_a_letter_even_with_an_email(paper: PaperMeeting, tmp_path: Path):
    ids = [paper.with_email.id, paper.hostile.id]
    pages = letters(texts(write(paper, tmp_path / "choix.pdf", invitee_ids=ids)))
    assert len(pages) == 2
    names = {re.search(r"Bonjour (.+),", page).group(1) for page in pages}
    assert names == {"Zoé Nguyen", f"Émile {HOSTILE}"}


def test_dates_and_letter_day_are_in_the_meeting_zone(store: Store, tmp_path: Path):
    # A committee in La Réunion (UTC+4): 18 h there is 15 h in Paris, and late evening in UTC
    # is already the next morning there.
    fill_small(store, date(2026, 11, 23))
    meeting = store.meetings.create(committee_named(store, "Comité des usagers"), MeetingInput(
        title="Réunion de l’océan Indien", timezone="Indian/Reunion"))
    store.meetings.add_slot(meeting.id, datetime(2027, 1, 12, 18, 0))
    store.meetings.open_poll(meeting.id)
    detail = store.meetings.detail(meeting.id)
    out = write_convocations(detail, tmp_path / "reunion.pdf", organizer_name=ORGANIZER,
                             agenda=items(store, detail), now=datetime(2026, 11, 23, 22, 30, tzinfo=UTC))
    text = texts(out)[0]
    assert "mardi 12 janvier 2027" in text and "18 h 00 – 20 h 00" in text
    assert "Le 24 novembre 2026" in text
    # One date, no place, no phone: the letter says so plainly.
    assert "Voici la date que nous proposons" in text
    assert "lieu précisé plus tard" in text
    assert "appelez" not in text
    assert f"à l’attention de {ORGANIZER} : MSP des Tilleuls, 12 rue des Tilleuls" in flat(text)


def test_a_held_meeting_is_refused(paper: PaperMeeting, tmp_path: Path):
    store, meeting_id = paper.store, paper.detail.meeting.id
    store.meetings.choose_slot(paper.detail.slots[0].id, confirmed=True)
    store.meetings.mark_held(meeting_id, now=datetime(2027, 1, 13, tzinfo=UTC))
    held = replace(paper, detail=store.meetings.detail(meeting_id))
    with pytest.raises(Refused, match="La réunion a déjà eu lieu"):
        write(held, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_a_draft_is_refused(store: Store, tmp_path: Path):
    fill_small(store, date(2026, 11, 23))
    meeting = store.meetings.create(committee_named(store, "Comité des usagers"),
                                    MeetingInput(title="Brouillon"))
    store.meetings.add_slot(meeting.id, datetime(2027, 1, 12, 18, 0))
    with pytest.raises(Refused, match="Ouvrez d’abord le sondage"):
        write_convocations(store.meetings.detail(meeting.id), tmp_path / "x.pdf",
                           organizer_name=ORGANIZER, agenda=())
    assert list(tmp_path.glob("*.pdf")) == []


def test_refused_when_everybody_has_an_email(store: Store, tmp_path: Path):
    fill_small(store, date(2026, 11, 23))
    meeting = store.meetings.create(committee_named(store, "Comité des usagers"),
                                    MeetingInput(title="Tous en ligne"))
    store.meetings.add_slot(meeting.id, datetime(2027, 1, 12, 18, 0))
    for invitee in store.meetings.detail(meeting.id).invitees:
        if not invitee.email:
            store.meetings.uninvite(invitee.id)
    store.meetings.open_poll(meeting.id)
    detail = store.meetings.detail(meeting.id)
    assert detail.invitees and all(i.email for i in detail.invitees)
    with pytest.raises(Refused, match="ont une adresse e-mail"):
        write_convocations(detail, tmp_path / "x.pdf", organizer_name=ORGANIZER, agenda=())
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(("ids", "message"), [
    ([], "au moins une personne"),
    ([999_999], "ne sont plus invitées"),
])
def test_refused_for_a_wrong_choice_of_invitees(paper: PaperMeeting, tmp_path: Path, ids, message):
    with pytest.raises(Refused, match=message):
        write(paper, tmp_path / "x.pdf", invitee_ids=ids)
    assert not (tmp_path / "x.pdf").exists()


def test_refused_without_an_organizer_name(paper: PaperMeeting, tmp_path: Path):
    with pytest.raises(Refused, match="rendre le coupon"):
        write(paper, tmp_path / "x.pdf", organizer_name="  ")


# ---- once the date is chosen, and once the meeting is cancelled ------------------------------

CHOSEN = "mardi 13 juillet 2027"
VIDEO = "https://visio.example.org/comite"


def convened(paper: PaperMeeting) -> PaperMeeting:
    """The meeting convened on the summer date, held at the town hall, with a video link."""
    store, meeting = paper.store, paper.detail.meeting
    store.meetings.update(meeting.id, MeetingInput(
        title=meeting.title, place=meeting.place, description=meeting.description, video_url=VIDEO))
    summer = next(slot for slot in paper.detail.slots if slot.place == "Mairie de Valmont")
    store.meetings.choose_slot(summer.id, confirmed=True)
    return replace(paper, detail=store.meetings.detail(meeting.id))


def cancelled(paper: PaperMeeting) -> PaperMeeting:
    paper.store.meetings.cancel(paper.detail.meeting.id)
    return replace(paper, detail=paper.store.meetings.detail(paper.detail.meeting.id))


def test_the_convened_letter_gives_the_date_chosen_and_a_presence_slip(paper: PaperMeeting, tmp_path: Path):
    paper = convened(paper)
    out = write(paper, tmp_path / "lettres.pdf")
    pages = texts(out)
    assert len(pages) == len(paper.on_paper)  # letter and slip share one page
    meeting_id = paper.detail.meeting.id
    for number, (text, invitee) in enumerate(zip(map(flat, pages), paper.on_paper, strict=True),
                                             start=1):
        for expected in (
            "Comité des usagers", "Le 23 novembre 2026", f"Bonjour {invitee.name},",
            "« Comité de printemps »", "La date retenue est", CHOSEN, "18 h 00 – 20 h 00",
            "Mairie de Valmont", f"en visio : demandez le lien à {ORGANIZER} ({PHONE})",
            "Ordre du jour",
            "Accueil en salle d’attente.", "Viendrez-vous ?", "donnez-le à l’accueil",
            f"par la poste, à l’attention de {ORGANIZER}",
            f"appelez {ORGANIZER} au {PHONE} et dites-lui si vous viendrez", "✂", "Coupon-réponse",
            f"Nom : {invitee.name}", f"Réunion : Comité de printemps, {CHOSEN} à 18 h 00",
            "○ Je viendrai", "○ Je ne pourrai pas venir", f"page {number} / {len(pages)}",
        ):
            assert expected in text, expected
        assert text.count("○") == 2
        assert re.findall(r"coordination : R\d+-I\d+", text) == [
            f"coordination : {reference(meeting_id, invitee.id)}"]
        assert VIDEO not in text, "nobody clicks a link on paper"
        # Neither the dates set aside nor the meeting's former place.
        assert not any(day in text for day in DATES if day != CHOSEN)
        assert "Salle de réunion de la MSP" not in text and "Si nécessaire" not in text
    assert "Zoé Nguyen" not in "".join(pages)
    reader = pypdf.PdfReader(out)
    assert_fonts_embedded(reader)
    assert reader.metadata.title == "Date retenue : Comité de printemps"


def test_each_reader_is_told_what_their_seat_asks_of_them(paper: PaperMeeting, tmp_path: Path):
    paper = convened(paper)
    seats = [invitee.seat for invitee in paper.on_paper]
    assert InviteeSeat.TITULAR in seats and InviteeSeat.GUEST in seats
    for text, invitee in zip(texts(write(paper, tmp_path / "lettres.pdf")), paper.on_paper, strict=True):
        text = flat(text)
        counted = "Vous êtes membre titulaire : nous comptons sur vous." in text
        assert counted is (invitee.seat is InviteeSeat.TITULAR), invitee.seat
        # Nobody recorded a sex for these guests: the word keeps both endings.
        welcome = "Vous êtes invité(e) à cette réunion : vous y êtes le ou la bienvenue." in text
        assert welcome is (invitee.seat is InviteeSeat.GUEST), invitee.seat


def test_the_convened_page_renders_with_letter_and_slip(paper: PaperMeeting, tmp_path: Path):
    pdf = pypdfium2.PdfDocument(write(convened(paper), tmp_path / "lettres.pdf"))
    try:
        bitmap = pdf[0].render(scale=1)
        assert dark_share(bitmap, 0.05, 0.5) > 0.01  # the letter
        assert dark_share(bitmap, 0.62, 0.8) > 0.005  # the slip, on the same page
    finally:
        pdf.close()


def test_a_hostile_name_prints_as_typed_on_the_convened_letter(paper: PaperMeeting, tmp_path: Path):
    text = texts(write(convened(paper), tmp_path / "lettres.pdf", invitee_ids=[paper.hostile.id]))[0]
    assert f"Bonjour Émile {HOSTILE}," in text
    assert f"Nom : Émile {HOSTILE}" in text.split("Coupon-réponse")[1]
    assert "&amp;" not in text and "&lt;" not in text


def test_a_convened_meeting_cancelled_gets_a_letter_without_slip(paper: PaperMeeting, tmp_path: Path):
    paper = cancelled(convened(paper))
    out = write(paper, tmp_path / "annulation.pdf")
    pages = [flat(text) for text in texts(out)]
    assert len(pages) == len(paper.on_paper)
    for text, invitee in zip(pages, paper.on_paper, strict=True):
        for expected in (f"Bonjour {invitee.name},", "« Comité de printemps »",
                         f"prévue le {CHOSEN} à 18 h 00, est annulée.", "Nous en sommes désolés",
                         "Nous vous proposerons bientôt une nouvelle date",
                         f"vous pouvez appeler {ORGANIZER} au {PHONE}", ORGANIZER):
            assert expected in text, expected
        for absent in ("Coupon-réponse", "○", "✂", "Réf.", "suppléant", "Mairie de Valmont"):
            assert absent not in text, absent
    reader = pypdf.PdfReader(out)
    assert_fonts_embedded(reader)
    assert reader.metadata.title == "Réunion annulée : Comité de printemps"


def test_a_poll_cancelled_says_so_without_a_date(paper: PaperMeeting, tmp_path: Path):
    paper = cancelled(paper)
    text = flat(texts(write(paper, tmp_path / "annulation.pdf", organizer_phone="",
                            invitee_ids=[paper.hostile.id]))[0])
    assert f"Bonjour Émile {HOSTILE}," in text and "&amp;" not in text
    assert "« Comité de printemps », est annulée : inutile de nous renvoyer le coupon-réponse." in text
    assert not any(day in text for day in DATES)
    assert "appelez" not in text and "○" not in text


@pytest.mark.parametrize("status", [convened, cancelled])
def test_same_inputs_same_bytes_after_the_poll(paper: PaperMeeting, tmp_path: Path, status):
    paper = status(paper)
    first = write(paper, tmp_path / "a.pdf").read_bytes()
    assert write(paper, tmp_path / "b.pdf").read_bytes() == first


def test_a_cancellation_needs_a_signature(paper: PaperMeeting, tmp_path: Path):
    with pytest.raises(Refused, match="qui signe les lettres"):
        write(cancelled(paper), tmp_path / "x.pdf", organizer_name="")
    assert not (tmp_path / "x.pdf").exists()
