"""Kill at random: run a `comite` command in a subprocess and SIGKILL it after a random delay, as
a power cut, a closed lid or `kill -9` stops it — no handler, no `finally`, no atexit. Shared
by the fault tests (erasure, inbox, imports, demo…).

    rng, seed = seeded()                        # COMITE_KILL_SEED=… runs the same delays again
    for delay in spread(rng, runs, low, high):  # one delay at random in each slice of the window
        outcome = kill_after(delay, "privacy", "erase", "12", "--yes", env=env)
        assert not tracebacks(outcome.stdout, outcome.stderr), seed

The seed is printed (pytest shows it with a failure) and belongs in every assertion's message.
A window measured in the same run (a whole command, timed with `run`) keeps the kills where the
work is on a slow machine as on a fast one: the seed then replays the same points of it.
"""

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED_VARIABLE = "COMITE_KILL_SEED"
TRACEBACK = "Traceback (most recent call last)"
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


@contextmanager
def at_home(home: Path) -> Iterator[dict[str, str]]:
    """Every XDG folder under `home`, in this process (to build a scenario with the app's own
    functions) and in the environment returned for the commands killed later."""
    env = {name: str(home / name.lower()) for name in XDG}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        patch.delenv("COMITE_DB", raising=False)
        yield env


@dataclass(frozen=True)
class Outcome:
    """How one run ended: killed at `delay`, or done before it (`killed` False)."""

    args: tuple[str, ...]
    delay: float
    killed: bool
    returncode: int
    stdout: str  # what it wrote before it ended (decoded leniently: a kill may cut a character)
    stderr: str
    elapsed: float


def seeded() -> tuple[random.Random, int]:
    """A random generator and its seed: from COMITE_KILL_SEED when set, else a fresh one."""
    chosen = os.environ.get(SEED_VARIABLE, "").strip()
    seed = int(chosen) if chosen else random.SystemRandom().randrange(2**32)
    print(f"kill harness: {SEED_VARIABLE}={seed}")
    return random.Random(seed), seed


def spread(rng: random.Random, count: int, low: float, high: float) -> list[float]:
    """`count` delays in [low, high): one at random in each of `count` equal slices, so a few runs
    cover the whole window; shuffled, so no run depends on the one before."""
    width = (high - low) / count
    delays = [low + width * (slice_ + rng.random()) for slice_ in range(count)]
    rng.shuffle(delays)
    return delays


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "comite.cli", *args]


def run(*args: str, env: Mapping[str, str] | None = None, timeout: float = 60) -> Outcome:
    """`comite …` to its end (a follow-up command, or timing a whole run)."""
    return kill_after(timeout, *args, env=env, kill=False)


def kill_after(delay: float, *args: str, env: Mapping[str, str] | None = None,
               kill: bool = True) -> Outcome:
    """Start `comite …`, and SIGKILL it `delay` seconds later unless it has ended. With `kill`
    False, a command still running at `delay` is a failure of the test (a hang)."""
    started = time.monotonic()
    process = subprocess.Popen(command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, cwd=ROOT, env={**os.environ, **(env or {})})
    try:
        out, err = process.communicate(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        out, err = process.communicate()
        if not kill:
            raise AssertionError(f"comite {' '.join(args)} still ran after {delay} s") from None
    return Outcome(args=args, delay=delay, killed=process.returncode == -signal.SIGKILL,
                   returncode=process.returncode,
                   stdout=out.decode("utf-8", errors="replace"),
                   stderr=err.decode("utf-8", errors="replace"),
                   elapsed=time.monotonic() - started)


def tracebacks(*outputs: str) -> list[str]:
    """The outputs that show a Python traceback (a fault must end in a French sentence)."""
    return [output for output in outputs if TRACEBACK in output]
