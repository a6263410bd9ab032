"""Sending the outbox's .eml files through the coordinator's own SMTP server, when configured.

One connection for the batch; a message the server refuses is reported and the others still
go. The password comes from the environment or the system keyring, is used for one login and
is never written anywhere (database, settings, logs, error messages).
"""

import os
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, message_from_string, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

from comite.kernel.i18n import _
from comite.store.errors import Refused

PASSWORD_VARIABLE = "COMITE_SMTP_PASSWORD"
KEYRING_SERVICE = "comite-smtp"
TIMEOUT_SECONDS = 30

Security = Literal["starttls", "ssl", "none"]


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    host: str
    port: int = 587
    username: str = ""
    security: Security = "starttls"
    from_address: str = ""  # the envelope sender; empty: the From: of each message


@dataclass(frozen=True, slots=True)
class SendResult:
    path: Path
    sent_at: str | None  # ISO 8601 UTC, for store.meetings.mark_sent
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.sent_at is not None


def password(config: SmtpConfig) -> str | None:
    """The SMTP password: $COMITE_SMTP_PASSWORD, else the system keyring, else None."""
    from_environment = os.environ.get(PASSWORD_VARIABLE)
    if from_environment:
        return from_environment
    if not config.username:
        return None
    try:
        import keyring  # slow to import and absent on some systems: only when sending

        return keyring.get_password(KEYRING_SERVICE, config.username)
    except Exception:  # no backend, locked keyring, D-Bus gone…: sending asks for it instead
        return None


_stored_password = password  # send() takes a parameter of the same name


def send(paths: list[Path], config: SmtpConfig, password: str | None = None) -> list[SendResult]:
    """Send each .eml (without its X-Unsent header); one result per path, in order.

    Refused, with nothing sent, when the server cannot be reached or refuses the login.
    """
    secret = password if password is not None else _stored_password(config)
    if config.username and not secret:
        raise Refused(_("Mot de passe d’envoi introuvable : indiquez-le dans la variable "
                        "{variable} ou dans le trousseau du système (service « {service} », avec "
                        "votre identifiant d’envoi).").format(
                            variable=PASSWORD_VARIABLE, service=KEYRING_SERVICE))
    with _connected(config, secret) as server:
        return [_send_one(server, path, config) for path in paths]


def _connected(config: SmtpConfig, secret: str | None) -> smtplib.SMTP:
    where = f"{config.host}:{config.port}"
    try:
        if config.security == "ssl":
            server = smtplib.SMTP_SSL(config.host, config.port, timeout=TIMEOUT_SECONDS,
                                      context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(config.host, config.port, timeout=TIMEOUT_SECONDS)
    except (OSError, smtplib.SMTPException) as error:
        raise Refused(_("Le serveur d’envoi {server} a refusé la connexion : {why}").format(
            server=where, why=_reason(error))) from None
    try:
        if config.security == "starttls":
            server.starttls(context=ssl.create_default_context())
        if config.username:
            server.login(config.username, secret or "")
    except smtplib.SMTPAuthenticationError:
        server.close()
        raise Refused(_("Le serveur d’envoi {server} a refusé la connexion : identifiant ou mot "
                        "de passe incorrect.").format(server=where)) from None
    except (OSError, smtplib.SMTPException) as error:
        server.close()
        raise Refused(_("Le serveur d’envoi {server} a refusé la connexion : {why}").format(
            server=where, why=_reason(error))) from None
    return server


def _send_one(server: smtplib.SMTP, path: Path, config: SmtpConfig) -> SendResult:
    try:
        message = _parsed(path.read_bytes())
    except OSError:
        return SendResult(path, None, _("Fichier illisible : il a peut-être été déplacé."))
    del message["X-Unsent"]  # a draft marker for mail clients, meaningless once sent
    try:
        refused = server.send_message(message, from_addr=config.from_address or None)
    except smtplib.SMTPRecipientsRefused:
        return SendResult(path, None, _("Le serveur a refusé l’adresse du destinataire."))
    except smtplib.SMTPNotSupportedError:
        return SendResult(path, None, _("Le serveur n’accepte pas les adresses avec accents (SMTPUTF8)."))
    except smtplib.SMTPResponseException as error:
        return SendResult(path, None, _("Le serveur a refusé ce message (code {code}).").format(
            code=error.smtp_code))
    except (OSError, smtplib.SMTPException) as error:
        return SendResult(path, None, _("Envoi interrompu : {why}").format(why=_reason(error)))
    if refused:
        return SendResult(path, None, _("Le serveur a refusé l’adresse du destinataire."))
    return SendResult(path, datetime.now(UTC).isoformat(timespec="seconds"))


def _parsed(data: bytes) -> EmailMessage:
    # The bytes parser leaves UTF-8 headers (an SMTPUTF8 address) undecoded; ours are UTF-8 text.
    try:
        return message_from_string(data.decode("utf-8"), policy=policy.SMTP)
    except UnicodeDecodeError:
        return message_from_bytes(data, policy=policy.SMTP)


def _reason(error: BaseException) -> str:
    """Why, in French and without any address: the server's own words may quote one."""
    if isinstance(error, socket.timeout | TimeoutError):
        return _("pas de réponse dans le délai ({seconds} s).").format(seconds=TIMEOUT_SECONDS)
    if isinstance(error, ConnectionRefusedError):
        return _("aucun service n’écoute sur ce port.")
    if isinstance(error, socket.gaierror):
        return _("nom de serveur inconnu.")
    if isinstance(error, ssl.SSLError):
        return _("la connexion chiffrée a échoué (certificat ou port incorrect ?).")
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return _("le serveur ne propose pas STARTTLS : choisissez « ssl » ou « aucune ».")
    if isinstance(error, smtplib.SMTPResponseException):
        return _("réponse {code} du serveur.").format(code=error.smtp_code)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return _("le serveur a coupé la connexion.")
    return _("erreur réseau ({kind}).").format(kind=type(error).__name__)
