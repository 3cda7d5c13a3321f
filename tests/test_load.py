"""The loader returns DataFrames typed from the schema in the installed descriptor."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

import russia_panama_timeline as rpt

LOADERS = {
    "events": rpt.load_events,
    "sources": rpt.load_sources,
    "event_sources": rpt.load_event_sources,
}


def _schema(descriptor: Path, name: str) -> dict:
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    return next(r for r in data["resources"] if r["name"] == name)


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_row_count_matches_csv(name: str, installed_datapackage: Path) -> None:
    res = _schema(installed_datapackage, name)
    with open(installed_datapackage.parent / res["path"], encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    frame = LOADERS[name]()
    assert len(frame) == len(rows) - 1
    assert list(frame.columns) == [f["name"] for f in res["schema"]["fields"]]


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_dtypes_follow_schema(name: str, installed_datapackage: Path) -> None:
    frame = LOADERS[name]()
    for field in _schema(installed_datapackage, name)["schema"]["fields"]:
        col = frame[field["name"]]
        enum = field.get("constraints", {}).get("enum")
        if enum:
            assert isinstance(col.dtype, pd.CategoricalDtype), field["name"]
            assert list(col.cat.categories) == enum, field["name"]
        elif field["type"] == "date":
            assert pd.api.types.is_datetime64_dtype(col), field["name"]
        elif field["type"] == "number":
            assert col.dtype == "float64", field["name"]
        elif field["type"] == "integer":
            assert col.dtype == "Int64", field["name"]
        elif field["type"] == "boolean":
            assert col.dtype == "boolean", field["name"]
        else:
            assert col.dtype == pd.StringDtype(), field["name"]


def test_missing_values_are_na() -> None:
    events = rpt.load_events()
    # An empty CSV cell must come back as NA, never as the empty string.
    assert not (events["notes"] == "").any()
    assert events["notes"].isna().any() or events["notes"].notna().all()


def test_descriptor_has_its_data_beside_it() -> None:
    # The wheel carries data/ beside datapackage.json, inside the package.
    assert (Path(rpt.DATAPACKAGE).parent / "data" / "events.csv").is_file()
