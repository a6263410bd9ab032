"""Running `comite` in the tests: in this process (fast, output captured by capsys) or as a real
command in a subprocess (exit code, stderr, signals, environment)."""

import os
import subprocess
import sys
from pathlib import Path

from comite.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def in_process(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def succeeded(*args: str) -> str:
    """`comite …` in this process where capsys is not at hand (a module's scenario): its stdout,
    once its exit code is checked."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    assert code == 0, (args, out.getvalue(), err.getvalue())
    return out.getvalue()


def in_subprocess(*args: str, env: dict | None = None,
                  timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "comite.cli", *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})}, cwd=ROOT)
