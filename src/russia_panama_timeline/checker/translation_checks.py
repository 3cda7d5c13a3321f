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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .columns import mask, rows_where
from .files import Table, show
from .report import Report
from .text_scan import Numbers, ScriptCounter, digit_strings, joined_numbers, numbers

# The script each language is written in, as an RE2 Unicode script name.
SCRIPTS = {"ru": "Cyrillic", "uk": "Cyrillic", "be": "Cyrillic", "es": "Latin", "en": "Latin"}
SAME_NAME_KINDS = ("media", "company")
SAME_LATIN_NAME_KINDS = ("state",)
KIND = "kind"

THREADS_FROM = 50_000  # rows
_NAMES = {"es": "Spanish", "ru": "Russian"}
_MIXED = r"\p{Latin}\p{Cyrillic}|\p{Cyrillic}\p{Latin}"


def _name(lang: str) -> str:
    return _NAMES.get(lang, lang)


def check_translations(table: Table, report: Report) -> None:
    """Every translation column of the table against the column it translates.

    The columns are worked on two at a time (Arrow and numpy release the GIL), the
    English numbers once for all the languages; findings are reported afterwards in
    column order, so they do not depend on timing."""
    pairs = [(lang, base, column)
             for lang, fields in table.schema.translations.items()
             for base, column in fields.items()
             if base in table.columns and column in table.columns]
    present = {name: table.parsed(name).present for _, *names in pairs for name in names}
    bases = list(dict.fromkeys(base for _, base, _ in pairs))

    def work(lang: str, base: str, column: str) -> list[_Found]:
        return _check_column(table, present, lang, base, column, english[base])

    if table.nrows < THREADS_FROM:  # threads would cost more than they save
        english = {base: numbers(table.columns[base]) for base in bases}
        found = [work(*pair) for pair in pairs]
    else:
        with ThreadPoolExecutor(max_workers=2) as pool:
            english = dict(zip(bases, pool.map(lambda b: numbers(table.columns[b]), bases),
                               strict=True))
            found = list(pool.map(lambda pair: work(*pair), pairs))
    for (_, _, column), column_found in zip(pairs, found, strict=True):
        for code, rows, message in column_found:
            report.add_rows(code, table.file, column, rows, table.line, message)


_Found = tuple[str, np.ndarray, Callable[[int], str]]  # code, rows, message of a row


def _check_column(table: Table, present: dict[str, np.ndarray], lang: str, base: str,
                  column: str, english_numbers: Numbers) -> list[_Found]:
    """The findings of one translation column (pure: safe to run in a thread)."""
    english, text = table.columns[base], table.columns[column]
    has_english, has_text = present[base], present[column]
    language = _name(lang)
    found: list[_Found] = []

    missing = has_english & ~has_text
    found.append(("translation-missing", missing,
                  lambda i: f"no {language} text for {base} {show(table.value(base, i))}"))

    both = has_english & has_text
    equal = mask(pc.equal(english, text))
    same = both & equal
    if KIND in table.columns:
        kinds = SAME_NAME_KINDS + (SAME_LATIN_NAME_KINDS if SCRIPTS.get(lang) == "Latin" else ())
        same &= ~mask(pc.is_in(table.columns[KIND], pa.array(kinds)))
    found.append(("translation-same", same,
                  lambda i: f"the {language} text is the English one, "
                            f"{show(table.value(column, i))}: translate it"))

    checked = both & ~equal  # one fault, one finding
    script = SCRIPTS.get(lang)
    wrong = np.zeros(len(checked), dtype=bool)
    mixed_candidates, text_picked = checked, None
    if script is not None:
        # Only a cell with a letter outside the script can have too few letters in it,
        # and only one with a character of the other script can mix the two: one
        # search (RE2's DFA) finds them, and only they are counted.
        candidates = checked & _candidates(text, script)
        letters, ours = np.zeros(len(checked), np.int64), np.zeros(len(checked), np.int64)
        picked = rows_where(text, candidates) if candidates.any() else None
        if picked is not None:
            counts = _counter(script).count(picked)
            letters[candidates], ours[candidates] = counts.letters, counts.ours
        share = np.divide(ours, letters, out=np.ones(len(letters)), where=letters > 0)
        wrong = candidates & (letters > 0) & (share < 0.5)
        found.append((
            "translation-script", wrong,
            lambda i: f"only {share[i]:.0%} of the letters of {show(table.value(column, i))} "
                      f"are {script}: {language} is written in {script} letters"))
        if script in _OTHER:  # the cells picked already: they are not copied again
            mixed_candidates, text_picked = candidates, picked
    mixed = _matching(text, _MIXED, mixed_candidates, text_picked) & ~wrong
    found.append((
        "translation-script", mixed,
        lambda i: f"{show(table.value(column, i))} has a word mixing Latin and Cyrillic "
                  "letters (a look-alike letter typed in the wrong alphabet)"))

    if checked.any():
        lost = _missing_numbers(english, text, english_numbers, numbers(text), checked)
        found.append((
            "translation-numbers", np.array(sorted(lost), dtype=np.int64),
            lambda i: f"the English {base} has {', '.join(lost[i])}, which the {language} "
                      "text does not (numbers are compared as digits; write them as numerals)"))
    return found


# The script whose letters a mixed word puts beside those of each of these.
_OTHER = {"Latin": "Cyrillic", "Cyrillic": "Latin"}


def _candidates(text: pa.Array | pa.ChunkedArray, script: str) -> np.ndarray:
    """Cells with a letter outside ``script``, or a character of the other script."""
    pattern = rf"[^\P{{L}}\p{{{script}}}]"
    if script in _OTHER:
        pattern += rf"|\p{{{_OTHER[script]}}}"
    return mask(pc.match_substring_regex(text, pattern))


def _matching(text: pa.Array | pa.ChunkedArray, pattern: str, rows: np.ndarray,
              picked: pa.Array | pa.ChunkedArray | None = None) -> np.ndarray:
    """Which of the cells ``rows`` match ``pattern`` (the others are False); ``picked``:
    those cells, if they were picked out of ``text`` already."""
    out = np.zeros(len(rows), dtype=bool)
    if rows.any():
        cells = rows_where(text, rows) if picked is None else picked
        out[rows] = mask(pc.match_substring_regex(cells, pattern))
    return out


_COUNTERS: dict[str, ScriptCounter] = {}


def _counter(script: str) -> ScriptCounter:
    """One counter per script (it remembers what RE2 said of each character)."""
    if script not in _COUNTERS:  # a counter holds a table per code point: build it once
        _COUNTERS[script] = ScriptCounter(script)
    return _COUNTERS[script]


def _missing_numbers(english: pa.Array | pa.ChunkedArray, text: pa.Array | pa.ChunkedArray,
                     want: Numbers, have: Numbers, rows: np.ndarray) -> dict[int, list[str]]:
    """Per row (of ``rows``): the numbers the English has more often than the text,
    as digit strings in string order.

    Each number is a key (row, value) in one int64. A row with a possible group
    separator, on either side, is read again with the separators taken away, on both
    sides; a row with a number too large for the key is compared as digit strings."""
    bits = max(1, len(rows).bit_length())
    shift = np.int64(63 - bits)
    limit = np.int64(1) << shift
    rejoin = np.union1d(want.odd, have.odd)
    rejoin = rejoin[rows[rejoin]]
    want2, have2 = joined_numbers(english, rejoin), joined_numbers(text, rejoin)
    big = np.unique(np.concatenate(
        [want2.odd, have2.odd] + [n.rows[n.values >= limit] for n in (want, have, want2, have2)]))
    big = big[rows[big]]
    lost: dict[int, Counter[str]] = {}
    if len(big):
        w_all, h_all = digit_strings(english, big), digit_strings(text, big)
        for row in big.tolist():
            if gone := w_all[row] - h_all[row]:
                lost[row] = gone

    def keys(found: Numbers, again: Numbers) -> np.ndarray:
        keep = rows[found.rows] & ~np.isin(found.rows, rejoin) & ~np.isin(found.rows, big)
        keep2 = ~np.isin(again.rows, big)
        row = np.concatenate([found.rows[keep], again.rows[keep2]])
        return (row << shift) | np.concatenate([found.values[keep], again.values[keep2]])

    wanted, wanted_n = np.unique(keys(want, want2), return_counts=True)
    had, had_n = np.unique(keys(have, have2), return_counts=True)
    counted = np.zeros(len(wanted), dtype=np.int64)
    if len(had):
        at = np.minimum(np.searchsorted(had, wanted), len(had) - 1)
        counted = np.where(had[at] == wanted, had_n[at], 0)
    short = wanted[wanted_n > counted]
    for row, value in zip((short >> shift).tolist(), (short & (limit - 1)).tolist(),
                          strict=True):
        lost.setdefault(row, Counter())[str(value)] += 1
    return {row: sorted(gone) for row, gone in sorted(lost.items())}
