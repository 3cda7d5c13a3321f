"""One rule for the default package, for every command and loader: the nearest
``datapackage.json`` of this dataset in the current folder or its parents, as git finds
its repository, else the installed copy."""

from __future__ import annotations

import contextlib
import io
import json
import warnings
from pathlib import Path

import pytest
from _corrupt import read, write

from russia_panama_timeline import descriptor
from russia_panama_timeline.cli import main
from russia_panama_timeline.descriptor import InstalledCopyNotice, default_package
from russia_panama_timeline.load import load_events


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _retitle(desc: Path) -> str:
    header, rows = read(desc, "events")
    rows[0][header.index("title")] = "A title only the copy has"
    write(desc, "events", header, rows)
    return "A title only the copy has"


def test_from_a_folder_under_the_package_every_reader_takes_it(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newcomer's case: in data/ of a clone, check used to check the installed copy
    in silence, and load_events() read the installed copy while check read the clone."""
    title = _retitle(package_copy)
    monkeypatch.chdir(package_copy.parent / "data")
    assert default_package() == package_copy.resolve()
    code, out, err = run("check")
    assert code == 0, out + err
    assert err.splitlines()[0] == f"descriptor: {package_copy.resolve()}"
    assert load_events()["title"].iloc[0] == title


def test_another_dataset_s_descriptor_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "datapackage.json").write_text(
        json.dumps({"name": "another-dataset", "resources": []}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert default_package() == descriptor.DATAPACKAGE


def test_an_unreadable_descriptor_here_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "datapackage.json").write_text("{not json", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("check")
    assert code == 2
    assert f"{tmp_path / 'datapackage.json'}: not valid UTF-8 JSON" in err


def test_a_loader_in_a_clone_without_its_descriptor_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "russia-panama-timeline"\n',
                                             encoding="utf-8")
    (tmp_path / "src").mkdir()
    monkeypatch.chdir(tmp_path / "src")
    monkeypatch.setattr(descriptor, "_NOTICED", set())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_events()
        load_events()
    notices = [w for w in caught if issubclass(w.category, InstalledCopyNotice)]
    assert len(notices) == 1
    assert "reading the installed copy" in str(notices[0].message)


def test_help_states_the_rule() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(out.getvalue().split())
    assert ("default: the nearest datapackage.json of this dataset in the current folder or "
            "its parents, else the installed package") in text
