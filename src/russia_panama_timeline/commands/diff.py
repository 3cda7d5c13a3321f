"""Compare two copies of the package: rows added, removed and changed, resource by
resource, matched by primary key, and what changed in the descriptor.

OLD and NEW are each a ``datapackage.json`` (or its folder); ``-`` is the installed
package. Values are compared as the schema types them, so ``1.0`` and ``1`` in a
number field are the same value. Neither side has to pass ``check``, but each must
read as its schema says. Exit 0 when they are the same, 1 when they differ (as
``diff`` does), 2 when a side cannot be read.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_INVALID, EXIT_OK

HELP = "compare two copies of the package (rows by primary key, and the descriptor)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD",
                        help="the older package: a datapackage.json or its folder; - for "
                             "the installed package")
    parser.add_argument("new", metavar="NEW",
                        help="the newer package: a datapackage.json or its folder; - for "
                             "the installed package")
    parser.add_argument("--format", choices=["text", "markdown", "json"], default="text",
                        help="text for people (default), markdown for a changelog, json "
                             "for tools")


def run(args: argparse.Namespace) -> int:
    from ..descriptor import shown
    from ..diff import diff_packages, side
    from ..diff.render import RENDERERS

    for argument in (args.old, args.new):
        print(f"descriptor: {shown(side(argument))}", file=sys.stderr)
    diff = diff_packages(args.old, args.new)  # a DiffError is exit 2, from the command line
    sys.stdout.write(RENDERERS[args.format](diff))
    return EXIT_OK if diff.same else EXIT_INVALID
