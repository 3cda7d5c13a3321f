"""The static site: built from the package, self-contained, deterministic and atomic.

Expectations are read from the CSV files with the csv module and from the descriptor as
JSON, not from the site's own model code. What a browser makes of the page is
tests/test_site_browser.py.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import repin

from russia_panama_timeline.checker import check_package
from russia_panama_timeline.cli import main
from russia_panama_timeline.site import MARKER, build_site

pytest.importorskip("matplotlib")  # the figure; the test extra installs it

VENDOR = Path(__file__).resolve().parents[1] / "src" / "russia_panama_timeline" / "site" / \
    "vendor" / "timelinejs"


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def site_data(site: Path) -> dict[str, Any]:
    """The JSON the page embeds, read back out of ``assets/data.js``."""
    text = (site / "assets" / "data.js").read_text(encoding="utf-8")
    match = re.search(r"^window\.SITE_DATA = (.*);$", text, flags=re.M)
    assert match, "assets/data.js does not set window.SITE_DATA"
    return json.loads(match[1])


@pytest.fixture
def built(installed_site: Path) -> Path:
    """The site built once from the installed package, for the read-only tests (the
    browser tests read the same one)."""
    return installed_site


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def _page(site: Path) -> _Tags:
    parser = _Tags()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    return parser


# --- what the site holds ------------------------------------------------------------


def test_the_site_folder_is_the_data_package_itself(
    built: Path, installed_datapackage: Path
) -> None:
    descriptor = _json(installed_datapackage)
    assert (built / "datapackage.json").read_bytes() == installed_datapackage.read_bytes()
    for res in descriptor["resources"]:
        assert (built / res["path"]).read_bytes() == \
            (installed_datapackage.parent / res["path"]).read_bytes()
        assert (built / "parquet" / f"{res['name']}.parquet").read_bytes()[:4] == b"PAR1"
    assert check_package(built / "datapackage.json").valid


def test_embedded_data_has_every_row_and_every_citation(
    built: Path, installed_datapackage: Path
) -> None:
    descriptor = _json(installed_datapackage)
    data = site_data(built)
    by_name = {r["name"]: r for r in data["resources"]}
    assert list(by_name) == [r["name"] for r in descriptor["resources"]]
    for res in descriptor["resources"]:
        csv_rows = _rows(installed_datapackage.parent / res["path"])
        embedded = by_name[res["name"]]
        # every field but the translations, which the pages of their languages carry
        # in the fields they translate (title_es in es/index.html's title)
        assert [f["name"] for f in embedded["fields"]] == \
            [f["name"] for f in res["schema"]["fields"] if "translation" not in f]
        assert len(embedded["rows"]) == len(csv_rows)
        names = [f["name"] for f in embedded["fields"]]
        for name in {"title", "summary", "name"} & set(names):
            assert [row[names.index(name)] for row in embedded["rows"]] == \
                [r[name] for r in csv_rows]  # the English page: the English texts
        key = res["schema"]["primaryKey"]
        if isinstance(key, str) or len(key) == 1:
            key_name = key if isinstance(key, str) else key[0]
            i = [f["name"] for f in embedded["fields"]].index(key_name)
            assert [row[i] for row in embedded["rows"]] == [r[key_name] for r in csv_rows]

    events_csv = _rows(installed_datapackage.parent / "data" / "events.csv")
    cites_csv = _rows(installed_datapackage.parent / "data" / "event_sources.csv")
    extras = data["events"]["byId"]
    assert sorted(extras) == sorted(r["event_id"] for r in events_csv)
    for event in events_csv:
        expected = [(c["source_id"], c["role"], c["locator"])
                    for c in cites_csv if c["event_id"] == event["event_id"]]
        got = [(c["source_id"], c["role"], c.get("locator", ""))
               for c in extras[event["event_id"]]["citations"]]
        assert got == expected
    assert data["events"]["refs"] == {"source_id": "sources"}
    # the timeline has one slide per event, each keyed by its id
    slides = data["timeline"]["events"]
    assert [s["unique_id"] for s in slides] == [r["event_id"] for r in events_csv]


def test_disputed_events_carry_what_contradicts_them(
    built: Path, installed_datapackage: Path
) -> None:
    events = _rows(installed_datapackage.parent / "data" / "events.csv")
    cites = _rows(installed_datapackage.parent / "data" / "event_sources.csv")
    disputed = [e["event_id"] for e in events if e["status"] == "disputed"]
    assert disputed
    extras = site_data(built)["events"]["byId"]
    for event_id in disputed:
        contradicting = {c["source_id"] for c in cites
                         if c["event_id"] == event_id and c["role"] == "contradicting"}
        assert contradicting, f"{event_id} is disputed but no source contradicts it"
        assert contradicting == {c["source_id"] for c in extras[event_id]["citations"]
                                 if c["role"] == "contradicting"}


def test_page_head_has_the_json_ld_and_its_downloads_exist(built: Path) -> None:
    page = _page(built)
    (jsonld,) = [text for attrs, text in page.scripts
                 if attrs.get("type") == "application/ld+json"]
    doc = json.loads(jsonld)
    assert doc["@type"] == "Dataset"
    assert doc == _json(built / "dataset.jsonld")
    assert doc["variableMeasured"]
    urls = [d["contentUrl"] for d in doc["distribution"]]
    assert any(u.endswith(".parquet") for u in urls)
    for url in urls:
        assert (built / url).is_file(), url


def test_page_links_to_every_download_and_loads_only_local_files(built: Path) -> None:
    page = _page(built)
    hrefs = [a.get("href") or "" for tag, a in page.tags if tag == "a"]
    loaded = [a.get("src") or a.get("href") or "" for tag, a in page.tags
              if tag in ("script", "img", "link", "iframe", "source")]
    descriptor = _json(built / "datapackage.json")
    wanted = ["datapackage.json", "timeline.svg", "citation.bib", "citation-biblatex.bib"]
    for res in descriptor["resources"]:
        wanted += [res["path"], f"parquet/{res['name']}.parquet"]
    for target in wanted:
        assert target in hrefs, f"no link to {target}"
    for target in [h for h in hrefs if not re.match(r"^(https?:|#)", h)] + \
            [s for s in loaded if s]:
        assert (built / target).is_file(), f"{target} is linked but not in the site"
    assert all(not re.match(r"^[a-z]+:", s) for s in loaded if s), loaded
    # the TimelineJS options that keep it from fetching fonts and scripts elsewhere
    script = (built / "assets" / "site.js").read_text(encoding="utf-8")
    assert re.search(r"font: null", script)
    assert re.search(r'script_path: data.root \+ "assets/timelinejs/js/"', script)
    assert site_data(built)["root"] == ""  # the page at the top of the site


def test_cite_section_has_the_text_bibtex_and_biblatex(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    bib = (built / "citation.bib").read_text(encoding="utf-8")
    biblatex = (built / "citation-biblatex.bib").read_text(encoding="utf-8")
    assert bib.startswith("@misc{") and biblatex.startswith("@dataset{")
    from html import escape

    assert escape(bib) in html and escape(biblatex) in html


def test_vendored_timelinejs_is_unmodified_and_recorded(built: Path) -> None:
    """Every vendored file matches the sha256 recorded in VENDOR.md, and ships with the
    MPL-2.0 licence and the version."""
    notes = (VENDOR / "VENDOR.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", notes, flags=re.M))
    assert len(recorded) >= 4
    assert re.search(r"`@knight-lab/timelinejs`, version \*\*\d+\.\d+\.\d+\*\*", notes)
    for rel, digest in recorded.items():
        assert hashlib.sha256((VENDOR / rel).read_bytes()).hexdigest() == digest, rel
        assert (built / "assets" / "timelinejs" / rel).read_bytes() == (VENDOR / rel).read_bytes()
    licence = (built / "assets" / "timelinejs" / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("Mozilla Public License, version 2.0")


# --- deterministic and atomic -------------------------------------------------------


def test_same_data_gives_the_same_bytes(built: Path, package_copy: Path, tmp_path: Path) -> None:
    """A copy of the package elsewhere gives the same bytes, file for file; building
    again over a site replaces it whole (a stale file does not survive)."""
    out = tmp_path / "again"
    build_site(package_copy, out)
    a, b = _files(built), _files(out)
    assert list(a) == list(b)
    for name in a:
        assert a[name] == b[name], f"{name} differs between two builds"
    (out / "stale.html").write_text("old\n", encoding="utf-8")
    build_site(package_copy, out)
    assert _files(out) == a


def test_a_new_resource_and_column_appear_without_code_changes(
    package_copy: Path, tmp_path: Path
) -> None:
    """The site reads fields and resources from the descriptor: add a column to sources
    and a whole new resource, and both show up in the embedded data and the downloads."""
    root = package_copy.parent
    descriptor = _json(package_copy)
    sources = next(r for r in descriptor["resources"] if r["name"] == "sources")
    rows = _rows(root / sources["path"])
    sources["schema"]["fields"].append({"name": "shelfmark", "type": "string",
                                        "title": "Shelf mark"})
    with open(root / sources["path"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*rows[0], "shelfmark"], lineterminator="\n")
        writer.writeheader()
        for i, row in enumerate(rows):
            writer.writerow({**row, "shelfmark": f"box {i}"})
    (root / "data" / "regions.csv").write_text("region_id,name\nlatam,Latin America\n",
                                               encoding="utf-8")
    descriptor["resources"].append({
        "$schema": sources.get("$schema"),
        "name": "regions", "type": "table", "path": "data/regions.csv", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"$schema": sources["schema"].get("$schema"),
                   "fields": [{"name": "region_id", "type": "string"},
                              {"name": "name", "type": "string"}],
                   "primaryKey": ["region_id"]},
    })
    descriptor["resources"] = [{k: v for k, v in r.items() if v is not None}
                               for r in descriptor["resources"]]
    package_copy.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
    repin(package_copy)
    assert check_package(package_copy).valid, [str(f) for f in check_package(package_copy).findings]

    out = tmp_path / "site"
    build_site(package_copy, out)
    data = site_data(out)
    embedded = {r["name"]: r for r in data["resources"]}
    assert embedded["regions"]["rows"] == [["latam", "Latin America"]]
    assert embedded["sources"]["fields"][-1]["name"] == "shelfmark"
    assert [row[-1] for row in embedded["sources"]["rows"]] == \
        [f"box {i}" for i in range(len(rows))]
    assert (out / "data" / "regions.csv").is_file()
    assert (out / "parquet" / "regions.parquet").is_file()
    assert 'href="data/regions.csv"' in (out / "index.html").read_text(encoding="utf-8")
    # the site's data dictionary documents the package it was built from
    dictionary = (out / "docs" / "data-dictionary.html").read_text(encoding="utf-8")
    assert "<code>regions</code>" in dictionary and "<code>shelfmark</code>" in dictionary


def _previous_site(out: Path) -> dict[str, bytes]:
    """A site from an earlier build (any files, and the marker the build leaves)."""
    (out / "assets").mkdir(parents=True)
    (out / "index.html").write_text("<p>the previous site</p>\n", encoding="utf-8")
    (out / "assets" / "data.js").write_text("window.SITE_DATA = {};\n", encoding="utf-8")
    (out / MARKER).write_text("\n", encoding="utf-8")
    return _files(out)


def test_invalid_data_is_refused_and_the_old_site_stays(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    before = _previous_site(out)
    events = package_copy.parent / "data" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",disputed,", ",rumoured,", 1),
                      encoding="utf-8")
    repin(package_copy)
    capsys.readouterr()
    assert main(["site", str(package_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "rumoured" in err and "nothing was written" in err
    assert "Traceback" not in err
    assert _files(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_a_failure_midway_leaves_the_previous_site_whole(
    package_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    before = _previous_site(out)

    def broken(*args: object, **kwargs: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("russia_panama_timeline.plot.render", broken)
    assert main(["site", str(package_copy), "--out", str(out)]) == 2
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg", "site"]


def test_builds_into_an_empty_folder(package_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    assert main(["site", str(package_copy), "--out", str(out)]) == 0
    assert (out / MARKER).is_file() and (out / "index.html").is_file()


@pytest.mark.parametrize("make", ["foreign", "file", "package"])
def test_refuses_a_folder_it_did_not_write(
    make: str, package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if make == "foreign":
        out = tmp_path / "thesis"
        out.mkdir()
        (out / "chapter1.tex").write_text("precious\n", encoding="utf-8")
    elif make == "file":
        out = tmp_path / "notes.txt"
        out.write_text("precious\n", encoding="utf-8")
    else:
        out = package_copy.parent
    before = _files(out) if out.is_dir() else out.read_bytes()
    assert main(["site", str(package_copy), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    # The descriptor read (every command names it), then the refusal.
    assert err.startswith(f"descriptor: {package_copy}\nsite: ") and "nothing was written" in err
    assert (_files(out) if out.is_dir() else out.read_bytes()) == before


def test_site_needs_matplotlib_and_says_so(
    package_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import fails
    out = tmp_path / "site"
    assert main(["site", str(package_copy), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "matplotlib" in err and "plot" in err
    assert not out.exists()


def test_help_lists_the_site_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["site", "--help"])
    out = capsys.readouterr().out
    assert "--out DIR" in out and "static host" in out


def test_copies_are_not_symlinks(built: Path) -> None:
    """The site is plain files: nothing to resolve on a static host or in a zip."""
    assert not [p for p in built.rglob("*") if p.is_symlink()]


# --- the reference pages ------------------------------------------------------------


def _local_links(page: Path) -> list[str]:
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    targets = [a.get("href") or a.get("src") or "" for _, a in parser.tags]
    return [t.partition("#")[0] for t in targets
            if t and not re.match(r"^[a-z][a-z0-9+.-]*:|^#", t)]


def test_reference_pages_link_to_each_other_and_the_front_page(tmp_path: Path) -> None:
    from russia_panama_timeline.site.docs import write_pages

    sources = [
        ("cli", "# Command line\n\n<!-- section: x -->\nSee [the fields](data-dictionary.md"
                "#events-events), the [README](../README.md#quickstart) and "
                "![the figure](timeline.svg); [elsewhere](https://example.org/a.md).\n"),
        ("data-dictionary", "# Data dictionary\n\n## `events`: Events\n\n| a | b |\n|---|---|\n"
                            "| 1 | <x> |\n"),
    ]
    (tmp_path / "timeline.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>front</p>", encoding="utf-8")
    template = "<title>$title</title>\n$body"
    listed = write_pages(sources, tmp_path, template, {"timeline.svg"})
    assert listed == [("cli", "Command line"), ("data-dictionary", "Data dictionary")]
    cli = (tmp_path / "docs" / "cli.html").read_text(encoding="utf-8")
    assert 'href="data-dictionary.html#events-events"' in cli
    assert 'href="../index.html#quickstart"' in cli and 'src="../timeline.svg"' in cli
    assert 'href="https://example.org/a.md"' in cli
    assert "section: x" not in cli  # comments are not shown
    dictionary = (tmp_path / "docs" / "data-dictionary.html").read_text(encoding="utf-8")
    assert '<h2 id="events-events"><code>events</code>: Events</h2>' in dictionary
    assert "<td>&lt;x&gt;</td>" in dictionary  # text, never markup
    for page in (tmp_path / "docs").glob("*.html"):
        for target in _local_links(page):
            assert (page.parent / target).resolve().is_file(), (page.name, target)


def test_built_site_carries_every_reference_page(built: Path) -> None:
    repo_docs = Path(__file__).resolve().parents[1] / "docs"
    names = sorted(p.stem for p in repo_docs.glob("*.md"))
    assert sorted(p.stem for p in (built / "docs").glob("*.html")) == names
    front = (built / "index.html").read_text(encoding="utf-8")
    for name in names:
        assert f'href="docs/{name}.html"' in front
        for target in _local_links(built / "docs" / f"{name}.html"):
            assert (built / "docs" / target).resolve().is_file(), (name, target)


def test_the_page_runs_no_inline_script_but_timelinejs_s_empty_touch_handler(
        built: Path) -> None:
    """The page's scripts are its own files; the one exception the policy makes is the
    empty handler TimelineJS puts on touch screens (ontouchstart=" "), by its hash."""
    import base64

    policy = next(a.get("content") or "" for tag, a in _page(built).tags
                  if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    empty = base64.b64encode(hashlib.sha256(b" ").digest()).decode()
    assert directives["script-src"] == ["'self'", "'unsafe-hashes'", f"'sha256-{empty}'"]
    timeline = (built / "assets" / "timelinejs" / "js" / "timeline.js").read_text(
        encoding="utf-8")
    assert re.findall(r'setAttribute\("on\w+",([^)]*)\)', timeline) == ['" "'] * 2
