"""The right of access and the right to erasure, each in one call, for the command line and
the person's page alike (no Textual here: the screens run these in a worker)."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from comite.kernel.clock import utc_now_iso
from comite.kernel.i18n import _
from comite.store import Store
from comite.usecases import erasure_ledger, paths
from comite.usecases.settings import Settings

if TYPE_CHECKING:
    from comite.store.privacy_models import Erasure
    from comite.sync.erasure_files import NotRemoved

ACCESS_FOLDER = "droit-d-acces"


@dataclass(frozen=True, slots=True)
class AccessExport:
    json_path: Path
    pdf_path: Path


@dataclass(frozen=True, slots=True)
class ErasureSummary:
    """Who was erased (their name, for the message that says so: the database no longer has it;
    « la personne n° N » for an erasure finished after an interruption, whose name nothing
    keeps), the files removed, the shared documents that still name them and are to be made
    again (minutes, convocations, other people's invitations in the outbox), the files that
    could not be read, to check by eye, and the files of theirs the system would not let go, to
    delete by hand."""

    name: str
    removed: list[Path]
    collective: list[Path]
    kept_unreadable: list[Path]
    redacted: int = 0  # mentions replaced in other records of the database
    not_removed: "list[NotRemoved]" = field(default_factory=list)
    # False while comite is open elsewhere: the erased bytes stay in the database's journal
    # (the -wal file) until that other program closes.
    log_emptied: bool = True
    person_id: int = 0


def access_folder(settings: Settings) -> Path:
    return settings.folder("exports") / ACCESS_FOLDER


def export_access(store: Store, settings: Settings, person_id: int, out_dir: Path | None,
                  include_health: bool, today: date) -> AccessExport:
    """Everything held about the person, as JSON and as a readable PDF, side by side, with whom
    to ask for a correction or an erasure; the store writes the export in the audit log (and
    the health note only when asked for)."""
    from comite.exports.access_report import file_stem, person_name, write_access_json
    from comite.exports.pdf.access_report import write_access_pdf
    from comite.usecases.letterhead import person_stationery

    report = store.privacy.access_report(person_id, include_health)
    # Who answers when a structure names no data-protection contact: the coordinator.
    report["coordination"] = {"nom": settings.coordinator_name, "email": settings.coordinator_email,
                              "telephone": settings.coordinator_phone}
    folder = Path(out_dir).expanduser() if out_dir else access_folder(settings)
    stem = file_stem(person_name(report), today)
    json_path = write_access_json(report, folder / f"{stem}.json")
    pdf_path = write_access_pdf(report, folder / f"{stem}.pdf",
                                author=settings.coordinator_name or _("La coordination du comité"),
                                stationery=person_stationery(store, person_id))
    return AccessExport(json_path=json_path, pdf_path=pdf_path)


def erase_person(store: Store, settings: Settings, person_id: int) -> ErasureSummary:
    """Erase the person from the database, then from the files: what was theirs is removed,
    shared documents that mention them are listed to be made again, files that would not go
    are listed to be deleted by hand. Stopped after the database part, the sweep is finished
    by `finish_erasures` at the next start."""
    name = store.people.get(person_id).full_name
    return _swept(store, settings, store.privacy.erase(person_id), name)


def finish_erasures(store: Store, settings: Settings) -> list[ErasureSummary]:
    """Finish the sweeps that erasures left pending when they were stopped (a kill, a power cut)
    after the database part: the same sweep, again from the start (what it already removed is
    simply not found). One summary each, the person named by number only."""
    return [_swept(store, settings, erasure,
                   _("la personne n° {id}").format(id=erasure.person_id))
            for erasure in store.privacy.pending_erasures()]


def _swept(store: Store, settings: Settings, erasure: "Erasure", name: str) -> ErasureSummary:
    """Sweep the files of an erasure done in the database, then empty its journal row."""
    from comite.sync.erasure_files import Folders, sweep

    swept = sweep(erasure, Folders(
        inbox=settings.folder("inbox"), outbox=settings.folder("outbox"),
        exports=settings.folder("exports"),
        kept=paths.kept_documents_dirs()))
    if erasure.person_uid:
        # Before the journal forgets them: a restore of an older backup must erase them again.
        erasure_ledger.add(paths.erasure_ledger(), erasure.person_uid, utc_now_iso())
    log_emptied = store.privacy.erasure_swept(erasure.journal_id)
    return ErasureSummary(name=name, removed=sorted(swept.removed),
                          collective=sorted(swept.collective),
                          kept_unreadable=sorted(swept.unreadable), redacted=erasure.redacted,
                          not_removed=sorted(swept.not_removed, key=lambda f: f.path),
                          log_emptied=log_emptied, person_id=erasure.person_id)
