"""What a citation states about its event, in words: "states 7 April 2025 · relays La
Prensa (Panamá)".

Under each event the site and the TimelineJS export show, for every source, the date
it states (``date_stated``, said as ``edtf_display`` says dates) and whose information
it carries: the citation's ``origin``, else the source's ``original_publisher`` (a
relayed agency item), else nothing, which the schema defines as first-hand. These are
the two facts the evidence rules of the checker rest on, so a reader can check an
event's date and status from the page itself.
"""

from __future__ import annotations

from .edtf_display import display_date


def stated_words(date_stated: str | None) -> str:
    """"states 7 April 2025", or "states no date" for an empty ``date_stated``."""
    if not date_stated:
        return "states no date"
    try:
        return f"states {display_date(date_stated)}"
    except ValueError:  # not a date the display supports: show it as written
        return f"states {date_stated}"


def origin_words(origin: str | None, original_publisher: str | None = None) -> str:
    """"relays X" for the information's origin, "first-hand" where none is given."""
    who = origin or original_publisher
    return f"relays {who}" if who else "first-hand"


def evidence_words(date_stated: str | None, origin: str | None,
                   original_publisher: str | None = None) -> str:
    """Both, joined by a middle dot: "states 7 April 2025 · relays La Prensa (Panamá)"."""
    return f"{stated_words(date_stated)} · {origin_words(origin, original_publisher)}"
