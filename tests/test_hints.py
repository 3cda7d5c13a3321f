"""Every hint names a command that fixes the problem, or says how to fix it by hand:
for a file ``fmt`` must leave alone (a byte that is not UTF-8, a missing or extra
column, a row short of a cell, a quote never closed, no final line break), ``check``
no longer says "run fmt" and ``fmt`` no longer only says it left the file alone; done
as they say, the package is valid again."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import repin

from russia_panama_timeline.checker import check_package
from russia_panama_timeline.cli import main

EVENTS = "data/events.csv"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _not_utf8(data: bytes) -> bytes:
    return data.replace(b"Panama", b"Pan\xe1ma", 1)


def _column_missing(data: bytes) -> bytes:
    return b"\n".join(line.rpartition(b",")[0] if line else line for line in data.split(b"\n"))


def _column_extra(data: bytes) -> bytes:
    return b"\n".join(line + b",x" if line else line for line in data.split(b"\n"))


def _row_short(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[3] = lines[3].rpartition(b",")[0]
    return b"\n".join(lines)


def _no_final_line_break(data: bytes) -> bytes:
    return data.rstrip(b"\n")


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "not-utf8": _not_utf8, "column-missing": _column_missing, "column-extra": _column_extra,
    "row-short": _row_short, "no-final-line-break": _no_final_line_break,
}


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_the_run_fmt_loop_ends(name: str, package_copy: Path) -> None:
    path = package_copy.parent / EVENTS
    original = path.read_bytes()
    path.write_bytes(DAMAGE[name](original))  # edited by hand: the pins are stale
    fmt = f"russia-panama-timeline fmt {package_copy}"

    findings = check_package(package_copy).findings
    pins = [f for f in findings if f.code in ("bytes", "hash")]
    assert pins, [str(f) for f in findings]
    for finding in findings:
        assert f"run `{fmt}` after editing" not in finding.message, finding
    assert all("by hand" in f.message for f in pins)

    code, out, _ = run("fmt", str(package_copy))
    assert code == 1
    note = next(line for line in out.splitlines() if line.startswith(f"{EVENTS}: left alone"))
    assert "by hand" in note

    # done as told (here: the file as it was), fmt re-pins and check says valid
    path.write_bytes(original)
    assert run("fmt", str(package_copy))[0] == 0
    assert check_package(package_copy).valid


def test_a_stale_pin_alone_says_run_fmt(package_copy: Path) -> None:
    path = package_copy.parent / EVENTS
    path.write_bytes(path.read_bytes().replace(b"Panama", b"Panamo", 1))
    pins = [f for f in check_package(package_copy).findings if f.code in ("bytes", "hash")]
    assert pins
    assert all(f"run `russia-panama-timeline fmt {package_copy}` after editing" in f.message
               for f in pins)


def test_a_byte_order_mark_says_run_fmt(package_copy: Path) -> None:
    path = package_copy.parent / EVENTS
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    repin(package_copy)
    [finding] = check_package(package_copy).findings
    assert f"run `russia-panama-timeline fmt {package_copy}`" in finding.message
    assert run("fmt", str(package_copy))[0] == 0
