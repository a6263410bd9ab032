"""`comite sync --once` meets an Outlook `.msg`: it says why the file was set aside, as for any
quarantined file (exit code 0), and still reads the reply beside it."""

import shutil
from pathlib import Path

import pytest

from comite.store import open_store
from comite.store.meeting_models import Answer
from tests.cli.run import in_process, in_subprocess
from tests.sync.conftest import HOSTILE, make_poll, reply_bytes

JEANNE = "jeanne.dupont@example.org"
REASON = ("Message Outlook (.msg) : comite ne lit pas ce format, où la réponse est cachée dans des "
          "propriétés propres à Outlook.")


@pytest.fixture
def dropped(tmp_path) -> tuple[Path, Path, int]:
    """A database with a meeting in poll; an inbox holding an Outlook message (upper-case
    extension, as Windows may write it) and a calendar reply from Jeanne; the meeting's id."""
    db = tmp_path / "comite.sqlite"
    store = open_store(db)
    try:
        poll = make_poll(store)
        inbox = tmp_path / "boite"
        inbox.mkdir()
        shutil.copy(HOSTILE / "reponse-outlook.msg", inbox / "Réponse Jeanne.MSG")
        (inbox / "reponse.ics").write_bytes(
            reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE))
    finally:
        store.close()
    return db, inbox, poll.meeting_id


def jeanne_in_january(db: Path, meeting_id: int) -> Answer | None:
    store = open_store(db)
    try:
        detail = store.meetings.detail(meeting_id)
        jeanne = next(invitee for invitee in detail.invitees if invitee.email == JEANNE)
        vote = detail.vote(jeanne.id, detail.slots[0].id)
        return None if vote is None else vote.answer
    finally:
        store.close()


def test_sync_once_says_why_a_msg_was_set_aside(dropped):
    db, inbox, meeting_id = dropped
    result = in_subprocess("sync", "--inbox", str(inbox), "--once", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"Réponse Jeanne.MSG : mis de côté — {REASON}\n" in result.stdout
    assert "reponse.ics : traité — " in result.stdout
    assert (inbox / "quarantine" / "Réponse Jeanne.MSG").is_file()
    assert "au format .eml" in (inbox / "quarantine" / "Réponse Jeanne.MSG.why.txt").read_text(
        encoding="utf-8")
    assert jeanne_in_january(db, meeting_id) is Answer.YES


def test_sync_once_in_process_prints_the_same_line(dropped, capsys):
    db, inbox, _meeting_id = dropped
    code, out, _err = in_process(capsys, "sync", "--inbox", str(inbox), "--once", "--db", str(db))
    assert code == 0
    assert out.splitlines()[0] == f"Réponse Jeanne.MSG : mis de côté — {REASON}"
