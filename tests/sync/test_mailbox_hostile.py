"""Each message of tests/data/hostile/mailbox appended to a real IMAP server, then the mailbox
read: those answering comite go to « comite/à vérifier » with a French reason, the others stay
exactly as they were; none changes the database. And what else comite takes from the mailbox:
a Framadate export that fits a poll, a charter it made, signed since — while a spreadsheet or
another PDF is no reason to touch a message."""

import base64
from pathlib import Path

import pytest

from comite.store.meeting_models import Answer, AnswerSource
from comite.sync.mailbox import CHECK_FOLDER, DONE_FOLDER, Mailbox, MailboxConfig
from tests.imap_server import PASSWORD, USER
from tests.sync.conftest import DATA, REPLIES, database_state
from tests.sync.test_charter_returns import Charters
from tests.sync.test_mailbox import read_once, reader

HOSTILE = DATA / "hostile" / "mailbox"


def hostile(prefix: str) -> list[Path]:
    return sorted(HOSTILE.glob(f"{prefix}-*.eml"))


def test_the_readme_names_every_hostile_message():
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    assert hostile("aside") and hostile("untouched")
    assert [path.name for path in HOSTILE.glob("*.eml") if f"`{path.name}`" not in readme] == []


@pytest.mark.parametrize("path", hostile("aside"), ids=lambda path: path.stem)
def test_a_hostile_message_answering_comite_goes_aside_and_changes_nothing(poll, imap_server, path):
    server = imap_server()
    server.append(path.read_bytes())
    state = database_state(poll.store)
    results = read_once(reader(poll.store, server))
    assert [result.outcome for result in results] == ["quarantined"]
    assert results[0].reason and "Traceback" not in results[0].reason
    assert database_state(poll.store) == state
    assert server.messages() == {}
    assert [body for _flags, body in server.messages(CHECK_FOLDER).values()] == [path.read_bytes()]


@pytest.mark.parametrize("path", hostile("untouched"), ids=lambda path: path.stem)
def test_a_message_that_is_not_comites_stays_as_it_was(poll, imap_server, path, tmp_path):
    server = imap_server()
    server.append(path.read_bytes())
    before, state = server.messages(), database_state(poll.store)
    # As the app reads it: returned charters are looked for in PDFs too.
    mailbox = Mailbox(poll.store, MailboxConfig("127.0.0.1", server.port, USER, "none"),
                      secret=PASSWORD, charter_pieces=tmp_path / "donnees" / "pieces")
    assert read_once(mailbox) == []
    assert server.messages() == before
    assert database_state(poll.store) == state and poll.store.inbox.recent() == []
    assert server.folders() == {"INBOX"}


def attached(name: str, kind: str, data: bytes, subject: str = "Sondage") -> bytes:
    encoded = base64.encodebytes(data).decode().replace("\n", "\r\n")
    return (f"From: coordination@example.org\r\nTo: {USER}\r\nSubject: {subject}\r\n"
            f"Message-ID: <{name}@example.org>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nCi-joint.\r\n--b\r\n"
            f"Content-Type: {kind}; name=\"{name}\"\r\nContent-Disposition: attachment; "
            f"filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{encoded}--b--\r\n"
            ).encode()


def test_a_framadate_export_that_fits_the_poll_is_imported(poll, imap_server):
    server = imap_server()
    server.append(attached("comite-de-printemps.csv", "text/csv",
                           (REPLIES / "framadate-all-known.csv").read_bytes()))
    (result,) = read_once(reader(poll.store, server))
    assert result.outcome == "processed" and "Sondage Framadate importé" in result.reason
    assert poll.answer("Pierre", "juillet") is Answer.YES
    assert {vote.source for vote in poll.detail().votes} == {AnswerSource.FRAMADATE}
    assert len(server.messages(DONE_FOLDER)) == 1


def test_a_framadate_export_asking_for_names_goes_aside(poll, imap_server):
    server = imap_server()
    server.append(attached("sondage.csv", "text/csv", (REPLIES / "framadate-export.csv").read_bytes()))
    state = database_state(poll.store)
    (result,) = read_once(reader(poll.store, server))
    assert result.outcome == "quarantined" and "3 noms demandent votre confirmation" in result.reason
    assert database_state(poll.store) == state and len(server.messages(CHECK_FOLDER)) == 1


def test_a_charter_signed_and_mailed_back_is_recorded(store, tmp_path, imap_server):
    charters = Charters(store, tmp_path)
    server = imap_server()
    signed = charters.signed_by_structure()
    server.append(attached("charte-signee.pdf", "application/pdf", signed.read_bytes(),
                           subject="Charte signée"))
    mailbox = Mailbox(store, MailboxConfig("127.0.0.1", server.port, USER, "none"),
                      secret=PASSWORD, charter_pieces=charters.pieces,
                      trusted=[charters.structure_cert.cert])
    (result,) = read_once(mailbox)
    assert result.outcome == "processed" and result.reason.startswith(
        f"Charte {charters.charter.uid} de Marie Curie")
    assert [s.side.value for s in charters.now().signatures] == ["structure"]
    assert [path.read_bytes() for path in charters.pieces.iterdir()] == [signed.read_bytes()]
    assert not [path for path in charters.pieces.parent.iterdir() if path.name.startswith(".")]
    assert len(server.messages(DONE_FOLDER)) == 1
