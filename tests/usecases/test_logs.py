"""The log file is capped by size while comite runs, not only when it starts, and a log that
cannot be written never says so on the screen."""

import logging
import os
from pathlib import Path

import pytest

from comite.usecases import logs


@pytest.fixture
def comite_log():
    yield logging.getLogger(logs.LOGGER)
    for handler in logging.getLogger(logs.LOGGER).handlers:
        handler.close()


def test_writing_many_records_never_takes_the_file_past_the_cap(tmp_path, monkeypatch, comite_log):
    """Before, a full disk made the inbox log 12 733 entries (4 MB) in 25 s, and the log was
    rotated only when comite started."""
    monkeypatch.setattr(logs, "MAX_BYTES", 4_000)
    log = logs.setup(tmp_path)
    for number in range(2_000):
        comite_log.error("inbox: unexpected OperationalError %s", "x" * (number % 300))
        assert log.stat().st_size <= 4_000, number
    kept = sorted(path.name for path in tmp_path.iterdir())
    assert kept == ["comite.log", "comite.log.1", "comite.log.2", "comite.log.3"]
    assert all((tmp_path / name).stat().st_size <= 4_000 for name in kept)
    assert log.read_text(encoding="utf-8").endswith("x" * (1_999 % 300) + "\n")


def test_a_record_longer_than_the_cap_is_cut(tmp_path, monkeypatch, comite_log):
    monkeypatch.setattr(logs, "MAX_BYTES", 40_000)
    log = logs.setup(tmp_path)
    comite_log.info("é" * 100_000)
    comite_log.info("ensuite")
    assert log.stat().st_size <= 40_000
    cut, then = log.read_text(encoding="utf-8").splitlines()
    assert cut.endswith("é […]") and then.endswith(" ensuite")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_log_on_a_full_disk_says_nothing(tmp_path, capfd, comite_log):
    """/dev/full answers every write with ENOSPC: the records are lost, never printed with a
    « --- Logging error --- » traceback over the app's screen or a command's output."""
    os.symlink("/dev/full", tmp_path / "comite.log")
    assert logs.setup(tmp_path) == tmp_path / "comite.log"
    for _number in range(3):
        comite_log.error("inbox: unexpected OSError")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
