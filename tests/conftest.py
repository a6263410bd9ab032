"""Every test runs with its own data, config and log folders: never the user's real files."""

import sys
from importlib.abc import MetaPathFinder

import pytest

from tests.caldav_server import caldav_server  # noqa: F401  (a real CalDAV server, for the shared calendar)
from tests.example_store import example, example_file  # noqa: F401  (the example data, in a file of the test's)
from tests.ical_js import ical_js  # noqa: F401  (ical.js, an independent reader of the .ics files)
from tests.imap_server import imap_server  # noqa: F401  (a real IMAP server, for the mailbox tests)
from tests.smtp_server import smtp_server  # noqa: F401  (a real SMTP server, for the tests that send)

# The layers' folders sit at the repository root, which `python -m pytest` puts on sys.path:
# `import store` would load a second copy of comite.store (two Store classes). Refused here.
BARE_LAYERS = frozenset({"store", "sync", "exports", "tui", "templates"})


class BareLayerImport(AssertionError):
    """Not an ImportError, so that neither `importorskip` nor a `try/except ImportError` hides it."""


class _RefuseBareLayers(MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in BARE_LAYERS:
            raise BareLayerImport(f"import comite.{fullname}, not {fullname}")
        return None


sys.meta_path.insert(0, _RefuseBareLayers())


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("COMITE_DB", raising=False)
    monkeypatch.delenv("COMITE_BACKUP_PASSPHRASE", raising=False)
    return home


def _logger_states() -> list[tuple]:
    import logging

    return [(logging.getLogger(name), logging.getLogger(name).handlers[:],
             logging.getLogger(name).propagate, logging.getLogger(name).level)
            for name in ("comite", "watchdog")]


# As they were before any test: a module's fixture may run main() before a test's setup.
_PRISTINE_LOGGERS = _logger_states()


@pytest.fixture(autouse=True)
def logging_left_as_found():
    """`comite`'s main() sends the comite logger to its file and stops it propagating: put it
    back as it was, so that later tests still see log records (caplog)."""
    yield
    for logger, handlers, propagate, level in _PRISTINE_LOGGERS:
        for handler in logger.handlers:
            if handler not in handlers:
                handler.close()
        logger.handlers[:], logger.propagate = handlers, propagate
        logger.setLevel(level)


@pytest.fixture
def restore_keyring():
    """For a test that sets its own keyring (tests/keyrings.py): the machine's, back after."""
    import keyring

    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)
