"""The passwords of the coordinator's servers (mailbox, shared calendar): from an environment
variable, else the system keyring — never from a file comite writes, never logged."""

import os


def stored_secret(variable: str, service: str, user: str) -> str | None:
    """$`variable`, else the keyring's entry (`service`, `user`), else None."""
    if from_environment := os.environ.get(variable):
        return from_environment
    if not user:
        return None
    try:
        import keyring  # slow to import, absent on some systems: only when connecting

        return keyring.get_password(service, user)
    except Exception:  # no backend, a locked keyring: said as a missing password
        return None


def network_reason(error: BaseException) -> str:
    """Why a server could not be reached, in French, without its own words (they may quote an
    address)."""
    import socket
    import ssl

    from comite.kernel.i18n import _

    if isinstance(error, ConnectionRefusedError):
        return _("aucun service n’écoute sur ce port")
    if isinstance(error, socket.timeout | TimeoutError):
        return _("délai dépassé")
    if isinstance(error, socket.gaierror):
        return _("nom de serveur inconnu ou réseau absent")
    if isinstance(error, ssl.SSLError):
        return _("échec de la connexion chiffrée")
    return _("connexion interrompue")
