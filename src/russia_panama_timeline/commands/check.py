"""Check the data package's integrity and report every problem found, one per line.

Each finding reads ``FILE:LINE: FIELD: what is wrong (what was expected) [code]``;
the last line sums up. Exit 0 valid, 1 invalid data, 2 usage error or a descriptor
(or data file) that cannot be read or is unsafe, 3 an internal error (a bug, said to
be one). The check never writes to the package.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_INVALID, EXIT_OK, quiet_stdout
from ._args import add_datapackage

if TYPE_CHECKING:
    from ..checker.report import Report

HELP = "check the package's integrity (exit 0 valid, 1 invalid, 2 unreadable)"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one finding per line and a summary (default); json: the same as JSON",
    )
    parser.add_argument(
        "--max-errors",
        type=_positive,
        default=None,
        metavar="N",
        help="show at most N findings (all problems are still counted)",
    )


def run(args: argparse.Namespace) -> int:
    from ..checker import check_package
    from ._arrow_pool import use_jemalloc
    from ._no_pandas import keep_pandas_out

    keep_pandas_out()
    use_jemalloc()

    report = check_package(args.datapackage, max_errors=args.max_errors)
    if report.valid:
        _generated_files(args.datapackage, report)
    verdict = EXIT_OK if report.valid else EXIT_INVALID
    try:
        if args.format == "json":
            print(report.to_json())
        else:
            for finding in report.sorted():
                print(finding)
            print(report.summary())
        sys.stdout.flush()
    except BrokenPipeError:  # `check | head`: the reader has enough; the verdict stands
        quiet_stdout()
    return verdict


def _generated_files(datapackage: Path, report: Report) -> None:
    """In a clone: a finding for each committed file generated from the data (the data
    dictionary, CITATION.cff, docs/dataset.jsonld, the figure...) that no longer
    matches it, with the script that regenerates it."""
    from ..generate import out_of_date
    from ._generate import GENERATORS

    scripts = {name: gen.script for name, gen in GENERATORS.items()}
    scripts["screenshot"] = "python scripts/screenshot_site.py"
    root = datapackage.parent
    for path, generator in out_of_date(datapackage):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        report.add("generated", rel, None, None,
                   f"no longer matches the data (run `{scripts[generator]}`, then commit it)")

