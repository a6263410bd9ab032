"""Where comite keeps things on this machine (platformdirs), overridable for scripts and tests."""

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

APP = "comite"


def data_dir() -> Path:
    return user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    return user_config_path(APP, appauthor=False)


def log_dir() -> Path:
    return user_log_path(APP, appauthor=False)


def default_db() -> Path:
    """`--db` wins over `COMITE_DB`, which wins over the user data folder."""
    if env := os.environ.get("COMITE_DB"):
        return Path(env).expanduser()
    return data_dir() / "comite.sqlite"


def example_db() -> Path:
    """The example data lives in its own file so it never mixes with real people."""
    return data_dir() / "exemple.sqlite"
