"""schema.org Dataset JSON-LD: metadata from the descriptor, coverage from the data.

Coverage expectations are computed here from the CSV with the csv module, not with
the exporter's pandas code, and corrupted or extended copies of the package check
that the coverage follows the data and that bad data give exit 1, not a traceback.
"""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import repin

from russia_panama_timeline.cli import main
from russia_panama_timeline.jsonld import dataset_jsonld


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _events_path(descriptor_path: Path) -> Path:
    desc = _json(descriptor_path)
    (res,) = [r for r in desc["resources"] if r["name"] == "events"]
    return descriptor_path.parent / res["path"]


def _events(descriptor_path: Path) -> list[dict[str, str]]:
    with open(_events_path(descriptor_path), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write_events(descriptor_path: Path, rows: list[dict[str, str]]) -> None:
    path = _events_path(descriptor_path)
    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _export(descriptor_path: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "dataset.jsonld"
    assert main(["export", "jsonld", str(descriptor_path), "--out", str(out)]) == 0
    return _json(out)


def _expected_interval(rows: list[dict[str, str]]) -> str:
    days = [r[k] for r in rows for k in ("date_start", "date_end") if r[k]]
    return f"{min(days)}/{max(days)}"  # ISO dates sort as text


def test_dataset_metadata_agrees_with_the_descriptor(
    package_copy: Path, tmp_path: Path
) -> None:
    desc = _json(package_copy)
    doc = _export(package_copy, tmp_path)
    assert doc["@context"] == "https://schema.org/"
    assert doc["@type"] == "Dataset"
    assert doc["name"] == desc["title"]
    assert doc["description"] == desc["description"]
    assert doc["version"] == desc["version"]
    assert doc["keywords"] == desc["keywords"]
    assert doc["license"] == desc["licenses"][0]["path"]
    assert doc["identifier"] == desc["id"]
    assert [c["name"] for c in doc["creator"]] == [c["title"] for c in desc["contributors"]]
    assert "url" not in doc  # no public address is invented
    urls = [s["path"] for s in desc["sources"]]
    assert doc["isBasedOn"] == urls
    assert [c["url"] for c in doc["citation"]] == urls
    jamestown = next(c for c in doc["citation"] if "jamestown.org" in c["url"])
    assert jamestown["author"][0]["name"] == "Sergey Sukhankin"
    assert jamestown["datePublished"] == "2026-02-02"
    assert jamestown["isPartOf"]["name"] == "Eurasia Daily Monitor"


def test_temporal_coverage_spans_the_events(package_copy: Path, tmp_path: Path) -> None:
    doc = _export(package_copy, tmp_path)
    assert doc["temporalCoverage"] == _expected_interval(_events(package_copy))


def test_spatial_coverage_lists_every_country_and_place(
    package_copy: Path, tmp_path: Path
) -> None:
    rows = _events(package_copy)
    doc = _export(package_copy, tmp_path)
    spatial = doc["spatialCoverage"]
    countries = {p["identifier"] for p in spatial if p["@type"] == "Country"}
    assert countries == {r["country"] for r in rows if r["country"]}
    places = {p["name"] for p in spatial if p["@type"] == "Place" and "containedInPlace" in p}
    assert places == {r["place"] for r in rows if r["place"] and r["country"]}
    expected = _expected_box(rows)
    assert _box(doc) == ([expected] if expected else [])


def _expected_box(rows: list[dict[str, str]]) -> tuple[float, ...] | None:
    located = [(float(r["latitude"]), float(r["longitude"])) for r in rows if r["latitude"]]
    if not located:
        return None
    lats, lons = [lat for lat, _ in located], [lon for _, lon in located]
    return (min(lats), min(lons), max(lats), max(lons))


def _box(doc: dict[str, Any]) -> list[tuple[float, ...]]:
    return [tuple(map(float, p["geo"]["box"].split())) for p in doc["spatialCoverage"]
            if p.get("geo", {}).get("@type") == "GeoShape"]


def test_coverage_follows_the_data(package_copy: Path, tmp_path: Path) -> None:
    rows = _events(package_copy)
    new = {k: "" for k in rows[0]}
    new.update(rows[0])
    new.update({
        "event_id": "zz-test-added-event", "date": "1850-03", "date_start": "1850-03-01",
        "date_end": "1850-03-31", "date_precision": "month", "country": "UKR",
        "place": "Test Harbour", "latitude": "-60.25", "longitude": "151.5",
        "geo_precision": "city", "plover_type": "", "actor2": "",
    })
    _write_events(package_copy, [new, *rows])
    repin(package_copy)
    doc = _export(package_copy, tmp_path)
    assert doc["temporalCoverage"] == _expected_interval([new, *rows])
    assert doc["temporalCoverage"].startswith("1850-03-01/")
    (harbour,) = [p for p in doc["spatialCoverage"] if p["name"] == "Test Harbour"]
    assert harbour["geo"] == {"@type": "GeoCoordinates", "latitude": -60.25, "longitude": 151.5}
    assert harbour["containedInPlace"]["identifier"] == "UKR"
    assert harbour["containedInPlace"]["name"] == "Ukraine"  # from the actors resource
    assert _box(doc) == [_expected_box([new, *rows])]
    assert _box(doc)[0][0] == -60.25  # the new place is the southernmost


def test_distribution_lists_each_csv_and_nothing_git_ignores(
    package_copy: Path, tmp_path: Path
) -> None:
    desc = _json(package_copy)
    doc = _export(package_copy, tmp_path)
    by_url = {d["contentUrl"]: d for d in doc["distribution"]}
    tables = [r for r in desc["resources"] if r["path"].endswith(".csv")]
    assert tables
    assert sorted(by_url) == sorted(r["path"] for r in tables)
    for res in tables:
        assert by_url[res["path"]]["encodingFormat"] == "text/csv"
        # every download exists in the package as committed, not only after a build
        assert (package_copy.parent / res["path"]).is_file()


def test_committed_jsonld_lists_no_git_ignored_file() -> None:
    repo = Path(__file__).resolve().parents[1]
    if not (repo / ".git").exists():
        pytest.skip("not a git clone: no .gitignore rules to ask about")
    doc = _json(repo / "docs" / "dataset.jsonld")
    urls = [d["contentUrl"] for d in doc["distribution"]]
    assert urls
    ignored = subprocess.run(["git", "-C", str(repo), "check-ignore", "--no-index", *urls],
                             capture_output=True, text=True)
    assert ignored.returncode == 1, f"git-ignored downloads listed: {ignored.stdout}"
    assert all((repo / url).is_file() for url in urls)


def test_parquet_downloads_are_listed_where_they_are_published(package_copy: Path) -> None:
    desc = _json(package_copy)
    doc = dataset_jsonld(package_copy, parquet_dir="parquet")
    by_url = {d["contentUrl"]: d for d in doc["distribution"]}
    names = [r["name"] for r in desc["resources"]]
    for name in names:
        assert by_url[f"parquet/{name}.parquet"]["encodingFormat"] == (
            "application/vnd.apache.parquet")
    assert len(doc["distribution"]) == 2 * len(names)


def test_variable_measured_is_every_field_of_the_schema(package_copy: Path) -> None:
    desc = _json(package_copy)
    events = next(r for r in desc["resources"] if r["name"] == "events")
    doc = dataset_jsonld(package_copy)
    expected = [f"{r['name']}.{f['name']}" for r in desc["resources"]
                for f in r["schema"]["fields"]]
    got = doc["variableMeasured"]
    assert [v["name"] for v in got] == expected
    assert all(v["@type"] == "PropertyValue" for v in got)
    status = next(v for v in got if v["name"] == "events.status")
    status_field = next(f for f in events["schema"]["fields"] if f["name"] == "status")
    assert status["alternateName"] == status_field["title"]
    assert [t["termCode"] for t in status["valueReference"]] == (
        status_field["constraints"]["enum"])


def test_export_is_deterministic_and_stdout_matches_the_file(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.jsonld", tmp_path / "b.jsonld"
    assert main(["export", "jsonld", str(package_copy), "--out", str(first)]) == 0
    assert main(["export", "jsonld", str(package_copy), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    capsys.readouterr()
    assert main(["export", "jsonld", str(package_copy)]) == 0
    assert capsys.readouterr().out == first.read_text(encoding="utf-8")


def test_unreadable_dates_exit_1_without_a_traceback(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _events(package_copy)
    rows[0]["date_start"] = "the year dot"
    _write_events(package_copy, rows)
    repin(package_copy)
    out = tmp_path / "x.jsonld"
    assert main(["export", "jsonld", str(package_copy), "--out", str(out)]) == 1
    assert "check" in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_data_file_exits_2(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _events_path(package_copy).unlink()
    assert main(["export", "jsonld", str(package_copy)]) == 2
    assert "error:" in capsys.readouterr().err
