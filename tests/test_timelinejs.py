"""The TimelineJS3 export: structure, dates against the ``edtf`` package, links, escaping.

Expectations are computed from the CSV files read with the ``csv`` module and from the
reference ``edtf`` parser, independently of the loader and of ``edtf_display``.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import repin
from edtf import parse_edtf, struct_time_to_date

import russia_panama_timeline as rpt
from russia_panama_timeline.cli import main


def _rows(descriptor: Path, name: str) -> list[dict[str, str]]:
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    res = next(r for r in meta["resources"] if r["name"] == name)
    with open(descriptor.parent / res["path"], encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write_rows(descriptor: Path, name: str, rows: list[dict[str, str]]) -> None:
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    res = next(r for r in meta["resources"] if r["name"] == name)
    with open(descriptor.parent / res["path"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    repin(descriptor)


def _export(descriptor: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "timeline.json"
    assert main(["export", "timelinejs", str(descriptor), "--out", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The installed package's export, made once for the tests that only read it."""
    return _export(Path(rpt.DATAPACKAGE), tmp_path_factory.mktemp("exported"))


def _parts(day: dt.date, precision: str) -> dict[str, int]:
    parts = {"year": day.year, "month": day.month, "day": day.day}
    keep = {"year": 1, "month": 2, "day": 3}[precision]
    return dict(list(parts.items())[:keep])


def _side_precision(side: Any) -> str:
    return getattr(side, "date", side).precision


def _expected_dates(date: str) -> dict[str, Any]:
    """start_date / end_date from the reference parser's strict bounds, at each end's
    own precision; an open start gives its end as the start."""
    parsed = parse_edtf(date)
    if hasattr(parsed, "objects"):  # [A..B]: one day between two known days, both given
        (span,) = parsed.objects
        if str(span.lower) == "..":  # [..B]: on or before B, the known end as the start
            return {"start_date": _parts(struct_time_to_date(span.upper.upper_strict()),
                                         _side_precision(span.upper))}
        if str(span.upper) == "..":  # [A..]: on or after A
            return {"start_date": _parts(struct_time_to_date(span.lower.lower_strict()),
                                         _side_precision(span.lower))}
        return {
            "start_date": _parts(struct_time_to_date(span.lower.lower_strict()),
                                 _side_precision(span.lower)),
            "end_date": _parts(struct_time_to_date(span.upper.upper_strict()),
                               _side_precision(span.upper)),
        }
    if not hasattr(parsed, "lower"):  # a single date
        lower = struct_time_to_date(parsed.lower_strict())
        return {"start_date": _parts(lower, _side_precision(getattr(parsed, "date", parsed)))}
    lower_side, upper_side = parsed.lower, parsed.upper
    out: dict[str, Any] = {}
    if str(lower_side) == "..":
        upper = struct_time_to_date(upper_side.upper_strict())
        return {"start_date": _parts(upper, _side_precision(upper_side))}
    out["start_date"] = _parts(struct_time_to_date(lower_side.lower_strict()),
                               _side_precision(lower_side))
    if str(upper_side) != "..":
        out["end_date"] = _parts(struct_time_to_date(upper_side.upper_strict()),
                                 _side_precision(upper_side))
    return out


def test_title_slide_from_the_descriptor(exported: dict, installed_datapackage: Path) -> None:
    meta = json.loads(installed_datapackage.read_text(encoding="utf-8"))
    assert exported["title"]["text"]["headline"] == html.escape(meta["title"], quote=False)
    text = exported["title"]["text"]["text"]
    first_words = " ".join(meta["description"].split()[:6])
    assert html.escape(first_words, quote=False) in text
    assert "unique_id" not in exported["title"]


def test_one_slide_per_event_in_file_order(exported: dict,
                                           installed_datapackage: Path) -> None:
    events = _rows(installed_datapackage, "events")
    ids = [slide["unique_id"] for slide in exported["events"]]
    assert ids == [row["event_id"] for row in events]
    assert len(set(ids)) == len(ids) == len(events)


def test_dates_match_the_edtf_bounds_at_each_events_precision(
    exported: dict, installed_datapackage: Path
) -> None:
    events = {row["event_id"]: row for row in _rows(installed_datapackage, "events")}
    for slide in exported["events"]:
        row = events[slide["unique_id"]]
        got = {k: {part: v for part, v in slide[k].items() if part != "display_date"}
               for k in ("start_date", "end_date") if k in slide}
        assert got == _expected_dates(row["date"]), row["date"]
        if "end_date" in slide:  # TimelineJS drops an end equal to the start on its keys
            start, end = slide["start_date"], slide["end_date"]
            assert any(end.get(key) != value for key, value in start.items()), row["date"]
        if row["date"].startswith("../"):
            assert slide["display_date"].startswith("before ")
        if row["date"].endswith("/.."):
            assert slide["display_date"].endswith(" onwards")
        if row["date"].endswith("~") and "/" not in row["date"]:
            assert slide["display_date"].startswith("c. ")


def test_headline_text_and_group(exported: dict, installed_datapackage: Path) -> None:
    meta = json.loads(installed_datapackage.read_text(encoding="utf-8"))
    schema = next(r for r in meta["resources"] if r["name"] == "events")["schema"]
    types = next(f for f in schema["fields"] if f["name"] == "event_type")["constraints"]["enum"]
    events = {row["event_id"]: row for row in _rows(installed_datapackage, "events")}
    for slide in exported["events"]:
        row = events[slide["unique_id"]]
        assert slide["text"]["headline"] == html.escape(row["title"], quote=False)
        assert html.escape(row["summary"], quote=False) in slide["text"]["text"]
        assert slide["group"] == row["event_type"].capitalize()
        assert slide["group"].lower() in types
        if row["status"] == "disputed":
            assert "Disputed" in slide["text"]["text"]


def test_every_cited_source_is_linked_with_its_role(
    exported: dict, installed_datapackage: Path
) -> None:
    sources = {row["source_id"]: row for row in _rows(installed_datapackage, "sources")}
    slides = {slide["unique_id"]: slide for slide in exported["events"]}
    citations = _rows(installed_datapackage, "event_sources")
    assert citations, "the package cites no source at all"
    for cite in citations:
        text = slides[cite["event_id"]]["text"]["text"]
        source = sources[cite["source_id"]]
        assert html.escape(source["title"], quote=False) in text
        if source["url"]:
            assert f'<a href="{html.escape(source["url"], quote=True)}">' in text
        assert f"({cite['role']}" in text
    linked = sum(1 for c in citations if sources[c["source_id"]]["url"])
    assert sum(s["text"]["text"].count("<a href=") for s in exported["events"]) == linked


def test_output_is_deterministic_utf8_with_a_trailing_newline(
    installed_datapackage: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["export", "timelinejs", str(installed_datapackage), "--out", str(first)]) == 0
    assert main(["export", "timelinejs", str(installed_datapackage), "--out", str(second)]) == 0
    data = first.read_bytes()
    assert data == second.read_bytes()
    assert data.endswith(b"}\n")
    assert "–".encode() in data  # the en dash of the title, not \u2013
    assert list(json.loads(data)) == ["title", "events", "scale"]
    capsys.readouterr()
    assert main(["export", "timelinejs", str(installed_datapackage)]) == 0
    assert capsys.readouterr().out.encode("utf-8") == data
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_text_is_html_escaped(package_copy: Path, tmp_path: Path) -> None:
    events = _rows(package_copy, "events")
    events[0]["title"] = 'Tags <script>alert("x")</script> & co'
    events[0]["summary"] = "A <b>bold</b> claim & more"
    _write_rows(package_copy, "events", events)
    slide = _export(package_copy, tmp_path)["events"][0]
    assert slide["text"]["headline"] == 'Tags &lt;script&gt;alert("x")&lt;/script&gt; &amp; co'
    assert "<b>" not in slide["text"]["text"]
    assert "A &lt;b&gt;bold&lt;/b&gt; claim &amp; more" in slide["text"]["text"]


def test_a_source_without_url_is_named_without_a_link(package_copy: Path,
                                                      tmp_path: Path) -> None:
    sources = _rows(package_copy, "sources")
    citations = _rows(package_copy, "event_sources")
    cited = citations[0]["source_id"]
    for row in sources:
        if row["source_id"] == cited:
            row["url"] = ""
            title = row["title"]
    _write_rows(package_copy, "sources", sources)
    slide = next(s for s in _export(package_copy, tmp_path)["events"]
                 if s["unique_id"] == citations[0]["event_id"])
    text = slide["text"]["text"]
    assert html.escape(title, quote=False) in text
    assert f">{html.escape(title, quote=False)}</a>" not in text


def test_an_unreadable_date_is_invalid_data(package_copy: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    events = _rows(package_copy, "events")
    events[-1]["date"] = "sometime in 2025"
    _write_rows(package_copy, "events", events)
    out = tmp_path / "t.json"
    assert main(["export", "timelinejs", str(package_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    # the loader refuses the cell as check does: file, line and field
    assert f"events.csv:{len(events) + 1}: date: 'sometime in 2025'" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_a_missing_package_is_a_usage_error(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "timelinejs", str(tmp_path / "nowhere" / "datapackage.json")])
    assert code == 2
    assert "datapackage.json" in capsys.readouterr().err


def test_a_missing_data_file_is_a_usage_error(package_copy: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (package_copy.parent / "data" / "sources.csv").unlink()
    assert main(["export", "timelinejs", str(package_copy), "--out",
                 str(tmp_path / "t.json")]) == 2
    assert "sources.csv" in capsys.readouterr().err


def test_an_undecodable_data_file_is_invalid_data(package_copy: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    events = package_copy.parent / "data" / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"Panama", b"Pan\xe1ma", 1))
    repin(package_copy)
    out = tmp_path / "t.json"
    assert main(["export", "timelinejs", str(package_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "events.csv" in err and "Traceback" not in err
    assert not out.exists()
