#!/usr/bin/env python3
"""``check`` of the shipped package against ``frictionless validate`` of the same package.

``python benchmarks/bench_shipped.py [--repeat 15] [--datapackage PATH]``

Goal (issue 18): ``check`` of the shipped package takes at most 0.5x the time of
``frictionless validate`` of it. This is the work users do most, so start-up counts:
every run is a fresh process (``python -m russia_panama_timeline check DATAPACKAGE``
and the ``frictionless validate DATAPACKAGE`` command installed beside this Python),
started and timed by ``_harness.measure``; one warm-up run of each, then ``--repeat``
rounds, the order alternating. Printed: each contender's median, min–max and
interquartile range, peak memory, the ratio of the medians and the median of the
paired per-round ratios, with the load average before and after. ``info`` and
``check --format json`` are timed alongside (not goals, for the record).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _harness import Stats, interleave, load_average, machine, package_size  # noqa: E402

BIN = Path(sys.executable).parent
GOAL = 0.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="rounds (default 15)")
    parser.add_argument("--datapackage", type=Path, default=None,
                        help="the package (default: the one installed with this Python)")
    args = parser.parse_args(argv)
    if args.datapackage is None:
        import russia_panama_timeline as rpt

        args.datapackage = Path(rpt.DATAPACKAGE)
    dp = str(args.datapackage.resolve())
    rpt_cmd = [sys.executable, "-m", "russia_panama_timeline"]
    contenders = {
        "check": [*rpt_cmd, "check", dp],
        "frictionless validate": [str(BIN / "frictionless"), "validate", dp],
        "info": [*rpt_cmd, "info", dp],
    }
    size = package_size(Path(dp))
    before = load_average()
    runs = interleave(contenders, args.repeat)
    after = load_average()
    stats = {name: Stats.of(samples) for name, samples in runs.items()}

    print(f"{machine()}; the shipped package: {size}.")
    print(f"Load average (1, 5, 15 min) before {before}, after {after}; "
          f"{args.repeat} interleaved rounds after one warm-up run of each.\n")
    print("| command | runs | median wall (min–max; IQR) | CPU (median) | peak RSS (median) |")
    print("| --- | ---: | --- | ---: | ---: |")
    for name, st in stats.items():
        print(f"| `{name}` | {st.n} | {st.wall()} | {st.cpu:.3f} s | {st.peak:,.0f} MiB |")
    check, fr = stats["check"], stats["frictionless validate"]
    ratio = check.median / fr.median
    paired = [c.wall / f.wall for c, f in zip(runs["check"], runs["frictionless validate"],
                                              strict=True)]
    print(f"\n- check / frictionless validate: {ratio:.2f}x (medians); paired per round: "
          f"median {statistics.median(paired):.2f}x, {min(paired):.2f}–{max(paired):.2f}x "
          f"(goal <= {GOAL}x: {'met' if ratio <= GOAL else 'missed'}); CPU time "
          f"{check.cpu / fr.cpu:.2f}x.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
