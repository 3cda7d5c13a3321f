"""Find and read ``datapackage.json``, the one source of truth for every schema.

This module finds the descriptor, reads it and follows its resource paths safely; the
Table Schema inside each resource (fields, types, constraints, keys, dialect) is read
by ``tableschema`` alone, which everything else asks. It uses only the standard
library so that the loader stays fast to import.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from .errors import DataError as DataError  # re-exported: imported from here by many modules
from .errors import DescriptorError, UnsafePath

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

    A folder is taken to mean the ``datapackage.json`` inside it. The Python API
    defaults to the installed package; the command line defaults to the package in
    the current folder first (``locate``).
    """
    if datapackage is None:
        return DATAPACKAGE
    path = Path(datapackage)
    if path.is_dir():
        path = path / "datapackage.json"
    return path


def locate(datapackage: str | os.PathLike[str] | None = None) -> Path:
    """The descriptor a command works on: the given one; else ``./datapackage.json``
    when the current folder has one (the clone or copy you are standing in); else
    the installed one. Commands and scripts use this, so an edit in a clone is what
    ``check`` checks, never a stale installed copy."""
    if datapackage is None:
        here = Path.cwd() / "datapackage.json"
        if here.is_file():
            return here
    return resolve(datapackage)


def shown(path: Path) -> str:
    """A descriptor path as messages show it: ``./x`` under the current folder, else absolute."""
    path = Path(os.path.abspath(path))
    try:
        rel = path.relative_to(Path.cwd())
    except ValueError:
        return str(path)
    return f"./{rel.as_posix()}"


def command(subcommand: str, path: Path) -> str:
    """The exact command line to run ``subcommand`` on the package at ``path``, for hints."""
    return f"russia-panama-timeline {subcommand} {shown(path)}"


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


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def resource_path(datapackage: str | os.PathLike[str] | None, res: dict[str, Any]) -> Path:
    """The data file of a resource: the one safe way from a descriptor to a file.

    Every reader (the checker, ``fmt``, the build, the loaders, the exports, the
    figure) asks here, so all refuse the same paths with the same UnsafePath message:
    anything but one relative POSIX path (inline data, a list of paths), a URL or
    other ``scheme:`` path (no reader fetches remote data), an absolute path, a
    ``..`` step, and a path that resolves (through symlinks) outside the folder of
    the descriptor. Nothing is opened here, so no error can show a file's content.
    """
    descriptor = resolve(datapackage)
    root = descriptor.parent
    rel = res.get("path")
    name = res.get("name")
    if not isinstance(rel, str) or not rel:
        raise UnsafePath(descriptor, name, rel, "is not one path to a file "
                         "(inline data and multipart paths are not supported)")
    if rel.startswith(("/", "\\")) or PureWindowsPath(rel).is_absolute():
        raise UnsafePath(descriptor, name, rel, "is absolute")
    if _SCHEME.match(rel):
        raise UnsafePath(descriptor, name, rel, "is a URL or remote path (remote data is "
                         "never fetched)")
    if ".." in PurePosixPath(rel.replace("\\", "/")).parts:
        raise UnsafePath(descriptor, name, rel, "climbs out of the package with '..'")
    target = root / rel
    try:
        inside = target.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        raise UnsafePath(descriptor, name, rel, "cannot be resolved (a symlink loop)") from None
    if not inside:
        raise UnsafePath(descriptor, name, rel, "leads outside the package through a symlink")
    return target


def file_pin(path: Path) -> tuple[int, str]:
    """The ``bytes`` and ``hash`` (``sha256:<hex>``) a resource should pin for a file."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return size, f"sha256:{digest.hexdigest()}"
