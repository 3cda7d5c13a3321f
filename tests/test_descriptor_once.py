"""The descriptor is validated once: one finding per fault, a bug is an internal error
(exit 3, said to be one), ``read_descriptor()`` hands each caller its own copy, and
``check`` imports only what it needs (neither frictionless nor pandas nor edtf)."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from russia_panama_timeline.checker import check_package
from russia_panama_timeline.cli import main
from russia_panama_timeline.descriptor import read_descriptor


def _edit(package: Path, change: Callable[[dict[str, Any]], None]) -> None:
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    change(descriptor)
    package.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")


def _field(descriptor: dict[str, Any], n: int = 0) -> dict[str, Any]:
    return descriptor["resources"][0]["schema"]["fields"][n]


@pytest.mark.parametrize(("change", "code", "field"), [
    (lambda d: d.update(keywords="timeline"), "profile", "keywords"),
    (lambda d: _field(d).update(type="strin"), "profile", "resources[0].schema.fields[0]"),
    (lambda d: d["contributors"][0].update(roles="creator"), "profile", "contributors[0].roles"),
    (lambda d: d["licenses"][0].update(path=7), "profile", "licenses[0].path"),
    (lambda d: d.update({"$schema": "https://example.org/dp.json"}), "descriptor", "$schema"),
])
def test_one_fault_of_the_descriptor_is_one_finding(
    package_copy: Path, change: Callable[[dict[str, Any]], None], code: str, field: str
) -> None:
    _edit(package_copy, change)
    report = check_package(package_copy)
    assert [(f.code, f.field) for f in report.findings] == [(code, field)]
    assert report.total == 1


def test_an_exception_in_the_validation_is_an_internal_error(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug while validating the descriptor is not a finding about the data: exit 3,
    one line that says it is a bug, no traceback, nothing on stdout."""
    from russia_panama_timeline.checker import profile_schema

    def broken(descriptor: dict[str, Any]) -> list[tuple[str, str]]:
        raise KeyError("a bug")

    monkeypatch.setattr(profile_schema, "profile_errors", broken)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(package_copy)])
    assert code == 3
    assert out.getvalue() == ""
    lines = err.getvalue().strip().splitlines()
    assert lines[-1].startswith("error: internal error, a bug in this program")
    assert "KeyError" in lines[-1] and "Traceback" not in err.getvalue()
    assert len(lines) == 2  # the descriptor line, then the error

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["check", "--format", "json", str(package_copy)]) == 3
    assert json.loads(out.getvalue())["exit"] == 3


def test_read_descriptor_gives_each_caller_its_own_copy(package_copy: Path) -> None:
    first = read_descriptor(package_copy)
    first["resources"][0]["schema"]["fields"].clear()
    first["name"] = "changed"
    second = read_descriptor(package_copy)
    assert second["name"] != "changed"
    assert second["resources"][0]["schema"]["fields"]
    assert second is not first
    assert second == read_descriptor(package_copy)


def test_read_descriptor_sees_an_edit_of_the_file(package_copy: Path) -> None:
    before = read_descriptor(package_copy)["title"]
    _edit(package_copy, lambda d: d.update(title=before + ", edited"))
    assert read_descriptor(package_copy)["title"] == before + ", edited"


def test_a_descriptor_nested_too_deeply_is_refused_readably(tmp_path: Path) -> None:
    path = tmp_path / "datapackage.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        assert main(["check", str(path)]) == 2
    assert "nested too deeply" in err.getvalue() and "Traceback" not in err.getvalue()


def test_check_imports_only_what_it_needs(package_copy: Path) -> None:
    """frictionless (with the pandas it imports), pandas and edtf cost about a second
    of start-up together; ``check`` of a package outside a clone needs none of them
    (a copy: an editable install's package is the clone's, where ``check`` also
    compares the generated files, which renders them)."""
    code = (
        "import sys\n"
        "from russia_panama_timeline.cli import main\n"
        f"code = main(['check', {str(package_copy)!r}])\n"
        "heavy = ('frictionless', 'pandas', 'edtf', 'matplotlib', 'pydantic')\n"
        "print(code, sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stderr.strip().splitlines()[-1] == "0 []", proc.stderr


def test_pandas_stays_usable_after_check_kept_it_out() -> None:
    """``check`` makes pyarrow's one look for pandas fail; pandas and pyarrow's
    ``to_pandas`` still work afterwards in the same process."""
    code = (
        "import sys, pyarrow as pa\n"
        "from russia_panama_timeline.commands._no_pandas import keep_pandas_out\n"
        "keep_pandas_out()\n"
        "arr = pa.array([1, 2, None])\n"
        "assert 'pandas' not in sys.modules\n"
        "import pandas as pd\n"
        "series = pa.table({'a': arr}).to_pandas()['a']\n"
        "assert series.isna().tolist() == [False, False, True], series\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "ok", proc.stderr
