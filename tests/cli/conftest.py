"""The command line's tests read and write the same example databases as the app's tests."""

from tests.tui.conftest import db, demo_db, demo_store  # noqa: F401  (fixtures, shared as they are)
