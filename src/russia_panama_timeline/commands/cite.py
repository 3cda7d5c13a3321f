"""Print how to cite the dataset: plain text, BibTeX (``@misc``) and BibLaTeX (``@dataset``).

The citation is read from ``datapackage.json`` (title, version, contributors, license,
release date) and its source article, the same metadata CITATION.cff and .zenodo.json
are generated from, so the three never disagree.
"""

from __future__ import annotations

import argparse
import sys

from . import EXIT_OK
from ._args import add_datapackage

HELP = "print the dataset's citation (plain text, BibTeX and BibLaTeX)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_datapackage(parser)
    parser.add_argument("--format", choices=["text", "bibtex", "biblatex", "all"],
                        default="all",
                        help="which form to print (default: all, text then BibTeX then "
                             "BibLaTeX)")


def run(args: argparse.Namespace) -> int:
    from ..citation import read_citation, render_biblatex, render_bibtex, render_text

    cit = read_citation(args.datapackage)
    parts = []
    if args.format in ("text", "all"):
        parts.append(render_text(cit))
    if args.format in ("bibtex", "all"):
        parts.append(render_bibtex(cit))
    if args.format in ("biblatex", "all"):
        parts.append(render_biblatex(cit))
    sys.stdout.write("\n".join(parts))
    return EXIT_OK
