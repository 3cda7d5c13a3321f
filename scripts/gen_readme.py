#!/usr/bin/env python3
"""Write the README's generated sections: ``scripts/gen_readme.py [--check]``.

The data dictionary comes from ``datapackage.json`` and the table of finding codes
from ``src/russia_panama_timeline/checker/codes.py``; only what lies between each
section's markers is replaced, atomically. ``--check`` writes nothing and exits 1
when the README differs from what would be written, so CI and the tests catch drift.
Options: ``--datapackage PATH``, ``--readme PATH`` (default: the clone's).

Exit codes: 0 up to date (or written), 1 out of date (``--check``), 2 usage error or
unreadable input.
"""

import sys

import _bootstrap  # noqa: F401  (puts src/ on the path)

from russia_panama_timeline.commands._generate import main

if __name__ == "__main__":
    sys.exit(main("readme", description=__doc__.splitlines()[0]))
