"""The site's interface strings: every word the page says that is not data.

The page (``template.html``, as ``$ui_KEY``) and its script (``site.js``, through
``SITE_DATA.ui``) take their words from here, so a language is one dictionary and a
string is never written twice. ``{name}`` in a string is filled in by the script.
"""

from __future__ import annotations

from typing import Any

DEFAULT = "en"

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "nav_timeline": "Timeline",
        "nav_events": "Events",
        "nav_sources": "Sources",
        "nav_figure": "Figure",
        "nav_downloads": "Downloads",
        "nav_cite": "Cite",
        "nav_reference": "Reference",
        "version": "Version",
        "data_licence": "data licence",
        "noscript": "The interactive timeline and the tables need JavaScript; the figure "
                    "and the downloads below do not.",
        "search": "Search",
        "search_placeholder": "titles, summaries, notes, sources",
        "search_hint": "Case and accents are ignored: colon finds Colón.",
        "filter_type": "Type",
        "filter_status": "Status",
        "filter_decade": "Decade",
        "filter_actor": "Actor",
        "filter_all": "all",
        "clear": "Clear",
        "download_csv": "Download these events (CSV)",
        "download_file": "events-selection.csv",
        "shown_all": "All {n} events.",
        "shown_some": "{shown} of {n} events shown.",
        "decade": "{decade}s",
        "col_date": "Date",
        "col_event": "Event and sources",
        "col_type": "Type",
        "col_status": "Status",
        "col_actors": "Actors",
        "col_events": "Events",
        "edtf_date": "EDTF date",
        "disputed": "Disputed.",
        "contradicted_by": "Contradicted by:",
        "note": "Note:",
        "sources": "Sources:",
        "all_fields": "All fields",
        "in_table": "in the {table} table",
        "counts_sep": ", ",
        "figure_heading": "Figure",
        "figure_text": "Every event on one time axis, one lane per event type; each mark "
                       "shows how precisely the date is known, disputed events are red.",
        "figure_alt": "The timeline figure: every event on one time axis, one lane per "
                      "event type",
        "downloads_heading": "Downloads",
        "downloads_text": "This folder is itself the data package: open "
                          "<code>datapackage.json</code> with frictionless, pandas or any "
                          "Data Package tool.",
        "download_descriptor": "the Frictionless Data Package descriptor (every schema and "
                               "the metadata)",
        "download_figure": "The figure",
        "download_jsonld": "schema.org metadata",
        "cite_heading": "How to cite",
        "reference_heading": "Reference",
        "reference_missing": "The reference pages are in the repository's "
                             "<code>docs/</code>.",
        "footer": "Data licence: {licence}. The timeline is drawn with {timelinejs} by "
                  "Northwestern University Knight Lab, used under the {mpl}. Built by "
                  "<code>russia-panama-timeline site</code> from "
                  "<code>datapackage.json</code>.",
        "mpl": "Mozilla Public License 2.0",
        "back_to_site": "← The timeline, the data and how to cite",
    },
}


def strings(lang: str = DEFAULT) -> dict[str, str]:
    """The interface strings of ``lang``; KeyError for a language the site does not speak."""
    return dict(STRINGS[lang])


def template_values(lang: str = DEFAULT) -> dict[str, Any]:
    """The strings as ``string.Template`` values, ``ui_KEY``, HTML-escaped except those
    that hold markup of their own (a ``<code>``: these strings are ours, not data)."""
    import html

    return {f"ui_{key}": text if "<" in text else html.escape(text)
            for key, text in STRINGS[lang].items()}
