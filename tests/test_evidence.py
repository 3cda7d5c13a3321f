"""What each citation states (``date_stated``) and whose information it carries
(``origin``): in the schema, the loaders, the Parquet files, the site, the TimelineJS
export and ``info``; and the words that ``notes`` may not use, both sides of each.

The rules themselves and the second reading of the status are in test_status_rule.py;
the corpus (tests/_faults.py) gives each finding code its fault.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from _evidence_fixture import CASES, EARNED, build

import russia_panama_timeline as rpt
from russia_panama_timeline.checker.notes_words import check_working_words, working_word
from russia_panama_timeline.edtf_display import display_date
from russia_panama_timeline.evidence_display import evidence_words


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("evidence"))


def _field(descriptor: dict[str, Any], resource: str, name: str) -> dict[str, Any]:
    res = next(r for r in descriptor["resources"] if r["name"] == resource)
    return next(f for f in res["schema"]["fields"] if f["name"] == name)


# --- the schema --------------------------------------------------------------------------


def test_the_citation_fields_are_where_the_data_expects_them() -> None:
    descriptor = json.loads(Path(rpt.DATAPACKAGE).read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["name"] == "event_sources")
    assert [f["name"] for f in res["schema"]["fields"]] == [
        "event_id", "source_id", "role", "locator", "date_stated", "origin", "notes"]
    for name in ("date_stated", "origin"):
        field = _field(descriptor, "event_sources", name)
        assert field["type"] == "string" and not field.get("constraints", {}).get("required")


FORMS = ["2025-04-07", "2025-04", "2025", "2014~", "2024-11-06?", "2025%",
         "[2025-03-31..2025-04-06]", "[2025-01..2025-03]", "[2013..2016]",
         "[..2025-04-07]", "[2025-04-07..]", "[..2025-04]", "[2025..]",
         "2024-09-25/2024-09-29", "../2022-02-23", "2022-02-24/..", "2025-04/2025-06"]
NOT_FORMS = ["April 2025", "7 April 2025", "2025-4-7", "[2025-04-01,2025-04-03]",
             "[2025-04..2025-04-07]", "[..]", "{2025-04-07}", "2025-04-07T10:00", "~2014",
             "[..2025-04-07?]"]


@pytest.mark.parametrize("name", [("events", "date"), ("event_sources", "date_stated")],
                         ids=["date", "date_stated"])
def test_the_date_forms_of_the_pattern(name: tuple[str, str]) -> None:
    """Both fields admit the same forms, with the open one-of-a-set [..D] and [D..]."""
    descriptor = json.loads(Path(rpt.DATAPACKAGE).read_text(encoding="utf-8"))
    pattern = _field(descriptor, *name)["constraints"]["pattern"]
    assert pattern == _field(descriptor, "events", "date")["constraints"]["pattern"]
    assert [v for v in FORMS if not re.fullmatch(pattern, v)] == []
    assert [v for v in NOT_FORMS if re.fullmatch(pattern, v)] == []


def test_the_descriptions_give_an_example_of_each_form() -> None:
    descriptor = json.loads(Path(rpt.DATAPACKAGE).read_text(encoding="utf-8"))
    stated = _field(descriptor, "event_sources", "date_stated")["description"]
    for example in ("on Monday", "`2025-04-07`", "in April 2025", "`2025-04`", "last week",
                    "`[2025-03-31..2025-04-06]`", "`[..2025-04-07]`", "`[2025-04-07..]`",
                    "empty when the source does not date the event"):
        assert example in stated, example
    origin = _field(descriptor, "event_sources", "origin")["description"]
    for words in ("Empty when the source reports first-hand", "`original_publisher`",
                  "`publisher`", "`TASS`", "Ministry of Foreign Affairs of Russia"):
        assert words in origin, words
    date = _field(descriptor, "events", "date")["description"]
    assert "`[..2025-04-07]`" in date and "`[2025-04-07..]`" in date
    status = _field(descriptor, "events", "status")["description"]
    assert "`origin`" in status and "`date_stated`" in status


# --- notes are for readers: both sides of every word ------------------------------------

WORKING = [
    "Source row defined by helper r3.", "reported under lead decision 3 (r2 had confirmed)",
    "the merger may prefer reported", "The merger can narrow it.", "merged by the lead",
    "The audit (2026-11-30) already noted it.", "Per the audit of 2026-11-30.",
    "a re-audit found", "r4 narrowed it from r2's month", "Read 2026-12-01 (r5).", "[r5]",
    "TODO: find the decree", "to-do: the day", "a todo", "the reviewer could not open it",
    "Review: status lowered", "(review; the day was wrong)", "(review narrowed the bound)",
    "from batch 3", "batch-2 rows", "candidate rows only", "a candidate event",
]
PROSE = [
    "Panama's presidential candidate spoke in Moscow.", "a batch of vaccines arrived",
    "the merger of the two agencies in 2013", "RIA Novosti was merged by decree",
    "the lead of the article names no date", "the EU decision of 17 March",
    "Russia's R2 programme", "an audit of the canal's accounts", "the Su-R1 aircraft",
    "the helpful minister", "nothing to do with Panama", "the reviewed treaty",
    "a review of the treaty", "the mandate was updated", "Comptroller's audits of the ACP",
]


@pytest.mark.parametrize("text", WORKING)
def test_working_words_are_found(text: str) -> None:
    assert working_word(text) is not None


@pytest.mark.parametrize("text", PROSE)
def test_ordinary_prose_passes(text: str) -> None:
    assert working_word(text) is None


def test_the_column_check_agrees_with_the_word_rule() -> None:
    """The checker's Arrow (RE2) search over a column finds exactly the cells the
    one-value rule finds: the two regular-expression engines agree."""
    from russia_panama_timeline.checker.files import Table
    from russia_panama_timeline.checker.report import Report

    texts = [*WORKING, *PROSE, "", "An audit of the accounts, then helper r3."]
    res = {"name": "t", "path": "t.csv",
           "schema": {"fields": [{"name": "notes", "type": "string"}]}}
    table = Table(name="t", file="t.csv", res=res,
                  columns={"notes": pa.array(texts, pa.string())}, nrows=len(texts))
    report = Report()
    check_working_words(table, report)
    found = {f.line - 2 for f in report.findings}
    assert found == {i for i, t in enumerate(texts) if working_word(t)}
    assert len(found) == len(WORKING) + 1
    assert {f.code for f in report.findings} == {"notes-working-words"}
    assert "'helper'" in report.findings[0].message


# --- in words: the site and the TimelineJS export ----------------------------------------


@pytest.mark.parametrize(
    ("stated", "origin", "original", "words"),
    [
        ("2025-04-07", "La Prensa (Panamá)", None,
         "states 7 April 2025 · relays La Prensa (Panamá)"),
        ("2025-04", "", "EFE", "states April 2025 · relays EFE"),
        ("2025-04", "TASS", "EFE", "states April 2025 · relays TASS"),
        ("[..2025-04-07]", "", None, "states on or before 7 April 2025 · first-hand"),
        ("[2025-04-07..]", None, None, "states on or after 7 April 2025 · first-hand"),
        ("[..2025-04]", None, None, "states on or before April 2025 · first-hand"),
        ("", None, None, "states no date · first-hand"),
    ],
)
def test_a_citation_in_words(stated: str, origin: str | None, original: str | None,
                             words: str) -> None:
    assert evidence_words(stated, origin, original) == words


def test_open_sets_in_words() -> None:
    assert display_date("[..2025-04-07]", short=True) == "on or before 7 Apr 2025"
    assert display_date("[2025..]") == "on or after 2025"


def test_the_site_says_what_each_source_states(fixture: Path) -> None:
    from russia_panama_timeline.site.model import site_data

    by_id = site_data(fixture)["events"]["byId"]
    words = {c["source_id"]: c["evidence"] for c in by_id["one-origin-relayed-twice"]["citations"]}
    assert words == {"one-origin-relayed-twice-0": "states 7 April 2025 · relays TASS",
                     "one-origin-relayed-twice-1": "states 7 April 2025 · relays TASS"}
    wire = {c["source_id"]: c["evidence"] for c in by_id["one-wire-item-twice"]["citations"]}
    assert wire["one-wire-item-twice-1"] == "states 7 April 2025 · relays EFE"
    assert wire["one-wire-item-twice-0"] == "states 7 April 2025 · first-hand"
    undated = by_id["undated-with-notes"]["citations"]
    assert {c["evidence"] for c in undated} == {"states no date · first-hand"}
    assert all("evidence" in c for e in by_id.values() for c in e["citations"])


def test_the_timeline_export_says_what_each_source_states(fixture: Path) -> None:
    from russia_panama_timeline.timelinejs import build_timeline

    slides = {s["unique_id"]: s for s in build_timeline(fixture)["events"]}
    text = slides["on-or-before"]["text"]["text"]
    assert "(primary; states on or before 7 April 2025 · first-hand)" in text
    assert slides["on-or-before"]["display_date"] == "on or before 7 April 2025"
    assert slides["on-or-before"]["start_date"] == {"year": 2025, "month": 4, "day": 7}
    assert "relays TASS" in slides["one-origin-relayed-twice"]["text"]["text"]


# --- the loaders and the Parquet files ---------------------------------------------------


def test_the_loader_types_the_new_columns_from_the_schema(fixture: Path) -> None:
    import pandas as pd

    cites = rpt.load_event_sources(fixture)
    assert list(cites.columns[3:6]) == ["locator", "date_stated", "origin"]
    assert cites["date_stated"].dtype == pd.StringDtype()
    assert cites["origin"].dtype == pd.StringDtype()
    row = cites[(cites["event_id"] == "on-or-before") & (cites["role"] == "primary")]
    assert row["date_stated"].tolist() == ["[..2025-04-07]"]
    assert cites["origin"].isna().sum() > 0 and (cites["origin"] == "TASS").sum() == 2


def test_the_parquet_files_carry_the_new_columns(fixture: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from russia_panama_timeline.parquet import build_parquet

    with contextlib.redirect_stderr(io.StringIO()):
        build_parquet(fixture, tmp_path / "out")
    table = pq.read_table(tmp_path / "out" / "event_sources.parquet")
    assert table.column_names[3:6] == ["locator", "date_stated", "origin"]
    descriptor = json.loads(fixture.read_text(encoding="utf-8"))
    for name in ("date_stated", "origin"):
        field = table.schema.field(name)
        assert field.type == pa.string() and field.nullable
        assert field.metadata[b"description"].decode() == \
            _field(descriptor, "event_sources", name)["description"]
    stated = table.column("date_stated").to_pylist()
    assert "[2025-04-07..]" in stated and None in stated


# --- info ----------------------------------------------------------------------------------


def test_info_reports_the_status_earned(fixture: Path) -> None:
    from russia_panama_timeline.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["info", str(fixture)]) == 0
    [line] = [x for x in out.getvalue().splitlines() if x.startswith("earned: ")]
    stated = {c.event_id: c.status for c in CASES}
    now = {e: "disputed" if stated[e] == "disputed" else EARNED[e] for e in stated}
    n = len(CASES)
    counts = {k: sum(v == k for v in now.values()) for k in ("confirmed", "reported", "disputed")}
    upgrades = sum(stated[e] == "reported" and now[e] == "confirmed" for e in stated)
    assert upgrades >= 1
    share = round(100 * counts["confirmed"] / n)
    as_stated = round(100 * sum(s == "confirmed" for s in stated.values()) / n)
    assert line == (
        f"earned: confirmed {counts['confirmed']}, reported {counts['reported']}, "
        f"disputed {counts['disputed']} (confirmed {share}% as earned, {as_stated}% as "
        f"stated); {upgrades} reported event{'s' if upgrades != 1 else ''} already "
        f"earn{'s' if upgrades == 1 else ''} confirmed"
    )


def test_earned_status_has_one_entry_per_event_in_file_order(fixture: Path) -> None:
    """``earned_status`` reads the files as the checker does: one entry per event."""
    from russia_panama_timeline.checker.evidence import earned_status

    assert list(earned_status(fixture)) == list(rpt.load_events(fixture)["event_id"])


def test_distinct_values_index_every_chunk_of_a_column() -> None:
    # Arrow parses a large file in blocks: a column has many chunks, whose values
    # must index one dictionary.
    import pyarrow as pa

    from russia_panama_timeline.checker.evidence import _distinct

    col = pa.chunked_array([pa.array(["TASS", "EFE"]), pa.array(["EFE", "La Prensa", "TASS"])])
    index, distinct = _distinct(col)
    assert [distinct[i].as_py() for i in index] == col.to_pylist()
    assert len(distinct) == 3
