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
import warnings
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


class InstalledCopyNotice(UserWarning):
    """Said once per process: no ``datapackage.json`` of this dataset was found in the
    current folder or its parents, though it lies in a clone of the project, so the
    installed copy is read (which may not hold the clone's edits)."""


def resolve(datapackage: str | os.PathLike[str] | None = None) -> Path:
    """Return the descriptor path to use: the given one, or the default package.

    A folder is taken to mean the ``datapackage.json`` inside it. With no path, every
    command and loader reads the same default package (``default_package``)."""
    if datapackage is None:
        return default_package()
    path = Path(datapackage)
    if path.is_dir():
        path = path / "datapackage.json"
    return path


locate = resolve  # the name the command line has used


def default_package(start: Path | None = None) -> Path:
    """The one rule for the default package, for every command and loader: the nearest
    ``datapackage.json`` of this dataset (the installed descriptor's ``name``) in the
    current folder or its parents, as git finds its repository; else the installed
    copy. So in a clone (or any folder under it, such as ``data/``) an edit is what
    ``check`` checks and ``load_events()`` loads, never a stale installed copy. A
    ``datapackage.json`` that cannot be read as JSON is taken, so that its error is
    reported rather than skipped. Reading the installed copy from inside a clone of
    the project is said once (``InstalledCopyNotice``)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "datapackage.json"
        if candidate.is_file() and _of_this_dataset(candidate):
            return candidate
    if _inside_a_clone(here):
        _notice_once(here)
    return DATAPACKAGE


def _of_this_dataset(candidate: Path) -> bool:
    """Whether a descriptor is this dataset's (or unreadable, so that it is reported)."""
    try:
        name = read_descriptor(candidate).get("name")
    except DescriptorError:
        return True
    try:
        ours = read_descriptor(DATAPACKAGE).get("name")
    except DescriptorError:
        return True
    return name == ours


def _inside_a_clone(here: Path) -> bool:
    """Whether ``here`` lies in a checkout of this project (its pyproject.toml names it)."""
    for folder in (here, *here.parents):
        project = folder / "pyproject.toml"
        if project.is_file():
            try:
                return 'name = "russia-panama-timeline"' in project.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return False
    return False


_NOTICED: set[Path] = set()


def _notice_once(here: Path) -> None:
    if _NOTICED:
        return
    _NOTICED.add(here)
    warnings.warn(
        f"no datapackage.json of this dataset in {here} or its parents, though it lies in "
        f"a clone of the project: reading the installed copy, {DATAPACKAGE}, which may not "
        "hold the clone's edits (pass the clone's datapackage.json to read it)",
        InstalledCopyNotice, stacklevel=4)


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
    """Parse the descriptor JSON; raise DescriptorError with a readable message.

    Each call returns a new dict, the caller's own: what one caller changes (``fmt``
    re-pins a resource) no other call sees. The file's text is cached (keyed by its
    path, modification time and size), so a repeated read costs one ``json.loads``."""
    path = resolve(datapackage)
    stat = _stat(path)  # first: a missing file or a symlink loop fails here, readably
    text = _read_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DescriptorError(f"{path}: not valid UTF-8 JSON: {exc}") from None
    except RecursionError:
        raise DescriptorError(f"{path}: not a data package descriptor (nested too deeply)"
                              ) from None
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        raise DescriptorError(f"{path}: not a data package descriptor (no resources list)")
    return data


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except OSError as exc:
        raise DescriptorError(f"{path}: cannot read the descriptor: {exc.strerror}") from None


@lru_cache(maxsize=8)
def _read_cached(path: str, mtime_ns: int, size: int) -> str:
    """The descriptor's text (immutable, so it can be shared)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except OSError as exc:
        raise DescriptorError(f"{path}: cannot read the descriptor: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise DescriptorError(f"{path}: not valid UTF-8 JSON: {exc}") from None


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
