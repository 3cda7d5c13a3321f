"""Arguments shared by several subcommands, so each is declared once."""

from __future__ import annotations

import argparse


def add_datapackage(parser: argparse.ArgumentParser) -> None:
    """The optional DATAPACKAGE positional: a descriptor path, or the installed one."""
    parser.add_argument(
        "datapackage",
        nargs="?",
        default=None,
        metavar="DATAPACKAGE",
        help="path to a datapackage.json (or its folder); default: the nearest "
             "datapackage.json of this dataset in the current folder or its parents, "
             "else the installed package",
    )
