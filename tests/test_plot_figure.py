"""The figure draws the data: the committed docs/timeline.svg, and any SVG ``plot``
writes, show every event (numbered in file order, in the lane of its type, with the
mark of its date's precision, red when disputed) and its line in the key, the lanes in
the schema's order, and the title with the count and the years.

What an SVG shows is read from it (the ids of its marks and the text matplotlib writes
beside each text it draws), and what it should show is read here from the CSV and the
descriptor with ``csv`` and ``json``, so no matplotlib release can break these tests by
changing bytes, and no drawing bug can pass them. When the data changes and the figure
is not redrawn, the first test fails: run ``python scripts/gen_figure.py`` and commit
``docs/timeline.svg``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import repin

from russia_panama_timeline.plot import Drawing, Drawn, drawing, drawing_of_svg, render

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _kind(row: dict[str, str]) -> str:
    if not row["date_start"]:
        return "open_start"
    if not row["date_end"]:
        return "open_end"
    return "day" if row["date_start"] == row["date_end"] else "bar"


def expected(descriptor: Path) -> Drawing:
    """What the figure must show, read from the files without the package's loader;
    the key's dates in words are the one thing taken from ``drawing`` (edtf_display
    has tests of its own)."""
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    events_res = next(r for r in meta["resources"] if r["name"] == "events")
    types = next(f for f in events_res["schema"]["fields"]
                 if f["name"] == "event_type")["constraints"]["enum"]
    with open(descriptor.parent / events_res["path"], encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    used = [t for t in types if any(r["event_type"] == t for r in rows)]
    label = {t: t[:1].upper() + t[1:] for t in types}
    years = [int(d[:4]) for r in rows for d in (r["date_start"], r["date_end"]) if d]
    words = {d.number: d.when for d in drawing(descriptor).events}
    return Drawing(
        title=f"{meta['title']}: {len(rows)} events, {min(years)}–{max(years)}",
        lanes=tuple(label[t] for t in used),
        events=tuple(Drawn(n, label[r["event_type"]], _kind(r), r["status"] == "disputed",
                           words[n], " ".join(r["title"].split()))
                     for n, r in enumerate(rows, start=1)),
    )


def test_the_committed_figure_draws_the_data(installed_datapackage: Path) -> None:
    svg = DOCS / "timeline.svg"
    assert svg.is_file(), "missing: run scripts/gen_figure.py"
    assert drawing_of_svg(svg.read_bytes()) == expected(installed_datapackage), (
        "docs/timeline.svg no longer draws the data: run `python scripts/gen_figure.py` "
        "and commit docs/timeline.svg")


def test_a_rendered_figure_draws_its_data(package_copy: Path) -> None:
    """A copy with a disputed day, an open start, a month and a changed title: the
    SVG the package renders shows each as it should."""
    path = package_copy.parent / "data" / "events.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0].update(date="../2024-05-01", date_start="", date_end="2024-05-01",
                   date_precision="period")
    rows[1].update(status="disputed")
    rows[2].update(title="A   headline,  spaced   oddly")
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    repin(package_copy)
    drawn = drawing_of_svg(render(package_copy, "svg"))
    assert drawn == expected(package_copy)
    assert drawn.events[0].kind == "open_start" and drawn.events[1].disputed


@pytest.mark.parametrize("broken", ["lane", "kind", "order", "title"])
def test_the_comparison_sees_a_wrong_drawing(installed_datapackage: Path, broken: str) -> None:
    """These tests can fail: a figure that draws one thing wrong is told apart."""
    right = expected(installed_datapackage)
    first, second, *rest = right.events
    wrong = {
        "lane": Drawing(right.title, right.lanes,
                        (Drawn(1, "Elsewhere", *(first.kind, first.disputed, first.when,
                                                 first.title)), second, *rest)),
        "kind": Drawing(right.title, right.lanes,
                        (Drawn(1, first.lane, "bar" if first.kind != "bar" else "day",
                               first.disputed, first.when, first.title), second, *rest)),
        "order": Drawing(right.title, tuple(reversed(right.lanes)), right.events),
        "title": Drawing(right.title.replace("events", "items"), right.lanes, right.events),
    }[broken]
    assert wrong != right
