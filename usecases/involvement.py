"""The evidence of the actions of user involvement (ACI): a file the coordinator points at,
checked by its content and copied beside the database (`sync.received_files`), then its row in
the register (`store.involvement`) — the two in one step: when the store refuses the row, the
copy goes. Removing evidence (or a whole action) removes the row first, then the file: a file
left behind by a crash names nobody and holds nothing the register still points at. The year's
evidence pack (`write_aci_pack`) is written here too, for the command line and the app alike.
"""

from datetime import date
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Refused, Store
from comite.store.involvement import EvidenceInput
from comite.store.involvement_models import Action, Evidence
from comite.sync.received_files import Document, discard, receive_and_record
from comite.usecases import paths

EVIDENCE = Document(
    prefix="preuve", noun=_("une preuve"),
    what=_("Une preuve se joint en PDF, ou en image PNG ou JPEG (photo, capture d’écran, scan)."))


def add_evidence(store: Store, action_id: int, source: Path, dated_on: date | str,
                 label: str = "") -> Evidence:
    """Copy `source` into the evidence folder and record it on the action; InboxRefusal (the
    file) or ValidationError / NotFound (the row) with nothing left behind."""
    return receive_and_record(
        Path(source), paths.evidence_dir(), EVIDENCE,
        lambda copy, sha256: store.involvement.add_evidence(action_id, EvidenceInput(
            dated_on=dated_on, path=str(copy), sha256=sha256, label=label)))


def remove_evidence(store: Store, evidence_id: int) -> Evidence:
    """The row, then its file (only if it lies in the evidence folder)."""
    evidence = store.involvement.remove_evidence(evidence_id)
    discard(evidence.path, paths.evidence_dir())
    return evidence


def delete_action(store: Store, action_id: int) -> Action:
    """The action with its participants and evidence rows, then its evidence files."""
    action = store.involvement.delete(action_id)
    for evidence in action.evidence:
        discard(evidence.path, paths.evidence_dir())
    return action


def pack_name(store: Store, structure_id: int, year: int) -> str:
    """The pack's file name: « aci-2026-msp-des-tilleuls.pdf »."""
    from comite.exports.files import slug

    return f"aci-{year}-{slug(store.structures.get(structure_id).name)}.pdf"


def write_aci_pack(store: Store, structure_id: int, year: int, out: Path, *,
                   today: date) -> Path:
    """The ACI evidence pack of the structure's year `year`, as the register holds it `today`,
    written to `out` (a .pdf, else refused with nothing written) under its letterhead."""
    out = Path(out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise Refused(_("Le dossier de preuves s’écrit en .pdf : « {name} » n’a pas cette "
                        "extension.").format(name=out.name))
    from comite.exports.pdf.aci_pack import write_aci_pack as write_pdf
    from comite.usecases.letterhead import stationery

    register = store.involvement.year(structure_id, year, today)
    return write_pdf(register, stationery(store, structure_id), out, today=today)


def count_line(store: Store, structure_id: int, year: int, today: date) -> str:
    """« 8 lignes au niveau 1, 6 au niveau 2 »: what was written, in words."""
    from comite.exports.pdf.aci_pack import count_line as words

    return words(store.involvement.year(structure_id, year, today))
