"""The charter batch (« G ») on a full disk: each charter is recorded with its PDF or not at all,
and the batch stops at the first fault instead of failing every charter left (issue 18)."""

import errno
import hashlib

from textual.widgets import Input

from comite.exports import files
from comite.kernel import clock
from comite.tui.app import ComiteApp
from comite.tui.dialogs.charter_forms import BatchForm
from comite.tui.dialogs.info import InfoScreen
from comite.tui.screens.charters import ChartersScreen
from comite.tui.textual_private import notifications
from comite.usecases.settings import Settings
from tests.tui.conftest import wait_for


async def test_a_full_disk_stops_the_batch_and_records_no_charter_without_its_file(
        demo_store, tmp_path, monkeypatch):
    written = []
    real_write = files.atomic_write

    def full_after_two(path, data, **options):
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        return real_write(path, data, **options)

    monkeypatch.setattr(files, "atomic_write", full_after_two)
    folder = tmp_path / "exports" / "chartes"
    app = ComiteApp(demo_store, settings=Settings(exports=str(tmp_path / "exports"),
                                                  coordinator_name="Claire Martin"),
                    today=clock.today(), watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await wait_for(pilot, lambda: isinstance(app.screen, ChartersScreen))
        section = app.screen
        before = len(demo_store.charters.engagements())
        await pilot.press("G")
        await wait_for(pilot, lambda: isinstance(app.screen, BatchForm))
        assert app.screen.query_one("#team_signatory", Input).value == "Claire Martin"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not section.batch_running
                       and isinstance(app.screen, InfoScreen), timeout=60)
        messages = [str(n.message) for n in notifications(app)]
        assert any(f"Production arrêtée : 2 chartes produites sur {before}" in m
                   for m in messages), messages
        listed = str(app.screen.query_one(".info-lines Static").render())
        assert f"fichier non écrit dans {folder} : le disque est plein" in listed
    # Two charters, each with its PDF; the third, whose file could not be written, unrecorded.
    recorded = {c.id for e in demo_store.charters.engagements()
                for c in demo_store.charters.of_person(e.person_id)}
    pdfs = sorted(folder.glob("charte-*.pdf"))
    assert len(recorded) == len(pdfs) == 2
    for pdf in pdfs:
        assert demo_store.charters.by_pdf_sha256(hashlib.sha256(pdf.read_bytes()).hexdigest())
