"""The worker's last wall, written once: work runs in a thread, and whatever happens the page
hears back on the UI thread — the result, or one French sentence. No traceback and no personal
data reach the user, and nothing stays « en cours »."""

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.dom import DOMNode

from comite.kernel.i18n import _
from comite.store.errors import Refused, StoreError, fault_message

UNEXPECTED = _("Une erreur inattendue a interrompu le travail. Le détail technique (sans "
               "données personnelles) est dans le journal ; réessayez.")


def run_in_thread(node: DOMNode, work: Callable[[], Any], *, done: Callable[[Any], object],
                  failed: Callable[[str], object], group: str, where: Path | str | None = None,
                  on_refusal: Callable[[Any], object] | None = None,
                  unexpected: str = UNEXPECTED,
                  refused: Callable[[Refused], str] | None = None,
                  unwritable: Callable[[OSError], str] | None = None,
                  refusal: type[StoreError] = Refused) -> None:
    """Run `work()` in a thread worker of `node`; then `done(result)` on the UI thread, or
    `failed(sentence)`: a refusal says its own message (or `refused(error)`), a disk error
    « Impossible d’écrire dans {where} » (or `unwritable(error)`), a database that cannot be
    written « La base … n’a pas pu être utilisée », each with its French reason (the command
    line says the same: comite.store.errors.fault_message), anything else is logged
    without its message and `unexpected` is said. `on_refusal(error)`, when given, takes the
    refusal itself instead (a warning rather than a failure, errors shown beside their fields)."""
    app = node if isinstance(node, App) else node.app

    def guarded() -> None:
        try:
            result = work()
        except refusal as error:
            if on_refusal is not None:
                app.call_from_thread(on_refusal, error)
                return
            message = refused(error) if refused else error.message
        except StoreError as error:  # a failure the use case said itself (work undone…)
            message = error.message
        except (OSError, sqlite3.Error) as error:
            # The same French reasons as the command line's (comite.store.errors).
            message = unwritable(error) if unwritable and isinstance(error, OSError) else (
                fault_message(error, where=where,
                              database=getattr(getattr(app, "store", None), "path", None)))
        except Exception as error:  # the last wall: say it, never leave « en cours » forever
            from comite.usecases.logs import log_unexpected

            log_unexpected(error)
            message = unexpected
        else:
            app.call_from_thread(done, result)
            return
        app.call_from_thread(failed, message)

    node.run_worker(guarded, thread=True, group=group, exit_on_error=False)
