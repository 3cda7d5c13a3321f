#!/usr/bin/env python3
"""Write the reference pages' generated sections: ``scripts/gen_docs.py [--check]``.

The data dictionary (``docs/data-dictionary.md``) comes from ``datapackage.json`` and
the table of finding codes (``docs/checking.md``) from
``src/russia_panama_timeline/checker/codes.py``; only what lies between each section's
markers is replaced, atomically. ``--check`` writes nothing and exits 1 when a page
differs from what would be written, so CI and the tests catch drift.
Options: ``--datapackage PATH``, ``--docs DIR`` (default: the clone's).

Exit codes: 0 up to date (or written), 1 out of date (``--check``), 2 usage error or
unreadable input.
"""

import sys

import _bootstrap  # noqa: F401  (puts src/ on the path)

from russia_panama_timeline.commands._generate import main

if __name__ == "__main__":
    sys.exit(main("docs", description=__doc__.splitlines()[0]))
