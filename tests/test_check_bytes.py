"""The byte-level scan (control characters, C1, DEL, line ends) against plain Python.

``checker.files.scan_bytes`` works on numpy blocks; these tests hold it to a
byte-by-byte reference written here, with blocks made tiny so that every boundary
case (a CRLF or a C2 80 split across two blocks) is met."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from russia_panama_timeline.checker import files

# text made of the bytes that matter, valid UTF-8 (C1 characters included)
pieces = st.sampled_from(["a", ",", "\n", "\r", "\r\n", "\t", "\x7f", "\x85", "\x9f",
                          "\xa0", "é", "«", "П", "\x00", "\x1f", '"'])
texts = st.lists(pieces, max_size=60).map("".join)


def reference(data: bytes) -> dict[str, object]:
    text = data.decode("utf-8")
    return {
        "control": sum(b < 0x20 for b in data),
        "cr": data.count(b"\r"),
        "crlf": data.count(b"\r\n"),
        "lf": data.count(b"\n"),
        "delete": "\x7f" in text,
        "c1": any("\x80" <= ch <= "\x9f" for ch in text),
    }


@pytest.mark.parametrize("block", [1, 2, 3, 7, 1 << 20])
@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_scan_agrees_with_plain_python(block: int, text: str) -> None:
    data = text.encode("utf-8")
    with mock.patch.object(files, "_BLOCK", block):
        scan = files.scan_bytes(data, ascii_=data.isascii())
        lf = files.count_byte(data, 0x0A)
    ref = reference(data)
    assert scan.control == ref["control"]
    assert (scan.delete, scan.c1) == (ref["delete"], ref["c1"])
    if ref["cr"]:  # with a CR every line end is counted
        assert (scan.lf, scan.cr, scan.crlf) == (ref["lf"], ref["cr"], ref["crlf"])
    else:
        assert scan.cr == scan.crlf == 0 and scan.lf in (None, ref["lf"])
    assert lf == ref["lf"]


@pytest.mark.parametrize("block", [1, 2, 5, 1 << 20])
@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_first_line_end_of_each_style(block: int, text: str) -> None:
    data = text.encode("utf-8")
    for style, pattern in (("LF", rb"(?<!\r)\n"), ("CR", rb"\r(?!\n)"), ("CRLF", rb"\r\n")):
        m = re.search(pattern, data)
        with mock.patch.object(files, "_BLOCK", block):
            assert files._first_line_end(data, style) == (m.start() if m else -1), style


def test_an_ascii_file_is_not_searched_for_c1() -> None:
    """C1 characters are not ASCII: the caller's ASCII test spares the search."""
    assert not files.scan_bytes(b"a,b\n1,2\n", ascii_=True).c1
    assert files.scan_bytes("a,\x85\n".encode(), ascii_=False).c1


def test_an_empty_file() -> None:
    scan = files.scan_bytes(b"")
    assert (scan.control, scan.cr, scan.delete, scan.c1) == (0, 0, False, False)
