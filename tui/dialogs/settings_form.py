"""Réglages: the coordinator (organizer of invitations where the structure designates none,
comite.usecases.organizer), the time zone, the folders."""

from collections.abc import Mapping
from dataclasses import replace

from textual.app import ComposeResult
from textual.widgets import Input, Select

from comite.kernel.i18n import _
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field
from comite.usecases import settings as settings_file
from comite.usecases.settings import Settings


class SettingsForm(FormScreen[Settings | None]):
    TITLE_TEXT = _("Réglages")

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def fields(self) -> ComposeResult:
        s = self.settings
        yield Field(_("Votre nom"), Input(s.coordinator_name, id="coordinator_name"),
                    hint=_("organisateur des invitations si la structure n’a pas de "
                           "coordinateur(rice) désigné(e)"))
        yield Field(_("Votre e-mail"), Input(s.coordinator_email, id="coordinator_email",
                                             placeholder=_("ex. coordination@example.org")),
                    hint=_("de même, et si la personne désignée n’en a pas"))
        yield Field(_("Votre téléphone"), Input(s.coordinator_phone, id="coordinator_phone"),
                    hint=_("imprimé sur les convocations papier, de même"))
        yield Field(_("Fuseau horaire"), Input(s.timezone, id="timezone",
                                               placeholder=_("par défaut : Europe/Paris")))
        for name, label in (("inbox", _("Boîte de réception (réponses)")),
                            ("outbox", _("Boîte d’envoi (invitations)")),
                            ("exports", _("Dossier des exports (PDF, CSV)"))):
            yield Field(label, Input(getattr(s, name), id=name,
                                     placeholder=_("par défaut : {path}").format(
                                         path=s.folder(name))))
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
                                           value=s.smtp_security or "starttls", allow_blank=False,
                                           id="smtp_security"))

    def submit(self, values: Mapping[str, object]) -> Settings:
        typed = replace(self.settings, **{k: str(v) for k, v in values.items()})
        return settings_file.validated(typed)
