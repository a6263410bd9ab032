"""`comite sync` shares the meetings' dates once the inbox and the mailbox are read: the shared
calendar (Radicale on 127.0.0.1) and each committee's .ics feed. Real subprocesses: what went is
said (« 1 réunion publiée »), a second run sends nothing, the server down is said in French with
exit code 1 and no traceback, and what waited goes once it answers; a feeds' folder that cannot be
written is said as the machine's other faults; `--watch` publishes at start, says the server down
once however many times it tries, and ends on SIGTERM."""

import os
import signal
import subprocess
import sys
import time

from comite.cli import documents
from comite.store import open_store
from comite.usecases.settings import Settings, load, save
from tests.caldav_server import CALENDAR, PASSWORD, USER
from tests.cli.run import ROOT, in_subprocess
from tests.sync.conftest import make_poll
from tests.usecases.test_backup import unwritable

ENV = {"COMITE_CALDAV_PASSWORD": PASSWORD}


def prepared(tmp_path, server) -> tuple[str, str]:
    """A base with a meeting in poll and the settings naming the calendar and the feeds' folder;
    the meeting's UID and the base's path."""
    db = tmp_path / "comite.sqlite"
    store = open_store(db)
    try:
        uid = make_poll(store).detail().meeting.uid
    finally:
        store.close()
    save(Settings(caldav_url=server.url, caldav_user=USER, inbox=str(tmp_path / "boite"),
                  feed_folder=str(tmp_path / "agenda")))
    return uid, str(db)


def sync_once(db: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return in_subprocess("sync", "--once", "--db", db, env=env if env is not None else ENV)


def test_sync_once_publishes_says_it_and_a_second_run_sends_nothing(tmp_path, caldav_server):
    server = caldav_server()
    uid, db = prepared(tmp_path, server)
    first = sync_once(db)
    assert (first.returncode, first.stderr) == (0, "")
    assert "Agenda partagé : 1 réunion publiée, 0 retirée\n" in first.stdout
    feed = tmp_path / "agenda" / "comite-des-usagers-1.ics"
    assert f"Flux .ics : 1 fichier écrit dans {tmp_path / 'agenda'}\n" in first.stdout
    assert "(s)" not in first.stdout
    objects = server.objects()
    assert list(objects) == [f"{uid}.ics"] and b"TENTATIVE" in objects[f"{uid}.ics"]
    assert uid in feed.read_text(encoding="utf-8")
    etag = server.request("HEAD", f"{CALENDAR}{uid}.ics")[1]["ETag"]

    second = sync_once(db)
    assert (second.returncode, second.stderr) == (0, "")
    assert "Agenda partagé : 0 réunion publiée, 0 retirée\n" in second.stdout
    assert "Flux .ics" not in second.stdout  # the feed unchanged: not written again
    assert server.request("HEAD", f"{CALENDAR}{uid}.ics")[1]["ETag"] == etag


def test_the_server_down_is_said_and_what_waits_goes_once_it_answers(tmp_path, caldav_server):
    server = caldav_server()
    uid, db = prepared(tmp_path, server)
    assert sync_once(db).returncode == 0
    server.stop()
    store = open_store(db)
    try:
        poll = store.meetings.detail(store.meetings.resolve(uid).id)
        store.meetings.choose_slot(poll.slots[0].id, confirmed=True)
    finally:
        store.close()

    down = sync_once(db)
    assert down.returncode == 1
    assert down.stderr.startswith(f"comite : L’agenda partagé 127.0.0.1:{server.port} ne répond pas")
    assert down.stderr.count("\n") == 1 and "Traceback" not in down.stderr + down.stdout
    # The feed is local: written all the same, and said.
    assert "Flux .ics : 1 fichier écrit" in down.stdout and "Agenda partagé :" not in down.stdout

    server.start()  # on the same port, with the same calendar
    back = sync_once(db)
    assert (back.returncode, back.stderr) == (0, "")
    assert "Agenda partagé : 1 réunion publiée, 0 retirée\n" in back.stdout
    assert b"STATUS:CONFIRMED" in server.objects()[f"{uid}.ics"]


def test_a_wrong_password_is_said_and_nothing_is_recorded(tmp_path, caldav_server):
    server = caldav_server()
    _uid, db = prepared(tmp_path, server)
    refused = sync_once(db, env={"COMITE_CALDAV_PASSWORD": "faux"})
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "identifiant ou mot de passe incorrect" in refused.stderr
    assert server.objects() == {}
    assert "Agenda partagé : 1 réunion publiée" in sync_once(db).stdout


def test_a_feeds_folder_that_cannot_be_written_is_said_in_french(tmp_path):
    db = tmp_path / "comite.sqlite"
    make_poll(open_store(db)).store.close()
    folder = tmp_path / "agenda"
    folder.mkdir()
    save(Settings(inbox=str(tmp_path / "boite"), feed_folder=str(folder)))  # no shared calendar
    with unwritable(folder):
        done = sync_once(str(db))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"comite : Impossible d’écrire dans {folder} : "), done.stderr
    assert "Traceback" not in done.stderr and list(folder.iterdir()) == []


def test_a_watch_publishes_at_start_and_ends_on_sigterm(tmp_path, caldav_server):
    server = caldav_server()
    uid, db = prepared(tmp_path, server)
    watching = subprocess.Popen([sys.executable, "-m", "comite.cli", "sync", "--watch", "--db", db],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                                env={**os.environ, **ENV})
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and f"{uid}.ics" not in server.objects():
            time.sleep(0.05)
    finally:
        watching.send_signal(signal.SIGTERM)
        out, err = watching.communicate(timeout=60)
    assert (watching.returncode, err) == (0, "")
    assert "Agenda partagé : 1 réunion publiée, 0 retirée\n" in out
    assert list(server.objects()) == [f"{uid}.ics"]


def test_a_watch_says_the_server_down_once_then_what_went(tmp_path, caldav_server, capsys,
                                                           monkeypatch):
    """In this process, every 50 ms instead of 30 s: many tries, one sentence."""
    server = caldav_server()
    uid, db = prepared(tmp_path, server)
    server.stop()
    monkeypatch.setenv("COMITE_CALDAV_PASSWORD", PASSWORD)
    monkeypatch.setattr(documents, "PUBLISH_EVERY_S", 0.05)
    tries = []
    publish = documents._Teller.publish
    monkeypatch.setattr(documents._Teller, "publish",
                        lambda teller, store: tries.append(1) or publish(teller, store))
    store = open_store(db)
    publishing = documents._Publishing.wanted(store, load()[0])
    try:
        publishing.start()
        wait_for(lambda: len(tries) >= 5)
        server.start()
        wait_for(lambda: f"{uid}.ics" in server.objects())
        count = len(tries)
        wait_for(lambda: len(tries) >= count + 3)  # tries that find nothing new say nothing
    finally:
        publishing.stop()
        store.close()
    out, err = capsys.readouterr()
    assert err.count("ne répond pas") == 1 and err.count("\n") == 1, err
    assert out.count("Agenda partagé : 1 réunion publiée, 0 retirée\n") == 1, out
    assert out.count("Agenda partagé :") == 1 and out.count("Flux .ics : 1 fichier écrit") == 1


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.02)
