"""The app's inbox watcher beside `comite sync --once` on the same inbox, and a fault of the
machine said once by the app, not at every scan."""

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from comite.store import open_store
from comite.sync import watcher as watcher_module
from comite.usecases.settings import Settings
from tests.cli.run import ROOT
from tests.sync.conftest import make_poll, reply_bytes, reply_files
from tests.tui.conftest import make_app, wait_for

COUNT = 200


@pytest.fixture
def poll_store(tmp_path):
    store = open_store(tmp_path / "comite.sqlite")
    poll = make_poll(store)
    yield poll
    store.close()


def recording(app) -> list[str]:
    """Every toast the app shows, kept (they fade after a few seconds)."""
    shown: list[str] = []
    show = app.notify

    def notify(message: str, **options) -> None:
        shown.append(message)
        show(message, **options)

    app.notify = notify
    return shown


def settled(folder: Path) -> None:
    """As if the files had been there a while: taken at the second look, without waiting."""
    old = time.time() - 60
    for path in folder.iterdir():
        os.utime(path, (old, old))


async def test_the_apps_watcher_and_a_sync_at_once_apply_each_of_200_replies_once(poll_store, tmp_path):
    inbox = tmp_path / "boite"
    inbox.mkdir()
    app = make_app(poll_store.store, settings=Settings(inbox=str(inbox)))
    shown = recording(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: any(thread.name == "comite-inbox"
                                          for thread in threading.enumerate()), timeout=10)
        # Written now, the replies are taken once they have rested half a second (SETTLE_SECONDS),
        # about what the command needs to start: both readers take them at the same time.
        names = reply_files(poll_store, inbox, COUNT)
        sync = subprocess.Popen(
            [sys.executable, "-m", "comite.cli", "sync", "--once", "--inbox", str(inbox),
             "--db", str(poll_store.store.path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        await wait_for(pilot, lambda: sync.poll() is not None, timeout=60)
        out, err = sync.communicate()
        await wait_for(pilot, lambda: sorted(os.listdir(inbox)) == ["processed"], timeout=30)
        await wait_for(pilot, lambda: len(os.listdir(inbox / "processed")) == COUNT, timeout=30)
        await pilot.pause(0.3)  # the app's last toast
    assert (sync.returncode, err) == (0, "")
    by_sync = [line.split(" : traité — ")[0] for line in out.splitlines()]
    assert not [line for line in out.splitlines() if "Déjà traité" in line]
    by_app = sum(int(found) for message in shown
                 for found in re.findall(r"(\d+) fichiers? lus?", message))
    assert len(by_sync) + by_app == COUNT, (len(by_sync), by_app)
    assert sorted(os.listdir(inbox / "processed")) == names
    conn = poll_store.store.db.connection()
    assert conn.execute("SELECT count(*) FROM replies").fetchone()[0] == COUNT
    assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'reply'").fetchone()[0] == COUNT
    assert poll_store.store.integrity() == []


async def test_a_fault_is_shown_once_while_the_watcher_tries_again_later_and_later(
        poll_store, tmp_path, monkeypatch):
    """processed/ taken by a file (a check that holds as root too): nothing can be filed, so
    nothing is applied; the app says so once, not at each of its tries, then reads the inbox
    once the folder is mended."""
    monkeypatch.setattr(watcher_module, "FAULT_DELAYS", (0.1, 0.2))  # tries every 0.2 s at most
    inbox = tmp_path / "boite"
    inbox.mkdir()
    (inbox / "processed").write_text("pas un dossier", encoding="utf-8")
    (inbox / "reponse.ics").write_bytes(reply_bytes(
        "outlook-accepted.ics", poll_store.slots["janvier"].uid, "jeanne.dupont@example.org"))
    settled(inbox)
    app = make_app(poll_store.store, settings=Settings(inbox=str(inbox)))
    shown = recording(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: shown != [], timeout=10)
        for number in range(4):  # changes and tries for a second: still one toast
            (inbox / f"note-{number}.tmp").write_text("en cours")
            await pilot.pause(0.25)
        assert shown == [
            f"Boîte de réception : « reponse.ics » n’a pas pu être rangé dans {inbox / 'processed'} : "
            "un élément du chemin n’est pas un dossier. Rien de ce fichier n’a été appliqué. Les "
            "fichiers restants attendent dans la boîte de réception. Nouvel essai automatique, de "
            "plus en plus espacé."]
        assert poll_store.store.db.connection().execute("SELECT count(*) FROM replies").fetchone()[0] == 0

        (inbox / "processed").unlink()  # mended: the next try reads the reply
        await wait_for(pilot, lambda: len(shown) == 2, timeout=10)
        assert shown[1].startswith("Boîte de réception : 1 fichier lu")
        assert os.listdir(inbox / "processed") == ["reponse.ics"]


async def test_a_chosen_inbox_that_is_gone_is_said_and_not_made_again(poll_store, tmp_path):
    """A drive unplugged: its folder is not recreated on the laptop's disk, where replies would
    pile up unseen; the data folder's own inbox is still made at need."""
    gone = tmp_path / "cle-usb" / "reponses"
    app = make_app(poll_store.store, settings=Settings(inbox=str(gone)))
    shown = recording(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: any("n’est pas surveillée" in m for m in shown), timeout=10)
    assert any(f"{gone} n’est pas surveillée : le dossier n’existe pas" in m for m in shown), shown
    assert not (tmp_path / "cle-usb").exists()
