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
    # Reading the replies straight from the coordinator's mailbox is optional too: without a
    # server (imap_host empty), replies come through the inbox folder only. `tls` is implicit
    # TLS (993), `starttls` a plain connection upgraded (143), `none` only for a server on
    # this computer: a password never crosses a network in clear. The folder read is INBOX
    # unless told; a structure's own server with a self-signed certificate is trusted through
    # one PEM file named here, never by turning the check off.
    # The password never lives here: COMITE_IMAP_PASSWORD or the system keyring (service
    # « comite-imap », with the identifiant).
    imap_host: str = ""
    imap_port: str = "993"
    imap_user: str = ""
    imap_security: str = "tls"
    imap_folder: str = "INBOX"
    imap_certificate: str = ""
    # Publishing the meetings' dates into the structure's shared calendar is optional: without
    # an address (caldav_url empty), nothing is published. The address is the calendar
    # collection's (Nextcloud, SOGo, Radicale…), in https (http only for a server on this
    # computer), ending in « / »; a structure's own server with a self-signed certificate is
    # trusted through one PEM file named here, as the mailbox's is.
    # The password never lives here: COMITE_CALDAV_PASSWORD or the system keyring (service
    # « comite-caldav », with the identifiant).
    caldav_url: str = ""
    caldav_user: str = ""
    caldav_certificate: str = ""
    # Where the read-only .ics feed of each committee is written (a synced folder shares it);
    # no default, unlike the inbox, outbox and exports: empty, no feed is written.
    feed_folder: str = ""
    # Where the encrypted backups go (a NAS, a synced folder, a USB key); none until chosen.
    # The passphrase never lives here: COMITE_BACKUP_PASSPHRASE or the system keyring.
    backup_folder: str = ""

    def folder(self, name: str) -> Path:
        """The inbox, outbox or exports folder; by default inside the data folder. The backup
        and feed folders have no default (empty: no backup, no feed): `chosen_folder`,
        `calendar_feed_folder`."""
        chosen = getattr(self, name).strip()
        return chosen_folder(chosen) if chosen else paths.data_dir() / _DEFAULT_FOLDERS[name]


_DEFAULT_FOLDERS = {"inbox": "boite-de-reception", "outbox": "boite-d-envoi", "exports": "exports"}
# The folders of the settings, in the form's order: each one typed is checked alike (_folder).
FOLDERS = ("inbox", "outbox", "exports", "feed_folder", "backup_folder")
FOLDER_EXAMPLES = {"inbox": "~/Nextcloud/comite-reponses", "outbox": "~/Documents/comite/envoi",
             "exports": "~/Documents/comite/exports", "feed_folder": "~/Nextcloud/agenda-comite",
             "backup_folder": "/media/cle/sauvegardes ou ~/Nextcloud/sauvegardes-comite"}


def chosen_folder(value: str) -> Path:
    """A folder of the settings as typed: « ~ » is the home folder. A relative path (a settings
    file written by hand, or saved before the form asked for full paths) is read inside the data
    folder, never in whatever folder the app was started from."""
    path = home_expanded(value)
    return path if path.is_absolute() else paths.data_dir() / path


def home_expanded(value: str) -> Path:
    """A path as typed, « ~ » read as the home folder. « ~nom », the home of nobody on this
    computer, stays as typed: a relative path, refused where it is typed, never a crash."""
    path = Path(value.strip())
    try:
        return path.expanduser()
    except RuntimeError:  # pathlib's « Could not determine home directory »
        return path


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
    return _securities_known(Settings(**values)), None


def known_security(value: str, choices: tuple[str, ...], default: str) -> str:
    """A security as the servers' code compares it: « SSL » written by hand is « ssl », and
    a word it does not know is the encrypted `default`."""
    cleaned = value.strip().lower()
    return cleaned if cleaned in choices else default


def _securities_known(settings: Settings) -> Settings:
    """A settings.toml edited by hand is read with securities the sender and the mailbox's
    reader know: both connect in clear on any word but their own (« TLS », « tsl »), and a
    password would cross the network in clear because of a capital or a typo."""
    return replace(
        settings,
        smtp_security=known_security(settings.smtp_security, SMTP_SECURITY, "starttls"),
        imap_security=known_security(settings.imap_security, IMAP_SECURITY, "tls"))


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
    from being changed (the backups and the inbox say so when they need it); nor is a
    certificate file (the mailbox's reader, the calendar's publisher say so)."""
    def folder(name: str) -> str:
        value = getattr(settings, name)
        if saved is not None and value.strip() == getattr(saved, name).strip():
            return value.strip()
        return _folder(name, value)

    def certificate(name: str) -> str:
        # Like a folder: a certificate left as saved (a key unplugged) stops no other change.
        value = getattr(settings, name)
        if saved is not None and value.strip() == getattr(saved, name).strip():
            return value.strip()
        return _certificate(name, value)

    name, role, email, phone, zone, host, port, user, security, *rest = check.collect(
        lambda: check.optional_text("coordinator_name", settings.coordinator_name),
        lambda: _role(settings.coordinator_role),
        lambda: check.email("coordinator_email", settings.coordinator_email),
        lambda: check.phone("coordinator_phone", settings.coordinator_phone),
        lambda: _zone(settings.timezone),
        lambda: _host("smtp_host", settings.smtp_host),
        lambda: _port("smtp_port", settings.smtp_port, "587"),
        lambda: check.optional_text("smtp_user", settings.smtp_user),
        lambda: _security(settings.smtp_security),
        lambda: _host("imap_host", settings.imap_host),
        lambda: _imap_port(settings.imap_port, settings.imap_security),
        lambda: _imap_user(settings.imap_user, settings.imap_host),
        lambda: _imap_security(settings.imap_security, settings.imap_host),
        lambda: _imap_folder(settings.imap_folder),
        lambda: certificate("imap_certificate"),
        lambda: _caldav_url(settings.caldav_url),
        lambda: _caldav_user(settings.caldav_user, settings.caldav_url),
        lambda: certificate("caldav_certificate"),
        *(lambda f=f: folder(f) for f in FOLDERS),
        lambda: _inbox_apart(settings),
    )
    imap_host, imap_port, imap_user, imap_security, imap_folder, imap_certificate = rest[:6]
    caldav_url, caldav_user, caldav_certificate = rest[6:9]
    inbox, outbox, exports, feed, backups = rest[9:14]
    return replace(settings, coordinator_name=name, coordinator_role=role, coordinator_email=email,
                   coordinator_phone=phone, timezone=zone, smtp_host=host, smtp_port=port,
                   smtp_user=user, smtp_security=security, imap_host=imap_host,
                   imap_port=imap_port, imap_user=imap_user, imap_security=imap_security,
                   imap_folder=imap_folder, imap_certificate=imap_certificate,
                   caldav_url=caldav_url, caldav_user=caldav_user,
                   caldav_certificate=caldav_certificate, feed_folder=feed,
                   backup_folder=backups, inbox=inbox, outbox=outbox, exports=exports)


def mailbox_wanted(settings: Settings) -> bool:
    """Whether the replies are read from the coordinator's mailbox: a server is named."""
    return bool(settings.imap_host.strip())


def trusted_certificate(settings: Settings) -> Path | None:
    """The one certificate file the mailbox's server may present beside the system's
    authorities; None when none was named."""
    return _named_file(settings.imap_certificate)


def calendar_wanted(settings: Settings) -> bool:
    """Whether the meetings' dates are published into the shared calendar: an address is set."""
    return bool(settings.caldav_url.strip())


def caldav_trusted_certificate(settings: Settings) -> Path | None:
    """The one certificate file the shared calendar's server may present beside the system's
    authorities; None when none was named."""
    return _named_file(settings.caldav_certificate)


def _named_file(value: str) -> Path | None:
    """A file named in the settings, « ~ » read as the home folder; None when left empty."""
    chosen = value.strip()
    return home_expanded(chosen) if chosen else None


def calendar_feed_folder(settings: Settings) -> Path | None:
    """The folder the committees' .ics feeds are written into; None when none was chosen (no
    feed: unlike the inbox, it has no default, and `Settings.folder` would not know it)."""
    chosen = settings.feed_folder.strip()
    return chosen_folder(chosen) if chosen else None


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
# tls: TLS from the first byte (993); starttls: a plain connection upgraded (143).
IMAP_SECURITY = ("tls", "starttls", "none")
IMAP_PORTS = {"tls": "993", "starttls": "143", "none": "143"}
# Where a password may go in clear: this computer, never a network.
LOCAL_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
_HOST_EXAMPLES = {"smtp_host": "smtp.example.org", "imap_host": "imap.example.org"}
_PORT_REFUSALS = {
    "smtp_port": _("Le port est un nombre : 587 (STARTTLS) ou 465 (SSL) le plus souvent."),
    "imap_port": _("Le port est un nombre : 993 (TLS) ou 143 (STARTTLS) le plus souvent."),
}
CERTIFICATE_EXAMPLE = "~/certificats/serveur-msp.pem"
CALDAV_EXAMPLE = "https://cloud.example.org/remote.php/dav/calendars/coordination/comite/"
# Beyond any calendar's address, however deep its server nests it.
_URL_LIMIT = 500
# A certificate is a few kilobytes; a bundle of authorities a few hundred.
_CERTIFICATE_LIMIT = 1024 * 1024


def _role(value: str) -> str:
    """One line: it follows the name in every signature (« Martine Perrin, coordinatrice… »)."""
    cleaned = " ".join(check.optional_text("coordinator_role", value, limit=80).split())
    return cleaned.rstrip(".,;")


def _host(field: str, value: str) -> str:
    cleaned = value.strip()
    if cleaned and (any(ch.isspace() for ch in cleaned) or "/" in cleaned or len(cleaned) > 253):
        raise check.FieldError(field, _(
            "Écrivez seulement le nom du serveur (exemple : {example}).").format(
                example=_HOST_EXAMPLES[field]))
    return cleaned


def _port(field: str, value: str, default: str) -> str:
    cleaned = value.strip() or default
    if not cleaned.isdigit() or not 0 < int(cleaned) < 65536:
        raise check.FieldError(field, _PORT_REFUSALS[field])
    return cleaned


def _imap_port(value: str, security: str) -> str:
    """Left empty, the port of the security chosen. 993 with STARTTLS (or 143 with TLS) is
    the other one's port: the connection would wait for a greeting that never comes."""
    chosen = security.strip().lower() or "tls"
    port = _port("imap_port", value, IMAP_PORTS.get(chosen, "993"))
    if chosen == "tls" and port == "143":
        raise check.FieldError("imap_port", _(
            "Le port 143 attend STARTTLS : choisissez STARTTLS, ou le port 993 pour TLS."))
    if chosen in ("starttls", "none") and port == "993":
        raise check.FieldError("imap_port", _(
            "Le port 993 attend TLS dès la connexion : choisissez TLS, ou le port 143."))
    return port


def _imap_user(value: str, host: str) -> str:
    cleaned = check.optional_text("imap_user", value)
    if host.strip() and not cleaned:
        raise check.FieldError("imap_user", _(
            "Indiquez l’identifiant de votre messagerie : le serveur de réception le demande."))
    return cleaned


def _imap_security(value: str, host: str) -> str:
    cleaned = value.strip().lower() or "tls"
    if cleaned not in IMAP_SECURITY:
        raise check.FieldError("imap_security", _("Choisissez tls, starttls ou none."))
    if cleaned == "none" and host.strip() and host.strip().lower() not in LOCAL_HOSTS:
        raise check.FieldError("imap_security", _(
            "Sans chiffrement, seulement pour un serveur sur cet ordinateur (127.0.0.1) : "
            "choisissez TLS ou STARTTLS."))
    return cleaned


def _imap_folder(value: str) -> str:
    """The folder read, as the mail program names it (« INBOX », « INBOX/Réponses »)."""
    cleaned = value.strip() or "INBOX"
    if not cleaned.isprintable():
        raise check.FieldError("imap_folder", _("Ce nom de dossier contient un caractère "
                                                "invisible : retapez-le."))
    if len(cleaned) > 200:
        raise check.FieldError("imap_folder", _("Ce nom de dossier est trop long (200 caractères "
                                                "au plus)."))
    return cleaned


def _caldav_url(value: str) -> str:
    """The shared calendar's address, as its server gives it: https (a password crosses the
    network with every request), or http for a server on this computer; a collection, so it
    ends in « / » (a server answers the address without it with a redirect, or not at all)."""
    cleaned = value.strip()
    if not cleaned:
        return cleaned
    _caldav_address_text(cleaned)
    scheme = _caldav_address_parts(cleaned)
    # « HTTPS:// » typed is the same address: written as the publisher compares it.
    cleaned = scheme + cleaned[len(scheme):]
    return cleaned if cleaned.endswith("/") else f"{cleaned}/"


def _caldav_address_text(cleaned: str) -> None:
    """The address as text, before it is split: what no calendar's address holds."""
    if not cleaned.isprintable() or any(ch.isspace() for ch in cleaned):
        raise check.FieldError("caldav_url", _(
            "Une adresse ne contient ni espace ni caractère invisible : copiez-la telle que "
            "le serveur la donne."))
    if len(cleaned) > _URL_LIMIT:
        raise check.FieldError("caldav_url", _(
            "Cette adresse est trop longue ({limit} caractères au plus).").format(
                limit=_URL_LIMIT))
    # A query or a fragment is no collection's (a « / » added after it would land inside it):
    # the address of the calendar's web page, most likely, not the one for CalDAV.
    if "?" in cleaned or "#" in cleaned:
        raise check.FieldError("caldav_url", _(
            "L’adresse d’un calendrier n’a ni « ? » ni « # » : copiez celle que le serveur "
            "donne pour l’agenda (CalDAV)."))


def _caldav_address_parts(cleaned: str) -> str:
    """The address split: a scheme, a server, no identifiant nor password inside. « @ » may
    stand in the path (a Nextcloud account named by its e-mail), never before the server.
    Returns the scheme, in lower case."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(cleaned)
        _port = parts.port  # a port of letters, or beyond 65535, raises only when read
    except ValueError:  # « https://[::1 » unclosed, « :port »
        raise _not_an_address() from None
    if parts.scheme not in ("https", "http"):
        raise _not_an_address()
    if "@" in parts.netloc:
        raise check.FieldError("caldav_url", _(
            "Ôtez « nom:…@ » de l’adresse : l’identifiant a son champ, et le mot de passe ne "
            "s’écrit pas dans l’adresse."))
    if not parts.hostname:
        raise _not_an_address()
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:  # hostname: lower case
        raise check.FieldError("caldav_url", _(
            "L’adresse commence par https:// : http:// (sans chiffrement) seulement pour un "
            "serveur sur cet ordinateur (127.0.0.1)."))
    return parts.scheme


def _not_an_address() -> check.FieldError:
    return check.FieldError("caldav_url", _(
        "Ce n’est pas l’adresse d’un calendrier (exemple : {example}).").format(
            example=CALDAV_EXAMPLE))


def _caldav_user(value: str, url: str) -> str:
    cleaned = check.optional_text("caldav_user", value)
    if url.strip() and not cleaned:
        raise check.FieldError("caldav_user", _(
            "Indiquez l’identifiant du compte de l’agenda : le serveur le demande."))
    return cleaned


def _certificate(field: str, value: str) -> str:
    """One PEM certificate the coordinator trusts (the mailbox's, the shared calendar's): a
    full path to a readable file that the TLS library takes as a certificate, checked now
    rather than at the first connection."""
    import os

    cleaned = value.strip()
    if not cleaned:
        return cleaned
    if not cleaned.isprintable():
        raise check.FieldError(field, _("Ce chemin contient un caractère invisible : "
                                        "retapez-le."))
    path = home_expanded(cleaned)
    if not path.is_absolute():
        raise check.FieldError(field, _(
            "Indiquez le chemin complet du fichier (exemple : {example}).").format(
                example=CERTIFICATE_EXAMPLE))
    if not path.exists():
        raise check.FieldError(field, _("Ce fichier n’existe pas : vérifiez le chemin."))
    if path.is_dir():
        raise check.FieldError(field, _("C’est un dossier, pas un fichier."))
    if not path.is_file():  # a device, a pipe: reading it could wait forever
        raise check.FieldError(field, _(
            "Ce n’est pas un fichier ordinaire : indiquez le fichier .pem du certificat."))
    if not os.access(path, os.R_OK):
        raise check.FieldError(field, _("Ce fichier ne peut pas être lu : vérifiez ses droits."))
    _pem_certificate(field, path)
    return cleaned


def _pem_certificate(field: str, path: Path) -> None:
    """The file as the reader will load it: a PEM certificate, not a key nor a DER file."""
    import ssl

    not_pem = check.FieldError(field, _(
        "Ce fichier n’est pas un certificat au format PEM (un texte qui commence par "
        "« -----BEGIN CERTIFICATE----- »)."))
    try:
        if path.stat().st_size > _CERTIFICATE_LIMIT:
            raise not_pem
        # A bare context: the system's authorities are not this check's business.
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cafile=str(path))
    except (ssl.SSLError, ValueError):  # before OSError: an SSLError is one
        raise not_pem from None
    except OSError as error:
        raise check.FieldError(field, _(
            "Ce fichier n’a pas pu être lu : {why}.").format(why=system_reason(error))) from None


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
    path = home_expanded(cleaned)
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
    # The feed's .ics files there would be read as replies to an invitation, then set aside.
    others += [chosen_folder(value) for value in (settings.backup_folder, settings.feed_folder)
               if value.strip()]
    if any(same(inbox, other) for other in others):
        raise check.FieldError("inbox", _(
            "La boîte de réception doit être un dossier à elle : comite met de côté ce qu’il y "
            "trouve et ne sait pas lire (invitations, exports, sauvegardes, flux d’agenda)."))


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically: a temporary file beside it, fsync, then rename over the old one."""
    import tomli_w

    from comite.exports.files import atomic_write

    return atomic_write(path or settings_file(), tomli_w.dumps(asdict(settings)).encode("utf-8"))

