"""Print how to cite the dataset, as plain text and as BibTeX.

The citation is read from ``datapackage.json`` (title, version, contributors, license,
release date) and its source article, the same metadata CITATION.cff and .zenodo.json
are generated from, so the three never disagree.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_OK
from ._args import add_datapackage

HELP = "print the dataset's citation (plain text and BibTeX)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)
    parser.add_argument("--format", choices=["text", "bibtex", "all"], default="all",
                        help="which form to print (default: all, text then BibTeX)")


def run(args: argparse.Namespace) -> int:
    from ..citation import read_citation, render_bibtex, render_text

    cit = read_citation(args.datapackage)
    parts = []
    if args.format in ("text", "all"):
        parts.append(render_text(cit))
    if args.format in ("bibtex", "all"):
        parts.append(render_bibtex(cit))
    sys.stdout.write("\n".join(parts))
    return EXIT_OK
