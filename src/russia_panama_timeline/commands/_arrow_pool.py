"""Give Arrow's allocations to jemalloc in a command that reads whole files (``check``,
``build``).

pyarrow's default pool (mimalloc) hands the memory of the CSV parser's blocks back to
the system and takes fresh pages again, which the kernel must zero: on a package of a
million events that was about a third of the check's time, spent by the system, not
by the check. jemalloc keeps freed pages for the next allocation (it returns them
after a delay), so reading the files costs about a quarter of the system time.

Called by the commands alone, never by the library: a program that imports the
checker keeps the pool it chose. A user's ``ARROW_DEFAULT_MEMORY_POOL`` is kept too,
and a pyarrow built without jemalloc keeps its default.
"""

from __future__ import annotations

import contextlib
import os


def use_jemalloc() -> None:
    """Make jemalloc Arrow's pool for this process, if it has one and none was chosen."""
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    import pyarrow as pa

    # pyarrow built without jemalloc raises ArrowNotImplementedError: keep the default
    with contextlib.suppress(NotImplementedError):
        pa.set_memory_pool(pa.jemalloc_memory_pool())
