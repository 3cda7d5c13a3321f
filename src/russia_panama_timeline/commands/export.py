"""Export the dataset in other formats: schema.org JSON-LD, TimelineJS3 JSON."""

from __future__ import annotations

import argparse
import sys

from ._args import add_datapackage

HELP = "export as schema.org JSON-LD or TimelineJS3 JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", choices=["jsonld", "timelinejs"], help="what to export")
    add_datapackage(parser)
    parser.add_argument("--out", metavar="FILE", default=None,
                        help="output file (default: standard output)")


def run(args: argparse.Namespace) -> int:
    print(f"export {args.target}: not implemented yet", file=sys.stderr)
    return 2
