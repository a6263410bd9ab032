"""Faults of the machine stop a scan of the inbox with a French message and nothing half done:
a full database, one kept busy, a folder the files cannot be moved into."""

import errno
import os
import sqlite3
import threading
import time

import pytest

from comite.store import db as db_module
from comite.store import open_store
from comite.sync import inbox as inbox_module
from comite.sync import inbox_files
from comite.sync.errors import InboxFault
from comite.sync.inbox import Inbox, InboxScanner, Outcome
from comite.sync.watcher import scan_until_settled
from tests.sync.conftest import database_state, reply_bytes, reply_files, settle

JEANNE = "jeanne.dupont@example.org"
LEFT = "Les fichiers restants attendent dans la boîte de réception."


def replies(store) -> int:
    return store.db.connection().execute("SELECT count(*) FROM replies").fetchone()[0]


def audit_lines(store) -> int:
    return store.db.connection().execute(
        "SELECT count(*) FROM audit_log WHERE action = 'reply'").fetchone()[0]


# ---- the database ---------------------------------------------------------------------------


def test_a_full_database_stops_the_scan_and_the_rest_is_applied_once_room_is_made(poll, inbox, inbox_dir):
    """SQLITE_FULL (here PRAGMA max_page_count, as a full disk would): once, not « waiting » at
    every scan; what went through before it is told; after that, nothing is applied twice."""
    names = reply_files(poll, inbox_dir, 40)
    conn = poll.store.db.connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(InboxFault) as raised:
        settle(inbox)
    fault = raised.value
    assert "« reponse-" in fault.message and " : le disque est plein. Rien de ce fichier n’a été " \
        "appliqué ; les fichiers restants attendent dans la boîte de réception." in fault.message
    done = [result.name for result in fault.news]
    assert 0 < len(done) < 40 and {result.outcome for result in fault.news} == {Outcome.PROCESSED}
    assert replies(poll.store) == audit_lines(poll.store) == len(done)
    assert sorted(os.listdir(inbox_dir / "processed")) == done
    assert poll.store.integrity() == []

    conn.execute("PRAGMA max_page_count = 1073741823")  # room made
    rest = settle(inbox)
    assert sorted(done + [result.name for result in rest]) == names
    assert replies(poll.store) == audit_lines(poll.store) == 40
    assert sorted(os.listdir(inbox_dir / "processed")) == names


def test_a_database_kept_busy_is_waited_for_a_while_then_said(poll, inbox_dir, monkeypatch):
    """Busy is the one fault worth another try, and only for `busy_seconds`: `comite sync
    --once` (scan_until_settled) then ends instead of waiting for ever."""
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 20)
    store = open_store(poll.store.path)  # its connections wait 20 ms for the lock
    holder = sqlite3.connect(poll.store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    data = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE)
    (inbox_dir / "reponse.ics").write_bytes(data)
    os.utime(inbox_dir / "reponse.ics", (time.time() - 60, time.time() - 60))
    inbox = Inbox(inbox_dir, store, busy_seconds=0.3)
    told = []
    began = time.monotonic()
    try:
        with pytest.raises(InboxFault) as raised:
            scan_until_settled(InboxScanner(inbox, poll=0.02), told.append, threading.Event())
        assert 0.3 <= time.monotonic() - began < 5
        assert raised.value.message == (
            "La base de données reste occupée par un autre programme (plus de 1 seconde) : "
            "« reponse.ics » n’a pas été lu et rien n’en a été appliqué. Réessayez dans un moment ; "
            + LEFT[0].lower() + LEFT[1:])
        assert told == [] and os.listdir(inbox_dir) == ["reponse.ics"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    scan_until_settled(InboxScanner(inbox, poll=0.02), told.append, threading.Event())
    assert [[result.outcome for result in results] for results in told] == [[Outcome.PROCESSED]]
    assert replies(poll.store) == 1
    store.close()


# ---- the folders ----------------------------------------------------------------------------


def test_a_processed_folder_that_is_a_file_stops_the_scan_before_anything_is_applied(
        poll, inbox, inbox_dir):
    """A check that holds as root too (chmod does not stop root): nothing can be moved into
    processed/, so nothing is applied that would then be stuck in the inbox."""
    (inbox_dir / "processed").write_text("un fichier, pas un dossier", encoding="utf-8")
    (inbox_dir / "reponse.ics").write_bytes(
        reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    before = database_state(poll.store)
    for _attempt in range(2):  # and the same again at the next scan: never « erreur inattendue »
        with pytest.raises(InboxFault) as raised:
            settle(inbox)
        assert raised.value.message == (
            f"« reponse.ics » n’a pas pu être rangé dans {inbox_dir / 'processed'} : un élément du "
            f"chemin n’est pas un dossier. Rien de ce fichier n’a été appliqué. {LEFT}")
    assert database_state(poll.store) == before
    assert poll.store.inbox.recent() == []
    assert sorted(os.listdir(inbox_dir)) == ["processed", "reponse.ics"]


@pytest.mark.skipif(os.geteuid() == 0, reason="as root (here os.geteuid() == 0), chmod does not "
                    "make a folder read-only; the test above makes the same point as root")
def test_a_read_only_inbox_folder_stops_the_scan_before_anything_is_applied(poll, inbox, inbox_dir):
    (inbox_dir / "reponse.ics").write_bytes(
        reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    before = database_state(poll.store)
    inbox_dir.chmod(0o555)
    try:
        with pytest.raises(InboxFault) as raised:
            settle(inbox)
    finally:
        inbox_dir.chmod(0o755)
    assert raised.value.message.startswith("« reponse.ics » n’a pas pu être rangé dans ")
    assert "l’accès est refusé" in raised.value.message
    assert database_state(poll.store) == before


def test_a_move_that_fails_once_applied_is_said_and_never_applied_again(
        poll, inbox, inbox_dir, monkeypatch):
    real = inbox_files.move_into

    def full(path, folder):
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / path.name))

    monkeypatch.setattr(inbox_files, "move_into", full)
    (inbox_dir / "reponse.ics").write_bytes(
        reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    with pytest.raises(InboxFault) as raised:
        settle(inbox)
    assert raised.value.message == (
        f"« reponse.ics » n’a pas pu être rangé dans {inbox_dir / 'processed'} : le disque est "
        f"plein. Il a bien été pris en compte, et ne le sera pas une seconde fois. {LEFT}")
    assert replies(poll.store) == 1
    monkeypatch.setattr(inbox_files, "move_into", real)
    monkeypatch.setattr(inbox_module, "FILING_GRACE_SECONDS", -10.0)
    (again,) = settle(inbox)
    assert again.reason.startswith("Déjà traité le ")
    assert replies(poll.store) == 1
    assert os.listdir(inbox_dir / "processed") == ["reponse.ics"]
