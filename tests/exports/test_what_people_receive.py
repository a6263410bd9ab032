"""Issue 22: each message and letter says, from itself alone, who writes and how to reach them,
what is asked and by when, where and how to come, whether the reader is expected, and what
comes next. Read back as a recipient's programs read them: the e-mails with the standard
library's parser, the calendar files with icalendar and vobject, the letters with pypdf."""

import email
from datetime import datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pypdf
import pytest
import vobject
from icalendar import Calendar

from comite.exports.invitations import write_outbox
from comite.exports.pdf.convocation import write_convocations
from comite.store import MeetingInput, MembershipInput, PersonInput
from comite.store.committee_models import Seat, StructureKind
from tests.exports.invitation_setup import NOW, SIGNED

WINTER = datetime(2027, 1, 12, 18, 0)
SUMMER = datetime(2027, 7, 13, 18, 0)
VIDEO = "https://visio.example.org/comite"
DIAL_IN = "01 86 99 00 00 ; 123456#"
ACCESS = "Rez-de-chaussée, bus 12 arrêt Mairie, parking devant l’entrée"
STREET = "12 rue des Lilas\n42990 Valmont-sur-Loire"
ADDRESS = "12 rue des Lilas, 42990 Valmont-sur-Loire"
MSP_ONCE = "MSP (maison de santé pluriprofessionnelle)"
# The structure's name keeps its words together: spelled out after it.
NAME_ONCE = "MSP des Tilleuls (maison de santé pluriprofessionnelle)"


@pytest.fixture
def meeting(store, committee_id, make_meeting):
    """The poll of the exports' committee, its structure with a street and a way in, a link and
    a number to call; two more guests whose sex is recorded, and, reached on paper, a
    suppléante for Thi Hoa Nguyen and a guest nobody told us about."""
    committee = store.committees.get(committee_id)
    store.structures.update(committee.structure_id, "MSP des Tilleuls", StructureKind.MSP,
                            "Valmont-sur-Loire", address=STREET, access_notes=ACCESS)
    thi_hoa = next(m for m in store.memberships.of_committee(committee_id)
                   if m.person_name == "Thi Hoa Nguyen")
    guests = []
    for last, first, sex, mail, seat in (
            ("Berger", "Lucie", "female", "lucie.berger@example.org", None),
            ("Roux", "Paul", "male", "paul.roux@example.org", None),
            ("Blanc", "Nadia", "female", "", thi_hoa.id),
            ("Morel", "Camille", "", "", None)):
        person = store.people.create(PersonInput(last_name=last, first_name=first, email=mail,
                                                 sex=sex))
        if seat is not None:
            store.memberships.add(committee_id, person.id, MembershipInput(
                seat=Seat.SUBSTITUTE, substitute_for=seat))
        else:
            guests.append(person.id)
    detail = make_meeting([WINTER, SUMMER], video_url=VIDEO, dial_in=DIAL_IN)
    for person_id in guests:
        store.meetings.invite(detail.meeting.id, person_id)
    return store.meetings.detail(detail.meeting.id)


def read(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def text_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def mails(detail, tmp_path: Path, folder: str = "envoi") -> dict[str, EmailMessage]:
    """Each message written, by its recipient's address."""
    result = write_outbox(detail, SIGNED, tmp_path / folder, NOW)
    return {read(path)["To"].addresses[0].addr_spec: read(path) for path in result.emails}


def one_line(text: str) -> str:
    return " ".join(text.split())


def assert_signed(text: str) -> None:
    """Who writes, in what role, for which structure, and two ways to answer."""
    assert one_line(f"{SIGNED.name}, {SIGNED.role}") in one_line(text)
    assert "pour la MSP des Tilleuls" in one_line(text)
    assert SIGNED.phone in one_line(text) and SIGNED.email in text


# ---- e-mails -------------------------------------------------------------------------------


def test_the_poll_email_says_who_writes_by_when_where_and_what_comes_next(meeting, tmp_path):
    text = text_of(mails(meeting, tmp_path)["thi-hoa.nguyen@example.org"])
    assert_signed(text)
    assert text.rstrip().endswith("Cordialement,\nMartine Perrin\nCoordinatrice de la MSP — MSP "
                                  "des Tilleuls\nTéléphone : 04 78 00 00 00\nE-mail : "
                                  "coordination@example.org")
    assert "Merci de répondre au plus tard le mardi 5 janvier 2027." in text
    assert "Nous vous confirmerons la date retenue par e-mail." in text
    assert ("Oui si nécessaire : je peux venir si aucune autre date ne convient." in text
            and "Peut-être (oui si nécessaire)" in text)
    assert f"Adresse : MSP des Tilleuls, {ADDRESS}\nAccès : {ACCESS}\nVisio : {VIDEO}\n" in text
    assert f"Par téléphone : appelez le {DIAL_IN}" in text
    assert "pour la réunion « Comité de printemps » du Comité des usagers" in text
    # Spelled out once, at its first use, then the short word.
    assert text.count(NAME_ONCE) == 1 and MSP_ONCE not in text
    assert text.index(NAME_ONCE) <= text.index("MSP des Tilleuls")


def test_the_invitation_email_names_the_date_and_the_way_in(store, meeting, tmp_path):
    store.meetings.choose_slot(meeting.slots[0].id, confirmed=True)
    message = mails(store.meetings.detail(meeting.meeting.id), tmp_path)["thi-hoa.nguyen@example.org"]
    text = text_of(message)
    assert_signed(text)
    assert ("Quand : mardi 12 janvier 2027 de 18 h 00 à 20 h 00 (heure de Paris)\n"
            f"Où : Salle du conseil, MSP des Tilleuls\nAdresse : MSP des Tilleuls, {ADDRESS}\n"
            f"Accès : {ACCESS}\n"
            f"Visio : {VIDEO}\nPar téléphone : appelez le {DIAL_IN}\n") in text
    assert "Vous êtes membre titulaire : nous comptons sur vous." in text
    # Her suppléante is on paper, not by e-mail: still named, with the word for a woman.
    assert "prévenez votre suppléante, Nadia Blanc." in text


@pytest.mark.parametrize(("address", "said"), [
    ("lucie.berger@example.org", "Vous êtes invitée à cette réunion : vous y êtes la bienvenue."),
    ("paul.roux@example.org", "Vous êtes invité à cette réunion : vous y êtes le bienvenu."),
    ("zoe.dupont@example.org",
     "Vous êtes invité(e) à cette réunion : vous y êtes le ou la bienvenue."),
])
def test_a_guest_is_welcome_in_the_words_of_their_recorded_sex(meeting, tmp_path, address, said):
    assert said in text_of(mails(meeting, tmp_path)[address])


def test_a_suppleant_is_told_when_to_come_by_the_default_or_the_committees_rule(
        store, meeting, tmp_path):
    text = text_of(mails(meeting, tmp_path)["jean-noel.celik@example.org"])
    assert "Vous êtes suppléant. Venez si Élodie Lefèvre ne peut pas venir : elle vous préviendra." in text
    committee = store.committees.get(meeting.meeting.committee_id)
    rule = "Venez à chaque réunion : vous y prenez la parole comme les titulaires."
    store.committees.update(committee.id, committee.structure_id, committee.name, committee.kind,
                            committee.description, substitute_rule=rule)
    text = text_of(mails(store.meetings.detail(meeting.meeting.id), tmp_path, "bis")[
        "jean-noel.celik@example.org"])
    assert f"Vous êtes suppléant. {rule}" in text and "elle vous préviendra" not in text


def test_a_date_not_kept_is_said_after_the_date_kept_without_its_when_and_where(
        store, meeting, tmp_path):
    """Once the summer date is chosen, the winter date's calendar file says the summer date
    first, then that the winter one is not kept: nothing about where the wrong date was."""
    store.meetings.choose_slot(meeting.slots[1].id, confirmed=True)
    detail = store.meetings.detail(meeting.meeting.id)
    message = mails(detail, tmp_path)["thi-hoa.nguyen@example.org"]
    released = next(part for part in message.iter_attachments()
                    if part.get_filename() == "date-1.ics")
    event = Calendar.from_ical(released.get_payload(decode=True)).walk("VEVENT")[0]
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "La réunion « Comité de printemps » du Comité des usagers aura lieu le mardi 13 juillet "
        "2027 à 18 h 00.\n\nLe mardi 12 janvier 2027 n’est pas retenu : rien à noter dans votre "
        "agenda.")
    assert "Adresse" not in description and "Visio" not in description


def test_a_released_date_message_is_short_and_starts_with_the_date_kept(meeting, tmp_path):
    from comite.exports.ical import build_messages
    from comite.exports.mail import letters
    from comite.exports.mail_text import body
    from comite.store.sending import Purpose

    # The text of a message that carries only a released date, as the outbox writes it.
    held = [m for m in build_messages(meeting, SIGNED, NOW) if m.purpose is Purpose.HOLD]
    [letter] = [one for one in letters(held) if one.invitee.email == "thi-hoa.nguyen@example.org"]
    from dataclasses import replace

    released = replace(letter, parts=(replace(letter.parts[0], purpose=Purpose.RELEASED),))
    text = body(released, meeting, SIGNED, {slot.id: n for n, slot in enumerate(meeting.slots, 1)})
    assert "Le mardi 12 janvier 2027 n’est pas retenu : rien à noter dans votre agenda." in text
    assert "Quand :" not in text and "Où :" not in text and "Adresse :" not in text
    assert_signed(text)


def test_someone_removed_is_told_plainly_and_can_still_call(store, meeting, tmp_path):
    write_outbox(meeting, SIGNED, tmp_path / "envoi", NOW)
    invitee = next(i for i in meeting.invitees if i.email == "paul.roux@example.org")
    store.meetings.record_invitations(meeting.meeting.id, [
        _record(part) for part in _parts(meeting, invitee)])
    store.meetings.uninvite(invitee.id)
    detail = store.meetings.detail(meeting.meeting.id)
    result = write_outbox(detail, SIGNED, tmp_path / "envoi", NOW,
                          cancellations=tuple(store.meetings.cancellations(detail.meeting.id)))
    [removal] = [read(path) for path in result.emails if path.name.startswith("annulation-")]
    text = text_of(removal)
    assert "Vous n’êtes plus invité à la réunion « Comité de printemps » du Comité des usagers." in text
    assert_signed(text)
    files = [part.get_payload(decode=True) for part in removal.iter_attachments()]
    assert len(files) == 2  # each date he held
    for ics in files:
        description = str(Calendar.from_ical(ics).walk("VEVENT")[0]["DESCRIPTION"])
        assert description.startswith("Vous n’êtes plus invité à la réunion « Comité de printemps »")


def _parts(detail, invitee):
    from comite.exports.ical import build_messages

    return [m for m in build_messages(detail, SIGNED, NOW) if m.invitee.id == invitee.id]


def _record(part):
    from comite.store.meeting_models import InvitationRecord

    return InvitationRecord(invitee_id=part.invitee.id, uid=part.uid, method=part.method,
                            sequence=part.sequence, file_name="x.eml",
                            written_at=NOW.isoformat(), sent_at=None)


# ---- calendar files ------------------------------------------------------------------------


def test_a_poll_date_holds_no_reminder_and_the_convocation_does_for_both_readers(
        store, meeting, tmp_path):
    poll = write_outbox(meeting, SIGNED, tmp_path / "envoi", NOW)
    for path in poll.calendars:
        calendar = Calendar.from_ical(path.read_bytes())
        assert not calendar.walk("VALARM"), path.name
        event = vobject.readOne(path.read_text(encoding="utf-8")).vevent
        assert "valarm" not in event.contents, path.name
        description = event.description.value
        assert "Merci de répondre au plus tard le mardi 5 janvier 2027." in description
        assert (f"Contact : Martine Perrin, coordinatrice de la MSP — {SIGNED.phone} — "
                f"{SIGNED.email}") in description
        assert f"Par téléphone : appelez le {DIAL_IN}" in description
        # First met in the address: spelled out there, after the structure's whole name.
        assert description.count(NAME_ONCE) == 1 and MSP_ONCE not in description
        assert ADDRESS in event.location.value and DIAL_IN in event.location.value
    store.meetings.choose_slot(meeting.slots[0].id, confirmed=True)
    convened = write_outbox(store.meetings.detail(meeting.meeting.id), SIGNED,
                            tmp_path / "convoquee", NOW)
    chosen = [path for path in convened.calendars if path.name.endswith("date-1.ics")]
    assert chosen
    for path in chosen:
        assert len(Calendar.from_ical(path.read_bytes()).walk("VALARM")) == 1
        assert "valarm" in vobject.readOne(path.read_text(encoding="utf-8")).vevent.contents


# ---- paper ---------------------------------------------------------------------------------


def paper_letters(detail, out: Path) -> dict[str, str]:
    """Each letter's text on one line, by the name it greets."""
    path = write_convocations(detail, out, organizer_name=SIGNED.name,
                              organizer_phone=SIGNED.phone, organizer_email=SIGNED.email,
                              organizer_role=SIGNED.role, agenda=(), now=NOW)
    text = one_line(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))
    text = text.replace("\xa0", " ")
    found = {}
    for part in text.split("Bonjour ")[1:]:
        name = part.split(",", 1)[0]
        found[name] = part
    return found


def test_the_paper_poll_letter_says_it_all_without_a_bare_link(store, meeting, tmp_path):
    letters = paper_letters(meeting, tmp_path / "lettres.pdf")
    assert set(letters) == {"Gérard Martin", "Nadia Blanc", "Camille Morel"}
    for text in letters.values():
        assert_signed(text)
        assert "Merci de répondre au plus tard le mardi 5 janvier 2027." in text
        assert "Nous vous confirmerons la date retenue par courrier." in text
        assert ("Oui si nécessaire (je peux venir si aucune autre date ne convient)" in text
                and "○ Oui si nécessaire" in text)
        assert f"Adresse : MSP des Tilleuls, {ADDRESS}" in text and f"Accès : {ACCESS}" in text
        assert f"Par téléphone : appelez le {DIAL_IN}" in text
        assert VIDEO not in text, "nobody clicks a link on paper"
        # The slip goes back by post to the coordinator at the structure.
        assert f"à l’attention de Martine Perrin : MSP des Tilleuls, {ADDRESS}" in text
        assert "Réf." not in text and "référence pour la coordination : R" in text
        assert text.count(NAME_ONCE) == 1 and MSP_ONCE not in text
    assert ("Vous êtes suppléante. Venez si Thi Hoa Nguyen ne peut pas venir : il ou elle vous "
            "préviendra.") in letters["Nadia Blanc"]
    assert ("Vous êtes invité(e) à cette réunion : vous y êtes le ou la bienvenue."
            in letters["Camille Morel"])
    assert "Vous êtes membre titulaire : nous comptons sur vous." in letters["Gérard Martin"]


def test_on_paper_a_link_without_a_dial_in_says_whom_to_call(store, meeting, tmp_path):
    base = meeting.meeting
    store.meetings.update(base.id, MeetingInput(title=base.title, place=base.place,
                                                video_url=VIDEO, description=base.description))
    store.meetings.choose_slot(meeting.slots[0].id, confirmed=True)
    letters = paper_letters(store.meetings.detail(base.id), tmp_path / "lettres.pdf")
    for text in letters.values():
        assert f"en visio : demandez le lien à Martine Perrin ({SIGNED.phone})" in text
        assert VIDEO not in text
        assert "La date retenue est : Date mardi 12 janvier 2027" in text
        assert f"Adresse MSP des Tilleuls, {ADDRESS}" in text and f"Accès {ACCESS}" in text
        assert_signed(text)
