"""Shared fixtures: the installed package, and editable copies of it for corruption tests."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import russia_panama_timeline as rpt
from russia_panama_timeline.descriptor import file_pin

REPO = Path(__file__).resolve().parents[1]


def repin(descriptor_path: Path) -> None:
    """Re-pin every resource's ``bytes`` and ``hash`` after a test edited a data file,
    so that a corrupted copy carries exactly the one fault the test put in."""
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        res["bytes"], res["hash"] = file_pin(descriptor_path.parent / res["path"])
    descriptor_path.write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


@pytest.fixture
def installed_datapackage() -> Path:
    """The descriptor that ``pip install`` put inside the package."""
    return Path(rpt.DATAPACKAGE)


@pytest.fixture
def package_copy(tmp_path: Path, installed_datapackage: Path) -> Path:
    """A private copy of the installed package (descriptor and data/); returns its descriptor."""
    dest = tmp_path / "pkg"
    dest.mkdir()
    shutil.copy2(installed_datapackage, dest / "datapackage.json")
    shutil.copytree(installed_datapackage.parent / "data", dest / "data")
    return dest / "datapackage.json"


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium with a fresh profile, logging the console and the network, for
    the browser tests of a module; skipped without one on a developer's machine, failed
    in CI (``CI`` set)."""
    from russia_panama_timeline.site.browser import BrowserMissing, chromium

    try:
        driver = chromium(tmp_path_factory.mktemp("profile"))
    except BrowserMissing as exc:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {exc}")
        pytest.skip(str(exc))
    try:
        yield driver
    finally:
        driver.quit()
