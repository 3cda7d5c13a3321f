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

from .edtf_words import date_words

# The words of each language of the site: (a stated date, no date, a relay, first-hand).
WORDS = {
    "en": ("states {}", "states no date", "relays {}", "first-hand"),
    "es": ("indica {}", "no indica fecha", "transmite a {}", "de primera mano"),
    "ru": ("дата: {}", "дата не указана", "по данным: {}", "из первых рук"),
}


def stated_words(date_stated: str | None, lang: str = "en") -> str:
    """"states 7 April 2025", or "states no date" for an empty ``date_stated``."""
    said, none = WORDS[lang][:2]
    if not date_stated:
        return none
    try:
        return said.format(date_words(date_stated, lang))
    except ValueError:  # not a date the display supports: show it as written
        return said.format(date_stated)


def origin_words(origin: str | None, original_publisher: str | None = None,
                 lang: str = "en") -> str:
    """"relays X" for the information's origin, "first-hand" where none is given."""
    relays, first = WORDS[lang][2:]
    who = origin or original_publisher
    return relays.format(who) if who else first


def evidence_words(date_stated: str | None, origin: str | None,
                   original_publisher: str | None = None, lang: str = "en") -> str:
    """Both, joined by a middle dot: "states 7 April 2025 · relays La Prensa (Panamá)"."""
    return (f"{stated_words(date_stated, lang)} · "
            f"{origin_words(origin, original_publisher, lang)}")
