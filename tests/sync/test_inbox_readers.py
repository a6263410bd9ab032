"""Several readers of one inbox (the app's watcher, `comite sync --once`, another one): each file
is applied once, told once, filed once, whatever their timing."""

import hashlib
import os
import threading

from comite.store import open_store
from comite.store.inbox import PROCESSED
from comite.sync import inbox as inbox_module
from comite.sync.inbox import Inbox, InboxResult, Outcome
from tests.sync.conftest import reply_bytes, reply_files, settle

JEANNE = "jeanne.dupont@example.org"


def counts(store) -> tuple[int, int, int]:
    """Replies recorded, their audit lines, files remembered as applied."""
    conn = store.db.connection()
    return (conn.execute("SELECT count(*) FROM replies").fetchone()[0],
            conn.execute("SELECT count(*) FROM audit_log WHERE action = 'reply'").fetchone()[0],
            conn.execute("SELECT count(*) FROM inbox_files WHERE outcome = ?", (PROCESSED,)).fetchone()[0])


def test_two_readers_at_once_apply_each_of_200_replies_once(poll, inbox_dir):
    """Two threads, each with its own Store and connection, as the app's watcher and `comite
    sync --once` are: before, 1 to 12 replies of 200 were recorded twice and both said « traité »."""
    names = reply_files(poll, inbox_dir, 200)
    start = threading.Barrier(2)
    told: dict[str, list[InboxResult]] = {}
    failures: list[BaseException] = []

    def read(reader: str) -> None:
        store = open_store(poll.store.path)
        try:
            inbox = Inbox(inbox_dir, store)
            start.wait()
            told[reader] = settle(inbox)
        except BaseException as error:  # said below, with the other reader's outcome
            failures.append(error)
        finally:
            store.close()

    readers = [threading.Thread(target=read, args=(name,)) for name in ("app", "cli")]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(60)
    assert failures == [] and sorted(told) == ["app", "cli"], "both readers end cleanly"
    results = told["app"] + told["cli"]
    shares = {reader: len(results) for reader, results in told.items()}
    assert sorted(result.name for result in results) == names, f"each file told once {shares}"
    assert {result.outcome for result in results} == {Outcome.PROCESSED}
    assert not [result for result in results if result.reason.startswith("Déjà traité")]
    assert counts(poll.store) == (200, 200, 200), shares
    assert os.listdir(inbox_dir) == ["processed"]
    assert sorted(os.listdir(inbox_dir / "processed")) == names
    assert poll.store.integrity() == []


def test_a_file_another_reader_just_applied_is_left_to_it_then_filed_as_done(
        poll, inbox, inbox_dir, monkeypatch):
    """Between the other reader's commit and its move, the file is still in the inbox: it is
    neither applied again nor told. Had that reader died there, it is filed a moment later."""
    data = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE)
    (inbox_dir / "reponse.ics").write_bytes(data)
    poll.store.inbox.remember(hashlib.sha256(data).hexdigest(), "reponse.ics", len(data), PROCESSED)
    assert settle(inbox) == []
    assert os.listdir(inbox_dir) == ["reponse.ics"]

    monkeypatch.setattr(inbox_module, "FILING_GRACE_SECONDS", -10.0)  # that moment has passed
    (result,) = settle(inbox)
    assert (result.outcome, result.reason[:13]) == (Outcome.PROCESSED, "Déjà traité l")
    assert os.listdir(inbox_dir / "processed") == ["reponse.ics"]
    assert counts(poll.store) == (0, 0, 1), "never applied: it was remembered by hand here"
