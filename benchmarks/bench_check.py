#!/usr/bin/env python3
"""The checker against ``frictionless validate`` and raw pyarrow, on synthetic packages.

``python benchmarks/bench_check.py [--events 1000000] [--frictionless-events 100000]
[--repeat 3] [--work DIR]``

Goals (issue 4), on a package of a million events written by ``benchmarks/synth.py``:

- the checker at least 20x faster than ``frictionless validate``;
- the checker at most 3x the time of raw pyarrow (read every CSV, write Parquet);
- the checker's peak memory at most 2x raw pyarrow's.

Each measurement runs in a fresh subprocess (this script with ``--child``), which
reports its own peak RSS (``ru_maxrss``); wall time is taken by the parent around the
subprocess, so interpreter start-up and imports count for every contender alike. Runs
are interleaved and summarised by the median. frictionless takes over a minute and a
half on a million events, so it runs once; ``--frictionless-events 100000`` times it
(and the others, for the ratio) on a smaller package instead.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

GOAL_FRICTIONLESS = 20.0
GOAL_RAW_TIME = 3.0
GOAL_RAW_MEMORY = 2.0


def child(tool: str, datapackage: Path) -> None:
    """Run one contender and print its own figures as JSON."""
    start = time.perf_counter()
    if tool == "checker":
        from russia_panama_timeline.checker import check_package

        report = check_package(datapackage)
        ok = report.valid
    elif tool == "frictionless":
        from frictionless import Package, system

        with system.use_context(trusted=False):
            ok = Package(str(datapackage)).validate().valid
    elif tool == "pyarrow":
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        from russia_panama_timeline.descriptor import read_descriptor

        with tempfile.TemporaryDirectory() as out:
            for res in read_descriptor(datapackage)["resources"]:
                table = pacsv.read_csv(datapackage.parent / res["path"])
                pq.write_table(table, Path(out) / f"{res['name']}.parquet", compression="zstd")
        ok = True
    else:
        raise SystemExit(f"unknown tool {tool}")
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"ok": ok, "inner": seconds, "peak_mib": peak_kib / 1024}))


def measure(tool: str, datapackage: Path) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", tool, "--datapackage", str(datapackage)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if not result["ok"]:
        raise SystemExit(f"{tool} rejected the synthetic package {datapackage}")
    return {"wall": wall, **result}


def package(work: Path, events: int) -> Path:
    dest = work / f"synth-{events}"
    descriptor = dest / "datapackage.json"
    if not descriptor.is_file():
        subprocess.run(
            [sys.executable, str(HERE / "synth.py"), "--events", str(events), "--out", str(dest)],
            check=True,
            capture_output=True,
        )
    return descriptor


def run_all(datapackage: Path, tools: list[str], repeat: int) -> dict[str, dict[str, float]]:
    runs: dict[str, list[dict[str, float]]] = {t: [] for t in tools}
    for tool in tools:  # warm the OS file cache
        measure(tool, datapackage) if tool != "frictionless" else None
    for i in range(repeat):
        order = tools if i % 2 == 0 else tools[::-1]
        for tool in order:
            runs[tool].append(measure(tool, datapackage))
    return {
        tool: {
            "wall": statistics.median(r["wall"] for r in rs),
            "peak_mib": statistics.median(r["peak_mib"] for r in rs),
        }
        for tool, rs in runs.items()
    }


def size_mib(datapackage: Path) -> float:
    return sum(p.stat().st_size for p in (datapackage.parent / "data").glob("*.csv")) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--frictionless-events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench-check")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--datapackage", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.datapackage)
        return 0

    import pyarrow

    big = package(args.work, args.events)
    same = args.frictionless_events == args.events
    if same:  # frictionless on the full package: minutes a run, so once
        big_runs = run_all(big, ["checker", "pyarrow"], args.repeat)
        big_runs["frictionless"] = run_all(big, ["frictionless"], 1)["frictionless"]
        small, small_runs = big, big_runs
        sections = [(args.events, big, big_runs)]
    else:
        small = package(args.work, args.frictionless_events)
        big_runs = run_all(big, ["checker", "pyarrow"], args.repeat)
        small_runs = run_all(small, ["checker", "pyarrow", "frictionless"], args.repeat)
        sections = [(args.events, big, big_runs), (args.frictionless_events, small, small_runs)]

    print(
        f"Python {platform.python_version()}, pyarrow {pyarrow.__version__}; median of "
        f"{args.repeat} cold runs (frictionless: {1 if same else args.repeat}).\n"
    )
    print("| package | CSV size | contender | wall time | peak RSS |")
    print("| --- | ---: | --- | ---: | ---: |")
    for events, dp, runs in sections:
        for tool, r in runs.items():
            name = {
                "checker": "`check_package`",
                "pyarrow": "raw pyarrow (CSV -> Parquet)",
                "frictionless": "`frictionless validate`",
            }[tool]
            print(
                f"| {events:,} events | {size_mib(dp):,.0f} MiB | {name} | "
                f"{r['wall']:.2f} s | {r['peak_mib']:,.0f} MiB |"
            )
    ck, raw = big_runs["checker"], big_runs["pyarrow"]
    fr_ratio = small_runs["frictionless"]["wall"] / small_runs["checker"]["wall"]
    t_ratio = ck["wall"] / raw["wall"]
    m_ratio = ck["peak_mib"] / raw["peak_mib"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "missed"

    print()
    print(
        f"- checker vs frictionless ({args.frictionless_events:,} events): "
        f"{fr_ratio:.1f}x faster (goal >= {GOAL_FRICTIONLESS:.0f}x: "
        f"{verdict(fr_ratio >= GOAL_FRICTIONLESS)})"
    )
    print(
        f"- checker vs raw pyarrow time ({args.events:,} events): {t_ratio:.2f}x "
        f"(goal <= {GOAL_RAW_TIME:.0f}x: {verdict(t_ratio <= GOAL_RAW_TIME)})"
    )
    print(
        f"- checker vs raw pyarrow memory ({args.events:,} events): {m_ratio:.2f}x "
        f"(goal <= {GOAL_RAW_MEMORY:.0f}x: {verdict(m_ratio <= GOAL_RAW_MEMORY)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
