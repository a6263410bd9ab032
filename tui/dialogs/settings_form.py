"""Réglages: the coordinator (organizer of invitations where the structure designates none,
comite.usecases.organizer), the time zone, the folders, the servers that send the invitations
(SMTP) and read the replies (IMAP), the shared calendar the meetings' dates are published into
(CalDAV) and the folder of the committees' .ics feeds."""

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from comite.kernel.i18n import _
from comite.store.errors import ValidationError
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field
from comite.usecases import settings as settings_file
from comite.usecases.settings import Settings

if TYPE_CHECKING:
    from comite.store.backups import BackupRecord


FOLDER_HINT = _("dossiers : chemin complet (~ : votre dossier personnel) ; un dossier absent est "
                "créé après confirmation")
FOLDER_CONTENTS = {"inbox": _("les réponses à lire"), "outbox": _("les invitations"),
                   "exports": _("les PDF et les tableurs"),
                   "feed_folder": _("le fichier .ics de chaque comité, à partager ou à ajouter "
                                    "à un agenda"),
                   "backup_folder": _("les sauvegardes chiffrées")}


class SettingsForm(FormScreen[Settings | None]):
    TITLE_TEXT = _("Réglages")

    def __init__(self, settings: Settings, last_backup: "BackupRecord | None" = None) -> None:
        super().__init__()
        self.settings = settings
        self.last_backup = last_backup
        # Settings not read from the file (load makes them known) may hold a word the list does
        # not offer: a Select stops on it, so it opens as the default; saving judges it again.
        self._imap_security = settings_file.known_security(settings.imap_security,
                                                           settings_file.IMAP_SECURITY, "tls")

    def fields(self) -> ComposeResult:
        s = self.settings
        yield Field(_("Votre nom"), Input(s.coordinator_name, id="coordinator_name"),
                    hint=_("organisateur des invitations si la structure n’a pas de "
                           "coordinateur(rice) désigné(e)"))
        yield Field(_("Votre fonction"), Input(s.coordinator_role, id="coordinator_role",
                                               placeholder=_("ex. coordinatrice de la MSP")),
                    hint=_("après votre nom, dans chaque message et chaque lettre"))
        yield Field(_("Votre e-mail"), Input(s.coordinator_email, id="coordinator_email",
                                             placeholder=_("ex. coordination@example.org")),
                    hint=_("de même, et si la personne désignée n’en a pas"))
        yield Field(_("Votre téléphone"), Input(s.coordinator_phone, id="coordinator_phone"),
                    hint=_("dans chaque message et chaque lettre, pour vous répondre ; de même"))
        yield Field(_("Fuseau horaire"), Input(s.timezone, id="timezone",
                                               placeholder=_("par défaut : Europe/Paris")))
        for name, label in (("inbox", _("Boîte de réception (réponses)")),
                            ("outbox", _("Boîte d’envoi (invitations)")),
                            ("exports", _("Dossier des exports (PDF, CSV)"))):
            # The default in the hint, which wraps: a placeholder shows only what fits.
            default = _("vide : {path}").format(path=home_as_tilde(Settings().folder(name)))
            yield Field(label, Input(getattr(s, name), id=name,
                                     placeholder=_("ex. {path}").format(
                                         path=settings_file.FOLDER_EXAMPLES[name])),
                        hint=f"{default}\n{FOLDER_HINT}" if name == "inbox" else default)
        yield Field(_("Serveur d’envoi"), Input(s.smtp_host, id="smtp_host",
                                                placeholder=_("ex. smtp.example.org")),
                    hint=_("facultatif : sans serveur, les invitations attendent dans la "
                           "boîte d’envoi"))
        yield Field(_("Port"), Input(s.smtp_port, id="smtp_port", placeholder=_("par défaut : 587")))
        yield Field(_("Identifiant"), Input(s.smtp_user, id="smtp_user"),
                    hint=_("mot de passe : variable COMITE_SMTP_PASSWORD ou trousseau du "
                           "système, jamais enregistré ici"))
        yield Field(_("Sécurité"), Select([("STARTTLS", "starttls"), ("SSL/TLS", "ssl"),
                                            (_("Aucune"), "none")],
                                           value=settings_file.known_security(
                                               s.smtp_security, settings_file.SMTP_SECURITY,
                                               "starttls"),
                                           allow_blank=False, id="smtp_security"))
        yield from self._mailbox_fields()
        yield from self._calendar_fields()
        yield Field(_("Dossier des sauvegardes"), Input(s.backup_folder, id="backup_folder",
                                                        placeholder=_("ex. /media/cle-usb/sauvegardes")),
                    hint=self._backup_hint())

    def _mailbox_fields(self) -> ComposeResult:
        """The mailbox the replies are read from (IMAP): optional, as sending is."""
        s = self.settings
        security = self._imap_security
        yield Field(_("Serveur de réception (IMAP)"),
                    Input(s.imap_host, id="imap_host", placeholder=_("ex. imap.example.org")),
                    hint=_("facultatif : les réponses arrivées dans votre messagerie sont lues "
                           "directement ; seuls les messages de comite sont touchés, rangés "
                           "dans comite/traité"))
        yield Field(_("Port"), Input(s.imap_port, id="imap_port",
                                     placeholder=_("par défaut : {port}").format(
                                         port=settings_file.IMAP_PORTS[security])),
                    hint=_("vide : 993 avec TLS, 143 avec STARTTLS ou sans chiffrement"))
        yield Field(_("Identifiant"), Input(s.imap_user, id="imap_user"),
                    hint=_("mot de passe : variable COMITE_IMAP_PASSWORD ou trousseau du "
                           "système (comite-imap), jamais enregistré ici"))
        yield Field(_("Sécurité"), Select([(_("TLS (993)"), "tls"),
                                            (_("STARTTLS (143)"), "starttls"),
                                            (_("Aucune (127.0.0.1 seulement)"), "none")],
                                           value=security, allow_blank=False, id="imap_security"))
        yield Field(_("Dossier lu"), Input(s.imap_folder, id="imap_folder",
                                           placeholder=_("par défaut : INBOX")))
        yield Field(_("Certificat à accepter"),
                    Input(s.imap_certificate, id="imap_certificate",
                          placeholder=_("ex. {path}").format(
                              path=settings_file.CERTIFICATE_EXAMPLE)),
                    hint=_("facultatif : le fichier .pem d’un serveur de la structure au "
                           "certificat auto-signé"))

    def _calendar_fields(self) -> ComposeResult:
        """The shared calendar the meetings' dates are published into (CalDAV), and the folder
        of the read-only feeds: both optional, each without the other."""
        s = self.settings
        yield Field(_("Agenda partagé (CalDAV)"),
                    Input(s.caldav_url, id="caldav_url", placeholder=_("ex. {url}").format(
                        url=settings_file.CALDAV_EXAMPLE)),
                    hint=_("facultatif : l’adresse du calendrier de la structure ; les dates des "
                           "réunions y sont publiées, sans aucun nom de participant"))
        yield Field(_("Identifiant"), Input(s.caldav_user, id="caldav_user"),
                    hint=_("mot de passe : variable COMITE_CALDAV_PASSWORD ou trousseau du "
                           "système (comite-caldav), jamais enregistré ici"))
        yield Field(_("Certificat à accepter"),
                    Input(s.caldav_certificate, id="caldav_certificate",
                          placeholder=_("ex. {path}").format(
                              path=settings_file.CERTIFICATE_EXAMPLE)),
                    hint=_("facultatif : le fichier .pem d’un serveur de la structure au "
                           "certificat auto-signé"))
        yield Field(_("Dossier du flux .ics"),
                    Input(s.feed_folder, id="feed_folder", placeholder=_("ex. {path}").format(
                        path=settings_file.FOLDER_EXAMPLES["feed_folder"])),
                    hint=_("facultatif : un fichier .ics par comité, mis à jour à chaque "
                           "changement, à partager en lecture"))

    @on(Select.Changed, "#imap_security")
    def _imap_port_follows(self, event: Select.Changed) -> None:
        """The port still at the former security's own (993, 143) follows the new one: TLS
        spoken to a STARTTLS port waits for an answer that never comes."""
        if event.value is Select.NULL or event.value == self._imap_security:
            return
        port = self.query_one("#imap_port", Input)
        if port.value.strip() == settings_file.IMAP_PORTS[self._imap_security]:
            port.value = settings_file.IMAP_PORTS[str(event.value)]
        self._imap_security = str(event.value)

    def _backup_hint(self) -> str:
        """Where the backups stand: the last one, or why there is none."""
        from datetime import UTC, datetime

        from comite.tui.wording import backup_moment

        if self.last_backup is None:
            said = _("aucune sauvegarde encore")
        else:
            said = _("dernière sauvegarde {when}").format(
                when=backup_moment(self.last_backup.created_at, datetime.now(UTC)))
        return _("{said} ; chiffrées, chaque jour, sur une clé, un NAS ou un dossier synchronisé "
                 "(phrase de passe demandée une fois)").format(said=said)

    def submit(self, values: Mapping[str, object]) -> Settings:
        typed = replace(self.settings, **{k: str(v) for k, v in values.items()})
        return settings_file.validated(typed, saved=self.settings)

    def accepted(self, result: Settings) -> None:
        """A folder typed that does not exist yet is created only once the coordinator agreed
        (a typo, an unplugged key: nothing appears on the disk unasked)."""
        missing = settings_file.missing_folders(result, saved=self.settings)
        if not missing:
            self.dismiss(result)
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        def create() -> None:
            try:
                settings_file.create_folders(missing)
            except ValidationError as error:
                self.show_errors(error.errors)
                return
            self.dismiss(result)

        def declined() -> None:
            self.show_errors({field: _("Ce dossier n’existe pas : corrigez le chemin, ou "
                                       "enregistrez pour le créer.") for field, _path in missing})

        if len(missing) == 1:
            title = _("Créer le dossier {path} ?").format(path=missing[0][1])
            lines = [_("Il n’existe pas encore. Il recevra {what}.").format(
                what=FOLDER_CONTENTS[missing[0][0]])]
        else:
            title = _("Créer ces {n} dossiers ?").format(n=len(missing))
            lines = [_("{path} : {what}").format(path=path, what=FOLDER_CONTENTS[field])
                     for field, path in missing]
        ConfirmScreen.ask(self.app, title, lines, confirm=_("Créer"), cancel=_("Corriger"),
                          danger=False, then=create, cancelled=declined)


def home_as_tilde(path: Path) -> str:
    """A path under the person's home written from « ~ », as the folder fields take them."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
