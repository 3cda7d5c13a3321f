"""The built site in a real browser: headless Chromium, driven through ChromeDriver.

Opens ``index.html`` from disk (``file://``, the hardest case: no server, and each
file its own origin) and checks what a reader gets: one timeline slide and one table
row per event, filters that narrow the table, no console errors, and no request for
anything outside the site's folder (every request the page makes is read from
Chromium's performance log). A screenshot is saved beside the built site.

The browser is Debian's ``chromium`` with ``chromium-driver`` (``.ci/run`` installs
them). Without them the test skips on a developer's machine and FAILS in CI
(``CI`` set), so a CI run can never pass without having run it.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from russia_panama_timeline.cli import main
from russia_panama_timeline.site.browser import BrowserMissing, chromium, wait_for_site

# Schemes that never leave the machine: inline data, and the browser's own pages (the
# new-tab page ChromeDriver starts on).
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-untrusted", "devtools"}


@pytest.fixture
def browser(tmp_path: Path) -> Any:
    """A headless Chromium with a fresh profile, logging the console and the network;
    skipped without one on a developer's machine, failed in CI (``CI`` set)."""
    try:
        session = chromium(tmp_path / "profile")
    except BrowserMissing as exc:
        if os.environ.get("CI"):
            pytest.fail(f"browser test cannot run in CI: {exc}")
        pytest.skip(str(exc))
    try:
        yield session
    finally:
        session.quit()


def _requests(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call (the log is drained)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _outside(urls: list[str], site: Path) -> list[str]:
    """The URLs that are neither a file inside ``site`` nor a local scheme."""
    bad = []
    root = site.resolve()
    for url in urls:
        parsed = urlparse(url)
        if parsed.scheme in LOCAL_SCHEMES:
            continue
        if parsed.scheme == "file" and not parsed.netloc and \
                Path(unquote(parsed.path)).resolve().is_relative_to(root):
            continue
        bad.append(url)
    return bad


def _visible_rows(driver: Any) -> int:
    return int(driver.execute_script(
        "return document.querySelectorAll('#events-table tbody tr:not([hidden])').length"))


def test_site_in_headless_chromium(browser: Any, tmp_path: Path,
                                   installed_datapackage: Path) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    site = tmp_path / "site"
    assert main(["site", "--out", str(site)]) == 0
    with open(installed_datapackage.parent / "data" / "events.csv", encoding="utf-8",
              newline="") as fh:
        events = list(csv.DictReader(fh))
    n = len(events)
    assert n > 1

    _requests(browser)  # drop what the start-up page asked for
    browser.get(site.joinpath("index.html").resolve().as_uri())
    wait_for_site(browser, n)

    # one timeline slide per event (plus the title slide), one table row per event
    slides = browser.execute_script(
        "return document.querySelectorAll('#timeline .tl-slide:not(.tl-slide-titleslide)')"
        ".length")
    assert slides == n
    assert browser.execute_script(
        "return document.querySelectorAll('#timeline .tl-slide-titleslide').length") == 1
    assert browser.execute_script(
        "return document.querySelectorAll('#events-table tbody tr').length") == n
    assert _visible_rows(browser) == n
    ids = browser.execute_script(
        "return Array.from(document.querySelectorAll('#events-table tbody tr'), r => r.id)")
    assert sorted(ids) == sorted(f"events-{e['event_id']}" for e in events)

    # filters narrow the table to exactly the matching events
    status = Select(browser.find_element("id", "f-status"))
    status.select_by_value("disputed")
    disputed = [e for e in events if e["status"] == "disputed"]
    assert 0 < len(disputed) < n
    assert _visible_rows(browser) == len(disputed)
    assert browser.execute_script(
        "return document.querySelectorAll("
        "'#events-table tbody tr:not([hidden]) .disputed-box').length") == len(disputed)
    status.select_by_value("")
    kind = events[0]["event_type"]
    Select(browser.find_element("id", "f-type")).select_by_value(kind)
    assert _visible_rows(browser) == sum(e["event_type"] == kind for e in events) < n
    browser.find_element("id", "f-reset").click()
    WebDriverWait(browser, 10).until(lambda d: _visible_rows(d) == n)
    search = browser.find_element("id", "f-search")
    search.send_keys(events[-1]["event_id"])
    assert 1 <= _visible_rows(browser) < n
    browser.find_element("id", "f-reset").click()
    WebDriverWait(browser, 10).until(lambda d: _visible_rows(d) == n)
    decades = [(e["date_start"] or e["date_end"])[:3] + "0" for e in events]
    some = decades[-1]  # the latest decade, which is not the only one
    decade = Select(browser.find_element("id", "f-decade"))
    decade.select_by_value(some)
    assert _visible_rows(browser) == decades.count(some) < n
    decade.select_by_value("")
    actors = [{e["actor1"], e["actor2"]} - {""} for e in events]
    some = min({a for pair in actors for a in pair})  # the first actor by code
    actor = Select(browser.find_element("id", "f-actor"))
    actor.select_by_value(some)
    assert 0 < _visible_rows(browser) == sum(some in pair for pair in actors)
    actor.select_by_value("")

    # sorting: the date column's second click reverses the canonical (date) order
    first_id = "return document.querySelector('#events-table tbody tr').id"
    assert browser.execute_script(first_id) == f"events-{events[0]['event_id']}"
    date_header = browser.find_element("css selector", "#events-table th[data-key=date] button")
    date_header.click()
    assert browser.execute_script(first_id) != f"events-{events[0]['event_id']}"
    assert browser.find_element("css selector", "#events-table th[data-key=date]") \
        .get_attribute("aria-sort") == "descending"

    # the sources table has one row per source
    with open(installed_datapackage.parent / "data" / "sources.csv", encoding="utf-8",
              newline="") as fh:
        sources = list(csv.DictReader(fh))
    assert browser.execute_script(
        "return document.querySelectorAll('#sources-table tbody tr').length") == len(sources)

    # nothing outside the folder was requested, and the console has no error
    requested = _requests(browser)
    assert any(u.endswith("/assets/timelinejs/js/timeline.js") for u in requested)
    assert _outside(requested, site) == []
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []

    browser.find_element("id", "f-reset").click()
    browser.execute_script("window.scrollTo(0, 0)")
    shot = tmp_path / "screenshot.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


def test_request_filter_catches_what_leaves_the_folder(tmp_path: Path) -> None:
    """The check above would notice a CDN script, a font service or a file beside the site."""
    site = tmp_path / "site"
    site.mkdir()
    inside = (site / "assets" / "x.js").as_uri()
    beside = (tmp_path / "other.js").as_uri()
    urls = [inside, "data:image/gif;base64,R0lGOD", "chrome://new-tab-page/",
            "https://cdn.knightlab.com/libs/timeline3/latest/js/timeline.js",
            "https://fonts.gstatic.com/s/ptsans/v18/x.ttf", beside,
            (site / ".." / "other.js").as_uri()]
    assert _outside(urls, site) == urls[3:]


def test_each_source_says_what_it_states(browser: Any, tmp_path: Path) -> None:
    """Under each event, every source says the date it states and whose information it
    carries (the synthetic package of the evidence rules, one event per case)."""
    from _evidence_fixture import CASES, build

    descriptor = build(tmp_path / "pkg")
    site = tmp_path / "site"
    assert main(["site", str(descriptor), "--out", str(site)]) == 0
    browser.get(site.joinpath("index.html").resolve().as_uri())
    wait_for_site(browser, len(CASES))
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('#events-table .sources .evidence'),"
        " e => e.textContent)")
    assert len(shown) == sum(len(c.cites) for c in CASES)
    relayed = browser.execute_script(
        "return Array.from(document.querySelectorAll("
        "'#events-one-origin-relayed-twice .sources .evidence'), e => e.textContent)")
    assert relayed == ["states 7 April 2025 · relays TASS"] * 2
    before = browser.execute_script(
        "return document.querySelector('#events-on-or-before .sources .evidence').textContent")
    assert before == "states on or before 7 April 2025 · first-hand"
