"""What a reader does with the site, one behaviour per test, in every language, in
headless Chromium.

The site is built once and each language's page (``index.html``, ``es/index.html``,
``ru/index.html``) opened from disk (``file://``) for each test: the page in its
language, search that ignores case and accents, the view in the address (bookmark,
share, Back and Forward, the switch to another language), the shown events as CSV, the
page on a phone, the title slide and the search field that fit, descriptions without
Markdown, open starts in time order. Every test ends by checking that the console has
no error and that nothing outside the site's folder was requested
(``test_site_browser`` says how requests are read).

Expectations come from the CSV files (csv module) and the descriptor (json), not from
the site's own code. Without Chromium the tests skip on a developer's machine and fail
in CI, as ``test_site_browser`` does.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from test_site_browser import _outside, _requests

from russia_panama_timeline import DATAPACKAGE
from russia_panama_timeline.load import languages
from russia_panama_timeline.site.browser import wait_for_site

LANGS = languages(DATAPACKAGE)

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def site(installed_site: Path) -> Path:
    """The site of the installed package, built once for the run (conftest.py)."""
    return installed_site


@pytest.fixture(scope="module")
def events(site: Path) -> list[dict[str, str]]:
    return _csv(site / "data" / "events.csv")


@pytest.fixture
def browser(session: Any, site: Path) -> Iterator[Any]:
    """The browser, its logs drained; after the test, no console error and no request
    outside the site's folder."""
    session.get("about:blank")
    _requests(session)
    session.get_log("browser")
    yield session
    session.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert _outside(_requests(session), site) == []
    assert [e for e in session.get_log("browser") if e["level"] == "SEVERE"] == []


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _page(lang: str) -> str:
    return "index.html" if lang == "en" else f"{lang}/index.html"


def _open(browser: Any, site: Path, n: int, query: str = "", lang: str = "en") -> None:
    browser.get(site.joinpath(_page(lang)).resolve().as_uri() + query)
    wait_for_site(browser, n)


def _text(event: dict[str, str], name: str, lang: str) -> str:
    """A text of the event as the page in ``lang`` shows it."""
    return event[name] if lang == "en" else event[f"{name}_{lang}"]


def _visible_ids(browser: Any) -> list[str]:
    return list(browser.execute_script(
        "return Array.from(document.querySelectorAll('#events-table tbody tr:not([hidden])'),"
        " r => r.id.replace(/^events-/, ''))"))


def _type(browser: Any, text: str) -> None:
    box = browser.find_element("id", "f-search")
    box.clear()
    box.send_keys(text)


def _query(browser: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(browser.current_url).query)


# --- the page in its language -----------------------------------------------------------

# The date of Russia's recognition of Panama (a day), said in each language.
FIRST_DATE = {"en": "24 November 1903", "es": "24 de noviembre de 1903",
              "ru": "24 ноября 1903 г."}
HEADINGS = {"en": ("Timeline", "Events"), "es": ("Cronología", "Eventos"),
            "ru": ("Хронология", "События")}


def test_the_page_is_in_its_language(browser: Any, site: Path, lang: str,
                                     events: list[dict[str, str]]) -> None:
    _open(browser, site, len(events), lang=lang)
    assert browser.execute_script("return document.documentElement.lang") == lang
    assert browser.execute_script(
        "return document.querySelectorAll('#timeline .tl-slide:not(.tl-slide-titleslide)')"
        ".length") == len(events)
    assert browser.execute_script(
        "return document.querySelectorAll('#events-table tbody tr').length") == len(events)
    assert browser.execute_script("return window.siteTimeline.language.lang") == lang
    headings = browser.execute_script(
        "return Array.from(document.querySelectorAll('main > section > h2'), h => h.textContent)")
    assert list(HEADINGS[lang]) == headings[:2]
    first = next(e for e in events if e["event_id"] == "russia-recognises-panama")
    row = f"#events-{first['event_id']}"
    when = browser.find_element("css selector", f"{row} td.date .when").text
    assert re.sub(r"[\u00a0\u202f]", " ", when) == FIRST_DATE[lang]  # CLDR's no-break spaces
    assert browser.find_element("css selector", f"{row} .title").text == \
        _text(first, "title", lang)
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('.languages a'), a => a.hreflang)")
    assert sorted(links) == sorted(set(LANGS) - {lang})


def test_the_language_switch_keeps_the_view(browser: Any, site: Path, lang: str,
                                            events: list[dict[str, str]]) -> None:
    from selenium.webdriver.support.ui import Select, WebDriverWait

    chosen = next(e for e in events if e["status"] == "disputed")["event_id"]
    query = f"?status=disputed&sort=-date&event={chosen}"
    _open(browser, site, len(events), query + f"#events-{chosen}", lang=lang)
    shown = _visible_ids(browser)
    for other in sorted(set(LANGS) - {lang}):
        browser.find_element("css selector", f".languages a[hreflang={other}]").click()
        wait_for_site(browser, len(events))
        assert browser.execute_script("return document.documentElement.lang") == other
        url = urlparse(browser.current_url)
        assert parse_qs(url.query) == {"status": ["disputed"], "sort": ["-date"],
                                       "event": [chosen]}
        assert url.fragment == f"events-{chosen}"
        assert Select(browser.find_element("id", "f-status")).first_selected_option \
            .get_attribute("value") == "disputed"
        assert _visible_ids(browser) == shown
        WebDriverWait(browser, 10).until(
            lambda d: d.execute_script("return window.siteTimeline.current_id") == chosen)
        browser.back()
        wait_for_site(browser, len(events))


# --- search -----------------------------------------------------------------------


def test_search_ignores_case_and_accents(browser: Any, site: Path, lang: str,
                                         events: list[dict[str, str]]) -> None:
    _open(browser, site, len(events), lang=lang)
    with_accent = [e["event_id"] for e in events  # the notes are in English on every page
                   if "Colón" in " ".join((_text(e, "title", lang), _text(e, "summary", lang),
                                           e["notes"]))]
    assert with_accent
    found = {}
    for spelling in ("Colón", "colon", "COLON", "cOlÓn"):
        _type(browser, spelling)
        found[spelling] = _visible_ids(browser)
    assert len({tuple(v) for v in found.values()}) == 1, found
    assert set(with_accent) <= set(found["colon"])


def test_search_ignores_case_and_marks_in_cyrillic(browser: Any, site: Path, lang: str,
                                                   events: list[dict[str, str]]) -> None:
    """Sources titled in Russian are found whatever the case, and a letter with a mark
    (the Cyrillic yo for ie) finds the plain letter."""
    sources = _csv(site / "data" / "sources.csv")
    words = sorted({w for s in sources for w in re.findall(r"[\u0400-\u04ff]{6,}", s["title"])})
    word = next(w for w in words if "е" in w)
    _open(browser, site, len(events), lang=lang)
    _type(browser, word.lower())
    lower = _visible_ids(browser)
    assert 0 < len(lower) < len(events)
    _type(browser, word.upper())
    assert _visible_ids(browser) == lower
    _type(browser, word.lower().replace("е", "ё", 1))
    assert _visible_ids(browser) == lower


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


# --- the page on a phone -------------------------------------------------------------


def test_on_a_phone_date_title_and_status_need_no_sideways_scrolling(
        browser: Any, site: Path, lang: str, events: list[dict[str, str]]) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    _open(browser, site, len(events), lang=lang)
    assert browser.execute_script("return window.innerWidth") == PHONE["width"]
    assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE["width"]
    boxes = browser.execute_script("""
        return Array.from(document.querySelectorAll('#events-table tbody tr:not([hidden])'),
          r => ['td.date', '.title', 'td.status .badge'].map(s => {
            const b = r.querySelector(s).getBoundingClientRect();
            return [r.id, s, b.left, b.right, b.width];
          })).flat();""")
    assert len(boxes) == 3 * len(events)
    outside = [b for b in boxes if b[2] < 0 or b[3] > PHONE["width"] or b[4] <= 0]
    assert outside == []


def test_title_slide_fits_its_frame(browser: Any, site: Path, lang: str,
                                    events: list[dict[str, str]]) -> None:
    measure = """
        const slide = document.querySelector('#timeline .tl-slide-titleslide');
        const content = slide.querySelector('.tl-slide-content');
        return [content.getBoundingClientRect().height, slide.clientHeight,
                slide.scrollHeight];"""
    for metrics in (None, PHONE):
        if metrics:
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        _open(browser, site, len(events), lang=lang)
        content, frame, scrolled = browser.execute_script(measure)
        assert content <= frame and scrolled <= frame, (metrics, content, frame, scrolled)


def test_search_placeholder_is_not_cut(browser: Any, site: Path, lang: str,
                                       events: list[dict[str, str]]) -> None:
    measure = """
        const box = document.getElementById('f-search');
        const style = getComputedStyle(box);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = style.font;
        return [ctx.measureText(box.placeholder).width, box.clientWidth
                - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];"""
    for metrics in (None, PHONE):
        if metrics:
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        _open(browser, site, len(events), lang=lang)
        text, room = browser.execute_script(measure)
        assert 0 < text <= room, (metrics, text, room)


# --- what the page says ----------------------------------------------------------------


def test_descriptions_show_no_markdown(browser: Any, site: Path, lang: str,
                                       events: list[dict[str, str]]) -> None:
    descriptor = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    sources = next(r for r in descriptor["resources"] if r["name"] == "sources")
    assert "`" in sources["description"]  # what the test is about
    _open(browser, site, len(events), lang=lang)
    text = browser.execute_script("""
        const copy = document.body.cloneNode(true);
        copy.querySelectorAll('pre').forEach(p => p.remove());  // BibTeX's own quotes
        return copy.innerText;""")
    assert "`" not in text
    titles = browser.execute_script(
        "return Array.from(document.querySelectorAll('[title]'), e => e.title)")
    assert [t for t in titles if "`" in t] == []
    code = browser.execute_script(
        "return Array.from(document.querySelectorAll('#sources-section .resource-description"
        " code'), c => c.textContent)")
    assert code == re.findall(r"`([^`]+)`", sources["description"])


def test_open_start_events_sort_by_their_end(browser: Any, site: Path, lang: str,
                                             events: list[dict[str, str]]) -> None:
    open_start = [e for e in events if not e["date_start"]]
    assert open_start, "no event with an open start to sort"
    _open(browser, site, len(events), lang=lang)
    shown = _visible_ids(browser)
    day = {e["event_id"]: e["date_start"] or e["date_end"] for e in events}
    assert [day[i] for i in shown] == sorted(day[i] for i in shown)
    earliest = min(events, key=lambda e: e["date_start"] or "9999")
    assert shown[0] == earliest["event_id"]

