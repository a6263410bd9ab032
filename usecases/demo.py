"""Charters in the example data: one signed on paper, one waiting for signatures, the rest to
make, so the Chartes section shows every status from the first look.

Lives in tui because it needs both the catalogue (sync) and the PDF (exports): the store
records a charter only with the sha256 of its PDF. No file is written: the same charter made
again from the Chartes section gives the same bytes.
"""

import hashlib
from datetime import date
from pathlib import Path

from comite.store import Store
from comite.store.charter_models import Side, SignatureMethod

TEAM_SIGNATORY = "Sophie Lambert, coordinatrice"


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
