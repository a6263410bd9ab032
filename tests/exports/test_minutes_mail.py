"""The minutes sent to the members (issue 15): an e-mail per member with an address, through a
real SMTP server on 127.0.0.1, its PDFs read back with pypdf; a batch of letters to print for
the members without, whose pages are those the others receive; never the same status twice to
the same person."""

import io
from datetime import UTC, date, datetime
from email import message_from_bytes, policy

import pypdf
import pytest

from comite.store.memberships import MembershipInput
from comite.store.minutes_models import Channel, MinutesStatus
from comite.usecases.minutes_mail import prepare_minutes_mail, send_minutes_mail
from comite.usecases.settings import Settings
from tests.example_store import TODAY, edit
from tests.exports.pdf_pages import assert_renders_well, flat, texts

HELD = "Comité des usagers — bilan de l’année"  # held on 9 October 2026
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
REMARKS = date(2026, 12, 8)
EASY_MARK = "Ce que nous avons décidé"  # the easy-to-read version's first heading


@pytest.fixture
def meeting(example):
    """The held meeting, with one member reading the easy-to-read version by e-mail, and two
    reached on paper: one who asked for it too, one who did not."""
    held = next(m for m in example.meetings.all() if m.title == HELD)
    recipients = example.minutes_mail.recipients(held.id)
    by_email = [r for r in recipients if r.email]
    edit(example, by_email[0].person_id, easy_read=True)
    edit(example, by_email[1].person_id, email="")
    for r in recipients:
        if not r.email:
            edit(example, r.person_id, easy_read=True)
    example.minutes.circulate(held.id, REMARKS, today=TODAY)
    return held


def settings_for(tmp_path, controller=None) -> Settings:
    server = {} if controller is None else {
        "smtp_host": controller.hostname, "smtp_port": str(controller.port), "smtp_security": "none"}
    return Settings(outbox=str(tmp_path / "envoi"), exports=str(tmp_path / "exports"),
                    coordinator_name="Claire Martin", coordinator_email="coordination@example.org",
                    coordinator_phone="04 65 71 20 10", **server)


def first_page(path) -> bytes:
    """The cover letter alone, to render: a blank back would fail « each page shows something »."""
    writer = pypdf.PdfWriter()
    writer.add_page(pypdf.PdfReader(path).pages[0])
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()


def attachments(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}


def test_circulated_minutes_reach_every_member_with_an_address(example, meeting, tmp_path,
                                                               smtp_server):
    controller, inbox = smtp_server()
    settings = settings_for(tmp_path, controller)
    recipients = example.minutes_mail.recipients(meeting.id)
    by_email = {r.email: r for r in recipients if r.email}

    result = prepare_minutes_mail(example, meeting.id, settings, now=NOW)
    results = send_minutes_mail(example, meeting.id, list(result.emails), settings)
    coordinator = example.structures.committee_coordinator(meeting.committee_id)

    assert len(result.emails) == len(by_email) == len(inbox.received) and all(r.ok for r in results)
    assert sorted(e.rcpt_tos[0] for e in inbox.received) == sorted(by_email)
    assert result.folder.parent.name == "2026-10-09-comite-des-usagers-bilan-de-lannee"
    for envelope in inbox.received:
        person = by_email[envelope.rcpt_tos[0]]
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert message["Subject"] == f"Compte rendu à relire : {HELD} — 9 octobre 2026"
        assert "X-Unsent" not in message
        text = message.get_body(("plain",)).get_content()
        assert f"Bonjour {person.name}," in text
        assert "pour vos remarques jusqu’au 8 décembre 2026" in text
        # From the MSP's coordinator, not from the settings.
        assert message["From"].addresses[0].addr_spec == coordinator.email
        assert coordinator.phone in text and "04 65 71 20 10" not in text
        files = attachments(message)
        full = files.pop("compte-rendu-comite-des-usagers-bilan-de-lannee.pdf")
        assert "Diffusé pour remarques jusqu’au 8 décembre 2026" in flat(" ".join(texts(full)))
        assert EASY_MARK not in flat(" ".join(texts(full)))
        if person.easy_read:
            easy = files.pop("compte-rendu-facile-comite-des-usagers-bilan-de-lannee.pdf")
            assert EASY_MARK in flat(" ".join(texts(easy)))
            assert "version facile à lire" in text
        assert files == {}, "nothing else attached"
    assert sum(r.easy_read for r in by_email.values()) == 1
    sent = [m for m in example.minutes_mail.messages(meeting.id) if m.channel is Channel.EMAIL]
    assert len(sent) == len(by_email) and all(m.sent_at for m in sent)


def test_the_members_without_email_get_the_same_pages_on_paper(example, meeting, tmp_path):
    result = prepare_minutes_mail(example, meeting.id, settings_for(tmp_path), now=NOW)
    on_paper = [r for r in example.minutes_mail.recipients(meeting.id) if not r.email]
    assert len(on_paper) == 2 and [r.easy_read for r in on_paper].count(True) == 1
    assert result.on_paper == tuple(r.name for r in on_paper)
    assert result.letters == result.folder / "lettres-diffuse.pdf"
    full = texts(result.folder / "compte-rendu-comite-des-usagers-bilan-de-lannee.pdf")
    easy = texts(result.folder / "compte-rendu-facile-comite-des-usagers-bilan-de-lannee.pdf")
    # The message attached to the e-mails carries these very files.
    eml = message_from_bytes(result.emails[0].read_bytes(), policy=policy.default)
    assert texts(next(iter(attachments(eml).values()))) == full

    pages = texts(result.letters)
    start = 0
    coordinator = example.structures.committee_coordinator(meeting.committee_id)
    for person in on_paper:
        letter = flat(pages[start])
        assert f"Bonjour {person.name}," in letter
        assert "Une remarque ? Dites-la-nous avant le 8 décembre 2026" in letter
        # The MSP's coordinator signs and answers, not the coordinator of the settings.
        assert f"appelez {coordinator.name} au {coordinator.phone}" in letter
        assert f"par la poste, à l’attention de {coordinator.name}" in letter
        assert "Comité des usagers" in letter
        # The structure's letterhead, as on every letter (the example MSP's address).
        assert "MSP des Tilleuls" in letter and "12 rue des Tilleuls" in letter
        part = [full] + ([easy] if person.easy_read else [])
        length = 1 + sum(len(document) for document in part)
        assert pages[start + 1:start + length] == [page for document in part for page in document]
        assert ("version facile à lire" in letter) is person.easy_read
        if length % 2:
            assert pages[start + length].strip() == "", "a blank back: the next starts a sheet"
            length += 1
        start += length
    assert start == len(pages), "one part per member without e-mail, nothing else"
    assert assert_renders_well(first_page(result.letters), tmp_path, "lettre") == 1
    [record] = {m.file_name for m in example.minutes_mail.messages(meeting.id)
                if m.channel is Channel.PAPER}
    assert record == "lettres-diffuse.pdf"


def test_preparing_again_never_sends_the_same_status_twice(example, meeting, tmp_path,
                                                           smtp_server):
    controller, inbox = smtp_server()
    settings = settings_for(tmp_path, controller)
    first = prepare_minutes_mail(example, meeting.id, settings, now=NOW)
    send_minutes_mail(example, meeting.id, list(first.emails), settings)
    received = len(inbox.received)

    again = prepare_minutes_mail(example, meeting.id, settings, now=NOW)
    assert (again.emails, again.letters, again.on_paper) == ((), None, ())
    assert sorted(p.name for p in again.folder.iterdir()) == sorted(
        [p.name for p in first.emails] + ["lettres-diffuse.pdf",
                                          "compte-rendu-comite-des-usagers-bilan-de-lannee.pdf",
                                          "compte-rendu-facile-comite-des-usagers-bilan-de-lannee.pdf"])

    # Someone who joins the committee's record of that day (a member forgotten) gets it alone.
    newcomer = next(p for p in range(25, 41) if example.people.get(p).email)
    example.memberships.add(meeting.committee_id, newcomer, MembershipInput())
    late = prepare_minutes_mail(example, meeting.id, settings, now=NOW)
    assert len(late.emails) == 1 and late.letters is None
    assert late.emails[0].name.startswith("diffuse-")
    send_minutes_mail(example, meeting.id, list(late.emails), settings)
    assert len(inbox.received) == received + 1
    assert inbox.received[-1].rcpt_tos == [example.people.get(newcomer).email]


def test_adopted_minutes_go_again_and_what_was_not_sent_before_is_taken_away(
        example, meeting, tmp_path, smtp_server):
    circulated = prepare_minutes_mail(example, meeting.id, settings_for(tmp_path), now=NOW)
    assert circulated.emails and all(m.sent_at is None for m in example.minutes_mail.messages(
        meeting.id) if m.channel is Channel.EMAIL), "no server: they wait in the outbox"

    example.minutes.adopt(meeting.id)
    controller, inbox = smtp_server()
    settings = settings_for(tmp_path, controller)
    adopted = prepare_minutes_mail(example, meeting.id, settings, now=NOW)
    send_minutes_mail(example, meeting.id, list(adopted.emails), settings)

    names = sorted(p.name for p in adopted.folder.iterdir())
    assert not [n for n in names if n.startswith("diffuse-")], "the unsent « pour remarques »"
    assert "lettres-adopte.pdf" in names and "lettres-diffuse.pdf" not in names
    assert len(inbox.received) == len(circulated.emails)
    message = message_from_bytes(inbox.received[0].content, policy=policy.default)
    assert message["Subject"].startswith("Compte rendu adopté : ")
    assert "a été adopté" in message.get_body(("plain",)).get_content()
    full = attachments(message)["compte-rendu-comite-des-usagers-bilan-de-lannee.pdf"]
    assert "Adopté" in flat(" ".join(texts(full)))
    assert "Diffusé pour remarques" not in flat(" ".join(texts(full)))
    letter = flat(texts(adopted.letters)[0])
    assert "a été adopté par le comité" in letter and "Une remarque ?" not in letter
    statuses = {(m.status, m.channel) for m in example.minutes_mail.messages(meeting.id)}
    assert statuses == {(s, c) for s in (MinutesStatus.CIRCULATED, MinutesStatus.ADOPTED)
                        for c in Channel}


def test_the_same_message_written_twice_is_the_same_file(example, meeting, tmp_path):
    settings = settings_for(tmp_path)
    first = prepare_minutes_mail(example, meeting.id, settings, now=NOW)
    before = {p.name: p.read_bytes() for p in first.emails}
    again = prepare_minutes_mail(example, meeting.id, settings, now=NOW)
    assert {p.name: p.read_bytes() for p in again.emails} == before
    assert all(b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
               for data in before.values()), "CRLF line ends only"


def test_draft_minutes_are_not_sent(example, tmp_path):
    from comite.store import Refused

    held = next(m for m in example.meetings.all() if m.title == HELD)
    with pytest.raises(Refused, match="brouillon"):
        prepare_minutes_mail(example, held.id, settings_for(tmp_path))
    assert not (tmp_path / "envoi").exists()


def test_without_a_coordinator_address_nothing_is_written(example, meeting, tmp_path):
    """Neither the MSP's coordinator nor the settings have an e-mail: nothing leaves."""
    from comite.store import Refused

    coordinator = example.structures.committee_coordinator(meeting.committee_id)
    edit(example, coordinator.person_id, email="")
    settings = Settings(outbox=str(tmp_path / "envoi"), coordinator_name="Claire Martin")
    with pytest.raises(Refused, match="adresse e-mail de coordination"):
        prepare_minutes_mail(example, meeting.id, settings)
    assert example.minutes_mail.messages(meeting.id) == []


def test_erasing_a_member_sweeps_their_minutes_email_and_lists_the_shared_pages(
        example, meeting, tmp_path):
    from comite.usecases.privacy import erase_person

    settings = settings_for(tmp_path)
    circulated = prepare_minutes_mail(example, meeting.id, settings, now=NOW)
    example.minutes.adopt(meeting.id)
    adopted = prepare_minutes_mail(example, meeting.id, settings, now=NOW)
    person = next(r for r in example.minutes_mail.recipients(meeting.id) if r.email)
    theirs = next(p for p in adopted.emails if p.name.startswith("adopte-")
                  and person.email.encode() in p.read_bytes())
    others = [p for p in adopted.emails if p != theirs]
    assert circulated.folder == adopted.folder

    summary = erase_person(example, settings, person.person_id)

    assert theirs in summary.removed and not theirs.exists()
    assert all(p.exists() for p in others), "the others' messages stay"
    assert adopted.letters in summary.collective, "a batch that names them: made again"
    assert person.person_id not in {r.person_id for r in example.minutes_mail.recipients(meeting.id)}
    assert person.person_id not in {m.person_id for m in example.minutes_mail.messages(meeting.id)}


def test_the_access_report_says_the_preference_and_the_minutes_sent(example, meeting, tmp_path):
    from comite.exports.pdf.access_report import render_access_pdf

    prepare_minutes_mail(example, meeting.id, settings_for(tmp_path), now=NOW)
    reader_ = next(r for r in example.minutes_mail.recipients(meeting.id)
                   if r.email and r.easy_read)
    report = example.privacy.access_report(reader_.person_id)
    assert report["personne"]["documents_faciles_a_lire"] is True
    assert report["comptes_rendus_envoyes"] == [{
        "reunion": HELD, "comite": "Comité des usagers", "version": "Diffusé pour remarques",
        "par": "E-mail", "prepare_le": "2026-11-23T09:30:00+00:00", "envoye_le": None}]
    text = flat(" ".join(texts(render_access_pdf(report, "Claire Martin"))))
    assert "Documents faciles à lire oui" in text
    assert "Comptes rendus qui vous ont été adressés" in text
    assert "pas encore envoyé" in text
