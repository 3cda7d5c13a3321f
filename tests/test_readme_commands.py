"""Every command the README shows runs as written (tests/_doc_commands.py says how);
the pages under docs/ are tests/test_docs_commands.py, in a copy of their own, so that
the two run side by side on two cores."""

from __future__ import annotations

from pathlib import Path

import pytest
from _doc_commands import documents, make_clone, readme, run_as_written, steps


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_clone(tmp_path_factory)


def test_the_documents_have_commands_to_run() -> None:
    kinds = {step.kind for step in steps()}
    assert kinds == {"sh", "sql", "python"}
    assert any("russia-panama-timeline build" in s.text for s in steps())


def test_every_command_runs_as_written(clone: Path) -> None:
    run_as_written(clone, readme())


def test_the_readme_says_what_the_loader_returns_for_missing_values() -> None:
    import math

    import pandas as pd

    import russia_panama_timeline as rpt

    text = " ".join(" ".join(d.read_text(encoding="utf-8").split()) for d in documents())
    for said in ("are `datetime64[s]` (missing: `NaT`), numbers `float64` (missing: `NaN`)",
                 "integers `Int64` and booleans `boolean` (missing: `pd.NA`)",
                 "`Categorical` with the schema's enum, typed, in order (missing: `NaN`)",
                 "text pandas' `string` dtype (missing: `pd.NA`)"):
        assert said in text, said
    events = rpt.load_events()

    def first_missing(column: str) -> object:
        values = events[column]
        assert values.isna().any(), column
        return values[values.isna()].iloc[0]

    assert first_missing("date_start") is pd.NaT
    assert events["latitude"].dtype == "float64"
    assert math.isnan(first_missing("latitude"))
    assert isinstance(events["plover_type"].dtype, pd.CategoricalDtype)
    assert math.isnan(first_missing("plover_type"))
    assert first_missing("place") is pd.NA
