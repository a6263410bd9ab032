"""Running a library's synchronous call from anywhere, quietly.

Not domain code: it sits in store because store is the one package that both exports (signing)
and sync (verifying) may import, and both call pyHanko the same way.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def run_outside_event_loop(work: Callable[[], T]) -> T:
    """pyHanko's synchronous API calls asyncio.run, which fails inside a running loop (Textual's):
    there, the work runs in a thread of its own."""
    import asyncio
    import concurrent.futures

    quiet_pyhanko()
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()  # the usual case: a worker thread, the command line, the tests
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def quiet_pyhanko() -> None:
    """pyHanko logs warnings with tracebacks that quote certificate subjects — people's names.
    Unhandled, Python prints them on stderr (over the TUI); comite's own messages say it all."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
