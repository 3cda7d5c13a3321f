"""Draw the timeline as an SVG or PNG figure (needs the ``plot`` extra: matplotlib).

Every event on a time axis broken after the sparse early decades, one lane per event
type, each event's date precision shown by its mark, disputed events in red, and a
numbered key. The output is deterministic: the same data gives the same bytes.
"""

from __future__ import annotations

import argparse
import os
import sys

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
        return 2
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print("plot: needs matplotlib, which is not installed; install the plot extra: "
              "pip install 'russia-panama-timeline[plot]'", file=sys.stderr)
        return 2

    from ..plot import PlotDataError, write_figure

    try:
        write_figure(args.out, args.datapackage)
    except PlotDataError as exc:
        print(f"plot: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"plot: {exc}", file=sys.stderr)
        return 2
    except (ValueError, KeyError) as exc:  # the CSV does not load as its schema says
        print(f"plot: the data does not load: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0
