"""Check the package, then write one Parquet file per resource, typed from the Table Schema.

Files go to ``--out`` (default ``out/parquet`` under the current folder) as
``<resource>.parquet``; ``--partition-by year`` also writes the events as a
hive-partitioned folder ``events/year=YYYY/part-0.parquet``. Invalid data is refused:
the findings are printed, the exit code is 1 and nothing is written.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from ._args import add_datapackage

HELP = "check the package, then write one Parquet file per resource"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)
    parser.add_argument("--out", default="out/parquet", metavar="DIR",
                        help="output folder (default: out/parquet)")
    parser.add_argument("--partition-by", choices=["year"], default=None,
                        help="also write events as a hive-partitioned dataset "
                             "(events/year=YYYY/), by the year of date_start")


def run(args: argparse.Namespace) -> int:
    from ..parquet import InvalidData, Progress, build_parquet
    from ._arrow_pool import use_jemalloc
    from ._no_pandas import keep_pandas_out

    keep_pandas_out()
    use_jemalloc()
    progress = Progress(sys.stderr)
    try:
        built = build_parquet(args.datapackage, args.out, args.partition_by, progress)
    except InvalidData as exc:
        progress.done()
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"build: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        progress.done()
        where = exc.filename or args.out
        print(f"build: cannot write to {where}: {exc.strerror or exc}; nothing was written",
              file=sys.stderr)
        return EXIT_USAGE
    progress.done()
    for path, rows in built.files:
        print(f"{path}: {rows} rows")
    if built.partitioned is not None:
        print(f"{built.partitioned}/: {built.partitions} partition(s) by {args.partition_by}")
    return EXIT_OK
