"""Charters in the example data: one signed on paper, one waiting for signatures, the rest to
make, so the Chartes section shows every status from the first look.

Lives in usecases because it needs both the catalogue (sync) and the PDF (exports): the store
records a charter only with the sha256 of its PDF. No file is written: the same charter made
again from the Chartes section gives the same bytes.
"""

import hashlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from comite.store import Store
from comite.store.charter_models import Side, SignatureMethod

if TYPE_CHECKING:
    from comite.store.demo import DemoSummary

TEAM_SIGNATORY = "Sophie Lambert, coordinatrice"


def fill_demo(store: Store, today: date, templates_folder: Path, *,
              large: bool = False) -> "DemoSummary":
    """The example data, people and charters, in one transaction: a kill, a full disk or a busy
    database midway leaves the database as it was, empty, and `comite demo` can simply run
    again; done, it is complete. (Finishing a half-filled base instead would need to know what
    is missing; emptying one could destroy real data.) The large one measures lists, not
    charters: it has none. No file is written."""
    from comite.store import demo

    with store.db.write():
        if large:
            return demo.fill_large(store, today)
        summary = demo.fill_small(store, today)
        add_demo_charters(store, today, templates_folder)
    return summary


def add_demo_charters(store: Store, today: date, templates_folder: Path) -> None:
    from comite.exports.pdf.charter import render_charter
    from comite.sync.charter_catalog import sync_catalog
    from comite.usecases.letterhead import charter_logo

    sync_catalog(store, templates_folder)
    for number, engagement in enumerate(store.charters.engagements()[:2]):
        template = store.charters.suggested(engagement.person_id, engagement.committee_id)
        if template is None:
            continue
        draft = store.charters.draft(engagement.person_id, engagement.committee_id,
                                     template.template_id, {"team_signatory": TEAM_SIGNATORY}, today)
        pdf = render_charter(draft, charter_logo(draft))
        charter = store.charters.record(draft, hashlib.sha256(pdf).hexdigest())
        if number == 0:
            # Never before it was made: a test may fix `today` earlier than the clock.
            signed_on = max(today, charter.generated_on)
            for side, signer in ((Side.STRUCTURE, TEAM_SIGNATORY), (Side.PERSON, engagement.person_name)):
                store.charters.sign(charter.id, side, SignatureMethod.PAPER, signer, signed_on)
