"""``russia-panama-timeline events``: each filter, each format, nothing found, bad options.

Expectations are read from data/events.csv with the csv module (and the rules stated in
the command's help), never from the command's own code.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import repin

from russia_panama_timeline.cli import main
from russia_panama_timeline.load import load_events


@pytest.fixture
def rows(installed_datapackage: Path) -> list[dict[str, str]]:
    with open(installed_datapackage.parent / "data" / "events.csv", encoding="utf-8",
              newline="") as fh:
        return list(csv.DictReader(fh))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["events", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _ids(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code, out, err = _run(capsys, *args, "--format", "json")
    assert code == 0, err
    return [e["event_id"] for e in json.loads(out)]


def _day(row: dict[str, str]) -> str:
    return row["date_start"] or row["date_end"]


# --- filters -----------------------------------------------------------------------------


def test_actor_matches_actor1_or_actor2(capsys: pytest.CaptureFixture[str],
                                        rows: list[dict[str, str]]) -> None:
    for actor in ("RUS", "AMP", "USA"):
        expected = {r["event_id"] for r in rows if actor in (r["actor1"], r["actor2"])}
        assert any(r["actor2"] == actor for r in rows)
        assert set(_ids(capsys, "--actor", actor)) == expected
    assert set(_ids(capsys, "--actor", "amp")) == \
        {r["event_id"] for r in rows if "AMP" in (r["actor1"], r["actor2"])}  # any case
    both = {r["event_id"] for r in rows if {"AMP", "USA"} & {r["actor1"], r["actor2"]}}
    assert set(_ids(capsys, "--actor", "AMP", "--actor", "USA")) == both


def test_type_and_status(capsys: pytest.CaptureFixture[str],
                         rows: list[dict[str, str]]) -> None:
    assert set(_ids(capsys, "--type", "vote")) == \
        {r["event_id"] for r in rows if r["event_type"] == "vote"}
    assert set(_ids(capsys, "--status", "disputed")) == \
        {r["event_id"] for r in rows if r["status"] == "disputed"}
    assert set(_ids(capsys, "--type", "vote", "--type", "agreement",
                    "--status", "confirmed")) == \
        {r["event_id"] for r in rows
         if r["event_type"] in ("vote", "agreement") and r["status"] == "confirmed"}


@pytest.mark.parametrize(("start", "end", "first", "last"), [
    ("2022", None, "2022-01-01", None),
    (None, "2014-03", None, "2014-03-31"),
    ("2022-02-20", "2022-02-24", "2022-02-20", "2022-02-24"),
    ("1903", "1903", "1903-01-01", "1903-12-31"),
])
def test_from_and_to_keep_events_whose_bounds_overlap(
        capsys: pytest.CaptureFixture[str], rows: list[dict[str, str]],
        start: str | None, end: str | None, first: str | None, last: str | None) -> None:
    """An event is kept when it may have happened in the range: it does not end before
    the first day (an open end never does) nor start after the last (an open start never
    does)."""
    args = (["--from", start] if start else []) + (["--to", end] if end else [])
    expected = {
        r["event_id"] for r in rows
        if (first is None or not r["date_end"] or r["date_end"] >= first)
        and (last is None or not r["date_start"] or r["date_start"] <= last)
    }
    assert expected
    assert set(_ids(capsys, *args)) == expected


def test_open_start_and_open_end_reach_as_far_as_they_go(
        capsys: pytest.CaptureFixture[str], rows: list[dict[str, str]]) -> None:
    open_start = [r["event_id"] for r in rows if not r["date_start"]]
    open_end = [r["event_id"] for r in rows if not r["date_end"]]
    assert open_start and open_end
    assert set(open_start) <= set(_ids(capsys, "--to", "1950"))
    assert set(open_end) <= set(_ids(capsys, "--from", "2030"))


def test_search_ignores_case_and_accents(capsys: pytest.CaptureFixture[str],
                                         rows: list[dict[str, str]]) -> None:
    expected = {r["event_id"] for r in rows
                if re.search("col[oó]n", r["title"] + " " + r["summary"], flags=re.I)}
    assert expected
    for spelling in ("colon", "Colón", "COLON", "cOlÓn"):
        assert set(_ids(capsys, "--search", spelling)) == expected
    # every word must be there, in the title or the summary
    assert set(_ids(capsys, "--search", "colón free")) == \
        {i for i in expected if "free" in next(r["title"] + r["summary"] for r in rows
                                               if r["event_id"] == i).lower()}


def test_search_in_cyrillic(capsys: pytest.CaptureFixture[str], package_copy: Path) -> None:
    """Case and marks are ignored in every script: the Cyrillic yo is found as ie."""
    path = package_copy.parent / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    with open(path, encoding="utf-8", newline="") as fh:
        first = next(csv.DictReader(fh))
    text = text.replace(first["summary"], first["summary"] + " Посол Артём Панамский.", 1)
    path.write_text(text, encoding="utf-8")
    repin(package_copy)
    for spelling in ("артем", "АРТЁМ", "панамскии"):
        assert _ids(capsys, str(package_copy), "--search", spelling) == [first["event_id"]]


def test_filters_combine(capsys: pytest.CaptureFixture[str],
                         rows: list[dict[str, str]]) -> None:
    expected = {r["event_id"] for r in rows
                if "PAN" in (r["actor1"], r["actor2"]) and r["event_type"] == "vote"
                and (not r["date_end"] or r["date_end"] >= "2022-01-01")}
    assert expected
    assert set(_ids(capsys, "--actor", "PAN", "--type", "vote", "--from", "2022")) == expected


def test_events_come_in_time_order_open_start_by_its_end(
        capsys: pytest.CaptureFixture[str], rows: list[dict[str, str]]) -> None:
    listed = _ids(capsys)
    by_id = {r["event_id"]: r for r in rows}
    assert sorted(listed) == sorted(by_id)
    days = [_day(by_id[i]) for i in listed]
    assert days == sorted(days)
    assert listed[0] == min(rows, key=lambda r: r["date_start"] or "9999")["event_id"]


# --- formats -----------------------------------------------------------------------------


def test_json_is_an_array_of_objects_with_the_loaders_columns(
        capsys: pytest.CaptureFixture[str], rows: list[dict[str, str]]) -> None:
    code, out, _ = _run(capsys, "--status", "disputed", "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert isinstance(found, list) and found
    columns = list(load_events().columns)
    by_id = {r["event_id"]: r for r in rows}
    for obj in found:
        assert list(obj) == columns
        row = by_id[obj["event_id"]]
        for name in columns:
            if row[name] == "":
                assert obj[name] is None, name  # missing: null
            elif name in ("latitude", "longitude"):
                assert obj[name] == float(row[name])
            else:
                assert obj[name] == row[name], name  # dates as ISO days, text as is


def test_csv_has_the_loaders_columns_and_the_files_values(
        capsys: pytest.CaptureFixture[str], rows: list[dict[str, str]]) -> None:
    code, out, _ = _run(capsys, "--type", "registry", "--format", "csv")
    assert code == 0
    got = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0].split(",") == list(load_events().columns)
    by_id = {r["event_id"]: r for r in rows}
    assert {g["event_id"] for g in got} == \
        {r["event_id"] for r in rows if r["event_type"] == "registry"}
    for g in got:
        row = by_id[g["event_id"]]
        for name, value in g.items():
            if name in ("latitude", "longitude") and value:
                assert float(value) == float(row[name])
            else:
                assert value == row[name], name
    assert "\r" not in out


def test_text_is_one_line_per_event(capsys: pytest.CaptureFixture[str],
                                    rows: list[dict[str, str]]) -> None:
    code, out, err = _run(capsys, "--actor", "AMP")
    assert code == 0
    lines = out.splitlines()
    expected = [r for r in rows if "AMP" in (r["actor1"], r["actor2"])]
    assert len(lines) == len(expected)
    for line in lines:
        match = next(r for r in expected if line.endswith(r["title"]))
        assert line.startswith(match["date"] + " ") and f" {match['status']} " in line
    assert err.endswith(f"events: {len(expected)} of {len(rows)}\n")


# --- nothing found, bad options -------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "empty"), [("text", ""), ("json", "[]\n"), ("csv", None)])
def test_nothing_matches_is_an_empty_answer_and_exit_0(
        capsys: pytest.CaptureFixture[str], fmt: str, empty: str | None) -> None:
    code, out, err = _run(capsys, "--search", "no such word anywhere", "--format", fmt)
    assert code == 0
    if empty is None:  # the header alone
        assert out == ",".join(load_events().columns) + "\n"
    else:
        assert out == empty
    assert "none of" in err and "--search 'no such word anywhere'" in err


@pytest.mark.parametrize(("args", "said"), [
    (["--type", "picnic"], "--type 'picnic': not an event type; one of: diplomatic"),
    (["--status", "rumoured"], "--status 'rumoured': not a status; one of: confirmed"),
    (["--actor", "ATLANTIS"], "--actor 'ATLANTIS': not an actor id"),
    (["--lang", "xx"], "--lang 'xx': not a language of the package; one of: en"),
    (["--from", "2022-02-30"], "--from '2022-02-30' is not a calendar date"),
    (["--to", "last year"], "--to 'last year' is not a date"),
    (["--from", "2023", "--to", "2022"], "--from 2023 is after --to 2022"),
])
def test_bad_values_are_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str],
                                     said: str) -> None:
    code, out, err = _run(capsys, *args)
    assert code == 2
    assert out == ""
    assert said in err and "Traceback" not in err
    code, out, _ = _run(capsys, *args, "--format", "json")
    assert code == 2 and said in json.loads(out)["error"]


def test_help_says_what_each_filter_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["events", "--help"])
    out = capsys.readouterr().out
    for option in ("--actor", "--type", "--status", "--from", "--to", "--search", "--lang",
                   "--format"):
        assert option in out
    assert "actor1" in out and "accents" in out
