"""What a reader does with the site in headless Chromium, in every language: the page on
a phone, the title slide and the search field that fit, descriptions without Markdown,
and open starts in time order. The fixtures and helpers, and what every test checks at
its end, are ``test_site_browser_reader``'s. These tests only read the page: they share
one load of each language's page on a desktop's screen and one on a phone's
(``reading``, ``reading_on_a_phone``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from test_site_browser_reader import (  # noqa: F401  (events, lang, reading..., site: fixtures)
    PHONE,
    _visible_ids,
    events,
    lang,
    reading,
    reading_on_a_phone,
    site,
)

# --- the page on a desktop's screen -------------------------------------------------------

TITLE_SLIDE = """
    const slide = document.querySelector('#timeline .tl-slide-titleslide');
    const content = slide.querySelector('.tl-slide-content');
    return [content.getBoundingClientRect().height, slide.clientHeight,
            slide.scrollHeight];"""

PLACEHOLDER = """
    const box = document.getElementById('f-search');
    const style = getComputedStyle(box);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = style.font;
    return [ctx.measureText(box.placeholder).width, box.clientWidth
            - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];"""


def test_title_slide_fits_its_frame(reading: Any) -> None:
    content, frame, scrolled = reading.execute_script(TITLE_SLIDE)
    assert content <= frame and scrolled <= frame, (content, frame, scrolled)


def test_search_placeholder_is_not_cut(reading: Any) -> None:
    text, room = reading.execute_script(PLACEHOLDER)
    assert 0 < text <= room, (text, room)


# --- what the page says ----------------------------------------------------------------


def test_descriptions_show_no_markdown(reading: Any, site: Path) -> None:
    browser = reading
    descriptor = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    sources = next(r for r in descriptor["resources"] if r["name"] == "sources")
    assert "`" in sources["description"]  # what the test is about
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


def test_open_start_events_sort_by_their_end(reading: Any, events: list[dict[str, str]]) -> None:
    open_start = [e for e in events if not e["date_start"]]
    assert open_start, "no event with an open start to sort"
    shown = _visible_ids(reading)
    day = {e["event_id"]: e["date_start"] or e["date_end"] for e in events}
    assert [day[i] for i in shown] == sorted(day[i] for i in shown)
    earliest = min(events, key=lambda e: e["date_start"] or "9999")
    assert shown[0] == earliest["event_id"]


# --- the page on a phone -------------------------------------------------------------


def test_on_a_phone_date_title_and_status_need_no_sideways_scrolling(
        reading_on_a_phone: Any, events: list[dict[str, str]]) -> None:
    browser = reading_on_a_phone
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


def test_title_slide_fits_its_frame_on_a_phone(reading_on_a_phone: Any) -> None:
    content, frame, scrolled = reading_on_a_phone.execute_script(TITLE_SLIDE)
    assert content <= frame and scrolled <= frame, (content, frame, scrolled)


def test_search_placeholder_is_not_cut_on_a_phone(reading_on_a_phone: Any) -> None:
    assert reading_on_a_phone.execute_script("return window.innerWidth") == PHONE["width"]
    text, room = reading_on_a_phone.execute_script(PLACEHOLDER)
    assert 0 < text <= room, (text, room)
