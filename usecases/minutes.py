"""The minutes as documents: the circulated PDF, the easy-to-read PDF, the text for an e-mail and
the internal PDF with the confidential passage — one naming and one writer for the command line
and the app. The confidential passage exists only as a PDF: never in a format meant for an
e-mail.

The floor is told by side; with `floor_names` (the coordinator's choice, never the default) the
full copies name each speaker, and their file says so (« …-parole-nominative.pdf ») so that it
is not sent in place of the usual one. The easy-to-read copy never names anyone."""

from enum import StrEnum
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Store
from comite.usecases.settings import Settings


class MinutesKind(StrEnum):
    FULL = "full"
    EASY = "easy"
    TEXT = "text"
    INTERNAL = "internal"

    @property
    def file_name(self) -> str:
        return _FILE_NAMES[self]

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def names_speakers(self) -> bool:
        """Whether this copy can name who took the floor (the easy-to-read one never does)."""
        return self is not MinutesKind.EASY


_FILE_NAMES = {MinutesKind.FULL: "compte-rendu-{slug}.pdf",
               MinutesKind.EASY: "compte-rendu-facile-{slug}.pdf",
               MinutesKind.TEXT: "compte-rendu-{slug}.md",
               MinutesKind.INTERNAL: "compte-rendu-{slug}-interne.pdf"}
_LABELS = {MinutesKind.FULL: _("Compte rendu (PDF complet)"),
           MinutesKind.EASY: _("Compte rendu facile à lire (PDF)"),
           MinutesKind.TEXT: _("Compte rendu (texte pour l’e-mail)"),
           MinutesKind.INTERNAL: _("Compte rendu à usage interne, passage confidentiel compris")}


NAMED_FLOOR = "-parole-nominative"


def file_name(kind: MinutesKind, title: str, floor_names: bool = False) -> str:
    """« compte-rendu-comite-d-hiver.pdf »; « compte-rendu-comite-d-hiver-parole-nominative.pdf »
    when the speakers are named."""
    from comite.exports.files import slug

    name = kind.file_name.format(slug=slug(title))
    if floor_names and kind.names_speakers:
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem}{NAMED_FLOOR}{dot}{suffix}"
    return name


def write_minutes(store: Store, meeting_id: int, kind: MinutesKind, settings: Settings,
                  target: Path | None = None, *, floor_names: bool = False) -> Path:
    """Write one document of the meeting's minutes; by default into the exports folder. The
    floor by side only, unless `floor_names`. The internal copy carries the secrecy notice on
    every page, and its writing is kept in the audit log."""
    document = store.minutes.document(meeting_id)
    target = target or settings.folder("exports") / file_name(kind, document.meeting.title,
                                                              floor_names)
    if kind is MinutesKind.TEXT:
        from comite.exports.minutes_text import write_minutes_text

        return write_minutes_text(document, target, floor_names=floor_names)
    from comite.usecases.letterhead import committee_stationery

    stationery = committee_stationery(store, document.meeting.committee_id)
    if kind is MinutesKind.EASY:
        from comite.exports.pdf.minutes_easy import write_minutes_easy
        from comite.usecases.organizer import organizer

        # Whom the reader calls with a question: the committee's organizer, with their number.
        contact = organizer(store, document.meeting.committee_id, settings)
        return write_minutes_easy(document, target, stationery=stationery, contact=contact)
    from comite.exports.pdf.minutes import write_minutes as write_pdf

    written = write_pdf(document, target, include_confidential=kind is MinutesKind.INTERNAL,
                        stationery=stationery, floor_names=floor_names)
    if kind is MinutesKind.INTERNAL:
        store.minutes.record_confidential_export(meeting_id)
    return written
