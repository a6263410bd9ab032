"""What every benchmark shares: isolated folders, test databases, statistics, the result table."""

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
COMITE = ROOT / ".venv" / "bin" / "comite"

#: The people counts measured; the first is `comite demo --size large`.
SIZES = (20_000, 100_000)
STRUCTURES = 200


def isolate(folder: Path) -> dict[str, str]:
    """Point every XDG folder (and nothing else) at `folder`, here and in every subprocess.

    Returns the environment for subprocesses; also applied to os.environ so in-process
    benchmarks (Pilot) never read or write the user's settings, data or logs.
    """
    overrides = {}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        path = folder / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        overrides[name] = str(path)
    os.environ.update(overrides)
    os.environ.pop("COMITE_DB", None)
    return dict(os.environ)


def build_database(folder: Path, people: int) -> Path:
    """A `fill_large` database with `people` people and 200 structures, closed (WAL merged)."""
    from comite.store import open_store
    from comite.store.demo import fill_large

    path = folder / f"large-{people}.sqlite"
    store = open_store(path)
    try:
        fill_large(store, date.today(), people=people, structures=STRUCTURES)
    finally:
        store.close()
    return path


def label(people: int) -> str:
    return f"{people // 1000}k"


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100), linear between the closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def timed(call: Callable[[], object]) -> float:
    """Seconds taken by `call()`."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of the report: a subject against its floor, with an optional budget."""

    name: str
    floor: float
    subject: float
    unit: str  # "s" or "ms"; "MB" for sizes in bytes
    budget: str = ""
    holds: bool | None = None  # None: reported, not budgeted

    @property
    def ratio(self) -> float:
        return self.subject / self.floor if self.floor else float("inf")

    def value(self, seconds: float) -> str:
        if self.unit == "ms":
            return f"{seconds * 1000:.2f} ms"
        if self.unit == "MB":
            return f"{seconds / 1e6:.1f} MB"
        return f"{seconds:.3f} s"


def print_table(figures: list[Figure]) -> None:
    headers = ("measure", "floor", "subject", "ratio", "budget", "")
    rows = [
        (f.name, f.value(f.floor), f.value(f.subject), f"{f.ratio:.2f}", f.budget,
         "" if f.holds is None else ("ok" if f.holds else "FAIL"))
        for f in figures
    ]
    widths = [max(len(str(row[i])) for row in (headers, *rows)) for i in range(len(headers))]
    aligns = ("<", ">", ">", ">", "<", "<")

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(f"{cell:{align}{width}}" for cell, align, width in
                         zip(cells, aligns, widths, strict=True)).rstrip()

    print()
    print(line(headers))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))
    print()


def stage(staging: Path, name: str, data: bytes) -> Path:
    """A file written whole and synced beside the inbox, to be renamed into it at once."""
    path = staging / name
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return path
