"""Keep pandas out of a command that never needs it (``check``, ``build``).

pyarrow imports pandas, when it is installed, on the first ``pa.array``, ``pa.scalar``
or ``to_numpy`` of a process, to recognise pandas objects it might be handed: about a
third of a second of start-up, as much as the whole check of the shipped package.
Its lazy pandas shim tries that import once and remembers a failure, so a command
that hands pyarrow no pandas object makes that one try fail on purpose. pyarrow then
treats pandas as absent for its type checks; ``to_pandas()`` still imports pandas
when called (it retries), so nothing breaks, only nothing is paid for up front.

Called by the commands alone, never by the library: a program that imports the
checker and uses pandas itself keeps pyarrow's usual behaviour.
"""

from __future__ import annotations

import sys


class _NoPandas:
    """An import finder that says pandas is not installed."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


def keep_pandas_out() -> None:
    """Make pyarrow's one look for pandas fail (unless pandas is already imported)."""
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    finder = _NoPandas()
    sys.meta_path.insert(0, finder)
    try:
        pa.scalar(0)  # the shim's first look for pandas
    finally:
        sys.meta_path.remove(finder)
