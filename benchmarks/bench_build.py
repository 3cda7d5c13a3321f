#!/usr/bin/env python3
"""Benchmark the Parquet build against raw pyarrow CSV-to-Parquet on a synthetic package.

``python benchmarks/bench_build.py [--events 1000000] [--repeat 3]``

Makes (once) a valid synthetic package of N events with ``benchmarks/synth.py`` under
``benchmarks/_work/`` (git-ignored), then times, each in a fresh Python process so
that peak memory is that scenario's alone:

- ``raw pyarrow``: ``pyarrow.csv.read_csv`` with default options (types inferred) and
  ``pyarrow.parquet.write_table`` with default settings (snappy), for the same three
  CSV files: the baseline the goal is stated against;
- ``raw pyarrow, zstd``: the same with zstd, the codec the build uses;
- ``build``: ``build_parquet``, which checks each CSV and writes the columns it
  checked (one pass: types from the schema, enums dictionary-encoded, metadata,
  lineage hash, fixed settings, atomic renames);
- ``build --partition-by year``: the same, plus the hive-partitioned events;
- ``build (CLI)``: the whole ``russia-panama-timeline build`` command.

The cold figures, imports included, against the exact baseline of issue 12 are
``bench_pass.py``'s; this script isolates the work itself.

Wall time and CPU time (user + system, all threads) are measured inside the process
around the work (imports excluded, the CSVs in the page cache after the first run);
CPU time is the steadier figure on a busy machine. Peak memory is the process's
maximum resident set size. The median of ``--repeat`` runs is reported as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "_work"

# Each scenario is run as ``python -c PRELUDE + body + EPILOGUE`` with DP and OUT set.
PRELUDE = """
import json, resource, sys, time
sys.path.insert(0, {src!r})
DP, OUT = {dp!r}, {out!r}
"""
EPILOGUE = """
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime - cpu0,
                  "peak_mib": usage.ru_maxrss / 1024}))
"""

RAW = """
import pyarrow.csv as pa_csv, pyarrow.parquet as pq
from pathlib import Path
names = ["events", "sources", "event_sources"]
Path(OUT).mkdir(parents=True, exist_ok=True)
_u = resource.getrusage(resource.RUSAGE_SELF)
cpu0 = _u.ru_utime + _u.ru_stime
start = time.perf_counter()
for name in names:
    table = pa_csv.read_csv(f"{Path(DP).parent}/data/{name}.csv")
    pq.write_table(table, f"{OUT}/{name}.parquet"{options})
    del table
seconds = time.perf_counter() - start
"""

BUILD = """
import russia_panama_timeline.parquet.build as build
_u = resource.getrusage(resource.RUSAGE_SELF)
cpu0 = _u.ru_utime + _u.ru_stime
start = time.perf_counter()
build.build_parquet(DP, OUT, partition_by={partition!r})
seconds = time.perf_counter() - start
"""

CLI = """
from russia_panama_timeline.cli import main
_u = resource.getrusage(resource.RUSAGE_SELF)
cpu0 = _u.ru_utime + _u.ru_stime
start = time.perf_counter()
code = main(["build", DP, "--out", OUT])
seconds = time.perf_counter() - start
assert code == 0, code
"""

SCENARIOS: dict[str, str] = {
    "raw pyarrow (defaults, snappy)": RAW.replace("{options}", ""),
    "raw pyarrow, zstd": RAW.replace("{options}", ', compression="zstd"'),
    "build": BUILD.format(partition=None),
    "build --partition-by year": BUILD.format(partition="year"),
    "build (CLI)": CLI,
}


def _synthetic(events: int) -> Path:
    folder = WORK / f"synth-{events}"
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        print(f"making a synthetic package of {events} events in {folder}", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "synth.py"), "--events", str(events),
                        "--out", str(folder)], check=True)
    return descriptor


def _run(body: str, descriptor: Path, out: Path) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    code = PRELUDE.format(src=str(REPO / "src"), dp=str(descriptor), out=str(out))
    result = subprocess.run([sys.executable, "-c", code + body + EPILOGUE],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"benchmark failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*.parquet")) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    descriptor = _synthetic(args.events)
    csv_mib = sum(p.stat().st_size for p in (descriptor.parent / "data").glob("*.csv")) / 2**20
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in SCENARIOS}
    sizes: dict[str, float] = {}
    for _ in range(args.repeat):  # interleaved, so drift hits every scenario alike
        for name, body in SCENARIOS.items():
            out = WORK / "bench-out"
            runs[name].append(_run(body, descriptor, out))
            sizes[name] = _size_mib(out)
            print(f"{name}: {runs[name][-1]}", file=sys.stderr)

    baseline = statistics.median(r["seconds"] for r in runs[next(iter(SCENARIOS))])
    print(f"{args.events:,} events, {csv_mib:,.0f} MiB of CSV; median of {args.repeat} runs\n")
    cpu_baseline = statistics.median(r["cpu"] for r in runs[next(iter(SCENARIOS))])
    print("| scenario | wall time (s) | min–max (s) | vs raw pyarrow | CPU time (s) "
          "| CPU vs raw | peak memory (MiB) | Parquet (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, results in runs.items():
        seconds = statistics.median(r["seconds"] for r in results)
        cpu = statistics.median(r["cpu"] for r in results)
        peak = max(r["peak_mib"] for r in results)
        walls = [r["seconds"] for r in results]
        spread = f"{min(walls):.2f}–{max(walls):.2f}"
        print(f"| {name} | {seconds:.2f} | {spread} | {seconds / baseline:.2f}x | {cpu:.2f} "
              f"| {cpu / cpu_baseline:.2f}x | {peak:,.0f} | {sizes[name]:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
