"""The shipped data held to its own rules.

What the reference tool checks (``frictionless validate``) runs here for real, and the
rules the Table Schema cannot express but the dataset promises (every event cited,
no orphan source, the article's citations recorded through ``cited_in``) are checked
on the installed package, whatever its rows are. Expectations come from the
descriptor and the files, never from a list of the current ids.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import repin

import russia_panama_timeline as rpt

# The Jamestown article cites fifteen distinct sources (research notes §2): a fact of
# the article, not a count of rows, so it is stated here.
ARTICLE_CITATIONS = 15


def _descriptor(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _frictionless_validate(descriptor: Path) -> tuple[int, dict[str, Any]]:
    """Run the real ``frictionless validate`` command line; return its exit code and report."""
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(descriptor)],
        capture_output=True, text=True, check=False, cwd=descriptor.parent,
    )
    try:
        return result.returncode, json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"frictionless printed no JSON report: {result.stdout}{result.stderr}")


# --- the reference tool ---------------------------------------------------------------


def test_frictionless_validate_passes_without_errors_or_warnings(
    installed_datapackage: Path,
) -> None:
    code, report = _frictionless_validate(installed_datapackage)
    assert code == 0, report
    assert report["valid"] is True
    assert report["errors"] == [] and report["warnings"] == []
    names = [r["name"] for r in _descriptor(installed_datapackage)["resources"]]
    assert sorted(t["name"] for t in report["tasks"]) == sorted(names)
    for task in report["tasks"]:
        assert task["valid"] is True, task["errors"]
        assert task["errors"] == [] and task["warnings"] == [], task["name"]


def test_frictionless_validate_python_api_agrees(installed_datapackage: Path) -> None:
    from frictionless import validate

    report = validate(str(installed_datapackage))
    assert report.valid, report.flatten(["type", "rowNumber", "fieldName", "note"])
    assert report.warnings == []
    assert all(task.warnings == [] for task in report.tasks)


def test_frictionless_validate_catches_a_broken_copy(package_copy: Path) -> None:
    # The harness above can fail: a duplicated primary key is reported as invalid.
    descriptor = _descriptor(package_copy)
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    path = package_copy.parent / events["path"]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    repin(package_copy)
    code, report = _frictionless_validate(package_copy)
    assert code != 0
    assert report["valid"] is False
    assert any(e["type"] == "primary-key" for t in report["tasks"] for e in t["errors"])


# --- rules the schema cannot state ------------------------------------------------------


class Tables:
    """The three tables of one package, loaded through the public loaders."""

    def __init__(self, descriptor: Path) -> None:
        self.descriptor = descriptor
        self.events = rpt.load_events(descriptor)
        self.sources = rpt.load_sources(descriptor)
        self.citations = rpt.load_event_sources(descriptor)

    def article_id(self) -> str:
        """The article the package starts from: its ``sources[0].path`` is a row's ``url``."""
        url = _descriptor(self.descriptor)["sources"][0]["path"]
        matches = self.sources.loc[self.sources["url"] == url, "source_id"].tolist()
        assert len(matches) == 1, f"exactly one row of sources.csv has the article's url {url}"
        return matches[0]

    def uncited_events(self) -> list[str]:
        return sorted(set(self.events["event_id"]) - set(self.citations["event_id"]))

    def orphan_sources(self) -> list[str]:
        s = self.sources
        used = (
            set(self.citations["source_id"])  # bears on an event
            | set(s.loc[s["cited_in"].notna(), "source_id"])  # cites (is cited in another)
            | set(s["cited_in"].dropna())  # the document through which others are known
        )
        return sorted(set(s["source_id"]) - used)

    def bad_cited_in(self) -> list[str]:
        s = self.sources[self.sources["cited_in"].notna()]
        dangling = set(s["cited_in"]) - set(self.sources["source_id"])
        itself = set(s.loc[s["cited_in"] == s["source_id"], "source_id"])
        return sorted(dangling | itself)

    def through_article(self) -> set[str]:
        return set(self.sources.loc[self.sources["cited_in"] == self.article_id(), "source_id"])

    def cited_not_through_article(self) -> list[str]:
        """Sources cited (role `cited`, the article's attribution) whose cited_in is not it."""
        named = set(self.citations.loc[self.citations["role"] == "cited", "source_id"])
        return sorted(named - self.through_article())


@pytest.fixture(scope="module")
def shipped() -> Tables:
    return Tables(Path(rpt.DATAPACKAGE))


def test_every_event_has_a_citation(shipped: Tables) -> None:
    assert shipped.uncited_events() == []


def test_every_source_is_cited_or_cites(shipped: Tables) -> None:
    assert shipped.orphan_sources() == []


def test_cited_in_points_to_an_existing_other_source(shipped: Tables) -> None:
    assert shipped.bad_cited_in() == []


def test_the_articles_citations_have_cited_in_set(shipped: Tables) -> None:
    assert len(shipped.through_article()) == ARTICLE_CITATIONS
    assert shipped.cited_not_through_article() == []
    # The article itself is known directly, not through another document.
    s = shipped.sources
    assert s.loc[s["source_id"] == shipped.article_id(), "cited_in"].isna().all()


def test_a_cited_attribution_comes_with_the_article(shipped: Tables) -> None:
    # `cited` records the article's attribution, so the article cites the same event.
    c = shipped.citations
    cited_events = set(c.loc[c["role"] == "cited", "event_id"])
    by_article = set(c.loc[c["source_id"] == shipped.article_id(), "event_id"])
    assert sorted(cited_events - by_article) == []


def test_every_vocabulary_value_is_documented(installed_datapackage: Path) -> None:
    # The data dictionary shows each value's label: each enum needs exactly its categories.
    for res in _descriptor(installed_datapackage)["resources"]:
        for field in res["schema"]["fields"]:
            enum = field.get("constraints", {}).get("enum")
            if not enum:
                continue
            categories = field.get("categories", [])
            assert [c["value"] for c in categories] == enum, field["name"]
            assert all(str(c.get("label", "")).strip() for c in categories), field["name"]


# --- the same rules catch each fault in a corrupted copy ------------------------------


def _edit(package_copy: Path, name: str, change) -> None:
    """Apply ``change`` to a table of the copy (all cells as text) and re-pin it."""
    res = next(r for r in _descriptor(package_copy)["resources"] if r["name"] == name)
    path = package_copy.parent / res["path"]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = change(frame)
    frame.to_csv(path, index=False, lineterminator="\n")
    repin(package_copy)


def test_rules_catch_an_uncited_event(package_copy: Path) -> None:
    first = Tables(package_copy).events["event_id"].iloc[0]
    _edit(package_copy, "event_sources", lambda f: f[f["event_id"] != first])
    assert Tables(package_copy).uncited_events() == [first]


def test_rules_catch_an_orphan_source(package_copy: Path) -> None:
    def add_orphan(frame: pd.DataFrame) -> pd.DataFrame:
        row = frame.iloc[[0]].copy()
        row["source_id"], row["cited_in"] = "zz-orphan-source", ""
        return pd.concat([frame, row])

    _edit(package_copy, "sources", add_orphan)
    assert Tables(package_copy).orphan_sources() == ["zz-orphan-source"]


def test_rules_catch_a_dangling_cited_in(package_copy: Path) -> None:
    def dangle(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[frame.index[0], "cited_in"] = "no-such-source"
        return frame

    _edit(package_copy, "sources", dangle)
    assert Tables(package_copy).bad_cited_in() == ["no-such-source"]


def test_rules_catch_a_cited_source_without_cited_in(package_copy: Path) -> None:
    tables = Tables(package_copy)
    c = tables.citations
    victim = c.loc[c["role"] == "cited", "source_id"].iloc[0]
    before = len(tables.through_article())

    def clear(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[frame["source_id"] == victim, "cited_in"] = ""
        return frame

    _edit(package_copy, "sources", clear)
    after = Tables(package_copy)
    assert after.cited_not_through_article() == [victim]
    assert len(after.through_article()) == before - 1
