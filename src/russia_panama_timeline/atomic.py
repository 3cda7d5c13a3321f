"""Write files atomically: to a temporary name in the same folder, then rename.

Every output of the project (Parquet files, rewritten CSVs, the descriptor, figures,
exports) goes through here, so an interrupted run never leaves a partial file where
a reader expects a whole one.
"""

from __future__ import annotations

import contextlib
import os
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


def _final_mode(target: Path) -> int:
    """The permission bits to leave on ``target``: its own if it exists, else the
    default for a new file under the process's umask (as ``open`` would give)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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
