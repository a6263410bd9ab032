"""Sending the outbox through a real SMTP server (aiosmtpd on 127.0.0.1) started by each test."""

import email
from datetime import datetime
from email import policy

import keyring
import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from keyring.backends.fail import Keyring as NoKeyring

from comite.exports.invitations import write_outbox
from comite.exports.smtp import SmtpConfig, password, send
from comite.store import MeetingInput
from comite.store.committee_models import Seat
from comite.store.errors import Refused
from tests.exports.invitation_setup import NOW, ORGANIZER, Member, add_committee
from tests.keyrings import MemoryKeyring
from tests.smtp_server import free_port

WINTER = datetime(2027, 1, 12, 18, 0)
SECRET = "s3cret-de-test"


@pytest.fixture
def written(tmp_path, make_meeting):
    return write_outbox(make_meeting([WINTER]), ORGANIZER, tmp_path / "envoi", NOW)


def config_for(controller, **fields) -> SmtpConfig:
    return SmtpConfig(host=controller.hostname, port=controller.port, security="none",
                      from_address="coordination@example.org", **fields)


def test_every_message_arrives_intact_without_its_draft_marker(smtp_server, written):
    controller, inbox = smtp_server()
    results = send(list(written.emails), config_for(controller))

    assert [r.path for r in results] == list(written.emails) and all(r.ok for r in results)
    assert all(datetime.fromisoformat(r.sent_at).tzinfo is not None for r in results)
    assert len(inbox.received) == 4
    for envelope, eml, ics in zip(inbox.received, written.emails, written.calendars, strict=True):
        sent = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
        arrived = email.message_from_bytes(envelope.content, policy=policy.default)
        assert envelope.mail_from == "coordination@example.org"
        assert envelope.rcpt_tos == [sent["To"].addresses[0].addr_spec]
        assert "X-Unsent" not in arrived and sent["X-Unsent"] == "1"
        assert arrived["Subject"] == sent["Subject"] and arrived["Message-ID"] == sent["Message-ID"]
        (calendar,) = [p for p in arrived.walk() if p.get_content_type() == "text/calendar"]
        assert calendar.get_param("method") == "REQUEST"
        assert calendar.get_payload(decode=True) == ics.read_bytes()
        (attachment,) = arrived.iter_attachments()
        assert attachment.get_payload(decode=True) == ics.read_bytes()


def test_a_refused_recipient_fails_alone_and_the_others_still_go(smtp_server, written):
    controller, inbox = smtp_server(refuse=("thi-hoa.nguyen@example.org",))
    results = send(list(written.emails), config_for(controller))

    failed = [r for r in results if not r.ok]
    assert [r.path.name for r in failed] == ["thi-hoa-nguyen.eml"]
    assert failed[0].error == "Le serveur a refusé l’adresse du destinataire."
    assert failed[0].sent_at is None and "nguyen" not in failed[0].error
    assert len(inbox.received) == 3


def test_a_closed_port_is_one_french_error_and_nothing_is_sent(written):
    port = free_port()  # nothing listens there any more
    with pytest.raises(Refused) as refused:
        send(list(written.emails), SmtpConfig(host="127.0.0.1", port=port, security="none"))
    assert refused.value.message == (
        f"Le serveur d’envoi 127.0.0.1:{port} a refusé la connexion : aucun service n’écoute sur ce port.")


def test_starttls_asked_of_a_server_without_it_is_refused_before_anything_is_sent(smtp_server, written):
    controller, inbox = smtp_server()
    with pytest.raises(Refused, match="ne propose pas STARTTLS"):
        send(list(written.emails), SmtpConfig(host=controller.hostname, port=controller.port,
                                              security="starttls"))
    assert inbox.received == []


def authenticator(server, session, envelope, mechanism, auth_data):
    good = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        b"coordination", SECRET.encode())
    return AuthResult(success=good, handled=False)  # handled=False: aiosmtpd answers 535 itself


def test_login_with_the_password_from_the_environment(smtp_server, written, monkeypatch):
    controller, inbox = smtp_server(authenticator=authenticator, auth_require_tls=False)
    monkeypatch.setenv("COMITE_SMTP_PASSWORD", SECRET)
    config = config_for(controller, username="coordination")

    assert password(config) == SECRET
    assert all(r.ok for r in send(list(written.emails), config))
    assert inbox.authenticated == [True] * 4


def test_a_wrong_password_is_refused_without_being_repeated(smtp_server, written, monkeypatch):
    controller, inbox = smtp_server(authenticator=authenticator, auth_require_tls=False)
    monkeypatch.setenv("COMITE_SMTP_PASSWORD", "mauvais-mot-de-passe")
    with pytest.raises(Refused) as refused:
        send(list(written.emails), config_for(controller, username="coordination"))
    assert "identifiant ou mot de passe incorrect" in refused.value.message
    assert "mauvais-mot-de-passe" not in refused.value.message and inbox.received == []


def test_a_login_without_any_password_says_where_to_put_it(smtp_server, written, monkeypatch,
                                                          restore_keyring):
    controller, _inbox = smtp_server()
    monkeypatch.delenv("COMITE_SMTP_PASSWORD", raising=False)
    keyring.set_keyring(NoKeyring())
    with pytest.raises(Refused, match="COMITE_SMTP_PASSWORD"):
        send(list(written.emails), config_for(controller, username="coordination"))


def test_the_password_comes_from_the_keyring_when_the_environment_has_none(monkeypatch, restore_keyring):
    monkeypatch.delenv("COMITE_SMTP_PASSWORD", raising=False)
    config = SmtpConfig(host="smtp.example.org", username="coordination")

    keyring.set_keyring(MemoryKeyring({("comite-smtp", "coordination"): SECRET}))
    assert password(config) == SECRET
    monkeypatch.setenv("COMITE_SMTP_PASSWORD", "prioritaire")
    assert password(config) == "prioritaire"
    monkeypatch.delenv("COMITE_SMTP_PASSWORD")
    keyring.set_keyring(NoKeyring())
    assert password(config) is None, "no keyring backend: no password, no crash"


def test_an_accented_mailbox_goes_as_smtputf8_where_the_server_allows_it(store, tmp_path, smtp_server):
    committee = add_committee(store, (Member("Bézier", "Hélène", "hélène.bezier@example.org", Seat.TITULAR),
                                      Member("Roux", "Paul", "paul.roux@example.org", Seat.TITULAR)),
                              name="Comité bis")
    meeting = store.meetings.create(committee, MeetingInput(title="Réunion"))
    store.meetings.add_slot(meeting.id, WINTER)
    store.meetings.open_poll(meeting.id)
    emails = list(write_outbox(store.meetings.detail(meeting.id), ORGANIZER, tmp_path / "envoi", NOW).emails)

    controller, inbox = smtp_server(enable_SMTPUTF8=True)
    assert all(r.ok for r in send(emails, config_for(controller)))
    assert sorted(e.rcpt_tos[0] for e in inbox.received) == [
        "hélène.bezier@example.org", "paul.roux@example.org"]

    plain, plain_inbox = smtp_server(enable_SMTPUTF8=False)
    results = {r.path.name: r for r in send(emails, config_for(plain))}
    assert results["paul-roux.eml"].ok
    assert results["helene-bezier.eml"].error == (
        "Le serveur n’accepte pas les adresses avec accents (SMTPUTF8).")
    assert [e.rcpt_tos for e in plain_inbox.received] == [["paul.roux@example.org"]]
