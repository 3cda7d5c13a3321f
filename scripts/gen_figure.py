#!/usr/bin/env python3
"""Regenerate the README's figure from a clone: ``scripts/gen_figure.py [--png] [--check]``.

Draws ``docs/timeline.svg`` from the clone's ``datapackage.json`` (``--png`` also writes
``docs/timeline.png`` for a look at it). The SVG is deterministic, and
``tests/test_plot_figure.py`` fails when the committed file no longer matches the data:
run this after every change to the data, then commit ``docs/timeline.svg``. With
``--check`` nothing is written and the exit code is 1 if the figure is out of date.
Needs matplotlib (the ``plot`` extra); the package itself need not be installed.
"""

import sys

import _bootstrap  # noqa: F401  (puts src/ on the path)

from russia_panama_timeline.commands._generate import main

if __name__ == "__main__":
    sys.exit(main("figure", description=__doc__.splitlines()[0]))
