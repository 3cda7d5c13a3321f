"""What a reader does with the site in headless Chromium, in every language: the view
in the address (filters, search, sort order and the timeline's event, kept through
Back and Forward; unknown values ignored) and the shown events downloaded as CSV. The
fixtures and helpers, and what every test checks at its end, are
``test_site_browser_reader``'s."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import Any

from test_site_browser_reader import (  # noqa: F401  (browser, events, lang, site: fixtures)
    _open,
    _query,
    _text,
    _type,
    _visible_ids,
    browser,
    events,
    lang,
    site,
)

from russia_panama_timeline.site.browser import wait_for_site

# --- the view in the address ------------------------------------------------------


def test_filters_and_search_live_in_the_address(browser: Any, site: Path, lang: str,
                                                events: list[dict[str, str]]) -> None:
    from selenium.webdriver.support.ui import Select

    _open(browser, site, len(events), lang=lang)
    Select(browser.find_element("id", "f-status")).select_by_value("confirmed")
    Select(browser.find_element("id", "f-actor")).select_by_value("PAN")
    _type(browser, "canal")
    shown = _visible_ids(browser)
    assert 0 < len(shown) < len(events)
    assert _query(browser) == {"q": ["canal"], "status": ["confirmed"], "actor": ["PAN"]}
    shared = browser.current_url

    # the shared address, opened afresh, shows the same view
    browser.get("about:blank")
    browser.get(shared)
    wait_for_site(browser, len(events))
    assert browser.find_element("id", "f-search").get_attribute("value") == "canal"
    assert Select(browser.find_element("id", "f-status")).first_selected_option \
        .get_attribute("value") == "confirmed"
    assert _visible_ids(browser) == shown


def test_back_and_forward_step_through_choices(browser: Any, site: Path, lang: str,
                                               events: list[dict[str, str]]) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    _open(browser, site, len(events), lang=lang)
    everything = _visible_ids(browser)
    Select(browser.find_element("id", "f-status")).select_by_value("disputed")
    disputed = _visible_ids(browser)
    _type(browser, "article")  # seven letters typed: one step, not seven
    both = _visible_ids(browser)
    assert len(everything) > len(disputed) >= len(both) > 0
    browser.back()
    WebDriverWait(browser, 10).until(lambda d: _visible_ids(d) == disputed)
    assert browser.find_element("id", "f-search").get_attribute("value") == ""
    browser.back()
    WebDriverWait(browser, 10).until(lambda d: _visible_ids(d) == everything)
    assert _query(browser) == {}
    browser.forward()
    WebDriverWait(browser, 10).until(lambda d: _visible_ids(d) == disputed)
    assert _query(browser) == {"status": ["disputed"]}


def test_sort_order_lives_in_the_address(browser: Any, site: Path, lang: str,
                                         events: list[dict[str, str]]) -> None:
    _open(browser, site, len(events), lang=lang)
    header = browser.find_element("css selector", "#events-table th[data-key=date] button")
    header.click()
    assert _query(browser) == {"sort": ["-date"]}
    newest_first = _visible_ids(browser)
    browser.get("about:blank")
    _open(browser, site, len(events), "?sort=-date", lang=lang)
    assert _visible_ids(browser) == newest_first
    assert browser.find_element("css selector", "#events-table th[data-key=date]") \
        .get_attribute("aria-sort") == "descending"


def test_the_timeline_event_lives_in_the_address(browser: Any, site: Path, lang: str,
                                                 events: list[dict[str, str]]) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    chosen = events[len(events) // 2]["event_id"]
    _open(browser, site, len(events), f"?event={chosen}", lang=lang)
    current = "return window.siteTimeline.current_id"
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(current) == chosen)
    browser.execute_script("window.siteTimeline.goToNext()")
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(current) != chosen)
    moved = browser.execute_script(current)
    WebDriverWait(browser, 10).until(lambda d: _query(d).get("event") == [moved])


def test_unknown_values_in_the_address_are_ignored(browser: Any, site: Path, lang: str,
                                                   events: list[dict[str, str]]) -> None:
    _open(browser, site, len(events), "?type=nonsense&decade=1700&sort=sideways&event=nope",
          lang=lang)
    assert len(_visible_ids(browser)) == len(events)


# --- the shown events as CSV --------------------------------------------------------


def test_download_gives_the_shown_rows_as_csv(browser: Any, site: Path, lang: str, tmp_path: Path,
                                              events: list[dict[str, str]]) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior",
                            {"behavior": "allow", "downloadPath": str(downloads)})
    _open(browser, site, len(events), "?status=disputed&sort=-date", lang=lang)
    shown = _visible_ids(browser)
    assert 0 < len(shown) < len(events)
    browser.find_element("id", "f-download").click()
    deadline = time.monotonic() + 20
    while not list(downloads.glob("*.csv")) and time.monotonic() < deadline:
        time.sleep(0.2)
    (got,) = list(downloads.glob("*.csv"))
    text = got.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    descriptor = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in descriptor["resources"] if r["name"] == "events")["schema"]["fields"]
    columns = [f["name"] for f in fields if "translation" not in f]  # load_events()'s
    assert text.splitlines()[0] == ",".join(columns)
    assert [r["event_id"] for r in rows] == shown  # the rows shown, in the order shown
    by_id = {e["event_id"]: e for e in events}
    for row in rows:
        expected = by_id[row["event_id"]]
        for name, value in row.items():
            if name in ("latitude", "longitude") and value:
                assert float(value) == float(expected[name])
            elif name in ("title", "summary"):
                assert value == _text(expected, name, lang), (row["event_id"], name)
            else:
                assert value == expected[name], (row["event_id"], name)
