"""Charters made into PDFs: the template and values a charter takes, rendered, recorded, then
written — for the Chartes section, a charter's page and the command line."""

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Store
from comite.store.charter_models import Charter, CharterTemplate, Engagement
from comite.store.charters import CharterDraft
from comite.store.errors import Refused, StoreError
from comite.usecases.settings import Settings

# The values the coordinator chooses on a charter's page; the others come from the records.
FORM_KEYS = ("team_signatory", "start_date", "duration", "place", "signature_date", "compensation",
             "retention")


def charters_folder(settings: Settings) -> Path:
    return settings.folder("exports") / "chartes"


def pdf_path(folder: Path, uid: str, person: str) -> Path:
    """« charte-CH-XXXXXXXXXX-marie-dupont.pdf »: the reference first, so files sort by charter."""
    from comite.exports.files import slug

    return folder / f"charte-{uid}-{slug(person)}.pdf"


def make_pdf(store: Store, draft: CharterDraft, target: Path, *,
             sync_folder: bool = True) -> tuple[Charter, Path]:
    """Render, record, then write to `target`: the charter as recorded, and where its PDF is.

    Recorded before it is written: a charter the store refuses (the same reference with other
    bytes) leaves the file already there untouched. Recorded and written together: a file that
    cannot be written leaves no record, and a record that fails to commit takes a new file
    back out, so the folder holds no charter the database does not know. Its letterhead is the
    one its values fixed, with the logo they name by its sha256.
    """
    from comite.exports.files import atomic_write
    from comite.exports.pdf.charter import render_charter
    from comite.usecases.letterhead import charter_logo

    data = render_charter(draft, charter_logo(draft))
    new_file = not target.exists()
    written = False
    try:
        with store.db.write():
            charter = store.charters.record(draft, hashlib.sha256(data).hexdigest())
            path = atomic_write(target, data, sync_parent=sync_folder)
            written = True
    except BaseException:
        if written and new_file:
            target.unlink(missing_ok=True)
        raise
    return charter, path


def template_for(store: Store, person_id: int, committee_id: int,
                 previous_template: str | None = None) -> CharterTemplate | None:
    """The template the last charter used while it is still in the catalogue, else the one
    that suits the person's role on this committee."""
    if previous_template:
        try:
            return store.charters.template(previous_template)
        except StoreError:
            pass
    return store.charters.suggested(person_id, committee_id)


def values_for(store: Store, person_id: int, committee_id: int, today: date) -> dict[str, str]:
    """The records' values, with what the coordinator chose for this seat's last charter."""
    values = store.charters.defaults(person_id, committee_id, today)
    last = next((c for c in store.charters.of_person(person_id) if c.committee_id == committee_id),
                None)
    if last is not None:
        values.update({key: last.data[key] for key in FORM_KEYS if key in last.data})
    return values


@dataclass(frozen=True, slots=True)
class Failure:
    person: str
    committee: str
    why: str

    @property
    def line(self) -> str:
        return f"{self.person} — {self.committee} : {self.why}"


def produce(store: Store, engagement: Engagement, signatory: str, today: date, folder: Path) -> Path:
    """One engagement's charter made with the defaults; Refused says why it cannot be."""
    previous = engagement.template_id
    template = template_for(store, engagement.person_id, engagement.committee_id, previous)
    if template is None:
        role = engagement.role.label.lower() if engagement.role else _("sans rôle d’usager")
        raise Refused(_("aucun modèle ne prévoit son rôle ({role}) ; ajoutez ce rôle à la ligne "
                        "« roles: » d’un de vos modèles (touche m).").format(role=role))
    values = values_for(store, engagement.person_id, engagement.committee_id, today)
    if not values.get("team_signatory"):
        values["team_signatory"] = signatory
    draft = store.charters.draft(engagement.person_id, engagement.committee_id,
                                 template.template_id, values, today)
    _charter, path = make_pdf(store, draft, pdf_path(folder, draft.uid, draft.data["person"]),
                              sync_folder=False)
    return path
