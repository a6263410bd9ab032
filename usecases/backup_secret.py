"""The backups' passphrase: from $COMITE_BACKUP_PASSPHRASE, else the system keyring, where the
app and `comite backup` keep it once it is asked. Never written in a file, a log or a backup."""

import os

from comite.kernel.i18n import _
from comite.store.validation import FieldError

ENVIRONMENT = "COMITE_BACKUP_PASSPHRASE"
KEYRING_SERVICE = "comite-sauvegarde"
KEYRING_USER = "phrase de passe"
# AES-256 is only as strong as what it is derived from: a short phrase is guessed offline.
MIN_LENGTH = 12


def stored() -> str | None:
    """The passphrase if the environment or the keyring has one, else None."""
    if value := os.environ.get(ENVIRONMENT):
        return value
    try:
        import keyring  # slow to import, absent backends on some systems: only when needed

        return keyring.get_password(KEYRING_SERVICE, KEYRING_USER) or None
    except Exception:  # no backend, a locked keyring, D-Bus gone: the passphrase is asked
        return None


def keep(passphrase: str) -> bool:
    """Keep the passphrase in the system keyring; False when there is none that works."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, passphrase)
    except Exception:  # the same reasons as above: the caller says it will be asked again
        return False
    return True


def checked(passphrase: str, confirmation: str | None = None) -> str:
    """A new passphrase, long enough and typed the same twice; FieldError otherwise."""
    if len(passphrase) < MIN_LENGTH:
        raise FieldError("passphrase", _(
            "Choisissez une phrase de passe d’au moins {n} caractères (par exemple quatre mots "
            "sans rapport entre eux).").format(n=MIN_LENGTH))
    if confirmation is not None and confirmation != passphrase:
        raise FieldError("confirmation", _("Les deux saisies diffèrent : retapez la phrase de passe."))
    return passphrase
