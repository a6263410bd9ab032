"""Calendar parts found in e-mail messages, wherever and however the client put them."""

import base64
import quopri
from email.message import EmailMessage

import pytest

from comite.sync.errors import InboxRefusal
from comite.sync.itip import parse_replies
from comite.sync.mailparse import calendar_parts
from tests.sync.conftest import HOSTILE, eml_bytes, reply_bytes

UID = "2d3c4b5a-6978-4a1b-9c8d-7e6f5a4b3c2d"


def calendar(email: str = "jeanne.dupont@example.org") -> bytes:
    return reply_bytes("outlook-accepted.ics", UID, email, 1)


def test_nested_multipart_base64_inline_and_attached_counts_once():
    mail = calendar_parts(eml_bytes(calendar(), "Jeanne.Dupont@Example.org"))
    assert mail.sender == "jeanne.dupont@example.org"
    assert mail.parts == (calendar(),)
    (reply,) = parse_replies(mail.parts[0])
    assert (reply.uid, reply.partstat) == (UID, "ACCEPTED")


def message_with(part: EmailMessage) -> bytes:
    outer = EmailMessage()
    outer["From"] = "Pierre Martin <pierre.martin@example.org>"
    outer["Subject"] = "Refusé : Comité de printemps"
    outer.set_content("Pierre Martin a refusé votre invitation.")
    outer.add_attachment(part)
    return outer.as_bytes()


def test_quoted_printable_calendar_part_in_a_forwarded_message():
    inner = EmailMessage()
    inner["From"] = "Jeanne Dupont <jeanne.dupont@example.org>"
    inner.set_content("Réponse")
    inner.add_alternative(calendar(), maintype="text", subtype="calendar", params={"method": "REPLY"},
                          cte="quoted-printable")
    data = message_with(inner)
    assert b"Content-Type: message/rfc822" in data and b"quoted-printable" in data
    mail = calendar_parts(data)
    assert mail.sender == "pierre.martin@example.org"  # who sent the message, for the coordinator
    assert mail.parts == (calendar(),)


def test_octet_stream_attachment_named_ics():
    outer = EmailMessage()
    outer["From"] = "pierre.martin@example.org"
    outer.set_content("Voir la pièce jointe.")
    outer.add_attachment(calendar(), maintype="application", subtype="octet-stream", filename="Reponse.ICS")
    assert calendar_parts(outer.as_bytes()).parts == (calendar(),)


def test_a_declared_latin_1_calendar_part_becomes_utf_8():
    text = calendar().decode().replace("Accepté", "Accepté à")
    raw = (
        b"From: jeanne.dupont@example.org\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: text/calendar; charset="iso-8859-1"; method=REPLY\r\n'
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ) + quopri.encodestring(text.encode("latin-1"))
    (part,) = calendar_parts(raw).parts
    assert "Accepté à".encode() in part
    assert parse_replies(part)[0].partstat == "ACCEPTED"


def test_a_message_without_calendar_is_refused_in_french():
    with pytest.raises(InboxRefusal) as refused:
        calendar_parts((HOSTILE / "no-calendar.eml").read_bytes())
    assert refused.value.reason == "Ce message ne contient pas de réponse d’agenda."


def test_garbage_is_a_message_without_calendar():
    with pytest.raises(InboxRefusal, match="pas de réponse d’agenda"):
        calendar_parts(base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4"))


def test_an_unreadable_from_leaves_the_sender_empty():
    raw = b"From: <<<\r\nContent-Type: text/calendar\r\n\r\n" + calendar()
    assert calendar_parts(raw).sender == ""
