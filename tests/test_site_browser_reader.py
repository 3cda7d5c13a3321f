"""What a reader does with the site, one behaviour per test, in every language, in
headless Chromium: the page in its language, the switch to another language that keeps
the view, and search that ignores case and accents. The view in the address (bookmark,
share, Back and Forward) and the shown events as CSV are
``test_site_browser_address``; the page on a phone, the title slide and the search field
that fit, descriptions without Markdown and open starts in time order are
``test_site_browser_layout`` (three files, so that they run side by side on several
cores; the fixtures and helpers are here).

The site is built once for the run and each language's page (``index.html``,
``es/index.html``, ``ru/index.html``) opened from disk (``file://``) for each test that
uses it; the tests that only read a page share its load (``reading``, ``reading_on_a_phone``:
conftest.SharedPage hands it out as a fresh load shows it), and run language by language.
Every test ends by checking that the console has no error and that nothing outside the
site's folder was requested (``test_site_browser`` says how requests are read), the
shared load's own included.

Expectations come from the CSV files (csv module) and the descriptor (json), not from
the site's own code. Without Chromium the tests skip on a developer's machine and fail
in CI, as ``test_site_browser`` does.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import SharedPage
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


@pytest.fixture(scope="module", params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    """Each language; the module's tests run one language after the other, so that the
    tests that only read a page share its load."""
    return str(request.param)


def _page(lang: str) -> str:
    return "index.html" if lang == "en" else f"{lang}/index.html"


def _reading(shared: SharedPage, site: Path, lang: str, events: list[dict[str, str]],
             metrics: dict[str, Any] | None) -> Iterator[Any]:
    driver = shared.open(site.joinpath(_page(lang)).resolve().as_uri(), len(events), metrics)
    yield driver
    shared.drain()
    assert _outside(shared.requests, site) == []  # the load's requests, and any since
    assert [e for e in shared.console if e["level"] == "SEVERE"] == []


@pytest.fixture
def reading(shared_page: SharedPage, site: Path, lang: str,
            events: list[dict[str, str]]) -> Iterator[Any]:
    """The page in ``lang`` as a fresh load shows it, for a test that only reads it (one
    load shared: conftest.SharedPage); after the test, no console error and no request
    outside the site's folder, the load's included."""
    yield from _reading(shared_page, site, lang, events, None)


@pytest.fixture
def reading_on_a_phone(shared_page: SharedPage, site: Path, lang: str,
                       events: list[dict[str, str]]) -> Iterator[Any]:
    """``reading`` on a phone's screen (``PHONE``), loaded in it."""
    yield from _reading(shared_page, site, lang, events, PHONE)


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
    """The view kept through a switch to each other language, the second from the page
    Back returned to (the last switch needs no Back: nothing follows it)."""
    from selenium.webdriver.support.ui import Select, WebDriverWait

    chosen = next(e for e in events if e["status"] == "disputed")["event_id"]
    query = f"?status=disputed&sort=-date&event={chosen}"
    _open(browser, site, len(events), query + f"#events-{chosen}", lang=lang)
    shown = _visible_ids(browser)
    others = sorted(set(LANGS) - {lang})
    for other in others:
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
        if other != others[-1]:
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
