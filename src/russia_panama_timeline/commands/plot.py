"""Draw the timeline as an SVG or PNG figure (needs the ``plot`` extra)."""

from __future__ import annotations

import argparse
import sys

from ._args import add_datapackage

HELP = "draw the timeline figure (SVG or PNG by extension)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)
    parser.add_argument("--out", metavar="FILE", required=True, help="output .svg or .png")


def run(args: argparse.Namespace) -> int:
    print("plot: not implemented yet", file=sys.stderr)
    return 2
