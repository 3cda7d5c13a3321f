"""The checker learns which columns refer to which from ``foreignKeys`` alone, and a
rule that follows a link the schema does not declare says so (``unsupported``) rather
than passing in silence."""

from __future__ import annotations

from pathlib import Path

from _corrupt import edit_descriptor
from _faults import FAULTS

from russia_panama_timeline.checker import check_package


def _drop_foreign_key(desc: Path, resource: str, field: str) -> None:
    def drop(x: dict) -> None:
        res = next(r for r in x["resources"] if r["name"] == resource)
        fks = res["schema"]["foreignKeys"]
        kept = [fk for fk in fks if fk["fields"] != [field]]
        assert len(kept) == len(fks) - 1
        if kept:
            res["schema"]["foreignKeys"] = kept
        else:  # Data Package 2.0 wants at least one, or none at all
            del res["schema"]["foreignKeys"]

    edit_descriptor(desc, drop)


def test_citation_checks_follow_the_declared_links(package_copy: Path) -> None:
    FAULTS["uncited_event"](package_copy)
    assert {f.code for f in check_package(package_copy).findings} == {"uncited-event"}
    _drop_foreign_key(package_copy, "event_sources", "event_id")
    # without the link, nothing says which event a citation is of: the rules that
    # follow it cannot run, and the report says which
    [finding] = check_package(package_copy).findings
    assert (finding.code, finding.file, finding.field) == (
        "unsupported", "datapackage.json", "event_sources.event_id")
    assert "uncited-event" in finding.message and "status-confirmed" in finding.message


def test_cited_in_cycles_follow_the_declared_link(package_copy: Path) -> None:
    FAULTS["cited_in_cycle"](package_copy)
    assert {f.code for f in check_package(package_copy).findings} == {"cited-in-cycle"}
    _drop_foreign_key(package_copy, "sources", "cited_in")
    [finding] = check_package(package_copy).findings
    assert (finding.code, finding.field) == ("unsupported", "sources.cited_in")
    assert "cited-in-cycle" in finding.message
