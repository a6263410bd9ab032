"""An Outlook `.msg` dropped in the inbox: refused on its name alone, whatever it holds, with a
French reason and how to save the reply as `.eml` instead; nothing else changes and the scan goes
on with the next file."""

import os
import time
from pathlib import Path

import pytest

from comite.store.meeting_models import Answer
from comite.sync import inbox as inbox_module
from comite.sync.inbox import Inbox, InboxResult, Outcome
from tests.sync.conftest import HOSTILE, LATER, reply_bytes, settle

JEANNE = "jeanne.dupont@example.org"
REASON = ("Message Outlook (.msg) : comite ne lit pas ce format, où la réponse est cachée dans des "
          "propriétés propres à Outlook.")
MSG = HOSTILE / "reponse-outlook.msg"


def whole_database(store) -> list[str]:
    """Every row of every table, the inbox's own memory too: a file refused unread is not
    remembered (as `Inbox._refused_unread` does for every such refusal)."""
    return list(store.db.connection().iterdump())


def tables(store, *names: str) -> dict[str, list[tuple]]:
    connection = store.db.connection()
    return {name: [tuple(row) for row in connection.execute(f"SELECT * FROM {name} ORDER BY id")]
            for name in names}


def quarantined_alone(inbox: Inbox, inbox_dir: Path, name: str) -> InboxResult:
    (result,) = settle(inbox)
    assert (result.name, result.outcome, result.reason) == (name, Outcome.QUARANTINED, REASON)
    assert not (inbox_dir / name).exists()
    return result


def why(inbox_dir: Path, name: str) -> str:
    return (inbox_dir / "quarantine" / f"{name}.why.txt").read_text(encoding="utf-8")


def test_a_msg_is_quarantined_with_the_reason_and_how_to_save_an_eml(poll, inbox, inbox_dir):
    data = MSG.read_bytes()
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")  # a compound file's header, as Outlook's
    (inbox_dir / MSG.name).write_bytes(data)
    before = tables(poll.store, "meetings", "invitees")
    everything = whole_database(poll.store)
    quarantined_alone(inbox, inbox_dir, MSG.name)
    assert (inbox_dir / "quarantine" / MSG.name).read_bytes() == data
    text = why(inbox_dir, MSG.name)
    assert f"Pourquoi : {REASON}" in text
    advice = next(line for line in text.splitlines() if line.startswith("Que faire : "))
    assert "au format .eml" in advice and "Outlook sur le web" in advice
    assert "saisissez la réponse vous-même dans l’écran de la réunion" in advice
    assert tables(poll.store, "meetings", "invitees") == before
    assert whole_database(poll.store) == everything
    assert poll.store.inbox.recent() == []


def test_an_upper_case_msg_holding_a_good_reply_is_refused_all_the_same(poll, inbox, inbox_dir):
    """The name decides: a reply comite could read is not read under a .MSG name."""
    (inbox_dir / "REPONSE.MSG").write_bytes(
        reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    everything = whole_database(poll.store)
    quarantined_alone(inbox, inbox_dir, "REPONSE.MSG")
    assert "Que faire : " in why(inbox_dir, "REPONSE.MSG")
    assert poll.answer("Jeanne", "janvier") is None
    assert whole_database(poll.store) == everything


def test_a_msg_is_never_opened(poll, inbox, inbox_dir, monkeypatch):
    def no_reading(path: Path, limit: int) -> bytes:
        raise AssertionError(f"{path.name} was opened")

    monkeypatch.setattr(inbox_module, "_read", no_reading)
    (inbox_dir / MSG.name).write_bytes(MSG.read_bytes())
    quarantined_alone(inbox, inbox_dir, MSG.name)


@pytest.mark.parametrize("name", ["reponse-outlook (conflicted copy 2026-12-01 101500).msg",
                                  "reponse-outlook.sync-conflict-20261201-101500-ABCDEFG.msg"])
def test_a_conflict_copy_of_a_msg_says_what_a_msg_needs(poll, inbox, inbox_dir, name):
    """Kept under its own name it would be refused again: the advice worth giving is the .msg's."""
    (inbox_dir / name).write_bytes(MSG.read_bytes())
    quarantined_alone(inbox, inbox_dir, name)


def test_a_big_msg_says_it_is_a_msg_rather_than_too_big(poll, inbox, inbox_dir):
    """An Outlook message with attachments easily passes the 5 MB an inbox file may weigh."""
    with open(inbox_dir / "gros.msg", "wb") as handle:  # sparse: 20 MB on paper
        handle.truncate(20 * 1024 * 1024)
    quarantined_alone(inbox, inbox_dir, "gros.msg")


def test_the_next_file_of_the_same_scan_is_still_processed(poll, inbox, inbox_dir):
    (inbox_dir / "a-outlook.msg").write_bytes(MSG.read_bytes())
    (inbox_dir / "b-reponse.ics").write_bytes(
        reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    inbox.scan(now=time.time() + LATER)
    results = inbox.scan(now=time.time() + LATER)  # both settled: one scan takes them in name order
    assert [(result.name, result.outcome) for result in results] == [
        ("a-outlook.msg", Outcome.QUARANTINED), ("b-reponse.ics", Outcome.PROCESSED)]
    assert poll.answer("Jeanne", "janvier") is Answer.YES
    assert sorted(os.listdir(inbox_dir / "quarantine")) == ["a-outlook.msg", "a-outlook.msg.why.txt"]
    assert os.listdir(inbox_dir / "processed") == ["b-reponse.ics"]

