"""The translations: every row has each language, in its script, not the English again,
with every number of the English.

A field that translates another says so in the schema (``"translation": {"of":
"title", "language": "ru"}``; ``tableschema.Schema.translations``), so this rule knows
no column by name. English is the reference; for each translation column:

- ``translation-missing``: the English has a text and the translation has none;
- ``translation-same``: the translation is the English text again (a name the language
  writes as English does is allowed: an outlet's or a firm's, rows whose ``kind`` is in
  ``SAME_NAME_KINDS``, and, in a language written in Latin letters, a state's, whose
  ``kind`` is in ``SAME_LATIN_NAME_KINDS``: Guatemala is Guatemala in Spanish);
- ``translation-script``: fewer than half the letters are in the language's script
  (Russian in Cyrillic, Spanish in Latin letters), or a word mixes Latin and Cyrillic
  letters (a Latin ``a`` typed into a Russian word looks right and searches wrong);
- ``translation-numbers``: a number of the English is not in the translation. Numbers
  are compared as digits: group separators (``5,000``, ``5.000``, ``5 000``) and
  leading zeros do not count, and a decimal point or comma splits a number in two, so
  ``1.5`` and ``1,5`` agree.

The usual hygiene (NFC, no stray white space or control characters, no formula
prefix) is the ``text`` rule's, which reads every field, translations included.
Everything is computed on whole columns: letters and numbers are counted on the UTF-8
bytes with numpy (``text_scan``), and only in the cells that can have a finding.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .columns import mask, rows_where
from .files import Table, show
from .report import Report
from .text_scan import Numbers, ScriptCounter, numbers, numbers_by_regex

# The script each language is written in, as an RE2 Unicode script name.
SCRIPTS = {"ru": "Cyrillic", "uk": "Cyrillic", "be": "Cyrillic", "es": "Latin", "en": "Latin"}
SAME_NAME_KINDS = ("media", "company")
SAME_LATIN_NAME_KINDS = ("state",)
KIND = "kind"

_NAMES = {"es": "Spanish", "ru": "Russian"}
_MIXED = r"\p{Latin}\p{Cyrillic}|\p{Cyrillic}\p{Latin}"


def _name(lang: str) -> str:
    return _NAMES.get(lang, lang)


def check_translations(table: Table, report: Report) -> None:
    """Every translation column of the table against the column it translates (the
    English numbers are read once for all the languages)."""
    english: dict[str, Numbers] = {}
    for lang, fields in table.schema.translations.items():
        for base, column in fields.items():
            if base in table.columns and column in table.columns:
                _check_column(table, report, lang, base, column, english)


def _present(table: Table, name: str) -> np.ndarray:
    return table.parsed(name).present


def _check_column(table: Table, report: Report, lang: str, base: str, column: str,
                  english_numbers: dict[str, Numbers]) -> None:
    english, text = table.columns[base], table.columns[column]
    has_english, has_text = _present(table, base), _present(table, column)
    language = _name(lang)

    missing = has_english & ~has_text
    report.add_rows("translation-missing", table.file, column, missing, table.line,
                    lambda i: f"no {language} text for {base} {show(table.value(base, i))}")

    both = has_english & has_text
    equal = mask(pc.equal(english, text))
    same = both & equal
    if KIND in table.columns:
        kinds = SAME_NAME_KINDS + (SAME_LATIN_NAME_KINDS if SCRIPTS.get(lang) == "Latin" else ())
        same &= ~mask(pc.is_in(table.columns[KIND], pa.array(kinds)))
    report.add_rows("translation-same", table.file, column, same, table.line,
                    lambda i: f"the {language} text is the English one, "
                              f"{show(table.value(column, i))}: translate it")

    checked = both & ~equal  # one fault, one finding
    script = SCRIPTS.get(lang)
    wrong = np.zeros(len(checked), dtype=bool)
    mixed_candidates = checked
    if script is not None:
        # Only a cell with a letter outside the script can have too few letters in it,
        # and only one with a character of the other script can mix the two.
        candidates = checked & _candidates(text, script)
        wrong, share = _wrong_script(text, script, candidates)
        report.add_rows(
            "translation-script", table.file, column, checked & wrong, table.line,
            lambda i: f"only {share[i]:.0%} of the letters of {show(table.value(column, i))} "
                      f"are {script}: {language} is written in {script} letters")
        if script in _OTHER:
            mixed_candidates = candidates
    mixed = _matching(text, _MIXED, mixed_candidates) & ~wrong
    report.add_rows(
        "translation-script", table.file, column, mixed, table.line,
        lambda i: f"{show(table.value(column, i))} has a word mixing Latin and Cyrillic "
                  "letters (a look-alike letter typed in the wrong alphabet)")

    if not checked.any():
        return
    if base not in english_numbers:
        english_numbers[base] = numbers(english)
    lost = _missing_numbers(english, text, english_numbers[base], numbers(text), checked)
    report.add_rows(
        "translation-numbers", table.file, column,
        np.array(sorted(lost), dtype=np.int64), table.line,
        lambda i: f"the English {base} has {', '.join(lost[i])}, which the {language} text "
                  "does not (numbers are compared as digits; write them as numerals)")


# The script whose letters a mixed word puts beside those of each of these.
_OTHER = {"Latin": "Cyrillic", "Cyrillic": "Latin"}


def _candidates(text: pa.Array | pa.ChunkedArray, script: str) -> np.ndarray:
    """Cells with a letter outside ``script``, or a character of the other script."""
    pattern = rf"[^\P{{L}}\p{{{script}}}]"
    if script in _OTHER:
        pattern += rf"|\p{{{_OTHER[script]}}}"
    return mask(pc.match_substring_regex(text, pattern))


def _matching(text: pa.Array | pa.ChunkedArray, pattern: str, rows: np.ndarray) -> np.ndarray:
    """Which of the cells ``rows`` match ``pattern`` (the others are False)."""
    out = np.zeros(len(rows), dtype=bool)
    if rows.any():
        out[rows] = mask(pc.match_substring_regex(rows_where(text, rows), pattern))
    return out


_COUNTERS: dict[str, ScriptCounter] = {}


def _wrong_script(text: pa.Array | pa.ChunkedArray, script: str, rows: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(cells of ``rows`` whose letters are less than half in ``script``, the share of
    each: 1 outside ``rows``)."""
    share = np.ones(len(rows))
    if not rows.any():
        return np.zeros(len(rows), dtype=bool), share
    counter = _COUNTERS.setdefault(script, ScriptCounter(script))
    letters, ours = counter.count(rows_where(text, rows))
    share[rows] = np.divide(ours, letters, out=np.ones(len(letters)), where=letters > 0)
    wrong = np.zeros(len(rows), dtype=bool)
    wrong[rows] = (letters > 0) & (share[rows] < 0.5)
    return wrong, share


def _missing_numbers(english: pa.Array | pa.ChunkedArray, text: pa.Array | pa.ChunkedArray,
                     want: Numbers, have: Numbers, rows: np.ndarray) -> dict[int, list[str]]:
    """Per row (of ``rows``): the numbers the English has more often than the text,
    as digit strings in string order."""
    bits = max(1, len(rows).bit_length())
    limit = np.int64(1) << np.int64(63 - bits)
    # Rows read by regular expressions, on both sides: a separator, or a number too
    # long to share an int64 with its row number.
    odd = np.union1d(want.odd, have.odd)
    odd = np.union1d(odd, want.rows[want.values >= limit])
    odd = np.union1d(odd, have.rows[have.values >= limit])
    odd = odd[rows[odd]]
    lost: dict[int, Counter[str]] = {}
    w_all, h_all = numbers_by_regex(english, odd), numbers_by_regex(text, odd)
    for row in odd.tolist():
        gone = w_all[row] - h_all[row]
        if gone:
            lost[row] = gone

    def keys(found: Numbers) -> np.ndarray:
        keep = rows[found.rows] & ~np.isin(found.rows, odd)
        return (found.rows[keep] << np.int64(63 - bits)) | found.values[keep]

    wanted, wanted_n = np.unique(keys(want), return_counts=True)
    had, had_n = np.unique(keys(have), return_counts=True)
    counted = np.zeros(len(wanted), dtype=np.int64)
    if len(had):
        at = np.minimum(np.searchsorted(had, wanted), len(had) - 1)
        counted = np.where(had[at] == wanted, had_n[at], 0)
    short = wanted[wanted_n > counted]
    for row, value in zip((short >> np.int64(63 - bits)).tolist(),
                          (short & (limit - 1)).tolist(), strict=True):
        lost.setdefault(row, Counter())[str(value)] += 1
    return {row: sorted(gone) for row, gone in lost.items()}
