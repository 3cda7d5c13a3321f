#!/usr/bin/env python3
"""Build the Parquet files from a clone: ``scripts/build_parquet.py [DATAPACKAGE] [--out DIR]``.

Same as ``russia-panama-timeline build``; needs the dependencies, not the package.
"""

import sys

import _bootstrap  # noqa: F401  (puts src/ on the path)

from russia_panama_timeline.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["build", *sys.argv[1:]]))
