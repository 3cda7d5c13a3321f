#!/usr/bin/env python3
"""``check`` and ``build`` against raw pyarrow and ``frictionless validate``, cold.

``python benchmarks/bench_pass.py [--events 1000000] [--repeat 5] [--frictionless-runs 1]
[--frictionless-events N] [--work DIR]``

Goals (issue 12), on the package of a million events written by ``benchmarks/synth.py``:

- ``check`` at most 2x raw pyarrow, and at least 30x faster than ``frictionless validate``;
- ``build`` (check and write, as the command does it) at most 2.5x raw pyarrow;
- the peak memory of each at most 1.5x raw pyarrow's.

Every measurement is one fresh process, started and timed by this script, so the
interpreter's start-up and every import count for every contender alike:

- raw pyarrow: ``python -c`` running, for each resource of the descriptor,
  ``pyarrow.csv.read_csv(path)`` (default options) and
  ``pyarrow.parquet.write_table(table, out, compression="zstd")``;
- check: ``python -m russia_panama_timeline check DATAPACKAGE``;
- build: ``python -m russia_panama_timeline build DATAPACKAGE --out DIR``;
- frictionless: ``frictionless validate DATAPACKAGE`` (the command installed with it).

Wall time is taken around the process; peak memory is that process's maximum resident
set size, as the kernel reports it to ``os.wait4``. Runs are interleaved (the order
reversed every other round) after one warm-up run of each, so the CSVs are in the page
cache for everyone; the median, min and max of ``--repeat`` runs are reported.
frictionless takes minutes on a million events, so by default it runs once; with
``--frictionless-events N`` it runs on a package of N events instead and its time is
scaled to a million linearly (said so in the output).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent

RAW = """
import sys
from pathlib import Path
import json
import pyarrow.csv
import pyarrow.parquet
dp, out = Path(sys.argv[1]), Path(sys.argv[2])
for res in json.loads(dp.read_text(encoding="utf-8"))["resources"]:
    table = pyarrow.csv.read_csv(dp.parent / res["path"])
    pyarrow.parquet.write_table(table, out / (res["name"] + ".parquet"), compression="zstd")
"""


def command(tool: str, datapackage: Path, out: Path) -> list[str]:
    if tool == "raw pyarrow":
        return [sys.executable, "-c", RAW, str(datapackage), str(out)]
    if tool == "check":
        return [sys.executable, "-m", "russia_panama_timeline", "check", str(datapackage)]
    if tool == "build":
        return [sys.executable, "-m", "russia_panama_timeline", "build", str(datapackage),
                "--out", str(out)]
    if tool == "frictionless":
        return [str(BIN / "frictionless"), "validate", str(datapackage)]
    raise SystemExit(f"unknown contender {tool}")


def measure(tool: str, datapackage: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one fresh process running ``tool``."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command(tool, datapackage, Path(out)),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{tool} failed on {datapackage} (exit {proc.returncode}): {err}")
    return wall, usage.ru_maxrss / 1024


def package(work: Path, events: int) -> Path:
    dest = work / f"synth-{events}"
    descriptor = dest / "datapackage.json"
    if not descriptor.is_file():
        subprocess.run([sys.executable, str(HERE / "synth.py"), "--events", str(events),
                        "--out", str(dest)], check=True, capture_output=True)
    return descriptor


def runs(tools: list[str], datapackage: Path, repeat: int) -> dict[str, list[tuple[float, float]]]:
    for tool in tools:  # warm-up: the CSVs into the page cache, .pyc files written
        measure(tool, datapackage)
    out: dict[str, list[tuple[float, float]]] = {t: [] for t in tools}
    for i in range(repeat):
        for tool in tools if i % 2 == 0 else tools[::-1]:
            out[tool].append(measure(tool, datapackage))
    return out


def summary(samples: list[tuple[float, float]]) -> dict[str, float]:
    walls = [w for w, _ in samples]
    peaks = [p for _, p in samples]
    return {"median": statistics.median(walls), "min": min(walls), "max": max(walls),
            "peak": statistics.median(peaks), "n": len(samples)}


def load_average() -> str:
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--frictionless-runs", type=int, default=1)
    parser.add_argument("--frictionless-events", type=int, default=None,
                        help="time frictionless on a smaller package and scale linearly")
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "bench-pass")
    args = parser.parse_args()
    if shutil.which("frictionless", path=str(BIN)) is None:
        raise SystemExit(f"no frictionless command in {BIN}")

    import pyarrow

    big = package(args.work, args.events)
    size = sum((big.parent / "data" / p).stat().st_size
               for p in os.listdir(big.parent / "data")) / 2**20
    before = load_average()
    results = {k: summary(v) for k, v in runs(["raw pyarrow", "check", "build"], big,
                                               args.repeat).items()}
    fr_events = args.frictionless_events or args.events
    fr_dp = big if fr_events == args.events else package(args.work, fr_events)
    fr = [measure("frictionless", fr_dp) for _ in range(args.frictionless_runs)]
    scale = args.events / fr_events
    results["frictionless"] = summary([(w * scale, p) for w, p in fr])
    after = load_average()

    print(f"Python {platform.python_version()}, pyarrow {pyarrow.__version__}, "
          f"{os.cpu_count()} cores; {args.events:,} events, {size:,.0f} MiB of CSV; "
          f"load average (1, 5, 15 min) before {before}, after {after}.")
    if scale != 1:
        print(f"frictionless ran on {fr_events:,} events; its time is scaled x{scale:g} "
              "(linear extrapolation), its memory is not.")
    print()
    print("| contender | runs | median wall | min–max | peak RSS (median) | vs raw time "
          "| vs raw memory |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    raw = results["raw pyarrow"]
    for tool, r in results.items():
        print(f"| {tool} | {r['n']} | {r['median']:.2f} s | {r['min']:.2f}–{r['max']:.2f} s | "
              f"{r['peak']:,.0f} MiB | {r['median'] / raw['median']:.2f}x | "
              f"{r['peak'] / raw['peak']:.2f}x |")
    check, build, fr_r = results["check"], results["build"], results["frictionless"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "missed"

    print()
    t = check["median"] / raw["median"]
    f = fr_r["median"] / check["median"]
    b = build["median"] / raw["median"]
    print(f"- check vs raw pyarrow: {t:.2f}x (goal <= 2x: {verdict(t <= 2)})")
    print(f"- check vs frictionless validate: {f:.1f}x faster (goal >= 30x: {verdict(f >= 30)})")
    print(f"- build vs raw pyarrow: {b:.2f}x (goal <= 2.5x: {verdict(b <= 2.5)})")
    for tool in ("check", "build", "frictionless"):
        m = results[tool]["peak"] / raw["peak"]
        print(f"- {tool} peak memory vs raw pyarrow: {m:.2f}x (goal <= 1.5x: {verdict(m <= 1.5)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
