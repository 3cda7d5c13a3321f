"""Export the timeline as TimelineJS3 JSON, so anyone can embed an interactive timeline.

TimelineJS3 (Knight Lab) reads one JSON object: a ``title`` slide and a list of
``events`` slides. Each event of the package becomes one slide whose dates keep the
event's precision (a month is given as year and month, never as an invented day),
whose ``display_date`` says the EDTF date in words (see ``edtf_display``), and whose
text carries the summary and every source as a link, with the date it states and whose
information it carries, so the reader of the embed can check each claim. All text is
HTML-escaped: the data is plain text, not markup.

The JSON is deterministic (fixed key order, UTF-8, trailing newline) and written
atomically, like every output of the project.
"""

from __future__ import annotations

import html
import json
import os
import re
from typing import Any

from . import markup
from .descriptor import read_descriptor
from .edtf_display import EdtfDate, parse
from .edtf_words import LANGUAGES, date_words, end_words
from .errors import DataError, LanguageError
from .evidence_display import evidence_words
from .i18n import DEFAULT, strings, value_names

PathLike = str | os.PathLike[str] | None


class TimelineDataError(DataError):
    """The data cannot be turned into a timeline (exit 1): an unreadable EDTF date, say."""


def _text(value: Any) -> str:
    """A cell as a string; missing values (NA, None, NaN) become ''."""
    if value is None:
        return ""
    import pandas as pd

    if pd.api.types.is_scalar(value) and pd.isna(value):
        return ""
    return str(value)


def _link(title: str, url: str) -> str:
    label = html.escape(title, quote=False)
    if not url:
        return label
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>'


def _title_slide(descriptor: dict[str, Any], lang: str) -> dict[str, Any]:
    """The title slide: the title, the description's first paragraph and what the
    package is based on. Only the first paragraph: the slide is a fixed height, and the
    whole description would run past it (the page around the timeline carries it).
    In another language than English, the title and that paragraph are the
    translations the interface strings hold (``i18n``)."""
    ui = strings(lang)
    first = re.split(r"\n\s*\n", str(descriptor.get("description", "")).strip())[0]
    title = str(descriptor.get("title", descriptor.get("name", "")))
    if lang != DEFAULT:
        first, title = html.escape(ui["lead"], quote=False), ui["site_title"]
    text = markup.html(first)
    based_on = [
        _link(str(src.get("title", "")), str(src.get("path", "")))
        for src in descriptor.get("sources", [])
        if isinstance(src, dict) and src.get("title")
    ]
    if based_on:
        text += f"<p>{html.escape(ui['based_on'], quote=False)} {'; '.join(based_on)}.</p>"
    return {"text": {"headline": html.escape(title, quote=False), "text": text}}


def group_name(event_type: str) -> str:
    """TimelineJS group of an event type: the value, capitalised ("Registry").

    The schema's category labels are full definitions, far too long for the group
    headers TimelineJS draws beside its time navigator, so the short value is used.
    """
    return event_type[:1].upper() + event_type[1:]


def _dates(parsed: EdtfDate, lang: str) -> dict[str, Any]:
    """``start_date`` / ``end_date`` at the event's precision.

    A single date gives only ``start_date``; a range gives both, each with its own
    ``display_date``; an open start gives its known end as ``start_date`` (the slide's
    display date says "before"); an open end gives its start only.
    """
    if parsed.start is None:
        assert parsed.end is not None
        return {"start_date": parsed.end.parts()}
    out: dict[str, Any] = {"start_date": parsed.start.parts()}
    if (parsed.is_range or parsed.bounded) and parsed.end is not None:
        # Each end says its own words too. Besides being right, this keeps TimelineJS
        # from dropping the end of a range like 2025/2025-10-28: it discards an
        # end_date whose values agree with every key of start_date ({"year": 2025}).
        out["start_date"]["display_date"] = end_words(parsed.start, lang)
        out["end_date"] = {**parsed.end.parts(), "display_date": end_words(parsed.end, lang)}
    return out


def _sources_html(citations: list[dict[str, Any]], ui: dict[str, str],
                  roles: dict[str, str], lang: str = DEFAULT) -> str:
    if not citations:
        return ""
    items = []
    for cite in citations:
        entry = _link(cite["title"], cite["url"])
        if cite["title_en"]:
            entry += f" [{html.escape(cite['title_en'], quote=False)}]"
        about = [x for x in (cite["publisher"], cite["published"]) if x]
        if about:
            entry += ", " + html.escape(", ".join(about), quote=False)
        role = roles.get(cite["role"], cite["role"]) + \
            (f", {cite['locator']}" if cite["locator"] else "")
        if cite["says"]:
            role += "; " + evidence_words(cite["date_stated"], cite["origin"],
                                          cite["original_publisher"], lang)
        entry += f" ({html.escape(role, quote=False)})"
        items.append(f"<li>{entry}</li>")
    return f"<p>{html.escape(ui['sources'], quote=False)}</p><ul>{''.join(items)}</ul>"


def build_timeline(datapackage: PathLike = None, lang: str = DEFAULT) -> dict[str, Any]:
    """The TimelineJS3 JSON object for a data package (the installed one by default),
    its titles, summaries, dates and words in ``lang`` (English by default; the
    package's ``languages()``).

    Raises TimelineDataError when an event's date cannot be read, DescriptorError or
    OSError when the package cannot be read at all, LanguageError for a language the
    package has no texts in (or the site no words for).
    """
    from .load import load_event_sources, load_events, load_sources
    from .tableschema import Schema

    descriptor = read_descriptor(datapackage)
    if lang not in LANGUAGES:
        raise LanguageError(f"no words for {lang!r}: the timeline speaks "
                            f"{', '.join(LANGUAGES)}")
    ui = strings(lang)
    roles = Schema.of(descriptor, "event_sources").field("role").enum_text or []
    role_names = value_names(lang, "role")
    events = load_events(datapackage, lang=lang)
    sources = load_sources(datapackage)
    citations = load_event_sources(datapackage)

    source_by_id: dict[str, dict[str, str]] = {}
    for row in sources.to_dict("records"):
        source_by_id[_text(row["source_id"])] = {str(k): _text(v) for k, v in row.items()}
    by_event: dict[str, list[dict[str, Any]]] = {}
    says = "date_stated" in citations.columns or "origin" in citations.columns
    for row in citations.to_dict("records"):
        src = source_by_id.get(_text(row["source_id"]))
        if src is None:
            continue  # a dangling citation is the checker's business, not the embed's
        by_event.setdefault(_text(row["event_id"]), []).append({
            "title": src.get("title", ""),
            "title_en": src.get("title_en", ""),
            "url": src.get("url", ""),
            "publisher": src.get("publisher", ""),
            "published": src.get("published", ""),
            "role": _text(row["role"]),
            "locator": _text(row.get("locator")),
            "says": says,
            "date_stated": _text(row.get("date_stated")),
            "origin": _text(row.get("origin")),
            "original_publisher": src.get("original_publisher", ""),
        })
    rank = {role: i for i, role in enumerate(roles)}
    for cites in by_event.values():
        cites.sort(key=lambda c: rank.get(c["role"], len(rank)))  # stable: primary first

    slides = []
    for row in events.to_dict("records"):
        event_id = _text(row["event_id"])
        try:
            parsed = parse(_text(row["date"]))
        except ValueError as exc:
            raise TimelineDataError(f"data/events.csv: event {event_id}: date {exc}") from None
        text = f"<p>{html.escape(_text(row['summary']), quote=False)}</p>"
        status, notes = _text(row.get("status")), _text(row.get("notes"))
        if status == "disputed":
            text += _disputed(ui["slide_disputed"])
        if notes:
            text += f"<p><em>{html.escape(ui['note'], quote=False)}</em> " \
                    f"{html.escape(notes, quote=False)}</p>"
        text += _sources_html(by_event.get(event_id, []), ui, role_names, lang)
        slide: dict[str, Any] = _dates(parsed, lang)
        slide["display_date"] = date_words(parsed, lang)
        slide["text"] = {"headline": html.escape(_text(row["title"]), quote=False), "text": text}
        slide["group"] = group_name(_text(row["event_type"]))
        slide["unique_id"] = event_id
        slides.append(slide)
    return {"title": _title_slide(descriptor, lang), "events": slides, "scale": "human"}


def _disputed(words: str) -> str:
    """"Disputed: sources disagree." with its first clause in bold."""
    head, colon, rest = words.partition(":")
    if not colon:
        return f"<p><strong>{html.escape(words, quote=False)}</strong></p>"
    return f"<p><strong>{html.escape(head + colon, quote=False)}</strong>" \
           f"{html.escape(rest, quote=False)}</p>"


def render(timeline: dict[str, Any]) -> str:
    """The JSON text: insertion key order, UTF-8 characters as they are, trailing newline."""
    return json.dumps(timeline, ensure_ascii=False, indent=2) + "\n"


def render_timelinejs(datapackage: PathLike = None, lang: str = DEFAULT) -> str:
    """The TimelineJS3 JSON text of the package (DataError if the data cannot be used)."""
    return render(build_timeline(datapackage, lang))
