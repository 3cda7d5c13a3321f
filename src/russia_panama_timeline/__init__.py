"""The Russia–Panama relations timeline as a typed, checked data package.

The public API is deliberately small, after ``palmerpenguins``: four loaders that
return pandas DataFrames typed from the Table Schema in ``datapackage.json``, the
path of the installed descriptor, and the frictionless ``Package`` for those who
want the full descriptor model. Importing this module imports neither pandas (only
the loaders do, on first use) nor frictionless (only ``read_package``), so ``check``
and ``build`` do not pay for them and a first ``load_events()`` costs about what
``pd.read_csv`` does (see BENCHMARKS.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .descriptor import DATAPACKAGE

if TYPE_CHECKING:
    from frictionless import Package

    from .load import load_actors, load_event_sources, load_events, load_sources

_LOADERS = ("load_actors", "load_event_sources", "load_events", "load_sources")

__all__ = [
    "DATAPACKAGE",
    "__version__",
    "load_actors",
    "load_event_sources",
    "load_events",
    "load_sources",
    "read_package",
]


def read_package(datapackage: str | Any | None = None) -> Package:
    """Return the frictionless ``Package`` for the installed (or a given) descriptor.

    frictionless is imported here, not at module import, because it costs ~0.4 s.
    """
    from frictionless import Package

    from .descriptor import resolve

    return Package(str(resolve(datapackage)))


def __getattr__(name: str) -> Any:
    # The loaders import pandas: only when one is asked for.
    if name in _LOADERS:
        from . import load

        return getattr(load, name)
    # The version lives in datapackage.json alone; read it lazily from there.
    if name == "__version__":
        from .descriptor import read_descriptor

        return str(read_descriptor()["version"])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
