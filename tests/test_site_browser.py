"""The built site in a real browser: headless Chromium, driven through ChromeDriver.

Opens ``index.html`` from disk (``file://``, the hardest case: no server, and each
file its own origin) and checks what a reader gets, one behaviour per test, so that
one failure hides no other: one timeline slide and one table row per event, each
filter narrowing the table to exactly its events, sorting in the real order, the
sources table, no console errors, and no request for anything outside the site's
folder (every request the page makes is read from Chromium's performance log). The
site is built once for the run and the browser started once for the module; each test that
uses the page (filters, sorting, search) loads it afresh, and the tests that only read it
share one load in a browser of their own, handed out as a fresh load shows it
(conftest.SharedPage).

The browser is Debian's ``chromium`` with ``chromium-driver`` (``.ci/run`` installs
them). Without them the test skips on a developer's machine and FAILS in CI
(``CI`` set), so a CI run can never pass without having run it.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from conftest import SharedPage, requests_since

from russia_panama_timeline.cli import main
from russia_panama_timeline.site.browser import wait_for_site

# Schemes that never leave the machine: inline data, and the browser's own pages (the
# new-tab page ChromeDriver starts on).
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-untrusted", "devtools"}


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(installed_site: Path) -> Path:
    """The site of the installed package, built once for the run (conftest.py)."""
    return installed_site


@pytest.fixture(scope="module")
def events(site: Path) -> list[dict[str, str]]:
    """The events as the site ships them, read with ``csv``."""
    with open(site / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 1
    return rows


@pytest.fixture
def page(session: Any, site: Path, events: list[dict[str, str]]) -> Any:
    """The site's page, loaded afresh (the requests before it dropped)."""
    _requests(session)
    session.get_log("browser")
    session.get(site.joinpath("index.html").resolve().as_uri())
    wait_for_site(session, len(events))
    return session


@pytest.fixture
def shown(shared_page: SharedPage, site: Path, events: list[dict[str, str]]) -> Any:
    """The site's page as a fresh load shows it, for the tests that only read it: one load
    shared, in a browser of its own (conftest.SharedPage)."""
    return shared_page.open(site.joinpath("index.html").resolve().as_uri(), len(events))


_requests = requests_since  # every URL the browser asked for since the last call


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


def _count(driver: Any, selector: str) -> int:
    return int(driver.execute_script(f"return document.querySelectorAll({selector!r}).length"))


def _row_ids(driver: Any) -> list[str]:
    return list(driver.execute_script(
        "return Array.from(document.querySelectorAll('#events-table tbody tr'), r => r.id)"))


def _select(driver: Any, control: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", control)).select_by_value(value)


def test_one_timeline_slide_per_event(shown: Any, events: list[dict[str, str]]) -> None:
    page = shown
    assert _count(page, "#timeline .tl-slide:not(.tl-slide-titleslide)") == len(events)
    assert _count(page, "#timeline .tl-slide-titleslide") == 1


def test_one_table_row_per_event(shown: Any, events: list[dict[str, str]]) -> None:
    page = shown
    assert _count(page, "#events-table tbody tr") == len(events)
    assert _visible_rows(page) == len(events)
    assert sorted(_row_ids(page)) == sorted(f"events-{e['event_id']}" for e in events)


def test_the_status_filter(page: Any, events: list[dict[str, str]]) -> None:
    disputed = [e for e in events if e["status"] == "disputed"]
    assert 0 < len(disputed) < len(events)
    _select(page, "f-status", "disputed")
    assert _visible_rows(page) == len(disputed)
    assert _count(page, "#events-table tbody tr:not([hidden]) .disputed-box") == len(disputed)


def test_the_type_filter(page: Any, events: list[dict[str, str]]) -> None:
    kind = events[0]["event_type"]
    _select(page, "f-type", kind)
    assert _visible_rows(page) == sum(e["event_type"] == kind for e in events) < len(events)


def test_the_decade_filter(page: Any, events: list[dict[str, str]]) -> None:
    decades = [(e["date_start"] or e["date_end"])[:3] + "0" for e in events]
    latest = decades[-1]  # the latest decade, which is not the only one
    _select(page, "f-decade", latest)
    assert _visible_rows(page) == decades.count(latest) < len(events)


def test_the_actor_filter(page: Any, events: list[dict[str, str]]) -> None:
    actors = [{e["actor1"], e["actor2"]} - {""} for e in events]
    first = min({a for pair in actors for a in pair})  # the first actor by code
    _select(page, "f-actor", first)
    assert 0 < _visible_rows(page) == sum(first in pair for pair in actors)


def test_the_search_and_the_reset(page: Any, events: list[dict[str, str]]) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    page.find_element("id", "f-search").send_keys(events[-1]["event_id"])
    assert 1 <= _visible_rows(page) < len(events)
    page.find_element("id", "f-reset").click()
    WebDriverWait(page, 10).until(lambda d: _visible_rows(d) == len(events))


def _date_keys(events: list[dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Each row id's place in time as the page defines it: the earliest day the event
    may have started (an open start: its end), then its end (empty first)."""
    return {f"events-{e['event_id']}": (e["date_start"] or e["date_end"], e["date_end"])
            for e in events}


def test_sorting_by_date_gives_the_real_order(page: Any, events: list[dict[str, str]]) -> None:
    """The table opens in the date order; the date header's click reverses it, row for
    row, and a second click restores it."""
    header = page.find_element("css selector", "#events-table th[data-key=date] button")
    keys = _date_keys(events)
    ascending = _row_ids(page)
    assert sorted(ascending) == sorted(keys)  # every event, once
    in_order = [keys[i] for i in ascending]
    assert in_order == sorted(in_order)  # ties are broken by the id, in the browser's collation
    header.click()
    assert _row_ids(page) == ascending[::-1]
    assert page.find_element("css selector", "#events-table th[data-key=date]") \
        .get_attribute("aria-sort") == "descending"
    header.click()
    assert _row_ids(page) == ascending


def test_one_sources_row_per_source(shown: Any, site: Path) -> None:
    page = shown
    with open(site / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
        sources = list(csv.DictReader(fh))
    assert _count(page, "#sources-table tbody tr") == len(sources)


def test_nothing_is_requested_from_outside_the_folder(shown: Any, shared_page: SharedPage,
                                                      site: Path) -> None:
    shared_page.drain()
    requested = shared_page.requests  # the load's, and any since
    assert any(u.endswith("/assets/timelinejs/js/timeline.js") for u in requested)
    assert _outside(requested, site) == []


def test_the_console_has_no_error(shown: Any, shared_page: SharedPage) -> None:
    shared_page.drain()
    assert [e for e in shared_page.console if e["level"] == "SEVERE"] == []  # the load's, and since


def test_a_screenshot_is_a_picture(shown: Any, tmp_path: Path) -> None:
    page = shown
    shot = tmp_path / "screenshot.png"
    assert page.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


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


def test_each_source_says_what_it_states(session: Any, tmp_path: Path) -> None:
    """Under each event, every source says the date it states and whose information it
    carries (the synthetic package of the evidence rules, one event per case)."""
    from _evidence_fixture import CASES, build

    descriptor = build(tmp_path / "pkg")
    site = tmp_path / "site"
    assert main(["site", str(descriptor), "--out", str(site)]) == 0
    session.get(site.joinpath("index.html").resolve().as_uri())
    wait_for_site(session, len(CASES))
    shown = session.execute_script(
        "return Array.from(document.querySelectorAll('#events-table .sources .evidence'),"
        " e => e.textContent)")
    assert len(shown) == sum(len(c.cites) for c in CASES)
    relayed = session.execute_script(
        "return Array.from(document.querySelectorAll("
        "'#events-one-origin-relayed-twice .sources .evidence'), e => e.textContent)")
    assert relayed == ["states 7 April 2025 · relays TASS"] * 2
    before = session.execute_script(
        "return document.querySelector('#events-on-or-before .sources .evidence').textContent")
    assert before == "states on or before 7 April 2025 · first-hand"
