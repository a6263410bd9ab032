"""Schema V13 → V14 (replies from the mailbox): the example data written under V13 opens
migrated, every row still there, the inbox's files kept as the folder's; a message is then known
by its Message-ID as well as its bytes, and a mailbox's reading mark is kept."""

import sqlite3
from datetime import date

import pytest

from comite.store import open_store
from comite.store.demo import fill_small
from comite.store.inbox import MAILBOX, PROCESSED, QUARANTINED
from comite.store.migrations import LATEST
from tests.store.older_schema import as_version, columns, row_counts

TODAY = date(2026, 12, 4)


@pytest.fixture
def v13(tmp_path):
    source, old = tmp_path / "v14.sqlite", tmp_path / "v13.sqlite"
    store = open_store(source)
    try:
        fill_small(store, TODAY)
        store.inbox.remember("a" * 64, "reponse.ics", 812, PROCESSED, "Réponse prise en compte.")
    finally:
        store.close()
    as_version(source, old, 13)
    return old


def test_v13_opens_as_v14_with_every_row_and_the_folder_as_source(v13):
    assert not {"message_id", "source"} & columns(v13, "inbox_files")
    before = row_counts(v13)
    store = open_store(v13)
    try:
        assert store.schema_version() == LATEST >= 14
        assert store.integrity() == []
        entry = store.inbox.seen("a" * 64)
        assert (entry.name, entry.source, entry.message_id) == ("reponse.ics", "folder", "")
        assert store.inbox.mark("coordination@example.org@imap.example.org:993/INBOX") is None
    finally:
        store.close()
    assert row_counts(v13) == before


def test_a_message_is_known_by_its_message_id_or_its_bytes(tmp_path):
    store = open_store(tmp_path / "base.sqlite")
    try:
        store.inbox.remember("b" * 64, "Réponse : Comité", 900, QUARANTINED, "à vérifier",
                             message_id="<un@example.org>", source=MAILBOX)
        store.inbox.remember("c" * 64, "Réponse : Comité", 901, PROCESSED, "prise en compte",
                             message_id="<un@example.org>", source=MAILBOX)
        # Re-encoded by the server: other bytes, same Message-ID, the processed one told first.
        assert store.inbox.seen_message("d" * 64, "<un@example.org>").outcome == PROCESSED
        assert store.inbox.seen_message("b" * 64, "").outcome == QUARANTINED
        assert store.inbox.seen_message("d" * 64, "") is None
        assert store.inbox.seen_message("d" * 64, "<autre@example.org>") is None
        store.inbox.set_mark("boite", 7, 120)
        store.inbox.set_mark("boite", 7, 125)
        assert store.inbox.mark("boite") == (7, 125)
    finally:
        store.close()


def test_the_source_is_one_of_two(tmp_path):
    store = open_store(tmp_path / "base.sqlite")
    try:
        with pytest.raises(sqlite3.IntegrityError):
            store.inbox.remember("e" * 64, "x", 1, PROCESSED, source="ailleurs")
    finally:
        store.close()
