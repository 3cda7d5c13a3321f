"""Rewrite what can be derived from the data: date bounds and precision from the EDTF
date, canonical row order, NFC and trimmed text, and the pinned bytes and hash of each
file. Files that are already right are not touched; every write is atomic. A file that
cannot be read as rows (not UTF-8, ragged, truncated) is left alone, pins included.
Then the package is checked: exit 0 if it is valid, 1 if problems remain."""

from __future__ import annotations

import argparse
import sys

from . import EXIT_INVALID, EXIT_OK
from ._args import add_datapackage

HELP = "write derived values (date bounds, order, hashes) into the package"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)


def run(args: argparse.Namespace) -> int:
    from ..checker import check_package
    from ..fmt import fmt_package

    result = fmt_package(args.datapackage)
    for note in result.notes:
        print(note)
    if not result.notes:
        print("fmt: nothing to change")
    report = check_package(args.datapackage)
    if report.valid:
        return EXIT_OK
    where = f" {args.datapackage}" if args.datapackage else ""
    print(
        f"fmt: the package is still invalid ({report.summary()}); "
        f"run `russia-panama-timeline check{where}` to see what is left",
        file=sys.stderr,
    )
    return EXIT_INVALID
