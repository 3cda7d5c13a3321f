"""``info`` names its descriptor once (on stderr, like every command) and says the same
as one JSON object with ``--format json``."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections import Counter
from pathlib import Path

from russia_panama_timeline.cli import main


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_the_descriptor_line_is_printed_once_on_stderr(installed_datapackage: Path) -> None:
    code, out, err = run("info", str(installed_datapackage))
    assert code == 0
    assert "descriptor:" not in out
    assert err.count("descriptor:") == 1


def test_json_says_what_the_text_says(installed_datapackage: Path) -> None:
    code, out, _ = run("info", str(installed_datapackage), "--format", "json")
    assert code == 0
    data = json.loads(out)
    with open(installed_datapackage.parent / "data" / "events.csv", encoding="utf-8",
              newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert data["rows"]["events"] == len(rows)
    for name in ("event_type", "status", "date_precision"):
        counted = Counter(r[name] for r in rows)
        key = "precision" if name == "date_precision" else name
        assert sorted(data[key].items()) == sorted(counted.items()), name
    assert data["open_start"] == sum(1 for r in rows if not r["date_start"])
    starts = sorted(r["date_start"] for r in rows if r["date_start"])
    assert data["dates"]["earliest_start"] == starts[0]
    text = run("info", str(installed_datapackage))[1]
    assert f"events: {data['rows']['events']}" in text
    assert f"(earliest possible start {data['dates']['earliest_start']}," in text
    assert data["cite"] in text
