"""The .eml messages (RFC 6047), read back with the standard library's parser in its modern
policy: structure, headers, the calendar part and the attachment, the French text."""

import email
import re
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path

from icalendar import Calendar

from comite.exports.ical import build_messages
from comite.exports.invitations import write_outbox
from comite.exports.mail import build_emails, letters
from comite.store import MeetingInput
from comite.store.committee_models import Seat
from tests.exports.invitation_setup import HOSTILE, NOW, ORGANIZER, Member, add_committee

WINTER = datetime(2027, 1, 12, 18, 0)
SPRING = datetime(2027, 3, 9, 18, 0)
SUMMER = datetime(2027, 7, 13, 18, 0)


def read(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def text_of(message: EmailMessage) -> str:
    # The decoded text keeps the CRLF line ends of the wire.
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def calendar_part(message: EmailMessage) -> EmailMessage:
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return part


def attached(message: EmailMessage) -> dict[str, bytes]:
    return {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}


def outbox_for(tmp_path, detail, email_address: str) -> EmailMessage:
    """The one message written to that address."""
    result = write_outbox(detail, ORGANIZER, tmp_path / "envoi", NOW)
    (message,) = [read(eml) for eml in result.emails
                  if read(eml)["To"].addresses[0].addr_spec == email_address]
    return message


def test_a_poll_is_one_message_per_person_with_each_date_attached_and_no_inline_calendar(
        tmp_path, make_meeting):
    """iTIP allows one UID per REQUEST, and the clients act on one inline calendar part only:
    a poll message carries none inline (no button would answer for one date only) and each
    date as its own file, date-N.ics, N as in the text (docs/invitations.md)."""
    detail = make_meeting([WINTER, SPRING, SUMMER])
    result = write_outbox(detail, ORGANIZER, tmp_path, NOW)
    assert len(result.emails) == sum(1 for i in detail.invitees if i.email) == 4
    for eml in result.emails:
        message = read(eml)
        assert not message.defects and not any(part.defects for part in message.walk())
        assert message.get_content_type() == "multipart/mixed"
        assert not [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        files = attached(message)
        assert list(files) == ["date-1.ics", "date-2.ics", "date-3.ics"]
        for number, (slot, ics) in enumerate(zip(detail.slots, files.values(), strict=True), 1):
            calendar = Calendar.from_ical(ics)
            assert str(calendar["METHOD"]) == "REQUEST"
            (event,) = calendar.walk("VEVENT")
            assert str(event["UID"]) == slot.uid and str(event["STATUS"]) == "TENTATIVE"
            beside = eml.with_name(f"{eml.stem}-date-{number}.ics")
            assert beside.read_bytes() == ics, "the outbox holds each object beside its message"
        assert all(p.get_content_type() == "application/ics" for p in message.iter_attachments())


def test_a_convocation_is_text_plus_calendar_plus_the_same_ics_attached(store, tmp_path, make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    store.meetings.choose_slot(detail.slots[0].id, confirmed=True)
    detail = store.meetings.detail(detail.meeting.id)
    result = write_outbox(detail, ORGANIZER, tmp_path, NOW)
    assert len(result.emails) == 4
    for eml in result.emails:
        message = read(eml)
        assert not message.defects and not any(part.defects for part in message.walk())
        alternative, *attachments = message.iter_parts()
        assert alternative.get_content_type() == "multipart/alternative"
        assert [p.get_content_type() for p in alternative.iter_parts()] == ["text/plain", "text/calendar"]
        calendar = calendar_part(message)
        ics = calendar.get_payload(decode=True)
        assert calendar.get_param("method") == str(Calendar.from_ical(ics)["METHOD"]) == "REQUEST"
        assert calendar.get_content_charset() == "utf-8"
        assert ics == eml.with_name(f"{eml.stem}-date-1.ics").read_bytes()
        assert [a.get_content_disposition() for a in attachments] == ["attachment"] * 2
        files = attached(message)
        assert list(files) == ["invitation.ics", "date-2.ics"]
        assert files["invitation.ics"] == ics
        assert str(Calendar.from_ical(files["date-2.ics"])["METHOD"]) == "CANCEL"
        raw = eml.read_bytes()
        assert b'\r\nContent-Type: text/calendar; charset="UTF-8"; method=REQUEST\r\n' in raw
        assert raw.count(b"MIME-Version: 1.0") == 1 and message["MIME-Version"] == "1.0"


def test_headers_name_the_organizer_the_recipient_and_mark_a_draft(tmp_path, make_meeting):
    detail = make_meeting([WINTER])
    result = write_outbox(detail, ORGANIZER, tmp_path, NOW)

    recipients = set()
    for eml in result.emails:
        message = read(eml)
        (sender,) = message["From"].addresses
        assert (sender.display_name, sender.addr_spec) == (ORGANIZER.name, ORGANIZER.email)
        (recipient,) = message["To"].addresses
        recipients.add((recipient.display_name, recipient.addr_spec))
        assert message["Subject"] == "Sondage : quelle date pour « Comité de printemps » ?"
        assert message["Date"].datetime == NOW
        assert re.fullmatch(r"<[0-9a-f]{32}@example\.org>", message["Message-ID"])
        assert message["X-Unsent"] == "1"
        assert eml.read_bytes().isascii(), "headers encoded (RFC 2047), bodies in QP and base64"
    assert recipients == {(i.name.replace('"', "'"), i.email) for i in detail.invitees if i.email}


def test_every_line_ends_in_crlf_and_fits_the_smtp_limits(tmp_path, make_meeting):
    result = write_outbox(make_meeting([WINTER], title="Comité " + "très " * 30 + "long"), ORGANIZER,
                          tmp_path, NOW)
    for eml in result.emails:
        raw = eml.read_bytes()
        assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
        assert max(len(line) for line in raw.split(b"\r\n")) <= 78


def test_the_poll_text_lists_every_date_says_how_to_answer_and_gives_the_agenda(tmp_path, make_meeting):
    detail = make_meeting([WINTER, (SUMMER, "Mairie de Valmont")], video_url="https://visio.example.org/c")
    text = text_of(outbox_for(tmp_path, detail, "thi-hoa.nguyen@example.org"))
    assert text.startswith(
        "Bonjour Thi Hoa Nguyen,\n\nCoordination de la MSP des Tilleuls (maison de santé "
        "pluriprofessionnelle) vous écrit.\nNous vous proposons plusieurs dates pour la réunion « Comité de "
        "printemps » du Comité des usagers : merci de nous dire lesquelles vous conviennent.")
    assert ("Dates proposées :\n"
            "1. mardi 12 janvier 2027 de 18 h 00 à 20 h 00 (heure de Paris) — Salle du conseil, "
            "MSP des Tilleuls\n"
            "2. mardi 13 juillet 2027 de 18 h 00 à 20 h 00 (heure de Paris) — Mairie de Valmont\n"
            "\nAdresse : MSP des Tilleuls, Valmont-sur-Loire\nVisio : https://visio.example.org/c\n") in text
    assert ("répondez à ce message en écrivant, pour chaque date, « oui », « oui si nécessaire » "
            "ou « non »") in text
    assert "\n1 : oui\n2 : non\nVous pouvez aussi nous appeler (numéro en bas de ce message)." in text
    assert ("(date-1.ics, date-2.ics)" in text
            and "Accepter (oui), Peut-être (oui si nécessaire)" in text)
    assert "Nous vous confirmerons la date retenue par e-mail." in text
    assert "\n1. Accueil\n2. Bilan des réclamations ; avis\n3. Questions\n" in text  # the message
    assert "Ordre du jour :\n1. Tour de table et nouvelles de la structure\n2. " in text
    assert text.rstrip().endswith(
        "Cordialement,\nCoordination de la MSP des Tilleuls\nE-mail : coordination@example.org")


def test_one_place_for_every_date_is_said_once(tmp_path, make_meeting):
    text = text_of(outbox_for(tmp_path, make_meeting([WINTER, SUMMER]), "thi-hoa.nguyen@example.org"))
    assert "\n2. mardi 13 juillet 2027 de 18 h 00 à 20 h 00 (heure de Paris)\n\nOù : Salle du conseil" in text


def test_a_suppleant_is_told_whose_seat_they_stand_in_for(tmp_path, make_meeting):
    text = text_of(outbox_for(tmp_path, make_meeting([WINTER]), "jean-noel.celik@example.org"))
    assert ("Vous êtes suppléant. Venez si Élodie Lefèvre ne peut pas venir : elle vous "
            "préviendra.") in text


def test_the_convocation_carries_the_dates_not_kept(store, tmp_path, make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    store.meetings.choose_slot(detail.slots[0].id)
    message = outbox_for(tmp_path, store.meetings.detail(detail.meeting.id), "elodie.lefevre@example.org")

    assert message["Subject"] == "Invitation : Comité de printemps — mardi 12 janvier 2027 à 18 h 00"
    text = text_of(message)
    assert "Nous vous invitons à la réunion « Comité de printemps » du Comité des usagers." in text
    assert "Quand : mardi 12 janvier 2027 de 18 h 00 à 20 h 00 (heure de Paris)\n" in text
    assert "Où : Salle du conseil, MSP des Tilleuls\n" in text
    assert ("Les autres dates proposées ne sont pas retenues : rien à noter dans votre agenda "
            "(elles en sont retirées) :\n"
            "2. mardi 13 juillet 2027 de 18 h 00 à 20 h 00 (heure de Paris)\n") in text
    assert "Accepter si vous venez, Refuser si vous ne pouvez pas venir." in text
    assert calendar_part(message).get_param("method") == "REQUEST"


def test_a_cancelled_meeting_says_so(store, tmp_path, make_meeting):
    detail = make_meeting([WINTER])
    store.meetings.cancel(detail.meeting.id)
    message = outbox_for(tmp_path, store.meetings.detail(detail.meeting.id), "elodie.lefevre@example.org")

    assert message["Subject"] == "Annulation : Comité de printemps — mardi 12 janvier 2027 à 18 h 00"
    assert calendar_part(message).get_param("method") == "CANCEL"
    assert list(attached(message)) == ["annulation.ics"]
    text = text_of(message)
    assert "La réunion « Comité de printemps » du Comité des usagers est annulée." in text
    assert "Aucune réponse n’est attendue" in text and "Ordre du jour" not in text


def test_a_poll_cancelled_cancels_every_date_in_one_message(store, tmp_path, make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    store.meetings.cancel(detail.meeting.id)
    message = outbox_for(tmp_path, store.meetings.detail(detail.meeting.id), "elodie.lefevre@example.org")
    assert message["Subject"] == "Annulation : Comité de printemps"
    files = attached(message)
    assert list(files) == ["date-1.ics", "date-2.ics"]
    assert {str(Calendar.from_ical(ics)["METHOD"]) for ics in files.values()} == {"CANCEL"}
    assert "Dates :\n1. mardi 12 janvier 2027" in text_of(message)


def test_a_hostile_name_is_quoted_in_to_and_plain_in_the_text(tmp_path, make_meeting):
    message = outbox_for(tmp_path, make_meeting([WINTER]), "zoe.dupont@example.org")

    (recipient,) = message["To"].addresses
    assert recipient.display_name == "Zoé " + HOSTILE.replace('"', "'")
    assert recipient.addr_spec == "zoe.dupont@example.org"
    assert text_of(message).startswith(
        "Bonjour Zoé Dupont & <b>Fils</b> 'Le Grand' ; , :,\n")


def test_a_mailbox_name_with_accents_travels_as_smtputf8(store, tmp_path):
    committee = add_committee(store, (Member("Bézier", "Hélène", "hélène.bezier@example.org", Seat.TITULAR),),
                              name="Comité bis")
    meeting = store.meetings.create(committee, MeetingInput(title="Réunion"))
    store.meetings.add_slot(meeting.id, WINTER)
    store.meetings.open_poll(meeting.id)
    (eml,) = write_outbox(store.meetings.detail(meeting.id), ORGANIZER, tmp_path, NOW).emails

    raw = eml.read_bytes()
    assert "To: Hélène Bézier <hélène.bezier@example.org>\r\n".encode() in raw
    # The bytes parser leaves non-ASCII headers undecoded: read as the UTF-8 text they are.
    message = email.message_from_string(raw.decode("utf-8"), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "hélène.bezier@example.org"
    assert str(Calendar.from_ical(attached(message)["invitation.ics"])["METHOD"]) == "REQUEST"


def test_same_state_same_bytes_and_the_message_id_follows_the_content(make_meeting):
    detail = make_meeting([WINTER])
    mail = letters(build_messages(detail, ORGANIZER, NOW))
    once = build_emails(mail, detail, ORGANIZER, NOW)
    assert once == build_emails(mail, detail, ORGANIZER, NOW)
    later = build_emails(letters(build_messages(detail, ORGANIZER, NOW + timedelta(hours=1))), detail,
                         ORGANIZER, NOW + timedelta(hours=1))
    ids = {email.message_from_bytes(raw, policy=policy.default)["Message-ID"] for raw in once + later}
    assert len(ids) == 2 * len(once), "a new DTSTAMP is a new message for the servers' duplicate filters"


def test_a_title_holding_a_marker_of_the_frame_stays_in_the_subject(tmp_path, make_meeting):
    detail = make_meeting([WINTER], title="Bilan =_comite_text =_comite_calendar_0_")
    message = outbox_for(tmp_path, detail, "elodie.lefevre@example.org")

    # " ".join(split()): the email package's folding may double a space before an encoded word.
    assert " ".join(message["Subject"].split()) == (
        "Sondage : quelle date pour « Bilan =_comite_text =_comite_calendar_0_ » ?")
    (event,) = Calendar.from_ical(attached(message)["invitation.ics"]).walk("VEVENT")
    assert event["UID"] == detail.slots[0].uid
    assert "« Bilan =_comite_text =_comite_calendar_0_ »" in text_of(message)
