"""The atomic writer: whole files or none, and ordinary permissions on what it writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from russia_panama_timeline.atomic import atomic_path, write_text


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_gets_the_umask_default(tmp_path: Path) -> None:
    # A temporary file is created 0600; the written file must not keep that.
    umask = os.umask(0o022)
    try:
        write_text(tmp_path / "new.txt", "hello\n")
    finally:
        os.umask(umask)
    assert _mode(tmp_path / "new.txt") == 0o644
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "hello\n"


def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "script.sh"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o755)
    write_text(target, "new\n")
    assert _mode(target) == 0o755
    assert target.read_text(encoding="utf-8") == "new\n"


def test_failure_leaves_the_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "data.csv"
    target.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half a fi", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]
