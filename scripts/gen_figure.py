#!/usr/bin/env python3
"""Regenerate the README's figure from a clone: ``scripts/gen_figure.py [--png]``.

Draws ``docs/timeline.svg`` from the clone's ``datapackage.json`` (``--png`` also writes
``docs/timeline.png`` for a look at it). The SVG is deterministic, and
``tests/test_plot_figure.py`` fails when the committed file no longer matches the data:
run this after every change to the data, then commit ``docs/timeline.svg``.
Needs matplotlib (the ``plot`` extra); the package itself need not be installed.
"""

import argparse
import sys
from pathlib import Path

import _bootstrap  # noqa: F401  (puts src/ on the path)

from russia_panama_timeline.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", action="store_true", help="also write timeline.png")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs",
                        help="where to write (default: docs/ of the clone)")
    args = parser.parse_args(argv)
    datapackage = str(ROOT / "datapackage.json")
    outputs = ["timeline.svg", *(["timeline.png"] if args.png else [])]
    for name in outputs:
        code = main(["plot", datapackage, "--out", str(args.out_dir / name)])
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(run())
