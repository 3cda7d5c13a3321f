"""A resource's CSV dialect is honoured by every reader and by ``fmt``: the package
written with ``;`` between cells (or without a header row) is the same data for
``check``, ``fmt``, the loaders, the Parquet build and ``cite``; and ``fmt`` writes
LF line ends (or the dialect's ``lineTerminator``)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from _corrupt import read
from conftest import repin

import russia_panama_timeline as rpt
from russia_panama_timeline.checker import check_package
from russia_panama_timeline.cli import main
from russia_panama_timeline.load import load_table

TABLES = ("events", "sources", "event_sources", "actors")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def rewrite(desc: Path, dialect: dict, header: bool = True, newline: str = "\n") -> None:
    """Write every data file in ``dialect`` and declare it (pins renewed)."""
    for table in TABLES:
        names, rows = read(desc, table)
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=dialect.get("delimiter", ","),
                            quotechar=dialect.get("quoteChar", '"'), lineterminator=newline)
        if header:
            writer.writerow(names)
        writer.writerows(rows)
        (desc.parent / "data" / f"{table}.csv").write_bytes(buf.getvalue().encode("utf-8"))
    data = json.loads(desc.read_text(encoding="utf-8"))
    for res in data["resources"]:
        res["dialect"] = {**dialect, **({} if header else {"header": False})}
    desc.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    repin(desc)


def snapshot(desc: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in desc.parent.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("dialect", "header"),
    [({"delimiter": ";"}, True), ({"delimiter": "|", "quoteChar": "'"}, True),
     ({"delimiter": ";"}, False)],
    ids=["semicolon", "pipe-and-apostrophe", "no-header"],
)
def test_every_reader_reads_the_declared_dialect(
    package_copy: Path, installed_datapackage: Path, tmp_path: Path, dialect: dict,
    header: bool,
) -> None:
    rewrite(package_copy, dialect, header)
    report = check_package(package_copy)
    assert report.valid, [str(f) for f in report.findings]

    before = snapshot(package_copy)
    code, out, err = run("fmt", str(package_copy))
    assert (code, out.strip()) == (0, "fmt: nothing to change"), out + err
    assert snapshot(package_copy) == before

    for table in TABLES:
        pd.testing.assert_frame_equal(load_table(table, package_copy),
                                      load_table(table, installed_datapackage))
    code, _, err = run("build", str(package_copy), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert pq.read_table(tmp_path / "out" / "events.parquet").num_rows == len(
        rpt.load_events(installed_datapackage))
    assert run("cite", str(package_copy))[1] == run("cite", str(installed_datapackage))[1]


def test_fmt_writes_the_declared_dialect(package_copy: Path) -> None:
    """Rows out of order in a ``;`` file: fmt sorts them and keeps the ``;``."""
    rewrite(package_copy, {"delimiter": ";"})
    path = package_copy.parent / "data" / "sources.csv"
    head, *rows = path.read_bytes().split(b"\n")[:-1]
    path.write_bytes(b"\n".join([head, *rows[::-1]]) + b"\n")
    code, out, err = run("fmt", str(package_copy))
    assert code == 0, out + err
    assert "data/sources.csv: sorted rows by source_id" in out
    assert path.read_bytes().split(b"\n")[0] == head
    assert check_package(package_copy).valid


def test_fmt_writes_lf(package_copy: Path) -> None:
    """A file saved with CRLF (as spreadsheets do): fmt writes LF, so a later edit
    does not change every line."""
    path = package_copy.parent / "data" / "event_sources.csv"
    lf = path.read_bytes()
    path.write_bytes(lf.replace(b"\n", b"\r\n"))
    repin(package_copy)
    code, out, err = run("fmt", str(package_copy))
    assert code == 0, out + err
    assert "data/event_sources.csv: wrote LF line ends" in out
    assert path.read_bytes() == lf
    assert run("fmt", str(package_copy))[1].strip() == "fmt: nothing to change"


def test_fmt_writes_the_declared_line_terminator(package_copy: Path) -> None:
    rewrite(package_copy, {"lineTerminator": "\r\n"}, newline="\n")
    path = package_copy.parent / "data" / "actors.csv"
    code, out, err = run("fmt", str(package_copy))
    assert code == 0, out + err
    assert "data/actors.csv: wrote CRLF line ends" in out
    assert path.read_bytes().count(b"\r\n") == path.read_bytes().count(b"\n")
