#!/usr/bin/env python3
"""Regenerate the citation files from datapackage.json: ``scripts/gen_citation.py [--check]``.

Writes CITATION.cff, .zenodo.json and docs/dataset.jsonld beside the descriptor (the
repository root), each atomically, from the descriptor and its data. Run it after any
change to the descriptor's title, version, description, keywords, contributors,
license or sources, or to the data (the JSON-LD's coverage comes from the events).
With ``--check`` nothing is written: it lists the files that differ and exits 1.

Exit codes: 0 written (or up to date), 1 out of date (``--check``) or data that do not
load as their schema says, 2 unreadable input.
"""

import sys

import _bootstrap  # noqa: F401  (puts src/ on the path)

from russia_panama_timeline.commands._generate import main

if __name__ == "__main__":
    sys.exit(main("citation", description=__doc__.splitlines()[0]))
