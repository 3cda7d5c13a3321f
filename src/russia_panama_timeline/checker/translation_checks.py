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
Everything is computed on whole columns with Arrow and numpy.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .columns import mask
from .files import Table, show
from .report import Report

# The script each language is written in, as an RE2 Unicode script name.
SCRIPTS = {"ru": "Cyrillic", "uk": "Cyrillic", "be": "Cyrillic", "es": "Latin", "en": "Latin"}
SAME_NAME_KINDS = ("media", "company")
SAME_LATIN_NAME_KINDS = ("state",)
KIND = "kind"

_NAMES = {"es": "Spanish", "ru": "Russian"}
_MIXED = r"\p{Latin}\p{Cyrillic}|\p{Cyrillic}\p{Latin}"
# A digit group separator: a comma or point between a digit and exactly three digits
# that end a number (1,000,000; 5.000); a space (no-break, thin or plain) only after a
# number of one to three digits (5 000), so that "2025 183" stays two numbers.
_GROUP_MARK = r"(\d)[,.](\d{3})(\D|$)"
_GROUP_SPACE = r"(^|\D)(\d{1,3})[\x{00a0}\x{202f}\x{2009} ](\d{3})(\D|$)"


def _name(lang: str) -> str:
    return _NAMES.get(lang, lang)


def check_translations(table: Table, report: Report) -> None:
    """Every translation column of the table against the column it translates."""
    for lang, fields in table.schema.translations.items():
        for base, column in fields.items():
            if base in table.columns and column in table.columns:
                _check_column(table, report, lang, base, column)


def _present(table: Table, name: str) -> np.ndarray:
    return table.parsed(name).present


def _check_column(table: Table, report: Report, lang: str, base: str, column: str) -> None:
    english, text = table.columns[base], table.columns[column]
    has_english, has_text = _present(table, base), _present(table, column)
    language = _name(lang)

    missing = has_english & ~has_text
    report.add_rows("translation-missing", table.file, column, missing, table.line,
                    lambda i: f"no {language} text for {base} {show(table.value(base, i))}")

    both = has_english & has_text
    same = both & mask(pc.equal(english, text))
    if KIND in table.columns:
        kinds = SAME_NAME_KINDS + (SAME_LATIN_NAME_KINDS if SCRIPTS.get(lang) == "Latin" else ())
        same &= ~mask(pc.is_in(table.columns[KIND], pa.array(kinds)))
    report.add_rows("translation-same", table.file, column, same, table.line,
                    lambda i: f"the {language} text is the English one, "
                              f"{show(table.value(column, i))}: translate it")

    checked = both & ~mask(pc.equal(english, text))  # one fault, one finding
    script = SCRIPTS.get(lang)
    if script is not None:
        wrong, share = _wrong_script(text, script)
        report.add_rows(
            "translation-script", table.file, column, checked & wrong, table.line,
            lambda i: f"only {share[i]:.0%} of the letters of {show(table.value(column, i))} "
                      f"are {script}: {language} is written in {script} letters")
    mixed = checked & mask(pc.match_substring_regex(text, _MIXED))
    if script is not None:
        mixed &= ~wrong
    report.add_rows(
        "translation-script", table.file, column, mixed, table.line,
        lambda i: f"{show(table.value(column, i))} has a word mixing Latin and Cyrillic "
                  "letters (a look-alike letter typed in the wrong alphabet)")

    lost = _missing_numbers(english, text, checked)
    report.add_rows(
        "translation-numbers", table.file, column,
        np.array(sorted(lost), dtype=np.int64), table.line,
        lambda i: f"the English {base} has {', '.join(lost[i])}, which the {language} text "
                  "does not (numbers are compared as digits; write them as numerals)")


def _letters(text: pa.Array | pa.ChunkedArray, pattern: str) -> np.ndarray:
    """How many characters of each cell match ``pattern`` (one character class)."""
    kept = pc.replace_substring_regex(text, f"[^{pattern}]", "")
    return np.asarray(pc.fill_null(pc.utf8_length(kept), 0).to_numpy(zero_copy_only=False))


def _wrong_script(text: pa.Array | pa.ChunkedArray, script: str) -> tuple[np.ndarray, np.ndarray]:
    """(cells whose letters are less than half in ``script``, the share of each)."""
    letters = _letters(text, r"\pL")
    ours = _letters(text, rf"\p{{{script}}}")
    share = np.divide(ours, letters, out=np.ones(len(letters)), where=letters > 0)
    return (letters > 0) & (share < 0.5), share


def _numbers(text: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Every number of every cell as a key ``row\x1fdigits``, group separators and
    leading zeros taken away (a row with a number twice has its key twice)."""
    for _ in range(2):  # 1,000,000 needs two passes: the matches do not overlap
        text = pc.replace_substring_regex(text, _GROUP_MARK, r"\1\2\3")
    text = pc.replace_substring_regex(text, _GROUP_SPACE, r"\1\2\3\4")
    parts = pc.split_pattern_regex(pc.fill_null(text, ""), r"[^0-9]+")
    if isinstance(parts, pa.ChunkedArray):
        parts = parts.combine_chunks()
    rows = pc.list_parent_indices(parts)
    digits = pc.list_flatten(parts)
    keep = pc.not_equal(pc.utf8_length(digits), 0)
    rows, digits = pc.filter(rows, keep), pc.utf8_ltrim(pc.filter(digits, keep), "0")
    digits = pc.if_else(pc.equal(digits, ""), "0", digits)
    keys = pc.binary_join_element_wise(pc.cast(rows, pa.string()), digits, "\x1f")
    return np.asarray(keys.to_numpy(zero_copy_only=False), dtype=object).astype(str)


def _missing_numbers(english: pa.Array | pa.ChunkedArray, text: pa.Array | pa.ChunkedArray,
                     rows: np.ndarray) -> dict[int, list[str]]:
    """Per row (of ``rows``): the numbers the English has more often than the text."""
    if not rows.any():
        return {}
    want, want_n = np.unique(_numbers(english), return_counts=True)
    have, have_n = np.unique(_numbers(text), return_counts=True)
    if len(want) == 0:
        return {}
    counted = np.zeros(len(want), dtype=np.int64)
    if len(have):
        at = np.minimum(np.searchsorted(have, want), len(have) - 1)
        counted = np.where(have[at] == want, have_n[at], 0)
    out: dict[int, list[str]] = {}
    for key in want[want_n > counted]:  # only the findings, in Python
        row, _, number = str(key).partition("\x1f")
        if rows[int(row)]:
            out.setdefault(int(row), []).append(number)
    return out
