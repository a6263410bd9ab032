"""The worker's last wall (comite.tui.workers), on a tiny real Textual app."""

import logging

from textual.app import App

from comite.store.errors import Refused
from comite.tui.workers import UNEXPECTED, run_in_thread


class Tiny(App):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list[tuple[str, object]] = []


async def _run(work) -> list[tuple[str, object]]:
    app = Tiny()
    async with app.run_test() as pilot:
        run_in_thread(app, work, group="test", where="/tmp/exports",
                      done=lambda result: app.heard.append(("done", result)),
                      failed=lambda message: app.heard.append(("failed", message)))
        await app.workers.wait_for_complete()
        await pilot.pause()
    return app.heard


async def test_the_result_goes_to_done():
    assert await _run(lambda: 42) == [("done", 42)]


async def test_a_refusal_says_its_own_message():
    def work():
        raise Refused("Ce comité est archivé.")

    assert await _run(work) == [("failed", "Ce comité est archivé.")]


async def test_a_disk_error_says_where():
    def work():
        raise PermissionError(13, "Permission denied")

    # Where, and why in French: the system's own words (strerror) are English.
    assert await _run(work) == [
        ("failed", "Impossible d’écrire dans /tmp/exports : l’accès est refusé (droits du "
                   "dossier).")]


async def test_anything_else_is_logged_without_its_message(caplog):
    def work():
        raise ValueError("Dupont 06 12 34 56 78")

    with caplog.at_level(logging.ERROR, logger="comite"):
        heard = await _run(work)
    assert heard == [("failed", UNEXPECTED)]
    assert "unexpected ValueError" in caplog.text
    assert "Dupont" not in caplog.text and "06 12" not in caplog.text


async def test_a_refusal_can_be_a_warning_rather_than_a_failure():
    def work():
        raise Refused("Rien à envoyer : aucune invitation.")

    app = Tiny()
    async with app.run_test() as pilot:
        run_in_thread(app, work, group="test",
                      done=lambda result: app.heard.append(("done", result)),
                      failed=lambda message: app.heard.append(("failed", message)),
                      on_refusal=lambda error: app.heard.append(("warned", error.message)))
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.heard == [("warned", "Rien à envoyer : aucune invitation.")]


# ---- the faults of the machine: the command line's words (issue 18) ------------------------


async def test_a_full_disk_past_a_size_limit_is_said_as_a_full_disk():
    import errno

    def work():
        raise OSError(errno.EFBIG, "File too large")

    assert await _run(work) == [
        ("failed", "Impossible d’écrire dans /tmp/exports : le disque est plein (taille de "
                   "fichier maximale atteinte).")]


async def test_a_database_fault_says_the_same_reason_as_the_command_line(tmp_path):
    import sqlite3

    from comite.store.errors import fault_message

    db = tmp_path / "base.sqlite"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(db, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        busy = error
    finally:
        holder.close()
        other.close()

    def work():
        raise busy

    [(kind, message)] = await _run(work)
    assert kind == "failed"
    assert message == fault_message(busy)
    assert "occupée par un autre programme" in message and "locked" not in message


async def test_work_undone_says_its_own_sentence():
    from comite.store.errors import Undone

    def work():
        raise Undone("Impossible d’écrire dans /tmp/envoi : le disque est plein. Les invitations "
                     "déjà écrites ont été retirées ; rien n’a été enregistré dans la base.")

    [(kind, message)] = await _run(work)
    assert kind == "failed" and message.endswith("rien n’a été enregistré dans la base.")
