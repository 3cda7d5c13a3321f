#!/usr/bin/env python3
"""Check the data package from a clone: ``scripts/check.py [DATAPACKAGE] [options]``.

Same as ``russia-panama-timeline check``; needs the dependencies, not the package.
"""

import sys

import _bootstrap  # noqa: F401  (puts src/ on the path)

from russia_panama_timeline.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["check", *sys.argv[1:]]))
