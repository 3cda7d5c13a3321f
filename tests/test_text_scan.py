"""The byte-level counts of the translation rule equal the regular expressions that
define them (``checker/text_scan.py``), on generated text of every kind of character
the counts treat differently, in the column layouts Arrow produces."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from russia_panama_timeline.checker import translation_checks
from russia_panama_timeline.checker.text_scan import (
    GROUP_MARK,
    GROUP_SPACE,
    ScriptCounter,
    numbers,
)

# --- the definitions, as regular expressions over whole columns ---------------------------


def letters_by_regex(col: pa.ChunkedArray, pattern: str) -> list[int]:
    kept = pc.replace_substring_regex(col, f"[^{pattern}]", "")
    return pc.fill_null(pc.utf8_length(kept), 0).to_pylist()


def numbers_by_regex(cell: str | None) -> Counter[str]:
    text = pa.array([cell or ""])
    for _ in range(2):
        text = pc.replace_substring_regex(text, GROUP_MARK, r"\1\2\3")
    text = pc.replace_substring_regex(text, GROUP_SPACE, r"\1\2\3\4")
    parts = pc.split_pattern_regex(text, r"[^0-9]+").to_pylist()[0]
    return Counter(p.lstrip("0") or "0" for p in parts if p)


def lost_by_regex(english: list[str | None], text: list[str | None]) -> dict[int, list[str]]:
    out = {}
    for row, (e, t) in enumerate(zip(english, text, strict=True)):
        gone = numbers_by_regex(e) - numbers_by_regex(t)
        if gone:
            out[row] = sorted(gone)
    return out


# --- generated text ---------------------------------------------------------------------

PIECES = [
    "a", "Z", "é", "ñ", "º", "ª", "ß",  # Latin letters, one and two bytes
    "д", "Ж", "ё", "ѣ", "Ԁ",  # Cyrillic letters, two bytes
    "\u0482", "\u0483", "\u0301",  # Cyrillic non-letters, a combining accent
    "ω", "中", "\U0001d49c", "\u2160",  # Greek, CJK, a 4-byte letter, a Latin numeral
    "😀", "—", "«", "»", "\u00a0", "\u202f", "\u2009", " ", ",", ".", "-", "\n",
    "0", "1", "5", "9", "000", "007", "2025", "1,000", "5.000", "5 000", "1,000,000",
    "12 345", "1\u00a0234", "999999999999999999", "1234567890123456789012",
]
cells = st.one_of(st.none(), st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
columns = st.lists(cells, min_size=1, max_size=40)


def layouts(values: list[str | None]) -> list[pa.ChunkedArray]:
    """The same values as one chunk, as sliced chunks (an offset into shared buffers)
    and as large strings."""
    whole = pa.array(["pad", *values, "pad"])
    half = len(values) // 2
    return [
        pa.chunked_array([pa.array(values, pa.string())]),
        pa.chunked_array([whole.slice(1, half), whole.slice(1 + half, len(values) - half)],
                         pa.string()),
        pa.chunked_array([pa.array(values, pa.large_string())]),
    ]


OTHER = {"Cyrillic": "Latin", "Latin": "Cyrillic"}


@settings(max_examples=60, deadline=None)
@given(columns)
@pytest.mark.parametrize("script", ["Cyrillic", "Latin"])
def test_letter_counts_equal_the_regular_expressions(script: str, values: list[str | None]
                                                     ) -> None:
    for col in layouts(values):
        counts = ScriptCounter(script).count(col)
        assert counts.letters.tolist() == letters_by_regex(col, r"\pL")
        assert counts.ours.tolist() == letters_by_regex(col, rf"\p{{{script}}}")


@settings(max_examples=60, deadline=None)
@given(columns)
@pytest.mark.parametrize("script", ["Cyrillic", "Latin"])
def test_every_cell_that_can_be_found_is_searched(script: str, values: list[str | None]
                                                  ) -> None:
    # Only the candidates are counted: every cell with too few letters in the script,
    # or with a character of the other script, must be one.
    for col in layouts(values):
        letters = np.array(letters_by_regex(col, r"\pL"))
        ours = np.array(letters_by_regex(col, rf"\p{{{script}}}"))
        other = np.array(pc.fill_null(pc.match_substring_regex(
            col, rf"\p{{{OTHER[script]}}}"), False).to_pylist(), dtype=bool)
        needed = ((letters > 0) & (ours * 2 < letters)) | other
        candidates = translation_checks._candidates(col, script)
        assert not (needed & ~candidates).any()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=40))
def test_lost_numbers_equal_the_regular_expressions(pairs: list[tuple[str | None, str | None]]
                                                    ) -> None:
    english = [e for e, _ in pairs]
    text = [t for _, t in pairs]
    expected = lost_by_regex(english, text)
    every = np.ones(len(pairs), dtype=bool)
    for e_col, t_col in zip(layouts(english), reversed(layouts(text)), strict=True):
        found = translation_checks._missing_numbers(e_col, t_col, numbers(e_col),
                                                     numbers(t_col), every)
        assert found == expected


def test_a_cell_with_a_separator_is_read_by_the_regular_expressions() -> None:
    col = pa.chunked_array([pa.array(["5,000 and 12", "5 000", "2025 183", "1,0000", "x"])])
    found = numbers(col)
    assert found.odd.tolist() == [0, 1]  # "2025 183": four digits before the space
    assert sorted(zip(found.rows.tolist(), found.values.tolist(), strict=True)) == [
        (0, 0), (0, 5), (0, 12), (1, 0), (1, 5), (2, 183), (2, 2025), (3, 0), (3, 1)]


# --- text hygiene: which cells may have white space at an edge ------------------------------


def test_every_character_arrow_trims_starts_with_a_suspect_byte() -> None:
    from russia_panama_timeline.checker.semantic_checks import _EDGE_SUSPECT

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    kept = pc.utf8_length(pc.utf8_trim_whitespace(pa.array(chars))).to_numpy()
    trimmed = [c for c, n in zip(chars, kept, strict=True) if n == 0]
    assert "\u00a0" in trimmed and "\u3000" in trimmed and " " in trimmed
    assert all(_EDGE_SUSPECT[c.encode()[0]] for c in trimmed)


@settings(max_examples=60, deadline=None)
@given(columns)
def test_edges_are_the_first_byte_and_the_last_characters_first_byte(
        values: list[str | None]) -> None:
    from russia_panama_timeline.checker.columns import edge_bytes

    for col in layouts(values):
        head, tail = edge_bytes(col, last_lead=True)
        cells = [v or "" for v in values]
        assert head.tolist() == [c.encode()[0] if c else 0 for c in cells]
        assert tail.tolist() == [c[-1].encode()[0] if c else 0 for c in cells]
