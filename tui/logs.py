"""The log file, in the platformdirs log folder. Messages name ids and counts, never people."""

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from tui import paths

LOGGER = "comite"


def setup(folder: Path | None = None) -> Path | None:
    """Send the comite logger to a rotating file; None when the folder cannot be written."""
    folder = folder or paths.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / "comite.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger(LOGGER)
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    # watchdog may complain while its observer stops; on stderr that would scar the screen.
    watchdog = logging.getLogger("watchdog")
    watchdog.handlers[:] = [handler]
    watchdog.setLevel(logging.WARNING)
    watchdog.propagate = False
    return folder / "comite.log"


def log_unexpected(error: BaseException) -> None:
    """Record where an unexpected error happened, without its message: it may quote data."""
    import traceback

    frames = "\n".join(f"  {frame.filename}:{frame.lineno} in {frame.name}"
                       for frame in traceback.extract_tb(error.__traceback__))
    logging.getLogger(LOGGER).error("unexpected %s\n%s", type(error).__name__, frames)
