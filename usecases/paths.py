"""Where comite keeps things on this machine (platformdirs), overridable for scripts and tests."""

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

APP = "comite"


def data_dir() -> Path:
    return user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    return user_config_path(APP, appauthor=False)


def log_dir() -> Path:
    return user_log_path(APP, appauthor=False)


def default_db() -> Path:
    """`--db` wins over `COMITE_DB`, which wins over the user data folder."""
    if env := os.environ.get("COMITE_DB"):
        return Path(env).expanduser()
    return data_dir() / "comite.sqlite"


def example_db() -> Path:
    """The example data lives in its own file so it never mixes with real people."""
    return data_dir() / "exemple.sqlite"


def charter_templates_dir() -> Path:
    """The coordinator's own charter templates, watched while the app runs."""
    return data_dir() / "modeles-charte"


def charter_pieces_dir() -> Path:
    """Scans and signed copies of charters that came back, kept beside the database."""
    return data_dir() / "chartes" / "pieces"


def certificate_dir() -> Path:
    """The structure's signing certificate and its key (folder 0700, key 0600)."""
    return data_dir() / "certificat"


def trusted_certificates() -> list[Path]:
    """The structure's own certificate, when there is one: a signature made with it is the
    structure's, and a file signed with it verifies as trusted on this machine."""
    from comite.exports.signature import CERT_NAME

    cert = certificate_dir() / CERT_NAME
    return [cert] if cert.is_file() else []


def training_certificates_dir() -> Path:
    """Training certificates (attestations) attached to people, kept beside the database."""
    return data_dir() / "formations"


def evidence_dir() -> Path:
    """The evidence of the actions of user involvement (ACI), kept beside the database."""
    return data_dir() / "preuves"


def receipts_dir() -> Path:
    """The receipts of the expenses of the users who engage, kept beside the database."""
    return data_dir() / "justificatifs"


def kept_documents_dirs() -> tuple[Path, ...]:
    """Every folder of documents kept beside the database that a backup carries and an
    erasure sweeps: the charters' pieces, training certificates, evidence and receipts."""
    return (charter_pieces_dir(), training_certificates_dir(), evidence_dir(), receipts_dir())


def logos_dir() -> Path:
    """The structures' logos, each named by its content's sha256: a charter issued with a logo
    finds it again by that sha256, so a file here is never replaced nor removed."""
    return data_dir() / "logos"


def erasure_ledger() -> Path:
    """The references of the people erased (no names), kept outside the backups."""
    from comite.usecases.erasure_ledger import FILE_NAME

    return data_dir() / FILE_NAME


def documents_folder() -> Path:
    """Where a returned file most likely waits: the downloads folder (a PDF received by e-mail
    is saved there), else the home folder. The picker's field takes any other path."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.home()
