"""Check the data package: frictionless validation of everything Table Schema says.

The project's own integrity checker (EDTF dates and bounds, citations, text hygiene,
canonical order) replaces this with a fuller report.
"""

from __future__ import annotations

import argparse
import sys

from ._args import add_datapackage

HELP = "check the package's integrity (exit 0 valid, 1 invalid, 2 unreadable)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)


def run(args: argparse.Namespace) -> int:
    from frictionless import Package, system

    from ..descriptor import read_descriptor, resolve

    path = resolve(args.datapackage)
    read_descriptor(path)  # readable JSON, or DescriptorError -> exit 2
    with system.use_context(trusted=False):
        report = Package(str(path)).validate()
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            where = f"{task.place}:{row}" if row else task.place
            print(f"{where}: {error.type}: {error.message}")
    for error in report.errors:
        print(f"{path}: {error.type}: {error.message}")
    if report.valid:
        print(f"{path}: valid")
        return 0
    print(f"{path}: invalid", file=sys.stderr)
    return 1
