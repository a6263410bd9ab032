"""The coordinator's mailbox as the settings describe it, read alike by the app and `comite sync`."""

from pathlib import Path

from comite.store import Store
from comite.sync.mailbox import Mailbox, MailboxConfig
from comite.usecases import paths
from comite.usecases.settings import IMAP_PORTS, Settings, mailbox_wanted, trusted_certificate


def mailbox_config(settings: Settings) -> MailboxConfig | None:
    """None when no mailbox is set (imap_host empty): replies come through the inbox folder only."""
    if not mailbox_wanted(settings):
        return None
    security = settings.imap_security.strip() or "tls"
    port = settings.imap_port.strip()
    return MailboxConfig(
        host=settings.imap_host.strip(),
        port=int(port if port.isdigit() else IMAP_PORTS.get(security, "993")),
        user=settings.imap_user.strip(), security=security,
        folder=settings.imap_folder.strip() or "INBOX",
        certificate=trusted_certificate(settings))


def open_mailbox(store: Store, settings: Settings, *, poll_seconds: float = 60.0) -> Mailbox | None:
    """The reader of the mailbox the settings name (not connected yet), or None."""
    config = mailbox_config(settings)
    if config is None:
        return None
    return Mailbox(store, config, organizers=(settings.coordinator_email,),
                   charter_pieces=paths.charter_pieces_dir(),
                   trusted=[Path(path) for path in paths.trusted_certificates()],
                   poll_seconds=poll_seconds)
