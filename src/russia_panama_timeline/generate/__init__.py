"""Files derived from ``datapackage.json`` and the code, and one way to keep them current.

Every generator is a function that renders its outputs in memory and returns them as
``{path: content}``; nothing is written while rendering, so a failure leaves every
file as it was. ``sync`` is the one convention for what happens next: each output is
compared with the file on disk, and the ones that differ are written (atomically) or,
when only checking, named. The scripts under ``scripts/`` and the drift tests all go
through it, so "is the committed file current?" means the same thing everywhere.

Generators: ``docs`` (the data dictionary and the table of finding codes in docs/),
``citation`` (CITATION.cff, .zenodo.json, docs/dataset.jsonld), ``figure``
(docs/timeline.svg).
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_bytes
from ..errors import PackageError

Outputs = dict[Path, str | bytes]


class GenerateError(PackageError):
    """A file a generator needs (a page without its section, say) cannot be used."""


def as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def stale(outputs: Outputs) -> list[Path]:
    """The outputs whose file on disk differs from what the generator renders."""
    out = []
    for path, content in outputs.items():
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != as_bytes(content):
            out.append(path)
    return out


def sync(outputs: Outputs, check: bool) -> list[Path]:
    """Write every stale output (unless ``check``); return the stale ones."""
    paths = stale(outputs)
    if not check:
        for path in paths:
            write_bytes(path, as_bytes(outputs[path]))
    return paths
