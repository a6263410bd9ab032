"""The inbox applies good files once, keeps stale and unknown answers apart, and waits for
files still being written."""

import hashlib
import logging
import os
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from comite.kernel.zones import DEFAULT_ZONE
from comite.store import MeetingInput
from comite.store.meeting_models import Answer, AnswerSource, PartStat, ReplyOutcome
from comite.sync import inbox as inbox_module
from comite.sync.inbox import Inbox, Outcome
from tests.sync.conftest import LATER, REPLIES, database_state, eml_bytes, reply_bytes, settle

JEANNE = "jeanne.dupont@example.org"


def drop(folder, name: str, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


def only(results):
    assert len(results) == 1, results
    return results[0]


def replies_outcomes(store) -> list[str]:
    return [row[0] for row in store.db.connection().execute("SELECT outcome FROM replies ORDER BY id")]


def test_an_outlook_reply_sets_the_vote_and_is_filed(poll, inbox, inbox_dir):
    data = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE)
    drop(inbox_dir, "Accepté Comité de printemps.ics", data)
    result = only(settle(inbox))
    assert (result.outcome, result.replies, result.meeting_id) == (
        Outcome.PROCESSED, (ReplyOutcome.APPLIED,), poll.meeting_id)
    assert result.reason == "Réponse de Jeanne Dupont pour « Comité de printemps » prise en compte : « Oui »."
    assert poll.answer("Jeanne", "janvier") is Answer.YES
    vote = poll.detail().vote(poll.invitees["Jeanne"].id, poll.slots["janvier"].id)
    assert vote.source is AnswerSource.CALENDAR
    assert os.listdir(inbox_dir / "processed") == ["Accepté Comité de printemps.ics"]
    assert not (inbox_dir / "Accepté Comité de printemps.ics").exists()
    seen = poll.store.inbox.seen(hashlib.sha256(data).hexdigest())
    assert (seen.outcome, seen.meeting_id, seen.reason) == ("processed", poll.meeting_id, result.reason)


def test_a_gmail_reply_with_a_mixed_case_address_and_a_comment(poll, inbox, inbox_dir):
    drop(inbox_dir, "invite.ics", reply_bytes("gmail-tentative-comment.ics", poll.slots["juillet"].uid,
                                              "Jeanne.DUPONT@Example.ORG"))
    assert only(settle(inbox)).replies == (ReplyOutcome.APPLIED,)
    vote = poll.detail().vote(poll.invitees["Jeanne"].id, poll.slots["juillet"].id)
    assert vote.answer is Answer.IF_NEED_BE
    assert vote.comment == "Je serai peut-être en retard, je sors du travail à 17 h 30."


def test_an_apple_reply_to_the_convocation_sets_the_participation(poll, inbox, inbox_dir):
    poll.store.meetings.choose_slot(poll.slots["juillet"].id)
    chosen = poll.store.meetings.slot(poll.slots["juillet"].id)
    drop(inbox_dir, "Refusé.ics", reply_bytes("apple-declined.ics", chosen.uid, "pierre.martin@example.org",
                                              chosen.sequence))
    assert only(settle(inbox)).replies == (ReplyOutcome.APPLIED,)
    pierre = next(i for i in poll.detail().invitees if i.id == poll.invitees["Pierre"].id)
    assert pierre.partstat is PartStat.DECLINED


def test_a_reply_inside_an_outlook_message(poll, inbox, inbox_dir):
    calendar = reply_bytes("outlook-accepted.ics", poll.slots["janvier-soir"].uid, JEANNE)
    drop(inbox_dir, "Accepté _ Comité de printemps.eml", eml_bytes(calendar, JEANNE))
    result = only(settle(inbox))
    assert (result.outcome, result.replies) == (Outcome.PROCESSED, (ReplyOutcome.APPLIED,))
    assert poll.answer("Jeanne", "janvier-soir") is Answer.YES


def test_an_older_reply_arriving_later_is_kept_but_does_not_overwrite(poll, inbox, inbox_dir):
    uid = poll.slots["janvier"].uid
    drop(inbox_dir, "nouvelle.ics", reply_bytes("apple-declined.ics", uid, JEANNE, 0, "20251105T080000Z"))
    assert only(settle(inbox)).replies == (ReplyOutcome.APPLIED,)
    drop(inbox_dir, "ancienne.ics", reply_bytes("outlook-accepted.ics", uid, JEANNE, 0, "20251101T080000Z"))
    result = only(settle(inbox))
    assert (result.outcome, result.replies) == (Outcome.PROCESSED, (ReplyOutcome.STALE,))
    assert "plus ancienne" in result.reason
    assert poll.answer("Jeanne", "janvier") is Answer.NO
    assert replies_outcomes(poll.store) == ["applied", "stale"]


def test_a_reply_to_an_earlier_version_of_the_slot_is_stale(poll, inbox, inbox_dir):
    moved = poll.store.meetings.update_slot(poll.slots["janvier"].id, datetime(2027, 1, 12, 18, 30))
    assert moved.sequence == 1
    drop(inbox_dir, "reponse.ics", reply_bytes("outlook-accepted.ics", moved.uid, JEANNE, 0))
    assert only(settle(inbox)).replies == (ReplyOutcome.STALE,)
    assert poll.answer("Jeanne", "janvier") is None
    drop(inbox_dir, "reponse-2.ics", reply_bytes("outlook-accepted.ics", moved.uid, JEANNE, 1))
    assert only(settle(inbox)).replies == (ReplyOutcome.APPLIED,)
    assert poll.answer("Jeanne", "janvier") is Answer.YES


def test_the_same_file_twice_is_applied_once(poll, inbox, inbox_dir):
    data = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE)
    drop(inbox_dir, "reponse.ics", data)
    settle(inbox)
    poll.store.meetings.record_vote(poll.invitees["Jeanne"].id, poll.slots["janvier"].id, Answer.NO)
    drop(inbox_dir, "reponse (copie).ics", data)
    result = only(settle(inbox))
    assert result.outcome is Outcome.PROCESSED
    assert result.reason.startswith("Déjà traité le ")
    assert "« reponse.ics »" in result.reason
    assert poll.answer("Jeanne", "janvier") is Answer.NO  # the phone answer given since stands
    assert replies_outcomes(poll.store) == ["applied"]
    assert sorted(os.listdir(inbox_dir / "processed")) == ["reponse (copie).ics", "reponse.ics"]


def test_an_unknown_sender_waits_for_the_coordinator(poll, inbox, inbox_dir):
    calendar = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, "j.dupont@example.net")
    drop(inbox_dir, "reponse.eml", eml_bytes(calendar, "secretariat@example.net"))
    before = poll.detail().votes
    result = only(settle(inbox))
    assert (result.outcome, result.replies) == (Outcome.PROCESSED, (ReplyOutcome.PENDING,))
    assert "j.dupont@example.net (message envoyé par secretariat@example.net)" in result.reason
    assert "attend votre accord" in result.reason
    (pending,) = poll.store.meetings.pending_replies(poll.meeting_id)
    assert (pending.attendee, pending.partstat) == ("j.dupont@example.net", "ACCEPTED")
    assert poll.detail().votes == before
    assert os.listdir(inbox_dir / "processed") == ["reponse.eml"]


def test_a_framadate_export_whose_names_are_all_known_is_imported(poll, inbox, inbox_dir):
    drop(inbox_dir, "comite-de-printemps.csv", (REPLIES / "framadate-all-known.csv").read_bytes())
    result = only(settle(inbox))
    assert result.outcome is Outcome.PROCESSED
    assert result.reason == ("Sondage Framadate importé dans « Comité de printemps » : 9 réponses de "
                             "3 personnes.")
    assert poll.answer("Sophie", "janvier") is Answer.IF_NEED_BE
    assert poll.answer("Pierre", "juillet") is Answer.YES
    assert {vote.source for vote in poll.detail().votes} == {AnswerSource.FRAMADATE}


def test_a_framadate_export_with_names_to_confirm_waits_for_the_meeting_screen(poll, inbox, inbox_dir):
    before = database_state(poll.store)
    drop(inbox_dir, "sondage.csv", (REPLIES / "framadate-export.csv").read_bytes())
    result = only(settle(inbox))
    assert (result.outcome, result.meeting_id) == (Outcome.QUARANTINED, poll.meeting_id)
    assert "correspond à « Comité de printemps »" in result.reason
    assert "3 noms demandent votre confirmation" in result.reason
    why = (inbox_dir / "quarantine" / "sondage.csv.why.txt").read_text(encoding="utf-8")
    assert "(touche i)" in why
    assert database_state(poll.store) == before


def test_a_framadate_export_matching_no_poll_or_two_polls_is_set_aside(poll, inbox, inbox_dir):
    data = (REPLIES / "framadate-all-known.csv").read_bytes().replace(b"13/07/2027", b"14/07/2027")
    drop(inbox_dir, "autre.csv", data)
    assert "Aucune réunion en cours de sondage" in only(settle(inbox)).reason
    store = poll.store
    twin = store.meetings.create(poll.detail().meeting.committee_id, MeetingInput(title="Jumelle"))
    for slot in poll.detail().slots:
        store.meetings.add_slot(twin.id, slot.starts_at.replace(tzinfo=None))
    store.meetings.open_poll(twin.id)
    drop(inbox_dir, "sondage.csv", (REPLIES / "framadate-all-known.csv").read_bytes())
    assert "Plusieurs réunions" in only(settle(inbox)).reason
    assert poll.detail().votes == ()


def test_a_name_already_in_processed_gets_a_suffix(poll, inbox, inbox_dir):
    (inbox_dir / "processed").mkdir()
    (inbox_dir / "processed" / "reponse.ics").write_bytes(b"earlier")
    drop(inbox_dir, "reponse.ics", reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    settle(inbox)
    assert (inbox_dir / "processed" / "reponse.ics").read_bytes() == b"earlier"
    assert (inbox_dir / "processed" / "reponse (2).ics").exists()


def test_a_file_is_taken_only_once_it_stopped_changing(poll, inbox, inbox_dir):
    data = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE)
    path = drop(inbox_dir, "reponse.ics", data[:300])
    # First sight: waiting, whatever its age. Written just now: still waiting.
    assert only(inbox.scan(now=time.time() + LATER)).outcome is Outcome.WAITING
    assert only(inbox.scan()).outcome is Outcome.WAITING
    path.write_bytes(data)  # the writer goes on: changed since the last scan
    assert only(inbox.scan(now=time.time() + LATER)).outcome is Outcome.WAITING
    assert path.exists() and not (inbox_dir / "quarantine").exists()
    assert only(inbox.scan(now=time.time() + LATER)).outcome is Outcome.PROCESSED
    assert poll.answer("Jeanne", "janvier") is Answer.YES


def test_an_old_file_found_at_start_still_needs_two_looks(poll, inbox, inbox_dir):
    data = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE)
    path = drop(inbox_dir, "reponse.ics", data)
    old = time.time() - 3600
    os.utime(path, (old, old))
    assert only(inbox.scan()).outcome is Outcome.WAITING
    assert only(inbox.scan()).outcome is Outcome.PROCESSED


@pytest.mark.parametrize("name", [
    ".syncthing.reponse.ics.tmp", "~syncthing~reponse.ics.tmp", "reponse.ics.part", ".~lock.sondage.csv#",
    "~$sondage.csv", "sondage.csv.crdownload", "reponse.tmp", ".DS_Store", "reponse.ics~",
])
def test_temporary_and_hidden_files_are_left_alone(inbox, inbox_dir, name):
    drop(inbox_dir, name, b"en cours")
    for _ in range(2):
        result = only(inbox.scan(now=time.time() + LATER))
        assert result.outcome is Outcome.IGNORED
    assert os.listdir(inbox_dir) == [name]


@pytest.mark.parametrize("name", [
    "reponse.sync-conflict-20261201-101500-ABCDEFG.ics",
    "reponse (conflicted copy 2026-12-01 101500).ics",
    "reponse (Jeanne Dupont's conflicted copy 2026-12-01).ics",
    "reponse_conflict-20261201-101500.ics",
])
def test_conflict_copies_are_quarantined_unread(poll, inbox, inbox_dir, name):
    drop(inbox_dir, name, reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    result = only(settle(inbox))
    assert result.outcome is Outcome.QUARANTINED
    assert result.reason.startswith("Copie de conflit de synchronisation")
    assert poll.answer("Jeanne", "janvier") is None
    assert (inbox_dir / "quarantine" / f"{name}.why.txt").exists()


def test_suffixes_are_whitelisted_whatever_their_case(poll, inbox, inbox_dir):
    drop(inbox_dir, "REPONSE.ICS", reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    drop(inbox_dir, "compte-rendu.pdf", b"%PDF-1.7\n")
    results = {result.name: result for result in settle(inbox)}
    assert results["REPONSE.ICS"].outcome is Outcome.PROCESSED
    assert results["compte-rendu.pdf"].outcome is Outcome.QUARANTINED
    assert results["compte-rendu.pdf"].reason.startswith("Type de fichier non pris en charge")


def test_links_are_set_aside_without_being_followed_and_folders_are_left(poll, inbox, inbox_dir, tmp_path):
    secret = tmp_path / "secret.ics"
    secret.write_bytes(reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    (inbox_dir / "lien.ics").symlink_to(secret)
    (inbox_dir / "archives").mkdir()
    result = only(settle(inbox))
    assert (result.name, result.outcome) == ("lien.ics", Outcome.QUARANTINED)
    assert "lien symbolique" in result.reason
    assert poll.answer("Jeanne", "janvier") is None
    assert secret.exists() and (inbox_dir / "archives").is_dir()


def test_a_file_refused_before_is_looked_at_again(poll, inbox, inbox_dir):
    data = (REPLIES / "framadate-export.csv").read_bytes()
    drop(inbox_dir, "sondage.csv", data)
    assert only(settle(inbox)).outcome is Outcome.QUARANTINED
    drop(inbox_dir, "sondage.csv", data)
    again = only(settle(inbox))
    assert again.outcome is Outcome.QUARANTINED and not again.reason.startswith("Déjà traité")
    assert sorted(os.listdir(inbox_dir / "quarantine")) == [
        "sondage (2).csv", "sondage (2).csv.why.txt", "sondage.csv", "sondage.csv.why.txt"]


def test_an_unexpected_error_sets_the_file_aside_says_nothing_personal_and_the_scan_goes_on(
        poll, inbox, inbox_dir, monkeypatch, caplog):
    real = inbox_module.apply_file

    def failing(store, name, data, **options):
        if name == "a-casse.ics":
            raise RuntimeError("jeanne.dupont@example.org a répondu : secret médical")
        return real(store, name, data, **options)

    monkeypatch.setattr(inbox_module, "apply_file", failing)
    data = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE)
    drop(inbox_dir, "a-casse.ics", data)
    good = reply_bytes("gmail-tentative-comment.ics", poll.slots["juillet"].uid, JEANNE)
    drop(inbox_dir, "b-bonne.ics", good)
    before = database_state(poll.store)
    with caplog.at_level(logging.ERROR, logger="comite.sync"):
        results = {result.name: result for result in settle(inbox)}
    broken = results["a-casse.ics"]
    assert broken.outcome is Outcome.QUARANTINED
    assert broken.reason == "Erreur inattendue pendant la lecture de ce fichier ; rien n’a été modifié."
    why = (inbox_dir / "quarantine" / "a-casse.ics.why.txt").read_text(encoding="utf-8")
    assert "jeanne" not in why and "secret" not in why and "jeanne" not in caplog.text
    assert "RuntimeError" in caplog.text
    assert results["b-bonne.ics"].outcome is Outcome.PROCESSED
    assert poll.answer("Jeanne", "janvier") is None and poll.answer("Jeanne", "juillet") is Answer.IF_NEED_BE
    assert before != database_state(poll.store)  # the good file did change it


def test_a_missing_folder_is_an_empty_scan(store, tmp_path):
    assert Inbox(tmp_path / "absent", store).scan() == []


def test_the_why_file_says_when_what_and_what_to_do(poll, inbox, inbox_dir):
    drop(inbox_dir, "programme.exe", b"MZ")
    settle(inbox)
    why = (inbox_dir / "quarantine" / "programme.exe.why.txt").read_text(encoding="utf-8").splitlines()
    assert why[0] == "Fichier : programme.exe"
    # The coordinator's wall clock (Paris), not the machine's: they differ around midnight UTC.
    assert why[1].startswith(f"Mis de côté le : {datetime.now(ZoneInfo(DEFAULT_ZONE)):%d/%m/%Y} à ")
    assert why[3].startswith("Pourquoi : Type de fichier non pris en charge")
    assert why[4].startswith("Que faire : ")


# ---- replies relayed by a CalDAV server (Apple's): the organizer listed among the attendees

PIERRE = "pierre.martin@example.org"


def rows(store, sql: str, *args) -> list[tuple]:
    return [tuple(row) for row in store.db.connection().execute(sql, args)]


def test_a_relayed_reply_records_the_one_who_answered_exactly_once(poll, inbox, inbox_dir):
    slot = poll.slots["janvier"]
    drop(inbox_dir, "Peut-être.ics",
         reply_bytes("apple-relayed-organizer.ics", slot.uid, PIERRE, slot.sequence))
    result = only(settle(inbox))
    assert (result.outcome, result.replies) == (Outcome.PROCESSED, (ReplyOutcome.APPLIED,))
    assert result.reason.startswith("Réponse de Pierre Martin pour « Comité de printemps » prise en compte")
    assert poll.answer("Pierre", "janvier") is Answer.IF_NEED_BE
    assert rows(poll.store, "SELECT attendee, partstat, outcome FROM replies") == [
        (PIERRE, "TENTATIVE", "applied")]
    assert rows(poll.store, "SELECT invitee_id FROM votes WHERE slot_id = ?", slot.id) == [
        (poll.invitees["Pierre"].id,)]


def test_an_organizer_who_is_also_invited_is_recognised_in_any_case_and_left_unanswered(
        poll, inbox, inbox_dir):
    # The coordinator invited themself (Sophie): the organizer's own ACCEPTED line must not count.
    slot = poll.slots["janvier"]
    data = reply_bytes("apple-relayed-organizer.ics", slot.uid, PIERRE, slot.sequence)
    data = data.replace(b"mailto:coordination@example.org", b"MAILTO:sophie.nguyen@example.org", 1)
    data = data.replace(b"coordination@example.org", b"Sophie.Nguyen@Example.ORG")
    assert b"coordination" not in data
    drop(inbox_dir, "relayee.ics", data)
    assert only(settle(inbox)).replies == (ReplyOutcome.APPLIED,)
    assert poll.answer("Pierre", "janvier") is Answer.IF_NEED_BE
    assert poll.answer("Sophie", "janvier") is None
    assert rows(poll.store, "SELECT attendee FROM replies") == [(PIERRE,)]


def test_the_coordinator_address_from_the_settings_is_the_organizer_when_the_reply_names_none(
        poll, inbox_dir):
    poll.store.meetings.choose_slot(poll.slots["juillet"].id)
    chosen = poll.store.meetings.slot(poll.slots["juillet"].id)
    data = reply_bytes("apple-relayed-organizer.ics", chosen.uid, PIERRE, chosen.sequence)
    data = data.replace(b"\r\nORGANIZER;", b"\r\nX-WAS-ORGANIZER;")  # no ORGANIZER left in the reply
    assert b"\nORGANIZER" not in data
    drop(inbox_dir, "sans-organisateur.ics", data)
    assert "plusieurs personnes" in only(settle(Inbox(inbox_dir, poll.store))).reason
    drop(inbox_dir, "sans-organisateur.ics", data)
    inbox = Inbox(inbox_dir, poll.store, organizers=["Coordination@Example.org"])
    result = only(settle(inbox))
    assert (result.outcome, result.replies) == (Outcome.PROCESSED, (ReplyOutcome.APPLIED,))
    pierre = next(i for i in poll.detail().invitees if i.id == poll.invitees["Pierre"].id)
    assert pierre.partstat is PartStat.TENTATIVE
