"""Every hostile file of tests/data/hostile/inbox: a French reason, the database unchanged,
and a scanner that still works afterwards."""

import hashlib
import os
import time

import pytest

from comite.store.meeting_models import Answer
from comite.sync.inbox import Outcome
from tests.sync.conftest import HOSTILE, LATER, database_state, fill, reply_bytes, settle

JEANNE = "jeanne.dupont@example.org"

QUARANTINED = {
    "truncated.ics": "illisible ou incomplet",
    "bad-dtstamp.ics": "La date d’envoi (DTSTAMP) de cette réponse d’agenda est invalide",
    "not-utf8.ics": "n’est pas encodé en UTF-8",
    "photo.ics": "pas un fichier d’agenda",
    "notes.ics": "pas un fichier d’agenda",
    "unknown-uid.ics": "Réponse à une invitation inconnue",
    "request.ics": "une invitation (REQUEST)",
    "two-attendees.ics": "plusieurs personnes",
    "relayed-two-attendees.ics": "parle pour plusieurs personnes à la fois (2)",
    "no-calendar.eml": "Ce message ne contient pas de réponse d’agenda",
    "formula-injection.csv": "caractère de formule de tableur",
    "excel-cp1252.csv": "Windows-1252",
    "excel-utf16.csv": "UTF-16",
    "missing-columns.csv": "le fichier semble incomplet ou modifié",
    "no-dates.csv": "sa première ligne devrait porter les dates",
    "framadate-english-retyped-date.csv": "Cet export est en anglais : Framadate y écrit le mois "
                                          "d’abord, mais la colonne 4 porte « 13/07/2027 »",
    "reponse-jeanne (conflicted copy 2026-12-01 101500).ics": "Copie de conflit de synchronisation",
    "agenda-setup.exe": "Type de fichier non pris en charge",
    "reponse-outlook.msg": "Message Outlook (.msg)",
}
UNREAD = {"reponse-jeanne (conflicted copy 2026-12-01 101500).ics", "agenda-setup.exe",
          "reponse-outlook.msg"}
TO_THE_MEETING_SCREEN = {"formula-injection.csv", "excel-cp1252.csv"}


def hostile(name: str, poll) -> bytes:
    data = (HOSTILE / name).read_bytes()
    if b"{{" not in data:
        return data
    return fill(data, UID=poll.slots["janvier"].uid, EMAIL=JEANNE)


def still_works(poll, inbox, inbox_dir) -> None:
    (inbox_dir / "ensuite.ics").write_bytes(
        reply_bytes("gmail-tentative-comment.ics", poll.slots["juillet"].uid, JEANNE))
    (result,) = [result for result in settle(inbox) if result.name == "ensuite.ics"]
    assert result.outcome is Outcome.PROCESSED
    assert poll.answer("Jeanne", "juillet") is Answer.IF_NEED_BE


def test_the_readme_lists_every_hostile_file():
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    for path in HOSTILE.iterdir():
        if path.name != "README.md":
            assert f"`{path.name}`" in readme, path.name
    assert set(QUARANTINED) | {"unknown-tzid.ics", ".syncthing.reponse-jeanne.ics.tmp", "README.md"} == {
        path.name for path in HOSTILE.iterdir()}


@pytest.mark.parametrize("name", sorted(QUARANTINED))
def test_a_hostile_file_is_quarantined_with_a_french_reason_and_changes_nothing(poll, inbox, inbox_dir, name):
    data = hostile(name, poll)
    (inbox_dir / name).write_bytes(data)
    before = database_state(poll.store)
    (result,) = settle(inbox)
    assert result.outcome is Outcome.QUARANTINED
    assert QUARANTINED[name] in result.reason
    assert not (inbox_dir / name).exists()
    assert (inbox_dir / "quarantine" / name).read_bytes() == data
    why = (inbox_dir / "quarantine" / f"{name}.why.txt").read_text(encoding="utf-8")
    assert f"Pourquoi : {result.reason}" in why and "Que faire : " in why
    if name in TO_THE_MEETING_SCREEN:
        assert "(touche i)" in why and result.meeting_id == poll.meeting_id
    assert database_state(poll.store) == before
    seen = poll.store.inbox.seen(hashlib.sha256(data).hexdigest())
    if name in UNREAD:
        assert seen is None
    else:
        assert (seen.outcome, seen.reason) == ("quarantined", result.reason)
    still_works(poll, inbox, inbox_dir)


def test_an_unknown_time_zone_does_not_stop_a_reply(poll, inbox, inbox_dir):
    (inbox_dir / "unknown-tzid.ics").write_bytes(hostile("unknown-tzid.ics", poll))
    (result,) = settle(inbox)
    assert result.outcome is Outcome.PROCESSED
    assert poll.answer("Jeanne", "janvier") is Answer.YES


def test_a_syncthing_temporary_file_is_ignored(poll, inbox, inbox_dir):
    name = ".syncthing.reponse-jeanne.ics.tmp"
    (inbox_dir / name).write_bytes(hostile(name, poll))
    before = database_state(poll.store)
    results = settle(inbox)
    assert [(result.name, result.outcome) for result in results] == [(name, Outcome.IGNORED)] * 2
    assert os.listdir(inbox_dir) == [name]
    assert database_state(poll.store) == before
    still_works(poll, inbox, inbox_dir)


def test_a_20_megabyte_file_is_quarantined_without_being_read(poll, inbox, inbox_dir):
    big = inbox_dir / "enorme.ics"
    with open(big, "wb") as handle:  # sparse: 20 MB on paper, nothing on disk
        handle.truncate(20 * 1024 * 1024)
    before = database_state(poll.store)
    (result,) = settle(inbox)
    assert result.outcome is Outcome.QUARANTINED
    assert result.reason == "Fichier trop gros (20 Mo, limite 5 Mo) : il n’a pas été lu."
    assert (inbox_dir / "quarantine" / "enorme.ics.why.txt").exists()
    assert database_state(poll.store) == before
    still_works(poll, inbox, inbox_dir)


def test_a_file_still_being_written_waits_and_is_not_quarantined(poll, inbox, inbox_dir):
    data = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE)
    path = inbox_dir / "lente.ics"
    with open(path, "wb") as writer:
        writer.write(data[: len(data) // 2])
        writer.flush()
        for _scan in range(3):  # just written: never settled, whatever the number of scans
            (result,) = inbox.scan()
            assert result.outcome is Outcome.WAITING
        writer.write(data[len(data) // 2:])
    assert not (inbox_dir / "quarantine").exists()
    inbox.scan(now=time.time() + LATER)
    (result,) = inbox.scan(now=time.time() + LATER)
    assert result.outcome is Outcome.PROCESSED
    assert poll.answer("Jeanne", "janvier") is Answer.YES
