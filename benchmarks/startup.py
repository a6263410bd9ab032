"""Cold start to the first painted screen, in a real pseudo-terminal (80×24, xterm-256color).

Each program is spawned on the slave side of a pty; its output is read from the master until
the marker text appears once the escape sequences are stripped; that instant, minus the spawn
instant, is the figure. Then ctrl+q, and the process is reaped (killed after 5 s).
"""

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.bare_app import MARKER as BARE_MARKER
from benchmarks.common import COMITE, PYTHON, Figure, median

ROWS, COLUMNS = 24, 80
BUDGET_RATIO = 1.25
PACKAGES = ("kernel", "store", "exports", "sync", "usecases", "cli", "tui", "templates")
MARKER_TIMEOUT = 30.0
EXIT_TIMEOUT = 5.0

# The dashboard, once filled: a section title, the totals line and a row of the committees
# table (`fill_large` names every committee after its kind). Textual's first frame shows the
# titles alone; the totals and the rows come with the frame after reload().
DASHBOARD_MARKERS = ("Mandats qui se terminent", "personnes")


def dashboard_markers() -> tuple[str, ...]:
    from comite.store.committee_models import CommitteeKind

    return (*DASHBOARD_MARKERS, CommitteeKind.USERS_COMMITTEE.label)

# CSI (ESC [ … final), OSC (ESC ] … BEL or ST), and the two-byte escapes (ESC 7, ESC =…).
_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1b[@-Z\\-_=>78]"  # two bytes
)


def visible_text(raw: bytes) -> str:
    """What a terminal would print of `raw`, without colours or cursor moves (loosely)."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")


class MarkerNotSeen(RuntimeError):
    pass


def time_to_paint(command: Sequence[str], markers: Sequence[str], env: dict[str, str],
                  cwd: Path) -> float:
    """Seconds from spawning `command` in an 80×24 pty until all `markers` are painted."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    env = {**env, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS)}
    for name in [name for name in env if name.startswith("TEXTUAL")] + ["NO_COLOR"]:
        env.pop(name, None)
    output = bytearray()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
        start_new_session=True, close_fds=True,
    )
    os.close(slave)
    try:
        elapsed = None
        while elapsed is None:
            left = MARKER_TIMEOUT - (time.perf_counter() - start)
            if left <= 0 or not _read_into(master, output, left):
                raise MarkerNotSeen(
                    f"{Path(command[0]).name}: {list(markers)} never painted; the screen ended "
                    f"with: {visible_text(bytes(output))[-600:]!r}")
            now = time.perf_counter()
            text = visible_text(bytes(output))
            if all(marker in text for marker in markers):
                elapsed = now - start
        os.write(master, b"\x11")  # ctrl+q
        _reap(process, master)
        return elapsed
    finally:
        if process.poll() is None:
            _kill(process)
        os.close(master)


def _read_into(master: int, output: bytearray, timeout: float) -> bool:
    """Append what the program wrote; False when it closed the terminal (exited)."""
    ready, _, _ = select.select([master], [], [], timeout)
    if not ready:
        return True
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: every slave descriptor is closed
        return False
    output += chunk
    return bool(chunk)


def _reap(process: subprocess.Popen, master: int) -> None:
    """Wait for the exit, draining the terminal so the program never blocks on a write."""
    deadline = time.perf_counter() + EXIT_TIMEOUT
    sink = bytearray()
    while process.poll() is None:
        left = deadline - time.perf_counter()
        if left <= 0:
            print(f"  warning: pid {process.pid} ignored ctrl+q for {EXIT_TIMEOUT:g} s; killed",
                  flush=True)
            _kill(process)
            return
        if not _read_into(master, sink, min(left, 0.05)):
            break
        sink.clear()
    try:
        process.wait(max(deadline - time.perf_counter(), 0.1))
    except subprocess.TimeoutExpired:
        _kill(process)


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # its own session: only what we spawned
    process.wait()


def run(database: Path, env: dict[str, str], runs: int) -> list[Figure]:
    root = Path(__file__).resolve().parent.parent
    bare = ([str(PYTHON), str(Path(__file__).with_name("bare_app.py"))], (BARE_MARKER,))
    comite = ([str(COMITE), "--db", str(database)], dashboard_markers())
    # Bytecode as an installed comite has it, even where PYTHONDONTWRITEBYTECODE is set
    # (it is on these machines): else every start would compile comite's sources anew.
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", *PACKAGES], cwd=root, check=True,
                   env={k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"})
    # One unmeasured start each: files in the page cache.
    for command, markers in (bare, comite):
        time_to_paint(command, markers, env, root)
    floors, subjects = [], []
    for index in range(runs):
        # Alternate which goes first, so neither always follows the other.
        order = ((bare, floors), (comite, subjects))
        for (command, markers), samples in order if index % 2 == 0 else reversed(order):
            samples.append(time_to_paint(command, markers, env, root))
    print(f"  start-up, bare app (s):  {_list(floors)}")
    print(f"  start-up, comite (s):    {_list(subjects)}")
    floor, subject = median(floors), median(subjects)
    return [Figure(f"start-up to first painted dashboard, median of {runs}", floor, subject,
                   "s", f"ratio ≤ {BUDGET_RATIO}", subject / floor <= BUDGET_RATIO)]


def _list(values: list[float]) -> str:
    return " ".join(f"{value:.3f}" for value in values)
