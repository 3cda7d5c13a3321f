"""Write files atomically: to a temporary name in the same folder, then rename.

Every output of the project (Parquet files, rewritten CSVs, the descriptor, figures,
exports) goes through here, so an interrupted run never leaves a partial file where
a reader expects a whole one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


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
    The swap is two renames (old folder aside, new one in). On any exception the
    staging folder is removed and ``target`` is left untouched.
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


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    """Atomically replace ``target`` with ``data``."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: str | os.PathLike[str], text: str) -> None:
    """Atomically replace ``target`` with UTF-8 ``text`` (newlines written as given)."""
    write_bytes(target, text.encode("utf-8"))


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike[str], mode: str = "w") -> Iterator[IO]:
    """Open a temporary file for writing; it replaces ``target`` when the block succeeds."""
    with atomic_path(target) as tmp:
        kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with open(tmp, mode, **kwargs) as fh:
            yield fh
