"""The figure, docs/timeline.svg, drawn from the data (needs matplotlib)."""

from __future__ import annotations

import os
from pathlib import Path

from . import Outputs


def figure_outputs(
    datapackage: str | os.PathLike[str] | None, out_dir: Path, png: bool = False
) -> Outputs:
    """``timeline.svg`` (and ``timeline.png`` if asked) in ``out_dir``. The committed SVG
    is compared with it by what it draws (``plot.Drawing``, see ``generate.stale``): its
    bytes also depend on matplotlib's version."""
    from ..plot import render

    outputs: Outputs = {out_dir / "timeline.svg": render(datapackage, "svg")}
    if png:
        outputs[out_dir / "timeline.png"] = render(datapackage, "png")
    return outputs
