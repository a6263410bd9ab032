"""The coordinator's mailbox read against a real IMAP server (pymap on 127.0.0.1): a reply
appended is applied and filed in « comite/traité »; every other message stays exactly as it was
(UIDs, flags, bytes); hostile messages change nothing and go to « comite/à vérifier »; a server
gone is « hors ligne », a wrong password or an untrusted certificate refused in French."""

import re
import threading

import pytest

from comite.store.meeting_models import Answer
from comite.sync.mailbox import (
    CHECK_FOLDER,
    DONE_FOLDER,
    Mailbox,
    MailboxConfig,
    MailboxOffline,
    MailboxRefused,
)
from tests.imap_server import PASSWORD, USER, self_signed
from tests.sync.conftest import database_state, eml_bytes, reply_bytes

CHECK_ASCII = "comite/&AOA- v&AOk-rifier"  # « comite/à vérifier » as IMAP names it (RFC 3501 §5.1.3)
COMITE_ID = "<0123456789abcdef0123456789abcdef@example.org>"


def config(server, **changes) -> MailboxConfig:
    values = {"host": "127.0.0.1", "port": server.port, "user": USER, "security": "none"}
    return MailboxConfig(**{**values, **changes})


def reader(store, server, secret: str = PASSWORD, **changes) -> Mailbox:
    return Mailbox(store, config(server, **changes), secret=secret,
                   organizers=("coordination@example.org",))


def reply_message(poll, first_name: str = "Jeanne", slot: str = "janvier",
                  message_id: str = "<reponse-1@mail.example.org>", answers: str = "",
                  uid: str = "") -> bytes:
    invitee = poll.invitees[first_name]
    calendar = reply_bytes("outlook-accepted.ics", uid or poll.slots[slot].uid, invitee.email)
    raw = eml_bytes(calendar, invitee.email)
    raw = re.sub(rb"Message-ID: <[^>]*>", f"Message-ID: {message_id}".encode(), raw)
    if answers:
        raw = raw.replace(b"MIME-Version: 1.0", f"In-Reply-To: {answers}\r\nMIME-Version: 1.0".encode())
    return raw


def read_once(mailbox: Mailbox) -> list:
    mailbox.connect()
    try:
        return mailbox.read()
    finally:
        mailbox.close()


def plain(subject: str, body: str = "Bonjour", extra: str = "") -> bytes:
    return (f"From: Collègue <collegue@example.org>\r\nTo: {USER}\r\nSubject: {subject}\r\n"
            f"Message-ID: <{abs(hash(subject))}@example.org>\r\n{extra}MIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


def foreign_invitation() -> bytes:
    """A colleague's own invitation (REQUEST) with a calendar part: not comite's."""
    calendar = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Autre//FR\r\nMETHOD:REQUEST\r\n"
                "BEGIN:VEVENT\r\nUID:reunion-equipe-42@example.org\r\nDTSTAMP:20261201T090000Z\r\n"
                "DTSTART:20261210T120000Z\r\nSUMMARY:Réunion d’équipe\r\n"
                "ORGANIZER:mailto:collegue@example.org\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:"
                f"{USER}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    return (f"From: collegue@example.org\r\nTo: {USER}\r\nSubject: Réunion d’équipe\r\n"
            "Message-ID: <invitation-equipe@example.org>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n"
            f"{calendar}").encode()


@pytest.fixture
def server(imap_server):
    return imap_server()


def test_a_reply_is_applied_and_filed_and_nothing_else_is_touched(poll, server):
    server.append(plain("Ordre du jour du staff"))
    server.append(plain("Lu", body="déjà lu"), flags="\\Seen \\Flagged")
    server.append(foreign_invitation())
    server.append(reply_message(poll))
    server.append(plain("Réponse à « Comité » sans pièce"), flags="\\Answered")
    before = server.messages()
    results = read_once(reader(poll.store, server))
    assert [result.outcome for result in results] == ["processed"]
    assert "Jeanne Dupont" in results[0].reason and results[0].meeting_id == poll.meeting_id
    assert poll.answer("Jeanne", "janvier") is Answer.YES
    after = server.messages()
    moved = [uid for uid in before if uid not in after]
    assert len(moved) == 1 and b"Subject: =?utf-8?Q?Accept" in before[moved[0]][1]
    assert after == {uid: kept for uid, kept in before.items() if uid not in moved}
    filed = server.messages(DONE_FOLDER)
    assert [body for _flags, body in filed.values()] == [before[moved[0]][1]]
    assert [flags for flags, _body in filed.values()] == [frozenset()]  # not even marked read
    entry = poll.store.inbox.recent()[0]
    assert (entry.source, entry.message_id, entry.outcome) == ("mailbox", "<reponse-1@mail.example.org>",
                                                              "processed")
    assert entry.name == "Courriel « Accepté : Comité de printemps »"


def test_a_message_is_applied_once_even_found_again(poll, server):
    server.append(reply_message(poll))
    mailbox = reader(poll.store, server)
    mailbox.connect()
    try:
        assert [r.outcome for r in mailbox.read()] == ["processed"]
        history = database_state(poll.store)
        # The same message again (restored by the coordinator, copied by a rule): filed, not applied.
        server.append(reply_message(poll))
        again = mailbox.read()
    finally:
        mailbox.close()
    assert [r.outcome for r in again] == ["processed"]
    assert "rien n’a été appliqué une seconde fois" in again[0].reason
    assert database_state(poll.store) == history
    assert len(server.messages(DONE_FOLDER)) == 2 and server.messages() == {}


def test_messages_left_alone_are_not_read_again(poll, server):
    server.append(plain("Sans rapport"))
    mailbox = reader(poll.store, server)
    mailbox.connect()
    try:
        assert mailbox.read() == []
        mark = poll.store.inbox.mark(mailbox.config.key)
        assert mark is not None and mark[1] == max(server.messages())
        assert mailbox._new_uids(mark[0]) == []
    finally:
        mailbox.close()


@pytest.mark.parametrize("hostile", ["huge", "malformed", "unknown_uid", "nothing_usable"])
def test_hostile_messages_answering_comite_change_nothing_and_go_aside(poll, server, hostile):
    raw = {
        "huge": lambda: reply_message(poll, answers=COMITE_ID).replace(
            b"--_004_AM0PR10MB3521C4F0_--", b"--_004_AM0PR10MB3521C4F0_\r\nContent-Type: text/plain\r\n\r\n"
            + b"x" * (6 * 1024 * 1024) + b"\r\n--_004_AM0PR10MB3521C4F0_--"),
        "malformed": lambda: (f"From: x@example.org\r\nSubject: =?utf-8?B?////\r\nIn-Reply-To: {COMITE_ID}"
                              "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"\r\n\r\n"
                              "--\r\nContent-Type: text/calendar; charset=bogus-8\r\n"
                              "Content-Transfer-Encoding: base64\r\n\r\n!!!!\r\n").encode(),
        "unknown_uid": lambda: reply_message(poll, answers=COMITE_ID, uid="inconnu-0000@example.org"),
        "nothing_usable": lambda: plain("Re: Comité de printemps", body="Je viendrai !",
                                        extra=f"In-Reply-To: {COMITE_ID}\r\n"),
    }[hostile]()
    server.append(raw)
    state = database_state(poll.store)
    results = read_once(reader(poll.store, server))
    assert [r.outcome for r in results] == ["quarantined"]
    assert results[0].reason  # French, shown in the inbox screen
    assert database_state(poll.store) == state
    assert server.messages() == {}
    assert [body for _flags, body in server.messages(CHECK_FOLDER).values()] == [raw]
    assert poll.store.inbox.recent()[0].reason == results[0].reason


def test_a_reply_to_another_calendar_is_left_alone(poll, server):
    raw = reply_message(poll, uid="reunion-equipe@example.org")
    server.append(raw)
    before = server.messages()
    mailbox = reader(poll.store, server)
    mailbox.connect()
    try:
        assert mailbox.read() == []
    finally:
        mailbox.close()
    assert server.messages() == before
    assert CHECK_FOLDER not in server.folders() and DONE_FOLDER not in server.folders()


def test_a_flood_of_hostile_messages_changes_nothing(poll, server):
    server.append_many([plain(f"Re: invitation {number}", extra=f"In-Reply-To: {COMITE_ID}\r\n")
                        for number in range(500)])
    state = database_state(poll.store)
    results = read_once(reader(poll.store, server))
    assert len(results) == 500 and {r.outcome for r in results} == {"quarantined"}
    assert database_state(poll.store) == state
    with server.client() as connection:
        assert connection.select(f'"{CHECK_ASCII}"', readonly=True) == ("OK", [b"500"])
        assert connection.select("INBOX", readonly=True) == ("OK", [b"0"])


def test_a_wrong_password_is_refused_in_french(poll, server):
    mailbox = reader(poll.store, server, secret="pas le bon")
    with pytest.raises(MailboxRefused, match="identifiant ou mot de passe incorrect"):
        mailbox.connect()
    assert not mailbox.connected


def test_no_password_says_where_to_put_it(poll, server, monkeypatch):
    monkeypatch.delenv("COMITE_IMAP_PASSWORD", raising=False)
    mailbox = Mailbox(poll.store, config(server))
    with pytest.raises(MailboxRefused, match="COMITE_IMAP_PASSWORD"):
        mailbox.connect()
    monkeypatch.setenv("COMITE_IMAP_PASSWORD", PASSWORD)
    mailbox.connect()
    mailbox.close()


def test_no_encryption_is_for_this_machine_only(poll, server):
    mailbox = reader(poll.store, server, host="imap.example.org")
    with pytest.raises(MailboxRefused, match=r"127\.0\.0\.1"):
        mailbox.connect()


def test_an_unknown_security_or_comites_own_folder_is_refused(poll, server):
    with pytest.raises(MailboxRefused, match="Sécurité de la messagerie inconnue"):
        reader(poll.store, server, security="tsl").connect()
    with pytest.raises(MailboxRefused, match="où comite range"):
        reader(poll.store, server, folder="comite/traité").connect()
    assert read_once(reader(poll.store, server, host="LocalHost")) == []  # this machine, however written


def test_a_missing_folder_is_said(poll, server):
    mailbox = reader(poll.store, server, folder="Réponses comité")
    with pytest.raises(MailboxRefused, match="« Réponses comité » n’existe pas"):
        mailbox.connect()


def test_a_server_gone_is_offline_then_read_again(poll, server):
    mailbox = reader(poll.store, server)
    mailbox.connect()
    server.stop()
    with pytest.raises(MailboxOffline, match="ne répond pas"):
        mailbox.read()
    assert not mailbox.connected
    with pytest.raises(MailboxOffline, match="aucun service n’écoute"):
        mailbox.connect()
    server.start()
    server.append(reply_message(poll))
    mailbox.connect()
    try:
        assert [r.outcome for r in mailbox.read()] == ["processed"]
    finally:
        mailbox.close()


@pytest.mark.parametrize("mode", ["tls", "starttls"])
def test_an_untrusted_certificate_is_refused_and_a_trusted_one_accepted(poll, imap_server, tmp_path,
                                                                         mode):
    pem, context = self_signed(tmp_path)
    server = imap_server(**{mode: context})
    server.append(reply_message(poll))
    with pytest.raises(MailboxRefused, match="certificat auto-signé"):
        reader(poll.store, server, security=mode).connect()
    assert len(server.messages()) == 1
    mailbox = reader(poll.store, server, security=mode, certificate=pem)
    mailbox.connect()
    try:
        assert [r.outcome for r in mailbox.read()] == ["processed"]
    finally:
        mailbox.close()


def test_idle_wakes_on_a_new_message_and_stop_ends_the_wait(poll, server):
    mailbox = reader(poll.store, server)
    mailbox.connect()
    stop = threading.Event()
    try:
        assert mailbox.read() == []
        threading.Timer(0.3, server.append, (reply_message(poll),)).start()
        mailbox.wait(stop, longest=20)
        assert [r.outcome for r in mailbox.read()] == ["processed"]
        threading.Timer(0.3, stop.set).start()
        mailbox.wait(stop, longest=20)
    finally:
        mailbox.close()
