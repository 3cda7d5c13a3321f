"""An interrupted build leaves the previous output whole; concurrent builds never mix.

The build writes a new version folder beside ``--out`` and switches ``--out`` to it
by renaming one symbolic link (``atomic.switch_dir``). These tests interrupt it at
every step: before and after each file-system call the build makes (in-process, by
fault injection, and in a subprocess by a real SIGINT), and check after each
interruption that ``--out`` holds exactly the old files or exactly the new ones, that
anything left beside it is only what the next run removes, and that the next run
does remove it.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO

import russia_panama_timeline.parquet.build as build_module
import russia_panama_timeline.parquet.write as write_module
from russia_panama_timeline.cli import main
from russia_panama_timeline.parquet import build_parquet

# Every file-system call the build and the switch make, and the Parquet writer.
CALLS: list[tuple[object, str]] = [
    (os, "mkdir"), (os, "chmod"), (os, "symlink"), (os, "rename"), (os, "replace"),
    (os, "unlink"), (os, "rmdir"), (shutil, "rmtree"),
    (build_module, "write_table"), (write_module, "write_table"),
]


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (through the link) and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _edit_title(descriptor: Path) -> None:
    """Change the first event's title in a package copy, and re-pin it."""
    from conftest import repin

    events = descriptor.parent / "data" / "events.csv"
    with events.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index("title")] = "An edited title"
    with events.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    repin(descriptor)


def _leftovers(parent: Path, name: str) -> set[str]:
    """Entries beside the output other than the output and the version it links to."""
    out = parent / name
    keep = {name}
    if out.is_symlink():
        keep.add(os.readlink(out))
    return {p.name for p in parent.iterdir()} - keep


def _sweepable(entry: str, name: str) -> bool:
    """What the next run's sweep removes (or puts back)."""
    return entry.startswith((f".{name}.build-", f".{name}.link-")) or entry == f".{name}.previous"


class Interrupt:
    """Raise KeyboardInterrupt (a Ctrl-C) just before or just after one call of CALLS.

    Steps are numbered 1, 2, ...: step 2n-1 is just before the n-th call, step 2n
    just after it returned (between it and the next one). ``at=None`` only counts.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, at: int | None) -> None:
        self.at, self.step, self.armed = at, 0, False
        self.log: list[str] = []  # the calls made, in order
        self.starts: list[int] = []  # the step just before each of them
        for module, name in CALLS:
            monkeypatch.setattr(module, name, self._wrap(getattr(module, name), name))

    def _tick(self) -> None:
        self.step += 1
        if self.step == self.at:
            raise KeyboardInterrupt

    def _wrap(self, real: Callable, name: str) -> Callable:
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            if not self.armed:
                return real(*args, **kwargs)
            self.log.append(name)
            self.starts.append(self.step + 1)  # the step just before this call
            self._tick()
            result = real(*args, **kwargs)
            self._tick()
            return result

        return call


@pytest.fixture
def packages(package_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two versions of the package: the original copy and one with an edited title."""
    new = tmp_path / "new"
    shutil.copytree(package_copy.parent, new)
    _edit_title(new / "datapackage.json")
    return package_copy, new / "datapackage.json"


@pytest.mark.parametrize(
    ("partition_by", "previous"),
    [(None, "switched"), (None, "plain folder"), ("year", "switched")],
)
def test_interrupted_at_every_step(
    packages: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    partition_by: str | None, previous: str,
) -> None:
    old_pkg, new_pkg = packages
    base = tmp_path / "base"
    build_parquet(old_pkg, base / "parquet", partition_by)
    if previous == "plain folder":  # an output made before outputs were links
        real = (base / "parquet").resolve()
        (base / "parquet").unlink()
        real.rename(base / "parquet")
    old = _snapshot(base / "parquet")
    build_parquet(new_pkg, tmp_path / "reference" / "parquet", partition_by)
    new = _snapshot(tmp_path / "reference" / "parquet")
    assert old != new

    dry = tmp_path / "dry"
    shutil.copytree(base, dry, symlinks=True)
    counter = Interrupt(monkeypatch, None)
    counter.armed = True
    build_parquet(new_pkg, dry / "parquet", partition_by)
    steps = counter.step
    assert "symlink" in counter.log and "replace" in counter.log
    monkeypatch.undo()

    # Interrupt at step 1, 2, ... until a build runs to its end. Partitioned output
    # makes some forty files alike (written into the private version folder, then
    # removed with the old version): there every step from the last write to just
    # after the switch is tried, and every seventh step of the rest.
    last_write = len(counter.log) - 1 - counter.log[::-1].index("write_table")
    first_switch_step = counter.starts[last_write + 1]
    switch_step = counter.starts[counter.log.index("replace")]
    at = 0
    while True:
        at += 1
        assert at <= steps + 10, "the build never completed"
        if partition_by is not None and at % 7 and not (
            first_switch_step <= at <= switch_step + 4
        ):
            continue
        parent = tmp_path / f"at{at}"
        shutil.copytree(base, parent, symlinks=True)
        out = parent / "parquet"
        fault = Interrupt(monkeypatch, at)
        fault.armed = True
        try:
            build_parquet(new_pkg, out, partition_by)
            completed = True
        except KeyboardInterrupt:
            completed = False
        fault.armed = False
        got = _snapshot(out)
        assert got in (old, new), f"step {at} ({fault.log[-1]}): old and new files mixed"
        stray = _leftovers(parent, "parquet")
        assert all(_sweepable(e, "parquet") for e in stray), (at, stray)
        if completed:
            assert got == new and stray == set()
            break
        # The next run cleans up whatever the interruption left.
        build_parquet(new_pkg, out, partition_by)
        assert _snapshot(out) == new
        assert _leftovers(parent, "parquet") == set(), at
        monkeypatch.undo()
        shutil.rmtree(parent)
    assert at > switch_step + 1  # the loop went past the switch


DRIVER = r"""
import os, shutil, signal, sys
import russia_panama_timeline.parquet.build as build_module
import russia_panama_timeline.parquet.write as write_module
from russia_panama_timeline.cli import main

at, step = int(sys.argv[1]), 0

def wrap(module, name):
    real = getattr(module, name)
    def call(*args, **kwargs):
        global step
        step += 1
        if step == at:
            os.kill(os.getpid(), signal.SIGINT)
        result = real(*args, **kwargs)
        step += 1
        if step == at:
            os.kill(os.getpid(), signal.SIGINT)
        return result
    setattr(module, name, call)

for module, name in [(os, "mkdir"), (os, "chmod"), (os, "symlink"), (os, "rename"),
                     (os, "replace"), (os, "unlink"), (os, "rmdir"), (shutil, "rmtree"),
                     (build_module, "write_table"), (write_module, "write_table")]:
    wrap(module, name)
sys.exit(main(["build", *sys.argv[2:]]))
"""


def test_sigint_in_a_subprocess_at_every_step_of_the_switch(
    packages: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_pkg, new_pkg = packages
    base = tmp_path / "base"
    build_parquet(old_pkg, base / "parquet")
    old = _snapshot(base / "parquet")
    build_parquet(new_pkg, tmp_path / "reference" / "parquet")
    new = _snapshot(tmp_path / "reference" / "parquet")
    dry = tmp_path / "dry"
    shutil.copytree(base, dry, symlinks=True)
    counter = Interrupt(monkeypatch, None)
    counter.armed = True
    build_parquet(new_pkg, dry / "parquet")
    monkeypatch.undo()
    # Around the switch: between making the link and renaming it over the output,
    # just after that rename, and inside the removal of the old version. The
    # subprocesses run side by side, each on its own copy.
    symlink = counter.starts[counter.log.index("symlink")]
    replace = counter.starts[counter.log.index("replace")]
    steps = [symlink + 1, replace + 1, replace + 3]
    procs = {}
    for at in steps:
        parent = tmp_path / f"at{at}"
        shutil.copytree(base, parent, symlinks=True)
        procs[at] = subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(at), str(new_pkg), "--out", str(parent / "parquet")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
    for at, proc in procs.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 130, (at, err)
        assert "interrupted" in err and "Traceback" not in err
        parent = tmp_path / f"at{at}"
        got = _snapshot(parent / "parquet")
        assert got in (old, new), f"step {at}: old and new files mixed"
        assert all(_sweepable(e, "parquet") for e in _leftovers(parent, "parquet"))
        build_parquet(new_pkg, parent / "parquet")
        assert _snapshot(parent / "parquet") == new
        assert _leftovers(parent, "parquet") == set()


def test_two_builds_at_once_never_mix(packages: tuple[Path, Path], tmp_path: Path) -> None:
    old_pkg, new_pkg = packages
    refs = []
    for i, pkg in enumerate(packages):
        build_parquet(pkg, tmp_path / f"ref{i}", "year")
        refs.append(_snapshot(tmp_path / f"ref{i}"))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for attempt in range(1):
        out = tmp_path / f"shared{attempt}" / "parquet"
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "russia_panama_timeline", "build", str(pkg),
                 "--out", str(out), "--partition-by", "year"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
            )
            for pkg in (old_pkg, new_pkg)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
        assert _snapshot(out) in refs
        assert _leftovers(out.parent, "parquet") == set()


def test_plain_build_after_a_partitioned_one_leaves_no_partitions(
    package_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "parquet"
    build_parquet(package_copy, out, "year")
    assert (out / "events").is_dir()
    build_parquet(package_copy, out)
    import json

    names = [r["name"] for r in json.loads(package_copy.read_text(encoding="utf-8"))["resources"]]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.parquet" for n in names)
    import duckdb

    with pytest.raises(duckdb.IOException):
        duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/events/*/*.parquet')").fetchall()
    assert duckdb.sql(f"SELECT count(*) FROM '{out}/events.parquet'").fetchall()[0][0] > 0


def test_readers_use_the_documented_paths(package_copy: Path, tmp_path: Path) -> None:
    # The output is a link to a version folder; the documented paths still read.
    import duckdb

    out = tmp_path / "out" / "parquet"
    build_parquet(package_copy, out, "year")
    assert out.is_symlink() and not os.path.isabs(os.readlink(out))
    n = duckdb.sql(f"SELECT count(*) FROM '{out}/events.parquet'").fetchall()[0][0]
    parts = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{out}/events/*/*.parquet', hive_partitioning=true)"
    ).fetchall()[0][0]
    assert n == parts > 0
    # Moving the whole output folder keeps it readable (the link is relative).
    moved = tmp_path / "moved"
    (tmp_path / "out").rename(moved)
    moved_events = f"{moved}/parquet/events.parquet"
    assert duckdb.sql(f"SELECT count(*) FROM '{moved_events}'").fetchall()[0][0] == n


def test_a_folder_with_other_files_is_not_replaced(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me\n", encoding="utf-8")
    assert main(["build", str(package_copy), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "not a build's output" in err and "nothing was written" in err
    assert [p.name for p in tmp_path.iterdir() if p.name != "pkg"] == ["mine"]
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_a_link_of_ones_own_is_followed(package_copy: Path, tmp_path: Path) -> None:
    real = tmp_path / "big-disk" / "parquet"
    real.mkdir(parents=True)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "parquet").symlink_to(real)
    build_parquet(package_copy, tmp_path / "out" / "parquet")
    assert (tmp_path / "out" / "parquet").resolve().parent == real.parent
    assert (tmp_path / "out" / "parquet" / "events.parquet").is_file()


def test_build_out_a_file_says_so(package_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.parquet"
    target.write_bytes(b"not a folder")
    result = subprocess.run(
        [sys.executable, "-m", "russia_panama_timeline", "build", str(package_copy),
         "--out", str(target)],
        capture_output=True, text=True, check=False, cwd=REPO,
    )
    assert result.returncode == 2
    assert f"{target}: the path is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == b"not a folder"

