#!/usr/bin/env python3
"""``check`` and ``build`` of a million events against raw pyarrow and ``frictionless validate``.

``python benchmarks/bench_pass.py [--events 1000000] [--repeat 5] [--frictionless-runs 1]
[--work DIR]``

Goals (issue 18), on the package of a million events written by ``benchmarks/synth.py``:

- ``check`` at most 2x raw pyarrow, and at least 30x faster than ``frictionless validate``;
- ``build`` (check and write, as the command does it) at most 2.5x raw pyarrow;
- the peak memory of each at most 1.5x raw pyarrow's.

Every measurement is one fresh process, started and timed by ``_harness.measure``, so the
interpreter's start-up and every import count for every contender alike:

- raw pyarrow (the baseline, exactly): ``python -c`` running, for each resource of the
  descriptor, ``pyarrow.csv.read_csv(path)`` (default options) and
  ``pyarrow.parquet.write_table(table, out, compression="zstd")``;
- check: ``python -m russia_panama_timeline check DATAPACKAGE``;
- build: ``python -m russia_panama_timeline build DATAPACKAGE --out DIR``;
- frictionless: ``frictionless validate DATAPACKAGE`` (the command installed with it).

One warm-up run of raw pyarrow, check and build (the CSVs in the page cache for all),
then ``--repeat`` rounds of the three, the order rotated each round; frictionless takes
minutes on a million events, so it runs in the first ``--frictionless-runs`` rounds only
(once by default), between the others. Printed: median, min–max and IQR of each, peak
RSS, the ratios (of the medians, and the median of the per-round paired ratios), the
package's rows and bytes, and the load average before and after.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _harness import Sample, Stats, load_average, machine, measure, package_size  # noqa: E402

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


def run(tool: str, datapackage: Path) -> Sample:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"  # build switches its output into place as a link
        out.mkdir()
        return measure(command(tool, datapackage, out))


def package(work: Path, events: int) -> Path:
    """The synthetic package of ``events`` events under ``work`` (written once)."""
    dest = work / f"synth-{events}"
    descriptor = dest / "datapackage.json"
    if not descriptor.is_file():
        print(f"writing {events:,} synthetic events to {dest} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "synth.py"), "--events", str(events),
                        "--out", str(dest)], check=True, stdout=sys.stderr)
    return descriptor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--frictionless-runs", type=int, default=1)
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "bench-pass")
    args = parser.parse_args()
    if shutil.which("frictionless", path=str(BIN)) is None:
        raise SystemExit(f"no frictionless command in {BIN}")

    big = package(args.work, args.events)
    size = package_size(big)
    tools = ["raw pyarrow", "check", "build"]
    before = load_average()
    for tool in tools:  # warm-up
        run(tool, big)
    samples: dict[str, list[Sample]] = {t: [] for t in [*tools, "frictionless"]}
    for i in range(args.repeat):
        k = i % len(tools)
        order = tools[k:] + tools[:k]
        if i < args.frictionless_runs:
            order.insert(1, "frictionless")
        for tool in order:
            samples[tool].append(run(tool, big))
            print(f"round {i + 1}: {tool} {samples[tool][-1].wall:.2f} s", file=sys.stderr)
    after = load_average()
    results = {tool: Stats.of(s) for tool, s in samples.items() if s}

    print(f"{machine()}; {size}.")
    print(f"Load average (1, 5, 15 min) before {before}, after {after}; {args.repeat} "
          f"interleaved rounds after one warm-up run of each; frictionless "
          f"{len(samples['frictionless'])} run(s).\n")
    print("| contender | runs | median wall (min–max; IQR) | CPU (median) | peak RSS (median) "
          "| vs raw time | vs raw CPU | vs raw memory |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    raw = results["raw pyarrow"]
    for tool, r in results.items():
        print(f"| {tool} | {r.n} | {r.wall()} | {r.cpu:.1f} s | {r.peak:,.0f} MiB | "
              f"{r.median / raw.median:.2f}x | {r.cpu / raw.cpu:.2f}x | "
              f"{r.peak / raw.peak:.2f}x |")

    def paired(tool: str) -> str:
        ratios = [a.wall / b.wall for a, b in zip(samples[tool], samples["raw pyarrow"],
                                                  strict=True)]
        return (f"paired per round: median {statistics.median(ratios):.2f}x, "
                f"{min(ratios):.2f}–{max(ratios):.2f}x")

    def verdict(ok: bool) -> str:
        return "met" if ok else "missed"

    check, build = results["check"], results["build"]
    t = check.median / raw.median
    b = build.median / raw.median
    print()
    print(f"- check vs raw pyarrow: {t:.2f}x ({paired('check')}; goal <= 2x: {verdict(t <= 2)})")
    if "frictionless" in results:
        f = results["frictionless"].median / check.median
        print(f"- check vs frictionless validate: {f:.1f}x faster (goal >= 30x: "
              f"{verdict(f >= 30)})")
    print(f"- build vs raw pyarrow: {b:.2f}x ({paired('build')}; goal <= 2.5x: "
          f"{verdict(b <= 2.5)})")
    for tool in ("check", "build"):
        m = results[tool].peak / raw.peak
        print(f"- {tool} peak memory vs raw pyarrow: {m:.2f}x (goal <= 1.5x: {verdict(m <= 1.5)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
