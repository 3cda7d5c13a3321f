"""What a finding tells a person to do: a command that fixes it, or how to fix it by hand.

``fmt`` fixes what can be derived; it leaves alone a file it cannot read as rows (bytes
that are not UTF-8, a header that is not the schema's, a row with too many or too few
cells, a quote never closed, no line break at the end) rather than guess. A finding
about such a file says how to fix it by hand, and a stale pin (``bytes``, ``hash``) on
it says to do that first: "run fmt" would only have ``fmt`` leave the file alone again.
"""

from __future__ import annotations

from .report import Report

BY_HAND = {
    "encoding": "fix it by hand: save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\"), "
                "or retype the character",
    "header": "fix it by hand: line 1 must name the schema's fields, in order",
    "ragged-row": "fix it by hand: one cell per field, and a cell holding the delimiter or "
                  "a line break quoted",
    "csv-syntax": "fix it by hand: close the quote, or double a quote inside the cell",
    "truncated": "if the file is complete, add a line break at its end by hand; if it was "
                 "cut short, restore it (git checkout)",
}

# Findings after which fmt leaves the file alone.
FMT_LEAVES_ALONE = frozenset({"header", "ragged-row", "csv-syntax"})


def pin_hint(report: Report, file: str, complete: bool) -> str:
    """The hint of a stale ``bytes`` or ``hash`` pin: run fmt, unless fmt would leave the
    file alone (then: what to fix by hand first)."""
    blocked = report.codes_in.get(file, set()) & FMT_LEAVES_ALONE
    if file in report.not_utf8 or blocked:
        return (f"fix this file's other findings by hand first (fmt leaves such a file "
                f"alone), then run `{report.fmt_command}`")
    if not complete:
        return (f"the file does not end with a line break, so fmt leaves it alone: "
                f"{BY_HAND['truncated']}, then run `{report.fmt_command}`")
    return f"run `{report.fmt_command}` after editing"
