#!/usr/bin/env python3
"""How much a typed ``load_events()`` costs over a bare ``pd.read_csv`` of the same file.

``python benchmarks/bench_load.py [--repeat 15] [--events 1000000] [--work DIR]``

Goal (issue 2): a *cold* ``load_events()`` (a fresh interpreter that imports the
package and loads the events) costs at most 1.3x a cold bare ``pd.read_csv`` of the
same file (a fresh interpreter that imports pandas and reads it). Both sides pay for
the interpreter and pandas; the loader's extra is reading the descriptor and typing
the columns, and it must not import frictionless.

Three measurements, each repeated and summarised by the median, min–max and IQR:

1. cold, on the installed events.csv, in fresh processes (the goal), the two sides
   interleaved after a warm-up run of each (``_harness.interleave``);
2. cold, on a large synthetic events.csv (``--events`` rows), the same way;
3. in-process, on the same large file: only the read, interpreter and imports excluded.

The load average is printed before and after, and each row gives its file's size.

The large package is written by ``benchmarks/synth.py`` into ``--work`` (by default
the one ``bench_pass.py`` uses) and reused on later runs. The script prints a Markdown
table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import pandas as pd  # noqa: E402
from _harness import Sample, Stats, interleave, load_average, machine  # noqa: E402

import russia_panama_timeline as rpt  # noqa: E402
from russia_panama_timeline.descriptor import read_descriptor, resource, resource_path  # noqa: E402

GOAL = 1.3

LOADER = "import russia_panama_timeline as r; r.load_events({dp!r})"
BARE = "import pandas as pd; pd.read_csv({csv!r})"


def _events_csv(datapackage: Path) -> Path:
    return resource_path(datapackage, resource(read_descriptor(datapackage), "events"))


def cold_pair(datapackage: Path, repeat: int) -> tuple[Stats, Stats]:
    """Cold (load_events, bare read_csv): fresh processes, interleaved, so that drift in
    the machine's load hits both sides alike."""
    runs = interleave({
        "load_events": [sys.executable, "-c", LOADER.format(dp=str(datapackage))],
        "read_csv": [sys.executable, "-c", BARE.format(csv=str(_events_csv(datapackage)))],
    }, repeat)
    return Stats.of(runs["load_events"]), Stats.of(runs["read_csv"])


def _timed(func: Callable[[], object], repeat: int) -> Stats:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(Sample(time.perf_counter() - start, 0.0))
    return Stats.of(times)


def warm_pair(datapackage: Path, repeat: int) -> tuple[Stats, Stats]:
    """In-process (load_events, bare read_csv) on an already-warm process."""
    csv_path = _events_csv(datapackage)
    rpt.load_events(datapackage), pd.read_csv(csv_path)  # warm-up
    return (
        _timed(lambda: rpt.load_events(datapackage), repeat),
        _timed(lambda: pd.read_csv(csv_path), repeat),
    )


def large_package(work: Path, n_events: int) -> Path:
    """The synthetic package of ``n_events`` events, built once into ``work``."""
    from synth import synthesize

    out = work / f"synth-{n_events}"  # the same package as bench_pass.py's
    descriptor = out / "datapackage.json"
    if descriptor.is_file() and _rows(descriptor) == n_events:
        return descriptor
    print(f"writing a synthetic package of {n_events} events to {out} ...", file=sys.stderr)
    return synthesize(n_events, out, say=lambda line: print(line, file=sys.stderr))


def _rows(datapackage: Path) -> int:
    with open(_events_csv(datapackage), "rb") as fh:
        return sum(1 for _ in fh) - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per measurement")
    parser.add_argument("--events", type=int, default=1_000_000,
                        help="rows of the synthetic events.csv (default 1,000,000)")
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "bench-pass",
                        help="folder of the synthetic package, shared with bench_pass.py")
    args = parser.parse_args(argv)

    real = Path(rpt.DATAPACKAGE)
    big = large_package(args.work, args.events)
    before = load_average()
    rows: list[tuple[str, Path, Stats, Stats]] = []
    for label, dp, measure, repeat in (
        ("cold, shipped events.csv", real, cold_pair, args.repeat),
        ("cold, synthetic events.csv", big, cold_pair, max(3, args.repeat // 3)),
        ("in-process, synthetic events.csv", big, warm_pair, max(3, args.repeat // 3)),
    ):
        ours, theirs = measure(dp, repeat)
        rows.append((label, dp, ours, theirs))
        print(f"{label}: load_events {ours.median:.3f} s, read_csv {theirs.median:.3f} s, "
              f"ratio {ours.median / theirs.median:.2f}", file=sys.stderr)
    after = load_average()

    print(f"\n{machine()}, pandas {pd.__version__}, "
          f"{len(json.loads(real.read_text(encoding='utf-8'))['resources'])} resources; "
          f"load average (1, 5, 15 min) before {before}, after {after}; "
          f"{args.repeat} interleaved cold runs of each side (shipped), "
          f"{max(3, args.repeat // 3)} (synthetic).\n")
    print("| measurement | rows, size | `load_events()` median (min–max; IQR) "
          "| bare `pd.read_csv` median (min–max; IQR) | ratio |")
    print("| --- | ---: | --- | --- | ---: |")
    for label, dp, ours, theirs in rows:
        size = _events_csv(dp).stat().st_size
        print(f"| {label} | {_rows(dp):,}, {size / 2**20:,.1f} MiB | {ours.wall()} | "
              f"{theirs.wall()} | {ours.median / theirs.median:.2f}x |")
    ratio = rows[0][2].median / rows[0][3].median
    verdict = "met" if ratio <= GOAL else "NOT met"
    print(f"\nGoal: cold `load_events()` <= {GOAL}x a cold bare `pd.read_csv`: "
          f"{verdict} ({ratio:.2f}x).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
