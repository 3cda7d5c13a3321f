"""The ``plot`` command and the figure's layout: marks, lanes, collisions, the broken axis.

Expectations come from the CSV files and the descriptor, read here with ``csv`` and
``json``, not from the loader the figure uses.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import repin

from russia_panama_timeline.cli import main
from russia_panama_timeline.plot import drawing_of_svg, layout, render


def _events(descriptor: Path) -> list[dict[str, str]]:
    with open(descriptor.parent / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write_events(descriptor: Path, rows: list[dict[str, str]]) -> None:
    with open(descriptor.parent / "data" / "events.csv", "w", encoding="utf-8",
              newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    repin(descriptor)


def _event_types(descriptor: Path) -> list[str]:
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    schema = next(r for r in meta["resources"] if r["name"] == "events")["schema"]
    return next(f for f in schema["fields"] if f["name"] == "event_type")["constraints"]["enum"]


def _assert_no_collisions(plan) -> None:
    """No two items on one sub-row of one lane overlap, labels included."""
    for a, b in itertools.combinations(plan.items, 2):
        if (a.lane, a.row) != (b.lane, b.row):
            continue
        (a0, a1), (b0, b1) = a.extent, b.extent
        assert a1 <= b0 or b1 <= a0, f"events {a.number} and {b.number} overlap"


# --- the command -----------------------------------------------------------------------


def test_plot_writes_an_svg(installed_datapackage: Path, tmp_path: Path) -> None:
    out = tmp_path / "figure" / "timeline.svg"
    assert main(["plot", str(installed_datapackage), "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"<?xml") and b"<svg" in data and data.rstrip().endswith(b"</svg>")
    assert len(data) > 10_000


def test_plot_writes_a_png(installed_datapackage: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline.PNG"
    assert main(["plot", str(installed_datapackage), "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


@pytest.mark.parametrize("name", ["timeline.pdf", "timeline", "timeline.svg.txt"])
def test_an_unknown_extension_is_a_usage_error(name: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / name
    assert main(["plot", "--out", str(out)]) == 2
    assert ".svg or .png" in capsys.readouterr().err
    assert not out.exists()


def test_without_matplotlib_the_command_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    out = tmp_path / "timeline.svg"
    assert main(["plot", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "matplotlib" in err and "[plot]" in err and "Traceback" not in err
    assert not out.exists()


def test_the_svg_is_deterministic_and_undated(installed_datapackage: Path) -> None:
    first = render(installed_datapackage, "svg")
    assert first == render(installed_datapackage, "svg")
    assert b"<dc:date>" not in first
    assert b"Matplotlib v" not in first  # no tool version that would change the bytes


def test_an_event_without_any_date_bound_is_invalid_data(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _events(package_copy)
    rows[0]["date_start"] = rows[0]["date_end"] = ""
    _write_events(package_copy, rows)
    assert main(["plot", str(package_copy), "--out", str(tmp_path / "t.svg")]) == 1
    err = capsys.readouterr().err
    assert rows[0]["event_id"] in err and "Traceback" not in err


# --- the layout ------------------------------------------------------------------------


def test_every_event_is_drawn_once_numbered_in_file_order(installed_datapackage: Path) -> None:
    rows = _events(installed_datapackage)
    plan = layout(installed_datapackage)
    assert [item.number for item in plan.items] == list(range(1, len(rows) + 1))
    assert [e.event_id for e in plan.events] == [row["event_id"] for row in rows]


def test_lanes_follow_the_schemas_vocabulary_in_order(installed_datapackage: Path) -> None:
    types = _event_types(installed_datapackage)
    used = {row["event_type"] for row in _events(installed_datapackage)}
    plan = layout(installed_datapackage)
    assert plan.lanes == [t for t in types if t in used]
    for item, row in zip(plan.items, _events(installed_datapackage), strict=True):
        assert plan.lanes[item.lane] == row["event_type"]


def test_lane_order_comes_from_the_descriptor(package_copy: Path) -> None:
    meta = json.loads(package_copy.read_text(encoding="utf-8"))
    schema = next(r for r in meta["resources"] if r["name"] == "events")["schema"]
    field = next(f for f in schema["fields"] if f["name"] == "event_type")
    field["constraints"]["enum"].reverse()
    package_copy.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
    used = {row["event_type"] for row in _events(package_copy)}
    reversed_types = field["constraints"]["enum"]
    assert layout(package_copy).lanes == [t for t in reversed_types if t in used]


def test_each_mark_shows_the_dates_precision(installed_datapackage: Path) -> None:
    plan = layout(installed_datapackage)
    for item, row in zip(plan.items, _events(installed_datapackage), strict=True):
        if not row["date_start"]:
            expected = "open_start"
        elif not row["date_end"]:
            expected = "open_end"
        elif row["date_start"] == row["date_end"]:
            expected = "day"
        else:
            expected = "bar"
        assert item.kind == expected, row["date"]
        assert item.disputed == (row["status"] == "disputed")
        if expected == "bar":
            assert item.x1 > item.x0


def test_labels_do_not_collide_and_stay_in_the_figure(installed_datapackage: Path) -> None:
    plan = layout(installed_datapackage)
    _assert_no_collisions(plan)
    for item in plan.items:
        left, right = item.extent
        assert right <= plan.scale.width + 1e-9, item.number
        assert left >= -0.5, item.number  # at most into the lane-label margin


def test_the_recent_years_get_the_room(installed_datapackage: Path) -> None:
    scale = layout(installed_datapackage).scale
    assert scale.start.year == min(int(r["date"][:4]) if r["date"][:1].isdigit()
                                   else int(r["date_end"][:4])
                                   for r in _events(installed_datapackage))
    per_year_recent = scale.x(dt.date(2024, 1, 1)) - scale.x(dt.date(2023, 1, 1))
    per_year_early = scale.x(dt.date(1951, 1, 1)) - scale.x(dt.date(1950, 1, 1))
    assert per_year_recent > 10 * per_year_early
    days = [dt.date(1903, 1, 1), dt.date(1990, 6, 1), dt.date(2020, 12, 31),
            dt.date(2021, 1, 1), dt.date(2025, 6, 1)]
    xs = [scale.x(d) for d in days]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)


def test_a_crowded_day_is_stacked_without_collisions(package_copy: Path) -> None:
    rows = _events(package_copy)
    lane_type = rows[-1]["event_type"]
    for row in rows[-12:]:
        row.update(date="2025-04-07", date_start="2025-04-07", date_end="2025-04-07",
                   date_precision="day", event_type=lane_type)
    _write_events(package_copy, rows)
    plan = layout(package_copy)
    _assert_no_collisions(plan)
    crowded = plan.items[-12:]
    assert len({item.row for item in crowded}) == 12  # same day: one sub-row each


def test_open_start_and_open_end_marks(package_copy: Path) -> None:
    rows = _events(package_copy)
    rows[0].update(date="../2024-05-01", date_start="", date_end="2024-05-01",
                   date_precision="period")
    rows[1].update(date="2022/..", date_start="2022-01-01", date_end="",
                   date_precision="period")
    _write_events(package_copy, rows)
    plan = layout(package_copy)
    opened, ongoing = plan.items[0], plan.items[1]
    scale = plan.scale
    assert opened.kind == "open_start"
    assert opened.x1 == pytest.approx(scale.x(dt.date(2024, 5, 2)))  # end of the last day
    assert opened.x0 < opened.x1
    assert ongoing.kind == "open_end"
    assert ongoing.x0 == pytest.approx(scale.x(dt.date(2022, 1, 1)))
    assert ongoing.x1 >= scale.x(scale.end) - 0.1  # runs to the right edge
    _assert_no_collisions(plan)


def test_an_event_type_outside_the_vocabulary_is_invalid_data(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _events(package_copy)
    rows[0]["event_type"] = "gossip"
    _write_events(package_copy, rows)
    assert main(["plot", str(package_copy), "--out", str(tmp_path / "t.png")]) == 1
    err = capsys.readouterr().err
    assert "gossip" in err and "event_type" in err and "Traceback" not in err
    assert not (tmp_path / "t.png").exists()


def test_the_clone_script_draws_the_committed_figure(tmp_path: Path) -> None:
    """scripts/gen_figure.py, run from the checkout, writes what docs/figure.md shows."""
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, str(repo / "scripts" / "gen_figure.py"), "--out-dir", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert drawing_of_svg((tmp_path / "timeline.svg").read_bytes()) == drawing_of_svg(
        (repo / "docs" / "timeline.svg").read_bytes())


def test_an_undecodable_data_file_is_invalid_data(package_copy: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    events = package_copy.parent / "data" / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"Panama", b"Pan\xe1ma", 1))
    repin(package_copy)
    out = tmp_path / "t.svg"
    assert main(["plot", str(package_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "events.csv" in err and "Traceback" not in err
    assert not out.exists()
