"""Say an EDTF date in the reader's language: English, Spanish or Russian.

English is ``edtf_display``'s wording, unchanged (the figure, the TimelineJS export and
docs/figure.md use it). Spanish and Russian are written with the Unicode CLDR data
through Babel: month names (with Russian's genitive after a day or a preposition and
nominative alone: "17 июня 1948 г.", "июнь 1948 г."), the date patterns ("17 de junio
de 1948") and the interval patterns, which say what two dates share once
("25–29 de septiembre de 2024", "апрель — июнь 2025 г."). Only the few words around a
date are this module's own (``PHRASES``): "antes del", "не позднее", and so on.

CLDR's interval patterns for a span of days abbreviate the month in some languages
(Russian has only ``yMMMd``); as UTS #35 says, the pattern's month is widened to the
requested width, so months are written in full everywhere.

The forms, as in ``edtf_display`` (Spanish, Russian):

- a day, a month, a year: "17 de junio de 1948", "junio de 1948", "1948";
  "17 июня 1948 г.", "июнь 1948 г.", "1948";
- approximate ``~``, uncertain ``?``, both ``%``: "c. abril de 2025", "abril de 2025
  (?)"; "ок. апреля 2025 г.", "апрель 2025 г. (?)";
- a span ``A/B``: CLDR's interval, or both ends in full when they share nothing or
  carry a qualifier;
- an open start ``../D``: "antes del 24 de febrero de 2022", "до 24 февраля 2022 г."
  (the day after the known end, so the words are exact); an open end ``D/..``: "desde
  marzo de 2014", "с марта 2014 г.";
- one day between two ``[A..B]``: "entre el 1 y el 3 de noviembre de 1988", "между 1 и
  3 ноября 1988 г."; with an open end, ``[..D]``: "el 23 de febrero de 2022 o antes",
  "не позднее 23 февраля 2022 г.", and ``[D..]``: "... o después", "не ранее ...".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from .edtf_display import EdtfDate, Point, display_date, parse, point_words

__all__ = ["LANGUAGES", "date_words", "end_words"]

LANGUAGES = ("en", "es", "ru")
"""The languages dates can be said in; English is ``edtf_display``'s wording."""

# The words around a date, per language; {x} is a date, {a} and {b} the two ends.
# "day" entries are used when the date is a day (Spanish needs the article then).
PHRASES: dict[str, dict[str, str]] = {
    "es": {
        "before": "antes de {x}", "before.day": "antes del {x}",
        "from": "desde {x}", "from.day": "desde el {x}",
        "on_or_before": "en {x} o antes", "on_or_before.day": "el {x} o antes",
        "on_or_after": "en {x} o después", "on_or_after.day": "el {x} o después",
        "between": "entre {a} y {b}", "between.day": "entre el {a} y el {b}",
        "~": "c. {x}", "?": "{x} (?)", "%": "c. {x} (?)",
    },
    "ru": {
        "before": "до {x}", "from": "с {x}",
        "on_or_before": "не позднее {x}", "on_or_after": "не ранее {x}",
        "between": "не ранее {a} и не позднее {b}", "between.day": "между {a} и {b}",
        "~": "ок. {x}", "?": "{x} (?)", "%": "ок. {x} (?)",
    },
}
# Russian governs the genitive after these words (and after "ок."): "до марта", not
# "до март". The genitive month-and-year is CLDR's day-month-year pattern without the day.
_GOVERNED = ("before", "from", "on_or_before", "on_or_after", "between", "~", "%")
_SKELETON = {"day": "yMMMMd", "month": "yMMMM", "year": "y"}
_SEPARATOR = re.compile(r"[\s\u2009\u202f\u00a0–—-]+$")


def _babel() -> Any:
    try:
        import babel.dates
    except ImportError:  # pragma: no cover - babel is a dependency
        raise RuntimeError("dates in Spanish and Russian need Babel: pip install babel") from None
    return babel.dates


@cache
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(lang)


def _day(point: Point) -> dt.date:
    return dt.date(point.year, point.month or 1, point.day or 1)


def _pattern(lang: str, precision: str, governed: bool) -> str:
    """The CLDR pattern for a day (the long date format: "d 'de' MMMM 'de' y"), a month
    (the ``yMMMM`` skeleton) or a year; ``governed`` (after a preposition) gives the
    month in the form a day would take (the genitive, in Russian): the day pattern
    without its day."""
    locale = _locale(lang)
    day = str(locale.date_formats["long"].pattern)
    if precision == "day":
        return day
    if precision == "month" and governed:
        without = re.sub(r"^d+\s*(?:'[^']*'\s*)?", "", day)
        if without != day:
            return without
    return str(locale.datetime_skeletons[_SKELETON[precision]])


def _plain(point: Point, lang: str, governed: bool = False) -> str:
    return str(_babel().format_date(_day(point), _pattern(lang, point.precision, governed),
                                    locale=lang))


def _phrase(lang: str, key: str, precision: str, **values: str) -> str:
    table = PHRASES[lang]
    template = table.get(f"{key}.{precision}", table[key])
    return template.format(**values)


def _qualified(point: Point, lang: str, governed: bool = False) -> str:
    if not point.qualifier:
        return _plain(point, lang, governed)
    words = _plain(point, lang, governed or point.qualifier in _GOVERNED)
    return _phrase(lang, point.qualifier, point.precision, x=words)


def end_words(point: Point, lang: str = "en") -> str:
    """One end of a date in words, with its qualifier: "c. abril de 2025"."""
    if lang == "en":
        return point_words(point)
    _check(lang)
    return _qualified(point, lang)


def _interval(start: Point, end: Point, lang: str) -> tuple[str, str] | None:
    """The two halves of CLDR's interval pattern for two plain ends of one precision
    (the first without its separator), or None when they share nothing to say once."""
    if start.precision != end.precision or start.qualifier or end.qualifier:
        return None
    precision = start.precision
    if precision == "day":
        greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    elif precision == "month":
        greatest = "y" if start.year != end.year else "M"
    else:
        greatest = "y"
    formats = _locale(lang).interval_formats
    skeleton = _SKELETON[precision]
    found = formats.get(skeleton)
    widen = False
    if found is None and precision == "day":
        found, widen = formats.get("yMMMd"), True
    if found is None or greatest not in found:
        return None
    first, second = (str(p) for p in found[greatest])
    if widen:  # UTS #35: the month as wide as the skeleton asks
        first, second = (re.sub(r"(?<!M)MMM(?!M)", "MMMM", p) for p in (first, second))
    babel = _babel()
    return (babel.format_date(_day(start), first, locale=lang),
            babel.format_date(_day(end), second, locale=lang))


def _span(start: Point, end: Point, lang: str) -> str:
    halves = _interval(start, end, lang)
    if halves is not None:
        return halves[0] + halves[1]
    fallback = str(_locale(lang).interval_formats.get(None) or "{0} – {1}")
    return fallback.replace("{0}", _qualified(start, lang)).replace("{1}", _qualified(end, lang))


def _between(start: Point, end: Point, lang: str) -> str:
    precision = start.precision if start.precision == end.precision else "mixed"
    halves = _interval(start, end, lang)
    if halves is not None and (lang != "ru" or precision == "day"):
        a, b = _SEPARATOR.sub("", halves[0]), halves[1]
    else:
        a, b = _plain(start, lang, governed=True), _plain(end, lang, governed=True)
    return _phrase(lang, "between", precision, a=a, b=b)


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"dates cannot be said in {lang!r}; the languages are "
                         f"{', '.join(LANGUAGES)}")


def date_words(date: str | EdtfDate, lang: str = "en") -> str:
    """The date in words in ``lang`` (``en``, ``es`` or ``ru``); ValueError for a date
    ``edtf_display`` cannot read or a language not in ``LANGUAGES``."""
    _check(lang)
    if lang == "en":
        return display_date(date)
    parsed = parse(date) if isinstance(date, str) else date
    start, end = parsed.start, parsed.end
    if parsed.bounded:
        if start is None:
            assert end is not None
            return _phrase(lang, "on_or_before", end.precision,
                           x=_plain(end, lang, governed=True))
        if end is None:
            return _phrase(lang, "on_or_after", start.precision,
                           x=_plain(start, lang, governed=True))
        return _between(start, end, lang)
    if start is None:
        assert end is not None
        following = end.next()
        return _phrase(lang, "before", following.precision,
                       x=_qualified(following, lang, governed=True))
    if end is None:
        return _phrase(lang, "from", start.precision, x=_qualified(start, lang, governed=True))
    if not parsed.is_range:
        return _qualified(start, lang)
    return _span(start, end, lang)
