"""The committed citation files: CITATION.cff, .zenodo.json and docs/dataset.jsonld.

Rendered from the descriptor (and, for the JSON-LD's coverage, the data) by
``citation.py`` and ``jsonld.py``; this module only says where each one goes, beside
the descriptor. It depends on both, and neither depends on it, so the two renderers
never import each other.
"""

from __future__ import annotations

import os

from ..citation import CFF_PATH, JSONLD_PATH, ZENODO_PATH, read_citation, render_cff, render_zenodo
from ..descriptor import resolve
from ..jsonld import render_jsonld
from . import Outputs


def citation_outputs(datapackage: str | os.PathLike[str] | None = None) -> Outputs:
    """Every committed citation file, keyed by its path beside the descriptor."""
    root = resolve(datapackage).parent
    cit = read_citation(datapackage)
    return {
        root / CFF_PATH: render_cff(cit),
        root / ZENODO_PATH: render_zenodo(cit),
        root / JSONLD_PATH: render_jsonld(datapackage),
    }
