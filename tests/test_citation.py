"""CITATION.cff, .zenodo.json and the ``cite`` command agree with datapackage.json.

Expectations are read straight from the descriptor and the CSV files (json, csv),
never from the code under test; the CFF is parsed back with PyYAML, as GitHub and
cffconvert would read it. Validation against the full CFF 1.2.0 JSON Schema happens
in development (``/work/shared/tools/check_citation.py``); here we check what the
format requires without that schema.
"""

from __future__ import annotations

import csv
import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from russia_panama_timeline.citation import (
    read_citation,
    render_biblatex,
    render_bibtex,
    render_cff,
    render_text,
    render_zenodo,
)
from russia_panama_timeline.cli import main
from russia_panama_timeline.descriptor import DescriptorError

REPO = Path(__file__).resolve().parents[1]

# Top-level keys defined by CFF 1.2.0 (https://github.com/citation-file-format/citation-file-format).
CFF_KEYS = {
    "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi",
    "identifiers", "keywords", "license", "license-url", "message", "preferred-citation",
    "references", "repository", "repository-artifact", "repository-code", "title", "type",
    "url", "version",
}


def _json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _edit(descriptor_path: Path, **changes: Any) -> dict[str, Any]:
    desc = _json(descriptor_path)
    for key, value in changes.items():
        if value is None:
            desc.pop(key, None)
        else:
            desc[key] = value
    descriptor_path.write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")
    return desc


def _source_rows(descriptor_path: Path) -> list[dict[str, str]]:
    desc = _json(descriptor_path)
    (res,) = [r for r in desc["resources"] if r["name"] == "sources"]
    with open(descriptor_path.parent / res["path"], encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def descriptor() -> dict[str, Any]:
    return _json(REPO / "datapackage.json")


@pytest.fixture(scope="module")
def cff() -> dict[str, Any]:
    return yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def zenodo() -> dict[str, Any]:
    return _json(REPO / ".zenodo.json")


# --- CITATION.cff -------------------------------------------------------------------


def test_cff_has_the_required_keys_with_the_right_types(cff: dict[str, Any]) -> None:
    assert set(cff) <= CFF_KEYS, f"keys CFF 1.2.0 does not define: {set(cff) - CFF_KEYS}"
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "dataset"
    for key in ("message", "title", "version", "abstract", "license", "date-released"):
        assert isinstance(cff[key], str) and cff[key].strip(), key
    date.fromisoformat(cff["date-released"])  # a quoted ISO date, not a YAML date object
    assert isinstance(cff["authors"], list) and cff["authors"]
    for author in cff["authors"]:
        assert "name" in author or "family-names" in author
    assert isinstance(cff["keywords"], list) and all(isinstance(k, str) for k in cff["keywords"])


def test_cff_agrees_with_the_descriptor(cff: dict[str, Any], descriptor: dict[str, Any]) -> None:
    assert cff["title"] == descriptor["title"]
    assert cff["version"] == descriptor["version"]
    assert cff["abstract"] == descriptor["description"]
    assert cff["keywords"] == descriptor["keywords"]
    assert cff["license"] == descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert cff["date-released"] == descriptor["created"][:10]
    creators = [c["title"] for c in descriptor["contributors"] if "creator" in c.get("roles", [])]
    assert [a["name"] for a in cff["authors"]] == creators
    assert ("url" in cff) == ("homepage" in descriptor)  # no invented repository address
    assert "repository-code" not in cff
    assert "MIT" in cff["message"]  # the code's license is named as separate from the data's


def test_cff_references_name_the_source_article(
    cff: dict[str, Any], descriptor: dict[str, Any]
) -> None:
    rows = {r["url"]: r for r in _source_rows(REPO / "datapackage.json") if r["url"]}
    refs = cff["references"]
    assert [r["url"] for r in refs] == [s["path"] for s in descriptor["sources"]]
    for ref in refs:
        row = rows[ref["url"]]
        assert ref["type"] == "article"
        assert ref["title"] == row["title"]
        assert ref["publisher"] == {"name": row["publisher"]}
        names = [f"{a['given-names']} {a['family-names']}" for a in ref["authors"]]
        assert names == [a.strip() for a in row["author"].split(";")]
        assert ref["date-published"] == row["published"]
        assert ref["year"] == int(row["published"][:4])
        # the series is named only in the descriptor's one-line reference
        assert ref["journal"] in next(
            s["title"] for s in descriptor["sources"] if s["path"] == ref["url"]
        )
    jamestown = next(r for r in refs if "jamestown.org" in r["url"])
    assert jamestown["journal"] == "Eurasia Daily Monitor"
    assert jamestown["publisher"]["name"] == "The Jamestown Foundation"


def test_cff_follows_edits_to_the_descriptor(package_copy: Path) -> None:
    _edit(
        package_copy,
        version="9.8.7",
        title="A Title: with \"quotes\", a # hash, a backslash \\ and é",
        keywords=["one", "two: three", "- four"],
        description="Line one.\n\nLine two\twith a tab and a \u2028 separator.",
        created="2031-05-06T12:00:00Z",
        homepage="https://example.org/timeline",
        contributors=[
            {"title": "Ana María Pérez", "givenName": "Ana María", "familyName": "Pérez",
             "roles": ["creator"]},
            {"title": "Some Lab", "roles": ["creator"]},
            {"title": "A Reviewer", "roles": ["contributor"]},
        ],
    )
    data = yaml.safe_load(render_cff(read_citation(package_copy)))
    assert data["version"] == "9.8.7"
    assert data["title"] == "A Title: with \"quotes\", a # hash, a backslash \\ and é"
    assert data["keywords"] == ["one", "two: three", "- four"]
    assert data["abstract"] == "Line one.\n\nLine two\twith a tab and a \u2028 separator."
    assert data["date-released"] == "2031-05-06"
    assert data["url"] == "https://example.org/timeline"
    assert data["authors"] == [
        {"family-names": "Pérez", "given-names": "Ana María"},
        {"name": "Some Lab"},
    ]
    zen = json.loads(render_zenodo(read_citation(package_copy)))
    assert [c["name"] for c in zen["creators"]] == ["Pérez, Ana María", "Some Lab"]
    assert zen["version"] == "9.8.7" and zen["publication_date"] == "2031-05-06"


def test_reference_falls_back_to_the_descriptor_line(package_copy: Path) -> None:
    # a source that sources.csv does not list: everything comes from the one-line reference
    _edit(package_copy, sources=[{
        "title": 'Ana Pérez; Bo Li, "A Title, With Comma", Some Review, Some Press, 2020-05',
        "path": "https://example.org/not-in-sources-csv",
    }])
    (ref,) = yaml.safe_load(render_cff(read_citation(package_copy)))["references"]
    assert ref["title"] == "A Title, With Comma"
    assert ref["authors"] == [
        {"family-names": "Pérez", "given-names": "Ana"},
        {"family-names": "Li", "given-names": "Bo"},
    ]
    assert ref["journal"] == "Some Review"
    assert ref["publisher"] == {"name": "Some Press"}
    assert (ref["year"], ref["month"]) == (2020, 5)
    assert "date-published" not in ref  # a month is not a day


@pytest.mark.parametrize("missing", ["title", "version", "contributors"])
def test_a_descriptor_without_what_a_citation_needs_is_a_usage_error(
    package_copy: Path, missing: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(package_copy, **{missing: None})
    with pytest.raises(DescriptorError, match=missing):
        read_citation(package_copy)
    assert main(["cite", str(package_copy)]) == 2
    assert "error:" in capsys.readouterr().err


def test_a_malformed_created_date_is_a_usage_error(package_copy: Path) -> None:
    _edit(package_copy, created="last tuesday")
    with pytest.raises(DescriptorError, match="created"):
        read_citation(package_copy)


# --- .zenodo.json -------------------------------------------------------------------


def test_zenodo_agrees_with_cff_and_the_descriptor(
    zenodo: dict[str, Any], cff: dict[str, Any], descriptor: dict[str, Any]
) -> None:
    assert zenodo["upload_type"] == "dataset"
    assert zenodo["title"] == cff["title"] == descriptor["title"]
    assert zenodo["version"] == cff["version"] == descriptor["version"]
    assert zenodo["license"] == cff["license"] == "CC-BY-4.0"  # SPDX, as Zenodo requires
    assert zenodo["keywords"] == cff["keywords"]
    assert zenodo["publication_date"] == cff["date-released"]
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in cff["authors"]]
    related = {r["identifier"]: r for r in zenodo["related_identifiers"]}
    for ref in cff["references"]:
        assert related[ref["url"]]["relation"] == "isDerivedFrom"
        assert any(ref["title"] in text for text in zenodo["references"])
    # the description is the descriptor's, as HTML paragraphs
    plain = html.unescape(re.sub(r"<[^>]+>", "", zenodo["description"]))
    expected = re.sub(r"[*`]", "", descriptor["description"])
    assert " ".join(plain.split()) == " ".join(expected.split())
    assert zenodo["description"].count("<p>") == len(
        [p for p in descriptor["description"].split("\n\n") if p.strip()]
    )


# --- the cite command ---------------------------------------------------------------


def _bibtex_fields(entry: str) -> dict[str, str]:
    """Top-level ``name = {value}`` pairs of one entry, braces balanced."""
    unescaped = entry.replace("\\{", "").replace("\\}", "")
    assert unescaped.count("{") == unescaped.count("}")
    fields = {}
    for match in re.finditer(r"^  (\w+) = \{(.*)\},?$", entry, flags=re.M):
        fields[match[1]] = match[2]
    return fields


def test_cite_prints_text_and_bibtex_with_the_version(
    capsys: pytest.CaptureFixture[str], descriptor: dict[str, Any]
) -> None:
    assert main(["cite"]) == 0
    out = capsys.readouterr().out
    version, year = descriptor["version"], descriptor["created"][:4]
    text, _, bib = out.partition("@misc{")
    bib, _, biblatex = bib.partition("@dataset{")
    assert biblatex  # the BibLaTeX form follows the BibTeX one
    assert descriptor["title"] in text
    assert f"Version {version}" in text and f"({year})" in text
    assert descriptor["sources"][0]["path"] in text
    entry = "@misc{" + bib
    assert re.match(r"@misc\{[\w.:-]+,\n", entry)
    assert version in entry.splitlines()[0]  # the key names the version
    fields = _bibtex_fields(entry)
    assert fields["version"] == version
    assert fields["year"] == year
    assert fields["title"] == "{" + descriptor["title"].replace("–", "--") + "}"
    assert fields["author"] == "{" + descriptor["contributors"][0]["title"].replace("–", "--") + "}"


@pytest.mark.parametrize(("fmt", "has_text", "has_bibtex", "has_biblatex"),
                         [("text", True, False, False), ("bibtex", False, True, False),
                          ("biblatex", False, False, True), ("all", True, True, True)])
def test_cite_format_selects_the_forms(
    fmt: str, has_text: bool, has_bibtex: bool, has_biblatex: bool,
    capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cite", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert ("[Data set]" in out) == has_text
    assert ("@misc{" in out) == has_bibtex
    assert ("@dataset{" in out) == has_biblatex


def _pybtex_entries(text: str) -> Any:
    from pybtex.database import parse_string

    return parse_string(text, "bibtex").entries


def test_bibtex_and_biblatex_parse_with_pybtex(
    capsys: pytest.CaptureFixture[str], descriptor: dict[str, Any]
) -> None:
    """What `cite` prints is read by a real BibTeX parser, entry by entry, with the
    version, the year or date, the title and the credited contributors intact."""
    for fmt, kind in (("bibtex", "misc"), ("biblatex", "dataset")):
        assert main(["cite", "--format", fmt]) == 0
        out = capsys.readouterr().out
        entries = _pybtex_entries(out)
        assert len(entries) == 1
        (key, entry), = entries.items()
        assert entry.type == kind
        assert descriptor["version"] in key
        assert entry.fields["version"] == descriptor["version"]
        assert entry.fields["title"] == "{" + descriptor["title"].replace("–", "--") + "}"
        if kind == "misc":
            assert entry.fields["year"] == descriptor["created"][:4]
        else:
            assert entry.fields["date"] == descriptor["created"][:10]
        authors = entry.persons["author"]
        assert len(authors) == len(descriptor["contributors"])
        assert str(authors[0]) == "{" + descriptor["contributors"][0]["title"].replace(
            "–", "--") + "}"


def test_bibtex_quotes_are_ascii(package_copy: Path) -> None:
    """Typographic quotes and dashes (the article reference has curly quotes) are written as
    the ASCII TeX forms, so 8-bit BibTeX and any editor read the entry."""
    _edit(package_copy, title="The \u201cflag\u201d registry \u2014 Panama\u2019s")
    cit = read_citation(package_copy)
    for entry in (render_bibtex(cit), render_biblatex(cit)):
        assert not set(entry) & set("\u201c\u201d\u2018\u2019\u2013\u2014")
        (parsed,) = _pybtex_entries(entry).values()
        assert parsed.fields["title"] == "{The ``flag'' registry --- Panama's}"
    note = _pybtex_entries(render_bibtex(cit)).values()
    assert "``" in next(iter(note)).fields["note"]  # the article title, quoted


def test_cite_reads_the_given_package(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(package_copy, version="3.0.1")
    assert main(["cite", str(package_copy)]) == 0
    out = capsys.readouterr().out
    assert "Version 3.0.1" in out and "version = {3.0.1}" in out


def test_bibtex_escapes_latex_specials(package_copy: Path) -> None:
    _edit(package_copy, title="Ports & Flags: 100% of {ships}_now #1 $2")
    entry = render_bibtex(read_citation(package_copy))
    title = _bibtex_fields(entry)["title"]
    assert title == r"{Ports \& Flags: 100\% of \{ships\}\_now \#1 \$2}"


def test_text_citation_without_a_release_date_says_no_date(package_copy: Path) -> None:
    _edit(package_copy, created=None)
    assert "(n.d.)" in render_text(read_citation(package_copy))
