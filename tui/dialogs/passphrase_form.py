"""The backups' passphrase, chosen once: typed twice, hidden, kept in the system keyring."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input, Static

from comite.kernel.errors import FieldError
from comite.kernel.i18n import _
from comite.store.errors import ValidationError
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field
from comite.usecases import backup_secret


class PassphraseForm(FormScreen[str | None]):
    TITLE_TEXT = _("Phrase de passe des sauvegardes")

    def fields(self) -> ComposeResult:
        yield Static(_("Les sauvegardes sont chiffrées avec cette phrase. Notez-la sur papier et "
                       "rangez-la : sans elle, aucune sauvegarde ne pourra être ouverte, ni par "
                       "vous ni par personne."), classes="form-note", markup=False)
        yield Field(_("Phrase de passe *"), Input(id="passphrase", password=True),
                    hint=_("{n} caractères au moins ; par exemple quatre mots sans rapport "
                           "entre eux").format(n=backup_secret.MIN_LENGTH))
        yield Field(_("La même, encore *"), Input(id="confirmation", password=True))

    def submit(self, values: Mapping[str, object]) -> str:
        try:
            return backup_secret.checked(str(values["passphrase"]), str(values["confirmation"]))
        except FieldError as error:
            raise ValidationError({error.field: error.message}) from None
