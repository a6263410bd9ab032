"""`comite sync --once` reads the coordinator's mailbox (pymap on 127.0.0.1) besides the inbox
folder when the settings name a server: a reply applied and filed, the others left; the server
down or the password wrong said in French, exit code 1, no traceback."""

from comite.store import open_store
from comite.sync.mailbox import DONE_FOLDER
from comite.usecases.settings import Settings, save
from tests.cli.run import in_subprocess
from tests.imap_server import PASSWORD, USER
from tests.sync.conftest import make_poll
from tests.sync.test_mailbox import plain, reply_message


def prepared(tmp_path, port: int):
    store = open_store(tmp_path / "comite.sqlite")
    poll = make_poll(store)
    save(Settings(coordinator_email="coordination@example.org", imap_host="127.0.0.1",
                  imap_port=str(port), imap_user=USER, imap_security="none",
                  inbox=str(tmp_path / "boite")))
    (tmp_path / "boite").mkdir()
    return poll


def test_sync_once_reads_the_mailbox(tmp_path, imap_server):
    server = imap_server()
    poll = prepared(tmp_path, server.port)
    server.append(plain("Staff de jeudi"))
    server.append(reply_message(poll))
    poll.store.close()
    done = in_subprocess("sync", "--once", "--db", str(tmp_path / "comite.sqlite"),
                         env={"COMITE_IMAP_PASSWORD": PASSWORD})
    assert (done.returncode, done.stderr) == (0, "")
    assert "Courriel « Accepté : Comité de printemps » : traité — Réponse de Jeanne Dupont" in done.stdout
    assert len(server.messages()) == 1 and len(server.messages(DONE_FOLDER)) == 1


def test_sync_once_says_the_server_down_and_the_wrong_password(tmp_path, imap_server):
    server = imap_server()
    prepared(tmp_path, server.port).store.close()
    wrong = in_subprocess("sync", "--once", "--db", str(tmp_path / "comite.sqlite"),
                          env={"COMITE_IMAP_PASSWORD": "faux"})
    assert wrong.returncode == 1 and "identifiant ou mot de passe incorrect" in wrong.stderr
    server.stop()
    down = in_subprocess("sync", "--once", "--db", str(tmp_path / "comite.sqlite"),
                         env={"COMITE_IMAP_PASSWORD": PASSWORD})
    assert down.returncode == 1
    assert "ne répond pas (aucun service n’écoute sur ce port)" in down.stderr
    assert "Traceback" not in wrong.stderr + down.stderr
