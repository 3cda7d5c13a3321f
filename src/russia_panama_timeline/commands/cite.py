"""Print how to cite the dataset, as plain text and as BibTeX."""

from __future__ import annotations

import argparse
import sys

HELP = "print the dataset's citation (plain text and BibTeX)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "bibtex", "all"], default="all",
                        help="which form to print (default: both)")


def run(args: argparse.Namespace) -> int:
    print("cite: not implemented yet", file=sys.stderr)
    return 2
