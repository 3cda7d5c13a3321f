"""Export the dataset in other formats: schema.org JSON-LD, TimelineJS3 JSON."""

from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import DataError
from . import EXIT_INVALID, EXIT_OK
from ._args import add_datapackage

HELP = "export as schema.org JSON-LD or TimelineJS3 JSON"

# target -> (module, function); each function takes the datapackage and returns the text.
TARGETS: dict[str, tuple[str, str]] = {
    "jsonld": ("..jsonld", "render_jsonld"),
    "timelinejs": ("..timelinejs", "render_timelinejs"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", choices=sorted(TARGETS), help="what to export")
    add_datapackage(parser)
    parser.add_argument("--out", metavar="FILE", default=None,
                        help="output file (default: standard output)")


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_text

    module_name, func_name = TARGETS[args.target]
    module = importlib.import_module(module_name, __package__)
    try:
        text = getattr(module, func_name)(args.datapackage)  # all of it, before writing
    except DataError as exc:
        print(f"export {args.target}: {exc}\n"
              "run `russia-panama-timeline check` for details", file=sys.stderr)
        return EXIT_INVALID
    if args.out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_text(args.out, text)  # an OSError is reported by the command line (exit 2)
    return EXIT_OK
