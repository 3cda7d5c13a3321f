"""The committed figure, docs/timeline.svg, is what the current data draws.

The SVG is deterministic (fixed fonts, hash salt and metadata), so regenerating it
from the installed data must give the committed bytes; when the data changes and the
figure is not redrawn, this fails. Fix: ``python scripts/gen_figure.py`` and commit
``docs/timeline.svg``. The bytes also depend on matplotlib's version, which the
``test`` extra pins for that reason.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

from russia_panama_timeline.generate import stale
from russia_panama_timeline.generate.figure import figure_outputs

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_the_committed_figure_matches_the_data(installed_datapackage: Path) -> None:
    assert (DOCS / "timeline.svg").is_file(), "missing: run scripts/gen_figure.py"
    assert not stale(figure_outputs(installed_datapackage, DOCS)), (
        "docs/timeline.svg no longer matches the data: run `python scripts/gen_figure.py` "
        f"and commit docs/timeline.svg (compared with matplotlib {matplotlib.__version__})"
    )
