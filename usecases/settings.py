"""The coordinator's settings, in a TOML file in the platformdirs config folder."""

import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import validation as check
from comite.usecases import paths

FILE_NAME = "settings.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    coordinator_name: str = ""
    coordinator_email: str = ""
    coordinator_phone: str = ""
    timezone: str = "Europe/Paris"
    inbox: str = ""
    outbox: str = ""
    exports: str = ""
    theme: str = "textual-dark"
    # Sending is optional: without a server, invitations wait in the outbox as .eml files.
    # The password never lives here: COMITE_SMTP_PASSWORD or the system keyring.
    smtp_host: str = ""
    smtp_port: str = "587"
    smtp_user: str = ""
    smtp_security: str = "starttls"
    # Where the encrypted backups go (a NAS, a synced folder, a USB key); none until chosen.
    # The passphrase never lives here: COMITE_BACKUP_PASSPHRASE or the system keyring.
    backup_folder: str = ""

    def folder(self, name: str) -> Path:
        """The inbox, outbox or exports folder; by default inside the data folder."""
        chosen = getattr(self, name)
        return Path(chosen).expanduser() if chosen else paths.data_dir() / _DEFAULT_FOLDERS[name]


_DEFAULT_FOLDERS = {"inbox": "boite-de-reception", "outbox": "boite-d-envoi", "exports": "exports"}


def settings_file() -> Path:
    return paths.config_dir() / FILE_NAME


def load(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings, or the defaults with a French warning when the file is unreadable."""
    path = path or settings_file()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return Settings(), _(
            "Le fichier de réglages {path} est illisible : les réglages par défaut sont "
            "utilisés, et il sera remplacé au prochain enregistrement."
        ).format(path=path)
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known and isinstance(v, str)}
    return Settings(**values), None


def audit_actor() -> str:
    """Who the audit log says made a change: the coordinator named in the settings, else
    « coordination » (one laptop, one coordinator: the log tells them from a script only)."""
    settings, _warning = load()
    return settings.coordinator_name.strip() or "coordination"


def validated(settings: Settings) -> Settings:
    """Settings as typed in the form, cleaned; raises ValidationError naming each bad field."""
    name, email, phone, zone, host, port, user, security, backups, *folders = check.collect(
        lambda: check.optional_text("coordinator_name", settings.coordinator_name),
        lambda: check.email("coordinator_email", settings.coordinator_email),
        lambda: check.phone("coordinator_phone", settings.coordinator_phone),
        lambda: _zone(settings.timezone),
        lambda: _host(settings.smtp_host),
        lambda: _port(settings.smtp_port),
        lambda: check.optional_text("smtp_user", settings.smtp_user),
        lambda: _security(settings.smtp_security),
        lambda: _backup_folder(settings.backup_folder),
        *(lambda f=f: _folder(f, getattr(settings, f)) for f in ("inbox", "outbox", "exports")),
    )
    return replace(settings, coordinator_name=name, coordinator_email=email,
                   coordinator_phone=phone, timezone=zone, smtp_host=host, smtp_port=port,
                   smtp_user=user, smtp_security=security, backup_folder=backups,
                   inbox=folders[0], outbox=folders[1], exports=folders[2])


SMTP_SECURITY = ("starttls", "ssl", "none")


def _host(value: str) -> str:
    cleaned = value.strip()
    if cleaned and (any(ch.isspace() for ch in cleaned) or "/" in cleaned or len(cleaned) > 253):
        raise check.FieldError("smtp_host", _(
            "Écrivez seulement le nom du serveur (exemple : smtp.example.org)."))
    return cleaned


def _port(value: str) -> str:
    cleaned = value.strip() or "587"
    if not cleaned.isdigit() or not 0 < int(cleaned) < 65536:
        raise check.FieldError("smtp_port", _(
            "Le port est un nombre : 587 (STARTTLS) ou 465 (SSL) le plus souvent."))
    return cleaned


def _security(value: str) -> str:
    cleaned = value.strip().lower() or "starttls"
    if cleaned not in SMTP_SECURITY:
        raise check.FieldError("smtp_security", _("Choisissez starttls, ssl ou none."))
    return cleaned


def _zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    cleaned = value.strip() or "Europe/Paris"
    try:
        ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise check.FieldError("timezone", _(
            "« {value} » n’est pas un fuseau horaire connu (exemple : Europe/Paris, "
            "America/Cayenne, Indian/Reunion).").format(value=cleaned[:40])) from None
    return cleaned


def _folder(field: str, value: str) -> str:
    cleaned = value.strip()
    if cleaned and Path(cleaned).expanduser().is_file():
        raise check.FieldError(field, _("C’est un fichier, pas un dossier."))
    return cleaned


def _backup_folder(value: str) -> str:
    """A folder the backups can be written to: a full path (a relative one would depend on
    where the app was started), a folder and not a file, writable, or creatable in its parent."""
    import os

    cleaned = _folder("backup_folder", value)
    if not cleaned:
        return cleaned
    path = Path(cleaned).expanduser()
    if not path.is_absolute():
        raise check.FieldError("backup_folder", _(
            "Indiquez le chemin complet du dossier (exemple : /media/cle/sauvegardes ou "
            "~/Nextcloud/sauvegardes-comite)."))
    existing = path if path.is_dir() else path.parent
    if not existing.is_dir():
        raise check.FieldError("backup_folder", _(
            "Ni ce dossier ni le dossier qui le contient n’existent (disque débranché ?)."))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise check.FieldError("backup_folder", _("Ce dossier est en lecture seule : choisissez-en un "
                                                  "où vous pouvez écrire."))
    return cleaned


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically: a temporary file beside it, fsync, then rename over the old one."""
    import tomli_w

    from comite.exports.files import atomic_write

    return atomic_write(path or settings_file(), tomli_w.dumps(asdict(settings)).encode("utf-8"))

