"""Letters and numbers of whole text columns, counted on their UTF-8 bytes with numpy.

The translation rule asks of every cell of a column how many of its letters are in a
script, and which numbers it holds. With RE2's replace over every character that runs
at about 45 MB/s, minutes for a million-row package. Here each byte is looked at a few
times with numpy, and the costly regular expressions run only on the few cells that
need them:

- letters: a 64 Ki-entry table classifies each one- and two-byte character from its
  first two bytes (Latin and Cyrillic text is nearly all such characters), and sums
  per cell are taken with ``reduceat``; longer characters are decoded one by one.
- numbers: the runs of ASCII digits of each cell, read as integers. A cell with a
  possible group separator between digits (``5,000``, ``5 000``) or a number too long
  for an integer key is read by the Arrow pipeline of regular expressions instead
  (``joined_numbers``), which is the definition; such cells are few.

Whether a character is a letter, or in a script, is RE2's answer for that character
(``\\pL``, ``\\p{Cyrillic}``), asked once per distinct character, so the counts are those
of the regular expressions; ``tests/test_text_scan.py`` compares them on generated text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .columns import text_chunks, utf8_bytes

_LETTER = 1
_OURS = 1 << 32  # a script's count, in the upper half of one int64 per character
_LOW = (1 << 32) - 1
_WEIGHTS = np.array([0, _LETTER, _OURS, _LETTER + _OURS], dtype=np.int64)  # by class
_UNICODE = 0x110000

# A digit group separator (see translation_checks): a comma or point between a digit
# and exactly three digits that end a number; a space (no-break, thin or plain) only
# after a number of one to three digits.
GROUP_MARK = r"(\d)[,.](\d{3})(\D|$)"
GROUP_SPACE = r"(^|\D)(\d{1,3})[\x{00a0}\x{202f}\x{2009} ](\d{3})(\D|$)"
_SEPARATORS = (b",", b".", b" ", "\u00a0".encode(), "\u202f".encode(), "\u2009".encode())


def _segment_sums(values: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The sum of ``values`` over each cell (``offsets`` as from ``utf8_bytes``)."""
    n = len(offsets) - 1
    out = np.zeros(n, dtype=values.dtype)
    filled = offsets[1:] > offsets[:-1]
    if filled.any():
        out[filled] = np.add.reduceat(values, offsets[:-1][filled])
    return out


def _code_points(data: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The code points of the characters whose first byte is at ``at`` (valid UTF-8)."""
    padded = np.concatenate([data, np.zeros(3, np.uint8)])
    b0 = padded[at].astype(np.int32)
    cont = [padded[at + k].astype(np.int32) & 0x3F for k in (1, 2, 3)]
    two = ((b0 & 0x1F) << 6) | cont[0]
    three = ((b0 & 0x0F) << 12) | (cont[0] << 6) | cont[1]
    four = ((b0 & 0x07) << 18) | (cont[0] << 12) | (cont[1] << 6) | cont[2]
    return np.select([b0 < 0x80, b0 < 0xE0, b0 < 0xF0], [b0, two, three], four)


@dataclass(frozen=True)
class ScriptCounts:
    """Per cell: its letters, and its characters in the script."""

    letters: np.ndarray
    ours: np.ndarray


class ScriptCounter:
    """Counts, per cell, the letters and the characters of one script (``script`` is an
    RE2 script name such as ``Cyrillic``), as ``[^\\pL]`` and ``[^\\p{script}]``
    removed from the cell would leave them."""

    def __init__(self, script: str) -> None:
        self.script = script
        # per code point: 1 a letter, + 2 in the script; -1 not asked yet
        self._classes = np.full(_UNICODE, -1, dtype=np.int8)
        self._pairs: np.ndarray | None = None

    def count(self, col: pa.Array | pa.ChunkedArray) -> ScriptCounts:
        """The counts of every cell."""
        letters, ours = [], []
        for chunk in text_chunks(col):
            data, offsets = utf8_bytes(chunk)
            sums = _segment_sums(self._byte_weights(data), offsets)
            letters.append(sums & _LOW)
            ours.append(sums >> 32)
        if not letters:
            return ScriptCounts(np.zeros(0, np.int64), np.zeros(0, np.int64))
        return ScriptCounts(np.concatenate(letters), np.concatenate(ours))

    def _byte_weights(self, data: np.ndarray) -> np.ndarray:
        """Each byte's weight: its character's, on its first byte; 0 on the others."""
        if len(data) == 0:
            return np.zeros(0, np.int64)
        following = np.empty_like(data)
        following[:-1], following[-1] = data[1:], 0
        weights = self._pair_table()[(data.astype(np.uint16) << 8) | following]
        longer = np.flatnonzero(data >= 0xE0)  # the first byte of 3- and 4-byte characters
        if len(longer):
            weights[longer] = _WEIGHTS[self._classes_of(_code_points(data, longer))]
        return weights

    def _pair_table(self) -> np.ndarray:
        """Weights by the first two bytes: one-byte characters (whatever follows) and
        two-byte ones; continuation bytes weigh nothing."""
        if self._pairs is None:
            classes = np.zeros(1 << 16, dtype=np.int8)
            classes[: 0x80 << 8] = np.repeat(self._classes_of(np.arange(0x80)), 256)
            cps = np.arange(0x80, 0x800)
            classes[((0xC0 | (cps >> 6)) << 8) | (0x80 | (cps & 0x3F))] = self._classes_of(cps)
            self._pairs = _WEIGHTS[classes]
        return self._pairs

    def _classes_of(self, cps: np.ndarray) -> np.ndarray:
        classes = self._classes[cps]
        unknown = classes < 0
        if unknown.any():
            new = np.unique(cps[unknown])
            self._classes[new] = self._ask(new)
            classes = self._classes[cps]
        return classes

    def _ask(self, cps: np.ndarray) -> np.ndarray:
        """RE2's answer for each code point (a surrogate, never in UTF-8 text, is none)."""
        chars = pa.array(["" if 0xD800 <= c < 0xE000 else chr(c) for c in cps.tolist()])
        letter = _as_mask(pc.match_substring_regex(chars, r"\pL"))
        ours = _as_mask(pc.match_substring_regex(chars, rf"\p{{{self.script}}}"))
        return letter.astype(np.int8) + 2 * ours.astype(np.int8)


def _as_mask(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(pc.fill_null(values, False).to_numpy(zero_copy_only=False), dtype=bool)


@dataclass(frozen=True)
class Numbers:
    """The numbers of a column: ``rows[i]`` holds ``values[i]`` (digits read as an
    integer, so leading zeros do not count); ``odd`` rows are left to
    ``joined_numbers`` (a possible group separator, or a number too long)."""

    rows: np.ndarray
    values: np.ndarray
    odd: np.ndarray  # sorted row numbers


_POW10 = 10 ** np.arange(19, dtype=np.int64)  # up to 10**18 (only zeros get that high)


def numbers(col: pa.Array | pa.ChunkedArray, joined: bool = False) -> Numbers:
    """Every run of ASCII digits of every cell, as (row, integer). ``joined``: the
    group separators are already taken away (``odd`` then only has the numbers too
    long for an integer)."""
    rows, values, odd = [], [], []
    base = 0
    for chunk in text_chunks(col):
        data, offsets = utf8_bytes(chunk)
        r, v, o = _chunk_numbers(data, offsets, joined)
        rows.append(r + base)
        values.append(v)
        odd.append(o + base)
        base += len(chunk)
    if not rows:
        empty = np.zeros(0, np.int64)
        return Numbers(empty, empty, empty)
    return Numbers(np.concatenate(rows), np.concatenate(values), np.unique(np.concatenate(odd)))


def _chunk_numbers(data: np.ndarray, offsets: np.ndarray, joined: bool
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    empty = np.zeros(0, np.int64)
    if len(data) == 0:
        return empty, empty, empty
    at = np.flatnonzero((data - np.uint8(0x30)) < 10)  # the digits
    if len(at) == 0:
        return empty, empty, empty
    cell = np.searchsorted(offsets, at, side="right") - 1
    start = np.ones(len(at), dtype=bool)
    start[1:] = (at[1:] != at[:-1] + 1) | (cell[1:] != cell[:-1])
    first = np.flatnonzero(start)
    last = np.append(first[1:], len(at)) - 1
    run = np.cumsum(start) - 1
    power = at[last][run] - at  # each digit's place in its number
    digit = data[at].astype(np.int64) - 0x30
    too_long = (power >= 18) & (digit > 0)  # more than 18 digits: not an int64
    value = np.add.reduceat(digit * _POW10[np.minimum(power, 18)], first)
    long_runs = np.flatnonzero(np.logical_or.reduceat(too_long, first))
    odd = cell[first[long_runs]]
    if not joined:
        odd = np.concatenate([odd, cell[_before_separator(data, at, first, last, cell)]])
    return cell[first], value, odd


def _before_separator(data: np.ndarray, at: np.ndarray, first: np.ndarray,
                      last: np.ndarray, cell: np.ndarray) -> np.ndarray:
    """Indexes (into ``at``) of the numbers that ``GROUP_MARK`` or ``GROUP_SPACE``
    could join to the next one: a separator between them, three digits after it (and
    for a space, one to three before). Every cell those patterns change has one."""
    if len(first) < 2:
        return np.zeros(0, np.int64)
    length = last - first + 1
    ends, starts = at[last[:-1]], at[first[1:]]
    gap = starts - ends - 1
    joinable = (length[1:] == 3) & (cell[first[1:]] == cell[last[:-1]]) & (gap >= 1) & (gap <= 3)
    padded = np.concatenate([data, np.zeros(3, np.uint8)])
    found = np.zeros(len(gap), dtype=bool)
    for sep in _SEPARATORS:
        match = joinable & (gap == len(sep))
        for k, byte in enumerate(sep):
            match &= padded[ends + 1 + k] == byte
        if sep not in (b",", b"."):
            match &= length[:-1] <= 3
        found |= match
    return last[:-1][found]


def joined_numbers(col: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> Numbers:
    """The numbers of the cells ``rows`` once the group separators are taken away by
    regular expressions (``1,000,000`` needs two passes: matches do not overlap);
    ``odd``: the rows with a number too long for an integer (``digit_strings``)."""
    found = numbers(_joined(col, rows), joined=True)
    return Numbers(rows[found.rows], found.values, rows[found.odd])


def _joined(col: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> pa.Array:
    """The cells ``rows`` (ascending) with their group separators taken away. They are
    picked with a mask, chunk by chunk (``take`` would copy the whole column first)."""
    picked = np.zeros(len(col), dtype=bool)
    picked[rows] = True
    text = pc.fill_null(pc.filter(col, pa.array(picked, pa.bool_())), "")
    for _ in range(2):
        text = pc.replace_substring_regex(text, GROUP_MARK, r"\1\2\3")
    text = pc.replace_substring_regex(text, GROUP_SPACE, r"\1\2\3\4")
    return text


def digit_strings(col: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> dict[int, Counter[str]]:
    """The numbers of the cells ``rows`` as digit strings (any length), group
    separators taken away, leading zeros too."""
    out: dict[int, Counter[str]] = {}
    for row, cell in zip(rows.tolist(), _joined(col, rows).to_pylist(), strict=True):
        out[row] = Counter(d.lstrip("0") or "0" for d in re.findall("[0-9]+", cell))
    return out
