"""Shared fixtures: the installed package, and editable copies of it for corruption tests."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
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


def copy_package(dest: Path) -> Path:
    """A copy of the installed package (descriptor and data/) in the new folder ``dest``;
    returns its descriptor."""
    installed = Path(rpt.DATAPACKAGE)
    dest.mkdir()
    shutil.copy2(installed, dest / "datapackage.json")
    shutil.copytree(installed.parent / "data", dest / "data")
    return dest / "datapackage.json"


@pytest.fixture
def package_copy(tmp_path: Path, installed_datapackage: Path) -> Path:
    """A private copy of the installed package (descriptor and data/); returns its descriptor."""
    return copy_package(tmp_path / "pkg")


def shared_output(tmp_path_factory: pytest.TempPathFactory, name: str,
                  make: Callable[[Path], None]) -> Path:
    """``name`` made once per test run by ``make(path)``, in the run's temporary folder:
    under pytest-xdist the workers share it (the first to ask makes it while the others
    wait); without xdist it is made once per session. For outputs the tests only read."""
    try:
        import fcntl
    except ImportError:  # no file locks to share with (Windows): each worker makes its own
        fcntl = None  # type: ignore[assignment]
    root = tmp_path_factory.getbasetemp()
    if fcntl is not None and os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder all the workers' temporary folders are in
    target, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.exists():
            if target.exists():  # left by a make that failed in another worker
                shutil.rmtree(target)
            make(target)
            done.touch()
    return target


@pytest.fixture(scope="session")
def installed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the installed package, once for the run (read-only: the site
    tests and the browser tests share it)."""
    from russia_panama_timeline.cli import main

    def make(out: Path) -> None:
        assert main(["site", "--out", str(out)]) == 0

    return shared_output(tmp_path_factory, "installed-site", make)


def _chromium(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A headless Chromium with a fresh profile, logging the console and the network;
    skipped without one on a developer's machine, failed in CI (``CI`` set)."""
    from russia_panama_timeline.site.browser import BrowserMissing, chromium

    try:
        return chromium(tmp_path_factory.mktemp("profile"))
    except BrowserMissing as exc:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {exc}")
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium with a fresh profile, logging the console and the network, for
    the browser tests of a module; skipped without one on a developer's machine, failed
    in CI (``CI`` set)."""
    driver = _chromium(tmp_path_factory)
    try:
        yield driver
    finally:
        driver.quit()


def requests_since(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call (the log is drained)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


# What a page's state is made of, for SharedPage: the address, the mark its load left,
# every control's value, the table's rows in their order and which are shown, the sort,
# the timeline's event, the scroll, the viewport and the history.
PAGE_STATE = """
    const rows = Array.from(document.querySelectorAll('#events-table tbody tr'),
                            r => r.id + (r.hidden ? ' hidden' : ''));
    return JSON.stringify([
      location.href, window.sharedPageLoad || null,
      Array.from(document.querySelectorAll('input, select, textarea'),
                 e => [e.id, e.value, e.checked, e.disabled]),
      rows, Array.from(document.querySelectorAll('th'), th => th.getAttribute('aria-sort')),
      window.siteTimeline ? window.siteTimeline.current_id : null,
      window.scrollX, window.scrollY, window.innerWidth, window.innerHeight,
      history.length, document.activeElement ? document.activeElement.id : null]);"""


class SharedPage:
    """One page at a time in a browser of its own, loaded once for the tests that only
    read it (loading the site, TimelineJS drawing every event, is most of a browser
    test's time).

    ``open(url, events, metrics)`` hands out the page as a fresh load shows it: the page
    is loaded afresh when another address or viewport is asked for, and also when its
    state (``PAGE_STATE``: the address, the controls, the rows shown and their order, the
    sort, the timeline's event, the scroll...) is not what it was right after its load,
    so a test that changed it cannot make another pass or fail. The requests and
    console messages of the load are kept: ``requests`` and ``console`` hold them with
    what came since, up to the last ``drain()``.
    """

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        self._key: tuple[str, str] | None = None
        self._fresh = ""
        self._load_requests: list[str] = []
        self._load_console: list[dict[str, Any]] = []
        self.requests: list[str] = []
        self.console: list[dict[str, Any]] = []

    def _state(self) -> str:
        return str(self.driver.execute_script(PAGE_STATE))

    def _load(self, url: str, events: int, metrics: dict[str, Any] | None) -> None:
        import uuid

        from russia_panama_timeline.site.browser import wait_for_site

        driver = self.driver
        self._key = None
        driver.get("about:blank")
        if metrics:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        else:
            driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        requests_since(driver)
        driver.get_log("browser")  # what came before the load
        driver.get(url)
        wait_for_site(driver, events)
        driver.execute_script("window.sharedPageLoad = arguments[0]", uuid.uuid4().hex)
        self._load_requests = requests_since(driver)
        self._load_console = driver.get_log("browser")
        self._fresh = self._state()

    def open(self, url: str, events: int, metrics: dict[str, Any] | None = None) -> Any:
        """The page at ``url`` (with ``events`` events) in the viewport ``metrics`` (the
        window's own without), as a fresh load shows it."""
        key = (url, json.dumps(metrics, sort_keys=True))
        if self._key != key or self._state() != self._fresh:
            self._load(url, events, metrics)
            self._key = key
        self.requests = list(self._load_requests)
        self.console = list(self._load_console)
        self.drain()
        return self.driver

    def drain(self) -> None:
        """Add what the page requested and logged since the last call."""
        self.requests += requests_since(self.driver)
        self.console += self.driver.get_log("browser")


@pytest.fixture(scope="module")
def shared_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedPage]:
    """A browser of the module's own for the pages its tests only read (SharedPage)."""
    driver = _chromium(tmp_path_factory)
    try:
        yield SharedPage(driver)
    finally:
        driver.quit()


# The test files that take longest, longest first (measured in a run on two cores). With
# pyproject's `--dist loadfile --no-loadscope-reorder`, xdist hands the files to the
# workers in collection order: these go first, so that the workers finish together
# rather than one of them starting a long file when the other is nearly done.
LONGEST_FIRST = [
    "test_habits.py",  # the lowest allowed versions: installed, then the core tests run
    "test_site_browser_reader.py",  # builds the shared site (conftest.installed_site)
    "test_site_browser_address.py",
    "test_docs_commands.py",
    "test_check_edtf.py",
    "test_check_corpus.py",
    "test_site_browser.py",
    "test_readme_commands.py",
    "test_build_switch.py",
    "test_site_browser_layout.py",
    "test_cli_behaviour.py",
    "test_check_fuzz.py",
    "test_plot.py",
    "test_status_rule.py",
    "test_site.py",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: files stay whole
