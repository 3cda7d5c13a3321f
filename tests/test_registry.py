"""The registry of rules: each rule declares what it reads and emits, the checker gives
it exactly that, and a package that lacks what a rule needs is told so."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from _corrupt import edit_descriptor, read, write
from _faults import FAULT_CODES, FAULTS

from russia_panama_timeline import checker
from russia_panama_timeline.checker import check_package, registry
from russia_panama_timeline.checker.codes import CODES, UnknownCode
from russia_panama_timeline.checker.keys import UndeclaredColumn
from russia_panama_timeline.checker.registry import RULES, Rule

# Codes that no rule emits: the descriptor's, the file's bytes and rows (checked while
# a file is read, before any rule), the vocabulary of the descriptor's enums, and the
# generated files of a clone (compared by the check command once the data is valid).
NOT_RULES = {"descriptor", "profile", "vocabulary", "unsupported", "bytes", "hash",
             "encoding", "line-endings", "header", "blank-row", "ragged-row", "csv-syntax",
             "generated"}
DATASET_RULES = [r for r in RULES if r.schema_reads is None]


def _with_rules(monkeypatch: pytest.MonkeyPatch, rules: tuple[Rule, ...]) -> None:
    monkeypatch.setattr(checker, "RULES", rules)


def test_every_code_of_the_data_is_some_rule_s() -> None:
    declared = {code for rule in RULES for code in rule.codes}
    assert declared == set(CODES) - NOT_RULES


def test_a_code_not_in_codes_py_is_refused() -> None:
    bad = (*RULES, Rule("nonsense", ("no-such-code",), lambda t, r: None))
    with pytest.raises(ValueError, match="no-such-code"):
        registry._check_registry(bad)


@pytest.mark.parametrize(
    ("rule", "column"),
    [(r.name, c) for r in DATASET_RULES for c in r.reads],
    ids=lambda v: str(v),
)
def test_a_rule_reads_only_what_it_declares(
    rule: str, column: str, package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Take one declared column away from a rule: it must fail loudly, never pass in
    silence (the review's case: ``status-confirmed`` without ``sources.issuer``). So
    every declared column is read, and a rule that reads one it does not declare fails."""
    fault = next((f for f, c in FAULT_CODES.items()
                  if c in dict((r.name, r.codes) for r in RULES)[rule]), None)
    if fault is not None:
        FAULTS[fault](package_copy)  # so that the rule's messages are built too
    # in its place another column of the same resource, so the rule still applies
    res = column.partition(".")[0]
    header, _ = read(package_copy, res)
    reads = dict((r.name, r.reads) for r in RULES)[rule]
    other = next(f"{res}.{h}" for h in header if f"{res}.{h}" not in reads)
    rules = tuple(
        dataclasses.replace(r, reads=tuple(other if c == column else c for c in r.reads),
                            links=tuple(link for link in r.links if column not in link))
        if r.name == rule else r
        for r in RULES
    )
    _with_rules(monkeypatch, rules)
    with pytest.raises(UndeclaredColumn, match=rf"the rule '{rule}' reads"):
        check_package(package_copy)


def test_a_rule_emits_only_its_codes(package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(table: object, report: checker.Report) -> None:
        report.add("url", "data/actors.csv", 2, "name", "not this rule's code")

    _with_rules(monkeypatch, (*RULES, Rule("wrong", ("language",), wrong,
                                           reads=("actors.name",))))
    with pytest.raises(UnknownCode, match="'wrong' emitted 'url'"):
        check_package(package_copy)


def test_a_new_rule_is_one_function_and_one_entry(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What docs/checking.md says to do: a function, a Rule; the checker runs it on the
    columns it declares, and only those."""
    seen: dict[str, list[str]] = {}

    def titles_short(tables: checker.declared.Tables, report: checker.Report) -> None:
        events = tables["events"]
        seen["columns"] = sorted(events.columns)
        seen["resources"] = sorted(tables)
        long = np.array([len(t) > 120 for t in events.columns["title"].to_pylist()])
        report.add_rows("max-length", events.file, "title", long, events.line,
                        lambda i: "long")

    rule = Rule("short-titles", ("max-length",), titles_short, cross_table=True,
                reads=("events.title", "event_sources.event_id"))
    _with_rules(monkeypatch, (*RULES, rule))
    assert check_package(package_copy).valid
    assert seen == {"columns": ["title"], "resources": ["event_sources", "events"]}


def _drop_column(descriptor: Path, table: str, name: str) -> None:
    header, rows = read(descriptor, table)
    i = header.index(name)
    write(descriptor, table, [h for h in header if h != name],
          [[c for j, c in enumerate(r) if j != i] for r in rows], pin=False)

    def drop(x: dict) -> None:
        res = next(r for r in x["resources"] if r["name"] == table)
        res["schema"]["fields"] = [f for f in res["schema"]["fields"] if f["name"] != name]
        res["schema"]["foreignKeys"] = [fk for fk in res["schema"].get("foreignKeys", [])
                                        if name not in fk["fields"]]

    edit_descriptor(descriptor, drop)
    from conftest import repin

    repin(descriptor)


def test_a_package_without_a_rule_s_column_is_told(package_copy: Path) -> None:
    """The review's case: without ``issuer`` the status rule used to pass in silence."""
    FAULTS["confirmed_one_publisher"](package_copy)
    _drop_column(package_copy, "sources", "issuer")
    findings = check_package(package_copy).findings
    assert [(f.code, f.file, f.field) for f in findings] == [
        ("unsupported", "datapackage.json", "sources.issuer")]
    assert "status-confirmed" in findings[0].message
    assert "does not run" in findings[0].message


def test_a_package_without_a_rule_s_resource_is_told(package_copy: Path) -> None:
    def drop(x: dict) -> None:
        x["resources"] = [r for r in x["resources"] if r["name"] != "actors"]
        for res in x["resources"]:
            fks = [fk for fk in res["schema"].get("foreignKeys", [])
                   if fk["reference"].get("resource") != "actors"]
            if fks:
                res["schema"]["foreignKeys"] = fks
            else:
                res["schema"].pop("foreignKeys", None)

    edit_descriptor(package_copy, drop)
    report = check_package(package_copy)
    [finding] = report.findings
    assert (finding.code, finding.field) == ("unsupported", "actors")
    assert "country-not-state, status-confirmed" in finding.message
    # the rules of the actors alone have nothing to check: they do not apply
    assert set(report.not_applicable) == {"actor-iso", "actor-parent-cycle"}


def test_another_dataset_is_not_held_to_this_one_s_rules(tmp_path: Path) -> None:
    """A package with none of a rule's resources is another dataset: the rule does not
    apply, and the JSON report names it."""
    (tmp_path / "t.csv").write_text("id\na\n", encoding="utf-8")
    v2 = "https://datapackage.org/profiles/2.0/"
    (tmp_path / "datapackage.json").write_text(json.dumps({
        "$schema": v2 + "datapackage.json", "name": "other",
        "resources": [{"$schema": v2 + "dataresource.json", "name": "t", "path": "t.csv",
                       "type": "table", "schema": {"fields": [{"name": "id"}]}}],
    }), encoding="utf-8")
    report = check_package(tmp_path)
    assert report.valid, [str(f) for f in report.findings]
    assert set(report.not_applicable) == {r.name for r in DATASET_RULES}
    assert json.loads(report.to_json())["not_applicable"] == report.not_applicable


def test_the_rules_table_in_the_docs_is_the_registry() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "checking.md").read_text("utf-8")
    for rule in RULES:
        assert f"| `{rule.name}` |" in text


def _side_by_side(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every stage's rules in threads, however small the tables (as at 50,000 rows)."""
    monkeypatch.setattr(checker, "THREADS_FROM", 0)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_rules_side_by_side_report_as_one_after_another(
        name: str, package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large package's rules run two at a time, each into a fork of the report; the
    report (its findings in order, counts, rules held back) must be the plain loop's,
    and so must the first findings that --max-errors keeps."""
    FAULTS[name](package_copy)
    plain = check_package(package_copy)
    first = check_package(package_copy, max_errors=2).findings
    _side_by_side(monkeypatch)
    assert check_package(package_copy).to_json() == plain.to_json()
    assert check_package(package_copy, max_errors=2).findings == first


def test_a_rule_that_follows_keys_declares_it_runs_after_unique(
        package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Side by side, a rule reading the repeated keys without running after 'unique'
    could read them before or after they are found: it fails loudly instead."""
    from russia_panama_timeline.checker.report import UndeclaredRead

    FAULTS["unique_id_of_a_later_event"](package_copy)
    _side_by_side(monkeypatch)
    assert any(f.code == "unique" for f in check_package(package_copy).findings)
    for rule in (r for r in RULES if r.after):
        _with_rules(monkeypatch, tuple(dataclasses.replace(r, after=()) if r is rule else r
                                       for r in RULES))
        with pytest.raises(UndeclaredRead, match=rf"the rule '{rule.name}' reads the repeated"):
            check_package(package_copy)


@pytest.mark.parametrize(("after", "cross", "why"), [
    (("status-confirmed",), True, "not an earlier rule"),
    (("no-such-rule",), True, "not an earlier rule"),
    (("unique",), False, "is not cross-table"),
])
def test_a_rule_runs_after_an_earlier_cross_table_rule_only(
        after: tuple[str, ...], cross: bool, why: str) -> None:
    i = next(i for i, r in enumerate(RULES) if r.name == "evidence-dates")
    bad = tuple(dataclasses.replace(r, after=after, cross_table=cross) if k == i else r
                for k, r in enumerate(RULES))
    with pytest.raises(ValueError, match=why):
        registry._check_registry(bad)
