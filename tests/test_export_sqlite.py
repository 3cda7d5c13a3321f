"""`export sqlite OUT.db`: one SQLite table per resource typed from the schema, with its
keys and a full-text index, and Datasette's metadata.json; opened here through
Datasette's own test client. Expectations come from the CSV files (read with the csv
module) and from datapackage.json, not from the exporter.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import shutil
import sqlite3
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from conftest import repin

from russia_panama_timeline.cli import main

# Dates as ISO text; a number is REAL (sqlite-utils 3 spells it FLOAT: the same affinity).
SQL_TYPES = {"string": ("TEXT",), "date": ("TEXT",), "integer": ("INTEGER",),
             "number": ("REAL", "FLOAT"), "boolean": ("INTEGER",)}


def _descriptor(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _csv(desc: Path, res: dict[str, Any]) -> list[dict[str, str]]:
    text = (desc.parent / res["path"]).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(descriptor, database, metadata) of the installed package's export."""
    import russia_panama_timeline as rpt

    out = tmp_path_factory.mktemp("sqlite") / "timeline.db"
    assert main(["export", "sqlite", str(out), str(rpt.DATAPACKAGE)]) == 0
    return Path(rpt.DATAPACKAGE), out, out.parent / "metadata.json"


def _connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


# --- the database ----------------------------------------------------------------------


def test_every_resource_is_a_table_typed_from_its_schema(
    exported: tuple[Path, Path, Path]
) -> None:
    desc, db, _ = exported
    conn = _connect(db)
    for res in _descriptor(desc)["resources"]:
        fields = res["schema"]["fields"]
        key = res["schema"]["primaryKey"]
        info = conn.execute(f"PRAGMA table_info('{res['name']}')").fetchall()
        assert [c["name"] for c in info] == [f["name"] for f in fields]
        for column, field in zip(info, fields, strict=True):
            assert column["type"] in SQL_TYPES[field["type"]], field["name"]
            required = field.get("constraints", {}).get("required") or field["name"] in key
            assert bool(column["notnull"]) == bool(required), field["name"]
        assert [c["name"] for c in sorted(info, key=lambda c: c["pk"]) if c["pk"]] == key
        rows = _csv(desc, res)
        assert conn.execute(f"SELECT count(*) FROM '{res['name']}'").fetchone()[0] == len(rows)
        # Every cell holds the CSV's value as its type reads it; empty is NULL.
        stored = {tuple(r[k] for k in key): dict(r) for r in
                  conn.execute(f"SELECT * FROM '{res['name']}'")}
        for row in rows:
            got = stored[tuple(row[k] for k in key)]
            for field in fields:
                text, value = row[field["name"]], got[field["name"]]
                if text == "":
                    assert value is None, field["name"]
                elif field["type"] == "number":
                    assert value == float(text), field["name"]
                else:
                    assert value == text, field["name"]


def test_the_foreign_keys_are_the_schemas(exported: tuple[Path, Path, Path]) -> None:
    desc, db, _ = exported
    conn = _connect(db)
    for res in _descriptor(desc)["resources"]:
        declared = {(fk["fields"][0], fk["reference"].get("resource") or res["name"],
                     fk["reference"]["fields"][0])
                    for fk in res["schema"].get("foreignKeys", [])}
        found = {(r["from"], r["table"], r["to"]) for r in
                 conn.execute(f"PRAGMA foreign_key_list('{res['name']}')")}
        assert found == declared, res["name"]
    assert declared
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def test_full_text_search_over_titles_and_summaries(exported: tuple[Path, Path, Path]) -> None:
    desc, db, _ = exported
    conn = _connect(db)
    descriptor = _descriptor(desc)
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    columns = [c["name"] for c in conn.execute("PRAGMA table_info('events_fts')")]
    texts = [f["name"] for f in events["schema"]["fields"]
             if re.fullmatch(r"(?:title|summary)(?:_[a-z]{2})?", f["name"])]
    assert columns == texts and {"title", "summary", "title_es", "summary_ru"} <= set(texts)
    sources = [c["name"] for c in conn.execute("PRAGMA table_info('sources_fts')")]
    assert sources == ["title", "title_en"]
    rows = _csv(desc, events)
    for word in ("Colón", "colon", "CANAL"):
        expected = {r["event_id"] for r in rows if re.search(
            rf"\b{_fold(word)}\b", _fold(" ".join(r[c] for c in texts)))}
        found = {r[0] for r in conn.execute(
            "SELECT event_id FROM events WHERE rowid IN "
            "(SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", (word,))}
        assert found == expected and found, word


def test_the_indexed_columns_come_from_the_schema(tmp_path: Path, installed_datapackage: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A translation added to the schema (``summary_fr``) is searched with no code change."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    shutil.copy2(installed_datapackage, pkg / "datapackage.json")
    shutil.copytree(installed_datapackage.parent / "data", pkg / "data")
    descriptor = _descriptor(pkg / "datapackage.json")
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    before = [f["name"] for f in events["schema"]["fields"]
              if re.fullmatch(r"(?:title|summary)(?:_[a-z]{2})?", f["name"])]
    events["schema"]["fields"].append({"name": "summary_fr", "type": "string",
                                       "description": "The summary in French."})
    (pkg / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    rows = _csv(pkg / "datapackage.json", events)
    rows[0]["summary_fr"] = "Un résumé en français, avec le mot chauve-souris."
    with open(pkg / "data" / "events.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, [*rows[0]], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    repin(pkg / "datapackage.json")
    out = tmp_path / "t.db"
    assert main(["export", "sqlite", str(out), str(pkg)]) == 0
    capsys.readouterr()
    conn = _connect(out)
    columns = [c["name"] for c in conn.execute("PRAGMA table_info('events_fts')")]
    assert columns == [*before, "summary_fr"]
    found = conn.execute("SELECT rowid FROM events_fts WHERE events_fts MATCH 'resume'")
    assert len(found.fetchall()) == 1


# --- Datasette's metadata and Datasette itself ------------------------------------------------


def test_the_metadata_says_what_the_descriptor_says(exported: tuple[Path, Path, Path]) -> None:
    desc, db, meta_path = exported
    descriptor, meta = _descriptor(desc), json.loads(meta_path.read_text(encoding="utf-8"))
    assert meta["title"] == descriptor["title"]
    assert meta["description"] == descriptor["description"]
    assert meta["license"] == descriptor["licenses"][0]["name"]
    assert meta["license_url"] == descriptor["licenses"][0]["path"]
    assert meta["source"] == descriptor["sources"][0]["title"]
    assert meta["source_url"] == descriptor["sources"][0]["path"]
    tables = meta["databases"][db.stem]["tables"]
    assert list(tables) == [r["name"] for r in descriptor["resources"]]
    for res in descriptor["resources"]:
        table = tables[res["name"]]
        assert table["description"] == res["description"]
        assert table["columns"] == {f["name"]: f["description"] for f in res["schema"]["fields"]}
    assert {"event_type", "status", "actor1", "actor2", "country"} <= set(
        tables["events"]["facets"])
    assert "role" in tables["event_sources"]["facets"]


def _datasette(db: Path, meta: Path, *paths: str) -> list[Any]:
    from datasette.app import Datasette

    ds = Datasette([str(db)], metadata=json.loads(meta.read_text(encoding="utf-8")))

    async def get() -> list[Any]:
        out = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:500])
            out.append(response.json())
        return out

    return asyncio.run(get())


def test_datasette_serves_facets_search_and_links(exported: tuple[Path, Path, Path]) -> None:
    desc, db, meta = exported
    descriptor = _descriptor(desc)
    resources = {r["name"]: r for r in descriptor["resources"]}
    events = _csv(desc, resources["events"])
    actors = {r["actor_id"]: r["name"] for r in _csv(desc, resources["actors"])}
    name = db.stem
    faceted, searched, labelled, actor = _datasette(
        db, meta,
        f"/{name}/events.json?_size=0",
        f"/{name}/events.json?_search=canal&_shape=objects&_size=max",
        f"/{name}/events.json?_labels=on&_shape=objects&_size=max",
        f"/{name}/actors/PAN.json?_extras=foreign_key_tables",
    )
    # A facet from the metadata, counted as the CSV counts it.
    status = {item["value"]: item["count"]
              for item in faceted["facet_results"]["status"]["results"]}
    counted: dict[str, int] = {}
    for row in events:
        counted[row["status"]] = counted.get(row["status"], 0) + 1
    assert status == counted
    # A search: the events whose title or summary has the word.
    texts = [k for k in events[0] if re.fullmatch(r"(?:title|summary)(?:_[a-z]{2})?", k)]
    expected = {r["event_id"] for r in events
                if re.search(r"\bcanal\b", _fold(" ".join(r[k] for k in texts)))}
    assert {r["event_id"] for r in searched["rows"]} == expected and expected
    # A foreign-key link: each event's actor shown with the actor's name.
    for row in labelled["rows"]:
        assert row["actor1"] == {"value": row["actor1"]["value"],
                                 "label": actors[row["actor1"]["value"]]}
    links = {(t["other_table"], t["other_column"]): t["count"]
             for t in actor["foreign_key_tables"]}
    assert links[("events", "actor1")] == sum(r["actor1"] == "PAN" for r in events)


# --- the command ---------------------------------------------------------------------------


def test_a_failed_export_leaves_the_files_as_they_were(
    tmp_path: Path, installed_datapackage: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "t.db"
    assert main(["export", "sqlite", "--out", str(out), str(installed_datapackage)]) == 0
    before = {p.name: p.read_bytes() for p in out.parent.iterdir()}
    assert set(before) == {"t.db", "metadata.json"}
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    shutil.copy2(installed_datapackage, pkg / "datapackage.json")
    shutil.copytree(installed_datapackage.parent / "data", pkg / "data")
    events = next(r for r in _descriptor(pkg / "datapackage.json")["resources"]
                  if r["name"] == "events")
    rows = _csv(pkg / "datapackage.json", events)
    rows[1]["date_start"] = "1903-11-31"  # no such day
    with open(pkg / "data" / "events.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, [*rows[0]], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    repin(pkg / "datapackage.json")
    capsys.readouterr()
    assert main(["export", "sqlite", str(out), str(pkg)]) == 1
    err = capsys.readouterr().err
    assert "date_start" in err and "nothing was written" in err
    assert {p.name: p.read_bytes() for p in out.parent.iterdir()} == before


@pytest.mark.parametrize(("args", "says"), [
    (["export", "sqlite", "{pkg}"], "is a folder; give the database's file name"),
    (["export", "sqlite", "{tmp}/a.db", "{pkg}", "--out", "{tmp}/b.db"],
     "unrecognized arguments"),
    (["export", "jsonld", "{pkg}", "--metadata", "{tmp}/m.json"],
     "--metadata is for the sqlite export"),
    (["export", "sqlite", "{pkg}/datapackage.json", "{pkg}"],
     "is not a SQLite database; refusing to replace it"),
    (["export", "sqlite", "{tmp}/a.db", "{pkg}", "--metadata", "{pkg}/datapackage.json"],
     "is not Datasette metadata; refusing to replace it"),
])
def test_usage_errors(args: list[str], says: str, tmp_path: Path, installed_datapackage: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing is written, and the package is never replaced by a database."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    shutil.copy2(installed_datapackage, pkg / "datapackage.json")
    shutil.copytree(installed_datapackage.parent / "data", pkg / "data")
    before = (pkg / "datapackage.json").read_bytes()
    # `export sqlite PKG` alone names the package as the database: with no package
    # given, the command reads the one in the current folder.
    assert main([a.format(pkg=pkg, tmp=tmp_path) for a in args]) == 2
    assert says in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]
    assert (pkg / "datapackage.json").read_bytes() == before


def test_without_sqlite_utils_the_message_says_which_extra(
    tmp_path: Path, installed_datapackage: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)  # import fails
    assert main(["export", "sqlite", str(tmp_path / "t.db"), str(installed_datapackage)]) == 2
    assert "pip install 'russia-panama-timeline[sqlite]'" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
