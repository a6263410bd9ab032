"""The log file, in the platformdirs log folder. Messages name ids and counts, never people."""

import contextlib
import logging
import os
from pathlib import Path

from comite.usecases import paths

LOGGER = "comite"
MAX_BYTES = 1_000_000
KEPT = 3  # comite.log.1 … .3
RECORD_CHARACTERS = 10_000  # a longer record is cut: one record never outgrows the file's cap


class CappedFileHandler(logging.FileHandler):
    """The log file, never longer than MAX_BYTES: before a record that would take it past, it
    becomes comite.log.1 (and so on, KEPT of them). Checked at every record, not only when comite
    starts: a session that logs in a loop (a full disk once did, 4 MB in 25 s) cannot fill the
    disk. A record that cannot be written (that full disk) is dropped, without a word on the
    screen or the terminal. (logging.handlers.RotatingFileHandler would cost the start-up the
    imports of socket, pickle and queue.)"""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
            longest = min(RECORD_CHARACTERS, MAX_BYTES // 8)  # 4 bytes a character at most
            if len(text) > longest:
                text = text[:longest] + " […]"
            line = text + self.terminator
            if self.stream is None:
                self.stream = self._open()
            size = os.fstat(self.stream.fileno()).st_size  # another comite may write to it too
            if size and size + len(line.encode("utf-8")) > MAX_BYTES:
                self.stream.close()
                self.stream = None
                _rotate(Path(self.baseFilename), 0)
                self.stream = self._open()
            self.stream.write(line)
            self.stream.flush()
        except RecursionError:
            raise
        except Exception:  # the log must never be what breaks, nor what scars the screen
            self._drop_stream()

    def flush(self) -> None:
        with contextlib.suppress(OSError):
            super().flush()

    def close(self) -> None:
        with contextlib.suppress(OSError):  # what is left in the buffer cannot be written either
            super().close()

    def _drop_stream(self) -> None:
        """After a failed write, what it left in the buffer is lost; the next record reopens."""
        stream, self.stream = self.stream, None
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def setup(folder: Path | None = None) -> Path | None:
    """Send the comite logger to a rotating file; None when the folder cannot be written."""
    folder = folder or paths.log_dir()
    log = folder / "comite.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _rotate(log, MAX_BYTES)
        handler = CappedFileHandler(log, encoding="utf-8")
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


def _rotate(log: Path, past: int) -> None:
    """Past `past` bytes, the log becomes comite.log.1 (and so on, KEPT of them): when comite
    starts (a log left full), and while it runs (CappedFileHandler)."""
    if not log.exists() or log.stat().st_size <= past:
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
