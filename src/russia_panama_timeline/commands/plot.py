"""Draw the timeline as an SVG or PNG figure (needs the ``plot`` extra: matplotlib).

Every event on a time axis broken after the sparse early decades, one lane per event
type, each event's date precision shown by its mark, disputed events in red, and a
numbered key. The output is deterministic: the same data gives the same bytes.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import DataError
from . import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from ._args import add_datapackage

HELP = "draw the timeline figure (SVG or PNG by extension)"
FORMATS = ("svg", "png")  # checked here too, so a bad name fails before matplotlib loads


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)
    parser.add_argument("--out", metavar="FILE", required=True,
                        help="output file; .svg or .png decides the format")


def run(args: argparse.Namespace) -> int:
    ext = os.path.splitext(args.out)[1].lower().lstrip(".")
    if ext not in FORMATS:
        print(f"plot: cannot tell the format of {args.out!r}: name the file .svg or .png",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print("plot: needs matplotlib, which is not installed; install the plot extra: "
              "pip install 'russia-panama-timeline[plot]'", file=sys.stderr)
        return EXIT_USAGE

    from ..plot import write_figure

    try:
        write_figure(args.out, args.datapackage)
    except DataError as exc:  # the figure's own refusals and the loader's alike
        print(f"plot: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"plot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {args.out}")
    return EXIT_OK
