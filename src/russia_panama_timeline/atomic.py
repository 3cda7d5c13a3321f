"""Write files atomically: to a temporary name in the same folder, then rename.

Every output of the project (Parquet files, rewritten CSVs, the descriptor, figures,
exports) goes through here, so an interrupted run never leaves a partial file where
a reader expects a whole one. An output that is a set of files (the Parquet build)
is switched as a whole, by one rename of a symbolic link (``switch_dir``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    On any exception the temporary file is removed and ``target`` is left untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp makes the file 0600; give it the mode the target has (or would get).
        os.chmod(tmp_path, _final_mode(target))
        os.replace(tmp_path, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def _final_mode(target: Path, new: int = 0o666) -> int:
    """The permission bits to leave on ``target``: its own if it exists, else the
    default for a new file (``new=0o777`` for a folder) under the process's umask
    (as ``open`` or ``mkdir`` would give)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return new & ~umask


@contextlib.contextmanager
def atomic_dir(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield an empty staging folder beside ``target``; swap it in for ``target`` on success.

    For outputs that are a folder whose set of files changes from run to run (the
    hive-partitioned Parquet): replacing file by file would leave stale files behind.
    The swap is two renames (old folder aside, new one in): a reader may find no
    folder between them, never a mix. Used for the static site, whose folder must stay
    a plain folder to upload; the Parquet build uses ``switch_dir``, one rename. On
    any exception the staging folder is removed and ``target`` is left untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield staging
        # mkdtemp makes the folder 0700; give it the mode the target has (or would get).
        os.chmod(staging, _final_mode(target, 0o777))
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old",
                                        dir=target.parent))
            os.replace(target, old / target.name)
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _version_names(name: str) -> re.Pattern[str]:
    """Names of the siblings ``switch_dir`` makes for a target called ``name``:
    version folders (``.NAME.build-XXXXXXXX``) and not yet switched links."""
    return re.compile(rf"\.{re.escape(name)}\.(build|link)-[A-Za-z0-9_]+")


def _current_version(target: Path) -> Path | None:
    """The version folder ``target`` links to, if it is one of ours; else None."""
    if not target.is_symlink():
        return None
    dest = os.readlink(target)
    return target.parent / dest if _version_names(target.name).fullmatch(dest) else None


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (flock on the folder itself, so no lock file
    is left behind); the kernel releases it if the process dies."""
    if fcntl is None:  # not POSIX: no locking
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def _sweep(target: Path) -> None:
    """Clean what an interrupted switch left beside ``target``: a folder set aside
    during a first switch goes back if ``target`` is missing (else away), and every
    version folder or link that ``target`` does not point to is removed."""
    previous = target.parent / f".{target.name}.previous"
    if previous.is_dir():
        if not target.exists() and not target.is_symlink():
            os.rename(previous, target)
        else:
            _remove(previous)
    current = _current_version(target)
    pattern = _version_names(target.name)
    for entry in target.parent.iterdir():
        if pattern.fullmatch(entry.name) and entry != current:
            _remove(entry)


@contextlib.contextmanager
def switch_dir(
    target: str | os.PathLike[str], replaceable: Callable[[Path], bool] = lambda _: True
) -> Iterator[Path]:
    """Yield an empty folder to fill; on success switch ``target`` to it in one step.

    For outputs that are a set of files (the Parquet build): readers must see the
    whole old set or the whole new one, never a mix. ``target`` is a symbolic link
    to a version folder beside it (``out/parquet -> .parquet.build-XXXXXXXX``). The
    new version is written into its own folder; then a new link to it is made under a
    temporary name and renamed over ``target``. rename(2) replaces a name atomically,
    so that rename is the switch: before it every path under ``target`` resolves into
    the old version, after it into the new one. Readers open ``target/events.parquet``
    as before (the link is followed); a reader that opened a file keeps reading it
    even while the old version is removed. A reader that must see several files of
    one version should resolve ``target`` once (``os.path.realpath``) and read from
    there.

    Interrupted before the rename, the old version is untouched and the new folder is
    removed (or, if the interruption hits the clean-up itself, swept by the next
    run); after it, the new version is complete and only the old folder's removal
    may be left to the next run. Two switches into one ``target`` take turns (a lock
    on the parent folder), so they can never mix their files.

    A ``target`` that is a plain folder (an output from before this layout, or an
    empty folder) is replaced once, if ``replaceable(target)`` allows: it is renamed
    aside and the link renamed in, two renames. An interruption between them leaves
    ``target`` missing for a moment; the folder set aside is renamed back on the way
    out, or by the next run. ``target`` as a link of the user's own (not to one of
    our versions) is followed, so the output lands where it points.
    """
    target = Path(target)
    if target.is_symlink() and _current_version(target) is None:
        target = target.resolve()
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "the path is a file, not a folder", str(target))
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent):
        _sweep(target)
        plain = target.is_dir() and not target.is_symlink()
        if plain and not replaceable(target):
            raise FileExistsError(
                errno.EEXIST,
                "the folder holds files that are not a build's output; name a new or "
                "empty folder",
                str(target),
            )
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=parent))
        link = parent / f".{target.name}.link-{staging.name.rpartition('-')[2]}"
        previous = parent / f".{target.name}.previous"
        old = _current_version(target)
        try:
            yield staging
            # mkdtemp makes the folder 0700; give it the mode the target has (or would get).
            os.chmod(staging, _final_mode(target, 0o777))
            os.symlink(staging.name, link)
            if plain:
                os.rename(target, previous)
                old = previous
            os.replace(link, target)  # the switch
            if old is not None:
                _remove(old)
        finally:
            # Whether the switch happened is read from the disk, not from a flag: an
            # interruption can land between the rename and any statement after it.
            if _current_version(target) != staging:
                _remove(link)
                _remove(staging)
                if previous.is_dir() and not target.exists() and not target.is_symlink():
                    os.rename(previous, target)


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    """Atomically replace ``target`` with ``data``."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: str | os.PathLike[str], text: str) -> None:
    """Atomically replace ``target`` with UTF-8 ``text`` (newlines written as given)."""
    write_bytes(target, text.encode("utf-8"))
