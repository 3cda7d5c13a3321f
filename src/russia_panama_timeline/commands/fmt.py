"""Rewrite what can be derived from the data: date bounds and precision, canonical
row order, normalised text and the pinned bytes and hash of each file."""

from __future__ import annotations

import argparse
import sys

from ._args import add_datapackage

HELP = "write derived values (date bounds, order, hashes) into the package"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)


def run(args: argparse.Namespace) -> int:
    print("fmt: not implemented yet", file=sys.stderr)
    return 2
