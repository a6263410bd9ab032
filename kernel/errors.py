"""The one error every layer may raise about a value a person typed."""


class FieldError(ValueError):
    """A value refused, with the field it belongs to so a form can point at it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def system_reason(error: OSError) -> str:
    """Why the system refused (a file, a connection), in French: its own words are English."""
    import errno

    reasons = {
        errno.ENOSPC: "le disque est plein", errno.EDQUOT: "le quota du disque est atteint",
        # A file size limit (RLIMIT_FSIZE, a FAT32 key's 4 Go): for the writer, a full disk.
        errno.EFBIG: "le disque est plein (taille de fichier maximale atteinte)",
        errno.EACCES: "l’accès est refusé (droits du dossier)",
        errno.EPERM: "l’opération n’est pas permise (droits du dossier)",
        errno.EROFS: "le disque est en lecture seule", errno.ENOENT: "le dossier n’existe pas",
        errno.ENOTDIR: "un élément du chemin n’est pas un dossier",
        errno.EEXIST: "un fichier du même nom est déjà là",
        errno.EISDIR: "c’est un dossier, pas un fichier", errno.EIO: "le disque a une erreur",
        errno.ENAMETOOLONG: "le nom est trop long",
        errno.ELOOP: "le chemin tourne en rond (liens symboliques)",
        errno.EMFILE: "trop de fichiers sont ouverts", errno.ENFILE: "trop de fichiers sont ouverts",
        errno.EBUSY: "le fichier est occupé par un autre programme",
        errno.ETXTBSY: "le fichier est occupé par un autre programme",
        errno.ECONNREFUSED: "le serveur refuse la connexion", errno.ETIMEDOUT: "le serveur ne répond pas",
        errno.EHOSTUNREACH: "le serveur est injoignable", errno.ENETUNREACH: "le réseau est injoignable",
    }
    from comite.kernel.i18n import _

    reason = reasons.get(error.errno or 0)
    if reason is None:
        return _("erreur du système (n° {number})").format(number=error.errno)
    return _(reason)
