"""The evidence of the actions of user involvement (ACI): a file the coordinator points at,
checked by its content and copied beside the database (`sync.received_files`), then its row in
the register (`store.involvement`) — the two in one step: when the store refuses the row, the
copy goes. Removing evidence (or a whole action) removes the row first, then the file: a file
left behind by a crash names nobody and holds nothing the register still points at.
"""

from datetime import date
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Store
from comite.store.involvement import EvidenceInput
from comite.store.involvement_models import Action, Evidence
from comite.sync.received_files import Document, discard, receive
from comite.usecases import paths

EVIDENCE = Document(
    prefix="preuve", noun=_("une preuve"),
    what=_("Une preuve se joint en PDF, ou en image PNG ou JPEG (photo, capture d’écran, scan)."))


def add_evidence(store: Store, action_id: int, source: Path, dated_on: date | str,
                 label: str = "") -> Evidence:
    """Copy `source` into the evidence folder and record it on the action; InboxRefusal (the
    file) or ValidationError / NotFound (the row) with nothing left behind."""
    folder = paths.evidence_dir()
    copy, sha256 = receive(Path(source), folder, EVIDENCE)
    try:
        return store.involvement.add_evidence(action_id, EvidenceInput(
            dated_on=dated_on, path=str(copy), sha256=sha256, label=label))
    except BaseException:
        discard(copy, folder)
        raise


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
