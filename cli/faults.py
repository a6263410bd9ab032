"""The command line's last wall: whatever stops a command, one French sentence on stderr and
exit code 1, never a Python traceback. A fault of the machine (a full disk, a read-only file or
folder, a refused access, a name too long, a database busy beyond its timeout) says what and
where, in the same words as the app (comite.store.errors.fault_message); anything else is
logged without its message (it may quote data) and said in French."""

import contextlib
import logging
import os
import sys
from pathlib import Path

from comite.kernel.i18n import _
from comite.store.errors import fault_message

FAILURE = 1


def quiet_logging() -> None:
    """A log that cannot be written (the disk is full) must not print a traceback either."""
    logging.raiseExceptions = False


def said(error: Exception, database: Path) -> int:
    """Say `error` in French on stderr; the exit code."""
    import sqlite3

    from comite.usecases import logs

    if isinstance(error, sqlite3.Error):
        # The store's path as the command named it: where the database is, not a person.
        message = fault_message(error, database=database)
    else:
        message = fault_message(error)
    if message is None:
        logs.log_unexpected(error)
        from comite.usecases import paths

        print(_("comite : une erreur inattendue a interrompu la commande. Le détail technique "
                "(sans données personnelles) est dans le journal {log}.").format(
                    log=paths.log_dir() / "comite.log"), file=sys.stderr)
        return FAILURE
    logging.getLogger("comite.cli").warning("stopped by %s (errno %s)", type(error).__name__,
                                            getattr(error, "errno", None)
                                            or getattr(error, "sqlite_errorcode", None))
    print(_("comite : {sentence} Rien n’a été enregistré dans la base.").format(
        sentence=message[:1].lower() + message[1:]), file=sys.stderr)
    return FAILURE


def flushed(code: int) -> int:
    """The command's exit code once what it printed is out: a full disk or `/dev/full` behind
    `>` is said here, in French, rather than by Python at exit."""
    try:
        sys.stdout.flush()
    except OSError as error:
        if isinstance(error, BrokenPipeError):  # `| head`: the reader has what it wanted
            _drop_output()
            return code
        return _output_refused(error)
    return code


def _output_refused(error: OSError) -> int:
    from comite.kernel.errors import system_reason

    _drop_output()
    print(_("comite : impossible d’écrire la sortie de la commande : {why}.").format(
        why=system_reason(error)), file=sys.stderr)
    return FAILURE


def _drop_output() -> None:
    """What could not be written is dropped: Python would try again, and fail, at exit."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
