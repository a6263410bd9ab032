"""Training certificates (attestations) the coordinator points at, received as every document
kept beside the database is (`received_files`)."""

from pathlib import Path

from comite.kernel.i18n import _
from comite.sync.received_files import Document, discard, receive

__all__ = ["discard", "receive_certificate"]

CERTIFICATE = Document(
    prefix="attestation", noun=_("une attestation"),
    what=_("Une attestation se joint en PDF, ou en image PNG ou JPEG (photo ou scan)."))


def receive_certificate(source: Path, folder: Path) -> tuple[Path, str]:
    """Copy the certificate `source` into `folder`; returns (the copy, its sha256)."""
    return receive(source, folder, CERTIFICATE)
