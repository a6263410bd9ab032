"""The coordinator's settings, in a TOML file in the platformdirs config folder."""

import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.usecases import paths

FILE_NAME = "settings.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    coordinator_name: str = ""
    # What the coordinator is, as every message and letter signs it: « coordinatrice de la MSP »
    coordinator_role: str = ""
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
        chosen = getattr(self, name).strip()
        return chosen_folder(chosen) if chosen else paths.data_dir() / _DEFAULT_FOLDERS[name]


_DEFAULT_FOLDERS = {"inbox": "boite-de-reception", "outbox": "boite-d-envoi", "exports": "exports"}
# The folders of the settings, in the form's order: each one typed is checked alike (_folder).
FOLDERS = ("inbox", "outbox", "exports", "backup_folder")
FOLDER_EXAMPLES = {"inbox": "~/Nextcloud/comite-reponses", "outbox": "~/Documents/comite/envoi",
             "exports": "~/Documents/comite/exports",
             "backup_folder": "/media/cle/sauvegardes ou ~/Nextcloud/sauvegardes-comite"}


def chosen_folder(value: str) -> Path:
    """A folder of the settings as typed: « ~ » is the home folder. A relative path (a settings
    file written by hand, or saved before the form asked for full paths) is read inside the data
    folder, never in whatever folder the app was started from."""
    path = Path(value.strip()).expanduser()
    return path if path.is_absolute() else paths.data_dir() / path


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


def validated(settings: Settings, saved: Settings | None = None) -> Settings:
    """Settings as typed in the form, cleaned; raises ValidationError naming each bad field.
    A folder typed must be a full path to a folder that exists, or whose parent does (it is
    then created once the coordinator agreed: `missing_folders`, `create_folders`). A folder
    left as `saved` has is not checked again: an unplugged key must not stop a phone number
    from being changed (the backups and the inbox say so when they need it)."""
    def folder(name: str) -> str:
        value = getattr(settings, name)
        if saved is not None and value.strip() == getattr(saved, name).strip():
            return value.strip()
        return _folder(name, value)

    name, role, email, phone, zone, host, port, user, security, *folders = check.collect(
        lambda: check.optional_text("coordinator_name", settings.coordinator_name),
        lambda: _role(settings.coordinator_role),
        lambda: check.email("coordinator_email", settings.coordinator_email),
        lambda: check.phone("coordinator_phone", settings.coordinator_phone),
        lambda: _zone(settings.timezone),
        lambda: _host(settings.smtp_host),
        lambda: _port(settings.smtp_port),
        lambda: check.optional_text("smtp_user", settings.smtp_user),
        lambda: _security(settings.smtp_security),
        *(lambda f=f: folder(f) for f in FOLDERS),
        lambda: _inbox_apart(settings),
    )
    inbox, outbox, exports, backups = folders[:4]
    return replace(settings, coordinator_name=name, coordinator_role=role, coordinator_email=email,
                   coordinator_phone=phone, timezone=zone, smtp_host=host, smtp_port=port,
                   smtp_user=user, smtp_security=security, backup_folder=backups,
                   inbox=inbox, outbox=outbox, exports=exports)


def missing_folders(settings: Settings, saved: Settings | None = None) -> list[tuple[str, Path]]:
    """The folders typed in the settings (changed from `saved`) that do not exist yet, by
    field: the app asks before creating them (« Créer le dossier … ? »)."""
    return [(name, chosen_folder(value)) for name in FOLDERS
            if (value := getattr(settings, name).strip()) and not chosen_folder(value).is_dir()
            and (saved is None or value != getattr(saved, name).strip())]


def create_folders(missing: list[tuple[str, Path]]) -> None:
    """Create the folders the coordinator agreed to (their parent exists: `validated` said so);
    raises ValidationError, with the system's reason in French, beside each one that fails."""

    def create(field: str, path: Path) -> None:
        try:
            path.mkdir(exist_ok=True)
        except OSError as error:
            raise check.FieldError(field, _("Le dossier n’a pas pu être créé : {why}.").format(
                why=system_reason(error))) from None

    check.collect(*(lambda f=f, p=p: create(f, p) for f, p in missing))


SMTP_SECURITY = ("starttls", "ssl", "none")


def _role(value: str) -> str:
    """One line: it follows the name in every signature (« Martine Perrin, coordinatrice… »)."""
    cleaned = " ".join(check.optional_text("coordinator_role", value, limit=80).split())
    return cleaned.rstrip(".,;")


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
    """A folder comite can write into: a full path (a relative one would depend on where the
    app was started), a folder and not a file, that exists or whose parent does (a USB key
    unplugged, a typo: nothing is made there without asking), writable."""
    import os

    cleaned = value.strip()
    if not cleaned:
        return cleaned
    if any(ord(ch) < 32 for ch in cleaned):
        raise check.FieldError(field, _("Ce chemin contient un caractère invisible : "
                                        "retapez-le."))
    path = Path(cleaned).expanduser()
    if not path.is_absolute():
        raise check.FieldError(field, _(
            "Indiquez le chemin complet du dossier (exemple : {example}).").format(
                example=FOLDER_EXAMPLES[field]))
    if path.exists() and not path.is_dir():
        raise check.FieldError(field, _("C’est un fichier, pas un dossier."))
    existing = path if path.is_dir() else path.parent
    if existing.exists() and not existing.is_dir():
        raise check.FieldError(field, _("{path} est un fichier, pas un dossier.").format(
            path=existing))
    if not existing.is_dir():
        raise check.FieldError(field, _(
            "Ni ce dossier ni le dossier qui le contient n’existent (disque débranché ?)."))
    if not os.access(existing, os.R_OK | os.W_OK | os.X_OK):
        raise check.FieldError(field, _("Ce dossier est en lecture seule : choisissez-en un "
                                        "où vous pouvez écrire."))
    return cleaned


def _inbox_apart(settings: Settings) -> None:
    """The inbox sets aside what it cannot read: the outbox, the exports or the backups there
    would be filed away as unknown files."""
    def real(path: Path) -> Path:
        try:
            return path.resolve()
        except (OSError, RuntimeError, ValueError):  # a loop of links, a name the system refuses
            return path

    def same(one: Path, other: Path) -> bool:
        return real(one) == real(other)

    inbox = settings.folder("inbox")
    others = [settings.folder("outbox"), settings.folder("exports")]
    if settings.backup_folder.strip():
        others.append(chosen_folder(settings.backup_folder))
    if any(same(inbox, other) for other in others):
        raise check.FieldError("inbox", _(
            "La boîte de réception doit être un dossier à elle : comite met de côté ce qu’il y "
            "trouve et ne sait pas lire (invitations, exports, sauvegardes)."))


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically: a temporary file beside it, fsync, then rename over the old one."""
    import tomli_w

    from comite.exports.files import atomic_write

    return atomic_write(path or settings_file(), tomli_w.dumps(asdict(settings)).encode("utf-8"))

