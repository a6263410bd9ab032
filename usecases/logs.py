"""The log file, in the platformdirs log folder. Messages name ids and counts, never people."""

import logging
from pathlib import Path

from comite.usecases import paths

LOGGER = "comite"
MAX_BYTES = 1_000_000
KEPT = 3  # comite.log.1 … .3


def setup(folder: Path | None = None) -> Path | None:
    """Send the comite logger to a rotating file; None when the folder cannot be written."""
    folder = folder or paths.log_dir()
    log = folder / "comite.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _rotate(log)
        handler = logging.FileHandler(log, encoding="utf-8")
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


def _rotate(log: Path) -> None:
    """Past MAX_BYTES, the log becomes comite.log.1 (and so on, KEPT of them). Done when comite
    starts, not while it runs: a session writes ids and counts, a few kilobytes at most, and
    logging.handlers would cost the start-up a millisecond."""
    if not log.exists() or log.stat().st_size <= MAX_BYTES:
        return
    for number in range(KEPT - 1, 0, -1):
        older = log.with_name(f"{log.name}.{number}")
        if older.exists():
            older.replace(log.with_name(f"{log.name}.{number + 1}"))
    log.replace(log.with_name(f"{log.name}.1"))


def log_unexpected(error: BaseException) -> None:
    """Record where an unexpected error happened, without its message: it may quote data."""
    import traceback

    frames = "\n".join(f"  {frame.filename}:{frame.lineno} in {frame.name}"
                       for frame in traceback.extract_tb(error.__traceback__))
    logging.getLogger(LOGGER).error("unexpected %s\n%s", type(error).__name__, frames)
