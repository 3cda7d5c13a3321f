"""Rewrite what can be derived from the data: date bounds and precision from the EDTF
date, canonical row order, NFC and trimmed text, and the pinned bytes and hash of each
file. Files that are already right are not touched; every write is atomic."""

from __future__ import annotations

import argparse

from ._args import add_datapackage

HELP = "write derived values (date bounds, order, hashes) into the package"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)


def run(args: argparse.Namespace) -> int:
    from ..checker.fix import format_package

    notes = format_package(args.datapackage)
    for note in notes:
        print(note)
    if not notes:
        print("fmt: nothing to change")
    return 0
