"""Export the dataset in other formats: schema.org JSON-LD, TimelineJS3 JSON."""

from __future__ import annotations

import argparse
import importlib

from ._args import add_datapackage

HELP = "export as schema.org JSON-LD or TimelineJS3 JSON"

# target -> (module, function); each function takes (datapackage, out) and returns an exit code.
TARGETS: dict[str, tuple[str, str]] = {
    "jsonld": ("..jsonld", "export_jsonld"),
    "timelinejs": ("..timelinejs", "export_timelinejs"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", choices=sorted(TARGETS), help="what to export")
    add_datapackage(parser)
    parser.add_argument("--out", metavar="FILE", default=None,
                        help="output file (default: standard output)")


def run(args: argparse.Namespace) -> int:
    module_name, func_name = TARGETS[args.target]
    module = importlib.import_module(module_name, __package__)
    return int(getattr(module, func_name)(args.datapackage, args.out))
