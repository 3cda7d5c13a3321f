"""Check the data package's integrity and report every problem found, one per line."""

from __future__ import annotations

import argparse
import sys

from ._args import add_datapackage

HELP = "check the package's integrity (exit 0 valid, 1 invalid, 2 unreadable)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)


def run(args: argparse.Namespace) -> int:
    from ..checker import check_package
    from ..descriptor import resolve

    report = check_package(args.datapackage)
    for finding in report.findings:
        print(finding)
    path = resolve(args.datapackage)
    if report.valid:
        print(f"{path}: valid")
        return 0
    print(f"{path}: {len(report.findings)} problem(s)", file=sys.stderr)
    return 1
