"""Errors the store raises; every message is French and safe to show to the coordinator."""

from collections.abc import Mapping


class StoreError(Exception):
    """Something went wrong; the message says what, in French."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Refused(StoreError):
    """The input or the request was refused: nothing was changed."""

    exit_code = 2


class NeedsConfirmation(Refused):
    """The request is legitimate but the coordinator must confirm it: the message says why."""


class NotFound(Refused):
    """The record asked for does not exist (any more)."""


class ValidationError(Refused):
    """One or more fields are invalid; `errors` maps each field name to its message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


class DatabaseRefused(Refused):
    """The database file cannot be used as it is; the file was left untouched."""


class Undone(StoreError):
    """Work the machine stopped midway (a full disk, a busy database), and what it had done
    undone: the message says what, where, and that nothing of it stays."""


def fault_message(error: BaseException, *, where: object = None,
                  database: object = None) -> str | None:
    """One French sentence for a fault of the machine — a full disk, a read-only file or
    folder, a refused access, a name too long, a database busy beyond its timeout — said alike
    by the command line and the app; None when `error` is no such fault. `where` is the folder
    the work wrote into (else the file the system names), `database` the database's file:
    paths, never a person's data."""
    import sqlite3

    from comite.kernel.i18n import _

    if isinstance(error, sqlite3.Error):
        why = database_reason(error, database)
        if database:
            return _("La base {path} n’a pas pu être utilisée : {why}.").format(path=database,
                                                                              why=why)
        return _("La base n’a pas pu être utilisée : {why}.").format(why=why)
    if isinstance(error, OSError):
        from comite.kernel.errors import system_reason

        place = where or error.filename
        if place:
            return _("Impossible d’écrire dans {where} : {why}.").format(
                where=place, why=system_reason(error))
        return _("Impossible d’écrire : {why}.").format(why=system_reason(error))
    return None


def database_reason(error: BaseException, database: object = None) -> str:
    """Why SQLite refused, in French; `database`, when known, lets a file it could not open or
    write say why (a read-only disk, a folder without rights)."""
    import sqlite3

    from comite.kernel.i18n import _

    code = getattr(error, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary == sqlite3.SQLITE_FULL:
        return _("le disque est plein")
    if primary == sqlite3.SQLITE_IOERR:
        # A full disk says so only sometimes: past a size limit (EFBIG) it is an I/O error.
        return _("le disque n’a pas pu écrire (il est plein, ou défaillant)")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_PROTOCOL):
        return _("elle est occupée par un autre programme (comite ouvert ailleurs ?) depuis "
                 "trop longtemps ; réessayez quand il aura fini")
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM,
                   sqlite3.SQLITE_AUTH):
        return _file_reason(database) or (
            _("le fichier ou son dossier est en lecture seule")
            if primary == sqlite3.SQLITE_READONLY else _("le fichier ne peut pas être ouvert"))
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return _("le fichier est abîmé ; gardez-en une copie et reprenez votre dernière "
                 "sauvegarde")
    if primary == sqlite3.SQLITE_NOMEM:
        return _("la mémoire manque")
    if code is None:
        return _("erreur de la base")
    return _("erreur de la base (n° {number})").format(number=code)


def _file_reason(database: object) -> str | None:
    """Why the database's file or folder cannot be written, as the system would say it."""
    import errno
    import os
    from pathlib import Path

    from comite.kernel.errors import system_reason

    if not database:
        return None
    path = Path(str(database))
    folder = path.parent
    if not folder.is_dir():
        return system_reason(OSError(errno.ENOTDIR if folder.exists() else errno.ENOENT, ""))
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return system_reason(OSError(errno.EROFS, ""))
    except (OSError, AttributeError):  # no statvfs (Windows): the rights below still say
        pass
    for place in (path, folder):
        if place.exists() and not os.access(place, os.W_OK):
            return system_reason(OSError(errno.EACCES, ""))
    return None
