"""What every benchmark script here shares: fresh processes, interleaved runs, the
machine's load, and the size of the package measured.

- ``measure(cmd)``: one fresh process, its wall time (taken around the process, so the
  interpreter's start-up and every import count) and its peak resident memory (the
  kernel's maximum RSS, from ``os.wait4``).
- ``interleave(contenders, repeat)``: one warm-up run of each (the files into the page
  cache, ``.pyc`` files written), then ``repeat`` rounds in which every contender runs
  once, the order rotated each round, so drift in the machine's load hits all alike.
- ``Stats``: median, min–max and the interquartile range of the runs, and the median
  CPU time (user and system, all threads), the steadier figure on a busy machine.
- ``load_average()``: the 1, 5 and 15 minute load averages, to print before and after.
- ``package_size(descriptor)``: rows (from ``check --format json``) and bytes of each
  resource, so every figure is printed with the size of what it measured.

Benchmarks are not tests: nothing here asserts a timing.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Every contender runs as installed by pip, which compiles the modules it installs: a
# PYTHONDONTWRITEBYTECODE in the environment would have an editable checkout compile
# every module of the package in every run (frictionless, installed, has its bytecode),
# so the children run without it and the warm-up writes the .pyc files.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    peak: float  # MiB
    cpu: float = 0.0  # seconds of CPU, user and system, all threads


def measure(cmd: Sequence[str], cwd: Path | None = None) -> Sample:
    """Run ``cmd`` once in a fresh process; its wall time and peak RSS. SystemExit if it
    fails (a benchmark of a failing command would measure the wrong thing)."""
    import time

    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            cwd=cwd, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed (exit {code}): {err[-2000:]}")
    return Sample(wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def interleave(contenders: dict[str, Sequence[str]], repeat: int,
               warmup: int = 1) -> dict[str, list[Sample]]:
    """Every contender ``repeat`` times, interleaved, after ``warmup`` runs of each."""
    names = list(contenders)
    for _ in range(warmup):
        for name in names:
            measure(contenders[name])
    out: dict[str, list[Sample]] = {name: [] for name in names}
    for i in range(repeat):
        k = i % len(names)
        for name in names[k:] + names[:k]:
            out[name].append(measure(contenders[name]))
    return out


@dataclass(frozen=True)
class Stats:
    n: int
    median: float
    low: float
    high: float
    q1: float
    q3: float
    peak: float  # median peak RSS, MiB
    cpu: float  # median CPU seconds (user and system): steadier than wall on a busy machine

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> Stats:
        walls = sorted(s.wall for s in samples)
        if len(walls) >= 2:
            q1, _, q3 = statistics.quantiles(walls, n=4, method="inclusive")
        else:
            q1 = q3 = walls[0]
        return cls(len(walls), statistics.median(walls), walls[0], walls[-1], q1, q3,
                   statistics.median(s.peak for s in samples),
                   statistics.median(s.cpu for s in samples))

    def wall(self) -> str:
        """``median (min–max; IQR q1–q3)`` in seconds."""
        if self.n == 1:
            return f"{self.median:.3f} s (one run)"
        return (f"{self.median:.3f} s ({self.low:.3f}–{self.high:.3f}; "
                f"IQR {self.q1:.3f}–{self.q3:.3f})")


def load_average() -> str:
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


def machine() -> str:
    import pyarrow

    return (f"Python {platform.python_version()}, pyarrow {pyarrow.__version__}, "
            f"{os.cpu_count()} cores, bytecode written (as pip leaves an installed package)")


def package_size(descriptor: Path) -> str:
    """``N events, N sources, ...; X MiB of CSV (per file: ...)`` for ``descriptor``,
    rows as ``check`` counts them (it must be valid)."""
    proc = subprocess.run([sys.executable, "-m", "russia_panama_timeline", "check",
                           "--format", "json", str(descriptor)],
                          capture_output=True, text=True, check=False)
    try:
        rows = json.loads(proc.stdout)["rows"]
    except (json.JSONDecodeError, KeyError):
        raise SystemExit(f"check could not read {descriptor}: {proc.stderr[-2000:]}") from None
    resources = json.loads(descriptor.read_text(encoding="utf-8"))["resources"]
    sizes = {r["name"]: (descriptor.parent / r["path"]).stat().st_size for r in resources}
    total = sum(sizes.values())
    counts = ", ".join(f"{rows.get(name, 0):,} {name}" for name in sizes)
    per_file = ", ".join(f"{name} {size / 2**20:,.1f}" for name, size in sizes.items())
    return f"{counts}; {total / 2**20:,.1f} MiB of CSV ({per_file} MiB)"
