"""Find and read ``datapackage.json``, the one source of truth for every schema.

Everything that needs a field list, a type or a constraint (the loader, the checker,
the Parquet writer, the data dictionary in docs/, the citation files) asks this module
rather than restating the schema. It uses only the standard library so that the
loader stays fast to import.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import DataError as DataError  # re-exported: imported from here by many modules
from .errors import DescriptorError

_HERE = Path(__file__).resolve().parent


def _installed_descriptor() -> Path:
    """The descriptor shipped inside the wheel, or the repository's in a source checkout."""
    inside = _HERE / "datapackage.json"
    if inside.is_file():
        return inside
    return _HERE.parents[1] / "datapackage.json"


DATAPACKAGE: Path = _installed_descriptor()
"""Path of the installed ``datapackage.json`` (its ``data/`` folder lies beside it)."""


def resolve(datapackage: str | os.PathLike[str] | None = None) -> Path:
    """Return the descriptor path to use: the given one, or the installed one.

    A folder is taken to mean the ``datapackage.json`` inside it.
    """
    if datapackage is None:
        return DATAPACKAGE
    path = Path(datapackage)
    if path.is_dir():
        path = path / "datapackage.json"
    return path


def read_descriptor(datapackage: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Parse the descriptor JSON; raise DescriptorError with a readable message."""
    path = resolve(datapackage)
    mtime = _mtime(path)  # first: a missing file or a symlink loop fails here, readably
    return _read_cached(str(path.resolve()), mtime)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError as exc:
        raise DescriptorError(f"{path}: cannot read the descriptor: {exc.strerror}") from None


@lru_cache(maxsize=8)
def _read_cached(path: str, mtime_ns: int) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise DescriptorError(f"{path}: cannot read the descriptor: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DescriptorError(f"{path}: not valid UTF-8 JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        raise DescriptorError(f"{path}: not a data package descriptor (no resources list)")
    return data


def resource(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    """The resource called ``name``; DescriptorError if there is none."""
    for res in descriptor["resources"]:
        if isinstance(res, dict) and res.get("name") == name:
            return res
    raise DescriptorError(f"datapackage.json: no resource named {name!r}")


def fields(res: dict[str, Any]) -> list[dict[str, Any]]:
    """The Table Schema fields of a resource, in order."""
    schema = res.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        name = res.get("name")
        raise DescriptorError(f"datapackage.json: resource {name!r} has no schema fields")
    return schema["fields"]


def primary_key(res: dict[str, Any]) -> list[str]:
    """A resource's primary key as a list of field names (Table Schema allows a bare string)."""
    key = (res.get("schema") or {}).get("primaryKey")
    return [key] if isinstance(key, str) else [k for k in key or [] if isinstance(k, str)]


def resource_path(datapackage: str | os.PathLike[str] | None, res: dict[str, Any]) -> Path:
    """Absolute path of a resource's data file, relative to the descriptor's folder."""
    rel = res.get("path")
    if not isinstance(rel, str):
        raise DescriptorError(f"datapackage.json: resource {res.get('name')!r} has no single path")
    return resolve(datapackage).parent / rel


def file_pin(path: Path) -> tuple[int, str]:
    """The ``bytes`` and ``hash`` (``sha256:<hex>``) a resource should pin for a file."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return size, f"sha256:{digest.hexdigest()}"
